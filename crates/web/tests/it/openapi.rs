//! The OpenAPI document generated from the API handlers (`thads_web::openapi`): it and the
//! route table name the same API routes, both ways; it is served as generated; it lists every
//! error code; a served report has the keys its schema names; and its whole text is a golden
//! snapshot (`snapshots/it__openapi__document.snap`), so every change to the API's documented
//! shape shows as a diff to review.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::Value;
use thads_core::Role;
use thads_web::error;
use thads_web::refusal::API_CODES;
use thads_web::routes::table;

use crate::common::{TestApp, login_of};

fn document() -> Value {
    serde_json::to_value(thads_web::openapi::document()).unwrap()
}

/// `(METHOD, path)` of every operation of the document.
fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    let mut found = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (key, _) in item.as_object().unwrap() {
            assert!(methods.contains(&key.as_str()), "{path}: «{key}» is not an operation");
            found.insert((key.to_uppercase(), path.clone()));
        }
    }
    found
}

#[test]
fn every_api_route_is_documented_and_every_documented_operation_is_routed() {
    let routed: BTreeSet<(String, String)> = table()
        .iter()
        .filter(|r| r.path.starts_with("/api/"))
        .map(|r| (r.method.as_str().to_string(), r.path.to_string()))
        .collect();
    let documented = documented(&document());
    let undocumented: Vec<_> = routed.difference(&documented).collect();
    assert!(undocumented.is_empty(), "routed but not in the OpenAPI document: {undocumented:?}");
    let unrouted: Vec<_> = documented.difference(&routed).collect();
    assert!(unrouted.is_empty(), "in the OpenAPI document but not routed: {unrouted:?}");
    assert!(routed.len() >= 7, "{routed:?}");
}

/// Operation ids are unique (the handler's name after its room's: `cases.show`, `stats.show`).
#[test]
fn operation_ids_are_unique() {
    let doc = document();
    let mut ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap_or_default().to_string();
            assert!(
                id.contains('.') && ids.insert(id.clone()),
                "{method} {path}: operation id «{id}» twice or without a room"
            );
        }
    }
}

#[test]
fn the_document_is_a_golden_snapshot() {
    let text = thads_web::openapi::document().to_pretty_json().unwrap();
    insta::assert_snapshot!("document", text);
}

/// Every code a caller may meet is listed once in the `Error` schema: those of `WebError` and
/// those of a refusal (not `note_required`, a page's own), each refusal code with its meaning
/// and in docs/interchange.md §4.
#[test]
fn the_documents_list_every_code() {
    let doc = document();
    let code = &doc["components"]["schemas"]["Error"]["properties"]["code"];
    let listed: Vec<&str> = code["enum"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    for c in API_CODES.iter().chain(error::CODES.iter()) {
        assert_eq!(listed.iter().filter(|l| *l == c).count(), 1, "«{c}» is listed once in the OpenAPI document");
    }
    assert_eq!(listed.len(), API_CODES.len() + error::CODES.len(), "{listed:?}");
    assert!(!listed.contains(&"note_required"), "not a code of the API");
    let described = code["description"].as_str().unwrap();
    let interchange = include_str!("../../../../docs/interchange.md");
    for c in API_CODES {
        assert!(described.contains(&format!("`{c}`: ")), "«{c}» has no meaning in the document");
        assert!(interchange.contains(&format!("`{c}`")), "«{c}» is not in docs/interchange.md §4");
    }
}

#[tokio::test]
async fn the_served_document_is_the_generated_one() {
    let app = TestApp::spawn().await;
    let r = app.client.get(app.url("/api/openapi.json")).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "application/json");
    let served: Value = r.json().await.unwrap();
    assert_eq!(served, document());
    assert_eq!(served["openapi"], "3.1.0");
    assert_eq!(served["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn properties(doc: &Value, schema: &str) -> BTreeSet<String> {
    keys(&doc["components"]["schemas"][schema]["properties"])
}

/// The report is written by `thads-reports`, not by a type of this crate: its keys, those of
/// both forms and of the target are the documented ones (the cases form has all but `reduced`).
#[tokio::test]
async fn a_served_report_has_the_documented_keys() {
    let app = TestApp::spawn().await;
    let doc = document();
    let token = app.token(&login_of(Role::Head)).await;
    let report: Value = app.api(&token, Method::GET, "/api/v1/reports?year=2026", None).await.json().await.unwrap();
    // `rows` and `total` only with `by_unit=true`; then every documented key is served.
    let mut plain = properties(&doc, "Report");
    plain.remove("rows");
    plain.remove("total");
    assert_eq!(keys(&report), plain, "{report}");
    let path = "/api/v1/reports?year=2026&by_unit=true";
    let by_unit: Value = app.api(&token, Method::GET, path, None).await.json().await.unwrap();
    assert_eq!(keys(&by_unit), properties(&doc, "Report"), "{by_unit}");
    assert_eq!(keys(&by_unit["rows"][0]), properties(&doc, "UnitRow"));
    assert_eq!(keys(&by_unit["total"]), properties(&doc, "ReportTotal"));
    let mut form = properties(&doc, "Form");
    assert_eq!(keys(&report["money"]), form);
    form.remove("reduced");
    assert_eq!(keys(&report["cases"]), form);
    if report["target"].is_object() {
        assert_eq!(keys(&report["target"]), properties(&doc, "Target"));
    }
}

/// The API's own types are the documented schemas: a served case has the keys of `Case`, a
/// record those of `Record`, a page those of `CasesPage`.
#[tokio::test]
async fn served_cases_have_the_documented_keys() {
    let app = TestApp::spawn().await;
    let doc = document();
    let token = app.token(&login_of(Role::Officer)).await;
    let page: Value = app.api(&token, Method::GET, "/api/v1/cases", None).await.json().await.unwrap();
    assert_eq!(keys(&page), properties(&doc, "CasesPage"));
    assert_eq!(keys(&page["cases"][0]), properties(&doc, "Case"));
    let one: Value =
        app.api(&token, Method::GET, &format!("/api/v1/cases/{}", app.own_case.0), None).await.json().await.unwrap();
    assert_eq!(keys(&one), properties(&doc, "CaseDetail"));
    assert_eq!(keys(&one["history"][0]), properties(&doc, "Record"));
}
