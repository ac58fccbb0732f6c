//! The complaints register in headless Chromium: the front desk opens the statistics (nothing
//! yet), registers a complaint within the unit's authority and records its decision, registers
//! a denunciation the table sends elsewhere and forwards it, and the statistics change:
//! received 2, within authority 1, resolved 1, rate 100,00 %. Screenshots in `target/e2e/`
//! (`complaints-*.png`). Skipped without chromedriver, as `e2e` is.

use fantoccini::{Client, Locator};
use thads_core::Role;

use crate::common::{TestApp, login_of};
use crate::e2e::{shot, sign_in, start_browser, text_of};

/// The figures of the statistics page's first row (the unit's scope): received, within
/// authority, resolved, rate.
async fn figures(browser: &Client, app: &TestApp) -> [String; 4] {
    browser.goto(&app.url("/complaints?unit=BG-KV1")).await.unwrap();
    browser.find(Locator::Css("#complaint-stats-link")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#complaint-figures")).await.unwrap();
    let cell = |n: u8| format!("#complaint-figures tbody tr:first-child td:nth-child({n})");
    [
        text_of(browser, &cell(2)).await,
        text_of(browser, &cell(3)).await,
        text_of(browser, &cell(5)).await,
        text_of(browser, &cell(7)).await,
    ]
}

async fn type_into(browser: &Client, css: &str, text: &str) {
    let field = browser.find(Locator::Css(css)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Registers a letter from the form; returns on its page.
async fn register(browser: &Client, kind: &str, who: &str, subject: &str, within: &str) {
    browser.find(Locator::Css("nav a[href='/complaints']")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#complaint-new")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#complaint-form")).await.unwrap();
    browser.find(Locator::Css("select[name=kind]")).await.unwrap().select_by_value(kind).await.unwrap();
    browser.find(Locator::Css("select[name=channel]")).await.unwrap().select_by_value("buu_chinh").await.unwrap();
    type_into(browser, "input[name=complainant]", who).await;
    type_into(browser, "textarea[name=subject]", subject).await;
    browser.find(Locator::Css("select[name=within_authority]")).await.unwrap().select_by_value(within).await.unwrap();
    browser.find(Locator::Css("#complaint-form button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#complaint-status")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_received_then_resolved_and_one_forwarded_change_the_statistics() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, &login_of(Role::Clerk)).await;
    assert_eq!(figures(&browser, &app).await, ["0", "0", "0", "–"].map(String::from));
    shot(&browser, "complaints-01-empty").await;

    register(&browser, "khieu_nai", "Nguyễn Thị Thu", "Khiếu nại việc kê biên xe ô tô", "true").await;
    assert_eq!(text_of(&browser, "#complaint-within").await, "Có");
    shot(&browser, "complaints-02-registered").await;
    browser
        .find(Locator::Css("#complaint-resolve select[name=outcome]"))
        .await
        .unwrap()
        .select_by_value("sai")
        .await
        .unwrap();
    browser.find(Locator::Css("#complaint-resolve button[type=submit]")).await.unwrap().click().await.unwrap();
    let decision = text_of(&browser, "#complaint-resolution").await;
    assert!(decision.contains("Sai"), "{decision}");
    assert!(text_of(&browser, "#flash").await.len() > 1, "saved");

    // A denunciation against an officer of the regional section: the provincial head resolves
    // it, so the section forwards it.
    register(&browser, "to_cao", "Lê Văn Sơn", "Tố cáo cán bộ nhũng nhiễu", "").await;
    assert_eq!(text_of(&browser, "#complaint-within").await, "Không");
    type_into(&browser, "#complaint-refer input[name=to]", "Thi hành án dân sự tỉnh Bắc Giang").await;
    browser.find(Locator::Css("#complaint-refer button[type=submit]")).await.unwrap().click().await.unwrap();
    let referral = text_of(&browser, "#complaint-referral").await;
    assert!(referral.contains("Bắc Giang"), "{referral}");
    shot(&browser, "complaints-03-forwarded").await;

    assert_eq!(figures(&browser, &app).await, ["2", "1", "1", "100,00%"].map(String::from));
    shot(&browser, "complaints-04-statistics").await;
}
