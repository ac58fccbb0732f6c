//! What the server tells its operators about itself: one log line per request (`tracing`, as
//! text or JSON lines) and the counters behind `GET /metrics`. Shared infrastructure, naming no
//! room: the `observe` middleware wraps every route, the accounts extractor says who asked
//! (`Who`), and `metrics` (above the rooms) renders what is counted here with what the rooms
//! and the store know (imports, pool, ledger).
//!
//! Logged per request: a request id (also the `x-request-id` header of the answer), method,
//! the route's pattern from the route table (`/cases/{id}`, never the path with its numbers or
//! the query with its search words), status, milliseconds, and the login and unit of a
//! signed-in caller. Never logged: query strings, bodies, cookies, tokens, passwords, the
//! parameters of a statement.

pub mod logs;
pub mod prom;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, OnceLock, PoisonError};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use thads_core::UnitId;
use tracing::Instrument;

use crate::state::AppState;

/// The route label of a request no route matched.
pub const UNMATCHED: &str = "(none)";

/// Latency buckets, in seconds: from a key lookup (a millisecond) to a large export.
pub const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// Who made the request, filled by the accounts extractor once it knows (login, unit).
#[derive(Clone, Default)]
pub struct Who(Arc<OnceLock<(String, UnitId)>>);

impl Who {
    pub fn set(&self, login: &str, unit: UnitId) {
        let _ = self.0.set((login.to_string(), unit));
    }

    fn get(&self) -> Option<&(String, UnitId)> {
        self.0.get()
    }
}

/// The latencies of one route and method.
#[derive(Debug, Clone, Default)]
pub struct Histogram {
    /// Requests at most each bucket's bound (not cumulative here; `prom` adds them up).
    pub counts: [u64; BUCKETS.len()],
    pub count: u64,
    pub sum: f64,
}

impl Histogram {
    pub fn observe(&mut self, seconds: f64) {
        if let Some(i) = BUCKETS.iter().position(|b| seconds <= *b) {
            self.counts[i] += 1;
        }
        self.count += 1;
        self.sum += seconds;
    }
}

/// What the server counted since it started (one per process).
pub struct Counters {
    /// Seconds since the epoch when the process started.
    pub started: f64,
    /// By route pattern, then method.
    pub latency: Mutex<BTreeMap<String, BTreeMap<&'static str, Histogram>>>,
    /// Answers by status class: 1xx … 5xx.
    pub classes: [AtomicU64; 5],
    /// Requests answered with a 5xx status, by route pattern and method.
    pub server_errors: Mutex<BTreeMap<(String, &'static str), u64>>,
}

static COUNTERS: LazyLock<Counters> = LazyLock::new(|| Counters {
    started: SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64()),
    latency: Mutex::new(BTreeMap::new()),
    classes: Default::default(),
    server_errors: Mutex::new(BTreeMap::new()),
});

/// This process's counters.
pub fn counters() -> &'static Counters {
    &COUNTERS
}

/// The method as a label: the ones the routes use, anything else as `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::PUT => "PUT",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// The route table's pattern that matched (`/cases/{id}`, as the table writes it): the labels
/// are bounded by the table whatever paths are asked for.
fn route_label(matched: Option<&MatchedPath>) -> &str {
    matched.map_or(UNMATCHED, MatchedPath::as_str)
}

/// A fresh request id: 16 hex digits, random.
fn request_id() -> String {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_err() {
        // No randomness (never seen): a counter still tells requests apart in one process.
        static NEXT: AtomicU64 = AtomicU64::new(1);
        bytes = NEXT.fetch_add(1, Ordering::Relaxed).to_be_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Wraps every route: gives the request an id (a span, so that what is logged while serving it
/// carries the id, and the `x-request-id` header), then logs and counts the answer.
pub async fn observe(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request_id();
    let method = method_label(request.method());
    let route = route_label(request.extensions().get::<MatchedPath>()).to_string();
    let who = Who::default();
    request.extensions_mut().insert(who.clone());
    let span = tracing::info_span!("request", request_id = %id);
    let mut response = next.run(request).instrument(span.clone()).await;
    let took = started.elapsed();
    let status = response.status().as_u16();
    record(&route, method, status, took.as_secs_f64());
    let (user, unit) = match who.get() {
        Some((login, unit)) => {
            let code = state.directory().units.get(*unit).map(|u| u.code.to_string()).unwrap_or_default();
            (login.clone(), code)
        }
        None => ("-".to_string(), "-".to_string()),
    };
    let ms = took.as_secs_f64() * 1000.0;
    let _in = span.enter();
    tracing::info!(target: "thads::request", method, route = route.as_str(), status, ms = (ms * 10.0).round() / 10.0, user, unit, "request");
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

fn record(route: &str, method: &'static str, status: u16, seconds: f64) {
    let c = counters();
    {
        let mut latency = c.latency.lock().unwrap_or_else(PoisonError::into_inner);
        // The route's map is made once; later requests only look it up.
        if !latency.contains_key(route) {
            latency.insert(route.to_string(), BTreeMap::new());
        }
        if let Some(methods) = latency.get_mut(route) {
            methods.entry(method).or_default().observe(seconds);
        }
    }
    let class = usize::from(status / 100).clamp(1, 5) - 1;
    c.classes[class].fetch_add(1, Ordering::Relaxed);
    if status >= 500 {
        let mut errors = c.server_errors.lock().unwrap_or_else(PoisonError::into_inner);
        *errors.entry((route.to_string(), method)).or_default() += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latency_falls_in_the_first_bucket_that_holds_it() {
        let mut h = Histogram::default();
        h.observe(0.001);
        h.observe(0.003);
        h.observe(60.0);
        assert_eq!(h.counts[0], 1, "a bound holds its own value");
        assert_eq!(h.counts[2], 1);
        assert_eq!(h.counts.iter().sum::<u64>(), 2, "beyond the last bound: only in +Inf");
        assert_eq!(h.count, 3);
    }

    #[test]
    fn labels_are_the_tables_patterns_never_a_raw_path() {
        assert_eq!(route_label(None), UNMATCHED);
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::from_bytes(b"PROPFIND").unwrap()), "other");
        let id = request_id();
        assert_eq!(id.len(), 16);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(id, request_id());
    }
}
