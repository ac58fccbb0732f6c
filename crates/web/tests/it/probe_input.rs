//! The outside probe's input findings (issue 14, items 4, 5, 7 and 8), kept as tests: the
//! target after sign-in stays on this site, notes and imported texts have limits and no
//! invisible characters, weak passwords are refused, and sign-in is limited per login and per
//! client address (behind a trusted proxy, per the address it names).

use std::net::IpAddr;

use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, REFERER, RETRY_AFTER};
use serde_json::{Value, json};
use thads_core::Role;
use thads_web::WebConfig;

use crate::common::{PASSWORD, TestApp, cookies, hidden, login_of};

/// Posts the sign-in form as a browser does; `forwarded` is an `X-Forwarded-For` to send.
async fn sign_in_form(app: &TestApp, login: &str, password: &str, next: &str, forwarded: &str) -> reqwest::Response {
    let form = app.client.get(app.url("/login")).send().await.unwrap();
    let pre = cookies(form.headers());
    let csrf = hidden(&form.text().await.unwrap(), "csrf");
    let mut request = app.client.post(app.url("/login")).header(COOKIE, pre);
    if !forwarded.is_empty() {
        request = request.header("x-forwarded-for", forwarded);
    }
    let fields = [("login", login), ("password", password), ("csrf", csrf.as_str()), ("next", next)];
    request.form(&fields).send().await.unwrap()
}

async fn sign_in_api(app: &TestApp, login: &str, password: &str, forwarded: &str) -> reqwest::Response {
    let mut request = app.client.post(app.url("/api/v1/session"));
    if !forwarded.is_empty() {
        request = request.header("x-forwarded-for", forwarded);
    }
    request.json(&json!({ "login": login, "password": password })).send().await.unwrap()
}

fn location(r: &reqwest::Response) -> &str {
    r.headers().get(LOCATION).map_or("", |l| l.to_str().unwrap())
}

#[tokio::test]
async fn after_sign_in_only_a_path_of_this_site_is_followed() {
    let app = TestApp::spawn().await;
    let login = login_of(Role::Clerk);
    for next in ["/\t/evil.example/", "/%09/evil.example/", "//evil.example", "/\\evil.example", "/%5Cevil.example"] {
        let r = sign_in_form(&app, &login, PASSWORD, next, "").await;
        assert_eq!((r.status(), location(&r)), (StatusCode::SEE_OTHER, "/"), "{next:?}");
    }
    for next in ["/cases\n", "/cases\r\nSet-Cookie: a=b", "/\u{0}x", "https://evil.example/"] {
        let r = sign_in_form(&app, &login, PASSWORD, next, "").await;
        assert_eq!((r.status(), location(&r)), (StatusCode::SEE_OTHER, "/"), "{next:?}: no plain-text 500");
    }
    let r = sign_in_form(&app, &login, PASSWORD, "/cases?q=nguyen%20van", "").await;
    assert_eq!(location(&r), "/cases?q=nguyen%20van", "a path of this site is kept");
    let page = app.client.get(app.url("/login?next=/%09/evil.example/")).send().await.unwrap().text().await.unwrap();
    assert_eq!(hidden(&page, "next"), "/", "the form does not carry the hostile target either");
}

#[tokio::test]
async fn switching_language_goes_back_only_to_a_path_of_this_site() {
    let app = TestApp::spawn().await;
    for (referer, back) in [
        ("http://thads.local/cases?q=an", "/cases?q=an"),
        ("http://thads.local//evil.example/", "/"),
        ("http://thads.local/%5Cevil.example", "/"),
        ("http://thads.local/%2F/evil.example", "/"),
    ] {
        let r = app.client.get(app.url("/lang/en")).header(REFERER, referer).send().await.unwrap();
        assert_eq!(location(&r), back, "{referer}");
    }
}

#[tokio::test]
async fn notes_have_a_limit_and_no_invisible_or_control_characters() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Officer)).await;
    let case = format!("/cases/{}", app.own_case.0);
    let record = app.db(|s| s.records(app.own_case)).unwrap().last().unwrap().id.0.to_string();
    let v = app.version(app.own_case).to_string();
    let long = "ghi chú ".repeat(300);
    for (note, said) in [(long.as_str(), "ghi chú: dài 2399 ký tự, tối đa 2000"), ("nhầm\0", "U+0000")] {
        let fields = [("version", v.as_str()), ("record", record.as_str()), ("note", note)];
        let r = app.post_form(&s, &format!("{case}/void"), &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains(said), "{said}");
    }
    assert_eq!(app.version(app.own_case).to_string(), v, "nothing recorded");
    let fields =
        [("version", v.as_str()), ("record", record.as_str()), ("note", "nh\u{200B}ầm\u{202E} ngày\r\nxem lại")];
    assert_eq!(app.post_form(&s, &format!("{case}/void"), &fields).await.status(), StatusCode::SEE_OTHER);
    let stored = app.db(|s| s.records(app.own_case)).unwrap().last().unwrap().note.clone();
    assert_eq!(stored, "nhầm ngày\nxem lại");

    let token = app.token(&login_of(Role::Officer)).await;
    let path = format!("/api/v1/cases/{}/events", app.own_case.0);
    for note in ["x".repeat(1_900_000), "thu tiền\0".to_string()] {
        let body = json!({ "date": "2025-10-21", "event": "with_means", "note": note });
        let r = app.api(&token, reqwest::Method::POST, &path, Some(body)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = r.json().await.unwrap();
        assert!(body["message"].as_str().unwrap().contains("ghi chú"), "{body}");
    }
}

