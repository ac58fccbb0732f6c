//! The section's intake queue in the staff app: `GET /request-queue` (a scope's requests, open
//! first, with the day each is due), `GET /request-queue/{id}` (a request, its attachments, its
//! time limits with their citations, the forms of its next steps), the download of an
//! attachment, and the steps: `POST /request-queue/{id}/supplement`, `/register`, `/refuse`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::Actor;
use thads_app::requests::{Registration, RequestSetup, Step, apply_step, register};
use thads_core::dates::format_vn;
use thads_core::requests::{LimitKind, RequestId};
use thads_core::{CaseNo, JudgmentType, StaffId, Vnd};
use thads_store::{AttachmentMeta, RequestRow};

use super::{state_words, visible_request};
use crate::accounts::{Allowed, CsrfForm, User};
use crate::cases::intake::TakeIn;
use crate::chrome::{Chrome, Flash};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::refusal::Refusal;
use crate::state::AppState;

/// A refusal naming `field`.
pub fn bad(field: &'static str, both_languages: impl Into<String>) -> WebError {
    WebError::Refused(Refusal::of_field(field, both_languages))
}

/// One request in the queue.
pub struct Line {
    pub id: i64,
    pub number: String,
    pub received_on: String,
    pub requester: String,
    pub judgment: String,
    pub state: &'static str,
    pub state_code: &'static str,
    pub due: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "requests/queue.html")]
struct QueuePage {
    c: Chrome,
    unit: String,
    lines: Vec<Line>,
}

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    /// `open` (default) or `all`.
    #[serde(default)]
    show: String,
}

/// The requests of a unit's scope, newest first.
pub fn rows_of(state: &AppState, unit: thads_core::UnitId) -> Result<Vec<RequestRow>, WebError> {
    let scope: Vec<_> = state.directory().units.scope(unit).into_iter().collect();
    Ok(state.store.requests_of(&scope)?)
}

/// `GET /request-queue?unit=CODE&show=open|all`.
pub async fn queue(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<TakeIn>,
    Query(q): Query<QueueQuery>,
) -> Result<Response, WebError> {
    let unit = access.unit.id;
    let all = q.show == "all";
    let rows = state.blocking(move |s| rows_of(s, unit)).await?;
    let lines = rows
        .iter()
        .filter(|r| all || r.progress.state.is_open())
        .map(|r| {
            let f = &r.request.form;
            Line {
                id: r.id.0,
                number: r.request.number.to_string(),
                received_on: format_vn(r.request.received_on),
                requester: f.requester.name.clone(),
                judgment: format!("{} — {}", f.judgment.number, f.judgment.court),
                state: state_words(r.progress.state, lang),
                state_code: r.progress.state.code(),
                due: format_vn(r.request.appointment_on),
            }
        })
        .collect();
    let page = QueuePage { c: access.user.chrome(&state, lang), unit: access.unit.code.to_string(), lines };
    Ok(page.into_response())
}

/// A time limit as the page shows it.
pub struct LimitLine {
    pub what: String,
    pub due: String,
    pub citation: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "requests/show.html")]
struct ShowPage {
    c: Chrome,
    id: i64,
    number: String,
    unit: String,
    state: &'static str,
    state_code: &'static str,
    open: bool,
    r: RequestRow,
    received_on: String,
    judgment_on: String,
    supplement: String,
    files: Vec<AttachmentMeta>,
    limits: Vec<LimitLine>,
    judgments: Vec<(String, String)>,
    officers: Vec<(String, String)>,
    error: Option<String>,
}

