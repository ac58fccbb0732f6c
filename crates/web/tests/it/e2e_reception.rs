//! Citizen reception and the dashboard's period in headless Chromium: the front desk records a
//! session on the reception page, the figures and the book's export links follow the period
//! chosen, and the CSV the link names holds the session; the head's dashboard shows a quarter,
//! a month and a from–to period chosen in its picker. Screenshots in `target/e2e/`
//! (`reception-*.png`). Skipped without chromedriver, as `e2e` is.

use fantoccini::{Client, Locator};
use thads_core::Role;

use crate::common::{TestApp, login_of};
use crate::e2e::{shot, sign_in, start_browser, text_of};

async fn type_into(browser: &Client, css: &str, text: &str) {
    let field = browser.find(Locator::Css(css)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_recorded_is_in_the_book_and_its_export() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, &login_of(Role::Clerk)).await;
    browser.goto(&app.url("/reception?unit=BG-KV1")).await.unwrap();
    assert_eq!(text_of(&browser, "#reception-count").await, "0");
    let today = thads_core::dates::format_vn(thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc()));
    type_into(&browser, "#reception-form input[name=date]", &today).await;
    type_into(&browser, "#reception-form input[name=visitors]", "3").await;
    type_into(&browser, "#reception-form textarea[name=subject]", "Hỏi về việc trả tiền thi hành án").await;
    type_into(&browser, "#reception-form textarea[name=result]", "Đã hướng dẫn").await;
    browser.find(Locator::Css("#reception-form button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#reception-sessions")).await.unwrap();
    assert_eq!(text_of(&browser, "#reception-count").await, "1");
    shot(&browser, "reception-01-session").await;
    // The export links name the page's unit and period; the CSV they lead to holds the session.
    let href = browser.find(Locator::Css("#reception-export-csv")).await.unwrap().attr("href").await.unwrap().unwrap();
    assert!(href.starts_with("/reception/export?unit=BG-KV1&year=") && href.ends_with("&format=csv"), "{href}");
    let s = app.sign_in(&login_of(Role::Clerk)).await;
    let csv = app.get(&s, &href).await.text().await.unwrap();
    assert!(csv.starts_with('\u{feff}') && csv.contains("Hỏi về việc trả tiền thi hành án"), "{csv}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_the_period_chosen() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, &login_of(Role::Head)).await;
    browser.goto(&app.url("/?unit=BG-KV1")).await.unwrap();
    let before = text_of(&browser, "#dashboard-period-shown").await;
    assert!(before.starts_with("01/10/"), "the reporting year by default: {before}");
    for (kind, field, value, shown) in [
        ("quarter", "quarter", "2026-Q1", "01/01/2026 – 31/03/2026"),
        ("month", "month", "2026-02", "01/02/2026 – 28/02/2026"),
    ] {
        browser.find(Locator::Css("#dashboard-period-kind")).await.unwrap().select_by_value(kind).await.unwrap();
        type_into(&browser, &format!("#dashboard-period input[name={field}]"), value).await;
        browser.find(Locator::Css("#dashboard-period button[type=submit]")).await.unwrap().click().await.unwrap();
        browser.wait().for_element(Locator::Css("#dashboard-period-shown")).await.unwrap();
        let mut text = String::new();
        for _ in 0..50 {
            text = text_of(&browser, "#dashboard-period-shown").await;
            if text == shown {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(text, shown, "{kind}");
    }
    browser.find(Locator::Css("#dashboard-period-kind")).await.unwrap().select_by_value("range").await.unwrap();
    type_into(&browser, "#dashboard-from", "15/01/2026").await;
    type_into(&browser, "#dashboard-to", "20/03/2026").await;
    browser.find(Locator::Css("#dashboard-period button[type=submit]")).await.unwrap().click().await.unwrap();
    let mut text = String::new();
    for _ in 0..50 {
        text = text_of(&browser, "#dashboard-period-shown").await;
        if text == "15/01/2026 – 20/03/2026" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(text, "15/01/2026 – 20/03/2026");
    assert!(!text_of(&browser, "#rate-cases").await.is_empty());
    shot(&browser, "reception-02-dashboard-range").await;
}
