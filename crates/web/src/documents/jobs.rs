//! Documents in bulk as a job (issue 22 item 5: "with progress"): the same notice for many cases
//! of a unit — typed case numbers, or the rows selected on the worklist — made on a background
//! thread while its page polls the progress (`/documents/bulk/jobs/{job}`, its JSON at
//! `…/progress`), then downloaded as one merged PDF or a ZIP of DOCX (`…/file`). Whoever may see
//! the unit's cases may start one and read it (404 otherwise: another unit's job and an unknown
//! one look alike); every case must be visible to the one who starts it. Jobs are kept in
//! memory, the last `KEPT` with their file: a restart forgets them (nothing was written).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::documents::{self, Format, Rendered};
use thads_app::progress::Progress;
use thads_core::access::Action;
use thads_core::{CaseId, CaseNo, Unit, UnitId};
use thads_documents::DocumentKind;
use time::{Date, OffsetDateTime};

use super::bulk::{ListCases, MAX_BULK};
use super::download;
use super::pages::date_or_today;
use crate::accounts::{Allowed, CsrfForm, User, random_token};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::imports::progress::{JobProgress, Snapshot};
use crate::redirect::see_other;
use crate::refusal::Refusal;
use crate::state::AppState;

/// Jobs remembered with their file.
const KEPT: usize = 20;

/// One batch being made, or made.
pub struct BulkJob {
    pub id: String,
    pub unit: UnitId,
    pub unit_code: String,
    pub by: String,
    pub started_at: OffsetDateTime,
    pub kind: DocumentKind,
    pub cases: usize,
    pub progress: JobProgress,
    result: Mutex<Option<Result<Rendered, String>>>,
}

impl BulkJob {
    fn result(&self) -> Option<Result<Rendered, String>> {
        match self.result.lock() {
            Ok(r) => r.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }
}

/// The bulk jobs of this server (a part of its state).
#[derive(Default)]
pub struct BulkJobs {
    jobs: Mutex<VecDeque<Arc<BulkJob>>>,
}

pub fn jobs(state: &AppState) -> Arc<BulkJobs> {
    state.part(|_| BulkJobs::default())
}

/// What a job makes.
#[derive(Debug, Clone)]
pub struct BulkRequest {
    pub cases: Vec<CaseId>,
    pub kind: DocumentKind,
    pub on: Date,
    pub format: Format,
}

impl BulkJobs {
    /// Starts making `request` for `by` in `unit`; returns at once.
    pub fn start(
        &self,
        state: &AppState,
        by: &str,
        unit: &Unit,
        request: BulkRequest,
    ) -> Result<Arc<BulkJob>, WebError> {
        let job = Arc::new(BulkJob {
            id: random_token()?[..32].to_string(),
            unit: unit.id,
            unit_code: unit.code.to_string(),
            by: by.to_string(),
            started_at: state.now(),
            kind: request.kind,
            cases: request.cases.len(),
            progress: JobProgress::default(),
            result: Mutex::new(None),
        });
        if let Ok(mut jobs) = self.jobs.lock() {
            if jobs.len() >= KEPT {
                jobs.pop_front();
            }
            jobs.push_back(Arc::clone(&job));
        }
        let (state, running) = (state.clone(), Arc::clone(&job));
        tokio::task::spawn_blocking(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| make(&state, &running, &request)))
                .unwrap_or_else(|_| Err("lỗi nội bộ / internal error".to_string()));
            if let Ok(mut slot) = running.result.lock() {
                *slot = Some(outcome);
            }
            running.progress.end();
        });
        Ok(job)
    }

    pub fn get(&self, id: &str) -> Option<Arc<BulkJob>> {
        self.jobs.lock().ok()?.iter().find(|j| j.id == id).cloned()
    }
}

fn make(state: &AppState, job: &BulkJob, request: &BulkRequest) -> Result<Rendered, String> {
    if request.cases.is_empty() {
        return Err("không có việc nào / no cases".into());
    }
    let total = u64::try_from(request.cases.len() * 2).unwrap_or(u64::MAX);
    job.progress.phase("Tạo văn bản / making the documents", Some(total));
    let set = documents::template_set(state.store.as_ref()).map_err(|e| e.to_string())?;
    let mut last = 0usize;
    documents::bulk(state.store.as_ref(), &set, &request.cases, request.kind, request.on, request.format, |done, _| {
        job.progress.advance(u64::try_from(done.saturating_sub(last)).unwrap_or(0));
        last = done;
    })
    .map_err(|e| e.to_string())
}

/// A bulk job seen by whoever may see its unit's cases.
pub struct DocumentJob {
    pub user: User,
    pub job: Arc<BulkJob>,
}

#[derive(Deserialize)]
struct JobPath {
    job: String,
}

