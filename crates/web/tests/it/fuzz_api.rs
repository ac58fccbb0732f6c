//! Property-based fuzzing of the API's request bodies (issue 24 item 5): every route of the
//! table under `/api/` that takes a body (POST, PUT, PATCH) is sent bodies drawn by proptest
//! (JSON objects with the field names the API uses and hostile values, any JSON, any bytes) by
//! an administrator and by an officer, through the real server and its extractors, so that
//! each request type's deserialisation and checks are reached. The property: never a 5xx (a
//! panic or an internal error), and the server still answers after.
//!
//! The regression corpus `tests/it/fuzz_corpus/api.txt` (METHOD PATH BODY, one a line) is
//! replayed first; then new bodies for `THADS_FUZZ_SECONDS` (1 by default). A body answered
//! with a 5xx is appended to the corpus and the test fails naming it.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use reqwest::Method;
use serde_json::{Map, Value};
use thads_core::Role;
use thads_web::routes::table;

use crate::common::{TestApp, login_of};

/// Field names the API's request types use (a body of them reaches the checks of each field).
const FIELDS: &[&str] = &[
    "login",
    "password",
    "unit",
    "case_no",
    "accepted_on",
    "origin",
    "judgment_type",
    "amount_vnd",
    "amount",
    "debtor",
    "creditor",
    "officer",
    "version",
    "code",
    "date",
    "ground",
    "note",
    "reason",
    "supersedes",
    "kind",
    "categories",
    "received_by_delegation",
    "court",
    "judgment_no",
    "judgment_on",
    "received_on",
    "body",
    "body_level",
    "obligation",
    "point",
    "result",
    "on_date",
    "step",
    "object",
    "level",
    "channel",
    "complainant",
    "subject",
    "case",
    "case_id",
    "act_on",
    "outcome",
    "resolved_on",
    "description",
    "location",
    "owner",
    "encumbrances",
    "seized_on",
    "decision",
    "perishable",
    "for_state_budget",
    "cases",
    "value",
    "price",
    "starts",
    "ends",
    "place",
    "forces",
    "police_steps",
    "costs",
    "payer",
    "method",
    "debtor_id",
    "payee",
    "payee_kind",
    "fee",
    "month",
    "from",
    "to",
    "period",
    "effective_from",
    "legal_basis",
    "citation",
    "confidence",
    "text",
    "year",
    "proposed_on",
    "granted",
    "decided_on",
    "decision_no",
    "id",
    "ids",
    "items",
    "lines",
];

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::string::string_regex("[0-9./\\-: đ,]{0,24}").unwrap(),
        proptest::string::string_regex("[a-z_]{0,16}").unwrap(),
        any::<String>(),
        Just("\u{200b}1\u{feff}".to_string()),
        Just("9".repeat(40)),
        Just("x".repeat(70_000)),
        Just("BG-KV1".to_string()),
        Just("2025-10-01".to_string()),
        Just("01/10/2025".to_string()),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop_oneof![Just(i64::MAX), Just(i64::MIN), Just(0), Just(-1), Just(1)].prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        hostile_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((proptest::sample::select(FIELDS), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// An object of the API's field names (most bodies), or any JSON, or raw bytes.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => proptest::collection::vec((proptest::sample::select(FIELDS), json_value()), 0..12).prop_map(|kv| {
            let map: Map<String, Value> = kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            serde_json::to_vec(&Value::Object(map)).unwrap()
        }),
        2 => json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        1 => proptest::collection::vec(any::<u8>(), 0..200),
    ]
}

fn corpus_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/fuzz_corpus/api.txt")
}

fn budget() -> Duration {
    let seconds = std::env::var("THADS_FUZZ_SECONDS").ok().and_then(|s| s.parse::<f64>().ok()).unwrap_or(1.0);
    Duration::from_secs_f64(seconds.max(0.0))
}

/// The routes taking a body, their `{…}` segments filled with ids of the test's data.
fn targets(app: &TestApp) -> Vec<(Method, String)> {
    let id = app.own_case.0.to_string();
    table()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/") && [Method::POST, Method::PUT, Method::PATCH].contains(&r.method))
        // Signing in and out is the session's own business (a fuzzed sign-out ends the test's).
        .filter(|r| !r.path.contains("/session"))
        .map(|r| {
            let path: Vec<String> = r
                .path
                .split('/')
                .map(|s| match s {
                    "{kind}" => "quyet_dinh_thi_hanh".to_string(),
                    s if s.starts_with('{') => id.clone(),
                    s => s.to_string(),
                })
                .collect();
            (r.method, path.join("/"))
        })
        .collect()
}

async fn send(app: &TestApp, token: &str, method: &Method, path: &str, body: &[u8]) -> u16 {
    let r = app
        .client
        .request(method.clone(), app.url(path))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    r.status().as_u16()
}

fn keep(method: &Method, path: &str, body: &[u8]) {
    let path_file = corpus_file();
    std::fs::create_dir_all(path_file.parent().unwrap()).unwrap();
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&path_file).unwrap();
    writeln!(file, "{method} {path} {}", String::from_utf8_lossy(body).replace('\n', "\\n")).unwrap();
}

#[tokio::test]
async fn api_bodies_never_answer_a_server_error() {
    let app = TestApp::spawn().await;
    let tokens = [app.token(&login_of(Role::Admin)).await, app.token(&login_of(Role::Officer)).await];
    let routes = targets(&app);
    assert!(routes.len() >= 20, "the API's routes with a body: {routes:?}");

    let corpus = std::fs::read_to_string(corpus_file()).unwrap_or_default();
    let mut replayed = 0;
    for line in corpus.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut parts = line.splitn(3, ' ');
        let (Some(method), Some(path), body) = (parts.next(), parts.next(), parts.next().unwrap_or("")) else {
            panic!("unreadable corpus line {line}")
        };
        let method: Method = method.parse().unwrap();
        for token in &tokens {
            let status = send(&app, token, &method, path, body.as_bytes()).await;
            assert!(status < 500, "corpus: {method} {path} {body} → {status}");
        }
        replayed += 1;
    }

    let mut runner = TestRunner::new(Config { failure_persistence: None, ..Config::default() });
    let strategy = body();
    let deadline = Instant::now() + budget();
    let mut sent = 0usize;
    'outer: while Instant::now() < deadline {
        for (method, path) in &routes {
            let body = strategy.new_tree(&mut runner).unwrap().current();
            let token = &tokens[sent % tokens.len()];
            let status = send(&app, token, method, path, &body).await;
            sent += 1;
            if status >= 500 {
                keep(method, path, &body);
                panic!("{method} {path} {} → {status} (kept in the corpus)", String::from_utf8_lossy(&body));
            }
            if Instant::now() >= deadline {
                break 'outer;
            }
        }
    }
    let health = app.client.get(app.url("/health")).send().await.unwrap();
    assert!(health.status().is_success(), "the server answers after the fuzzing");
    eprintln!("fuzz api: {replayed} corpus bodies, {sent} new bodies over {} routes, no 5xx", routes.len());
}
