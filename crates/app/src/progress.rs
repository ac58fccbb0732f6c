//! Progress of long work (imports, demo data, rebuilds), reported to whoever shows it: a
//! progress bar on a terminal, a page that polls, or nothing.

/// Receives progress; implementations must be cheap (called often from hot loops).
pub trait Progress: Sync {
    /// A new phase with a label and, if known, the number of steps.
    fn phase(&self, label: &str, total: Option<u64>);
    /// `n` more steps of the current phase are done.
    fn advance(&self, n: u64);
    /// The current phase is finished.
    fn finish(&self);
}

/// Shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn phase(&self, _label: &str, _total: Option<u64>) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}
