//! Money through the API (issue 18 contract): a receipt on a case is its `collected` money at
//! once (the statistics and the case's money agree), a cancelled receipt keeps its number and
//! takes the money back; a debtor's money is distributed across the debtor's cases by rank,
//! 422 above what is held; a payout withholds the fee and is 422 above what is held; receipt
//! numbers from concurrent writers have no gap and no duplicate.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_app::actor::Actor;
use thads_core::money::ReceiptFor;
use thads_core::money::party::DebtorId;
use thads_core::money::receipt::PaymentMethod;
use thads_core::{CaseId, Role, UnitTree, Vnd};
use time::macros::date;

use crate::common::{TestApp, login_of};

/// A receipt of 1,000 đồng for a debtor, taken in `unit` (for samples that need one).
pub fn debtor_receipt(app: &TestApp, unit: &str) -> i64 {
    app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        let office = units.by_code(unit).unwrap().id;
        let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
        let input = thads_app::money::receipts::ReceiptInput {
            office,
            paid_for: ReceiptFor::Debtor(DebtorId::new("079090001234").unwrap()),
            date: date!(2025 - 11 - 01),
            amount: Vnd::new(1_000).unwrap(),
            payer: "Người nộp".into(),
            method: PaymentMethod::Cash,
        };
        thads_app::money::receipts::issue(s, &actor, &thads_core::Rules::default(), &units, input).unwrap().id
    })
}

/// A cash receipt of `amount` on `case`, taken at BG-KV1 on `date` and issued through the app
/// with `units`, the caller's view of the units (which may be older than the store's).
pub fn case_receipt(
    store: &dyn thads_store::Store,
    units: &UnitTree,
    (office, case): (thads_core::UnitId, CaseId),
    date: time::Date,
    amount: i64,
) -> thads_app::error::AppResult<thads_app::money::receipts::Issued> {
    let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
    let input = thads_app::money::receipts::ReceiptInput {
        office,
        paid_for: ReceiptFor::Case(case),
        date,
        amount: Vnd::new(amount).unwrap(),
        payer: "Nguyễn Văn An".into(),
        method: PaymentMethod::Cash,
    };
    thads_app::money::receipts::issue(store, &actor, &thads_core::Rules::default(), units, input)
}

