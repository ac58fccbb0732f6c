//! Regression tests of the defects found when the application was tried as a new user would
//! (issue 16 item 7), one test each; the browser's (the amount typed as letters, 390 px wide)
//! are in `e2e_defects.rs`.

use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, REFERER, SET_COOKIE};
use thads_core::Role;
use thads_web::WebConfig;

use crate::common::{TestApp, add_case, login_of};

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

/// Nothing said that a change was saved: after recording an event the case page says so, once.
#[tokio::test]
async fn a_saved_change_is_confirmed_once() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Officer)).await;
    let id = app.own_case.0;
    let version = app.db(|st| st.case(app.own_case)).unwrap().unwrap().version.to_string();
    let form = [
        ("csrf", s.csrf.as_str()),
        ("version", version.as_str()),
        ("code", "collected"),
        ("date", "02/11/2025"),
        ("amount", "1.000.000"),
    ];
    let posted = app
        .client
        .post(app.url(&format!("/cases/{id}/events")))
        .header(COOKIE, &s.cookie)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::SEE_OTHER);
    let flash = posted
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next())
        .find(|c| c.starts_with("thads_flash="))
        .expect("a confirmation travels to the next page")
        .to_string();
    let with = format!("{}; {flash}", s.cookie);
    let page = app.client.get(app.url(&format!("/cases/{id}"))).header(COOKIE, &with).send().await.unwrap();
    let cleared = page.headers().get_all(SET_COOKIE).iter().any(|v| v.to_str().unwrap().starts_with("thads_flash=;"));
    assert!(cleared, "said once: the page clears it");
    let body = page.text().await.unwrap();
    assert!(body.contains(r#"<p class="ok" role="status" id="flash">Đã lưu.</p>"#), "{body}");
    let again = app.get(&s, &format!("/cases/{id}")).await.text().await.unwrap();
    assert!(!again.contains(r#"id="flash""#), "not said again");
}

/// The case list showed neither how many cases it found nor page numbers: it says how many,
/// and links the first, the last and the pages around the current one.
#[tokio::test]
async fn the_case_list_counts_its_cases_and_numbers_its_pages() {
    let app = TestApp::spawn_with(WebConfig { page_size: 1, ..WebConfig::default() }).await;
    let officer = app.staff[&login_of(Role::Officer)];
    let region = app.units.region1;
    let now = time::OffsetDateTime::now_utc();
    app.db(|s| add_case(s, region, "47/QĐ-THADS", "Trần Văn Hai", officer, now));
    app.db(|s| add_case(s, region, "48/QĐ-THADS", "Lê Thị Ba", officer, now));
    let s = app.sign_in(&login_of(Role::Head)).await;
    let page = app.get(&s, "/cases?page=2").await.text().await.unwrap();
    assert!(page.contains(r#"<p class="found" id="found">Tìm thấy 3 việc</p>"#), "{page}");
    assert!(page.contains(r#"<a href="/cases?page=1">1</a>"#), "{page}");
    assert!(page.contains(r#"<strong aria-current="page">2</strong>"#), "{page}");
    assert!(page.contains(r#"<a href="/cases?page=3">3</a>"#), "{page}");
    let api = app.token(&login_of(Role::Head)).await;
    let list: serde_json::Value =
        app.api(&api, reqwest::Method::GET, "/api/v1/cases", None).await.json().await.unwrap();
    assert_eq!(list["total"], 3, "{list}");
}

/// The dashboard drew one target line for two targets and wrote the gap in «đ.%»: a line for
/// each target, «điểm %». (The clipped last month's label is `stats::svg`'s unit test, «Hôm
/// nay» for a deadline due today `stats::dashboard`'s.)
#[tokio::test]
async fn the_dashboard_draws_both_targets_and_says_points() {
    let app = TestApp::spawn().await;
    let today = thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc());
    let target = thads_store::Target {
        unit: app.units.region1,
        year: thads_core::ReportingYear::containing(today),
        cases: thads_core::Percent::parse("80").unwrap(),
        money: thads_core::Percent::parse("40").unwrap(),
    };
    app.db(|s| {
        let mut tx = s.begin().unwrap();
        tx.set_target(&target).unwrap();
        tx.commit().unwrap();
    });
    let s = app.sign_in(&login_of(Role::Head)).await;
    let mut page = String::new();
    for _ in 0..50 {
        page = app.get(&s, "/?unit=BG-KV1").await.text().await.unwrap();
        if page.contains(r#"class="target money""#) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(page.contains(r#"<line class="target cases""#) && page.contains(r#"<line class="target money""#), "{page}");
    assert!(page.contains(" điểm %</span>") && !page.contains("đ.%"), "{page}");
}

/// The cases behind a figure stopped at 200 with no way further, and showed each case's state
/// of today: they come a hundred a page with page numbers, with the state and the amount owed
/// at the period's end.
#[tokio::test]
async fn the_cases_behind_a_figure_come_in_pages_as_they_stood_at_the_periods_end() {
    let app = TestApp::spawn().await;
    let officer = app.staff[&login_of(Role::Officer)];
    let region = app.units.region1;
    let now = time::OffsetDateTime::now_utc();
    app.db(|s| {
        for i in 0..120 {
            add_case(s, region, &format!("{}/QĐ-THADS", 100 + i), "Phạm Văn Tư", officer, now);
        }
    });
    // The case of the test app is paid and completed after the period (reporting year 2026).
    let actor = thads_app::Actor { login: "test".into(), at: now };
    let rules = thads_core::Rules::default();
    for (date, code, amount) in [
        (time::macros::date!(2026 - 11 - 02), thads_core::EventCode::Collected, Some(50_000_000)),
        (time::macros::date!(2026 - 11 - 03), thads_core::EventCode::Completed, None),
    ] {
        let event =
            thads_core::Event { date, code, amount: amount.map(|a| thads_core::Vnd::new(a).unwrap()), ground: None };
        let case = app.db(|s| s.case(app.own_case)).unwrap().unwrap();
        app.db(|s| {
            thads_app::cases::record::record(
                s,
                &actor,
                &rules,
                case.id,
                case.version,
                thads_app::NewRecord::event(event),
            )
        })
        .unwrap();
    }
    let s = app.sign_in(&login_of(Role::Head)).await;
    let figure = "/stats/cases?unit=BG-KV1&year=2026&months=12&form=cases&column=with_means";
    let first = app.get(&s, figure).await.text().await.unwrap();
    assert!(first.contains(r#"id="drill-total">Số việc tính vào số liệu: 121<"#), "{first}");
    assert_eq!(first.matches(r#"<tr><td><a href="/cases/"#).count(), 100, "a hundred a page");
    assert!(first.contains(r#"<strong aria-current="page">1</strong>"#), "{first}");
    assert!(first.contains("page=2\">2</a>"), "{first}");
    let second = app.get(&s, &format!("{figure}&page=2")).await.text().await.unwrap();
    assert_eq!(second.matches(r#"<tr><td><a href="/cases/"#).count(), 21, "the rest");
    let own = format!(r#"<a href="/cases/{}">46/QĐ-THADS</a>"#, app.own_case.0);
    let page = if first.contains(&own) { first } else { second };
    let row = page.split("<tr>").find(|r| r.contains(&own)).unwrap().to_string();
    assert!(row.contains("Có điều kiện – đang thi hành") && row.contains("50.000.000 đ"), "as on 30/09/2026: {row}");
    assert!(page.contains("Trạng thái 30/09/2026"), "{page}");
}

/// In English the states, the events of a history and the rows of a report stayed in
/// Vietnamese: they are in English.
#[tokio::test]
async fn english_pages_name_states_events_and_report_rows_in_english() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Head)).await;
    let en = |path: String| app.client.get(app.url(&path)).header(COOKIE, format!("{}; lang=en", s.cookie)).send();
    let id = app.own_case.0;
    let pages = [
        (
            format!("/cases/{id}"),
            vec!["With means – being enforced", thads_core::EventCode::WithMeans.label_en(), "On request"],
        ),
        ("/cases".to_string(), vec!["With means – being enforced", "Without means", "Ex officio"]),
        ("/stats?unit=BG-KV1&year=2026".to_string(), vec!["Total accepted", "Carried forward: with means"]),
        (
            "/stats/cases?unit=BG-KV1&year=2026&form=cases&column=with_means".to_string(),
            vec!["With means – being enforced", "With means"],
        ),
    ];
    for (path, english) in pages {
        let page = en(path.clone()).await.unwrap().text().await.unwrap();
        for words in english {
            assert!(page.contains(words), "{path}: «{words}» missing: {page}");
        }
        for vietnamese in ["Có điều kiện", "Chưa có điều kiện", "Tổng số thụ lý", "Thụ lý mới", "Chủ động"]
        {
            assert!(!page.contains(vietnamese), "{path}: «{vietnamese}» on an English page: {page}");
        }
    }
}
