//! The rest of issue 19 in headless Chromium: a sold asset handed over on its page, its price
//! receipted into custody and distributed (the asset's page names the receipt and the cases
//! that received money, the secured creditor first); a police step of a coercion plan on the
//! worklist until the officer records it done on the case's assets page; coercion counted per
//! month; an administrator saving a new version of the low-value threshold. Screenshots in
//! `target/e2e/` (`assets-money-*.png`). Skipped without chromedriver, as `e2e` is.

use fantoccini::{Client, Locator};
use reqwest::Method;
use serde_json::{Value, json};
use thads_core::Role;
use thads_core::case::{CaseDetails, PartyId};

use crate::assets::officer_case;
use crate::common::{TestApp, add_staff, login_of};
use crate::e2e::{shot, sign_in, start_browser, text_of};

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let r = app.api(token, Method::POST, path, Some(body)).await;
    let status = r.status();
    let body: Value = r.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{path}: {status} {body}");
    body
}

/// Fills a field of the page shown (found again if the page was being replaced).
async fn fill(browser: &Client, css: &str, value: &str) {
    for _ in 0..100 {
        let field = browser.wait().for_element(Locator::Css(css)).await.unwrap();
        if field.clear().await.is_ok() && field.send_keys(value).await.is_ok() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{css} could not be filled");
}

/// Clicks `css` and waits until the page that answers has replaced this one.
async fn submit(browser: &Client, css: &str) {
    let button = browser.find(Locator::Css(css)).await.unwrap();
    button.click().await.unwrap();
    for _ in 0..200 {
        if button.attr("type").await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sold_asset_is_handed_over_and_its_price_distributed_through_custody() {
    let app = TestApp::spawn().await;
    let case = officer_case(&app, "905/QĐ-CCTHADS");
    let details = CaseDetails {
        debtor_id: PartyId::parse("debtor_id", thads_core::field::DEBTOR_ID, "040085001234").unwrap(),
        ..CaseDetails::default()
    };
    app.db(|s| {
        let mut tx = s.begin()?;
        tx.put_case_details(case, &details)?;
        tx.commit()
    })
    .unwrap();
    let token = app.token(&login_of(Role::Officer)).await;
    let seize = json!({ "kind": "phuong_tien", "description": "Xe ô tô 98A-555.55", "seized_on": "2026-05-04" });
    let id = post(&app, &token, &format!("/api/v1/cases/{}/assets", case.0), seize).await["id"].as_i64().unwrap();
    let asset = |p: &str| format!("/api/v1/assets/{id}/{p}");
    // A coercion on a Monday morning, with costs: its police steps fall due before it.
    let plan = json!({ "starts": "2026-05-04 08:00", "ends": "2026-05-04 11:00", "place": "Xã Tân Dĩnh",
        "forces": 6, "costs_vnd": 2_000_000 });
    post(&app, &token, &format!("/api/v1/cases/{}/coercion-plans", case.0), plan).await;
    post(
        &app,
        &token,
        &asset("valuations"),
        json!({ "date": "2026-05-07", "method": "agreed", "value_vnd": 40_000_000 }),
    )
    .await;
    let session = json!({ "date": "2026-06-03", "starting_price_vnd": 40_000_000, "contracted_on": "2026-05-12",
        "announced_on": "2026-05-19" });
    let auction = post(&app, &token, &asset("auctions"), session).await["id"].as_i64().unwrap();
    let sold =
        json!({ "date": "2026-06-03", "outcome": "sold", "price_vnd": 45_000_000, "buyer": "Công ty TNHH Minh Anh" });
    post(&app, &token, &format!("/api/v1/auctions/{auction}/outcome"), sold).await;
    post(&app, &token, &asset("payment"), json!({ "date": "2026-06-20" })).await;

    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, &login_of(Role::Officer)).await;
    // The police steps are owed: on the worklist, leading to the case's assets.
    browser.goto(&app.url("/deadlines?unit=BG-KV1")).await.unwrap();
    let worklist = text_of(&browser, "#worklist").await;
    assert!(worklist.contains("Gửi kế hoạch cưỡng chế cho Công an"), "{worklist}");
    shot(&browser, "assets-money-01-worklist").await;

    // The handover on the asset's page: the price goes through custody.
    browser.goto(&app.url(&format!("/seized-assets/{id}"))).await.unwrap();
    browser.find(Locator::Css("#step-action")).await.unwrap().select_by_value("handover").await.unwrap();
    fill(&browser, "#step-form [name=date]", "25/06/2026").await;
    browser
        .find(Locator::Css("#step-form select[name=secured_case_id]"))
        .await
        .unwrap()
        .select_by_value(&case.0.to_string())
        .await
        .unwrap();
    submit(&browser, "#step-submit").await;
    let receipt = text_of(&browser, "#asset-receipt").await;
    assert!(receipt.ends_with("/2026"), "{receipt}");
    let allocations = text_of(&browser, "#asset-allocations").await;
    assert!(allocations.contains("905/QĐ-CCTHADS"), "{allocations}");
    let distribution = text_of(&browser, "#asset-distribution").await;
    assert!(distribution.contains("2.000.000"), "the coercion costs come first: {distribution}");
    assert_eq!(
        browser.find(Locator::Css("#asset-state")).await.unwrap().attr("data-code").await.unwrap().as_deref(),
        Some("handed_over")
    );
    shot(&browser, "assets-money-02-proceeds").await;
    let stored = app.db(|s| s.case(case)).unwrap().unwrap();
    assert_eq!(stored.current.collected.dong(), 43_000_000, "the price less the costs reached the case");
    let api = app.api(&token, Method::GET, &format!("/api/v1/assets/{id}"), None).await.json::<Value>().await.unwrap();
    assert_eq!(api["proceeds"]["amount_vnd"], 45_000_000, "{api}");
    assert_eq!(api["proceeds"]["secured_case_id"], case.0, "{api}");

    // The police steps recorded done on the case's assets page leave the worklist.
    browser.goto(&app.url(&format!("/cases/{}/assets", case.0))).await.unwrap();
    for _ in 0..2 {
        fill(&browser, ".police-form [name=done_on]", "30/04/2026").await;
        submit(&browser, ".police-form button").await;
        browser.wait().for_element(Locator::Css("#coercion-plans")).await.unwrap();
    }
    let plans = text_of(&browser, "#coercion-plans").await;
    assert_eq!(plans.matches("Đã thực hiện").count(), 2, "{plans}");
    shot(&browser, "assets-money-03-police-done").await;
    browser.goto(&app.url("/deadlines?unit=BG-KV1")).await.unwrap();
    let body = text_of(&browser, "main").await;
    assert!(!body.contains("Gửi kế hoạch cưỡng chế cho Công an"), "{body}");

    // Coercion counted per month.
    browser.goto(&app.url("/coercion-measures?unit=BG-KV1&year=2026")).await.unwrap();
    let row = text_of(&browser, "#coercion-months tr.total .sessions").await;
    assert_eq!(row, "1");
    shot(&browser, "assets-money-04-per-month").await;
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_keeps_the_low_value_threshold() {
    let app = TestApp::spawn().await;
    app.db(|s| add_staff(s, app.units.national, "qt.tw", "Quản trị Trung ương", Role::Admin));
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, "qt.tw").await;
    browser.goto(&app.url("/asset-rules")).await.unwrap();
    let before = text_of(&browser, "#asset-rules").await;
    assert!(before.contains("NĐ 152/2026/NĐ-CP Điều 60 khoản 5"), "{before}");
    browser
        .find(Locator::Css("#rule-form select[name=rule]"))
        .await
        .unwrap()
        .select_by_value("low_value_sale")
        .await
        .unwrap();
    fill(&browser, "#rule-form [name=valid_from]", "01/01/2027").await;
    fill(
        &browser,
        "#rule-form [name=value]",
        r#"{"basis":{"basis":"regional_minimum_wage"},"multiple":6,"inclusive":true}"#,
    )
    .await;
    fill(&browser, "#rule-form [name=citation]", "NĐ 152/2026/NĐ-CP Điều 60 khoản 5 (sửa đổi)").await;
    submit(&browser, "#rule-submit").await;
    browser.wait().for_element(Locator::Css("#rule-low_value_sale-2027-01-01")).await.unwrap();
    let row = text_of(&browser, "#rule-low_value_sale-2027-01-01").await;
    assert!(row.contains("\"multiple\":6") && row.contains("qt.tw"), "{row}");
    shot(&browser, "assets-money-05-rules").await;
    // A value of the wrong type is refused, naming what was expected.
    fill(&browser, "#rule-form [name=valid_from]", "01/01/2028").await;
    fill(&browser, "#rule-form [name=value]", "\"năm\"").await;
    fill(&browser, "#rule-form [name=citation]", "x").await;
    submit(&browser, "#rule-submit").await;
    let error = text_of(&browser, "#rule-error").await;
    assert!(error.contains("low_value_sale"), "{error}");
    browser.close().await.unwrap();
}
