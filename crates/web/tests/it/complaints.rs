//! The complaints register and citizen reception from outside: the contract of
//! `POST /api/v1/complaints` (authority from the table, a late letter registered with its
//! citation), the resolution, the figures that move, refusals by field, scope and role, the
//! pages in both languages, the XLSX export, the overdue letters on the worklist.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_core::Role;
use time::macros::datetime;

use crate::common::{TestApp, login_of};

async fn report(app: &TestApp, token: &str, unit: &str) -> Value {
    let r =
        app.api(token, Method::GET, &format!("/api/v1/reports/complaints?unit={unit}&year=2026&months=12"), None).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

#[tokio::test]
async fn the_contract_registers_resolves_and_counts() {
    let app = TestApp::spawn_at(datetime!(2026-08-03 03:00 UTC)).await;
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let empty = report(&app, &clerk, "BG-KV1").await;
    assert_eq!(
        empty,
        json!({"received": 0, "within_authority": 0, "resolved": 0, "resolved_rate": null, "overdue": 0})
    );

    // Against an officer of the regional section, received by it after 01/07/2025: the
    // provincial head resolves it, so the section forwards it within five working days.
    let body = json!({
        "unit": "BG-KV1", "received_on": "2026-07-20", "kind": "khieu_nai", "complainant": "Nguyễn Văn Hùng",
        "subject": "Khiếu nại quyết định cưỡng chế", "case_id": null, "act_on": "2026-05-01", "object": "cuong_che",
        "channel": "buu_chinh"
    });
    let r = app.api(&clerk, Method::POST, "/api/v1/complaints", Some(body)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let forwarded: Value = r.json().await.unwrap();
    let keys: Vec<&str> = forwarded.as_object().unwrap().keys().map(String::as_str).collect();
    for key in ["id", "within_authority", "due", "citation", "late"] {
        assert!(keys.contains(&key), "{key} in {forwarded}");
    }
    assert_eq!(forwarded["within_authority"], json!(false));
    assert_eq!(forwarded["due"], json!("2026-07-27"));
    assert!(forwarded["citation"].as_str().unwrap().contains("Điều 38"), "{forwarded}");
    assert_eq!(forwarded["late"], json!(true), "30 days from 01/05/2026 ran out on 01/06");
    assert!(forwarded["limitation_citation"].as_str().unwrap().contains("140"));

    // Stated within authority by the officer; not late.
    let body = json!({
        "unit": "BG-KV1", "received_on": "2026-07-01", "kind": "to_cao", "complainant": "Trần Thị Lan",
        "subject": "Tố cáo chấp hành viên", "case_id": app.own_case.0, "act_on": null, "within_authority": true
    });
    let r = app.api(&clerk, Method::POST, "/api/v1/complaints", Some(body)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let within: Value = r.json().await.unwrap();
    assert_eq!((within["within_authority"].clone(), within["late"].clone()), (json!(true), json!(false)));
    let id = within["id"].as_i64().unwrap();
    // A repeat letter on the same matter: linked, not counted again.
    let body = json!({
        "unit": "BG-KV1", "received_on": "2026-07-15", "kind": "to_cao", "complainant": "Trần Thị Lan",
        "subject": "Tố cáo chấp hành viên (lần 2)", "case_id": null, "act_on": null, "within_authority": true,
        "same_matter_as": id
    });
    let r = app.api(&clerk, Method::POST, "/api/v1/complaints", Some(body)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let repeat: Value = r.json().await.unwrap();
    assert_eq!(repeat["due"], Value::Null, "the first letter carries the time limits");

    let before = report(&app, &clerk, "BG-KV1").await;
    assert_eq!(
        before,
        json!({"received": 2, "within_authority": 1, "resolved": 0, "resolved_rate": "0.00", "overdue": 0})
    );
    let resolve = |date: &str, outcome: &str| json!({"date": date, "outcome": outcome});
    let path = format!("/api/v1/complaints/{id}/resolution");
    let r = app.api(&clerk, Method::POST, &path, Some(resolve("2026-08-04", "dung"))).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "dated tomorrow");
    let r = app.api(&clerk, Method::POST, &path, Some(resolve("2026-08-01", "dung_mot_phan"))).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap(), json!({"id": id, "date": "2026-08-01", "outcome": "dung_mot_phan"}));
    let r = app.api(&clerk, Method::POST, &path, Some(resolve("2026-08-02", "rut"))).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "once");
    let after = report(&app, &clerk, "BG-KV1").await;
    assert_eq!(
        after,
        json!({"received": 2, "within_authority": 1, "resolved": 1, "resolved_rate": "100.00", "overdue": 0})
    );
    // The province sees its scope's figures too.
    let head_bg = report(&app, &app.token(&login_of(Role::Head)).await, "BG-KV1").await;
    assert_eq!(head_bg, after);

    // The list: the forwarded one is overdue (its five working days ran out on 27/07).
    let r = app.api(&clerk, Method::GET, "/api/v1/complaints?unit=BG-KV1", None).await;
    let list: Value = r.json().await.unwrap();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let first = items.iter().find(|i| i["id"] == forwarded["id"]).unwrap();
    assert_eq!((first["overdue"].clone(), first["status"].clone()), (json!(true), json!("open")));
}

#[tokio::test]
async fn refusals_name_their_field_and_scope_and_role_hold() {
    let app = TestApp::spawn_at(datetime!(2026-08-03 03:00 UTC)).await;
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let base = json!({
        "unit": "BG-KV1", "received_on": "2026-07-20", "kind": "khieu_nai", "complainant": "A",
        "subject": "B", "case_id": null, "act_on": null
    });
    let with = |k: &str, v: Value| {
        let mut b = base.clone();
        b[k] = v;
        b
    };
    for (field, body) in [
        ("kind", with("kind", json!("khieu nai"))),
        ("unit", with("unit", json!("BG-KV1\u{200b}"))),
        ("received_on", with("received_on", json!("2026-08-04"))),
        ("act_on", with("act_on", json!("2026-07-21"))),
        ("case_id", with("case_id", json!(app.other_case.0))),
        ("complainant", with("complainant", json!(""))),
        ("subject", with("subject", json!("x".repeat(2001)))),
        ("same_matter_as", with("same_matter_as", json!(999_999))),
        ("level", with("level", json!("lan_ba"))),
    ] {
        let r = app.api(&clerk, Method::POST, "/api/v1/complaints", Some(body)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let e: Value = r.json().await.unwrap();
        assert_eq!(e["field"], json!(field), "{e}");
    }
    let r = app.api(&clerk, Method::POST, "/api/v1/complaints", Some(with("unit", json!("BG-KV2")))).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "outside the clerk's unit");
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let r = app.api(&accountant, Method::POST, "/api/v1/complaints", Some(base.clone())).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "an accountant does not register letters");
    let r = app.api(&clerk, Method::POST, "/api/v1/complaints", Some(base)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let other = app.token("officer.kv2").await;
    let path = format!("/api/v1/complaints/{id}/resolution");
    let r = app.api(&other, Method::POST, &path, Some(json!({"date": "2026-08-01", "outcome": "rut"}))).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "a letter outside one's scope is not there");
    let r = app.api(&clerk, Method::POST, &path, Some(json!({"date": "2026-08-01", "outcome": "thang"}))).await;
    assert_eq!(r.json::<Value>().await.unwrap()["field"], json!("outcome"));
}

