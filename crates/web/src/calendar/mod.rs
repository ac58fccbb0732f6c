//! The working-day calendar's announced days: the days off and make-up working days the
//! government announces each year, with the document that announces them. Everyone signed in
//! reads them; an administrator of the whole installation adds and removes them (they hold for
//! every unit). Each change is audited and rebuilds the deadlines table
//! (`thads_app::deadlines::announce_day`), since due dates counted in working days may move.

pub mod pages;

use thads_core::calendar::AnnouncedKind;

use crate::accounts::User;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

/// Whether `user` may announce days: an administrator of the whole installation.
pub fn may_announce(state: &AppState, user: &User) -> Result<(), WebError> {
    user.may_administer_installation(state)
}

pub fn kind_label(lang: Lang, kind: AnnouncedKind) -> &'static str {
    match kind {
        AnnouncedKind::DayOff => lang.t("day_off"),
        AnnouncedKind::WorkingDay => lang.t("working_day"),
    }
}
