//! Monthly closing and snapshots over HTTP: the head closes a month (API), an event dated in
//! it is refused by the API (409 `period_closed`, naming the month) and by the case page's form
//! alike; reopened with a reason it is taken, and the snapshot's diff names the case; the
//! periods page and the snapshot page show it. A snapshot saved over the API (from the live
//! engine) is the live report, before and after a write.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_core::Role;

use crate::common::{TestApp, login_of};

#[tokio::test]
async fn a_closed_month_is_refused_by_the_api_and_the_form_until_reopened() {
    let app = TestApp::spawn().await;
    let head = app.token(&login_of(Role::Head)).await;
    let officer = app.token(&login_of(Role::Officer)).await;
    let case = app.own_case.0;
    // Only the unit's own head closes its months.
    let by_officer =
        app.api(&officer, Method::POST, "/api/v1/periods/close?unit=BG-KV1", Some(json!({"month": "2025-11"}))).await;
    assert_eq!(by_officer.status(), StatusCode::FORBIDDEN);
    let closed =
        app.api(&head, Method::POST, "/api/v1/periods/close?unit=BG-KV1", Some(json!({"month": "2025-11"}))).await;
    assert_eq!(closed.status(), StatusCode::CREATED);
    let closed: Value = closed.json().await.unwrap();
    let snapshot = closed["snapshot"].as_i64().unwrap();
    let again =
        app.api(&head, Method::POST, "/api/v1/periods/close?unit=BG-KV1", Some(json!({"month": "2025-11"}))).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY, "closed already");
    // The API: 409 period_closed, naming the month.
    let event = json!({ "date": "2025-11-15", "event": "collected", "amount_vnd": 1_000_000 });
    let refused = app.api(&officer, Method::POST, &format!("/api/v1/cases/{case}/events"), Some(event.clone())).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "period_closed");
    assert!(body["message"].as_str().unwrap().contains("11/2025"), "{body}");
    // The web form: the case page again, with the refusal naming the month.
    let session = app.sign_in(&login_of(Role::Officer)).await;
    let version = app.version(app.own_case).to_string();
    let fields =
        [("version", version.as_str()), ("code", "collected"), ("date", "15/11/2025"), ("amount", "1.000.000")];
    let form = app.post_form(&session, &format!("/cases/{case}/events"), &fields).await;
    assert_eq!(form.status(), StatusCode::CONFLICT);
    let html = form.text().await.unwrap();
    assert!(html.contains("11/2025") && html.contains("chốt số liệu"), "the form says why");
    assert_eq!(app.db(|s| s.records(app.own_case)).unwrap().len(), 1, "nothing recorded");
    // The province sees it closed; the periods page too.
    let periods: Value = app.api(&head, Method::GET, "/api/v1/periods?unit=BG-KV1", None).await.json().await.unwrap();
    let november = periods["units"][0]["months"].as_array().unwrap().iter().find(|m| m["month"] == "2025-11").cloned();
    // Only the last twelve months are listed: 2025-11 is listed while the clock is before 12/2026.
    if let Some(m) = november {
        assert_eq!(m["status"], "closed");
        assert_eq!(m["snapshot"], snapshot);
    }
    let page = app.get(&app.sign_in(&login_of(Role::Head)).await, "/periods?unit=BG-KV1").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("id=\"close-form\""));
    // Reopened with a reason, the event is taken; the snapshot's diff names the case.
    let no_reason =
        app.api(&head, Method::POST, "/api/v1/periods/reopen?unit=BG-KV1", Some(json!({"month": "2025-11"}))).await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let reopened = app
        .api(
            &head,
            Method::POST,
            "/api/v1/periods/reopen?unit=BG-KV1",
            Some(json!({"month": "2025-11", "reason": "Biên lai nộp muộn"})),
        )
        .await;
    assert_eq!(reopened.status(), StatusCode::OK);
    let taken = app.api(&officer, Method::POST, &format!("/api/v1/cases/{case}/events"), Some(event)).await;
    assert_eq!(taken.status(), StatusCode::CREATED);
    let diff: Value =
        app.api(&head, Method::GET, &format!("/api/v1/snapshots/{snapshot}/diff"), None).await.json().await.unwrap();
    let completed =
        diff["changes"].as_array().unwrap().iter().find(|c| c["form"] == "money" && c["key"] == "completed");
    let completed = completed.unwrap_or_else(|| panic!("money completed moved: {diff}"));
    assert_eq!(completed["after"].as_i64().unwrap() - completed["before"].as_i64().unwrap(), 1_000_000);
    assert_eq!(completed["cases"][0]["effective"], "2025-11-15");
    assert_eq!(completed["cases"][0]["entered_by"], login_of(Role::Officer));
    let frozen: Value =
        app.api(&head, Method::GET, &format!("/api/v1/snapshots/{snapshot}"), None).await.json().await.unwrap();
    assert_eq!(frozen["figures"]["money"]["completed"], completed["before"], "the snapshot is unchanged");
    // Another unit's officer does not see it.
    let other = app.token("officer.kv2").await;
    let hidden = app.api(&other, Method::GET, &format!("/api/v1/snapshots/{snapshot}"), None).await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    let page = app.get(&session, &format!("/snapshots/{snapshot}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("id=\"diff\"") && html.contains("2025-11-15"), "the page shows the change and why");
}

