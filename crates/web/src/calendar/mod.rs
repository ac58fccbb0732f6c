//! The working-day calendar's announced days: the days off and make-up working days the
//! government announces each year, with the document that announces them. Everyone signed in
//! reads them; an administrator of the whole installation adds and removes them (they hold for
//! every unit). Each change is audited and rebuilds the deadlines table
//! (`thads_app::deadlines::announce_day`), since due dates counted in working days may move.

pub mod pages;

use thads_core::access::Action;
use thads_core::calendar::AnnouncedKind;

use crate::accounts::User;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

/// Whether `user` administers the whole installation (`ManageUsers` on every root unit).
pub fn may_announce(state: &AppState, user: &User) -> Result<(), WebError> {
    let directory = state.directory();
    let roots: Vec<_> = directory.units.all().iter().filter(|u| u.parent.is_none()).map(|u| u.id).collect();
    if roots.is_empty() {
        return Err(WebError::NotFound);
    }
    roots.into_iter().try_for_each(|unit| user.may(state, Action::ManageUsers { unit }))
}

pub fn kind_label(lang: Lang, kind: AnnouncedKind) -> &'static str {
    match kind {
        AnnouncedKind::DayOff => lang.t("day_off"),
        AnnouncedKind::WorkingDay => lang.t("working_day"),
    }
}
