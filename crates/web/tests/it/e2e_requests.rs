//! An online enforcement request in headless Chromium: a citizen files the public form with an
//! attachment (on the public routes' own listener, at a phone's width), gets the receipt
//! number, code and appointment; the front desk signs in to the staff app, opens the intake
//! queue, downloads nothing but sees the file listed, registers the request, and lands on the
//! new case; the citizen's status page then says registered with the case's number.
//! Screenshots in `target/e2e/` (`requests-*.png`). Skipped without chromedriver, as `e2e` is.

use fantoccini::{Client, Locator};
use thads_core::Role;

use crate::common::{PASSWORD, TestApp, add_staff, login_of};
use crate::e2e::{shot, start_browser, text_of};
use crate::requests::{PDF, fields, file, serve_public};

async fn type_into(browser: &Client, css: &str, text: &str) {
    let field = browser.find(Locator::Css(css)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_filed_with_an_attachment_is_registered_by_staff_and_becomes_a_case() {
    let app = TestApp::spawn().await;
    let public = serve_public(&app).await;
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.set_window_size(390, 900).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let attachment = dir.path().join("ban-an.pdf");
    std::fs::write(&attachment, PDF).unwrap();

    browser.goto(&format!("{public}/requests/new")).await.unwrap();
    browser.find(Locator::Css("#req-unit")).await.unwrap().select_by_value("BG-KV1").await.unwrap();
    type_into(&browser, "#req-name", "Trần Thị Bích").await;
    type_into(&browser, "#req-id-number", "001085012345").await;
    type_into(&browser, "#req-address", "Số 5 Lê Lợi, Bắc Giang").await;
    type_into(&browser, "#req-phone", "0912345678").await;
    type_into(&browser, "#req-court", "Tòa án nhân dân tỉnh Bắc Giang").await;
    type_into(&browser, "#req-judgment-no", "12/2025/DS-ST").await;
    type_into(&browser, "#req-judgment-date", "01/12/2025").await;
    type_into(&browser, "#req-asked", "Buộc ông An trả 50.000.000 đồng").await;
    type_into(&browser, "#req-debtor", "Nguyễn Văn An").await;
    browser.find(Locator::Css("#req-files")).await.unwrap().send_keys(attachment.to_str().unwrap()).await.unwrap();
    shot(&browser, "requests-01-form").await;
    let width: f64 =
        browser.execute("return document.documentElement.scrollWidth;", vec![]).await.unwrap().as_f64().unwrap();
    assert!(width <= 390.0, "no sideways scrolling at 390 px: {width}");
    browser.find(Locator::Css("#req-form button[type=submit]")).await.unwrap().click().await.unwrap();
    let number = text_of(&browser, "#req-number").await;
    let code = text_of(&browser, "#req-code").await;
    assert!(number.starts_with("BG-KV1-"), "{number}");
    shot(&browser, "requests-02-receipt").await;

    browser.set_window_size(1280, 1000).await.unwrap();
    sign_in(&browser, &app, &login_of(Role::Clerk)).await;
    browser.goto(&app.url("/request-queue?unit=BG-KV1")).await.unwrap();
    browser.find(Locator::LinkText(&number)).await.unwrap().click().await.unwrap();
    assert_eq!(text_of(&browser, "#req-name").await, "Trần Thị Bích");
    assert!(text_of(&browser, "#req-files").await.contains("ban-an.pdf"));
    shot(&browser, "requests-03-queue-request").await;
    type_into(&browser, "#req-register input[name=amount_vnd]", "50000000").await;
    browser.find(Locator::Css("#req-register button[type=submit]")).await.unwrap().click().await.unwrap();
    assert_eq!(text_of(&browser, "#debtor").await, "Nguyễn Văn An");
    let case_url = browser.current_url().await.unwrap();
    assert!(case_url.path().starts_with("/cases/"), "{case_url}");
    shot(&browser, "requests-04-case").await;

    assert_eq!(status_shown(&browser, &public, &number, &code).await, "registered");
    assert!(text_of(&browser, "#req-case-no").await.contains("QĐ"));
    shot(&browser, "requests-05-status").await;
}

/// A request filed at a section that is merged away before anyone registers it: the provincial
/// administrator merges BG-KV1 and BG-KV2 into BG-KV9 on the reorganisations page; the clerk,
/// who moved with the section, finds the request in BG-KV9's queue under its BG-KV1 number and
/// registers it into a case of BG-KV9; the requester's status page names the office handling it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_open_at_a_merge_is_registered_by_the_successor() {
    let app = TestApp::spawn().await;
    let public = serve_public(&app).await;
    let (status, filed) = file(&public, &fields("BG-KV1"), &[("ban-an.pdf", PDF)]).await;
    assert_eq!(status, reqwest::StatusCode::CREATED, "{filed}");
    let (number, code) = (filed["number"].as_str().unwrap().to_string(), filed["code"].as_str().unwrap().to_string());
    let province = app.units.province;
    app.db(|s| add_staff(s, province, "admin.bg", "Quản trị tỉnh", Role::Admin));
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.set_window_size(1280, 1000).await.unwrap();

    sign_in(&browser, &app, "admin.bg").await;
    browser.goto(&app.url("/units/reorg?unit=BG")).await.unwrap();
    let today = thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc());
    type_into(&browser, "#merge-form input[name=from]", "BG-KV1,BG-KV2").await;
    type_into(&browser, "#merge-form input[name=into]", "BG-KV9").await;
    type_into(&browser, "#merge-form input[name=name]", "Khu vực 9").await;
    type_into(&browser, "#merge-form input[name=on]", &thads_core::dates::format_vn(today)).await;
    browser.find(Locator::Css("#merge-form button")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#reorg-done")).await.unwrap();
    shot(&browser, "requests-11-merged").await;

    sign_in(&browser, &app, &login_of(Role::Clerk)).await;
    browser.goto(&app.url("/request-queue?unit=BG-KV9")).await.unwrap();
    browser.find(Locator::LinkText(&number)).await.unwrap().click().await.unwrap();
    assert_eq!(text_of(&browser, "#req-name").await, "Trần Thị Bích");
    shot(&browser, "requests-12-successor-queue").await;
    type_into(&browser, "#req-register input[name=amount_vnd]", "50000000").await;
    browser.find(Locator::Css("#req-register button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#debtor")).await.unwrap();
    let case_url = browser.current_url().await.unwrap();
    let case: i64 = case_url.path().trim_start_matches("/cases/").parse().unwrap();
    let stored = app.db(|s| s.case(thads_core::CaseId(case))).unwrap().unwrap();
    let units = app.db(|s| s.units()).unwrap();
    let successor = units.iter().find(|u| u.code.as_str() == "BG-KV9").unwrap();
    assert_eq!(stored.facts.unit, successor.id, "registered into a case of the successor");
    shot(&browser, "requests-13-case").await;

    assert_eq!(status_shown(&browser, &public, &number, &code).await, "registered");
    assert_eq!(text_of(&browser, "#req-office").await, "Khu vực 9");
    shot(&browser, "requests-14-status").await;
    browser.close().await.unwrap();
}

async fn sign_in(browser: &Client, app: &TestApp, login: &str) {
    browser.delete_all_cookies().await.unwrap();
    browser.goto(&app.url("/login")).await.unwrap();
    type_into(browser, "input[name=login]", login).await;
    type_into(browser, "input[name=password]", PASSWORD).await;
    browser.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("nav")).await.unwrap();
}

/// The state a requester reads on the public status page for `number` and `code`.
async fn status_shown(browser: &Client, public: &str, number: &str, code: &str) -> String {
    browser.goto(&format!("{public}/requests/status")).await.unwrap();
    type_into(browser, "#req-lookup-number", number).await;
    type_into(browser, "#req-lookup-code", code).await;
    browser.find(Locator::Css("#req-lookup button[type=submit]")).await.unwrap().click().await.unwrap();
    let state = browser.wait().for_element(Locator::Css("#req-state")).await.unwrap();
    state.attr("data-state").await.unwrap().unwrap_or_default()
}
