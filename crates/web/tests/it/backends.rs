//! The server on PostgreSQL whatever `THADS_TEST_BACKEND` chooses (skipped when `THADS_TEST_PG`
//! is unset): it starts, serves a signed-in day's work, and stops without aborting. The whole
//! suite also runs on PostgreSQL (`THADS_TEST_BACKEND=postgres`, from `scripts/test`).

use reqwest::{Method, StatusCode};
use thads_core::Role;
use thads_testkit::Backend;
use thads_web::WebConfig;

use crate::common::{TestApp, login_of};

fn postgres_configured() -> bool {
    std::env::var(thads_store_postgres::testing::TEST_URL_VAR).is_ok_and(|u| !u.is_empty())
}

#[tokio::test]
async fn the_server_starts_and_serves_on_postgres() {
    if !postgres_configured() {
        eprintln!("skipped: set THADS_TEST_PG");
        return;
    }
    let app = TestApp::spawn_on(Backend::Postgres, WebConfig::default()).await;
    assert_eq!(app.client.get(app.url("/health")).send().await.unwrap().status(), StatusCode::OK);
    let s = app.sign_in(&login_of(Role::Officer)).await;
    for path in ["/?unit=BG-KV1", "/cases?q=nguyen", &format!("/cases/{}", app.own_case.0), "/stats"] {
        assert_eq!(app.get(&s, path).await.status(), StatusCode::OK, "{path}");
    }
    let v = app.version(app.own_case).to_string();
    let fields = [("version", v.as_str()), ("code", "collected"), ("date", "03/11/2025"), ("amount", "2.000.000")];
    let recorded = app.post_form(&s, &format!("/cases/{}/events", app.own_case.0), &fields).await;
    assert_eq!(recorded.status(), StatusCode::SEE_OTHER);
    let token = app.token(&login_of(Role::Statistician)).await;
    let report = app.api(&token, Method::GET, "/api/v1/reports?unit=BG-KV1&year=2026&months=12", None).await;
    let report: serde_json::Value = report.json().await.unwrap();
    assert_eq!(report["money"]["completed"], 2_000_000, "{report}");
}
