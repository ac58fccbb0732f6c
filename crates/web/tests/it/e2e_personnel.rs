//! The staff registry in headless Chromium: the administrator adds the unit's officer to the
//! registry (linked to the officer's login) and sets the unit's posts; the staffing report says
//! «1/3 biên chế; 1 Chấp hành viên»; the workload table names the officer as the registry does,
//! and the number of cases in hand leads to those cases. Screenshots in `target/e2e/`
//! (`staff-*.png`). Skipped without chromedriver, as `e2e` is.

use fantoccini::{Client, Locator};
use thads_core::Role;

use crate::common::{PASSWORD, TestApp, login_of};
use crate::e2e::{shot, start_browser, text_of};

async fn type_into(browser: &Client, css: &str, text: &str) {
    let field = browser.find(Locator::Css(css)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn click(browser: &Client, css: &str) {
    browser.find(Locator::Css(css)).await.unwrap().click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_added_shows_in_the_staffing_and_the_workload_leads_to_the_cases() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.goto(&app.url("/login")).await.unwrap();
    type_into(&browser, "input[name=login]", &login_of(Role::Admin)).await;
    type_into(&browser, "input[name=password]", PASSWORD).await;
    click(&browser, "form button[type=submit]").await;
    browser.wait().for_element(Locator::Css("nav")).await.unwrap();

    click(&browser, "nav a[href='/staff']").await;
    browser.wait().for_element(Locator::Css("#person-form")).await.unwrap();
    type_into(&browser, "#person-form input[name=full_name]", "Phạm Quốc Khánh").await;
    type_into(&browser, "#person-form input[name=title]", "Chấp hành viên").await;
    browser
        .find(Locator::Css("#person-form select[name=rank]"))
        .await
        .unwrap()
        .select_by_value("chv_trung_cap")
        .await
        .unwrap();
    type_into(&browser, "#person-form input[name=appointed_on]", "01/03/2021").await;
    type_into(&browser, "#person-form input[name=term_ends_on]", "01/03/2026").await;
    type_into(&browser, "#person-form input[name=login]", &login_of(Role::Officer)).await;
    click(&browser, "#person-form button[type=submit]").await;
    browser.wait().for_element(Locator::Css("#people")).await.unwrap();
    assert!(text_of(&browser, "#people").await.contains("Phạm Quốc Khánh"));
    shot(&browser, "staff-01-added").await;

    type_into(&browser, "#posts-form input[name=total]", "3").await;
    click(&browser, "#posts-form button[type=submit]").await;
    browser.wait().for_element(Locator::Css("#staffing-summary")).await.unwrap();
    assert_eq!(text_of(&browser, "#staffing-summary").await, "1/3 biên chế; 1 Chấp hành viên");
    assert!(text_of(&browser, "#vacancies").await.contains('2'));
    shot(&browser, "staff-02-report").await;

    click(&browser, "nav a[href='/workload']").await;
    browser.wait().for_element(Locator::Css("#workload")).await.unwrap();
    let table = text_of(&browser, "#workload").await;
    assert!(table.contains("Phạm Quốc Khánh"), "the registry's name: {table}");
    shot(&browser, "staff-03-workload").await;
    // Sorting by cases in hand keeps the officer's line; its number leads to the cases.
    click(&browser, "#sort-in_hand").await;
    browser.wait().for_element(Locator::Css("#workload a.in-hand")).await.unwrap();
    click(&browser, "#workload a.in-hand").await;
    browser.wait().for_element(Locator::Css("table")).await.unwrap();
    let url = browser.current_url().await.unwrap();
    assert!(url.as_str().contains("officer=officer.kv1") && url.as_str().contains("state=open"), "{url}");
    let cases = browser.source().await.unwrap();
    assert!(cases.contains("46/QĐ-THADS"), "the officer's case is listed");
    shot(&browser, "staff-04-cases").await;
}
