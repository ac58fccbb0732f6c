//! End-to-end in headless Chromium: the administration pages (create a user, disable them, set
//! a new password, set a target, add a day off) and the audit with a filter, as an
//! administrator of the whole installation does them. Screenshots go to `target/e2e/admin-*`.
//! Skipped without chromedriver, as `e2e`.

use fantoccini::{Client, Locator};
use thads_core::Role;

use crate::common::{PASSWORD, TestApp, add_staff};
use crate::e2e::{shot, start_browser, text_of};

async fn fill(browser: &Client, css: &str, text: &str) {
    let field = browser.find(Locator::Css(css)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// The text of `css` once it starts with `start` (a posted form's page replaces the one before:
/// its element may still be read for a moment), for at most ten seconds.
async fn once(browser: &Client, css: &str, start: &str) -> String {
    let mut text = String::new();
    for _ in 0..100 {
        text = text_of(browser, css).await;
        if text.starts_with(start) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    text
}

async fn click(browser: &Client, css: &str) {
    browser.find(Locator::Css(css)).await.unwrap().click().await.unwrap();
}

async fn select(browser: &Client, css: &str, value: &str) {
    browser.find(Locator::Css(css)).await.unwrap().select_by_value(value).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_manages_users_targets_days_off_and_reads_the_audit() {
    let app = TestApp::spawn().await;
    app.db(|s| add_staff(s, app.units.national, "qt.tw", "Nguyễn Quản Trị", Role::Admin));
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.goto(&app.url("/login")).await.unwrap();
    fill(&browser, "input[name=login]", "qt.tw").await;
    fill(&browser, "input[name=password]", PASSWORD).await;
    click(&browser, "form button[type=submit]").await;
    browser.wait().for_element(Locator::Css("header nav")).await.unwrap();

    // A new person of BG-KV1.
    browser.goto(&app.url("/users?unit=BG-KV1")).await.unwrap();
    fill(&browser, "#new-user input[name=login]", "tk.mai").await;
    fill(&browser, "#new-user input[name=full_name]", "Hoàng Thị Mai").await;
    select(&browser, "#new-user select[name=unit]", "BG-KV1").await;
    select(&browser, "#new-user select[name=role]", "clerk").await;
    fill(&browser, "#new-user input[name=password]", "Ngựa ô chạy qua cầu tre 2026").await;
    shot(&browser, "admin-01-new-user").await;
    click(&browser, "#new-user button[type=submit]").await;
    assert_eq!(once(&browser, "p.ok", "Đã tạo").await, "Đã tạo tài khoản.");
    shot(&browser, "admin-02-user-created").await;

    // Disabled, then a new password.
    click(&browser, "#active-form button").await;
    assert!(once(&browser, "p.ok", "Đã khóa").await.starts_with("Đã khóa tài khoản"));
    shot(&browser, "admin-03-user-disabled").await;
    fill(&browser, "#password-form input[name=password]", "Mưa rơi trên mái phố cổ 88").await;
    fill(&browser, "#password-form input[name=repeat]", "Mưa rơi trên mái phố cổ 88").await;
    click(&browser, "#password-form button").await;
    assert!(once(&browser, "p.ok", "Đã đặt").await.starts_with("Đã đặt mật khẩu mới"));
    shot(&browser, "admin-04-password-set").await;

    // A yearly target of BG-KV1.
    browser.goto(&app.url("/targets?unit=BG")).await.unwrap();
    select(&browser, "#target-form select[name=unit]", "BG-KV1").await;
    fill(&browser, "#target-form input[name=year]", "2026").await;
    fill(&browser, "#target-form input[name=cases]", "87,65").await;
    fill(&browser, "#target-form input[name=money]", "43,21").await;
    click(&browser, "#target-form button").await;
    assert_eq!(once(&browser, "p.ok", "Đã lưu").await, "Đã lưu chỉ tiêu.");
    assert!(text_of(&browser, "#targets").await.contains("87,65%"));
    shot(&browser, "admin-05-target-set").await;

    // A day off announced by the government.
    browser.goto(&app.url("/calendar?year=2026")).await.unwrap();
    browser
        .execute("document.querySelector('#day-form input[name=date]').value = '2026-01-02';", vec![])
        .await
        .unwrap();
    select(&browser, "#day-form select[name=kind]", "day_off").await;
    fill(&browser, "#day-form input[name=source]", "Thông báo 6150/TB-BNV").await;
    click(&browser, "#day-form button").await;
    assert!(once(&browser, "p.ok", "Đã thêm").await.starts_with("Đã thêm ngày"));
    let days = text_of(&browser, "#announced-days").await;
    assert!(days.contains("02/01/2026") && days.contains("6150/TB-BNV"), "{days}");
    shot(&browser, "admin-06-day-off").await;

    // The audit, filtered by an action: labels, names, the fields that changed.
    browser.goto(&app.url("/audit?unit=VN")).await.unwrap();
    select(&browser, "#audit-filters select[name=action]", "user.disable").await;
    click(&browser, "#audit-filters button").await;
    for _ in 0..100 {
        if browser.current_url().await.unwrap().as_str().contains("action=user.disable") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let trail = text_of(&browser, "#audit-trail").await;
    assert!(trail.contains("Khóa tài khoản") && trail.contains("Nguyễn Quản Trị"), "{trail}");
    assert!(trail.contains("Hoàng Thị Mai (tk.mai)"), "whom it is about: {trail}");
    assert!(trail.contains("Đang hoạt động") && !trail.contains("Đặt chỉ tiêu"), "{trail}");
    shot(&browser, "admin-07-audit-filtered").await;
    browser.goto(&app.url("/audit?unit=VN")).await.unwrap();
    shot(&browser, "admin-08-audit").await;
    browser.goto(&app.url("/audit/sign-ins?unit=VN")).await.unwrap();
    assert!(text_of(&browser, "#sign-ins").await.contains("qt.tw"));
    shot(&browser, "admin-09-sign-ins").await;
}
