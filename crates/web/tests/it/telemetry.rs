//! Logs and metrics (issue 24): a request's log line carries its id (the `x-request-id` of the
//! answer), the route's pattern, the status and who asked; `/metrics` answers this machine in the
//! Prometheus text format with the requests counted, and anyone else 404.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use reqwest::StatusCode;
use thads_core::Role;
use thads_web::WebConfig;
use thads_web::config::networks;
use thads_web::telemetry::logs::{self, LogFormat};
use thads_web::telemetry::prom::lint;

use crate::common::{TestApp, login_of};

/// What the process logged since the first call, in the server's JSON format (the tests of this
/// binary share one logger: each finds its own lines by request id).
fn captured() -> Arc<Mutex<Vec<u8>>> {
    static BUFFER: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    BUFFER
        .get_or_init(|| {
            let buffer = Arc::new(Mutex::new(Vec::new()));
            let sink = Arc::clone(&buffer);
            let writer = move || Sink(Arc::clone(&sink));
            let filter = logs::filter(|_| Some("info".into())).unwrap();
            tracing::subscriber::set_global_default(logs::subscriber(LogFormat::Json, filter, writer)).unwrap();
            buffer
        })
        .clone()
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn lines_of(buffer: &Mutex<Vec<u8>>, request_id: &str) -> Vec<serde_json::Value> {
    let text = String::from_utf8(buffer.lock().unwrap().clone()).unwrap();
    text.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|l| l["span"]["request_id"] == request_id)
        .collect()
}

#[tokio::test]
async fn a_request_is_logged_once_with_its_id_route_pattern_status_and_user() {
    let buffer = captured();
    let app = TestApp::spawn().await;
    let officer = login_of(Role::Officer);
    let session = app.sign_in(&officer).await;
    let path = format!("/cases/{}", app.own_case.0);
    let response = app.get(&session, &format!("{path}?q=Nguy%E1%BB%85n")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let id = response.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 16);
    // The line is written just after the answer's head: wait for it a little.
    let mut lines = Vec::new();
    for _ in 0..50 {
        lines = lines_of(&buffer, &id);
        if !lines.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let requests: Vec<_> = lines.iter().filter(|l| l["target"] == "thads::request").collect();
    assert_eq!(requests.len(), 1, "{lines:?}");
    let line = requests[0];
    assert_eq!(line["route"], "/cases/{id}", "{line}");
    assert_eq!(line["method"], "GET");
    assert_eq!(line["status"], 200);
    assert_eq!(line["user"], officer.as_str());
    assert_eq!(line["unit"], "BG-KV1");
    assert!(line["ms"].as_f64().is_some_and(|ms| ms >= 0.0), "{line}");
    let all = String::from_utf8(buffer.lock().unwrap().clone()).unwrap();
    assert!(!all.contains("Nguy"), "the query string is never logged");
    assert!(!all.contains(&session.cookie), "nor the session");
}

/// The sample of one series in a scrape.
fn value(text: &str, series: &str) -> f64 {
    text.lines().find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok()).unwrap_or(0.0)
}

#[tokio::test]
async fn metrics_answer_this_machine_in_the_text_format_and_count_requests() {
    let app = TestApp::spawn().await;
    let scrape = || async { app.client.get(app.url("/metrics")).send().await.unwrap() };
    let first = scrape().await;
    assert_eq!(first.status(), StatusCode::OK);
    assert!(first.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let before = first.text().await.unwrap();
    lint(&before).unwrap();
    let series = r#"thads_http_request_duration_seconds_count{route="/health",method="GET"}"#;
    for _ in 0..3 {
        assert_eq!(app.client.get(app.url("/health")).send().await.unwrap().status(), StatusCode::OK);
    }
    let after = scrape().await.text().await.unwrap();
    lint(&after).unwrap();
    // Other tests of this process count too: at least ours.
    assert!(value(&after, series) >= value(&before, series) + 3.0, "{after}");
    let ok = r#"thads_http_responses_total{class="2xx"}"#;
    assert!(value(&after, ok) >= value(&before, ok) + 4.0);
    for family in [
        "# TYPE thads_http_request_duration_seconds histogram",
        r#"thads_http_request_duration_seconds_bucket{route="/health",method="GET",le="+Inf"}"#,
        "# TYPE thads_http_responses_total counter",
        "# TYPE thads_http_server_errors_total counter",
        "# TYPE thads_internal_errors_total counter",
        r#"thads_store_connections{state="in_use"}"#,
        r#"thads_store_connections{state="idle"}"#,
        "thads_ledger_generation ",
        "thads_import_jobs_running ",
        "thads_import_rows_done ",
        "process_start_time_seconds ",
    ] {
        assert!(after.contains(family), "{family} missing:\n{after}");
    }
    // The ledger generation is the store's.
    let generation = app.db(|s| s.ledger_state()).unwrap().generation;
    assert_eq!(value(&after, "thads_ledger_generation"), generation as f64);
}

#[tokio::test]
async fn metrics_are_not_found_from_other_addresses() {
    // The test's client is at 127.0.0.1, outside the configured network.
    let config = WebConfig { metrics_from: networks("10.0.0.0/8").unwrap(), ..WebConfig::default() };
    let app = TestApp::spawn_with(config).await;
    let response = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(!response.text().await.unwrap().contains("thads_"));
    // Behind a trusted proxy (here: this machine), the client it names is the one checked.
    let config = WebConfig {
        trusted_proxies: networks("127.0.0.1").unwrap(),
        metrics_from: networks("127.0.0.1").unwrap(),
        ..WebConfig::default()
    };
    let app = TestApp::spawn_with(config).await;
    let outside = app.client.get(app.url("/metrics")).header("x-forwarded-for", "203.0.113.9").send().await.unwrap();
    assert_eq!(outside.status(), StatusCode::NOT_FOUND);
    let local = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(local.status(), StatusCode::OK);
}