#[tokio::test]
async fn pages_steps_reception_export_and_worklist() {
    let app = TestApp::spawn_at(datetime!(2026-08-03 03:00 UTC)).await;
    let s = app.sign_in(&login_of(Role::Clerk)).await;
    let r = app
        .post_form(
            &s,
            "/complaints/new?unit=BG-KV1",
            &[
                ("kind", "khieu_nai"),
                ("channel", "truc_tiep"),
                ("received_on", "01/07/2026"),
                ("complainant", "Phạm Văn Đức"),
                ("subject", "Khiếu nại việc định giá tài sản"),
                ("object", "cuong_che"),
                ("act_on", "25/06/2026"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let letter = r.headers()["location"].to_str().unwrap().to_string();
    let page = app.get(&s, &letter).await.text().await.unwrap();
    assert!(page.contains("Phạm Văn Đức") && page.contains("complaint-refer"), "forwarded: the referral form");
    // Its five working days ran out on 08/07: on the worklist.
    let work = app.get(&s, "/deadlines?unit=BG-KV1").await.text().await.unwrap();
    assert!(work.contains("worklist-complaints") && work.contains("Phạm Văn Đức"), "{work}");
    // The worklist API lists it too, as a letter (no case), and not when one officer is asked.
    let token = app.token(&login_of(Role::Clerk)).await;
    let letters = |items: &serde_json::Value| -> Vec<serde_json::Value> {
        items["items"].as_array().unwrap().iter().filter(|i| i["complaint_id"].is_i64()).cloned().collect()
    };
    let api: serde_json::Value =
        app.api(&token, Method::GET, "/api/v1/deadlines?unit=BG-KV1", None).await.json().await.unwrap();
    let listed = letters(&api);
    assert_eq!(listed.len(), 1, "{api}");
    assert_eq!(listed[0]["case_no"], "Phạm Văn Đức");
    assert!(listed[0]["case_id"].is_null() && listed[0]["overdue"] == true);
    assert!(listed[0]["kind"].as_str().unwrap().starts_with("complaint_"));
    let officer = format!("/api/v1/deadlines?unit=BG-KV1&officer={}", login_of(Role::Officer));
    let r = app.api(&token, Method::GET, &officer, None).await;
    assert_eq!(r.status(), StatusCode::OK);
    let api: serde_json::Value = r.json().await.unwrap();
    assert!(letters(&api).is_empty(), "{api}");
    let step = format!("{letter}/step");
    let r = app
        .post_form(
            &s,
            &step,
            &[("step", "refer"), ("date", "02/07/2026"), ("referral", "chuyen_don"), ("to", "THADS tỉnh")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app.get(&s, &letter).await.text().await.unwrap();
    assert!(page.contains("complaint-referral") && page.contains("THADS tỉnh"));
    let r = app.post_form(&s, &step, &[("step", "refer"), ("date", "02/07/2026"), ("referral", "chuyen_don")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "referred once");
    let work = app.get(&s, "/deadlines?unit=BG-KV1").await.text().await.unwrap();
    assert!(!work.contains("worklist-complaints"), "no longer overdue");
    let api: serde_json::Value =
        app.api(&token, Method::GET, "/api/v1/deadlines?unit=BG-KV1", None).await.json().await.unwrap();
    assert!(letters(&api).is_empty(), "no longer overdue: {api}");

    for lang in ["vi", "en"] {
        app.get(&s, &format!("/lang/{lang}")).await;
        let cookie = format!("{}; lang={lang}", s.cookie);
        for path in [
            "/complaints?unit=BG-KV1&show=all",
            "/complaints/stats?unit=BG-KV1",
            "/reception?unit=BG-KV1",
            &letter,
            "/complaints/new?unit=BG-KV1",
        ] {
            let r = app.client.get(app.url(path)).header(reqwest::header::COOKIE, &cookie).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            let html = r.text().await.unwrap();
            assert!(!html.contains("complaint_") && !html.contains("reception_"), "{lang} {path}: a text key shows");
        }
    }
    let stats = app.get(&s, "/complaints/stats?unit=BG-KV1&year=2026&months=12").await.text().await.unwrap();
    assert!(stats.contains("complaint-figures"));
    let r = app.get(&s, "/complaints/stats/export?unit=BG-KV1&year=2026&months=12").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().contains("spreadsheetml"));
    assert!(r.bytes().await.unwrap().starts_with(b"PK"), "a zip (XLSX)");

    // Reception: a session, then a letter registered from it.
    let r = app
        .post_form(
            &s,
            "/reception?unit=BG-KV1",
            &[
                ("date", "15/07/2026"),
                ("kind", "dinh_ky"),
                ("visitors", "3"),
                ("subject", "Hỏi tiến độ trả tiền"),
                ("result", "Đã giải thích"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app.get(&s, "/reception?unit=BG-KV1&year=2026&months=12").await.text().await.unwrap();
    assert!(page.contains("Hỏi tiến độ trả tiền"));
    let session = app.db(|st| st.reception_sessions()).unwrap()[0].id.0.to_string();
    let r = app
        .post_form(
            &s,
            "/complaints/new?unit=BG-KV1",
            &[
                ("kind", "to_cao"),
                ("received_on", "15/07/2026"),
                ("complainant", "Hoàng Thị Mai"),
                ("subject", "Tố cáo tại buổi tiếp"),
                ("within_authority", "true"),
                ("session_id", &session),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let sessions = app.db(|st| st.reception_sessions()).unwrap();
    assert_eq!(sessions[0].session.complaints.len(), 1, "the session lists its letter");
    let r = app
        .post_form(
            &s,
            "/reception?unit=BG-KV1",
            &[("date", "15/07/2026"), ("kind", "dinh_ky"), ("visitors", "0"), ("subject", "x")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // An accountant reads the register but has no forms.
    let a = app.sign_in(&login_of(Role::Accountant)).await;
    let page = app.get(&a, &letter).await.text().await.unwrap();
    assert!(!page.contains("complaint-resolve"));
    let r = app.post_form(&a, &step, &[("step", "resolve"), ("date", "02/07/2026"), ("outcome", "rut")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
