//! End-to-end in headless Chromium on the public listener, 390 px wide: a party follows their
//! case with the code an officer reads on the case page, and sees the officer's view in "who
//! opened my file"; anyone finds a debtor without means in the public list by typing the name
//! without diacritics, and the debtor is gone once the case is completed.

use fantoccini::{Client, Locator};
use thads_core::{EventCode, Role};
use time::OffsetDateTime;
use time::macros::date;

use crate::common::{TestApp, login_of};
use crate::e2e::{shot, start_browser, text_of};
use crate::portal::{code_of, event, record};

async fn fill(browser: &Client, css: &str, text: &str) {
    let input = browser.find(Locator::Css(css)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

/// Fails when the page is wider than the window (nothing past its right edge at 390 px).
async fn fits(browser: &Client, what: &str) {
    let wide =
        browser.execute("return document.documentElement.scrollWidth > window.innerWidth + 1;", vec![]).await.unwrap();
    assert_eq!(wide, serde_json::Value::Bool(false), "{what} is wider than 390 px");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_party_follows_their_case_and_sees_who_opened_the_file() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.set_window_size(390, 844).await.unwrap();
    // The officer opens the case page (a view the party will see) and reads the code there.
    let officer = app.sign_in(&login_of(Role::Officer)).await;
    assert!(app.get(&officer, &format!("/cases/{}", app.own_case.0)).await.status().is_success());
    let code = code_of(&app, app.own_case).await;

    browser.goto(&format!("{}/", app.public)).await.unwrap();
    fits(&browser, "the home page").await;
    browser.find(Locator::Css("nav a[href^='/case']")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#lookup")).await.unwrap();
    browser.find(Locator::Css("#unit")).await.unwrap().select_by_value("BG-KV1").await.unwrap();
    fill(&browser, "#case_no", "46/QĐ-THADS").await;
    fill(&browser, "#code", &code.to_lowercase()).await;
    browser.find(Locator::Css("#lookup button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#case")).await.unwrap();
    let state = text_of(&browser, "#state").await;
    assert!(state.contains("Đang thi hành"), "{state}");
    let steps = text_of(&browser, "#steps").await;
    assert!(steps.contains("thụ lý") && steps.contains("có điều kiện"), "{steps}");
    let seen = text_of(&browser, "#seen").await;
    assert!(seen.contains("BG-KV1") && seen.contains("Chấp hành viên"), "{seen}");
    fits(&browser, "the case").await;
    shot(&browser, "portal-01-case").await;

    // A wrong code: the form again, one message.
    fill(&browser, "#code", "AAAAA-AAAAA").await;
    browser.find(Locator::Css("#lookup button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#lookup-error")).await.unwrap();
    let error = text_of(&browser, "#lookup-error").await;
    assert!(error.contains("Không tìm thấy"), "{error}");
    // English on request.
    browser.find(Locator::LinkText("English")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#lookup")).await.unwrap();
    assert!(text_of(&browser, "h1").await.contains("Follow a case"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_debtor_is_found_in_the_public_list_and_gone_once_the_case_is_completed() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.set_window_size(390, 844).await.unwrap();
    record(&app, app.own_case, event(date!(2025 - 11 - 03), EventCode::NoMeans, None));

    browser.goto(&format!("{}/debtors", app.public)).await.unwrap();
    fill(&browser, "#q", "nguyen van an").await;
    browser.find(Locator::Css("#search button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#debtors")).await.unwrap();
    let row = text_of(&browser, "#debtors tbody").await;
    assert!(row.contains("Nguyễn Văn An") && row.contains("46/QĐ-THADS") && row.contains("2025-11-10"), "{row}");
    fits(&browser, "the list").await;
    shot(&browser, "portal-02-debtor-listed").await;

    // The officer completes the case; the same search no longer lists the debtor.
    let today = thads_app::clock::vietnam_date(OffsetDateTime::now_utc());
    record(&app, app.own_case, event(today, EventCode::Collected, Some(50_000_000)));
    record(&app, app.own_case, event(today, EventCode::Completed, None));
    browser.refresh().await.unwrap();
    browser.wait().for_element(Locator::Css("#debtors-none")).await.unwrap();
    let none = text_of(&browser, "main").await;
    assert!(!none.contains("Nguyễn Văn An"), "{none}");
    shot(&browser, "portal-03-debtor-gone").await;
}
