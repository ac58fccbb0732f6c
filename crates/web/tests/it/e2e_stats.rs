//! The statistics forms in headless Chromium: the statistician opens the statistics page,
//! picks a quarter, then a from–to period, sees the complete forms, opens the print view and
//! downloads the XLSX and the CSV. Screenshots in `target/e2e/` (`stats-*.png`). Skipped
//! without chromedriver, as `e2e` is.

use fantoccini::Locator;
use thads_core::Role;

use crate::common::{PASSWORD, TestApp, login_of};
use crate::e2e::{shot, shots_dir, start_browser, text_of};

/// Waits until the address holds `part` and the page has `css`.
async fn arrive(browser: &fantoccini::Client, part: &str, css: &str) {
    for _ in 0..100 {
        if browser.current_url().await.unwrap().as_str().contains(part) {
            browser.wait().for_element(Locator::Css(css)).await.unwrap();
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("never reached an address with {part}");
}

async fn field(browser: &fantoccini::Client, name: &str, value: &str) {
    let input = browser.find(Locator::Css(&format!("#period-picker input[name={name}]"))).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(value).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_statistician_picks_periods_sees_the_forms_prints_and_downloads_them() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.goto(&app.url("/login")).await.unwrap();
    browser
        .find(Locator::Css("input[name=login]"))
        .await
        .unwrap()
        .send_keys(&login_of(Role::Statistician))
        .await
        .unwrap();
    browser.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    browser.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("nav")).await.unwrap();
    browser.find(Locator::LinkText("Thống kê")).await.unwrap().click().await.unwrap();
    arrive(&browser, "/stats", "#period-picker").await;

    // A quarter: the fourth quarter of 2025.
    browser.find(Locator::Css("#period-kind")).await.unwrap().select_by_value("quarter").await.unwrap();
    field(&browser, "quarter", "2025-Q4").await;
    browser.find(Locator::Css("#period-picker button[type=submit]")).await.unwrap().click().await.unwrap();
    arrive(&browser, "quarter=2025-Q4", "#form-01").await;
    let shown = text_of(&browser, "#form-01 .form-period").await;
    assert_eq!(shown, "Từ ngày 01/10/2025 đến ngày 31/12/2025");
    let total = text_of(&browser, "#form-01 tr.total th").await;
    assert!(total.starts_with("Tổng cộng"), "{total}");
    assert_eq!(text_of(&browser, "#form-03 tbody tr.item th").await, "Cán bộ officer", "the officer by name");
    shot(&browser, "stats-01-quarter").await;

    // Any from–to.
    browser.find(Locator::Css("#period-kind")).await.unwrap().select_by_value("range").await.unwrap();
    field(&browser, "from", "15/10/2025").await;
    field(&browser, "to", "10/01/2026").await;
    browser.find(Locator::Css("#period-picker button[type=submit]")).await.unwrap().click().await.unwrap();
    arrive(&browser, "period=range", "#form-01").await;
    assert_eq!(text_of(&browser, "#form-02 .form-period").await, "Từ ngày 15/10/2025 đến ngày 10/01/2026");
    for form in ["01", "02", "03", "04", "05a", "05b", "06a", "06b", "07a", "07b", "08a", "08b", "CEPEJ"] {
        browser.find(Locator::Css(&format!("#form-{form} .signatures"))).await.unwrap();
    }
    shot(&browser, "stats-02-range").await;

    // The print view, then back.
    let xlsx_href = browser.find(Locator::Css("#export-xlsx")).await.unwrap().attr("href").await.unwrap().unwrap();
    let csv_href = browser.find(Locator::Css("#export-csv")).await.unwrap().attr("href").await.unwrap().unwrap();
    browser.find(Locator::Css("#print-view")).await.unwrap().click().await.unwrap();
    arrive(&browser, "/stats/print", "body.print-view").await;
    assert_eq!(text_of(&browser, "#form-01 .form-period").await, "Từ ngày 15/10/2025 đến ngày 10/01/2026");
    browser.find(Locator::Css("button[data-print]")).await.unwrap();
    assert!(browser.find(Locator::Css("header.top")).await.is_err(), "no navigation on paper");
    shot(&browser, "stats-03-print").await;

    // The downloads, with the browser's session.
    let session = browser.get_named_cookie("thads_session").await.unwrap();
    let download = |href: String| {
        let (app, cookie) = (&app, format!("thads_session={}", session.value()));
        async move { app.client.get(app.url(&href)).header(reqwest::header::COOKIE, cookie).send().await.unwrap() }
    };
    let xlsx = download(xlsx_href).await;
    assert_eq!(xlsx.status(), reqwest::StatusCode::OK);
    let bytes = xlsx.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip");
    std::fs::write(shots_dir().join("stats-forms.xlsx"), &bytes).unwrap();
    let csv = download(csv_href).await;
    assert_eq!(csv.status(), reqwest::StatusCode::OK);
    let bytes = csv.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with a BOM");
    assert!(String::from_utf8(bytes.to_vec()).unwrap().contains("Từ ngày 15/10/2025 đến ngày 10/01/2026"));
    std::fs::write(shots_dir().join("stats-forms.csv"), &bytes).unwrap();
    browser.close().await.unwrap();
}
