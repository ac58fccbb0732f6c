//! `/health` tells anyone only that the server is alive; the installation's details (backend,
//! case count, generations) are for an administrator of the whole unit tree.

use reqwest::StatusCode;
use serde_json::{Value, json};
use thads_core::Role;

use crate::common::{TestApp, add_staff, login_of};

#[tokio::test]
async fn health_is_liveness_only_and_details_are_for_an_administrator_of_everything() {
    let app = TestApp::spawn().await;
    let anonymous = app.client.get(app.url("/health")).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::OK);
    assert_eq!(anonymous.json::<Value>().await.unwrap(), json!({ "status": "ok" }), "no backend, no count");
    let details = app.client.get(app.url("/health/details")).send().await.unwrap();
    assert_eq!(details.status(), StatusCode::SEE_OTHER, "anonymous: to the sign-in page");

    let regional = app.sign_in(&login_of(Role::Admin)).await;
    assert_eq!(app.get(&regional, "/health/details").await.status(), StatusCode::FORBIDDEN, "an admin of BG-KV1");
    let national = app.units.national;
    app.db(|s| add_staff(s, national, "admin.vn", "Quản trị toàn quốc", Role::Admin));
    let root = app.sign_in("admin.vn").await;
    let r = app.get(&root, "/health/details").await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    let backend = app.db(|s| s.backend());
    assert_eq!((body["backend"].as_str(), body["cases"].as_u64()), (Some(backend), Some(2)), "{body}");
    assert!(body["ledger_generation"].as_i64().is_some() && body["reference_generation"].as_i64().is_some());
}
