//! Citizen reception through the API and the reception book's export (issue 20 item 2): a head's
//! day scheduled and the year planned, a session recorded by login, the book of the period with
//! its figures, refusals by field, scope and role, and the book as XLSX and CSV.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_core::Role;
use time::macros::datetime;

use crate::common::{TestApp, login_of};

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let r = app.api(token, Method::POST, path, Some(body)).await;
    let status = r.status();
    (status, r.json().await.unwrap_or_default())
}

#[tokio::test]
async fn the_api_schedules_records_and_reads_the_book_and_the_book_exports() {
    let app = TestApp::spawn_at(datetime!(2026-08-03 03:00 UTC)).await;
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let head = login_of(Role::Head);

    let day = json!({"unit": "BG-KV1", "head": head, "date": "2026-07-10", "place": "Trụ sở Chi cục"});
    let (status, r) = post(&app, &clerk, "/api/v1/reception/schedule", day.clone()).await;
    assert_eq!((status, &r), (StatusCode::CREATED, &json!({"added": 1})));
    let (status, _) = post(&app, &clerk, "/api/v1/reception/schedule", day).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the same head's day twice");
    let (status, r) =
        post(&app, &clerk, "/api/v1/reception/schedule", json!({"unit": "BG-KV1", "plan_year": 2026})).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    assert_eq!(r["added"], 11, "one day a month for the head, July already scheduled: {r}");

    let session = json!({"unit": "BG-KV1", "date": "2026-07-10", "head": head, "kind": "dinh_ky", "visitors": 4,
        "subject": "Hỏi về tiến độ thi hành án", "result": "Đã hướng dẫn"});
    let (status, r) = post(&app, &clerk, "/api/v1/reception/sessions", session.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    let id = r["id"].as_i64().unwrap();
    let staff_only = json!({"unit": "BG-KV1", "date": "2026-07-20", "head": null, "kind": "dot_xuat", "visitors": "2",
        "subject": "=Khiếu nại, \"cưỡng chế\"", "result": ""});
    let (status, _) = post(&app, &clerk, "/api/v1/reception/sessions", staff_only).await;
    assert_eq!(status, StatusCode::CREATED);

    // Refused by field.
    for (key, value, field) in [
        ("visitors", json!(0), "visitors"),
        ("kind", json!("khac"), "kind"),
        ("date", json!("2099-01-01"), "date"),
        ("head", json!("officer.kv1"), "head"),
        ("subject", json!("x".repeat(5000)), "subject"),
    ] {
        let mut body = session.clone();
        body[key] = value;
        let (status, e) = post(&app, &clerk, "/api/v1/reception/sessions", body).await;
        assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field)), "{key}: {e}");
    }
    // Another unit, and a role that may not record.
    let mut other = session.clone();
    other["unit"] = json!("BG-KV2");
    assert_eq!(post(&app, &clerk, "/api/v1/reception/sessions", other).await.0, StatusCode::FORBIDDEN);
    let accountant = app.token(&login_of(Role::Accountant)).await;
    assert_eq!(post(&app, &accountant, "/api/v1/reception/sessions", session).await.0, StatusCode::FORBIDDEN);

    // The book of the period: as the page.
    let r = app.api(&accountant, Method::GET, "/api/v1/reception?unit=BG-KV1&year=2026&months=12", None).await;
    assert_eq!(r.status(), StatusCode::OK);
    let book: Value = r.json().await.unwrap();
    assert_eq!((book["from"].as_str(), book["to"].as_str()), (Some("2025-10-01"), Some("2026-09-30")));
    assert_eq!(
        book["figures"],
        json!({"sessions": 2, "periodic": 1, "ad_hoc": 1, "head_days": 1, "visitors": 6, "complaints": 0})
    );
    let sessions = book["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!((sessions[0]["id"].as_i64(), sessions[0]["head"].as_str()), (Some(id), Some(head.as_str())));
    assert!(sessions[1]["head"].is_null());
    assert!(book["schedule"].as_array().unwrap().len() >= 12, "{book}");
    assert!(
        book["missed"].as_array().unwrap().iter().any(|m| m["month"] == "2025-10" && m["head"] == head.as_str()),
        "no session in October: {book}"
    );
    assert!(book["missed"].as_array().unwrap().iter().all(|m| m["month"] != "2026-07"), "{book}");
    let kv2 = app.token("officer.kv2").await;
    let r = app.api(&kv2, Method::GET, "/api/v1/reception?unit=BG-KV1", None).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // The book exported: XLSX and CSV (a BOM, the formula neutralised, quoted).
    let s = app.sign_in(&login_of(Role::Clerk)).await;
    let page = app.get(&s, "/reception?unit=BG-KV1&year=2026&months=12").await.text().await.unwrap();
    assert!(page.contains("id=\"reception-export\""), "the page links its export");
    let r = app.get(&s, "/reception/export?unit=BG-KV1&year=2026&months=12").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().contains("spreadsheetml"));
    assert!(r.bytes().await.unwrap().starts_with(b"PK"), "a zip (XLSX)");
    let r = app.get(&s, "/reception/export?unit=BG-KV1&year=2026&months=12&format=csv").await;
    assert_eq!(r.status(), StatusCode::OK);
    let csv = r.text().await.unwrap();
    assert!(csv.starts_with('\u{feff}'), "a byte-order mark");
    assert!(csv.contains("Hỏi về tiến độ thi hành án") && csv.contains("\"'=Khiếu nại, \"\"cưỡng chế\"\"\""), "{csv}");
    let r = app.get(&s, "/reception/export?unit=BG-KV1&format=pdf").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}
