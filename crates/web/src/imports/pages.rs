//! The import page: register files uploaded (CSV or XLSX, several at once) into the chosen unit,
//! imported in the background while the page shows a progress bar (polled by a few lines of
//! script, refreshed without it), then the summary of each file or every problem of a refused
//! one (file, row, column, value, reason).

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::progress::Snapshot;
use super::upload::Upload;
use super::{Import, ImportJob, Job, jobs, report};
use crate::accounts::{Allowed, same_secret};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::state::AppState;

/// A job in the list of one's recent imports.
pub struct JobRow {
    pub id: String,
    pub started: String,
    pub unit: String,
    pub files: String,
    pub finished: bool,
}

impl JobRow {
    fn of(job: &Job) -> JobRow {
        JobRow {
            id: job.id.clone(),
            started: fmt::instant(job.started_at),
            unit: job.unit_code.clone(),
            files: job.files.join(", "),
            finished: job.progress.snapshot().finished,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "imports/form.html")]
struct ImportPage {
    c: Chrome,
    unit_code: String,
    unit_name: String,
    error: Option<String>,
    jobs: Vec<JobRow>,
}

fn form_page(state: &AppState, access: &Allowed<Import>, lang: Lang, error: Option<String>) -> ImportPage {
    ImportPage {
        c: access.user.chrome(state, lang),
        unit_code: access.unit.code.to_string(),
        unit_name: access.unit.name.clone(),
        error,
        jobs: jobs(state).of(access.user.staff.login.as_str()).iter().map(|j| JobRow::of(j)).collect(),
    }
}

pub async fn form(State(state): State<AppState>, lang: Lang, access: Allowed<Import>) -> Response {
    form_page(&state, &access, lang, None).into_response()
}

/// Receives the files (the CSRF token is the form's first field, before any file) and starts
/// the import.
pub async fn upload(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<Import>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let bad = |e: axum::extract::multipart::MultipartError| WebError::BadRequest(e.body_text());
    let first = multipart.next_field().await.map_err(bad)?.ok_or(WebError::Csrf)?;
    if first.name() != Some("csrf") || !same_secret(&first.text().await.map_err(bad)?, &access.user.csrf) {
        return Err(WebError::Csrf);
    }
    let mut upload = Upload::new()?;
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.file_name().map(str::to_string).filter(|n| !n.trim().is_empty());
        if let (Some("files"), Some(name)) = (field.name(), name) {
            upload.add(&name, field).await?;
        }
    }
    if upload.files.is_empty() {
        let error = lang.pick("Hãy chọn ít nhất một tệp.", "Choose at least one file.").to_string();
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, form_page(&state, &access, lang, Some(error))).into_response());
    }
    let job = jobs(&state).start(&state, access.user.staff.login.as_str(), &access.unit, upload)?;
    Ok(see_other(&format!("/import/{}", job.id)))
}

#[derive(Template, WebTemplate)]
#[template(path = "imports/job.html")]
struct JobPage {
    c: Chrome,
    job: JobRow,
    by: String,
    progress: Snapshot,
    files: Vec<report::FileView>,
    failed: Option<String>,
}

pub async fn show(State(state): State<AppState>, lang: Lang, access: ImportJob) -> Response {
    let job = &access.job;
    // The progress before the result: a job seen finished has its result stored (it is stored
    // first). Read the other way round, a job finishing in between showed a finished page with
    // no result at all.
    let progress = job.progress.snapshot();
    let (files, failed) = match job.result() {
        None => (Vec::new(), None),
        Some(Ok(reports)) => (reports.iter().map(|r| report::FileView::of(r, lang)).collect(), None),
        Some(Err(e)) => (Vec::new(), Some(e.message(lang))),
    };
    let page = JobPage {
        c: access.user.chrome(&state, lang),
        job: JobRow::of(job),
        by: state.directory().staff_name_of(&job.by),
        progress,
        files,
        failed,
    };
    page.into_response()
}

/// The progress as JSON, for the page's script.
pub async fn progress(access: ImportJob) -> Json<Snapshot> {
    Json(access.job.progress.snapshot())
}