#[tokio::test]
async fn an_uploaded_register_gets_the_same_text_rules() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Clerk)).await;
    let header = "unit,case_no,accepted_on,origin,judgment_type,amount_vnd,debtor,creditor\n";
    let rows: Vec<String> = ["ZW-1/QĐ", "ZW-1/Q\u{AD}Đ", "ZW-1/Q\u{200B}Đ"]
        .iter()
        .map(|no| format!("BG-KV1,{no},02/10/2025,chu_dong,dan_su,0,Đỗ Văn Hải,Ngân hàng A\n"))
        .collect();
    let file = format!("{header}{}", rows.concat()).into_bytes();
    let upload = app.upload(&s, "BG-KV1", &[("cases.csv", &file)]).await;
    assert_eq!(upload.status(), StatusCode::SEE_OTHER);
    let job = location(&upload).to_string();
    let mut page = String::new();
    for _ in 0..200 {
        let progress: Value = app.get(&s, &format!("{job}/progress")).await.json().await.unwrap();
        if progress["finished"] == true {
            page = app.get(&s, &job).await.text().await.unwrap();
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(page.contains("U+00AD") && page.contains("U+200B"), "{page}");
    let list = app.get(&s, "/cases?q=ZW-1").await.text().await.unwrap();
    assert!(!list.contains("ZW-1/QĐ"), "nothing of the refused file landed");
}

#[tokio::test]
async fn weak_passwords_are_refused_on_the_account_page() {
    let app = TestApp::spawn().await;
    let login = login_of(Role::Accountant);
    let s = app.sign_in(&login).await;
    for (new, said) in [
        ("aaaaaaaaaa", "5 different characters"),
        ("1234567890", "common passwords"),
        ("          ", "only spaces"),
        ("accountant.kv1-2025", "cannot contain the login"),
        ("Accountant!2025", "cannot contain the login"),
    ] {
        let r = app.post_form(&s, "/account/password", &[("current", PASSWORD), ("new", new), ("repeat", new)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{new:?}");
        assert!(r.text().await.unwrap().contains(said), "{new:?}: {said}");
    }
    let good = "sông Thương nước chảy";
    let r = app.post_form(&s, "/account/password", &[("current", PASSWORD), ("new", good), ("repeat", good)]).await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_locked_login_does_not_lock_its_colleagues_at_the_same_address() {
    let app = TestApp::spawn().await;
    let officer = login_of(Role::Officer);
    for _ in 0..5 {
        assert_eq!(sign_in_api(&app, &officer, "sai-mat-khau", "").await.status(), StatusCode::UNAUTHORIZED);
    }
    let api = sign_in_api(&app, &officer, PASSWORD, "").await;
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    let seconds: i64 = api.headers()[RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((60..=15 * 60).contains(&seconds), "{seconds}");
    let web = sign_in_form(&app, &officer, PASSWORD, "/", "").await;
    assert_eq!(web.status(), StatusCode::TOO_MANY_REQUESTS, "the same status on the pages");
    assert!(web.headers().contains_key(RETRY_AFTER));
    assert!(web.text().await.unwrap().contains("phút"));
    for colleague in [login_of(Role::Clerk), login_of(Role::Head)] {
        let r = sign_in_form(&app, &colleague, PASSWORD, "/", "").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{colleague} signs in from the same address");
    }
}

fn behind_proxy(trusted: bool) -> WebConfig {
    let localhost: IpAddr = "127.0.0.1".parse().unwrap();
    WebConfig {
        login_failures: 100,
        address_failures: 3,
        trusted_proxies: if trusted { vec![localhost.to_string().parse().unwrap()] } else { vec![] },
        ..WebConfig::default()
    }
}

#[tokio::test]
async fn an_address_is_locked_after_its_own_budget_of_failures_of_any_login() {
    let app = TestApp::spawn_with(behind_proxy(false)).await;
    for i in 0..3 {
        let r = sign_in_api(&app, &format!("khong.co.{i}"), "sai-mat-khau", "").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = sign_in_api(&app, &login_of(Role::Clerk), PASSWORD, "").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "the address used its budget");
    assert!(r.headers().contains_key(RETRY_AFTER));
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_has_its_own_budget() {
    let app = TestApp::spawn_with(behind_proxy(true)).await;
    for _ in 0..3 {
        let r = sign_in_api(&app, "khong.co", "sai-mat-khau", "198.51.100.9, 203.0.113.7").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = sign_in_api(&app, &login_of(Role::Clerk), PASSWORD, "203.0.113.7").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "the client the proxy named is locked");
    let r = sign_in_api(&app, &login_of(Role::Clerk), PASSWORD, "203.0.113.8").await;
    assert_eq!(r.status(), StatusCode::OK, "another client behind the same proxy is not");
    let r = sign_in_form(&app, &login_of(Role::Clerk), PASSWORD, "/", "198.51.100.9, 203.0.113.7").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "an entry the client wrote itself changes nothing");
}

#[tokio::test]
async fn the_header_of_an_untrusted_peer_is_ignored() {
    let app = TestApp::spawn_with(behind_proxy(false)).await;
    for i in 0..3 {
        let forwarded = format!("203.0.113.{i}");
        let r = sign_in_api(&app, "khong.co", "sai-mat-khau", &forwarded).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = sign_in_api(&app, &login_of(Role::Clerk), PASSWORD, "203.0.113.99").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "a forged header does not buy a new budget");
}