async fn call(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let r = app.api(token, method, path, body).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn money(app: &TestApp, token: &str, case: CaseId) -> Value {
    let (status, m) = call(app, token, Method::GET, &format!("/api/v1/cases/{}/money", case.0), None).await;
    assert_eq!(status, StatusCode::OK, "{m}");
    m
}

#[tokio::test]
async fn a_receipt_on_a_case_is_its_collected_money_and_a_cancellation_takes_it_back() {
    let app = TestApp::spawn().await;
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let case = app.own_case;
    let body = json!({ "case_id": case.0, "date": "2025-11-03", "amount_vnd": 2_000_000, "payer": "Nguyễn Văn An",
                       "method": "cash" });
    let (status, first) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(body.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!((first["number"].as_i64(), first["year"].as_i64()), (Some(1), Some(2025)));
    let (_, second) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(body)).await;
    assert_eq!(second["number"], 2, "the next number of the province's series");
    let m = money(&app, &accountant, case).await;
    assert_eq!((m["collected_vnd"].as_i64(), m["held_vnd"].as_i64()), (Some(4_000_000), Some(4_000_000)));
    let stored = app.db(|s| s.case(case)).unwrap().unwrap();
    assert_eq!(stored.current.collected.dong(), 4_000_000, "the statistics' money is the receipts'");

    let path = format!("/api/v1/receipts/{}/cancel", first["id"]);
    let (status, refused) = call(&app, &accountant, Method::POST, &path, Some(json!({ "reason": " " }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a reason is required: {refused}");
    let (status, done) =
        call(&app, &accountant, Method::POST, &path, Some(json!({ "reason": "Ghi nhầm số tiền" }))).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let (status, _) = call(&app, &accountant, Method::POST, &path, Some(json!({ "reason": "lần hai" }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "cancelled once");
    let m = money(&app, &accountant, case).await;
    assert_eq!(m["collected_vnd"], 2_000_000);
    assert_eq!(app.db(|s| s.case(case)).unwrap().unwrap().current.collected.dong(), 2_000_000);
    let body = json!({ "case_id": case.0, "date": "2025-11-04", "amount_vnd": 1, "payer": "A", "method": "transfer" });
    let (_, third) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(body)).await;
    assert_eq!(third["number"], 3, "a cancelled number stays used");
    let check = app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        thads_app::money::check::check(s, &units, None).unwrap()
    });
    assert!(check.is_clean(), "{check:?}");

    // A clerk may not take money; an accountant of another section may not see the case.
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let body = json!({ "case_id": case.0, "amount_vnd": 5, "payer": "A", "method": "cash" });
    let (status, _) = call(&app, &clerk, Method::POST, "/api/v1/receipts", Some(body)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// A case of debtor `debtor` taken in through the API, owing `amount`, of `obligation`.
pub async fn debtor_case(app: &TestApp, token: &str, no: &str, amount: i64, obligation: &str, accepted: &str) -> i64 {
    let body = json!({
        "unit": "BG-KV1", "case_no": no, "accepted_on": accepted, "origin": "chu_dong",
        "judgment_type": "dan_su", "amount_vnd": amount, "debtor": "Phạm Văn Nợ", "debtor_id": "024089001234",
        "creditor": format!("Chủ nợ {no}"), "obligation": obligation
    });
    let (status, answer) = call(app, token, Method::POST, "/api/v1/cases", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    answer["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_debtors_money_goes_to_rank_one_first_then_pro_rata_and_never_above_what_is_held() {
    let app = TestApp::spawn().await;
    let head = app.token(&login_of(Role::Head)).await;
    let maintenance = debtor_case(&app, &head, "201/QĐ-THADS", 3_000_000, "cap_duong", "2025-10-01").await;
    let fees = debtor_case(&app, &head, "202/QĐ-THADS", 1_000_000, "an_phi", "2025-10-01").await;
    let other_a = debtor_case(&app, &head, "203/QĐ-THADS", 2_000_000, "khac", "2025-10-01").await;
    let other_b = debtor_case(&app, &head, "204/QĐ-THADS", 2_000_000, "khac", "2025-10-02").await;
    let shown = call(&app, &head, Method::GET, &format!("/api/v1/cases/{maintenance}"), None).await.1;
    assert_eq!(shown["details"]["obligation"], "cap_duong");
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let receipt = json!({ "unit": "BG-KV1", "debtor_id": "024089001234", "date": "2025-11-03",
                          "amount_vnd": 5_000_001, "payer": "Phạm Văn Nợ", "method": "transfer" });
    let (status, r) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(receipt)).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");

    let ask = |amount: i64| {
        json!({ "unit": "BG-KV1", "debtor_id": "024089001234", "date": "2025-11-05", "amount_vnd": amount,
                "costs_vnd": 0, "coercion_on": null })
    };
    let (status, refused) = call(&app, &accountant, Method::POST, "/api/v1/distributions", Some(ask(5_000_002))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "more than is held: {refused}");
    let (status, d) = call(&app, &accountant, Method::POST, "/api/v1/distributions", Some(ask(5_000_001))).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let got = |id: i64| {
        d["allocations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["case_id"] == id)
            .map(|a| a["allocated_vnd"].as_i64().unwrap())
    };
    assert_eq!(got(maintenance), Some(3_000_000), "rank 1 in full");
    assert_eq!(got(fees), Some(1_000_000), "rank 2 in full");
    // 1,000,001 left for two cases owing 2,000,000 each: 500,000 each and the last đồng to the
    // earlier acceptance.
    assert_eq!((got(other_a), got(other_b)), (Some(500_001), Some(500_000)));
    assert_eq!(d["returned_to_debtor_vnd"], 0);
    assert_eq!(d["costs_vnd"], 0);
    let m = money(&app, &accountant, CaseId(other_a)).await;
    assert_eq!((m["collected_vnd"].as_i64(), m["allocated_vnd"].as_i64()), (Some(500_001), Some(500_001)));
    let (status, _) = call(&app, &accountant, Method::POST, "/api/v1/distributions", Some(ask(1))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "nothing is held any more");

    // Payouts: more than is held is refused; a payout withholds the fee.
    let pay = |amount: i64| {
        json!({ "case_id": maintenance, "date": "2025-11-06", "amount_vnd": amount, "method": "cash",
                "payee": "Chủ nợ", "payee_id": "024089009999" })
    };
    let (status, _) = call(&app, &accountant, Method::POST, "/api/v1/payouts", Some(pay(3_000_001))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, p) = call(&app, &accountant, Method::POST, "/api/v1/payouts", Some(pay(3_000_000))).await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    assert_eq!(p["paid_vnd"].as_i64().unwrap() + p["fee_vnd"].as_i64().unwrap(), 3_000_000);
    let m = money(&app, &accountant, CaseId(maintenance)).await;
    assert_eq!(m["held_vnd"], 0);
    assert_eq!(m["paid_out_vnd"], p["paid_vnd"]);
    let check = app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        thads_app::money::check::check(s, &units, None).unwrap()
    });
    assert!(check.is_clean(), "{check:?}");
    assert_eq!(check.cases, 4);
}

#[tokio::test]
async fn eight_concurrent_writers_leave_no_gap_and_no_duplicate() {
    let app = TestApp::spawn().await;
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let mut writers = Vec::new();
    for w in 0..8 {
        let (client, url, token) = (app.client.clone(), app.url("/api/v1/receipts"), accountant.clone());
        writers.push(tokio::spawn(async move {
            let mut numbers = Vec::new();
            for i in 0..5 {
                let unit = "BG-KV1";
                let body = json!({ "unit": unit, "debtor_id": if i % 2 == 0 { "079090001234" } else { "079090004321" }, "date": "2025-11-03",
                                   "amount_vnd": 1000 + w * 10 + i, "payer": "A", "method": "cash" });
                let r = client.post(&url).bearer_auth(&token).json(&body).send().await.unwrap();
                let status = r.status();
                let v: Value = r.json().await.unwrap();
                assert_eq!(status, StatusCode::CREATED, "{v}");
                numbers.push(v["number"].as_i64().unwrap());
            }
            numbers
        }));
    }
    let mut all = Vec::new();
    for w in writers {
        all.extend(w.await.unwrap());
    }
    all.sort_unstable();
    assert_eq!(all, (1..=40).collect::<Vec<i64>>(), "one series, whoever writes");
}

async fn page_text(app: &TestApp, cookie: &str, path: &str) -> (StatusCode, String) {
    let r = app.client.get(app.url(path)).header(reqwest::header::COOKIE, cookie).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// The accountant's day through the pages: a receipt on a case (its printable receipt), a
/// debtor's receipt and its distribution, a payout, the cash book and balances, closing the
/// day (after which the day takes nothing more).
#[tokio::test]
async fn an_accountants_day_through_the_pages() {
    let app = TestApp::spawn().await;
    let head = app.token(&login_of(Role::Head)).await;
    let first = debtor_case(&app, &head, "301/QĐ-THADS", 4_000_000, "tien_luong", "2025-10-01").await;
    let second = debtor_case(&app, &head, "302/QĐ-THADS", 6_000_000, "khac", "2025-10-01").await;
    let kt = app.sign_in(&login_of(Role::Accountant)).await;
    let (status, page) = page_text(&app, &kt.cookie, "/money?unit=BG-KV1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"receipt-form\"") && page.contains("href=\"/money\""), "forms and the menu link");
    let today = thads_core::dates::format_vn(thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc()));

    let r = app
        .post_form(
            &kt,
            "/money/receipts?unit=BG-KV1",
            &[
                ("case_no", "46/QĐ-THADS"),
                ("date", &today),
                ("amount_vnd", "1.500.000"),
                ("payer", "Nguyễn Văn An"),
                ("method", "cash"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    let (_, printable) = page_text(&app, &kt.cookie, &to).await;
    assert!(printable.contains("0000001/") && printable.contains("1.500.000"), "{printable}");
    assert!(!printable.contains("đ đ"), "the unit once: {printable}");

    let r = app
        .post_form(
            &kt,
            "/money/receipts?unit=BG-KV1",
            &[
                ("debtor_id", "024089001234"),
                ("date", &today),
                ("amount_vnd", "8.000.000"),
                ("payer", "Phạm Văn Nợ"),
                ("method", "transfer"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &kt,
            "/money/distributions?unit=BG-KV1",
            &[("debtor_id", "024089001234"), ("date", &today), ("amount_vnd", "8.000.000"), ("costs_vnd", "0")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let m = app.db(|s| thads_app::money::books::case_money(s, CaseId(first)).unwrap());
    assert_eq!(m.collected.dong(), 4_000_000, "wages first, in full");
    let m = app.db(|s| thads_app::money::books::case_money(s, CaseId(second)).unwrap());
    assert_eq!(m.collected.dong(), 4_000_000, "the rest to the other case");

    let refused = app
        .post_form(
            &kt,
            "/money/payouts?unit=BG-KV1",
            &[
                ("case_no", "301/QĐ-THADS"),
                ("date", &today),
                ("amount_vnd", "4.000.001"),
                ("payee", "Chủ nợ 301"),
                ("method", "cash"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("id=\"money-error\""));
    let r = app
        .post_form(
            &kt,
            "/money/payouts?unit=BG-KV1",
            &[
                ("case_no", "301/QĐ-THADS"),
                ("date", &today),
                ("amount_vnd", "4.000.000"),
                ("payee", "Chủ nợ 301"),
                ("payee_id", "024089009999"),
                ("method", "transfer"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    let flash = r.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let (_, saved) = page_text(&app, &format!("{}; {flash}", kt.cookie), &to).await;
    assert_eq!(saved.matches("Đã lưu.").count(), 1, "the confirmation once: {saved}");
    assert!(!saved.contains("đ đ"), "amounts name their unit once");

    let (_, page) = page_text(&app, &kt.cookie, "/money?unit=BG-KV1").await;
    for shown in ["id=\"cash-book\"", "1.500.000", "8.000.000", "id=\"balances\"", "302/QĐ-THADS", "id=\"close-form\""]
    {
        assert!(page.contains(shown), "the day's page shows {shown}");
    }
    let r = app.post_form(&kt, "/money/close?unit=BG-KV1", &[("date", &today)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = page_text(&app, &kt.cookie, "/money?unit=BG-KV1").await;
    assert!(page.contains("id=\"day-closed\"") && !page.contains("id=\"close-form\""));
    let late = app
        .post_form(
            &kt,
            "/money/receipts?unit=BG-KV1",
            &[("case_no", "46/QĐ-THADS"), ("date", &today), ("amount_vnd", "1"), ("payer", "A"), ("method", "cash")],
        )
        .await;
    assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY, "a closed day takes nothing more");
    let check = app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        thads_app::money::check::check(s, &units, None).unwrap()
    });
    assert!(check.is_clean(), "{check:?}");
}

/// The check finds a ledger entry no document stands for, and a missing receipt number.
#[tokio::test]
async fn the_check_names_what_disagrees() {
    use thads_core::money::custody::{Account, Document, Head, Party, receipt_entry};
    let app = TestApp::spawn().await;
    debtor_receipt(&app, "BG-KV1");
    let case = app.own_case;
    let found = app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        let province = units.by_code("BG").unwrap().id;
        let mut tx = s.begin().unwrap();
        let head = Head { unit: province, date: date!(2025 - 11 - 03), document: Document::Voucher(1) };
        let entry = receipt_entry(head, Account::Cash, Party::Case(case), Vnd::new(700).unwrap()).unwrap();
        tx.insert_entry(&entry, time::OffsetDateTime::now_utc()).unwrap();
        // A number taken and written without the receipts before it.
        tx.take_receipt_number(province, 2025).unwrap();
        let (number, _) = tx.take_receipt_number(province, 2025).unwrap();
        let r = thads_store::NewReceipt {
            unit: province,
            office: province,
            date: date!(2025 - 11 - 03),
            amount: 5,
            payer: "A".into(),
            method: "cash".into(),
            case: None,
            debtor: Some("079090001234".into()),
            by: "test".into(),
            at: time::OffsetDateTime::now_utc(),
        };
        tx.insert_receipt(2025, number, &r, None).unwrap();
        tx.commit().unwrap();
        thads_app::money::check::check(s, &units, None).unwrap()
    });
    assert!(!found.is_clean());
    assert_eq!(found.mismatches.len(), 1, "{found:?}");
    assert_eq!(found.mismatches[0].0, case);
    assert_eq!(found.numbering.len(), 1, "number 2 is missing: {found:?}");
}

/// The national body keeps no custody account: its money pages (the books, the unclaimed
/// money) list the provinces to choose from (each a link to that page of the province) instead
/// of an error, and a province's link opens its page.
#[tokio::test]
async fn the_national_money_pages_list_the_provinces_to_choose() {
    let app = TestApp::spawn().await;
    let national = app.units.national;
    app.db(|s| crate::common::add_staff(s, national, "admin.vn", "Quản trị toàn quốc", Role::Admin));
    let admin = app.sign_in("admin.vn").await;
    for path in ["/money", "/money/savings"] {
        let page = app.get(&admin, path).await;
        assert_eq!(page.status(), StatusCode::OK, "{path}");
        let html = page.text().await.unwrap();
        let link = format!("href=\"{path}?unit=BG\"");
        assert!(html.contains("id=\"money-provinces\"") && html.contains(&link), "{path}: {html}");
        let province = app.get(&admin, &format!("{path}?unit=BG")).await;
        assert_eq!(province.status(), StatusCode::OK, "{path}");
        assert!(!province.text().await.unwrap().contains("money-provinces"), "a province's page is its own");
    }
}

#[tokio::test]
async fn a_receipt_whose_money_was_paid_out_is_not_cancelled_until_the_right_one_is_issued() {
    let app = TestApp::spawn().await;
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let case = app.own_case;
    let receipt = |amount: i64| {
        json!({ "case_id": case.0, "date": "2025-11-03", "amount_vnd": amount, "payer": "Nguyễn Văn An",
                "method": "cash" })
    };
    // 10,000,000 typed for 1,000,000; 1,000,000 already paid out.
    let (status, wrong) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(receipt(10_000_000))).await;
    assert_eq!(status, StatusCode::CREATED, "{wrong}");
    let pay = json!({ "case_id": case.0, "date": "2025-11-04", "amount_vnd": 1_000_000, "method": "transfer",
                      "payee": "Chủ nợ", "payee_id": "024089009999" });
    let (status, p) = call(&app, &accountant, Method::POST, "/api/v1/payouts", Some(pay)).await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    let path = format!("/api/v1/receipts/{}/cancel", wrong["id"]);
    let reason = json!({ "reason": "Ghi sai số tiền", "date": "2025-11-05" });
    let (status, refused) = call(&app, &accountant, Method::POST, &path, Some(reason.clone())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(refused["message"].as_str().unwrap_or_default().contains("đã được chi trả"), "{refused}");
    let m = money(&app, &accountant, case).await;
    assert_eq!((m["collected_vnd"].as_i64(), m["held_vnd"].as_i64()), (Some(10_000_000), Some(9_000_000)), "{m}");

    let (status, right) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(receipt(1_000_000))).await;
    assert_eq!(status, StatusCode::CREATED, "{right}");
    let (status, done) = call(&app, &accountant, Method::POST, &path, Some(reason)).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let m = money(&app, &accountant, case).await;
    assert_eq!((m["collected_vnd"].as_i64(), m["held_vnd"].as_i64()), (Some(1_000_000), Some(0)), "{m}");
    let check = app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        thads_app::money::check::check(s, &units, None).unwrap()
    });
    assert!(check.is_clean(), "{:?}", check.mismatches);
}
