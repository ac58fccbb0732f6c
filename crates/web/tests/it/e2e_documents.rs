//! The documents journey in headless Chromium: an officer opens a case, issues a decision to
//! postpone (the case becomes postponed, the decision is on its timeline with its number) and
//! downloads its PDF. Screenshots go to `target/e2e/`. Skipped without chromedriver, except
//! under CI (see `e2e`).

use fantoccini::Locator;
use thads_core::Role;

use crate::common::{PASSWORD, TestApp, login_of};
use crate::e2e::{shot, start_browser, text_of};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_issues_a_postponement_and_downloads_its_pdf() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.goto(&app.url("/login")).await.unwrap();
    browser.find(Locator::Css("input[name=login]")).await.unwrap().send_keys(&login_of(Role::Officer)).await.unwrap();
    browser.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    browser.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("header .who")).await.unwrap();

    browser.goto(&app.url(&format!("/cases/{}", app.own_case.0))).await.unwrap();
    assert_eq!(text_of(&browser, "#case-state").await, "Có điều kiện – đang thi hành");
    browser.find(Locator::Css("#issue-kind")).await.unwrap().select_by_value("qd_hoan").await.unwrap();
    browser.find(Locator::Css("#issue-ground")).await.unwrap().select_by_value("48.1.a").await.unwrap();
    shot(&browser, "documents-issue-form").await;
    browser.find(Locator::Css("#issue-submit")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#issued-documents")).await.unwrap();
    assert_eq!(text_of(&browser, "#case-state").await, "Hoãn thi hành án");
    assert_eq!(text_of(&browser, "#issued-documents .doc-number").await, "1/QĐ-THADS");
    let timeline = text_of(&browser, "ol.timeline").await;
    assert!(timeline.contains("Quyết định hoãn thi hành án số 1/QĐ-THADS"), "{timeline}");
    shot(&browser, "documents-issued").await;

    // The PDF link downloads the decision: fetched as the browser would, with its session.
    let href =
        browser.find(Locator::Css("#issued-documents a.doc-pdf")).await.unwrap().attr("href").await.unwrap().unwrap();
    let script = "const done = arguments[arguments.length - 1]; \
        fetch(arguments[0]).then(async (r) => { const b = new Uint8Array(await r.arrayBuffer()); \
        done([r.status, r.headers.get('content-type'), r.headers.get('content-disposition'), \
              String.fromCharCode(...b.slice(0, 5)), b.length]); });";
    let got = browser.execute_async(script, vec![serde_json::json!(href)]).await.unwrap();
    assert_eq!(got[0], 200);
    assert_eq!(got[1], "application/pdf");
    assert!(got[2].as_str().unwrap().contains("attachment"), "{got:?}");
    assert_eq!(got[3], "%PDF-");
    assert!(got[4].as_u64().unwrap() > 10_000, "{got:?}");
    browser.goto(&app.url(&format!("/cases/{}/documents?kind=qd_hoan&no=1", app.own_case.0))).await.unwrap();
    let print = text_of(&browser, "#print-view").await;
    assert!(print.contains("Số: 1/QĐ-THADS"), "{print}");
    shot(&browser, "documents-print-view").await;
    browser.close().await.unwrap();
}