impl FromRequestParts<AppState> for DocumentJob {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let user = User::from_request_parts(parts, state).await?;
        let axum::extract::Path(JobPath { job }) =
            axum::extract::Path::<JobPath>::from_request_parts(parts, state).await.map_err(|_| WebError::NotFound)?;
        let job = jobs(state).get(&job).ok_or(WebError::NotFound)?;
        user.may(state, Action::ViewCase { unit: job.unit }).map_err(|_| WebError::NotFound)?;
        Ok(DocumentJob { user, job })
    }
}

/// `POST /documents/bulk/jobs?unit=`: the form's fields (`kind`, `date`, `format`, `cases` one
/// number a line) and any number of `case_id` (the worklist's selected rows).
pub async fn start(
    State(state): State<AppState>,
    access: Allowed<ListCases>,
    CsrfForm { form, .. }: CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let value = |name: &str| form.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str()).to_string();
    let (kind, format) = (value("kind"), value("format"));
    let kind = documents::kind(if kind.is_empty() { "thong_bao" } else { &kind })?;
    let format = Format::parse(if format.is_empty() { "pdf" } else { &format })?;
    let numbers: Vec<String> =
        value("cases").lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    let ids: Vec<String> = form.iter().filter(|(k, _)| k == "case_id").map(|(_, v)| v.trim().to_string()).collect();
    if numbers.len() + ids.len() == 0 || numbers.len() + ids.len() > MAX_BULK {
        return Err(WebError::Refused(Refusal::of_field(
            "cases",
            format!("cần từ 1 đến {MAX_BULK} việc / between 1 and {MAX_BULK} cases"),
        )));
    }
    let (unit, user) = (access.unit.clone(), access.user.clone());
    let date = value("date");
    let request = state
        .blocking(move |s| {
            let on = date_or_today(s, &date)?;
            let scope = s.directory().units.scope(unit.id);
            let mut cases = Vec::with_capacity(numbers.len() + ids.len());
            for n in &numbers {
                let no = CaseNo::new(&thads_core::text::nfc(n))
                    .map_err(|e| WebError::Refused(Refusal::of_field("cases", e.to_string())))?;
                let case = s.store.case_by_no(unit.id, &no)?.ok_or_else(|| {
                    WebError::Refused(Refusal::of_field("cases", format!("không có việc {no} / no case {no}")))
                })?;
                cases.push(case.id);
            }
            for id in &ids {
                let id: i64 = id.parse().map_err(|_| WebError::Refused(Refusal::of_field("case_id", "?")))?;
                let case = s.store.case(CaseId(id))?.filter(|c| scope.contains(&c.facts.unit)).ok_or_else(|| {
                    WebError::Refused(Refusal::of_field("case_id", format!("không có việc #{id} / no case #{id}")))
                })?;
                user.may(s, Action::ViewCase { unit: case.facts.unit })?;
                cases.push(case.id);
            }
            // The job lists these cases to whoever started it: one write for all of them.
            crate::case_views::log_view(s, &user, &cases, "export:documents");
            Ok(BulkRequest { cases, kind, on, format })
        })
        .await?;
    let job = jobs(&state).start(&state, access.user.staff.login.as_str(), &access.unit, request)?;
    Ok(see_other(&format!("/documents/bulk/jobs/{}", job.id)))
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/job.html")]
struct JobPage {
    c: Chrome,
    id: String,
    unit: String,
    kind: String,
    cases: usize,
    progress: Snapshot,
    ready: bool,
    failed: Option<String>,
}

/// `GET /documents/bulk/jobs/{job}`: the progress (polled by the page's script), then the link
/// to the file.
pub async fn show(State(state): State<AppState>, lang: Lang, access: DocumentJob) -> Response {
    let job = &access.job;
    let (ready, failed) = match job.result() {
        None => (false, None),
        Some(Ok(_)) => (true, None),
        Some(Err(e)) => (false, Some(e)),
    };
    JobPage {
        c: access.user.chrome(&state, lang),
        id: job.id.clone(),
        unit: job.unit_code.clone(),
        kind: super::kind_label(job.kind, lang),
        cases: job.cases,
        progress: job.progress.snapshot(),
        ready,
        failed,
    }
    .into_response()
}

/// `GET /documents/bulk/jobs/{job}/progress`.
pub async fn progress(access: DocumentJob) -> Json<Snapshot> {
    Json(access.job.progress.snapshot())
}

/// `GET /documents/bulk/jobs/{job}/file`: the merged PDF or the ZIP, once made (404 before).
pub async fn file(access: DocumentJob) -> Result<Response, WebError> {
    match access.job.result() {
        Some(Ok(rendered)) => download(rendered),
        Some(Err(e)) => Err(WebError::refused(e)),
        None => Err(WebError::NotFound),
    }
}
