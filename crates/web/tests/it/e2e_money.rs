//! End-to-end in headless Chromium, an accountant's day (issue 18): a receipt on a case and
//! its printable page, a debtor's receipt distributed across the debtor's two cases (wages
//! first), a payout to the first case's creditor with the fee withheld, the day's cash book and
//! balances, a notice to the other case's payee and a savings deposit of part of its money, then
//! closing the day, after which the day takes nothing more.

use fantoccini::Locator;
use reqwest::{Method, StatusCode};
use serde_json::json;
use thads_core::{CaseId, Role, UnitTree};

use crate::common::{TestApp, login_of};
use crate::e2e::{fill, shot, sign_in, start_browser, submit, text_of};

async fn debtor_case(app: &TestApp, token: &str, no: &str, amount: i64, obligation: &str) -> i64 {
    let body = json!({
        "unit": "BG-KV1", "case_no": no, "accepted_on": "2025-10-01", "origin": "chu_dong",
        "judgment_type": "dan_su", "amount_vnd": amount, "debtor": "Phạm Văn Nợ", "debtor_id": "024089001234",
        "creditor": format!("Chủ nợ {no}"), "obligation": obligation
    });
    let r = app.api(token, Method::POST, "/api/v1/cases", Some(body)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accountant_receipts_distributes_pays_out_reads_the_cash_book_and_closes_the_day() {
    let app = TestApp::spawn().await;
    let head = app.token(&login_of(Role::Head)).await;
    let wages = debtor_case(&app, &head, "301/QĐ-THADS", 4_000_000, "tien_luong").await;
    let other = debtor_case(&app, &head, "302/QĐ-THADS", 6_000_000, "khac").await;
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, &login_of(Role::Accountant)).await;
    browser.goto(&app.url("/money?unit=BG-KV1")).await.unwrap();

    // A receipt on a case: its printable page.
    fill(&browser, "#r-case_no", "46/QĐ-THADS").await;
    fill(&browser, "#r-amount", "1.500.000").await;
    fill(&browser, "#r-payer", "Nguyễn Văn An").await;
    submit(&browser, "#r-submit").await;
    let printable = text_of(&browser, "main").await;
    assert!(printable.contains("0000001/") && printable.contains("1.500.000"), "{printable}");
    shot(&browser, "money-01-receipt").await;

    // The debtor's money, then its distribution.
    browser.goto(&app.url("/money?unit=BG-KV1")).await.unwrap();
    fill(&browser, "#r-debtor_id", "024089001234").await;
    fill(&browser, "#r-amount", "8.000.000").await;
    fill(&browser, "#r-payer", "Phạm Văn Nợ").await;
    browser.find(Locator::Css("#r-method")).await.unwrap().select_by_value("transfer").await.unwrap();
    submit(&browser, "#r-submit").await;
    browser.goto(&app.url("/money?unit=BG-KV1")).await.unwrap();
    fill(&browser, "#d-debtor_id", "024089001234").await;
    fill(&browser, "#d-amount", "8.000.000").await;
    submit(&browser, "#d-submit").await;
    assert!(browser.find(Locator::Css("#money-error")).await.is_err(), "{}", text_of(&browser, "main").await);
    let collected = |id: i64| app.db(|s| thads_app::money::books::case_money(s, CaseId(id)).unwrap().collected.dong());
    assert_eq!((collected(wages), collected(other)), (4_000_000, 4_000_000), "wages first, in full");

    // A payout to the wages case's creditor.
    fill(&browser, "#p-case_no", "301/QĐ-THADS").await;
    fill(&browser, "#p-amount", "4.000.000").await;
    fill(&browser, "#p-payee", "Chủ nợ 301").await;
    fill(&browser, "#p-payee_id", "024089009999").await;
    browser.find(Locator::Css("#p-method")).await.unwrap().select_by_value("transfer").await.unwrap();
    submit(&browser, "#p-submit").await;
    assert!(browser.find(Locator::Css("#money-error")).await.is_err(), "{}", text_of(&browser, "main").await);

    // The cash book of the day and the balances per case.
    let book = text_of(&browser, "#cash-book").await;
    assert!(book.contains("1.500.000") && book.contains("8.000.000"), "{book}");
    let balances = text_of(&browser, "#balances").await;
    assert!(balances.contains("302/QĐ-THADS") && balances.contains("4.000.000"), "{balances}");
    shot(&browser, "money-02-cash-book").await;

    // The other case's payee is notified by post and part of its money put in savings.
    browser.find(Locator::Css("#savings-link")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#notice-form")).await.unwrap();
    fill(&browser, "#n-case_no", "302/QĐ-THADS").await;
    browser.find(Locator::Css("#n-how")).await.unwrap().select_by_value("post").await.unwrap();
    fill(&browser, "#n-payee", "Chủ nợ 302").await;
    fill(&browser, "#n-address", "12 Lê Lợi, phường Bến Thành").await;
    submit(&browser, "#n-submit").await;
    assert!(browser.find(Locator::Css("#savings-error")).await.is_err(), "{}", text_of(&browser, "main").await);
    fill(&browser, "#sd-case_no", "302/QĐ-THADS").await;
    fill(&browser, "#sd-amount", "1.000.000").await;
    fill(&browser, "#sd-bank", "Vietcombank Bắc Giang").await;
    fill(&browser, "#sd-passbook", "TK-0302").await;
    submit(&browser, "#sd-submit").await;
    assert!(browser.find(Locator::Css("#savings-error")).await.is_err(), "{}", text_of(&browser, "main").await);
    let deposits = text_of(&browser, "#deposits").await;
    assert!(deposits.contains("302/QĐ-THADS") && deposits.contains("TK-0302"), "{deposits}");
    let savings = |id: i64| app.db(|s| thads_app::money::books::case_money(s, CaseId(id)).unwrap().savings.dong());
    assert_eq!(savings(other), 1_000_000);
    shot(&browser, "money-03-savings").await;
    browser.goto(&app.url("/money?unit=BG-KV1")).await.unwrap();

    // Closing the day: it takes nothing more.
    submit(&browser, "#close-submit").await;
    assert!(browser.find(Locator::Css("#day-closed")).await.is_ok(), "{}", text_of(&browser, "main").await);
    fill(&browser, "#r-case_no", "46/QĐ-THADS").await;
    fill(&browser, "#r-amount", "1000").await;
    fill(&browser, "#r-payer", "Nguyễn Văn An").await;
    submit(&browser, "#r-submit").await;
    let error = text_of(&browser, "#money-error").await;
    assert!(error.contains("đã khóa"), "{error}");
    shot(&browser, "money-04-closed").await;
    let check = app.db(|s| thads_app::money::check::check(s, &UnitTree::new(s.units().unwrap()), None).unwrap());
    assert!(check.is_clean(), "{check:?}");
    browser.close().await.unwrap();
}
