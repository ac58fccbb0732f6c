//! A province merged into another hands its custody books over (on the backend chosen,
//! `THADS_TEST_BACKEND`): money held for a debtor and for a case in BG's books before the
//! merge is distributed and paid out from HN's afterwards, the merge's answer says what was
//! handed over, BG's books are left empty, HN's cash book shows the handover, the money check
//! stays clean, and a write aimed at BG's books after the merge is refused, naming HN.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_core::money::custody::{Movement, balances};
use thads_core::{CaseId, Role, UnitTree};

use crate::common::{TestApp, add_province, add_staff, login_of};
use crate::money::{case_receipt, debtor_case};

async fn call(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let r = app.api(token, method, path, body).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn money_held_before_a_province_merge_is_distributed_and_paid_from_the_successors_books() {
    let app = TestApp::spawn().await;
    let hn = app.db(|s| {
        add_staff(s, app.units.national, "admin.vn", "Quản trị toàn quốc", Role::Admin);
        add_province(s, "HN", app.units.national)
    });
    let head = app.token(&login_of(Role::Head)).await;
    let first = debtor_case(&app, &head, "401/QĐ-THADS", 2_000_000, "khac", "2025-10-01").await;
    let second = debtor_case(&app, &head, "402/QĐ-THADS", 1_000_000, "khac", "2025-10-01").await;
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let held_for_debtor = json!({ "unit": "BG-KV1", "debtor_id": "024089001234", "date": "2025-11-03",
                                  "amount_vnd": 3_000_000, "payer": "Phạm Văn Nợ", "method": "transfer" });
    let (status, r) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(held_for_debtor)).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    let own = app.own_case;
    let on_case = json!({ "case_id": own.0, "date": "2025-11-04", "amount_vnd": 2_000_000,
                          "payer": "Nguyễn Văn An", "method": "cash" });
    let (status, r) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(on_case)).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    let before_merge = app.db(|s| UnitTree::new(s.units().unwrap()));

    let admin = app.token("admin.vn").await;
    let merge = json!({"into": "HN", "from": ["BG"], "on": "2025-12-01"});
    let (status, done) = call(&app, &admin, Method::POST, "/api/v1/units/merge?unit=VN", Some(merge)).await;
    assert_eq!(status, StatusCode::CREATED, "{done}");
    let books = &done["books"][0];
    assert_eq!((books["from"].as_str(), books["to"].as_str()), (Some("BG"), Some("HN")), "{done}");
    assert_eq!((books["date"].as_str(), books["holdings_vnd"].as_i64()), (Some("2025-12-01"), Some(5_000_000)));
    let (_, listed) = call(&app, &admin, Method::GET, "/api/v1/units/operations?unit=VN", None).await;
    assert_eq!(listed[0]["books"], done["books"], "the list reads the handover back from the ledger: {listed}");
    // The merge is listed among HN's operations too (the unit that took BG in), unchanged there.
    let (_, listed) = call(&app, &admin, Method::GET, "/api/v1/units/operations?unit=HN", None).await;
    let units: Vec<(&str, Option<&str>)> = listed[0]["units"]
        .as_array()
        .map(|u| u.iter().map(|c| (c["unit"].as_str().unwrap_or(""), c["closed_from"].as_str())).collect())
        .unwrap_or_default();
    assert_eq!(units, [("BG", Some("2025-12-01")), ("HN", None)], "{listed}");

    // BG's books hold nothing now; HN's hold the debtor's and the case's money.
    let (bg_left, hn_entries) = app.db(|s| {
        let everything = (thads_app::money::EVER.0, thads_app::money::EVER.1);
        let bg = s.unit_entries(app.units.province, everything.0, everything.1).unwrap();
        let hn_books = s.unit_entries(hn, everything.0, everything.1).unwrap();
        (balances(bg.iter().map(|r| &r.entry), everything.1), hn_books)
    });
    assert!(bg_left.values().all(|b| *b == 0), "BG's books are empty: {bg_left:?}");
    assert_eq!(hn_entries.len(), 1);
    assert_eq!(hn_entries[0].entry.movement, Movement::Handover);

    // The debtor's money is distributed from HN's books, across the debtor's cases in BG-KV1.
    let ask = json!({ "unit": "BG-KV1", "debtor_id": "024089001234", "date": "2025-12-02",
                      "amount_vnd": 3_000_000, "costs_vnd": 0, "coercion_on": null });
    let (status, d) = call(&app, &accountant, Method::POST, "/api/v1/distributions", Some(ask)).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    assert_eq!(d["allocations"].as_array().map(Vec::len), Some(2), "{d}");
    let (_, m) = call(&app, &accountant, Method::GET, &format!("/api/v1/cases/{first}/money"), None).await;
    assert_eq!(m["held_vnd"], 2_000_000, "{m}");
    // The case's money, receipted into BG's books, is paid out from HN's.
    let pay = json!({ "case_id": own.0, "date": "2025-12-03", "amount_vnd": 2_000_000, "method": "transfer",
                      "payee": "Chủ nợ", "payee_id": "024089009999" });
    let (status, p) = call(&app, &accountant, Method::POST, "/api/v1/payouts", Some(pay)).await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    let (_, m) = call(&app, &accountant, Method::GET, &format!("/api/v1/cases/{}/money", own.0), None).await;
    assert_eq!((m["collected_vnd"].as_i64(), m["held_vnd"].as_i64()), (Some(2_000_000), Some(0)), "{m}");
    let written = app.db(|s| {
        let everything = (thads_app::money::EVER.0, thads_app::money::EVER.1);
        s.unit_entries(hn, everything.0, everything.1).unwrap().len()
    });
    assert_eq!(written, 3, "the handover, the distribution and the payout, all in HN's books");

    // HN's cash book of the merge's day shows the money coming in by the handover.
    let session = app.sign_in(&login_of(Role::Accountant)).await;
    let page = app.get(&session, "/money?unit=BG-KV1&day=2025-12-01").await.text().await.unwrap();
    assert!(page.contains("Bàn giao sổ khi tổ chức lại"), "the handover in HN's cash book");

    // A writer still holding the structure of before the merge aims at BG's books: refused.
    let on = (app.units.region1, CaseId(second));
    let refused = app.db(|s| case_receipt(s, &before_merge, on, time::macros::date!(2025 - 12 - 04), 1_000));
    let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("bàn giao cho HN"), "refused, naming the successor: {message}");

    let check = app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        thads_app::money::check::check(s, &units, None).unwrap()
    });
    assert!(check.is_clean(), "{:?}", check.mismatches);
}

