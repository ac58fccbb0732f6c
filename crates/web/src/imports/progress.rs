//! The progress of one import, written by the import (`thads_app::progress::Progress`, called
//! from its hot loops: atomics only, a lock when a phase starts) and read by the page that
//! polls it.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde::Serialize;
use thads_app::progress::Progress;

#[derive(Debug, Default)]
pub struct JobProgress {
    phase: Mutex<String>,
    /// Steps of the current phase done, and how many there are (0: unknown).
    done: AtomicU64,
    total: AtomicU64,
    finished: AtomicBool,
}

/// What the page shows: the phase, a percentage when the size is known.
#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub phase: String,
    pub done: u64,
    pub total: Option<u64>,
    pub percent: Option<u8>,
    pub finished: bool,
}

impl JobProgress {
    pub fn snapshot(&self) -> Snapshot {
        let phase = match self.phase.lock() {
            Ok(p) => p.clone(),
            Err(p) => p.into_inner().clone(),
        };
        let (done, total) = (self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed));
        let total = (total > 0).then_some(total);
        let percent = total.map(|t| u8::try_from(done.min(t) * 100 / t).unwrap_or(100));
        Snapshot { phase, done, total, percent, finished: self.finished.load(Ordering::Acquire) }
    }

    /// The whole import is over (imported, refused or failed).
    pub fn end(&self) {
        self.finished.store(true, Ordering::Release);
    }
}

impl Progress for JobProgress {
    fn phase(&self, label: &str, total: Option<u64>) {
        if let Ok(mut p) = self.phase.lock() {
            *p = label.to_string();
        }
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total.unwrap_or(0), Ordering::Relaxed);
    }

    fn advance(&self, n: u64) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    fn finish(&self) {
        let total = self.total.load(Ordering::Relaxed);
        self.done.store(total, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_of_the_current_phase() {
        let p = JobProgress::default();
        p.phase("Đọc tệp / reading", Some(200));
        p.advance(50);
        let s = p.snapshot();
        assert_eq!((s.phase.as_str(), s.done, s.percent, s.finished), ("Đọc tệp / reading", 50, Some(25), false));
        p.phase("Ghi / writing", None);
        p.advance(7);
        assert_eq!(p.snapshot().percent, None);
        p.end();
        assert!(p.snapshot().finished);
    }
}
