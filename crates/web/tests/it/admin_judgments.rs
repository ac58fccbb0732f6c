//! The register of administrative judgments over HTTP: the contract of interchange §4 (create
//! → 201 {"id"}, result → completed, report → tracked/completed/in progress), scope and role,
//! refusals by field, the pages, the late-bodies table and the export.

use reqwest::StatusCode;
use serde_json::{Value, json};
use thads_core::Role;

use crate::common::{TestApp, login_of};

fn body(unit: &str, no: &str, judgment_on: &str) -> Value {
    json!({
        "unit": unit,
        "court": "Tòa án nhân dân tỉnh Bắc Giang",
        "judgment_no": no,
        "judgment_on": judgment_on,
        "body": "Ủy ban nhân dân huyện Lục Nam",
        "obligation": "Hủy Quyết định số 123/QĐ-UBND về thu hồi đất",
    })
}

async fn post(app: &TestApp, token: &str, path: &str, b: &Value) -> (StatusCode, Value) {
    let r = app.client.post(app.url(path)).bearer_auth(token).json(b).send().await.unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn report(app: &TestApp, token: &str, query: &str) -> Value {
    let r = app
        .client
        .get(app.url(&format!("/api/v1/reports/admin-judgments?{query}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

#[tokio::test]
async fn judgments_are_registered_completed_and_counted_as_published() {
    let app = TestApp::spawn().await;
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let today = thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc());
    let year = thads_core::ReportingYear::containing(today).number();
    let long_ago = (today - time::Duration::days(200)).to_string();
    let mut ids = Vec::new();
    for no in ["01/2026/HC-ST", "02/2026/HC-ST", "03/2026/HC-ST"] {
        let (status, created) = post(&app, &clerk, "/api/v1/admin-judgments", &body("BG-KV1", no, &long_ago)).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created.as_object().unwrap().keys().collect::<Vec<_>>(), vec!["id"]);
        ids.push(created["id"].as_i64().unwrap());
    }
    // The same judgment twice in the unit is refused; in another unit it is another register.
    let (status, _) = post(&app, &clerk, "/api/v1/admin-judgments", &body("BG-KV1", "01/2026/HC-ST", &long_ago)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // A field refused names itself; a future judgment is refused.
    let (status, e) = post(&app, &clerk, "/api/v1/admin-judgments", &body("BG-KV1", "9/2026", "2099-01-01")).await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("judgment_on")));
    let (status, e) = post(&app, &clerk, "/api/v1/admin-judgments", &body("BG-KV1", "9\u{200b}/2026", &long_ago)).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("judgment_no")),
        "invisible character"
    );
    // Outside the clerk's unit, and a role that may not.
    let (status, _) = post(&app, &clerk, "/api/v1/admin-judgments", &body("BG-KV2", "5/2026", &long_ago)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let (status, _) = post(&app, &accountant, "/api/v1/admin-judgments", &body("BG-KV1", "5/2026", &long_ago)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let head = app.token(&login_of(Role::Head)).await;
    let q = format!("unit=BG-KV1&year={year}");
    assert_eq!(report(&app, &head, &q).await, json!({ "tracked": 3, "completed": 0, "in_progress": 3 }));
    let done = json!({ "date": (today - time::Duration::days(3)).to_string(), "result": "completed" });
    let (status, r) = post(&app, &clerk, &format!("/api/v1/admin-judgments/{}/result", ids[0]), &done).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["result"], "completed");
    // Completed once: no step after it.
    let (status, _) = post(&app, &clerk, &format!("/api/v1/admin-judgments/{}/result", ids[0]), &done).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = post(
        &app,
        &clerk,
        &format!("/api/v1/admin-judgments/{}/result", ids[1]),
        &json!({ "date": today.to_string(), "result": "partly" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(report(&app, &head, &q).await, json!({ "tracked": 3, "completed": 1, "in_progress": 2 }));
    // The other section's register is its own; its people do not find this one's judgments.
    let kv2 = app.token("officer.kv2").await;
    assert_eq!(report(&app, &kv2, &format!("unit=BG-KV2&year={year}")).await["tracked"], 0);
    let (status, _) = post(&app, &kv2, &format!("/api/v1/admin-judgments/{}/result", ids[1]), &done).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The register page: the figures, the two late bodies' row, the export.
    let session = app.sign_in(&login_of(Role::Head)).await;
    let page = app
        .client
        .get(app.url("/admin-judgments?unit=BG-KV1"))
        .header(reqwest::header::COOKIE, &session.cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"aj-tracked\">3<") && page.contains("id=\"aj-completed\">1<"), "{page}");
    assert!(page.contains("id=\"aj-late\"") && page.contains("Ủy ban nhân dân huyện Lục Nam"));
    // The worklist lists the agency's overdue monitoring steps, leading to the judgment; so does
    // the deadlines API, with the judgment's id instead of a case.
    let worklist = app
        .client
        .get(app.url("/deadlines?unit=BG-KV1&overdue=true"))
        .header(reqwest::header::COOKIE, &session.cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(worklist.contains(&format!("href=\"/admin-judgments/{}\"", ids[1])), "{worklist}");
    assert!(worklist.contains("Án hành chính: "));
    let api = app.client.get(app.url("/api/v1/deadlines?unit=BG-KV1")).bearer_auth(&head).send().await.unwrap();
    let api: serde_json::Value = api.json().await.unwrap();
    let steps: Vec<&serde_json::Value> =
        api["items"].as_array().unwrap().iter().filter(|i| i["kind"] == "admin_judgment").collect();
    assert!(steps.iter().any(|i| i["admin_judgment_id"] == ids[1] && i["case_id"].is_null()), "{api}");
    assert!(steps.iter().all(|i| !i["citation"].as_str().unwrap().is_empty()), "{api}");
    let xlsx = app
        .client
        .get(app.url("/admin-judgments/export?unit=BG-KV1"))
        .header(reqwest::header::COOKIE, &session.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK);
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));
}