/// A receipt issued into BG's books before the merge is cancelled after it: the reversal goes
/// into HN's books, which hold the money now; the case's and the debtor's money fall back as if
/// never received, BG's books stay empty, and the cash book of the successor lists BG's series.
#[tokio::test]
async fn a_receipt_of_books_handed_over_is_cancelled_in_the_successors_books() {
    let app = TestApp::spawn().await;
    let hn = app.db(|s| {
        add_staff(s, app.units.national, "admin.vn", "Quản trị toàn quốc", Role::Admin);
        let hn = add_province(s, "HN", app.units.national);
        add_staff(s, hn, "kt.hn", "Kế toán Hà Nội", Role::Accountant);
        hn
    });
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let own = app.own_case;
    let on_case = json!({ "case_id": own.0, "date": "2025-11-04", "amount_vnd": 2_000_000,
                          "payer": "Nguyễn Văn An", "method": "cash" });
    let (status, case_receipt) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(on_case)).await;
    assert_eq!(status, StatusCode::CREATED, "{case_receipt}");
    let for_debtor = json!({ "unit": "BG-KV1", "debtor_id": "024089001234", "date": "2025-11-05",
                             "amount_vnd": 700_000, "payer": "Phạm Văn Nợ", "method": "transfer" });
    let (status, debtor_receipt) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(for_debtor)).await;
    assert_eq!(status, StatusCode::CREATED, "{debtor_receipt}");
    let admin = app.token("admin.vn").await;
    let merge = json!({"into": "HN", "from": ["BG"], "on": "2025-12-01"});
    let (status, done) = call(&app, &admin, Method::POST, "/api/v1/units/merge?unit=VN", Some(merge)).await;
    assert_eq!(status, StatusCode::CREATED, "{done}");

    // HN's accountant, outside BG-KV1 where the money was taken, lists and cancels the case's
    // receipt: the page shows BG's series beside HN's own.
    let session = app.sign_in("kt.hn").await;
    let page = app.get(&session, "/money?unit=HN&day=2025-12-02").await.text().await.unwrap();
    assert!(page.contains("0000001/2025 · BG"), "BG's series in HN's cash book");
    let hn_token = app.token("kt.hn").await;
    let cancel = |id: &Value| format!("/api/v1/receipts/{id}/cancel");
    let reason = json!({ "reason": "Thu nhầm việc", "date": "2025-12-02" });
    let (status, r) = call(&app, &hn_token, Method::POST, &cancel(&case_receipt["id"]), Some(reason)).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let (_, m) = call(&app, &accountant, Method::GET, &format!("/api/v1/cases/{}/money", own.0), None).await;
    assert_eq!((m["collected_vnd"].as_i64(), m["held_vnd"].as_i64()), (Some(0), Some(0)), "{m}");
    // BG-KV1's accountant cancels the debtor's receipt the same way.
    let reason = json!({ "reason": "Biên lai lập trùng", "date": "2025-12-03" });
    let (status, r) = call(&app, &accountant, Method::POST, &cancel(&debtor_receipt["id"]), Some(reason)).await;
    assert_eq!(status, StatusCode::OK, "{r}");

    let (bg_entries, hn_entries) = app.db(|s| {
        let (first, last) = thads_app::money::EVER;
        (s.unit_entries(app.units.province, first, last).unwrap(), s.unit_entries(hn, first, last).unwrap())
    });
    let (_, last) = thads_app::money::EVER;
    let bg_left = balances(bg_entries.iter().map(|r| &r.entry), last);
    assert!(bg_left.values().all(|b| *b == 0), "BG's books stay empty: {bg_left:?}");
    assert_eq!(bg_entries.len(), 3, "the two receipts and the handover out; no reversal there");
    let hn_left = balances(hn_entries.iter().map(|r| &r.entry), last);
    assert!(hn_left.values().all(|b| *b == 0), "HN's books gave both back: {hn_left:?}");
    assert_eq!(hn_entries.iter().filter(|r| r.entry.reverses.is_some()).count(), 2);
    let debtor = thads_core::money::party::DebtorId::new("024089001234").unwrap();
    let all: Vec<_> = bg_entries.iter().chain(&hn_entries).map(|r| r.entry.clone()).collect();
    assert_eq!(thads_core::money::custody::DebtorMoney::of(&debtor, &all, last).held.dong(), 0);
    let page = app.get(&session, "/money?unit=HN&day=2025-12-02").await.text().await.unwrap();
    assert!(page.contains("Thu nhầm việc"), "the cancellation shown in HN's list");
    let printable = app.get(&session, &format!("/money/receipts/{}", case_receipt["id"])).await;
    assert_eq!(printable.status(), StatusCode::OK, "HN's accountant prints BG's receipt");

    let check = app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        thads_app::money::check::check(s, &units, None).unwrap()
    });
    assert!(check.is_clean(), "{:?}", check.mismatches);
}

