//! Imports started from the web (the import page, its upload and the page of each import):
//! the uploaded registers are imported exactly as `thads import`
//! does (`thads_app::imports::import_files`: each file all or nothing, every bad row listed) on a
//! background thread, while the page polls the progress, but on the uploader's authority: every
//! row the importer reads must lie in the chosen unit's subtree and be a change the uploader's
//! role may make there (`thads_app::imports::Authority`). Jobs are kept in memory (the last
//! `KEPT`): what was imported is in the database and its audit; a restart only forgets the
//! progress pages.

pub mod pages;
pub mod progress;
pub mod report;
pub mod upload;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::Deserialize;
use thads_app::Actor;
use thads_app::imports::{Authority, FileReport, Outcome, Problem, import_files};
use thads_app::progress::Progress;
use thads_core::access::{Action, Principal};
use thads_core::{Unit, UnitId};
use time::OffsetDateTime;

use self::progress::JobProgress;
use self::upload::Upload;
use crate::accounts::{Need, User, random_token};
use crate::error::WebError;
use crate::state::AppState;

/// Jobs remembered for their pages.
const KEPT: usize = 100;

/// One upload being imported, or imported.
pub struct Job {
    pub id: String,
    pub unit: UnitId,
    pub unit_code: String,
    /// The login of who started it.
    pub by: String,
    pub started_at: OffsetDateTime,
    /// The names of the files as uploaded.
    pub files: Vec<String>,
    pub progress: JobProgress,
    result: Mutex<Option<Result<Vec<FileReport>, WebError>>>,
}

impl Job {
    /// What happened to each file, once the import is over.
    pub fn result(&self) -> Option<Result<Vec<FileReport>, WebError>> {
        match self.result.lock() {
            Ok(r) => r.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }
}

/// The imports started here (a part of the server's state).
#[derive(Default)]
pub struct Jobs {
    jobs: Mutex<VecDeque<Arc<Job>>>,
    /// One import at a time: the database has one writer, and a second import would wait on
    /// it inside a transaction until it gave up.
    one_at_a_time: Arc<Mutex<()>>,
}

/// This server's imports.
pub fn jobs(state: &AppState) -> Arc<Jobs> {
    state.part(|_| Jobs::default())
}

impl Jobs {
    /// Starts importing `upload` into `unit`'s scope for `by`; returns at once.
    pub fn start(&self, state: &AppState, by: &str, unit: &Unit, upload: Upload) -> Result<Arc<Job>, WebError> {
        let job = Arc::new(Job {
            id: random_token()?[..32].to_string(),
            unit: unit.id,
            unit_code: unit.code.to_string(),
            by: by.to_string(),
            started_at: state.now(),
            files: upload.files.iter().map(|f| f.name.clone()).collect(),
            progress: JobProgress::default(),
            result: Mutex::new(None),
        });
        if let Ok(mut jobs) = self.jobs.lock() {
            if jobs.len() >= KEPT {
                jobs.pop_front();
            }
            jobs.push_back(Arc::clone(&job));
        }
        let (state, running, turn) = (state.clone(), Arc::clone(&job), Arc::clone(&self.one_at_a_time));
        tokio::task::spawn_blocking(move || {
            running.progress.phase("Chờ lần nhập trước xong / waiting for the import before", None);
            let _turn = turn.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            // A panic must still end the job, or its page would wait for ever.
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&state, &running, &upload)))
                .unwrap_or_else(|_| Err(WebError::internal("the import panicked")));
            if let Ok(mut slot) = running.result.lock() {
                *slot = Some(outcome);
            }
            running.progress.end();
        });
        Ok(job)
    }

    pub fn get(&self, id: &str) -> Option<Arc<Job>> {
        self.jobs.lock().ok()?.iter().find(|j| j.id == id).cloned()
    }

    /// Imports not yet over, and the steps done in their current phases (`/metrics`).
    pub fn running(&self) -> (usize, u64) {
        let Ok(jobs) = self.jobs.lock() else { return (0, 0) };
        let running: Vec<_> = jobs.iter().map(|j| j.progress.snapshot()).filter(|p| !p.finished).collect();
        (running.len(), running.iter().map(|p| p.done).sum())
    }

    /// The jobs `login` started, newest first.
    pub fn of(&self, login: &str) -> Vec<Arc<Job>> {
        let Ok(jobs) = self.jobs.lock() else { return Vec::new() };
        jobs.iter().rev().filter(|j| j.by == login).cloned().collect()
    }
}

fn run(state: &AppState, job: &Job, upload: &Upload) -> Result<Vec<FileReport>, WebError> {
    let Some(who) = uploader(state, &job.by)? else { return Ok(no_longer_allowed(upload)) };
    let authority = Authority::Person { who, within: job.unit };
    let actor = Actor { login: job.by.clone(), at: state.now() };
    let reports = import_files(state.store.as_ref(), &actor, &authority, &state.rules, &upload.files, &job.progress)?;
    if reports.iter().any(|r| r.outcome.is_imported()) {
        state.after_import()?;
    }
    Ok(reports)
}

/// The uploader as the database knows them when the import runs (an import may wait behind
/// another; a role changed or an account closed meanwhile counts); `None` if no longer active.
fn uploader(state: &AppState, login: &str) -> Result<Option<Principal>, WebError> {
    let staff = state.store.staff()?.into_iter().find(|s| s.login.as_str() == login && s.active);
    Ok(staff.map(|s| Principal { staff: s.id, role: s.role, unit: s.unit }))
}

fn no_longer_allowed(upload: &Upload) -> Vec<FileReport> {
    let problem =
        Problem::file("tài khoản đã nhập tệp không còn hoạt động / the uploader's account is no longer active");
    upload
        .files
        .iter()
        .map(|f| FileReport { file: f.name.clone(), kind: None, outcome: Outcome::Refused(vec![problem.clone()]) })
        .collect()
}

/// Importing register files into a unit.
#[derive(Debug)]
pub struct Import;
impl Need for Import {
    fn action(unit: UnitId) -> Action {
        Action::Import { unit }
    }
}

/// An import started through the web, seen by whoever may import into its unit (404 otherwise:
/// an unknown job and another unit's job look alike).
pub struct ImportJob {
    pub user: User,
    pub job: Arc<Job>,
}

#[derive(Deserialize)]
struct JobPath {
    job: String,
}

impl FromRequestParts<AppState> for ImportJob {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let user = User::from_request_parts(parts, state).await?;
        let axum::extract::Path(JobPath { job }) =
            axum::extract::Path::<JobPath>::from_request_parts(parts, state).await.map_err(|_| WebError::NotFound)?;
        let job = jobs(state).get(&job).ok_or(WebError::NotFound)?;
        user.may(state, Action::Import { unit: job.unit }).map_err(|_| WebError::NotFound)?;
        Ok(ImportJob { user, job })
    }
}
