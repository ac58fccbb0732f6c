//! The pages of the register: `GET /admin-judgments?unit=&year=` (figures of the reporting
//! year, the late bodies, the judgments with their next step, the form to register one),
//! `POST /admin-judgments?unit=`, `GET /admin-judgments/{id}` (the judgment, its steps, what
//! is due and the step form), `POST /admin-judgments/{id}/steps`, and the XLSX export.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Deserialize;
use thads_app::Actor;
use thads_app::admin_judgments::{JudgmentRow, due_steps, late_bodies_of, register_of, stats_of};
use thads_app::deadlines::DeadlineSetup;
use thads_core::ReportingYear;
use thads_core::access::Action;
use thads_core::admin_judgments::{Actor as Who, AdminJudgmentId, MonitorStats, Step};
use thads_core::dates::{format_iso, parse_date};

use super::api::judgment_of;
use super::{JudgmentAccess, MonitorAdminJudgments, ViewAdminJudgments};
use crate::accounts::{Allowed, CsrfForm, User};
use crate::chrome::{Chrome, Flash};
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::state::AppState;

/// The name of a step in the reader's language.
pub fn step_name(step: Step, lang: Lang) -> &'static str {
    match step {
        Step::VoluntaryNotice => lang.t("aj_step_voluntary_notice"),
        Step::BodyReport => lang.t("aj_step_body_report"),
        Step::InformationRequest => lang.t("aj_step_information_request"),
        Step::CompulsionDecision => lang.t("aj_step_compulsion_decision"),
        Step::WorkingSession => lang.t("aj_step_working_session"),
        Step::Publication => lang.t("aj_step_publication"),
        Step::SuperiorDirective => lang.t("aj_step_superior_directive"),
        Step::ReportToSuperior => lang.t("aj_step_report_to_superior"),
        Step::ResponsibilityProposal => lang.t("aj_step_responsibility_proposal"),
        Step::ProposalReply => lang.t("aj_step_proposal_reply"),
        Step::Completed => lang.t("aj_step_completed"),
        Step::Unpublished => lang.t("aj_step_unpublished"),
    }
}

/// Who must act, in the reader's language.
fn actor_name(who: Who, lang: Lang) -> &'static str {
    match who {
        Who::Agency => lang.t("aj_actor_agency"),
        Who::Body => lang.t("aj_actor_body"),
        Who::Superior => lang.t("aj_actor_superior"),
        Who::Court => lang.t("aj_actor_court"),
        Who::Creditor => lang.t("aj_actor_creditor"),
    }
}

pub struct Row {
    pub id: i64,
    pub unit: String,
    pub court: String,
    pub judgment_no: String,
    pub judgment_on: String,
    pub body: String,
    pub obligation: String,
    pub status: String,
    pub late: bool,
    pub next: String,
    pub next_due: String,
    pub next_overdue: bool,
}

pub struct LateRow {
    pub body: String,
    pub late: u32,
    pub since: String,
    pub age_days: i64,
}

#[derive(Deserialize, Default, Clone)]
pub struct JudgmentForm {
    #[serde(default)]
    pub court: String,
    #[serde(default)]
    pub judgment_no: String,
    #[serde(default)]
    pub judgment_on: String,
    #[serde(default)]
    pub received_on: String,
    #[serde(default)]
    pub body_received_on: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub body_level: String,
    #[serde(default)]
    pub point: String,
    #[serde(default)]
    pub obligation: String,
}

