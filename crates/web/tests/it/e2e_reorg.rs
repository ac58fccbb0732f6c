//! End-to-end in headless Chromium (issue 23): a provincial administrator merges BG-KV1 and
//! BG-KV2 into a new section on 01/01/2026 on the reorganisations page, then sees the
//! statistics of BG-KV1 for October–November 2025 as reported (its case counted) and restated
//! (its case now at the successor), the page saying which structure it shows.

use fantoccini::{Client, Locator};
use thads_core::Role;

use crate::common::{PASSWORD, TestApp, add_staff};
use crate::e2e::{shot, start_browser, text_of};

async fn sign_in(browser: &Client, app: &TestApp, login: &str) {
    browser.delete_all_cookies().await.unwrap();
    browser.goto(&app.url("/login")).await.unwrap();
    browser.find(Locator::Css("input[name=login]")).await.unwrap().send_keys(login).await.unwrap();
    browser.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    browser.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("nav")).await.unwrap();
}

async fn fill(browser: &Client, css: &str, text: &str) {
    let input = browser.find(Locator::Css(css)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_merges_two_sections_and_sees_both_structures() {
    let app = TestApp::spawn().await;
    let province = app.units.province;
    app.db(|s| add_staff(s, province, "admin.bg", "Quản trị tỉnh", Role::Admin));
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, "admin.bg").await;
    browser.goto(&app.url("/units/reorg?unit=BG")).await.unwrap();
    fill(&browser, "#merge-form input[name=from]", "BG-KV1,BG-KV2").await;
    fill(&browser, "#merge-form input[name=into]", "BG-KV9").await;
    fill(&browser, "#merge-form input[name=name]", "Phòng Thi hành án dân sự khu vực 9").await;
    fill(&browser, "#merge-form input[name=on]", "01/01/2026").await;
    browser.find(Locator::Css("#merge-form button")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#reorg-done")).await.unwrap();
    let listed = text_of(&browser, "#operations").await;
    assert!(listed.contains("merge") && listed.contains("BG-KV9") && listed.contains("01/01/2026"), "{listed}");
    shot(&browser, "reorg-01-merged").await;
    let moved = app.db(|s| s.case(app.own_case)).unwrap().unwrap();
    assert_ne!(moved.facts.unit, app.units.region1, "the case moved");

    // October–November 2025, before the merge: as reported, BG-KV1 had its case.
    browser.goto(&app.url("/stats?unit=BG-KV1&year=2026&months=2")).await.unwrap();
    let shown = browser.find(Locator::Css("#structure-shown")).await.unwrap();
    assert_eq!(shown.attr("data-structure").await.unwrap().as_deref(), Some("as-reported"));
    assert!(text_of(&browser, "#structure-shown").await.contains("như đã báo cáo"));
    let as_reported = text_of(&browser, "#period-shown").await;
    shot(&browser, "reorg-02-as-reported").await;
    browser.find(Locator::Css("#structure-switch")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#structure-shown[data-structure=restated]")).await.unwrap();
    assert!(text_of(&browser, "#structure-shown").await.contains("cơ cấu hiện nay"));
    let restated_table = text_of(&browser, "table.list.form").await;
    shot(&browser, "reorg-03-restated").await;
    // The successor, restated, holds both sections' cases.
    browser.goto(&app.url("/stats?unit=BG-KV9&year=2026&months=2&structure=restated")).await.unwrap();
    let successor = text_of(&browser, "table.list.form").await;
    assert_ne!(successor, restated_table, "BG-KV1 restated is empty, the successor has the cases");
    let _ = as_reported;
    browser.close().await.unwrap();
}
