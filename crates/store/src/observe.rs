//! What the backends tell operators about their own work, without saying what the data is:
//! statements slower than a threshold (logged with their duration and the statement's first
//! words — never its parameters, which carry personal data), and how much of the connection
//! pool is in use. Both backends report here, so the threshold is one setting
//! (`thads serve --slow-ms`).

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

/// Statements at least this slow are logged, in milliseconds; `u64::MAX`: none (the default
/// outside `thads serve`).
static SLOW_MS: AtomicU64 = AtomicU64::new(u64::MAX);

/// Logs statements taking `ms` milliseconds or more from now on; `None`: none.
pub fn set_slow_threshold(ms: Option<u64>) {
    SLOW_MS.store(ms.unwrap_or(u64::MAX), Ordering::Relaxed);
}

/// The current threshold, if any.
pub fn slow_threshold() -> Option<Duration> {
    let ms = SLOW_MS.load(Ordering::Relaxed);
    (ms != u64::MAX).then(|| Duration::from_millis(ms))
}

/// Whether a statement that took `took` is to be logged (checked before the statement's text is
/// even read).
pub fn is_slow(took: Duration) -> bool {
    let threshold = SLOW_MS.load(Ordering::Relaxed);
    threshold != u64::MAX && took.as_millis() >= u128::from(threshold)
}

/// A statement of `backend` took `took`: logged (a `warn` event, target `thads::slow`) when at
/// least the threshold. `sql` is the statement's text with its placeholders, of which only the
/// first words are kept.
pub fn statement(backend: &'static str, sql: &str, took: Duration) {
    if !is_slow(took) {
        return;
    }
    tracing::warn!(
        target: "thads::slow",
        backend,
        ms = u64::try_from(took.as_millis()).unwrap_or(u64::MAX),
        statement = %first_words(sql, 6),
        "slow statement"
    );
}

/// The first `n` words of `sql` on one line, cut at 80 characters: enough to find the statement
/// in the source, nothing bound to it.
pub fn first_words(sql: &str, n: usize) -> String {
    let words: Vec<&str> = sql.split_whitespace().take(n).collect();
    let mut line = words.join(" ");
    if let Some((cut, _)) = line.char_indices().nth(80) {
        line.truncate(cut);
    }
    line
}

/// How many of a pool's connections are lent out (the pool itself knows how many wait idle).
#[derive(Debug, Default)]
pub struct PoolUse {
    in_use: AtomicUsize,
}

/// A reading of a pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolReading {
    pub in_use: usize,
    pub idle: usize,
}

impl PoolUse {
    /// A connection was lent out.
    pub fn lent(&self) {
        self.in_use.fetch_add(1, Ordering::Relaxed);
    }

    /// A lent connection came back (kept idle or closed).
    pub fn returned(&self) {
        self.in_use.fetch_sub(1, Ordering::Relaxed);
    }

    /// With the pool's count of idle connections.
    pub fn reading(&self, idle: usize) -> PoolReading {
        PoolReading { in_use: self.in_use.load(Ordering::Relaxed), idle }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_words_of_a_statement_are_kept() {
        let sql = "select id, facts\n   from cases where debtor_name = ? and unit = ?";
        assert_eq!(first_words(sql, 6), "select id, facts from cases where");
        assert_eq!(first_words("  begin  ", 6), "begin");
        let long = format!("insert into {} values (?)", "x".repeat(200));
        assert_eq!(first_words(&long, 6).chars().count(), 80);
    }

    #[test]
    fn a_pool_counts_what_is_lent() {
        let pool = PoolUse::default();
        pool.lent();
        pool.lent();
        pool.returned();
        assert_eq!(pool.reading(3), PoolReading { in_use: 1, idle: 3 });
        pool.returned();
        assert_eq!(pool.reading(0).in_use, 0);
    }
}