#[derive(Deserialize, Default)]
pub struct ListParams {
    pub year: Option<i32>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin_judgments/list.html")]
struct ListPage {
    c: Chrome,
    unit: String,
    unit_name: String,
    year: i32,
    stats: MonitorStats,
    rows: Vec<Row>,
    late: Vec<LateRow>,
    may_change: bool,
    form: JudgmentForm,
    error: Option<String>,
}

fn row_of(r: &JudgmentRow, lang: Lang, unit: String) -> Row {
    let status = match (r.completed_on, r.late_since) {
        (Some(d), _) => format!("{} {}", lang.t("aj_completed"), fmt::date(d)),
        (None, Some(d)) => format!("{} {}", lang.t("aj_late_since"), fmt::date(d)),
        (None, None) => lang.t("aj_in_progress").to_string(),
    };
    Row {
        id: r.id,
        unit,
        court: r.court.clone(),
        judgment_no: r.judgment_no.clone(),
        judgment_on: fmt::date(r.judgment_on),
        body: r.body.clone(),
        obligation: r.obligation.clone(),
        status,
        late: r.late_since.is_some() && r.completed_on.is_none(),
        next: r.next_step.map_or_else(String::new, |s| step_name(s, lang).to_string()),
        next_due: r.next_due.map_or_else(String::new, fmt::date),
        next_overdue: r.next_overdue,
    }
}

/// The register of `unit`'s scope on today, and its figures for `year`.
async fn read(
    state: &AppState,
    unit: thads_core::UnitId,
    year: ReportingYear,
) -> Result<(Vec<JudgmentRow>, Vec<thads_core::admin_judgments::LateBody>, MonitorStats), WebError> {
    let scope: Vec<_> = state.directory().units.scope(unit).into_iter().collect();
    let today = state.today();
    let period = year.cumulative(12).map_err(|e| WebError::BadRequest(e.to_string()))?;
    state
        .blocking(move |s| {
            let store = s.store.as_ref();
            let setup = DeadlineSetup::load(store)?;
            let rows = register_of(store, &scope, today, &setup.calendar)?;
            let late = late_bodies_of(store, &scope, today, &setup.calendar)?;
            Ok((rows, late, stats_of(store, &scope, period)?))
        })
        .await
}

#[allow(clippy::too_many_arguments)]
async fn list_page(
    state: &AppState,
    lang: Lang,
    user: &User,
    unit: &thads_core::Unit,
    year: Option<i32>,
    form: JudgmentForm,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let year = match year {
        Some(y) => ReportingYear::new(y).map_err(|e| WebError::BadRequest(e.to_string()))?,
        None => ReportingYear::containing(state.today()),
    };
    let (rows, late, stats) = read(state, unit.id, year).await?;
    let directory = state.directory();
    let code = |u| directory.units.get(u).map_or_else(String::new, |u| u.code.to_string());
    let page = ListPage {
        c: user.chrome(state, lang),
        unit: unit.code.to_string(),
        unit_name: unit.name.clone(),
        year: year.number(),
        stats,
        rows: rows.iter().map(|r| row_of(r, lang, code(r.unit))).collect(),
        late: late
            .into_iter()
            .map(|l| LateRow { body: l.body, late: l.late, since: fmt::date(l.late_since), age_days: l.age_days })
            .collect(),
        may_change: user.may(state, Action::MonitorAdminJudgments { unit: unit.id }).is_ok(),
        form,
        error: error.map(|e| e.message(lang)),
    };
    Ok((error.map_or(StatusCode::OK, WebError::status), page).into_response())
}

/// `GET /admin-judgments?unit=&year=`.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewAdminJudgments>,
    Query(p): Query<ListParams>,
) -> Result<Response, WebError> {
    list_page(&state, lang, &access.user, &access.unit, p.year, JudgmentForm::default(), None).await
}

/// `POST /admin-judgments?unit=`: registers a judgment in the unit.
pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<MonitorAdminJudgments>,
    CsrfForm { user, form }: CsrfForm<JudgmentForm>,
) -> Result<Response, WebError> {
    let f = form.clone();
    let unit = access.unit.clone();
    let actor = Actor { login: user.staff.login.to_string(), at: state.now() };
    let today = state.today();
    let result = state
        .blocking(move |s| {
            let opt = |t: &str| Some(t.to_string()).filter(|t| !t.trim().is_empty());
            let j = judgment_of(
                &unit,
                &f.court,
                &f.judgment_no,
                &f.judgment_on,
                &f.body,
                &f.obligation,
                opt(&f.received_on).as_deref(),
                opt(&f.body_received_on).as_deref(),
                opt(&f.point).as_deref(),
                opt(&f.body_level).as_deref(),
                today,
            )?;
            Ok(thads_app::admin_judgments::register(s.store.as_ref(), &actor, j)?)
        })
        .await;
    match result {
        Ok(id) => Ok(see_other_saying(&format!("/admin-judgments/{}", id.0), Flash::Saved)),
        Err(e @ WebError::Refused(_)) => list_page(&state, lang, &user, &access.unit, None, form, Some(&e)).await,
        Err(e) => Err(e),
    }
}

pub struct StepRow {
    pub date: String,
    pub step: String,
    pub note: String,
    pub by: String,
}

pub struct DueRow {
    pub step: String,
    pub who: String,
    pub due: String,
    pub overdue: bool,
    pub citation: String,
}

pub struct StepChoice {
    pub code: &'static str,
    pub name: &'static str,
}

