//! End-to-end in headless Chromium: the head of BG-KV1 closes November 2025; the officer's
//! backdated collection is refused on the case page, naming the month; the head reopens it
//! with a reason; the officer records it; the head opens the month's snapshot and its diff
//! against today's figures shows the change and the record that made it.

use std::time::Duration;

use fantoccini::{Client, Locator};
use thads_core::Role;

use crate::common::{TestApp, login_of};
use crate::e2e::{shot, sign_in, start_browser, text_of};

async fn fill(browser: &Client, css: &str, text: &str) {
    let input = browser.find(Locator::Css(css)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

/// Records 1.000.000 đ collected on 15/11/2025 on the case page; returns the page's text
/// once it has answered (the refusal, or the case again).
async fn record_late(browser: &Client, app: &TestApp) -> String {
    browser.goto(&app.url(&format!("/cases/{}", app.own_case.0))).await.unwrap();
    browser.find(Locator::Css("#event-code")).await.unwrap().select_by_value("collected").await.unwrap();
    fill(browser, "#record-form input[name=date]", "15/11/2025").await;
    fill(browser, "#event-amount", "1000000").await;
    browser.find(Locator::Css("#record-submit")).await.unwrap().click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    text_of(browser, "main").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_closes_a_month_a_late_event_is_refused_then_reopened_and_the_diff_shows_it() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, &login_of(Role::Head)).await;
    browser.find(Locator::LinkText("Chốt số liệu")).await.unwrap().click().await.unwrap();
    fill(&browser, "#close-form input[name=month]", "2025-11").await;
    browser.find(Locator::Css("#close-form button")).await.unwrap().click().await.unwrap();
    let done = text_of(&browser, "p.ok").await;
    assert!(done.contains("Đã chốt số liệu"), "{done}");
    let snapshot = browser.find(Locator::Css("#snapshots a")).await.unwrap().attr("href").await.unwrap().unwrap();
    shot(&browser, "periods-01-closed").await;

    sign_in(&browser, &app, &login_of(Role::Officer)).await;
    let refused = record_late(&browser, &app).await;
    let error = text_of(&browser, "#form-error").await;
    assert!(error.contains("11/2025") && error.contains("đã chốt số liệu"), "{error} / {refused}");
    shot(&browser, "periods-02-refused").await;

    sign_in(&browser, &app, &login_of(Role::Head)).await;
    browser.goto(&app.url("/periods?unit=BG-KV1")).await.unwrap();
    browser.find(Locator::Css("#reopen-form select")).await.unwrap().select_by_value("2025-11").await.unwrap();
    fill(&browser, "#reopen-form textarea", "Biên lai nộp muộn của tháng 11").await;
    browser.find(Locator::Css("#reopen-form button")).await.unwrap().click().await.unwrap();
    assert!(text_of(&browser, "p.ok").await.contains("Đã mở lại"));

    sign_in(&browser, &app, &login_of(Role::Officer)).await;
    record_late(&browser, &app).await;
    assert!(browser.find(Locator::Css("#form-error")).await.is_err(), "recorded once reopened");
    assert_eq!(app.db(|s| s.records(app.own_case)).unwrap().len(), 2);

    sign_in(&browser, &app, &login_of(Role::Head)).await;
    browser.goto(&app.url(&snapshot)).await.unwrap();
    let diff = text_of(&browser, "#diff").await;
    let case_no = app.db(|s| s.case(app.own_case)).unwrap().unwrap().facts.case_no.to_string();
    assert!(diff.contains("completed") && diff.contains(&case_no) && diff.contains("2025-11-15"), "{diff}");
    assert!(diff.contains(&login_of(Role::Officer)), "who entered it: {diff}");
    shot(&browser, "periods-03-diff").await;
    browser.close().await.unwrap();
}
