//! Regression tests in headless Chromium of the defects of issue 16 item 7 that live in the
//! browser: an amount typed as letters, and pages 390 px wide (a phone) that scrolled sideways.
//! Screenshots go to `target/e2e/`. Skipped without chromedriver, except under CI (see `e2e`).

use std::time::Duration;

use fantoccini::{Client, Locator};
use thads_core::Role;

use crate::common::{PASSWORD, TestApp, login_of};
use crate::e2e::{shot, start_browser, text_of};

async fn sign_in(app: &TestApp, browser: &Client, role: Role) {
    browser.goto(&app.url("/login")).await.unwrap();
    browser.find(Locator::Css("input[name=login]")).await.unwrap().send_keys(&login_of(role)).await.unwrap();
    browser.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    browser.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("header .who")).await.unwrap();
}

/// Letters typed as an amount were wiped by the script that groups digits, so the server said
/// an amount was required: they stay as typed, and the amount is said to be invalid.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amount_typed_as_letters_is_invalid_not_missing() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&app, &browser, Role::Officer).await;
    browser.goto(&app.url(&format!("/cases/{}", app.own_case.0))).await.unwrap();
    browser.find(Locator::Css("#event-code")).await.unwrap().select_by_value("collected").await.unwrap();
    let amount = browser.find(Locator::Css("#event-amount")).await.unwrap();
    amount.send_keys("abc").await.unwrap();
    assert_eq!(amount.prop("value").await.unwrap().as_deref(), Some("abc"), "letters stay as typed");
    amount.clear().await.unwrap();
    amount.send_keys("1234567").await.unwrap();
    assert_eq!(amount.prop("value").await.unwrap().as_deref(), Some("1.234.567"), "digits are still grouped");
    amount.clear().await.unwrap();
    amount.send_keys("abc").await.unwrap();
    browser.find(Locator::Css("#record-submit")).await.unwrap().click().await.unwrap();
    let said = text_of(&browser, "p.error").await;
    shot(&browser, "defect-amount-letters").await;
    assert!(said.contains("số tiền không hợp lệ"), "{said}");
    browser.close().await.unwrap();
}

/// At 390 px wide (a phone) the pages scrolled sideways: no main page is wider than the window.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_main_pages_fit_a_phone_390_px_wide() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.set_window_size(390, 844).await.unwrap();
    browser.goto(&app.url("/login")).await.unwrap();
    let mut wide = Vec::new();
    wide.extend(overflow(&browser, "login").await);
    sign_in(&app, &browser, Role::Head).await;
    let id = app.own_case.0;
    let pages = [
        ("dashboard", "/".to_string()),
        ("cases", "/cases".to_string()),
        ("case", format!("/cases/{id}")),
        ("case-audit", format!("/cases/{id}/audit")),
        ("statistics", "/stats".to_string()),
        ("drill-down", "/stats/cases?form=cases&column=with_means".to_string()),
        ("import", "/import".to_string()),
        ("audit", format!("/audit?actor={}", login_of(Role::Officer))),
        ("password", "/account/password".to_string()),
        ("not-found", "/cases/999999".to_string()),
    ];
    for (name, path) in pages {
        browser.goto(&app.url(&path)).await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        wide.extend(overflow(&browser, name).await);
    }
    browser.close().await.unwrap();
    assert!(wide.is_empty(), "pages wider than a 390 px window: {wide:?}");
}

/// The page's width and the window's, and a screenshot; `Some` when the page is wider.
async fn overflow(browser: &Client, name: &str) -> Option<String> {
    let script = "const w = window.innerWidth; \
        const past = [...document.querySelectorAll('body *')] \
          .filter((e) => e.getBoundingClientRect().right > w + 0.5) \
          .slice(0, 4).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')); \
        return [document.documentElement.scrollWidth, w, past.join(' ')];";
    let measured = browser.execute(script, vec![]).await.unwrap();
    let (page, window) = (measured[0].as_u64().unwrap(), measured[1].as_u64().unwrap());
    shot(browser, &format!("narrow-{name}")).await;
    assert!(window <= 400, "{name}: the window is {window} px wide, not a phone's");
    (page > window).then(|| format!("{name}: {page} px ({})", measured[2]))
}

/// The case list left-aligned money (a more specific rule of the table won over `.num`) and
/// wrapped decision numbers: money is right-aligned, a decision number stays on one line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_list_aligns_money_right_and_keeps_numbers_whole() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&app, &browser, Role::Head).await;
    browser.goto(&app.url("/cases")).await.unwrap();
    browser.wait().for_element(Locator::Css("#case-list")).await.unwrap();
    let script = "const money = document.querySelector('#case-list tbody td.num'); \
        const number = document.querySelector('#case-list tbody td:first-child'); \
        return [getComputedStyle(money).textAlign, getComputedStyle(number).whiteSpace];";
    let styles = browser.execute(script, vec![]).await.unwrap();
    shot(&browser, "defect-case-list").await;
    browser.close().await.unwrap();
    assert_eq!(styles[0], "right", "money");
    assert_eq!(styles[1], "nowrap", "decision number");
}
