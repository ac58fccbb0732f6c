//! Regression tests of the defects found when the application was tried as a new user would
//! (issue 16 item 7), one test each; the browser's (the amount typed as letters, 390 px wide)
//! are in `e2e_defects.rs`.

use reqwest::StatusCode;
use thads_core::Role;

use crate::common::{TestApp, login_of};

/// `/favicon.ico` was 404 (every page load asked for it): an embedded icon.
#[tokio::test]
async fn the_site_has_an_icon() {
    let app = TestApp::spawn().await;
    let r = app.client.get(app.url("/favicon.ico")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/x-icon");
    let bytes = r.bytes().await.unwrap();
    assert_eq!(&bytes[..4], &[0, 0, 1, 0], "an ICO header");
}

/// Filtering the case list by an officer's name gave 400 (only the login was understood): the
/// name, with or without diacritics, lists that officer's cases as the login does.
#[tokio::test]
async fn the_case_list_filters_by_an_officers_name() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Head)).await;
    let name = format!("Cán bộ {}", Role::Officer);
    let link = format!("href=\"/cases/{}\"", app.own_case.0);
    for officer in [login_of(Role::Officer), name.clone(), thads_core::text::fold(&name)] {
        let query = serde_urlencoded::to_string([("officer", officer.as_str())]).unwrap();
        let r = app.get(&s, &format!("/cases?{query}")).await;
        assert_eq!(r.status(), StatusCode::OK, "officer={officer}");
        assert!(r.text().await.unwrap().contains(&link), "officer={officer}: the officer's case is listed");
    }
    let r = app.get(&s, "/cases?officer=Ng%C6%B0%E1%BB%9Di%20L%E1%BA%A1").await;
    assert_eq!(r.status(), StatusCode::OK, "an unknown name lists nothing");
    let body = r.text().await.unwrap();
    assert!(!body.contains(&link), "{body}");
}