async fn show_page(
    state: &AppState,
    user: &User,
    lang: Lang,
    id: i64,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let u = user.clone();
    let (row, files, limits) = state
        .blocking(move |s| {
            let row = visible_request(s, &u, id)?;
            let files = s.store.request_attachments(row.id)?;
            let setup = RequestSetup::load(s.store.as_ref())?;
            let received = row.request.received_on;
            let limits: Vec<LimitLine> = [LimitKind::AskSupplement, LimitKind::Decide, LimitKind::Refuse]
                .into_iter()
                .filter_map(|kind| setup.limits.from(kind, received, setup.calendar()))
                .map(|d| LimitLine {
                    what: d.limit.name_vi.clone(),
                    due: format_vn(d.due),
                    citation: format!("{} ({:?})", d.limit.citation, d.limit.confidence),
                })
                .collect();
            Ok((row, files, limits))
        })
        .await?;
    let f = &row.request.form;
    let unit = state.directory().unit_label(row.handled_by);
    let supplement = row
        .progress
        .supplement
        .as_ref()
        .map(|s| format!("{} — {} {}", s.what, lang.t("req_due_on"), format_vn(s.due_on)))
        .unwrap_or_default();
    let choices = crate::cases::intake::FormChoices::of(state, row.handled_by);
    let page = ShowPage {
        c: user.chrome(state, lang),
        id,
        number: row.request.number.to_string(),
        unit,
        state: state_words(row.progress.state, lang),
        state_code: row.progress.state.code(),
        open: row.progress.state.is_open(),
        received_on: format_vn(row.request.received_on),
        judgment_on: format_vn(f.judgment.date),
        supplement,
        files,
        limits,
        judgments: choices.judgments,
        officers: choices.officers,
        error: error.map(|e| e.message(lang)),
        r: row,
    };
    Ok(match error {
        Some(e) => (e.status(), page).into_response(),
        None => page.into_response(),
    })
}

/// `GET /request-queue/{id}`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    user: User,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    show_page(&state, &user, lang, id, None).await
}

