//! The calendar page: the announced days of a year, and for an administrator of the whole
//! installation the forms that add one (date, day off or make-up working day, announcing
//! document) and remove one entered by mistake.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::Actor;
use thads_app::deadlines::{announce_day, announced_in, withdraw_day};
use thads_core::calendar::{AnnouncedDay, AnnouncedKind};
use thads_core::dates::{format_iso, parse_date};
use thads_core::field::CALENDAR_SOURCE;
use time::Date;

use super::{kind_label, may_announce};
use crate::accounts::{CsrfForm, User};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::state::AppState;

pub struct DayRow {
    pub date: String,
    pub iso: String,
    pub kind: &'static str,
    pub day_off: bool,
    pub source: String,
    pub added_by: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "calendar/calendar.html")]
struct CalendarPage {
    c: Chrome,
    year: i32,
    rows: Vec<DayRow>,
    may_change: bool,
    form: DayForm,
    done: Option<&'static str>,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct YearParam {
    #[serde(default)]
    year: String,
    #[serde(default)]
    done: String,
}

#[derive(Deserialize, Default, Clone)]
pub struct DayForm {
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub source: String,
}

async fn page(
    state: &AppState,
    lang: Lang,
    user: &User,
    year: i32,
    form: DayForm,
    done: Option<&'static str>,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let days = state.blocking(move |s| Ok(announced_in(s.store.as_ref(), year)?)).await?;
    let directory = state.directory();
    let rows = days
        .iter()
        .map(|d| DayRow {
            date: fmt::date(d.day.date),
            iso: format_iso(d.day.date),
            kind: kind_label(lang, d.day.kind),
            day_off: d.day.kind == AnnouncedKind::DayOff,
            source: d.day.source.clone(),
            added_by: directory.staff_name_of(&d.added_by),
        })
        .collect();
    let body = CalendarPage {
        c: user.chrome(state, lang),
        year,
        rows,
        may_change: may_announce(state, user).is_ok(),
        form,
        done,
        error: error.map(|e| e.message(lang)),
    };
    let status = error.map_or(StatusCode::OK, WebError::status);
    Ok((status, body).into_response())
}

/// `GET /calendar?year=`: the announced days of a year (this year by default).
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    user: User,
    Query(p): Query<YearParam>,
) -> Result<Response, WebError> {
    let year = p.year.trim().parse().ok().filter(|y| (1990..=2100).contains(y)).unwrap_or(state.today().year());
    let done = match p.done.as_str() {
        "added" => Some(lang.t("day_added")),
        "removed" => Some(lang.t("day_removed")),
        _ => None,
    };
    page(&state, lang, &user, year, DayForm::default(), done, None).await
}

fn date_of(text: &str) -> Result<Date, WebError> {
    parse_date(text.trim()).map_err(|e| WebError::refused(format!("ngày / date: {e}")))
}

fn actor(state: &AppState, user: &User) -> Actor {
    Actor { login: user.staff.login.to_string(), at: state.now() }
}

/// Runs a change of the calendar once the user may make it, then shows the year of `date`.
async fn change(
    state: AppState,
    lang: Lang,
    user: User,
    form: DayForm,
    done: &'static str,
    work: impl FnOnce(&AppState, &User) -> Result<Date, WebError> + Send + 'static,
) -> Result<Response, WebError> {
    may_announce(&state, &user)?;
    let u = user.clone();
    match state.blocking(move |s| work(s, &u)).await {
        Ok(date) => Ok(see_other(&format!("/calendar?year={}&done={done}", date.year()))),
        Err(e @ WebError::Refused(_)) => {
            let year = parse_date(form.date.trim()).map_or(state.today().year(), |d| d.year());
            page(&state, lang, &user, year, form, None, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /calendar`: adds an announced day off or make-up working day.
pub async fn add(
    State(state): State<AppState>,
    lang: Lang,
    CsrfForm { user, form }: CsrfForm<DayForm>,
) -> Result<Response, WebError> {
    let f = form.clone();
    change(state, lang, user, form, "added", move |s, u| {
        let date = date_of(&f.date)?;
        let kind = match f.kind.as_str() {
            "day_off" => AnnouncedKind::DayOff,
            "working_day" => AnnouncedKind::WorkingDay,
            _ => return Err(WebError::refused("loại ngày không hợp lệ / invalid kind of day")),
        };
        let source = CALENDAR_SOURCE.clean_required(&f.source)?;
        let rules = &s.rules;
        announce_day(s.store.as_ref(), &actor(s, u), rules, AnnouncedDay { date, kind, source })?;
        Ok(date)
    })
    .await
}

/// `POST /calendar/remove`: removes an announced day entered by mistake.
pub async fn remove(
    State(state): State<AppState>,
    lang: Lang,
    CsrfForm { user, form }: CsrfForm<DayForm>,
) -> Result<Response, WebError> {
    let f = form.clone();
    change(state, lang, user, form, "removed", move |s, u| {
        let date = date_of(&f.date)?;
        withdraw_day(s.store.as_ref(), &actor(s, u), &s.rules, date)?;
        Ok(date)
    })
    .await
}
