//! `GET /metrics`: the Prometheus text format, for the operator's scraper, from the configured
//! addresses only (`THADS_METRICS_FROM` / `--metrics-from`, this machine by default); anyone
//! else is told 404, as if there were no such page. The route's rule in the table is `Public`:
//! no sign-in (a scraper has none), the address check is here.
//!
//! The families: request latency by route pattern and method, answers by status class, server
//! errors by route, internal errors, the store's connections in use and idle, the ledger
//! generation, how the statistics engine followed other processes' writes (whole reloads,
//! catch-ups through the ledger log), imports running and their rows done, and the process's
//! start time. Above the
//! rooms (it reads the imports' jobs), beside `site`.

use std::net::{IpAddr, SocketAddr};
use std::sync::PoisonError;
use std::sync::atomic::Ordering;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::accounts::client_address;
use crate::config::TrustedProxy;
use crate::error::WebError;
use crate::state::AppState;
use crate::telemetry::counters;
use crate::telemetry::prom::{CONTENT_TYPE, Text};

/// Whether a request from `client` may read the metrics.
pub fn allowed(client: Option<IpAddr>, from: &[TrustedProxy]) -> bool {
    client.is_some_and(|ip| from.iter().any(|n| n.contains(ip)))
}

pub async fn serve(State(state): State<AppState>, request: Request) -> Result<Response, WebError> {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let client = client_address(peer, request.headers(), &state.config.trusted_proxies);
    if !allowed(client.parse().ok(), &state.config.metrics_from) {
        return Err(WebError::NotFound);
    }
    let (pool, generation) = state
        .blocking(|s| {
            let generation = s.store.ledger_state()?.generation;
            Ok((s.store.pool_use(), generation))
        })
        .await?;
    let (running, rows) = crate::imports::jobs(&state).running();
    let mut t = Text::default();
    requests(&mut t);
    if let Some(pool) = pool {
        t.family("thads_store_connections", "gauge", "Connections of the store's pool, by state.");
        t.sample("thads_store_connections", &[("state", "in_use")], pool.in_use as f64);
        t.sample("thads_store_connections", &[("state", "idle")], pool.idle as f64);
    }
    t.family("thads_ledger_generation", "gauge", "The stored ledger generation (one more at every write of cases).");
    t.sample("thads_ledger_generation", &[], generation as f64);
    let followed = state.engine.followed();
    t.family(
        "thads_engine_reloads_total",
        "counter",
        "Whole reloads of the statistics engine (another process's import, reorganisation, rebuild…).",
    );
    t.sample("thads_engine_reloads_total", &[], followed.reloads as f64);
    t.family(
        "thads_engine_catchups_total",
        "counter",
        "Times the statistics engine followed other processes' writes through the ledger log.",
    );
    t.sample("thads_engine_catchups_total", &[], followed.catchups as f64);
    t.family("thads_import_jobs_running", "gauge", "Imports started through the web and not yet over.");
    t.sample("thads_import_jobs_running", &[], running as f64);
    t.family(
        "thads_import_rows_done",
        "gauge",
        "Steps done in the current phase of the running imports (rows, mostly).",
    );
    t.sample("thads_import_rows_done", &[], rows as f64);
    t.family("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.");
    t.sample("process_start_time_seconds", &[], counters().started);
    let mut response = t.finish().into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    Ok(response)
}

/// What the request middleware counted.
fn requests(t: &mut Text) {
    let c = counters();
    let latency = c.latency.lock().unwrap_or_else(PoisonError::into_inner).clone();
    t.family(
        "thads_http_request_duration_seconds",
        "histogram",
        "Time to answer a request, by the route table's pattern and method.",
    );
    for (route, methods) in &latency {
        for (method, h) in methods {
            t.histogram("thads_http_request_duration_seconds", &[("route", route), ("method", method)], h);
        }
    }
    t.family("thads_http_responses_total", "counter", "Answers by status class.");
    for (i, class) in ["1xx", "2xx", "3xx", "4xx", "5xx"].iter().enumerate() {
        t.sample("thads_http_responses_total", &[("class", class)], c.classes[i].load(Ordering::Relaxed) as f64);
    }
    let errors = c.server_errors.lock().unwrap_or_else(PoisonError::into_inner).clone();
    t.family("thads_http_server_errors_total", "counter", "Answers with a 5xx status, by route pattern and method.");
    for ((route, method), n) in &errors {
        t.sample("thads_http_server_errors_total", &[("route", route), ("method", method)], *n as f64);
    }
    t.family("thads_internal_errors_total", "counter", "Internal errors logged (details in the log, shown to nobody).");
    t.sample("thads_internal_errors_total", &[], crate::error::internal_errors() as f64);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{default_metrics_from, networks};

    #[test]
    fn only_the_configured_addresses_may_read() {
        let local = default_metrics_from();
        assert!(allowed("127.0.0.1".parse().ok(), &local));
        assert!(allowed("::1".parse().ok(), &local));
        assert!(!allowed("192.168.1.10".parse().ok(), &local));
        assert!(!allowed(None, &local), "an unknown address is not allowed");
        let office = networks("127.0.0.1,10.0.0.0/8").unwrap();
        assert!(allowed("10.9.8.7".parse().ok(), &office));
        assert!(!allowed("172.16.0.1".parse().ok(), &office));
        assert!(networks("10.0.0.0/40").is_err());
    }
}
