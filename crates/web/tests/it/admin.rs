//! Administration in the browser (issue 16 item 4): users created, moved, disabled, enabled and
//! given a new password within the units the administrator administers; yearly targets; the
//! announced days of the calendar. Every change audited, every refusal leaving nothing changed.

use reqwest::StatusCode;
use reqwest::header::COOKIE;
use thads_core::{Login, Role};
use thads_store::{AuditQuery, SignInOutcome, SignInQuery};

use crate::common::{Session, TestApp, add_staff, cookies, hidden, login_of};

const NEW_PASSWORD: &str = "Ngựa ô chạy qua cầu tre 2026";

/// Signs in through the form with `password`; the status of the answer.
pub async fn try_sign_in(app: &TestApp, login: &str, password: &str) -> StatusCode {
    let form = app.client.get(app.url("/login")).send().await.unwrap();
    let cookie = cookies(form.headers());
    let csrf = hidden(&form.text().await.unwrap(), "csrf");
    let r = app
        .client
        .post(app.url("/login"))
        .header(COOKIE, cookie)
        .form(&[("login", login), ("password", password), ("csrf", &csrf), ("next", "/")])
        .send()
        .await
        .unwrap();
    r.status()
}

fn location(r: &reqwest::Response) -> String {
    r.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_string()
}

async fn create(app: &TestApp, admin: &Session, login: &str, unit: &str, password: &str) -> reqwest::Response {
    let fields =
        [("login", login), ("full_name", "Hoàng Thị Mai"), ("unit", unit), ("role", "clerk"), ("password", password)];
    app.post_form(admin, "/users?unit=BG-KV1", &fields).await
}

fn audit_actions(app: &TestApp, actor: &str) -> Vec<(String, Option<thads_core::UnitId>)> {
    let q = AuditQuery { actor: Some(actor.into()), limit: 50, ..AuditQuery::default() };
    app.db(|s| s.search_audit(&q)).unwrap().into_iter().map(|a| (a.action, a.unit)).collect()
}

