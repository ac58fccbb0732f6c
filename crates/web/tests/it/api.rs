//! The JSON API of interchange §4.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_core::Role;

use crate::common::{TestApp, login_of};

#[tokio::test]
async fn sign_in_list_read_record_and_report() {
    let app = TestApp::spawn().await;
    let token = app.token(&login_of(Role::Officer)).await;
    let list: Value =
        app.api(&token, Method::GET, "/api/v1/cases?q=nguyen%20van%20an", None).await.json().await.unwrap();
    assert_eq!(list["cases"].as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list["cases"][0]["debtor"], "Nguyễn Văn An");
    let other = app.api(&token, Method::GET, &format!("/api/v1/cases/{}", app.other_case.0), None).await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND, "another unit's case is not there");
    let own: Value =
        app.api(&token, Method::GET, &format!("/api/v1/cases/{}", app.own_case.0), None).await.json().await.unwrap();
    assert_eq!(own["case"]["state"], "with_means");
    assert_eq!(own["history"].as_array().unwrap().len(), 1);
    assert!(own["allowed_events"].as_array().unwrap().contains(&json!("collected")));
    let body = json!({ "date": "2025-11-02", "event": "collected", "amount_vnd": 5_000_000, "ground": "" });
    let r = app.api(&token, Method::POST, &format!("/api/v1/cases/{}/events", app.own_case.0), Some(body)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let changed: Value = r.json().await.unwrap();
    assert_eq!(changed["case"]["outstanding_vnd"], 45_000_000);
    let refused = app
        .api(
            &token,
            Method::POST,
            &format!("/api/v1/cases/{}/events", app.own_case.0),
            Some(json!({"date": "2025-11-02", "event": "resumed", "amount_vnd": 0})),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = app
        .api(&token, Method::GET, "/api/v1/reports?unit=BG-KV1&year=2026&months=2", None)
        .await
        .text()
        .await
        .unwrap();
    let order: Vec<usize> = ["\"unit\"", "\"from\"", "\"to\"", "\"cases\"", "\"money\"", "\"target\""]
        .iter()
        .map(|k| text.find(k).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "contract key order: {text}");
    let report: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["unit"], "BG-KV1");
    assert_eq!((report["from"].as_str(), report["to"].as_str()), (Some("2025-10-01"), Some("2025-11-30")));
    assert_eq!(report["cases"]["new"], 1);
    assert_eq!(report["money"]["completed"], 5_000_000);
    assert!(report["target"].is_null());
    assert_eq!(app.api(&token, Method::GET, "/api/v1/reports?unit=BG-KV2", None).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.api(&token, Method::DELETE, "/api/v1/session", None).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.api(&token, Method::GET, "/api/v1/cases", None).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn inspectors_read_but_cannot_record() {
    let app = TestApp::spawn().await;
    let token = app.token(&login_of(Role::Inspector)).await;
    let body = json!({ "date": "2025-11-02", "event": "collected", "amount_vnd": 1000 });
    let r = app.api(&token, Method::POST, &format!("/api/v1/cases/{}/events", app.own_case.0), Some(body)).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["code"], "forbidden");
}

/// Clients that send no version ask for no check against one they read: eight recording on one
/// case at once all succeed, each event stored once. A client that sends the version it read is
/// told when the case changed since (409).
#[tokio::test]
async fn events_recorded_at_once_without_a_version_all_succeed() {
    let app = TestApp::spawn().await;
    let token = app.token(&login_of(Role::Officer)).await;
    let path = format!("/api/v1/cases/{}/events", app.own_case.0);
    let read: Value =
        app.api(&token, Method::GET, &format!("/api/v1/cases/{}", app.own_case.0), None).await.json().await.unwrap();
    let version = read["case"]["version"].as_i64().unwrap();
    let posts: Vec<_> = (0..8)
        .map(|_| {
            let body = json!({ "date": "2025-11-02", "event": "collected", "amount_vnd": 1_000 });
            let request = app.client.post(app.url(&path)).bearer_auth(&token).json(&body);
            tokio::spawn(async move { request.send().await.unwrap().status() })
        })
        .collect();
    let mut statuses = Vec::new();
    for post in posts {
        statuses.push(post.await.unwrap());
    }
    assert_eq!(statuses, vec![StatusCode::CREATED; 8]);
    let after: Value =
        app.api(&token, Method::GET, &format!("/api/v1/cases/{}", app.own_case.0), None).await.json().await.unwrap();
    assert_eq!(after["history"].as_array().unwrap().len(), 1 + 8);
    assert_eq!(after["case"]["collected_vnd"], 8_000);
    let stale = json!({ "date": "2025-11-02", "event": "collected", "amount_vnd": 1_000, "version": version });
    let r = app.api(&token, Method::POST, &path, Some(stale)).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "stale_version");
}
