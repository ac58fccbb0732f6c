//! Unclaimed money through the API (issue 18): money held past its payout limit is listed as
//! to be notified, then (the claim period over) to be deposited; a savings deposit is at most
//! what is held outside savings, money in savings cannot be paid out until withdrawn, interest
//! is added to the case's money, a withdrawal is at most the deposit's balance; a payout by post
//! needs the payee's address; the money check still ties; officers may not deposit.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_app::actor::Actor;
use thads_app::money::savings::DepositInput;
use thads_core::money::custody::Account;
use thads_core::money::receipt::PaymentMethod;
use thads_core::money::{ReceiptFor, Vnd};
use thads_core::{CaseId, Role, UnitTree};
use time::macros::date;

use crate::common::{TestApp, login_of};

/// A receipt of 10,000 đồng on `case` and a deposit of 1,000 of it (for samples that need a
/// deposit).
pub fn deposit_of(app: &TestApp, case: CaseId) -> i64 {
    app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
        let input = thads_app::money::receipts::ReceiptInput {
            office: s.case(case).unwrap().unwrap().facts.unit,
            paid_for: ReceiptFor::Case(case),
            date: date!(2025 - 11 - 01),
            amount: Vnd::new(10_000).unwrap(),
            payer: "Người nộp".into(),
            method: PaymentMethod::Transfer,
        };
        thads_app::money::receipts::issue(s, &actor, &thads_core::Rules::default(), &units, input).unwrap();
        let input = DepositInput {
            case,
            date: date!(2025 - 11 - 01),
            bank: "Ngân hàng thử".into(),
            passbook: "TK-1".into(),
            amount: Vnd::new(1_000).unwrap(),
            from: Account::Bank,
        };
        thads_app::money::savings::deposit(s, &actor, &units, input).unwrap()
    })
}

async fn call(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let r = app.api(token, method, path, body).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn stage_of(list: &Value, case: i64) -> Option<String> {
    list["unclaimed"].as_array()?.iter().find(|u| u["case_id"] == case).map(|u| u["stage"].as_str().unwrap().into())
}

/// The case's unclaimed-money items of the accountant's worklist: kind, due day, overdue.
async fn savings_items(app: &TestApp, token: &str, case: i64) -> Vec<(String, String, bool)> {
    let (status, list) = call(app, token, Method::GET, "/api/v1/deadlines?unit=BG-KV1", None).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["case_id"] == case && i["kind"].as_str().is_some_and(|k| k.starts_with("savings_")))
        .map(|i| (i["kind"].as_str().unwrap().into(), i["due"].as_str().unwrap().into(), i["overdue"] == true))
        .collect()
}

/// The accountant receipts 2.000.000 đ by transfer on the own case on 03/11/2025 (held past the
/// payout limit ever since).
async fn receipt_on_own_case(app: &TestApp, accountant: &str) {
    let receipt = json!({ "case_id": app.own_case.0, "date": "2025-11-03", "amount_vnd": 2_000_000,
                          "payer": "Nguyễn Văn An", "method": "transfer" });
    let (status, r) = call(app, accountant, Method::POST, "/api/v1/receipts", Some(receipt)).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
}