/// A case of `unit` for `debtor_id`, created by `token` (a head over that unit).
async fn case_of(app: &TestApp, token: &str, unit: &str, no: &str, debtor_id: &str) -> i64 {
    let body = json!({
        "unit": unit, "case_no": no, "accepted_on": "2025-10-01", "origin": "chu_dong",
        "judgment_type": "dan_su", "amount_vnd": 1_000_000, "debtor": "Đinh Văn Hai", "debtor_id": debtor_id,
        "creditor": format!("Chủ nợ {no}"), "obligation": "khac"
    });
    let (status, answer) = call(app, token, Method::POST, "/api/v1/cases", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    answer["id"].as_i64().unwrap()
}

/// A section moved under another province takes its cases' money with it: the money held on
/// BG-KV1's case and for a debtor whose cases are all at BG-KV1 leaves BG's books by bank and
/// enters HN's, where it is then paid out and distributed; a debtor whose cases would be left in
/// both provinces refuses the move until the accountant distributes that debtor's money.
#[tokio::test]
async fn a_section_moved_to_another_province_takes_its_cases_money_to_that_provinces_books() {
    let app = TestApp::spawn().await;
    let hn = app.db(|s| {
        add_staff(s, app.units.national, "admin.vn", "Quản trị toàn quốc", Role::Admin);
        add_staff(s, app.units.province, "head.bg", "Trưởng Cục BG", Role::Head);
        add_province(s, "HN", app.units.national)
    });
    let head = app.token(&login_of(Role::Head)).await;
    let first = debtor_case(&app, &head, "501/QĐ-THADS", 2_000_000, "khac", "2025-10-01").await;
    let second = debtor_case(&app, &head, "502/QĐ-THADS", 1_000_000, "khac", "2025-10-01").await;
    let province_head = app.token("head.bg").await;
    let here = case_of(&app, &province_head, "BG-KV1", "601/QĐ-THADS", "079090005555").await;
    let there = case_of(&app, &province_head, "BG-KV2", "602/QĐ-THADS", "079090005555").await;
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let receipts = [
        json!({ "unit": "BG-KV1", "debtor_id": "024089001234", "date": "2025-11-03", "amount_vnd": 3_000_000,
                "payer": "Phạm Văn Nợ", "method": "transfer" }),
        json!({ "case_id": app.own_case.0, "date": "2025-11-04", "amount_vnd": 2_000_000,
                "payer": "Nguyễn Văn An", "method": "cash" }),
        json!({ "unit": "BG-KV1", "debtor_id": "079090005555", "date": "2025-11-05", "amount_vnd": 600_000,
                "payer": "Đinh Văn Hai", "method": "cash" }),
        // Typed twice: cancelled after the move, from HN's books where the debtor's money went.
        json!({ "unit": "BG-KV1", "debtor_id": "024089001234", "date": "2025-11-06", "amount_vnd": 400_000,
                "payer": "Phạm Văn Nợ", "method": "transfer" }),
    ];
    let mut issued = Vec::new();
    for receipt in receipts {
        let (status, r) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(receipt)).await;
        assert_eq!(status, StatusCode::CREATED, "{r}");
        issued.push(r["id"].clone());
    }

    let admin = app.token("admin.vn").await;
    let body = json!({"unit": "BG-KV1", "parent": "HN", "on": "2025-12-01"});
    let (status, refused) = call(&app, &admin, Method::POST, "/api/v1/units/move?unit=VN", Some(body.clone())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(refused["message"].as_str().unwrap_or_default().contains("079090005555"), "{refused}");
    // The accountant distributes that debtor's money across the two cases, one at each section.
    let ask = json!({ "unit": "BG-KV1", "debtor_id": "079090005555", "date": "2025-11-20",
                      "amount_vnd": 600_000, "costs_vnd": 0, "coercion_on": null });
    let (status, d) = call(&app, &accountant, Method::POST, "/api/v1/distributions", Some(ask)).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");

    let before_move = app.db(|s| UnitTree::new(s.units().unwrap()));
    let (status, done) = call(&app, &admin, Method::POST, "/api/v1/units/move?unit=VN", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{done}");
    // A writer still holding the tree of before the move aims at BG's books, which stay open:
    // refused, the books read in its transaction being HN's.
    let on = (app.units.region1, app.own_case);
    let stale = app.db(|s| case_receipt(s, &before_move, on, time::macros::date!(2025 - 12 - 02), 1_000));
    let message = stale.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("reload"), "refused as stale: {message}");
    let books = &done["books"][0];
    assert_eq!((books["from"].as_str(), books["to"].as_str()), (Some("BG"), Some("HN")), "{done}");
    // 3,400,000 for the debtor, 2,000,000 on the own case, 300,000 allocated to the case at KV1.
    assert_eq!(books["holdings_vnd"].as_i64(), Some(5_700_000), "{done}");
    let (_, listed) = call(&app, &admin, Method::GET, "/api/v1/units/operations?unit=VN", None).await;
    let op = listed.as_array().and_then(|ops| ops.iter().find(|o| o["id"] == done["operation"])).cloned();
    assert_eq!(op.map(|o| o["books"].clone()), Some(done["books"].clone()), "the money moved, read back: {listed}");
    let cancel = format!("/api/v1/receipts/{}/cancel", issued[3]);
    let reason = json!({ "reason": "Biên lai lập trùng", "date": "2025-12-02" });
    let (status, r) = call(&app, &accountant, Method::POST, &cancel, Some(reason)).await;
    assert_eq!(status, StatusCode::OK, "cancelled in HN's books, which hold the debtor's money: {r}");

    let (bg_entries, hn_entries) = app.db(|s| {
        let (first, last) = thads_app::money::EVER;
        (s.unit_entries(app.units.province, first, last).unwrap(), s.unit_entries(hn, first, last).unwrap())
    });
    let (_, last) = thads_app::money::EVER;
    let bg_left = balances(bg_entries.iter().map(|r| &r.entry), last);
    let case_left = |c: i64| {
        bg_left
            .iter()
            .filter(|((_, p), _)| *p == thads_core::money::custody::Party::Case(CaseId(c)))
            .map(|(_, b)| *b)
            .sum::<i128>()
    };
    assert_eq!(case_left(app.own_case.0), 0, "the own case's money left BG's books");
    assert_eq!(case_left(here), 0);
    assert_eq!(case_left(there), 300_000, "the case staying at BG-KV2 keeps its share in BG's books");
    assert_eq!(hn_entries.len(), 2, "the transfer in and the cancelled receipt's reversal");
    assert_eq!(hn_entries[0].entry.movement, Movement::Handover);
    assert!(hn_entries[1].entry.reverses.is_some());

    // From HN's books: the own case is paid out, the debtor's money distributed.
    let pay = json!({ "case_id": app.own_case.0, "date": "2025-12-03", "amount_vnd": 2_000_000,
                      "method": "transfer", "payee": "Chủ nợ", "payee_id": "024089009999" });
    let (status, p) = call(&app, &accountant, Method::POST, "/api/v1/payouts", Some(pay)).await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    let ask = json!({ "unit": "BG-KV1", "debtor_id": "024089001234", "date": "2025-12-04",
                      "amount_vnd": 3_000_000, "costs_vnd": 0, "coercion_on": null });
    let (status, d) = call(&app, &accountant, Method::POST, "/api/v1/distributions", Some(ask)).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let (_, m) = call(&app, &accountant, Method::GET, &format!("/api/v1/cases/{first}/money"), None).await;
    assert_eq!(m["held_vnd"], 2_000_000, "{m}");
    let (_, m) = call(&app, &accountant, Method::GET, &format!("/api/v1/cases/{second}/money"), None).await;
    assert_eq!(m["held_vnd"], 1_000_000, "{m}");
    let hn_written = app.db(|s| s.unit_entries(hn, thads_app::money::EVER.0, last).unwrap().len());
    assert_eq!(hn_written, 4, "the transfer in, the reversal, the payout and the distribution, all in HN's books");

    let check = app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        thads_app::money::check::check(s, &units, None).unwrap()
    });
    assert!(check.is_clean(), "{:?}", check.mismatches);
}

