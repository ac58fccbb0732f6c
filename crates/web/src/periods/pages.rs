//! `GET /periods?unit=`: the unit and its direct subordinate units, month by month (closed,
//! open, late), the forms that close and reopen a month (for the unit's head) and the unit's
//! snapshots with the form that saves one. `POST /periods/close`, `POST /periods/reopen`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::Actor;
use thads_app::periods::{UnitMonths, overview, reopen};
use thads_core::access::Action;
use thads_core::periods::{month_code, parse_month};
use thads_core::{ReportingYear, Unit};

use super::{ClosePeriod, MONTHS_SHOWN, close_now};
use crate::accounts::{Allowed, CsrfForm, User};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::state::AppState;
use crate::stats::ViewReports;

pub struct MonthCell {
    pub month: String,
    pub status: &'static str,
    /// The text key of the status.
    pub label: &'static str,
    pub title: String,
}

pub struct UnitLine {
    pub code: String,
    pub name: String,
    pub cells: Vec<MonthCell>,
}

pub struct SnapshotLine {
    pub id: i64,
    pub kind_label: &'static str,
    pub from: String,
    pub to: String,
    pub taken_at: String,
    pub taken_by: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "periods/periods.html")]
struct PeriodsPage {
    c: Chrome,
    unit: String,
    months: Vec<String>,
    lines: Vec<UnitLine>,
    /// The months the unit itself closed (to reopen), newest first.
    closed: Vec<String>,
    may_close: bool,
    may_save: bool,
    default_month: String,
    year: i32,
    snapshots: Vec<SnapshotLine>,
    done: String,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct DoneParam {
    #[serde(default)]
    done: String,
}

#[derive(Deserialize, Default, Clone)]
pub struct MonthForm {
    #[serde(default)]
    pub month: String,
    #[serde(default)]
    pub reason: String,
}

fn line(row: &UnitMonths, lang: Lang) -> UnitLine {
    let cells = row
        .months
        .iter()
        .map(|(m, status, closing)| MonthCell {
            month: month_code(*m),
            status: status.code(),
            label: match status {
                thads_core::periods::MonthStatus::Closed => lang.t("period_status_closed"),
                thads_core::periods::MonthStatus::Open => lang.t("period_status_open"),
                thads_core::periods::MonthStatus::Late => lang.t("period_status_late"),
                thads_core::periods::MonthStatus::Inactive => lang.t("period_status_inactive"),
            },
            title: closing.as_ref().map_or_else(String::new, |c| {
                let by = lang.pick("chốt bởi", "closed by");
                format!("{by} {} · {}", c.closed_by, fmt::instant(c.closed_at))
            }),
        })
        .collect();
    UnitLine { code: row.code.clone(), name: row.name.clone(), cells }
}

async fn page(
    state: &AppState,
    lang: Lang,
    user: &User,
    unit: &Unit,
    done: String,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let (id, today) = (unit.id, state.today());
    let (rows, snapshots, own) = state
        .blocking(move |s| {
            let rows = overview(s.store.as_ref(), &s.directory().units, id, MONTHS_SHOWN, today)?;
            Ok((rows, s.store.snapshots_of(&[id], 50)?, s.store.closings_of(&[id])?))
        })
        .await?;
    let months = rows.first().map(|r| r.months.iter().map(|(m, _, _)| month_code(*m)).collect()).unwrap_or_default();
    // Every month the unit itself closed, newest first (older than the months shown too).
    let closed = own.iter().filter(|c| c.is_closed()).map(|c| month_code(c.month)).collect();
    let snapshots = snapshots
        .into_iter()
        .map(|s| SnapshotLine {
            id: s.id,
            kind_label: super::super::snapshots::kind_label(s.kind, lang),
            from: fmt::date(s.from),
            to: fmt::date(s.to),
            taken_at: fmt::instant(s.taken_at),
            taken_by: s.taken_by,
        })
        .collect();
    let body = PeriodsPage {
        c: user.chrome(state, lang),
        unit: unit.code.to_string(),
        months,
        lines: rows.iter().map(|r| line(r, lang)).collect(),
        closed,
        may_close: user.may(state, Action::ClosePeriod { unit: id }).is_ok(),
        may_save: user.may(state, Action::SaveSnapshot { unit: id }).is_ok(),
        default_month: month_code(thads_core::MonthKey::of(today).previous()),
        year: ReportingYear::containing(today).number(),
        snapshots,
        done,
        error: error.map(|e| e.message(lang)),
    };
    let status = error.map_or(StatusCode::OK, WebError::status);
    Ok((status, body).into_response())
}

/// `GET /periods?unit=`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewReports>,
    Query(p): Query<DoneParam>,
) -> Result<Response, WebError> {
    let done = if matches!(p.done.as_str(), "closed" | "reopened") { p.done } else { String::new() };
    page(&state, lang, &access.user, &access.unit, done, None).await
}

fn month_of(form: &MonthForm) -> Result<thads_core::MonthKey, WebError> {
    parse_month(form.month.trim()).map_err(|e| WebError::refused(e.to_string()))
}

/// `POST /periods/close?unit=`: closes a month (the report is frozen as a snapshot).
pub async fn close_month(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ClosePeriod>,
    CsrfForm { user, form }: CsrfForm<MonthForm>,
) -> Result<Response, WebError> {
    let (u, unit) = (user.clone(), access.unit.id);
    let result = state
        .blocking(move |s| {
            let month = month_of(&form)?;
            close_now(s, u.staff.login.to_string(), unit, month)
        })
        .await;
    finish(&state, lang, &user, &access.unit, result.map(|_| "closed")).await
}

/// `POST /periods/reopen?unit=`: reopens a closed month, with a reason.
pub async fn reopen_month(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ClosePeriod>,
    CsrfForm { user, form }: CsrfForm<MonthForm>,
) -> Result<Response, WebError> {
    let (u, unit) = (user.clone(), access.unit.id);
    let result = state
        .blocking(move |s| {
            let month = month_of(&form)?;
            let actor = Actor { login: u.staff.login.to_string(), at: s.now() };
            Ok(reopen(s.store.as_ref(), &actor, unit, month, &form.reason)?)
        })
        .await;
    finish(&state, lang, &user, &access.unit, result.map(|_| "reopened")).await
}

async fn finish(
    state: &AppState,
    lang: Lang,
    user: &User,
    unit: &Unit,
    result: Result<&str, WebError>,
) -> Result<Response, WebError> {
    match result {
        Ok(done) => Ok(see_other(&format!("/periods?unit={}&done={done}", unit.code))),
        Err(e @ (WebError::Refused(_) | WebError::NotFound)) => {
            page(state, lang, user, unit, String::new(), Some(&e)).await
        }
        Err(e) => Err(e),
    }
}