#[tokio::test]
async fn unclaimed_money_is_notified_deposited_earns_interest_and_is_withdrawn_to_pay_out() {
    let app = TestApp::spawn().await;
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let case = app.own_case.0;
    receipt_on_own_case(&app, &accountant).await;
    let list = "/api/v1/savings?unit=BG-KV1";
    let (status, l) = call(&app, &accountant, Method::GET, list, None).await;
    assert_eq!(status, StatusCode::OK, "{l}");
    assert_eq!(stage_of(&l, case).as_deref(), Some("notice_due"), "{l}");
    // The worklist tells to notify the payee, due the payout limit's last day (10 days).
    let notify = vec![("savings_notice".to_string(), "2025-11-13".to_string(), true)];
    assert_eq!(savings_items(&app, &accountant, case).await, notify);

    let notice = json!({ "case_id": case, "date": "2025-11-20", "how": "post", "payee": "Trần Thị Bình" });
    let (status, n) = call(&app, &accountant, Method::POST, "/api/v1/savings/notices", Some(notice.clone())).await;
    assert_eq!((status, n["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("address")), "{n}");
    let mut notice = notice;
    notice["address"] = json!("12 Lê Lợi, phường Bến Thành");
    let (status, n) = call(&app, &accountant, Method::POST, "/api/v1/savings/notices", Some(notice)).await;
    assert_eq!(status, StatusCode::CREATED, "{n}");
    let (_, l) = call(&app, &accountant, Method::GET, list, None).await;
    assert_eq!(stage_of(&l, case).as_deref(), Some("deposit_due"), "the 15 days ran out: {l}");
    // Then to deposit, due the last day of the payee's 15 days from the notice.
    let deposit_due = vec![("savings_deposit".to_string(), "2025-12-05".to_string(), true)];
    assert_eq!(savings_items(&app, &accountant, case).await, deposit_due);
    let page = |lang: &'static str| {
        let app = &app;
        async move {
            let s = app.sign_in(&login_of(Role::Accountant)).await;
            let cookie = format!("{}; lang={lang}", s.cookie);
            let r = app.client.get(app.url("/deadlines?unit=BG-KV1")).header("cookie", cookie).send().await.unwrap();
            r.text().await.unwrap()
        }
    };
    assert!(page("vi").await.contains("Gửi tiết kiệm tiền chưa có người nhận (2.000.000 đ)"));
    assert!(page("en").await.contains("Deposit unclaimed money in savings (2.000.000 đồng)"));

    let deposit = |amount: i64| {
        json!({ "case_id": case, "date": "2025-12-10", "amount_vnd": amount, "bank": "Vietcombank Bắc Giang",
                "passbook": "TK-0012/2025" })
    };
    let (status, d) = call(&app, &accountant, Method::POST, "/api/v1/savings", Some(deposit(2_000_001))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "above what is held: {d}");
    let mut hidden = deposit(1_000);
    hidden["passbook"] = json!("TK\u{200B}12");
    let (status, d) = call(&app, &accountant, Method::POST, "/api/v1/savings", Some(hidden)).await;
    assert_eq!((status, d["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("passbook")), "{d}");
    let officer = app.token(&login_of(Role::Officer)).await;
    let (status, _) = call(&app, &officer, Method::POST, "/api/v1/savings", Some(deposit(1_000))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, d) = call(&app, &accountant, Method::POST, "/api/v1/savings", Some(deposit(1_500_000))).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let id = d["id"].as_i64().unwrap();

    let money_path = format!("/api/v1/cases/{case}/money");
    let (_, m) = call(&app, &accountant, Method::GET, &money_path, None).await;
    assert_eq!((m["held_vnd"].as_i64(), m["savings_vnd"].as_i64()), (Some(2_000_000), Some(1_500_000)), "{m}");
    let (_, l) = call(&app, &accountant, Method::GET, list, None).await;
    assert_eq!(stage_of(&l, case).as_deref(), Some("deposit_due"), "500,000 still held outside savings: {l}");
    let pay = |amount: i64, method: &str| {
        json!({ "case_id": case, "date": "2026-01-10", "amount_vnd": amount, "method": method,
                "payee": "Trần Thị Bình", "payee_id": "024089009999", "payee_address": "12 Lê Lợi" })
    };
    let (status, p) = call(&app, &accountant, Method::POST, "/api/v1/payouts", Some(pay(600_000, "cash"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "money in savings is not paid out: {p}");

    let on = |amount: i64| json!({ "date": "2026-01-05", "amount_vnd": amount });
    let (status, i) =
        call(&app, &accountant, Method::POST, &format!("/api/v1/savings/{id}/interest"), Some(on(12_000))).await;
    assert_eq!((status, i["balance_vnd"].as_i64()), (StatusCode::CREATED, Some(1_512_000)), "{i}");
    let (_, m) = call(&app, &accountant, Method::GET, &money_path, None).await;
    assert_eq!((m["interest_vnd"].as_i64(), m["held_vnd"].as_i64()), (Some(12_000), Some(2_012_000)), "{m}");
    let withdraw = format!("/api/v1/savings/{id}/withdraw");
    let (status, w) = call(&app, &accountant, Method::POST, &withdraw, Some(on(1_512_001))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "above the balance: {w}");
    let (status, w) = call(&app, &accountant, Method::POST, &withdraw, Some(on(1_512_000))).await;
    assert_eq!((status, w["balance_vnd"].as_i64()), (StatusCode::CREATED, Some(0)), "{w}");

    // Small sums by post (below one base salary before 07/2026) need the payee's address.
    let mut no_address = pay(2_012_000, "post");
    no_address["payee_address"] = json!("");
    let (status, p) = call(&app, &accountant, Method::POST, "/api/v1/payouts", Some(no_address)).await;
    assert_eq!((status, p["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("payee_address")), "{p}");
    let (status, p) = call(&app, &accountant, Method::POST, "/api/v1/payouts", Some(pay(2_012_000, "post"))).await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    let (_, m) = call(&app, &accountant, Method::GET, &money_path, None).await;
    assert_eq!((m["held_vnd"].as_i64(), m["savings_vnd"].as_i64()), (Some(0), Some(0)), "{m}");
    let (_, l) = call(&app, &accountant, Method::GET, list, None).await;
    assert_eq!(stage_of(&l, case), None, "{l}");
    assert_eq!(savings_items(&app, &accountant, case).await, vec![], "paid out: nothing left to do");
    assert_eq!(l["deposits"][0]["balance_vnd"], 0, "{l}");

    let check = app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        thads_app::money::check::check(s, &units, None).unwrap()
    });
    assert!(check.is_clean(), "{check:?}");
    let address = app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        let books = thads_app::money::books_of(&units, s.case(app.own_case).unwrap().unwrap().facts.unit).unwrap();
        s.payouts(books, Some(app.own_case), 10).unwrap().into_iter().find_map(|p| p.payout.payee_address)
    });
    assert_eq!(address.as_deref(), Some("12 Lê Lợi"));
}

/// The national body keeps no custody account: its list is every province's, each line naming
/// the province whose books hold it (as a province's list does).
#[tokio::test]
async fn the_national_body_reads_the_savings_of_every_province() {
    let app = TestApp::spawn().await;
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let case = app.own_case.0;
    receipt_on_own_case(&app, &accountant).await;
    app.db(|s| crate::common::add_staff(s, app.units.national, "tt.tw", "Thanh tra Trung ương", Role::Inspector));
    let inspector = app.token("tt.tw").await;
    let line_of = |list: &Value| list["unclaimed"].as_array().unwrap().iter().find(|u| u["case_id"] == case).cloned();
    for path in ["/api/v1/savings", "/api/v1/savings?unit=VN"] {
        let (status, l) = call(&app, &inspector, Method::GET, path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}: {l}");
        let line = line_of(&l).unwrap_or_else(|| panic!("{path}: {l}"));
        assert_eq!((line["unit"].as_str(), line["stage"].as_str()), (Some("BG"), Some("notice_due")), "{l}");
    }
    let (status, l) = call(&app, &accountant, Method::GET, "/api/v1/savings?unit=BG-KV1", None).await;
    assert_eq!(status, StatusCode::OK, "{l}");
    assert_eq!(line_of(&l).map(|u| u["unit"].clone()), Some(json!("BG")), "{l}");
}