/// The balance of `party` in the books of `unit`, summed over its accounts.
fn left_in(app: &TestApp, unit: thads_core::UnitId, party: &thads_core::money::custody::Party) -> i128 {
    let (first, last) = thads_app::money::EVER;
    let entries = app.db(|s| s.unit_entries(unit, first, last).unwrap());
    balances(entries.iter().map(|r| &r.entry), last).iter().filter(|((_, p), _)| p == party).map(|(_, b)| *b).sum()
}

/// A province split hands its books over: each part takes the money of the cases sent to it
/// and of the debtors whose cases all go to it, the first part the rest, so the closed books
/// hold nothing; the money is then paid out and distributed from the parts' books. A debtor
/// whose cases would be in two provinces refuses the split until its money is distributed, and
/// a province with sections still open under it is not split at all.
#[tokio::test]
async fn a_province_split_hands_each_part_the_money_of_the_cases_and_debtors_it_takes() {
    use thads_core::money::custody::Party;
    let app = TestApp::spawn().await;
    let (hp, hn) = app.db(|s| {
        add_staff(s, app.units.national, "admin.vn", "Quản trị toàn quốc", Role::Admin);
        let (hp, hn) = (add_province(s, "HP", app.units.national), add_province(s, "HN", app.units.national));
        add_staff(s, hp, "head.hp", "Trưởng Cục HP", Role::Head);
        add_staff(s, hp, "ketoan.hp", "Kế toán HP", Role::Accountant);
        add_staff(s, hn, "ketoan.hn", "Kế toán HN", Role::Accountant);
        (hp, hn)
    });
    let admin = app.token("admin.vn").await;
    let sections = json!({"from": "BG", "into": ["BG1", "BG2"], "on": "2025-12-01", "rest": "BG1"});
    let (status, r) = call(&app, &admin, Method::POST, "/api/v1/units/split?unit=VN", Some(sections)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{r}");
    assert!(r["message"].as_str().unwrap_or_default().contains("BG-KV1, BG-KV2"), "{r}");

    let head = app.token("head.hp").await;
    let to_hn = case_of(&app, &head, "HP", "701/QĐ-THADS", "001090001111").await;
    let also_to_hn = case_of(&app, &head, "HP", "702/QĐ-THADS", "001090001111").await;
    let stays = case_of(&app, &head, "HP", "703/QĐ-THADS", "001090002222").await;
    let leaves = case_of(&app, &head, "HP", "704/QĐ-THADS", "001090002222").await;
    let accountant = app.token("ketoan.hp").await;
    let receipts = [
        json!({ "case_id": to_hn, "date": "2025-11-03", "amount_vnd": 1_000_000, "payer": "Đinh Văn Hai",
                "method": "cash" }),
        json!({ "case_id": stays, "date": "2025-11-03", "amount_vnd": 400_000, "payer": "Đinh Văn Hai",
                "method": "transfer" }),
        json!({ "unit": "HP", "debtor_id": "001090001111", "date": "2025-11-04", "amount_vnd": 700_000,
                "payer": "Đinh Văn Hai", "method": "transfer" }),
        json!({ "unit": "HP", "debtor_id": "001090002222", "date": "2025-11-05", "amount_vnd": 300_000,
                "payer": "Lý Thị Ba", "method": "cash" }),
    ];
    for receipt in receipts {
        let (status, r) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(receipt)).await;
        assert_eq!(status, StatusCode::CREATED, "{r}");
    }
    let split = json!({"from": "HP", "into": ["HP1", "HN"], "names": ["Thi hành án dân sự HP1"], "on": "2025-12-01",
                       "cases": [["701/QĐ-THADS", "HN"], ["702/QĐ-THADS", "HN"], ["704/QĐ-THADS", "HN"]],
                       "rest": "HP1"});
    let (status, refused) = call(&app, &admin, Method::POST, "/api/v1/units/split?unit=VN", Some(split.clone())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(refused["message"].as_str().unwrap_or_default().contains("001090002222"), "{refused}");
    let ask = json!({ "unit": "HP", "debtor_id": "001090002222", "date": "2025-11-20", "amount_vnd": 300_000,
                      "costs_vnd": 0, "coercion_on": null });
    let (status, d) = call(&app, &accountant, Method::POST, "/api/v1/distributions", Some(ask)).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");

    let (status, done) = call(&app, &admin, Method::POST, "/api/v1/units/split?unit=VN", Some(split)).await;
    assert_eq!(status, StatusCode::CREATED, "{done}");
    let books: Vec<(&str, &str, i64)> = done["books"]
        .as_array()
        .map(|b| {
            b.iter()
                .map(|h| {
                    (
                        h["from"].as_str().unwrap_or(""),
                        h["to"].as_str().unwrap_or(""),
                        h["holdings_vnd"].as_i64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    // The 300,000 went pro rata to what each owed: 703 (600,000 left) 112,500, 704 187,500.
    // To HN: the case's 1,000,000, the debtor's 700,000 and 704's 187,500; the rest, 703's
    // 400,000 and 112,500, handed over to HP1 with the books' holdings.
    assert_eq!(books, [("HP", "HN", 1_887_500), ("HP", "HP1", 512_500)], "{done}");
    // The list of operations shows the same money, read back from the ledger, on the API and
    // the page.
    let (_, listed) = call(&app, &admin, Method::GET, "/api/v1/units/operations?unit=VN", None).await;
    let op = listed.as_array().and_then(|ops| ops.iter().find(|o| o["id"] == done["operation"])).cloned();
    assert_eq!(op.map(|o| o["books"].clone()), Some(done["books"].clone()), "{listed}");
    let session = app.sign_in("admin.vn").await;
    let page = app.get(&session, "/units/reorg?unit=VN").await.text().await.unwrap();
    assert!(page.contains("HP → HN 1.887.500 đ (01/12/2025); HP → HP1 512.500 đ (01/12/2025)"), "{page}");
    let hp1 = app.db(|s| UnitTree::new(s.units().unwrap()).by_code("HP1").map(|u| u.id)).unwrap();
    for party in [Party::Case(CaseId(to_hn)), Party::Case(CaseId(stays)), Party::Agency] {
        assert_eq!(left_in(&app, hp, &party), 0, "HP's closed books keep nothing of {party:?}");
    }
    assert_eq!(left_in(&app, hn, &Party::Case(CaseId(leaves))), 187_500);
    assert_eq!(left_in(&app, hp1, &Party::Case(CaseId(stays))), 512_500);

    // HN pays the case out and distributes the debtor's money; HP1 pays its case out.
    let hn_accountant = app.token("ketoan.hn").await;
    let pay = json!({ "case_id": to_hn, "date": "2025-12-03", "amount_vnd": 1_000_000, "method": "transfer",
                      "payee": "Chủ nợ 701", "payee_id": "024089009999" });
    let (status, p) = call(&app, &hn_accountant, Method::POST, "/api/v1/payouts", Some(pay)).await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    let ask = json!({ "unit": "HN", "debtor_id": "001090001111", "date": "2025-12-04", "amount_vnd": 700_000,
                      "costs_vnd": 0, "coercion_on": null });
    let (status, d) = call(&app, &hn_accountant, Method::POST, "/api/v1/distributions", Some(ask)).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let (_, m) = call(&app, &hn_accountant, Method::GET, &format!("/api/v1/cases/{also_to_hn}/money"), None).await;
    assert!(m["held_vnd"].as_i64().unwrap_or(0) > 0, "{m}");
    let pay = json!({ "case_id": stays, "date": "2025-12-03", "amount_vnd": 512_500, "method": "transfer",
                      "payee": "Chủ nợ 703", "payee_id": "024089008888" });
    let (status, p) = call(&app, &accountant, Method::POST, "/api/v1/payouts", Some(pay)).await;
    assert_eq!(status, StatusCode::CREATED, "the accountant moved to HP1 pays from its books: {p}");
    assert_eq!(left_in(&app, hp, &Party::Case(CaseId(stays))), 0);

    let check = app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        thads_app::money::check::check(s, &units, None).unwrap()
    });
    assert!(check.is_clean(), "{:?}", check.mismatches);
}

/// A province split in three, its money held in cash and a little in the bank: the transfers to
/// the second and third parts each pay from what the agency still holds after the one before,
/// so no part's books, nor the first's after the hand-over, show a bank below zero.
#[tokio::test]
async fn a_split_in_three_pays_each_part_from_what_is_left() {
    use thads_core::money::custody::{Account, Party};
    let app = TestApp::spawn().await;
    let hp = app.db(|s| {
        add_staff(s, app.units.national, "admin.vn", "Quản trị toàn quốc", Role::Admin);
        let hp = add_province(s, "HP", app.units.national);
        add_staff(s, hp, "head.hp", "Trưởng Cục HP", Role::Head);
        add_staff(s, hp, "ketoan.hp", "Kế toán HP", Role::Accountant);
        hp
    });
    let head = app.token("head.hp").await;
    let accountant = app.token("ketoan.hp").await;
    let mut cases = Vec::new();
    for (no, amount, method) in
        [("801/QĐ-THADS", 600_000, "cash"), ("802/QĐ-THADS", 500_000, "cash"), ("803/QĐ-THADS", 400_000, "transfer")]
    {
        let id = case_of(&app, &head, "HP", no, "001090003333").await;
        let receipt = json!({ "case_id": id, "date": "2025-11-03", "amount_vnd": amount, "payer": "Đinh Văn Hai",
                              "method": method });
        let (status, r) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(receipt)).await;
        assert_eq!(status, StatusCode::CREATED, "{r}");
        cases.push(id);
    }
    let admin = app.token("admin.vn").await;
    let split = json!({"from": "HP", "into": ["HP1", "HP2", "HP3"], "on": "2025-12-01",
                       "cases": [["801/QĐ-THADS", "HP2"], ["802/QĐ-THADS", "HP3"], ["803/QĐ-THADS", "HP1"]]});
    let (status, done) = call(&app, &admin, Method::POST, "/api/v1/units/split?unit=VN", Some(split)).await;
    assert_eq!(status, StatusCode::CREATED, "{done}");
    let tree = app.db(|s| UnitTree::new(s.units().unwrap()));
    let id = |code: &str| tree.by_code(code).map(|u| u.id).unwrap();
    for (part, case, amount) in [("HP2", cases[0], 600_000), ("HP3", cases[1], 500_000), ("HP1", cases[2], 400_000)] {
        assert_eq!(left_in(&app, id(part), &Party::Case(CaseId(case))), amount, "{part}: {done}");
        let (first, last) = thads_app::money::EVER;
        let entries = app.db(|s| s.unit_entries(id(part), first, last).unwrap());
        let held = balances(entries.iter().map(|r| &r.entry), last);
        for account in [Account::Bank, Account::Treasury, Account::Cash] {
            let b = held.get(&(account, Party::Agency)).copied().unwrap_or(0);
            assert!(b >= 0, "{part}'s {account:?} at {b}: {held:?}");
        }
    }
    for party in [Party::Case(CaseId(cases[0])), Party::Agency] {
        assert_eq!(left_in(&app, hp, &party), 0, "HP's closed books keep nothing of {party:?}");
    }
}

/// A receipt issued for a debtor with no case in the province, before the province is split:
/// its money goes with the rest of the books to the first part, whose accountant (the province's,
/// moved there) then finds it in the part's cash book, prints it and cancels it; the reversal is
/// written into the part's books, and the split province's closed books stay empty.
#[tokio::test]
async fn a_debtors_receipt_of_a_split_province_is_cancelled_in_the_first_parts_books() {
    use thads_core::money::custody::Party;
    use thads_core::money::party::DebtorId;
    let app = TestApp::spawn().await;
    let hp = app.db(|s| {
        add_staff(s, app.units.national, "admin.vn", "Quản trị toàn quốc", Role::Admin);
        let hp = add_province(s, "HP", app.units.national);
        add_province(s, "HN", app.units.national);
        add_staff(s, hp, "head.hp", "Trưởng Cục HP", Role::Head);
        add_staff(s, hp, "ketoan.hp", "Kế toán HP", Role::Accountant);
        hp
    });
    let head = app.token("head.hp").await;
    let leaves = case_of(&app, &head, "HP", "801/QĐ-THADS", "001090004444").await;
    let accountant = app.token("ketoan.hp").await;
    let for_debtor = json!({ "unit": "HP", "debtor_id": "001090003333", "date": "2025-11-04",
                             "amount_vnd": 500_000, "payer": "Trần Văn Bốn", "method": "transfer" });
    let (status, receipt) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(for_debtor)).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    // The case sent to HN holds money: the split moves it to HN's books first, then hands the
    // rest over to HP1.
    let on_case = json!({ "case_id": leaves, "date": "2025-11-05", "amount_vnd": 300_000, "payer": "Đinh Văn Hai",
                          "method": "cash" });
    let (status, r) = call(&app, &accountant, Method::POST, "/api/v1/receipts", Some(on_case)).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    let admin = app.token("admin.vn").await;
    let split = json!({"from": "HP", "into": ["HP1", "HN"], "names": ["Thi hành án dân sự HP1"], "on": "2025-12-01",
                       "cases": [["801/QĐ-THADS", "HN"]], "rest": "HP1"});
    let (status, done) = call(&app, &admin, Method::POST, "/api/v1/units/split?unit=VN", Some(split)).await;
    assert_eq!(status, StatusCode::CREATED, "{done}");
    let hp1 = app.db(|s| UnitTree::new(s.units().unwrap()).by_code("HP1").map(|u| u.id)).unwrap();
    let debtor = Party::Debtor(DebtorId::new("001090003333").unwrap());
    assert_eq!(left_in(&app, hp1, &debtor), 500_000, "the debtor's money went to the first part: {done}");
    let hn = app.db(|s| UnitTree::new(s.units().unwrap()).by_code("HN").map(|u| u.id)).unwrap();
    assert_eq!(left_in(&app, hn, &Party::Case(CaseId(leaves))), 300_000, "the case's money went to HN: {done}");
    assert_eq!(
        app.db(|s| thads_app::reorg::books::books_holding(s, &UnitTree::new(s.units().unwrap()), hp)).unwrap(),
        hp1
    );

    // The accountant, moved to HP1 with the province's staff, finds HP's series in HP1's cash book,
    // prints the receipt and cancels it.
    let session = app.sign_in("ketoan.hp").await;
    let page = app.get(&session, "/money?unit=HP1&day=2025-12-02").await.text().await.unwrap();
    assert!(page.contains("0000001/2025 · HP"), "HP's series in HP1's cash book");
    let printable = app.get(&session, &format!("/money/receipts/{}", receipt["id"])).await;
    assert_eq!(printable.status(), StatusCode::OK, "HP1's accountant prints HP's receipt");
    let reason = json!({ "reason": "Chuyển khoản nhầm người", "date": "2025-12-02" });
    let cancel = format!("/api/v1/receipts/{}/cancel", receipt["id"]);
    let (status, r) = call(&app, &accountant, Method::POST, &cancel, Some(reason)).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(left_in(&app, hp1, &debtor), 0, "the reversal is in HP1's books");
    assert_eq!(left_in(&app, hp, &debtor), 0, "HP's closed books stay empty");
    let (_, m) = call(&app, &admin, Method::GET, &format!("/api/v1/cases/{leaves}/money"), None).await;
    assert_eq!(m["held_vnd"], 300_000, "the case's money untouched: {m}");

    let check = app.db(|s| {
        let units = UnitTree::new(s.units().unwrap());
        thads_app::money::check::check(s, &units, None).unwrap()
    });
    assert!(check.is_clean(), "{:?}", check.mismatches);
}
