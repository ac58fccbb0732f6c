//! Sign-in, sessions, CSRF, rate limiting, escaping, and errors that reveal nothing inside.

use reqwest::StatusCode;
use reqwest::header::{COOKIE, SET_COOKIE};
use thads_core::Role;

use crate::common::{PASSWORD, TestApp, cookies, hidden, login_of};

const INTERNALS: [&str; 7] = ["sqlite", "rusqlite", "panicked", "src/", "thread", "Backend", "stack"];

fn reveals_nothing(body: &str) {
    for word in INTERNALS {
        assert!(!body.contains(word), "response shows «{word}»: {body}");
    }
}

#[tokio::test]
async fn session_cookie_is_http_only_and_strict_and_sign_out_ends_it() {
    let app = TestApp::spawn().await;
    let form = app.client.get(app.url("/login")).send().await.unwrap();
    let pre = cookies(form.headers());
    let csrf = hidden(&form.text().await.unwrap(), "csrf");
    let login = login_of(Role::Clerk);
    let r = app
        .client
        .post(app.url("/login"))
        .header(COOKIE, &pre)
        .form(&[("login", login.as_str()), ("password", PASSWORD), ("csrf", &csrf)])
        .send()
        .await
        .unwrap();
    let set: Vec<String> = r.headers().get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect();
    let session = set.iter().find(|c| c.starts_with("thads_session=")).unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"), "{session}");
    let s = app.sign_in(&login).await;
    assert_eq!(app.get(&s, "/cases").await.status(), StatusCode::OK);
    assert_eq!(app.post_form(&s, "/logout", &[]).await.status(), StatusCode::SEE_OTHER);
    let after = app.get(&s, "/cases").await;
    assert_eq!(after.status(), StatusCode::SEE_OTHER, "signed out");
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Head)).await;
    let path = format!("/cases/{}/events", app.own_case.0);
    let version = app.version(app.own_case).to_string();
    let fields = [("version", version.as_str()), ("code", "collected"), ("date", "01/11/2025"), ("amount", "1000")];
    let r = app.client.post(app.url(&path)).header(COOKIE, &s.cookie).form(&fields).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let forged = [("csrf", "0".repeat(64))];
    let r = app.client.post(app.url("/logout")).header(COOKIE, &s.cookie).form(&forged).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.version(app.own_case), version.parse::<i64>().unwrap(), "nothing recorded");
    let login = app.client.post(app.url("/login")).form(&[("login", "x"), ("password", "y")]).send().await.unwrap();
    assert_eq!(login.status(), StatusCode::FORBIDDEN, "the sign-in form needs its token too");
}

