//! The enforcement fee's rate table an administrator keeps (issue 18 item 4): a new version
//! applies to payouts dated from its day, a bad table is refused with the reason, and only an
//! administrator of the installation may save one.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_core::Role;

use crate::common::{TestApp, add_staff, login_of};

async fn call(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let r = app.api(token, method, path, body).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

const ONE_PERCENT: &str = r#"{"exempt_up_to":{"basis":{"basis":"base_salary"},"multiple":0,"inclusive":false},
    "brackets":[{"above":0,"base":0,"rate_bp":100}],"exempt_obligations":[],"cap":15000}"#;

#[tokio::test]
async fn an_administrator_sets_the_fee_table_and_payouts_from_its_day_use_it() {
    let app = TestApp::spawn().await;
    app.db(|s| add_staff(s, app.units.national, "qt.phi", "Quản trị phí", Role::Admin));
    let admin = app.token("qt.phi").await;
    let accountant = app.token(&login_of(Role::Accountant)).await;

    let (status, built_in) = call(&app, &accountant, Method::GET, "/api/v1/money-rules", None).await;
    assert_eq!(status, StatusCode::OK, "{built_in}");
    assert_eq!(built_in[0]["source"], "built_in");
    assert!(built_in[0]["citation"].as_str().unwrap().contains("216/2016"));

    let table = |value: &str| {
        json!({ "valid_from": "2025-11-05", "value": value, "citation": "Thông tư x/2025/TT-BTC Điều 4",
                "confidence": "confirmed", "note": "" })
    };
    // Not an administrator: refused, nothing saved.
    let (status, _) = call(&app, &accountant, Method::POST, "/api/v1/money-rules", Some(table(ONE_PERCENT))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A bad table: refused with the reason.
    let bad = ONE_PERCENT.replace("\"rate_bp\":100", "\"rate_bp\":20000");
    let (status, refused) = call(&app, &admin, Method::POST, "/api/v1/money-rules", Some(table(&bad))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(refused.to_string().contains("10000"), "the reason is told: {refused}");
    let (status, saved) = call(&app, &admin, Method::POST, "/api/v1/money-rules", Some(table(ONE_PERCENT))).await;
    assert_eq!(status, StatusCode::CREATED, "{saved}");
    assert_eq!(saved["valid_from"], "2025-11-05");
    let (_, listed) = call(&app, &accountant, Method::GET, "/api/v1/money-rules", None).await;
    let new = listed.as_array().unwrap().iter().find(|v| v["valid_from"] == "2025-11-05").unwrap();
    assert_eq!(new["source"], "qt.phi");
    let audited = app.db(|s| s.audit_of_actor("qt.phi", 10)).unwrap();
    assert!(audited.iter().any(|a| a.action == "money_rule.set"), "audited: {audited:?}");

    // Money held on the case: a payout before the day follows the old table (exempt), one
    // from the day pays 1 % of the total received, capped at 15,000 đồng.
    let case = app.own_case;
    let receipt = json!({ "case_id": case.0, "date": "2025-11-03", "amount_vnd": 4_000_000, "payer": "Người nộp",
                          "method": "cash" });
    let (status, r) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(receipt)).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    let pay = |date: &str, amount: i64| {
        json!({ "case_id": case.0, "date": date, "amount_vnd": amount, "method": "cash", "payee": "Chủ nợ",
                "payee_id": "024089009999" })
    };
    let (status, before) =
        call(&app, &accountant, Method::POST, "/api/v1/payouts", Some(pay("2025-11-04", 1_000_000))).await;
    assert_eq!(status, StatusCode::CREATED, "{before}");
    assert_eq!(before["fee_vnd"], 0, "the old table exempts a small total: {before}");
    let (status, after) =
        call(&app, &accountant, Method::POST, "/api/v1/payouts", Some(pay("2025-11-06", 1_000_000))).await;
    assert_eq!(status, StatusCode::CREATED, "{after}");
    assert_eq!(after["fee_vnd"], 15_000, "1 % of 2,000,000 is 20,000, capped at 15,000: {after}");

    // The page: the administrator sees the form; the money page links to it.
    let session = app.sign_in("qt.phi").await;
    let page = app.get(&session, "/money-rules").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("fee-form") && html.contains("qt.phi"), "{html}");
    let clerk = app.sign_in(&login_of(Role::Clerk)).await;
    let html = app.get(&clerk, "/money-rules").await.text().await.unwrap();
    assert!(!html.contains("fee-form"), "no form for a non-administrator");
}
