//! Taking in a case and changing its facts, through the API (the contract of issue 16: `POST
//! /api/v1/cases` → 201, 409 for a taken number, 403 outside the caller's units, 422 naming a
//! bad field; `PATCH /api/v1/cases/{id}` → 200, 409 for a stale version, 422 without a reason)
//! and through the pages (the intake form with the proposed number, the edit form, the
//! reassignment, the case page's details and timeline).

use reqwest::header::COOKIE;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_core::{CaseId, Role};

use crate::common::{TestApp, hidden, login_of};

fn intake_body() -> Value {
    json!({
        "unit": "BG-KV1",
        "accepted_on": "2025-11-03",
        "origin": "theo_yeu_cau",
        "received_by_delegation": false,
        "judgment_type": "kinh_doanh_thuong_mai",
        "categories": ["tin_dung"],
        "amount_vnd": 120_000_000,
        "debtor": "Công ty TNHH Hòa Phát Bắc Giang",
        "debtor_id": "2400123456",
        "debtor_address": "KCN Đình Trám, Việt Yên, Bắc Giang",
        "creditor": "Ngân hàng TMCP Á Châu",
        "creditor_id": "0301452948-012",
        "judgment_court": "TAND tỉnh Bắc Giang",
        "judgment_no": "15/2025/KDTM-ST",
        "judgment_date": "2025-09-12",
        "request_date": "2025-10-20",
        "request_by": "Ngân hàng TMCP Á Châu",
        "officer": "officer.kv1"
    })
}