#[tokio::test]
async fn five_failed_sign_ins_lock_the_login_with_a_clear_message() {
    let app = TestApp::spawn().await;
    let login = login_of(Role::Officer);
    for _ in 0..5 {
        let r = app
            .client
            .post(app.url("/api/v1/session"))
            .json(&serde_json::json!({"login": login, "password": "sai-mat-khau"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = app
        .client
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"login": login, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");
    assert!(body["message"].as_str().unwrap().contains("phút"), "{body}");
}

#[tokio::test]
async fn password_change_needs_the_current_password_and_ends_other_sessions() {
    let app = TestApp::spawn().await;
    let login = login_of(Role::Accountant);
    let one = app.sign_in(&login).await;
    let two = app.sign_in(&login).await;
    let wrong = app
        .post_form(
            &one,
            "/account/password",
            &[("current", "nope"), ("new", "mot-mat-khau-moi"), ("repeat", "mot-mat-khau-moi")],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let ok = app
        .post_form(
            &one,
            "/account/password",
            &[("current", PASSWORD), ("new", "mot-mat-khau-moi"), ("repeat", "mot-mat-khau-moi")],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(app.get(&one, "/cases").await.status(), StatusCode::OK, "this session goes on");
    assert_eq!(app.get(&two, "/cases").await.status(), StatusCode::SEE_OTHER, "the other one ended");
}

#[tokio::test]
async fn a_script_in_a_debtors_name_is_escaped_everywhere() {
    let app = TestApp::spawn().await;
    let evil = "<script>alert('x')</script> Nguyễn";
    app.db(|s| {
        let mut tx = s.begin().unwrap();
        let mut case = tx.case_for_update(app.own_case).unwrap().unwrap();
        case.facts.debtor = evil.into();
        let update = thads_store::CaseUpdate {
            facts: case.facts.clone(),
            current: case.current.clone(),
            last_event_on: case.last_event_on,
            event_count: case.event_count,
        };
        tx.update_case(app.own_case, case.version, &update).unwrap();
        tx.commit().unwrap();
    });
    let s = app.sign_in(&login_of(Role::Head)).await;
    for path in [
        format!("/cases/{}", app.own_case.0),
        "/cases?q=script".into(),
        "/cases".into(),
        "/stats/cases?form=cases&column=with_means".into(),
    ] {
        let body = app.get(&s, &path).await.text().await.unwrap();
        assert!(!body.contains("<script>alert"), "{path} prints the script");
        assert!(body.contains("&lt;script&gt;") || body.contains("&#60;script&#62;"), "{path} does not show the name");
    }
}

#[tokio::test]
async fn errors_reveal_no_internals() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Head)).await;
    let token = app.token(&login_of(Role::Head)).await;
    for path in [
        "/nowhere",
        "/cases?page=abc",
        "/cases?state=nonsense",
        "/cases/999999",
        "/cases/abc",
        "/stats?year=1",
        "/stats/cases?column=zzz",
    ] {
        let r = app.get(&s, path).await;
        assert!(r.status().is_client_error(), "{path}: {}", r.status());
        reveals_nothing(&r.text().await.unwrap());
    }
    let bad_json = app
        .client
        .post(app.url(&format!("/api/v1/cases/{}/events", app.own_case.0)))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_json.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = bad_json.json().await.unwrap();
    assert_eq!(body["code"], "bad_request");
    for path in ["/api/v1/cases/999999", "/api/v1/nowhere", "/api/v1/cases?sort=sideways", "/api/v1/reports?months=13"]
    {
        let r = app.api(&token, reqwest::Method::GET, path, None).await;
        assert!(r.status().is_client_error(), "{path}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert!(body["code"].is_string() && body["message"].is_string(), "{path}: {body}");
        reveals_nothing(&body.to_string());
    }
}

#[tokio::test]
async fn search_finds_names_typed_without_diacritics_and_the_english_switch_works() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Admin)).await;
    let body = app.get(&s, "/cases?q=nguyen+van+an").await.text().await.unwrap();
    assert!(body.contains("Nguyễn Văn An"), "{body}");
    let hidden = app.get(&s, "/cases?q=tran+thi+bich").await.text().await.unwrap();
    assert!(!hidden.contains("Trần Thị Bích"), "another unit's case is not found");
    let by_number = app.get(&s, "/cases?q=46%2Fqd").await.text().await.unwrap();
    assert!(by_number.contains("46/QĐ-THADS"));
    let english =
        app.client.get(app.url("/cases")).header(COOKIE, format!("{}; lang=en", s.cookie)).send().await.unwrap();
    assert!(english.text().await.unwrap().contains("Search names or decision numbers"));
    let vi = app.get(&s, &format!("/cases/{}", app.own_case.0)).await.text().await.unwrap();
    assert!(vi.contains("50.000.000 đ") && vi.contains("06/10/2025"), "money and dates the Vietnamese way");
}

#[tokio::test]
async fn recording_money_changes_the_case_and_a_stale_form_says_reload() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Officer)).await;
    let path = format!("/cases/{}/events", app.own_case.0);
    let version = app.version(app.own_case).to_string();
    let fields =
        [("version", version.as_str()), ("code", "collected"), ("date", "01/11/2025"), ("amount", "20.000.000")];
    assert_eq!(app.post_form(&s, &path, &fields).await.status(), StatusCode::SEE_OTHER);
    let page = app.get(&s, &format!("/cases/{}", app.own_case.0)).await.text().await.unwrap();
    assert!(page.contains("30.000.000 đ"), "outstanding after collecting");
    let stale = app.post_form(&s, &path, &fields).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    assert!(stale.text().await.unwrap().to_lowercase().contains("việc đã được người khác thay đổi, hãy tải lại"));
    let v = app.version(app.own_case).to_string();
    let too_much = [("version", v.as_str()), ("code", "collected"), ("date", "02/11/2025"), ("amount", "99.000.000")];
    let refused = app.post_form(&s, &path, &too_much).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("vượt số còn phải thi hành"), "inline error in Vietnamese");
    let audit = app.db(|s| s.audit_of_case(app.own_case)).unwrap();
    assert!(audit.iter().any(|a| a.actor == login_of(Role::Officer) && a.action == "event.add"));
}