/// An attachment as a download: its type as read from its content, never shown inline.
pub fn download(meta: &AttachmentMeta, content: Vec<u8>) -> Response {
    let mut response = content.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(meta.kind.content_type()));
    // The name as ASCII (others as `_`) and in full as RFC 5987 UTF-8.
    let ascii: String =
        meta.name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let encoded: String = meta
        .name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /request-queue/{id}/files/{file}` (and the API's): the attachment, if the request is
/// the user's to see and the file is the request's.
pub async fn file(
    State(state): State<AppState>,
    user: User,
    Path((id, file)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let (meta, content) = state
        .blocking(move |s| {
            let row = visible_request(s, &user, id)?;
            s.store.request_attachment(row.id, file)?.ok_or(WebError::NotFound)
        })
        .await?;
    Ok(download(&meta, content))
}

/// The forms of the steps, every field text.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    pub what: String,
    #[serde(default)]
    pub due_on: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub judgment_type: String,
    #[serde(default)]
    pub amount_vnd: String,
    #[serde(default)]
    pub officer: String,
    #[serde(default)]
    pub case_no: String,
}

impl StepForm {
    pub fn supplement(&self) -> Result<Step, WebError> {
        let due_on = match self.due_on.trim() {
            "" => None,
            d => Some(thads_core::dates::parse_date(d).map_err(|e| bad("due_on", e.to_string()))?),
        };
        Ok(Step::AskSupplement { what: self.what.clone(), due_on })
    }

    pub fn refusal(&self) -> Step {
        Step::Refuse { reason: self.reason.clone() }
    }

    /// What registering needs beyond the request, for a case of `row`'s unit.
    pub fn registration(&self, state: &AppState, row: &RequestRow) -> Result<Registration, WebError> {
        let judgment_type =
            match self.judgment_type.trim() {
                "" => JudgmentType::DanSu,
                code => JudgmentType::ALL.iter().copied().find(|j| j.code() == code).ok_or_else(|| {
                    bad("judgment_type", format!("loại án không có «{code}» / unknown judgment type"))
                })?,
            };
        let digits: String = self.amount_vnd.chars().filter(|c| !matches!(c, '.' | ',' | ' ')).collect();
        if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("amount_vnd", format!("số tiền không hợp lệ «{}» / invalid amount", self.amount_vnd)));
        }
        let amount = digits
            .parse::<i64>()
            .ok()
            .and_then(|n| Vnd::new(n).ok())
            .ok_or_else(|| bad("amount_vnd", "số tiền không hợp lệ / invalid amount"))?;
        let directory = state.directory();
        let unit = directory.units.get(row.handled_by).ok_or(WebError::NotFound)?;
        let officer: Option<StaffId> = match self.officer.trim() {
            "" => None,
            login => Some(
                directory
                    .assignable(unit.id)
                    .into_iter()
                    .find(|s| s.login.as_str() == login)
                    .map(|s| s.id)
                    .ok_or_else(|| bad("officer", format!("không có chấp hành viên «{login}» / no such officer")))?,
            ),
        };
        let case_no = match self.case_no.trim() {
            "" => None,
            no => Some(CaseNo::new(no).map_err(|e| bad("case_no", e.to_string()))?),
        };
        Ok(Registration { judgment_type, amount, officer, case_no, unit_kind: unit.kind })
    }
}

/// Which step a form posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Supplement,
    Register,
    Refuse,
}

/// Takes a step on request `id` as `user`: `TakeIn` on its unit. Returns the request after it,
/// and the case a registration opened.
pub fn take_step(
    state: &AppState,
    user: &User,
    id: i64,
    which: Which,
    form: &StepForm,
) -> Result<(RequestRow, Option<thads_core::Case>), WebError> {
    let row = visible_request(state, user, id)?;
    let actor = Actor { login: user.staff.login.to_string(), at: state.now() };
    let store = state.store.as_ref();
    match which {
        Which::Supplement => Ok((apply_step(store, &actor, RequestId(id), &form.supplement()?)?, None)),
        Which::Refuse => Ok((apply_step(store, &actor, RequestId(id), &form.refusal())?, None)),
        Which::Register => {
            let registration = form.registration(state, &row)?;
            let typed = registration.case_no.clone();
            let mut linked = None;
            let changed = state.engine.write(state.store.as_ref(), &state.rules, || {
                let (after, changed) = register(store, &actor, &state.rules, RequestId(id), registration)
                    .map_err(|e| crate::cases::intake::taken(e, typed.as_ref()))?;
                linked = Some(after);
                Ok(changed)
            })?;
            let after = linked.ok_or(WebError::Internal)?;
            Ok((after, Some(changed.case)))
        }
    }
}

async fn post_step(
    state: AppState,
    lang: Lang,
    id: i64,
    which: Which,
    user: User,
    form: StepForm,
) -> Result<Response, WebError> {
    let u = user.clone();
    let result = state.blocking(move |s| take_step(s, &u, id, which, &form)).await;
    match result {
        Ok((_, Some(case))) => Ok(see_other_saying(&format!("/cases/{}", case.id.0), Flash::Saved)),
        Ok((_, None)) => Ok(see_other_saying(&format!("/request-queue/{id}"), Flash::Saved)),
        Err(e @ (WebError::Refused(_) | WebError::NumberTaken(_) | WebError::PeriodClosed { .. })) => {
            show_page(&state, &user, lang, id, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /request-queue/{id}/supplement`.
pub async fn supplement(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
    CsrfForm { user, form }: CsrfForm<StepForm>,
) -> Result<Response, WebError> {
    post_step(state, lang, id, Which::Supplement, user, form).await
}

/// `POST /request-queue/{id}/register`: the new case's page.
pub async fn register_request(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
    CsrfForm { user, form }: CsrfForm<StepForm>,
) -> Result<Response, WebError> {
    post_step(state, lang, id, Which::Register, user, form).await
}

/// `POST /request-queue/{id}/refuse`.
pub async fn refuse(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
    CsrfForm { user, form }: CsrfForm<StepForm>,
) -> Result<Response, WebError> {
    post_step(state, lang, id, Which::Refuse, user, form).await
}