#[tokio::test]
async fn an_administrator_creates_disables_enables_and_resets_within_their_units() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in(&login_of(Role::Admin)).await;
    let page = app.get(&admin, "/users").await;
    assert_eq!(page.status(), StatusCode::OK);
    let body = page.text().await.unwrap();
    assert!(body.contains(&login_of(Role::Officer)) && !body.contains("officer.kv2"), "only BG-KV1's people");

    // Refused: a weak password, a unit outside theirs, a taken login; nothing is created.
    let weak = create(&app, &admin, "tk.mai", "BG-KV1", "tk.mai12345").await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let outside = create(&app, &admin, "tk.mai", "BG-KV2", NEW_PASSWORD).await;
    assert_eq!(outside.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(outside.text().await.unwrap().contains("ngoài phạm vi"), "says why");
    let taken = create(&app, &admin, "officer.kv2", "BG-KV1", NEW_PASSWORD).await;
    assert_eq!(taken.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let login = Login::new("tk.mai").unwrap();
    assert!(app.db(|s| s.staff()).unwrap().iter().all(|s| s.login != login));

    let created = create(&app, &admin, "tk.mai", "BG-KV1", NEW_PASSWORD).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let to = location(&created);
    assert!(to.starts_with("/users/") && to.ends_with("?done=created"), "{to}");
    let shown = app.get(&admin, &to).await.text().await.unwrap();
    assert!(shown.contains("Hoàng Thị Mai") && shown.contains("Đã tạo tài khoản"), "a confirmation");
    let mai = app.db(|s| s.staff()).unwrap().into_iter().find(|s| s.login == login).unwrap();
    assert_eq!((mai.unit, mai.role, mai.active), (app.units.region1, Role::Clerk, true));
    assert_eq!(try_sign_in(&app, "tk.mai", NEW_PASSWORD).await, StatusCode::SEE_OTHER, "signs in");
    let id = mai.id.0;

    // Disabled: refused at sign-in, the session ends; the sign-in history says why.
    let mai_session = app.sign_in_with(&login, NEW_PASSWORD).await;
    let r = app.post_form(&admin, &format!("/users/{id}/active"), &[("active", "0")]).await;
    assert_eq!((r.status(), location(&r)), (StatusCode::SEE_OTHER, format!("/users/{id}?done=disabled")));
    assert_eq!(try_sign_in(&app, "tk.mai", NEW_PASSWORD).await, StatusCode::UNAUTHORIZED);
    let gone = app.get(&mai_session, "/account/password").await;
    assert!(location(&gone).starts_with("/login") || gone.status() == StatusCode::UNAUTHORIZED, "session ended");
    let q = SignInQuery { login: Some("tk.mai".into()), limit: 10, ..SignInQuery::default() };
    let outcomes: Vec<_> = app.db(|s| s.sign_ins(&q)).unwrap().into_iter().map(|s| s.outcome).collect();
    assert_eq!(outcomes[0], SignInOutcome::Disabled);

    // Enabled again; a new password replaces the old one.
    let r = app.post_form(&admin, &format!("/users/{id}/active"), &[("active", "1")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let other = "Mưa rơi trên mái phố cổ 88";
    let differ = [("password", other), ("repeat", "something else entirely")];
    let r = app.post_form(&admin, &format!("/users/{id}/password"), &differ).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.post_form(&admin, &format!("/users/{id}/password"), &[("password", other), ("repeat", other)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(try_sign_in(&app, "tk.mai", NEW_PASSWORD).await, StatusCode::UNAUTHORIZED);
    assert_eq!(try_sign_in(&app, "tk.mai", other).await, StatusCode::SEE_OTHER);

    // A role within their units; not a unit outside them; never themselves.
    let r = app.post_form(&admin, &format!("/users/{id}/role"), &[("role", "head"), ("unit", "BG-KV1")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app.post_form(&admin, &format!("/users/{id}/role"), &[("role", "head"), ("unit", "BG-KV2")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let me = app.staff[&login_of(Role::Admin)].0;
    let r = app.post_form(&admin, &format!("/users/{me}/active"), &[("active", "0")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let after = app.db(|s| s.staff()).unwrap().into_iter().find(|s| s.login == login).unwrap();
    assert_eq!((after.unit, after.role, after.active), (app.units.region1, Role::Head, true));

    // Someone of another unit is not there; a head may not manage users.
    let kv2 = app.staff["officer.kv2"].0;
    assert_eq!(app.get(&admin, &format!("/users/{kv2}")).await.status(), StatusCode::NOT_FOUND);
    let r = app.post_form(&admin, &format!("/users/{kv2}/active"), &[("active", "0")]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(app.db(|s| s.staff()).unwrap().iter().find(|s| s.id.0 == kv2).unwrap().active);
    let head = app.sign_in(&login_of(Role::Head)).await;
    assert_eq!(app.get(&head, "/users").await.status(), StatusCode::FORBIDDEN);

    // Every change audited, naming the person's unit.
    let actions: Vec<String> = audit_actions(&app, &login_of(Role::Admin))
        .into_iter()
        .map(|(a, u)| {
            assert_eq!(u, Some(app.units.region1));
            a
        })
        .collect();
    assert_eq!(
        actions,
        ["user.change", "user.password_reset", "user.enable", "user.disable", "user.add"],
        "newest first"
    );
}

#[tokio::test]
async fn targets_are_set_in_the_browser_and_shown_at_once() {
    let app = TestApp::spawn().await;
    let head = app.sign_in(&login_of(Role::Head)).await;
    let page = app.get(&head, "/targets?unit=BG-KV1").await;
    assert_eq!(page.status(), StatusCode::OK);
    let bad = [("unit", "BG-KV1"), ("year", "2026"), ("cases", "101"), ("money", "45,80")];
    assert_eq!(app.post_form(&head, "/targets?unit=BG-KV1", &bad).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let outside = [("unit", "BG-KV2"), ("year", "2026"), ("cases", "82,80"), ("money", "45,80")];
    assert_eq!(app.post_form(&head, "/targets?unit=BG-KV1", &outside).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app.db(|s| s.targets()).unwrap().is_empty(), "nothing set");
    let good = [("unit", "BG-KV1"), ("year", "2026"), ("cases", "87,65"), ("money", "43,21")];
    let r = app.post_form(&head, "/targets?unit=BG-KV1", &good).await;
    assert_eq!((r.status(), location(&r)), (StatusCode::SEE_OTHER, "/targets?unit=BG-KV1&done=1".to_string()));
    let listed = app.get(&head, "/targets?unit=BG-KV1&done=1").await.text().await.unwrap();
    assert!(listed.contains("87,65%") && listed.contains("Đã lưu chỉ tiêu"), "listed with a confirmation");
    let dashboard = app.get(&head, "/?unit=BG-KV1&year=2026&months=12").await.text().await.unwrap();
    assert!(dashboard.contains("87,65%") && dashboard.contains("43,21%"), "the dashboard shows it at once");
    assert_eq!(audit_actions(&app, &login_of(Role::Head)), [("target.set".to_string(), Some(app.units.region1))]);
    let clerk = app.sign_in(&login_of(Role::Clerk)).await;
    assert_eq!(app.post_form(&clerk, "/targets?unit=BG-KV1", &good).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn days_off_are_announced_by_an_administrator_of_the_installation() {
    let app = TestApp::spawn().await;
    app.db(|s| add_staff(s, app.units.national, "qt.tw", "Quản trị Trung ương", Role::Admin));
    let national = app.sign_in("qt.tw").await;
    let regional = app.sign_in(&login_of(Role::Admin)).await;
    let day = [("date", "2026-01-02"), ("kind", "day_off"), ("source", "Thông báo 6150/TB-BNV")];
    assert_eq!(app.post_form(&regional, "/calendar", &day).await.status(), StatusCode::FORBIDDEN);
    assert!(!app.get(&regional, "/calendar?year=2026").await.text().await.unwrap().contains("id=\"day-form\""));
    let no_source = [("date", "2026-01-02"), ("kind", "day_off"), ("source", "  ")];
    assert_eq!(app.post_form(&national, "/calendar", &no_source).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.post_form(&national, "/calendar", &day).await;
    assert_eq!((r.status(), location(&r)), (StatusCode::SEE_OTHER, "/calendar?year=2026&done=added".to_string()));
    let twice = app.post_form(&national, "/calendar", &day).await;
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY, "a date is announced once");
    let page = app.get(&regional, "/calendar?year=2026").await.text().await.unwrap();
    assert!(page.contains("02/01/2026") && page.contains("Thông báo 6150/TB-BNV"), "everyone reads it");
    let made_up = [("date", "2026-01-10"), ("kind", "working_day"), ("source", "Thông báo 6150/TB-BNV")];
    assert_eq!(app.post_form(&national, "/calendar", &made_up).await.status(), StatusCode::SEE_OTHER);
    let r = app.post_form(&national, "/calendar/remove", &[("date", "2026-01-10")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let days = app.db(|s| s.announced_days()).unwrap();
    assert_eq!(days.len(), 1);
    assert_eq!(days[0].added_by, "qt.tw");
    let actions: Vec<String> = audit_actions(&app, "qt.tw").into_iter().map(|(a, _)| a).collect();
    assert_eq!(actions, ["calendar.remove", "calendar.add", "calendar.add"]);
}

/// Every form of the administration carries the session's CSRF token: without it, or with a
/// forged one, the change is refused (403) and nothing changes, even for an administrator of
/// the whole installation, who may make every one of them.
#[tokio::test]
async fn every_administration_form_needs_its_csrf_token() {
    let app = TestApp::spawn().await;
    app.db(|s| add_staff(s, app.units.national, "qt.tw", "Quản trị Trung ương", Role::Admin));
    let root = app.sign_in("qt.tw").await;
    let officer = app.staff[&login_of(Role::Officer)].0;
    let posts: Vec<&str> = thads_web::routes::table()
        .into_iter()
        .filter(|r| r.method == reqwest::Method::POST)
        .map(|r| r.path)
        .filter(|p| ["/users", "/targets", "/calendar"].iter().any(|a| p.starts_with(a)))
        .collect();
    assert_eq!(posts.len(), 7, "{posts:?}");
    let fields: Vec<(&str, String)> = vec![
        ("login", "tk.moi".into()),
        ("full_name", "Người Mới".into()),
        ("unit", "BG-KV1".into()),
        ("role", "clerk".into()),
        ("password", NEW_PASSWORD.into()),
        ("repeat", NEW_PASSWORD.into()),
        ("active", "0".into()),
        ("year", "2026".into()),
        ("cases", "80".into()),
        ("money", "40".into()),
        ("date", "2026-01-02".into()),
        ("kind", "day_off".into()),
        ("source", "Thông báo 6150/TB-BNV".into()),
    ];
    let before = app.db(|s| (s.staff().unwrap(), s.targets().unwrap(), s.announced_days().unwrap().len()));
    for path in posts {
        let path = path.replace("{id}", &officer.to_string());
        for token in [None, Some("0".repeat(64))] {
            let mut form = fields.clone();
            if let Some(t) = &token {
                form.push(("csrf", t.clone()));
            }
            let r = app.client.post(app.url(&path)).header(COOKIE, &root.cookie).form(&form).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path} with {token:?}");
        }
    }
    let after = app.db(|s| (s.staff().unwrap(), s.targets().unwrap(), s.announced_days().unwrap().len()));
    assert_eq!(before, after, "nothing changed");
}
