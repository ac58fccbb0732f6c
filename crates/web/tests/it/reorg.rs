//! The reorganisations' API (issue 23), on the backend chosen (`THADS_TEST_BACKEND`): a
//! provincial administrator splits nothing outside the province, merges the two sections,
//! lists the operation, and reads BG-KV1's October 2025 report as reported and restated; a
//! section's administrator may not merge at the province.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_core::Role;

use crate::common::{TestApp, add_staff, login_of};

#[tokio::test]
async fn an_administrator_merges_by_the_api_and_reads_both_structures() {
    let app = TestApp::spawn().await;
    let province = app.units.province;
    app.db(|s| add_staff(s, province, "admin.bg", "Quản trị tỉnh", Role::Admin));
    let section_admin = app.token(&login_of(Role::Admin)).await;
    let body = json!({"into": "BG-KV9", "from": ["BG-KV1", "BG-KV2"], "on": "2026-01-01", "name": "Khu vực 9"});
    let denied = app.api(&section_admin, Method::POST, "/api/v1/units/merge?unit=BG", Some(body.clone())).await;
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
    let token = app.token("admin.bg").await;
    let outside = json!({"into": "X", "from": ["VN", "BG"], "on": "2026-01-01", "name": "X"});
    let refused = app.api(&token, Method::POST, "/api/v1/units/merge?unit=BG", Some(outside)).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "units outside the parent");
    let path = "/api/v1/reports?unit=BG-KV1&year=2026&months=1";
    let before = app.api(&token, Method::GET, path, None).await.text().await.unwrap();
    let merged = app.api(&token, Method::POST, "/api/v1/units/merge?unit=BG", Some(body)).await;
    assert_eq!(merged.status(), StatusCode::CREATED);
    let done: Value = merged.json().await.unwrap();
    assert_eq!((done["cases_moved"].as_i64(), done["created"][0].as_str()), (Some(2), Some("BG-KV9")));
    let listed: Value =
        app.api(&token, Method::GET, "/api/v1/units/operations?unit=BG", None).await.json().await.unwrap();
    assert_eq!(listed[0]["kind"], "merge");
    let as_reported = app.api(&token, Method::GET, path, None).await.text().await.unwrap();
    assert_eq!(as_reported, before, "as reported: the same bytes");
    let restated: Value =
        app.api(&token, Method::GET, &format!("{path}&structure=restated"), None).await.json().await.unwrap();
    assert_eq!(restated["cases"]["accepted"], 0, "BG-KV1's case is at its successor now");
    let successor: Value = app
        .api(&token, Method::GET, "/api/v1/reports?unit=BG-KV9&year=2026&months=1&structure=restated", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(successor["cases"]["accepted"], 2, "restated = Σ predecessors");
    let bad = app.api(&token, Method::GET, &format!("{path}&structure=x"), None).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}