/// A snapshot saved over the API (from the server's live engine) has the figures of the live
/// report; after an event its diff names the case, and a snapshot saved then has the new
/// figures (the engine followed the write), equal to the report's.
#[tokio::test]
async fn a_snapshot_saved_from_the_live_engine_is_the_live_report() {
    let app = TestApp::spawn().await;
    let head = app.token(&login_of(Role::Head)).await;
    let officer = app.token(&login_of(Role::Officer)).await;
    let report = "/api/v1/reports?unit=BG-KV1&year=2026&months=12";
    let saved_now = || async {
        let saved = app.api(&head, Method::POST, "/api/v1/snapshots?unit=BG-KV1", Some(json!({"year": 2026}))).await;
        assert_eq!(saved.status(), StatusCode::CREATED);
        let id = saved.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let frozen: Value =
            app.api(&head, Method::GET, &format!("/api/v1/snapshots/{id}"), None).await.json().await.unwrap();
        let live: Value = app.api(&head, Method::GET, report, None).await.json().await.unwrap();
        assert_eq!(frozen["report"], live, "the snapshot is the live report");
        (id, frozen)
    };
    let (id, before) = saved_now().await;
    let diff: Value =
        app.api(&head, Method::GET, &format!("/api/v1/snapshots/{id}/diff"), None).await.json().await.unwrap();
    assert_eq!(diff["changes"], json!([]), "nothing moved");
    let event = json!({ "date": "2025-11-15", "event": "collected", "amount_vnd": 1_000_000 });
    let case = app.own_case.0;
    let taken = app.api(&officer, Method::POST, &format!("/api/v1/cases/{case}/events"), Some(event)).await;
    assert_eq!(taken.status(), StatusCode::CREATED);
    let (_, after) = saved_now().await;
    let moved = |f: &Value| f["figures"]["money"]["completed"].as_i64().unwrap();
    assert_eq!(moved(&after) - moved(&before), 1_000_000);
    let diff: Value =
        app.api(&head, Method::GET, &format!("/api/v1/snapshots/{id}/diff"), None).await.json().await.unwrap();
    let completed =
        diff["changes"].as_array().unwrap().iter().find(|c| c["key"] == "completed" && c["form"] == "money");
    assert_eq!(completed.unwrap_or_else(|| panic!("{diff}"))["cases"][0]["entered_by"], login_of(Role::Officer));
    // Closing November 2025 freezes the report of October–November from the same engine.
    let closed =
        app.api(&head, Method::POST, "/api/v1/periods/close?unit=BG-KV1", Some(json!({"month": "2025-11"}))).await;
    assert_eq!(closed.status(), StatusCode::CREATED);
    let snapshot = closed.json::<Value>().await.unwrap()["snapshot"].as_i64().unwrap();
    let frozen: Value =
        app.api(&head, Method::GET, &format!("/api/v1/snapshots/{snapshot}"), None).await.json().await.unwrap();
    let live: Value =
        app.api(&head, Method::GET, "/api/v1/reports?unit=BG-KV1&year=2026&months=2", None).await.json().await.unwrap();
    assert_eq!(frozen["report"], live, "the closing's snapshot is the live report of the months it closes");
    assert_eq!(frozen["report"]["money"]["completed"].as_i64().map(|c| c >= 1_000_000), Some(true), "{frozen}");
}