#[derive(Deserialize, Default, Clone)]
pub struct StepForm {
    #[serde(default)]
    pub step: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin_judgments/judgment.html")]
struct JudgmentPage {
    c: Chrome,
    id: i64,
    unit: String,
    court: String,
    judgment_no: String,
    judgment_on: String,
    received_on: String,
    body: String,
    obligation: String,
    point: String,
    steps: Vec<StepRow>,
    due: Vec<DueRow>,
    may_change: bool,
    choices: Vec<StepChoice>,
    form: StepForm,
    error: Option<String>,
}

async fn judgment_page(
    state: &AppState,
    lang: Lang,
    access: &JudgmentAccess,
    form: StepForm,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let r = &access.judgment;
    let j = &r.judgment;
    let (unit, id, today) = (j.unit, r.id.0, state.today());
    let due = state
        .blocking(move |s| {
            let setup = DeadlineSetup::load(s.store.as_ref())?;
            Ok(due_steps(s.store.as_ref(), &[unit], today, &setup.calendar)?)
        })
        .await?;
    let directory = state.directory();
    let page = JudgmentPage {
        c: access.user.chrome(state, lang),
        id,
        unit: directory.unit_label(j.unit),
        court: j.court.clone(),
        judgment_no: j.judgment_no.clone(),
        judgment_on: fmt::date(j.judgment_on),
        received_on: fmt::date(j.received_on),
        body: j.body.clone(),
        obligation: j.obligation.clone(),
        point: j.point.code().to_string(),
        steps: r
            .steps
            .iter()
            .map(|s| StepRow {
                date: fmt::date(s.date),
                step: step_name(s.step, lang).to_string(),
                note: s.note.clone(),
                by: directory.staff_name_of(&s.recorded_by),
            })
            .collect(),
        due: due
            .into_iter()
            .filter(|d| d.id == id)
            .map(|d| DueRow {
                step: step_name(d.step, lang).to_string(),
                who: actor_name(d.who, lang).to_string(),
                due: fmt::date(d.due),
                overdue: d.overdue,
                citation: d.citation,
            })
            .collect(),
        may_change: access.may_change(state).is_ok(),
        choices: Step::ALL.into_iter().map(|s| StepChoice { code: s.code(), name: step_name(s, lang) }).collect(),
        form: StepForm { date: if form.date.is_empty() { format_iso(today) } else { form.date }, ..form },
        error: error.map(|e| e.message(lang)),
    };
    Ok((error.map_or(StatusCode::OK, WebError::status), page).into_response())
}

/// `GET /admin-judgments/{id}`.
pub async fn show(State(state): State<AppState>, lang: Lang, access: JudgmentAccess) -> Result<Response, WebError> {
    judgment_page(&state, lang, &access, StepForm::default(), None).await
}

/// `POST /admin-judgments/{id}/steps`: records a monitoring step.
pub async fn add_step(
    State(state): State<AppState>,
    lang: Lang,
    access: JudgmentAccess,
    CsrfForm { form, .. }: CsrfForm<StepForm>,
) -> Result<Response, WebError> {
    access.may_change(&state)?;
    let (f, id) = (form.clone(), AdminJudgmentId(access.judgment.id.0));
    let actor = Actor { login: access.user.staff.login.to_string(), at: state.now() };
    let result = state
        .blocking(move |s| {
            let refuse =
                |field: &'static str, m: String| WebError::Refused(crate::refusal::Refusal::of_field(field, m));
            let step = Step::parse(&f.step).ok_or_else(|| refuse("step", "bước không hợp lệ / unknown step".into()))?;
            let date =
                parse_date(f.date.trim()).map_err(|_| refuse("date", "ngày không hợp lệ / not a date".into()))?;
            let setup = DeadlineSetup::load(s.store.as_ref())?;
            Ok(thads_app::admin_judgments::record_step(
                s.store.as_ref(),
                &actor,
                &setup.calendar,
                id,
                step,
                date,
                &f.note,
            )?)
        })
        .await;
    match result {
        Ok(_) => Ok(see_other_saying(&format!("/admin-judgments/{}", id.0), Flash::Saved)),
        Err(e @ WebError::Refused(_)) => judgment_page(&state, lang, &access, form, Some(&e)).await,
        Err(e) => Err(e),
    }
}

fn workbook(rows: &[Row], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.t("aj_sheet"))?;
    let bold = Format::new().set_bold();
    let headings = [
        "unit",
        "aj_court",
        "aj_judgment_no",
        "aj_judgment_on",
        "aj_body",
        "aj_obligation",
        "aj_status",
        "aj_next",
        "due",
    ];
    for (col, h) in (0_u16..).zip(headings) {
        sheet.write_string_with_format(0, col, lang.t(h), &bold)?;
        sheet.set_column_width(col, if col >= 4 { 30.0 } else { 14.0 })?;
    }
    for (row, r) in (1_u32..).zip(rows) {
        let cells = [
            &r.unit,
            &r.court,
            &r.judgment_no,
            &r.judgment_on,
            &r.body,
            &r.obligation,
            &r.status,
            &r.next,
            &r.next_due,
        ];
        for (col, text) in (0_u16..).zip(cells) {
            sheet.write_string(row, col, text.as_str())?;
        }
    }
    sheet.autofilter(0, 0, u32::try_from(rows.len()).unwrap_or(u32::MAX - 1), 8)?;
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

/// `GET /admin-judgments/export?unit=`: the register as XLSX.
pub async fn export(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewAdminJudgments>,
) -> Result<Response, WebError> {
    let (rows, _, _) = read(&state, access.unit.id, ReportingYear::containing(state.today())).await?;
    let directory = state.directory();
    let code = |u| directory.units.get(u).map_or_else(String::new, |u| u.code.to_string());
    let rows: Vec<Row> = rows.iter().map(|r| row_of(r, lang, code(r.unit))).collect();
    let body = workbook(&rows, lang).map_err(WebError::internal)?;
    let name = format!("thads-an-hanh-chinh-{}-{}.xlsx", access.unit.code, format_iso(state.today()));
    xlsx(body, &name)
}

/// An XLSX download named `name`.
pub fn xlsx(body: Vec<u8>, name: &str) -> Result<Response, WebError> {
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    );
    let disposition = format!("attachment; filename=\"{name}\"");
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(WebError::internal)?);
    Ok(response)
}