async fn call(app: &TestApp, token: &str, method: Method, path: &str, body: Value) -> (StatusCode, Value) {
    let r = app.api(token, method, path, Some(body)).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn take_in(app: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    call(app, token, Method::POST, "/api/v1/cases", body).await
}

#[tokio::test]
async fn the_api_takes_in_a_case_with_the_next_number_and_refuses_a_taken_one() {
    let app = TestApp::spawn().await;
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let report = "/api/v1/reports?unit=BG-KV1&year=2026";
    let new_cases = |r: Value| r["cases"]["new"].as_i64().unwrap();
    let before = new_cases(app.api(&clerk, Method::GET, report, None).await.json().await.unwrap());
    let (status, answer) = take_in(&app, &clerk, intake_body()).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let after = new_cases(app.api(&clerk, Method::GET, report, None).await.json().await.unwrap());
    assert_eq!(after, before + 1, "the statistics count the case taken in at once");
    assert_eq!(answer["case_no"], "47/QĐ-THADS", "one more than 46/QĐ-THADS of the 2025 book");
    assert_eq!(answer["version"], 1);
    let id = answer["id"].as_i64().unwrap();
    let shown = app.api(&clerk, Method::GET, &format!("/api/v1/cases/{id}"), None).await.json::<Value>().await.unwrap();
    assert_eq!(shown["case"]["officer"], "officer.kv1");
    assert_eq!(shown["details"]["debtor_id"], "2400123456");
    assert_eq!(shown["details"]["judgment_no"], "15/2025/KDTM-ST");
    assert_eq!(shown["details"]["request_by"], "Ngân hàng TMCP Á Châu");
    let mut again = intake_body();
    again["case_no"] = json!("47/QĐ-THADS");
    let (status, answer) = take_in(&app, &clerk, again).await;
    assert_eq!((status, answer["code"].as_str()), (StatusCode::CONFLICT, Some("case_no_taken")), "{answer}");
    assert!(answer["message"].as_str().unwrap().contains("47/QĐ-THADS"));
    let mut typed = intake_body();
    typed["case_no"] = json!("120/QĐ-THADS");
    let (status, answer) = take_in(&app, &clerk, typed).await;
    assert_eq!((status, answer["case_no"].as_str()), (StatusCode::CREATED, Some("120/QĐ-THADS")), "{answer}");
    let audit = app.db(|s| s.audit_of_case(CaseId(id))).unwrap();
    assert_eq!((audit[0].action.as_str(), audit[0].actor.as_str()), ("case.intake", "clerk.kv1"));
}

#[tokio::test]
async fn the_api_refuses_units_and_roles_that_may_not_take_in() {
    let app = TestApp::spawn().await;
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let mut elsewhere = intake_body();
    elsewhere["unit"] = json!("BG-KV2");
    elsewhere["officer"] = json!(null);
    let (status, answer) = take_in(&app, &clerk, elsewhere).await;
    assert_eq!((status, answer["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "{answer}");
    for role in [Role::Officer, Role::Accountant, Role::Statistician, Role::Inspector] {
        let token = app.token(&login_of(role)).await;
        let (status, _) = take_in(&app, &token, intake_body()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role}");
    }
    for role in [Role::Head, Role::Admin] {
        let token = app.token(&login_of(role)).await;
        let mut body = intake_body();
        body["case_no"] = json!(format!("{}/QĐ-THADS", 200 + role as i32));
        let (status, answer) = take_in(&app, &token, body).await;
        assert_eq!(status, StatusCode::CREATED, "{role}: {answer}");
    }
    assert_eq!(app.db(|s| s.case_count()).unwrap(), 4, "two seeded cases and the head's and admin's");
}

#[tokio::test]
async fn a_bad_field_is_refused_with_422_naming_it() {
    let app = TestApp::spawn().await;
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let tries: [(&str, Value, &str); 11] = [
        ("debtor_id", json!("12345"), "invalid_field"),
        ("debtor_id", json!("0012\u{200B}34567890"), "invalid_text"),
        ("amount_vnd", json!("abc"), "invalid_field"),
        ("amount_vnd", json!(-5), "invalid_amount"),
        ("accepted_on", json!("31/02/2025"), "invalid_date"),
        ("accepted_on", json!("2099-01-01"), "invalid_field"),
        ("origin", json!("tu_nguyen"), "invalid_field"),
        ("debtor", json!(""), "invalid_text"),
        ("officer", json!("accountant.kv1"), "invalid_field"),
        ("judgment_date", json!("2025-12-01"), "invalid_field"),
        ("unit", json!("XX-9"), "invalid_field"),
    ];
    for (field, value, code) in tries {
        let mut body = intake_body();
        body[field] = value.clone();
        let (status, answer) = take_in(&app, &clerk, body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field} = {value}: {answer}");
        assert_eq!((answer["field"].as_str(), answer["code"].as_str()), (Some(field), Some(code)), "{answer}");
        assert!(!answer["message"].as_str().unwrap().contains(" / "), "one language: {answer}");
    }
    let mut ex_officio = intake_body();
    ex_officio["origin"] = json!("chu_dong");
    let (status, answer) = take_in(&app, &clerk, ex_officio).await;
    assert_eq!((status, answer["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("request_date")));
    assert_eq!(app.db(|s| s.case_count()).unwrap(), 2, "nothing taken in");
}

#[tokio::test]
async fn the_api_edits_facts_on_the_version_read_with_a_reason() {
    let app = TestApp::spawn().await;
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let (_, answer) = take_in(&app, &clerk, intake_body()).await;
    let path = format!("/api/v1/cases/{}", answer["id"]);
    let patch = |body: Value| call(&app, &clerk, Method::PATCH, &path, body);
    let (status, answer) = patch(json!({ "version": 1, "amount_vnd": 125_000_000 })).await;
    assert_eq!((status, answer["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")), "{answer}");
    let change = json!({ "version": 1, "reason": "Sai số tiền theo bản án", "amount_vnd": 125_000_000,
        "debtor_address": "Lô 5, KCN Đình Trám" });
    let (status, answer) = patch(change.clone()).await;
    assert_eq!((status, answer.clone()), (StatusCode::OK, json!({ "version": 2 })));
    let (status, answer) = patch(change).await;
    assert_eq!((status, answer["code"].as_str()), (StatusCode::CONFLICT, Some("stale_version")), "{answer}");
    let (status, answer) = patch(json!({ "version": 2, "reason": "không đổi", "amount_vnd": 125_000_000 })).await;
    assert_eq!(
        (status, answer["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")),
        "nothing changed"
    );
    let (status, _) = patch(json!({ "version": 2, "reason": "đổi CHV", "officer": null })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a clerk does not reassign");
    let head = app.token(&login_of(Role::Head)).await;
    let (status, answer) =
        call(&app, &head, Method::PATCH, &path, json!({ "version": 2, "reason": "đổi CHV", "officer": "head.kv1" }))
            .await;
    assert_eq!((status, answer.clone()), (StatusCode::OK, json!({ "version": 3 })));
    let shown = app.api(&head, Method::GET, &path, None).await.json::<Value>().await.unwrap();
    assert_eq!(
        (shown["case"]["officer"].as_str(), shown["case"]["amount_vnd"].as_i64()),
        (Some("head.kv1"), Some(125_000_000))
    );
    assert_eq!(shown["details"]["debtor_address"], "Lô 5, KCN Đình Trám");
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let (status, _) =
        call(&app, &accountant, Method::PATCH, &path, json!({ "version": 3, "reason": "x", "debtor": "Y" })).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let other = format!("/api/v1/cases/{}", app.other_case.0);
    let (status, _) =
        call(&app, &head, Method::PATCH, &other, json!({ "version": 1, "reason": "x", "debtor": "Y" })).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a case outside the caller's units is not seen");
}

async fn page_text(app: &TestApp, cookie: &str, path: &str) -> (StatusCode, String) {
    let r = app.client.get(app.url(path)).header(COOKIE, cookie).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

fn intake_form(number: &str) -> Vec<(&'static str, String)> {
    [
        ("case_no", number),
        ("accepted_on", "03/11/2025"),
        ("origin", "chu_dong"),
        ("judgment_type", "hinh_su"),
        ("cat_ngan_sach", "1"),
        ("amount_vnd", "15.000.000"),
        ("debtor", "Lê Văn Tám"),
        ("debtor_id", "024089001234"),
        ("debtor_address", "Thôn Hạ, xã Tân Mỹ, Bắc Giang"),
        ("creditor", "Chi cục Thuế khu vực Bắc Giang"),
        ("judgment_court", "TAND thành phố Bắc Giang"),
        ("judgment_no", "88/2025/HS-ST"),
        ("judgment_date", "20/08/2025"),
        ("officer", "officer.kv1"),
    ]
    .map(|(k, v)| (k, v.to_string()))
    .to_vec()
}

#[tokio::test]
async fn the_intake_form_proposes_the_number_and_the_case_page_shows_the_facts_and_the_timeline() {
    let app = TestApp::spawn().await;
    let clerk = app.sign_in(&login_of(Role::Clerk)).await;
    let (status, list) = page_text(&app, &clerk.cookie, "/cases?unit=BG-KV1").await;
    assert!(status.is_success() && list.contains("href=\"/cases/new?unit=BG-KV1\""), "a link to the intake form");
    let (status, form) = page_text(&app, &clerk.cookie, "/cases/new?unit=BG-KV1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Thụ lý việc mới"), "{form}");
    let today_book = thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc()).year();
    let proposed = hidden(&form.replace("id=\"f-case_no\" value", "value"), "case_no");
    assert_eq!(proposed, if today_book == 2025 { "47/QĐ-THADS" } else { "1/QĐ-THADS" });
    let fields = intake_form("47/QĐ-THADS");
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post_form(&clerk, "/cases/new?unit=BG-KV1", &borrowed).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    let (_, page) = page_text(&app, &clerk.cookie, &to).await;
    for shown in ["024089001234", "Thôn Hạ, xã Tân Mỹ, Bắc Giang", "88/2025/HS-ST", "TAND thành phố Bắc Giang"]
    {
        assert!(page.contains(shown), "the case page shows {shown}");
    }
    let accepted = page.find("id=\"accepted-0\"").expect("the intake in the timeline");
    assert!(page[accepted..].contains("ghi bởi clerk.kv1"), "who took it in");
    assert!(!page.contains("id=\"reassign-form\""), "a clerk does not reassign");
    let again = app.post_form(&clerk, "/cases/new?unit=BG-KV1", &borrowed).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let body = again.text().await.unwrap();
    assert!(body.contains("id=\"form-error\"") && body.contains("Lê Văn Tám"), "the form again, values kept");
    let other = app.sign_in("officer.kv2").await;
    let (status, _) = page_text(&app, &other.cookie, "/cases/new?unit=BG-KV2").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "an officer takes no cases in");
}

#[tokio::test]
async fn the_edit_form_needs_a_reason_and_the_head_reassigns() {
    let app = TestApp::spawn().await;
    let clerk = app.sign_in(&login_of(Role::Clerk)).await;
    let fields = intake_form("");
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post_form(&clerk, "/cases/new?unit=BG-KV1", &borrowed).await;
    let case = r.headers()["location"].to_str().unwrap().trim_start_matches("/cases/").to_string();
    let (status, form) = page_text(&app, &clerk.cookie, &format!("/cases/{case}/edit")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("value=\"Lê Văn Tám\""), "the form holds the facts: {form}");
    let mut edit: Vec<(&str, &str)> = borrowed.clone();
    edit.retain(|(k, _)| *k != "debtor_address" && *k != "case_no");
    edit.push(("debtor_address", "Số 9 Ngô Gia Tự, Bắc Giang"));
    edit.push(("version", "1"));
    let path = format!("/cases/{case}/edit");
    let refused = app.post_form(&clerk, &path, &edit).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("aria-invalid=\"true\""), "the reason is marked");
    edit.push(("reason", "Đương sự chuyển nơi ở"));
    let saved = app.post_form(&clerk, &path, &edit).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let stale = app.post_form(&clerk, &path, &edit).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT, "the version read is 1, the case is at 2");
    let head = app.sign_in(&login_of(Role::Head)).await;
    let (_, page) = page_text(&app, &head.cookie, &format!("/cases/{case}")).await;
    assert!(page.contains("Số 9 Ngô Gia Tự") && page.contains("Đương sự chuyển nơi ở"), "edit in the timeline");
    assert!(page.contains("id=\"reassign-form\""));
    let version = hidden(&page[page.find("id=\"reassign-form\"").unwrap()..], "version");
    let r = app
        .post_form(
            &head,
            &format!("/cases/{case}/reassign"),
            &[("version", &version), ("officer", "head.kv1"), ("reason", "CHV nghỉ phép")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = page_text(&app, &head.cookie, &format!("/cases/{case}")).await;
    assert!(page.contains("Phân công lại chấp hành viên") && page.contains("CHV nghỉ phép"));
    let clerk_reassigns = app
        .post_form(&clerk, &format!("/cases/{case}/reassign"), &[("version", "3"), ("officer", ""), ("reason", "x")])
        .await;
    assert_eq!(clerk_reassigns.status(), StatusCode::FORBIDDEN);
    let english = format!("{}; lang=en", head.cookie);
    let (_, page) = page_text(&app, &english, &format!("/cases/{case}")).await;
    assert!(page.contains("Officer reassigned") && page.contains("identity number"), "English texts");
}
