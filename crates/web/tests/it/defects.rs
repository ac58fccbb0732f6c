//! Regression tests of the defects found when the application was tried as a new user would
//! (issue 16 item 7), one test each; the browser's (the amount typed as letters, 390 px wide)
//! are in `e2e_defects.rs`.

use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, REFERER};
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

/// Switching language after a form refused (the browser shows the page at the URL the form was
/// posted to) went to a GET of that URL, 405: it goes to the page above it, which exists.
#[tokio::test]
async fn switching_language_after_a_refused_form_lands_on_a_page() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Officer)).await;
    let id = app.own_case.0;
    let posted = format!("/cases/{id}/events");
    let refused = app
        .client
        .post(app.url(&posted))
        .header(COOKIE, &s.cookie)
        .form(&[("csrf", s.csrf.as_str()), ("version", "1"), ("code", "collected"), ("date", "x"), ("amount", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "the form comes back at {posted}");
    for (from, to) in [
        (posted.clone(), format!("/cases/{id}")),
        ("/cases?q=an&page=1".to_string(), "/cases?q=an&page=1".to_string()),
        ("/account/password".to_string(), "/account/password".to_string()),
        ("/logout".to_string(), "/".to_string()),
    ] {
        let r = app
            .client
            .get(app.url("/lang/en"))
            .header(COOKIE, &s.cookie)
            .header(REFERER, app.url(&from))
            .send()
            .await
            .unwrap();
        let location = r.headers()[LOCATION].to_str().unwrap().to_string();
        assert_eq!(location, to, "from {from}");
        assert_eq!(app.get(&s, &location).await.status(), StatusCode::OK, "{location} is a page");
    }
}

/// Error pages lost the menu and who is signed in, were titled with a code (`not_found`) and
/// spoke both languages in lower case: now the frame of every page, a title in words and one
/// sentence in the reader's language.
#[tokio::test]
async fn an_error_page_keeps_the_frame_and_speaks_the_readers_language() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Head)).await;
    let en = |path: &str| app.client.get(app.url(path)).header(COOKIE, format!("{}; lang=en", s.cookie)).send();
    for (path, status, title, sentence) in [
        ("/cases/999999", StatusCode::NOT_FOUND, "Not found", "Not found."),
        ("/no/such/page", StatusCode::NOT_FOUND, "Not found", "Not found."),
        ("/cases?sort=sideways", StatusCode::BAD_REQUEST, "Invalid request", "Invalid value for sort: «sideways»"),
    ] {
        let r = en(path).await.unwrap();
        assert_eq!(r.status(), status, "{path}");
        let page = r.text().await.unwrap();
        assert!(page.contains(&format!("<title>{title} — THADS</title>")), "{path}: {page}");
        assert!(page.contains(sentence), "{path}: {page}");
        assert!(page.contains(r#"<a href="/cases">Cases</a>"#), "{path}: the menu: {page}");
        assert!(page.contains(&format!("Cán bộ {}", Role::Head)), "{path}: who is signed in: {page}");
        assert!(page.contains(r#"action="/logout""#), "{path}: sign out: {page}");
        for vietnamese in ["không", "Không", "not_found", "bad_request"] {
            assert!(!page.contains(vietnamese), "{path}: «{vietnamese}» on an English page: {page}");
        }
    }
    let vi = app.get(&s, "/cases/999999").await.text().await.unwrap();
    assert!(vi.contains("<title>Không tìm thấy — THADS</title>") && vi.contains("Danh sách việc"), "{vi}");
    let anonymous = app.client.get(app.url("/no/such/page")).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::NOT_FOUND);
    assert!(!anonymous.text().await.unwrap().contains(r#"action="/logout""#), "nobody is signed in");
}
