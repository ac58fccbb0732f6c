//! Imports started from the web: the uploaded registers are checked against the uploader's
//! unit scope, then imported exactly as `thads import` does (`thads_app::import::import_files`:
//! each file all or nothing, every bad row listed) on a background thread, while the page polls
//! the progress. Jobs are kept in memory (the last `KEPT`): what was imported is in the
//! database and its audit; a restart only forgets the progress pages.

pub mod progress;
pub mod report;
pub mod scope;
pub mod upload;

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use thads_app::Actor;
use thads_app::import::{FileReport, Outcome, import_files};
use thads_app::progress::Progress;
use thads_core::{Unit, UnitId};
use time::OffsetDateTime;

use self::progress::JobProgress;
use self::scope::Scope;
use self::upload::Upload;
use crate::auth::random_token;
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

#[derive(Default)]
pub struct Imports {
    jobs: Mutex<VecDeque<Arc<Job>>>,
    /// One import at a time: the database has one writer, and a second import would wait on
    /// it inside a transaction until it gave up.
    one_at_a_time: Arc<Mutex<()>>,
}

impl Imports {
    /// Starts importing `upload` into `unit`'s scope for `by`; returns at once.
    pub fn start(&self, state: &AppState, by: &str, unit: &Unit, upload: Upload) -> Result<Arc<Job>, WebError> {
        let job = Arc::new(Job {
            id: random_token()?[..32].to_string(),
            unit: unit.id,
            unit_code: unit.code.to_string(),
            by: by.to_string(),
            started_at: state.now(),
            files: upload.files.iter().map(|(name, _)| name.clone()).collect(),
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

    /// The jobs `login` started, newest first.
    pub fn of(&self, login: &str) -> Vec<Arc<Job>> {
        let Ok(jobs) = self.jobs.lock() else { return Vec::new() };
        jobs.iter().rev().filter(|j| j.by == login).cloned().collect()
    }
}

fn run(state: &AppState, job: &Job, upload: &Upload) -> Result<Vec<FileReport>, WebError> {
    let paths = upload.paths();
    let refused = outside_scope(state, job.unit, upload);
    let reports = if refused.is_empty() {
        let actor = Actor { login: job.by.clone(), at: state.now() };
        let reports = import_files(state.store.as_ref(), &actor, &state.rules, &paths, &job.progress)?;
        if reports.iter().any(|r| r.outcome.is_imported()) {
            state.after_import()?;
        }
        reports
    } else {
        refused
    };
    Ok(reports.into_iter().map(|r| FileReport { file: upload.display(&r.file), ..r }).collect())
}

/// Every table of the upload with a row outside the scope is refused, and nothing is imported
/// (as when the import refuses a file, the files after it are skipped: here, all of them).
fn outside_scope(state: &AppState, unit: UnitId, upload: &Upload) -> Vec<FileReport> {
    let directory = state.directory();
    let scope = Scope::of(&directory.units, unit);
    let tables: Vec<(String, scope::Rows)> = upload
        .files
        .iter()
        .flat_map(|(_, path)| scope::read(path).into_iter().map(move |t| (path.display().to_string(), t)))
        .collect();
    let new: HashSet<String> = tables.iter().flat_map(|(_, t)| scope::new_codes(t, &directory.units)).collect();
    let problems: Vec<(String, _)> = tables
        .iter()
        .map(|(file, t)| (format!("{file}{}", sheet_suffix(t)), scope::problems(t, &scope, &new)))
        .collect();
    let Some(first) = problems.iter().find(|(_, p)| !p.is_empty()).map(|(f, _)| f.clone()) else { return Vec::new() };
    problems
        .into_iter()
        .zip(&tables)
        .map(|((file, list), (_, table))| {
            let outcome = if list.is_empty() {
                Outcome::Skipped { after: upload.display(&first) }
            } else {
                Outcome::Refused(list)
            };
            FileReport { file, kind: Some(table.kind), outcome }
        })
        .collect()
}

fn sheet_suffix(table: &scope::Rows) -> String {
    match &table.sheet {
        Some(sheet) => format!("[{sheet}]"),
        None => String::new(),
    }
}
