//! Who opened a case's file (issue 21 item 5): each staff view of a case — its page, the API,
//! its documents, an export that lists it — is logged, which the portal shows to the parties.
//! A module of its own, below the rooms that log views (cases, documents, the worklist, the
//! exemptions) and the portal that reads them.
//!
//! The views are written by one thread of the server's (`ViewLog`), not by the request that
//! made them: a request hands its rows over and answers at once, and the thread writes whatever
//! has gathered meanwhile in one transaction. Written by each request, a case page paid a write
//! transaction and its flush to disk (on SQLite a quarter of the page's time under load), for a
//! row the reader's page does not depend on. The portal asks for the log to be written
//! (`flush`) before it reads it, so a party sees every view this server has answered, and the
//! server flushes it when it stops; a crash loses the views not yet written (those of the write
//! under way and those gathered behind it, a fraction of a second's: `GATHER`).

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::time::{Duration, Instant};

use thads_core::CaseId;
use thads_store::{CaseViewEntry, Store};

use crate::accounts::User;
use crate::error::WebError;
use crate::state::AppState;

/// Rows written in one transaction at most; more wait for the next.
const MAX_BATCH: usize = 10_000;

/// How long the views of a batch gather after its first one. Writing whatever had gathered at
/// once wrote a batch of one or two views a case page under load on PostgreSQL (4,201 writes,
/// each its own commit, for 4,529 views in 10 s of the mixed benchmark), where a
/// write costs the same for one view or a hundred; a crash loses this much more of the log.
const GATHER: Duration = Duration::from_millis(100);

/// Logs that `user` opened `cases` through `via`: the rows are handed to the server's view log,
/// which writes them shortly after. A failure to write is logged and never stops the page (the
/// reader must not lose the page because the log is full).
pub fn log_view(state: &AppState, user: &User, cases: &[CaseId], via: &str) {
    let who = (user.staff.id, user.staff.unit, user.staff.role);
    view_log(state).add(thads_app::portal::view_entries(cases, who, via, state.now()));
}

/// Logs that an export (`via`, e.g. `export:worklist`) listed `cases` to `user`: each case once,
/// in one write. Like `log_view`, a failure never stops the export.
pub fn log_export(state: &AppState, user: &User, cases: impl IntoIterator<Item = CaseId>, via: &'static str) {
    let mut cases: Vec<CaseId> = cases.into_iter().collect();
    cases.sort_unstable();
    cases.dedup();
    if !cases.is_empty() {
        log_view(state, user, &cases, via);
    }
}

/// Waits until every view handed over before this call is written (or its write failed and was
/// logged). Call it off the runtime's threads (`AppState::blocking`): it waits on a write.
pub fn flush(state: &AppState) {
    view_log(state).flush();
}

/// The server's view log, started the first time it is asked for.
fn view_log(state: &AppState) -> Arc<ViewLog> {
    state.part(|s| ViewLog::start(Arc::clone(&s.store)))
}

enum Message {
    Views(Vec<CaseViewEntry>),
    /// Answered once every view sent before it is written.
    Flush(SyncSender<()>),
}

/// The thread that writes the views, and the way to it.
pub struct ViewLog {
    to_writer: Sender<Message>,
}

impl ViewLog {
    fn start(store: Arc<dyn Store>) -> ViewLog {
        let (to_writer, from_readers) = channel();
        let started = std::thread::Builder::new()
            .name("thads-view-log".into())
            .spawn(move || write_until_closed(store.as_ref(), &from_readers));
        if let Err(e) = started {
            // Without the thread the rows are dropped as they come: logged once, here.
            let _ = WebError::internal(format!("view log: {e}"));
        }
        ViewLog { to_writer }
    }

    fn send(&self, message: Message) -> bool {
        self.to_writer.send(message).is_ok()
    }

    fn add(&self, views: Vec<CaseViewEntry>) {
        if !views.is_empty() && !self.send(Message::Views(views)) {
            let _ = WebError::internal("view log: its writer has stopped; a view was not logged");
        }
    }

    fn flush(&self) {
        let (done, written) = sync_channel(1);
        if self.send(Message::Flush(done)) {
            // An error here means the writer stopped: nothing more will be written to wait for.
            let _ = written.recv();
        }
    }
}

/// Writes what has gathered, one transaction at a time, until every sender is gone. After the
/// first view of a batch the thread gathers for `GATHER` (or until `MAX_BATCH` rows, a flush
/// asked for, or the senders gone) before it writes.
fn write_until_closed(store: &dyn Store, from_readers: &Receiver<Message>) {
    while let Ok(first) = from_readers.recv() {
        let (mut rows, mut waiting) = (Vec::new(), Vec::new());
        let until = Instant::now() + GATHER;
        let mut next = Some(first);
        while let Some(message) = next {
            match message {
                Message::Views(views) => rows.extend(views),
                Message::Flush(done) => waiting.push(done),
            }
            next = if rows.len() >= MAX_BATCH || !waiting.is_empty() {
                None
            } else {
                from_readers.recv_timeout(until.saturating_duration_since(Instant::now())).ok()
            };
        }
        if !rows.is_empty()
            && let Err(e) = thads_app::portal::write_views(store, &rows)
        {
            let _ = WebError::internal(format!("view log: {} views not logged: {e}", rows.len()));
        }
        for done in waiting {
            let _ = done.send(());
        }
    }
}
