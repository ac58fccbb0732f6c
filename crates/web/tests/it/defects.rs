//! Regression tests of the defects found when the application was tried as a new user would
//! (issue 16 item 7), one test each; the browser's (the amount typed as letters, 390 px wide)
//! are in `e2e_defects.rs`.

use reqwest::StatusCode;

use crate::common::TestApp;

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
