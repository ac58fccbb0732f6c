//! The citizens' portal through both listeners: no staff path answers on the public one and
//! no public path on the staff one; a wrong code and an unknown case answer alike; failures are
//! limited; a staff view shows in the access log; a rotated code replaces the old one; a debtor
//! is listed after the publication delay and gone once the case completes; what anyone types
//! comes back escaped; the open statistics keep their columns and hold no name; an export that
//! lists a case is a view of it; an unknown page is a page, an unknown API path JSON.

use reqwest::{Method, StatusCode};
use serde_json::Value;
use thads_app::{Actor, NewRecord};
use thads_core::{CaseId, Event, EventCode, Role, Vnd};
use time::OffsetDateTime;
use time::macros::date;

use crate::common::{TestApp, login_of};

/// The case's lookup code as staff read it in the API.
pub async fn code_of(app: &TestApp, case: CaseId) -> String {
    code_as(app, case, &login_of(Role::Officer)).await
}

/// The case's lookup code as `login` reads it.
pub async fn code_as(app: &TestApp, case: CaseId, login: &str) -> String {
    let token = app.token(login).await;
    let r = app.api(&token, Method::GET, &format!("/api/v1/cases/{}", case.0), None).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json::<Value>().await.unwrap()["lookup_code"].as_str().unwrap().to_string()
}

pub async fn public_get(app: &TestApp, path: &str) -> reqwest::Response {
    app.client.get(format!("{}{path}", app.public)).send().await.unwrap()
}

fn lookup(unit: &str, case_no: &str, code: &str) -> String {
    format!("/api/public/v1/cases?unit={unit}&case_no={}&code={code}", urlencode(case_no))
}

pub fn urlencode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Records `event` on `case` as its officer would.
pub fn record(app: &TestApp, case: CaseId, event: Event) {
    let actor = Actor { login: "officer.kv1".into(), at: OffsetDateTime::now_utc() };
    let rules = thads_core::Rules::default();
    let version = app.version(case);
    app.db(|s| thads_app::cases::record::record(s, &actor, &rules, case, version, NewRecord::event(event))).unwrap();
}

pub fn event(date: time::Date, code: EventCode, amount: Option<i64>) -> Event {
    Event { date, code, amount: amount.map(|a| Vnd::new(a).unwrap()), ground: None }
}

#[tokio::test]
async fn no_staff_path_answers_on_the_public_listener_and_no_public_path_on_the_staff_one() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(&login_of(Role::Admin)).await;
    for route in thads_web::routes::table() {
        let path = route.path.replace("{id}", "1").replace("{job}", "x").replace("{file}", "app.css");
        let path = path.replace("{code}", "en").replace("{proposal}", "1").replace("{kind}", "thong_bao");
        // With the staff session's cookie: the public site reads none.
        let r = app
            .client
            .request(route.method.clone(), format!("{}{path}", app.public))
            .header("cookie", &session.cookie)
            .send()
            .await
            .unwrap();
        if route.path == "/" {
            // The public home, by design: not the staff dashboard.
            let body = r.text().await.unwrap();
            assert!(!body.contains("/logout") && !body.contains("app.css"), "the staff frame on /");
            continue;
        }
        let status = r.status();
        assert!(
            status == StatusCode::NOT_FOUND || status == StatusCode::METHOD_NOT_ALLOWED,
            "{} {path} answered {status} on the public listener",
            route.method
        );
        assert!(r.headers().get("set-cookie").is_none(), "{path} set a cookie");
    }
    for route in thads_web::portal::public_table() {
        if route.path == "/" {
            continue;
        }
        let r = app.client.get(app.url(route.path)).header("cookie", &session.cookie).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{} on the staff listener", route.path);
    }
    // The public site's own pages answer, with their own stylesheet and no cookie.
    for path in ["/", "/case", "/debtors", "/open-data", "/portal.css"] {
        let r = public_get(&app, path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert!(r.headers().get("set-cookie").is_none());
        let body = r.text().await.unwrap();
        assert!(!body.contains("/assets/app.css") && !body.contains("<script"), "{path}");
    }
}

#[tokio::test]
async fn a_wrong_code_answers_like_an_unknown_case_and_failures_are_limited() {
    let app = TestApp::spawn().await;
    let code = code_of(&app, app.own_case).await;
    let ok = public_get(&app, &lookup("BG-KV1", "46/QĐ-THADS", &code)).await;
    assert_eq!(ok.status(), StatusCode::OK);
    let body: Value = ok.json().await.unwrap();
    assert_eq!(body["state"], "with_means");
    assert!(body["state_label"].as_str().unwrap().contains("thi hành"), "{body}");
    assert_eq!(body["steps"][0]["date"], "2025-10-06");
    assert_eq!(body["money"]["collected_vnd"], 0);
    assert_eq!(body["money"]["paid_to_you_vnd"], 0);
    assert!(body["deadlines"].is_array());
    // Wrong code, unknown case, unknown unit, malformed code: the same status and body.
    let wrong = if code.starts_with('A') { "BBBBB-BBBBB" } else { "AAAAA-AAAAA" };
    let answers = [
        lookup("BG-KV1", "46/QĐ-THADS", wrong),
        lookup("BG-KV1", "999/QĐ-THADS", &code),
        lookup("XX-NONE", "46/QĐ-THADS", &code),
        lookup("BG-KV1", "46/QĐ-THADS", "not-a-code"),
    ];
    let mut bodies = Vec::new();
    for path in &answers {
        let r = public_get(&app, path).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        bodies.push(r.text().await.unwrap());
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");
    assert!(bodies[0].contains("\"code\":\"not_found\""), "{}", bodies[0]);
    // The access log answers the same way.
    let log = public_get(&app, &format!("/api/public/v1/cases/access-log?unit=BG-KV1&case_no=999&code={code}")).await;
    assert_eq!(log.status(), StatusCode::NOT_FOUND);
    assert_eq!(log.text().await.unwrap(), bodies[0]);
    // Per case: after ten failures on 12/QĐ-THADS, even its right code waits.
    let other = code_as(&app, app.other_case, "officer.kv2").await;
    for _ in 0..thads_web::public_guard::PER_CASE {
        let r = public_get(&app, &lookup("BG-KV2", "12/QĐ-THADS", wrong)).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    let blocked = public_get(&app, &lookup("BG-KV2", "12/QĐ-THADS", &other)).await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.headers().get("retry-after").is_some());
    assert_eq!(blocked.json::<Value>().await.unwrap()["code"], "rate_limited");
    // Per address: this client has failed on many cases by now.
    for n in 0..thads_web::public_guard::PER_ADDRESS {
        let _ = public_get(&app, &lookup("BG-KV1", &format!("{n}/QĐ-X"), wrong)).await;
    }
    let r = public_get(&app, &lookup("BG-KV1", "46/QĐ-THADS", &code)).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "the address is limited on any case");
    // Missing fields are a bad request, not a failure of the oracle.
    let r = public_get(&app, "/api/public/v1/cases?unit=BG-KV1").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn staff_views_show_in_the_access_log_and_a_rotated_code_replaces_the_old_one() {
    let app = TestApp::spawn().await;
    let code = code_of(&app, app.own_case).await; // one API view by the officer
    let officer = app.sign_in(&login_of(Role::Officer)).await;
    let page = app.get(&officer, &format!("/cases/{}", app.own_case.0)).await.text().await.unwrap();
    assert!(page.contains(&code), "the code on the case page");
    let log = public_get(
        &app,
        &format!("/api/public/v1/cases/access-log?unit=BG-KV1&case_no=46%2FQ%C4%90-THADS&code={code}"),
    )
    .await;
    assert_eq!(log.status(), StatusCode::OK);
    let items = log.json::<Value>().await.unwrap()["items"].as_array().unwrap().clone();
    assert!(items.len() >= 2, "{items:?}");
    assert_eq!(items[0]["unit"], "BG-KV1");
    assert_eq!(items[0]["role"], "officer");
    assert!(items[0].get("name").is_none(), "names only if the agency enables them");
    // Opening the case's documents page and downloading its document are views too, logged.
    let before = items.len();
    let print = app.get(&officer, &format!("/cases/{}/documents?kind=thong_bao", app.own_case.0)).await;
    assert_eq!(print.status(), StatusCode::OK);
    let token = app.token(&login_of(Role::Officer)).await;
    let pdf = app
        .api(&token, Method::GET, &format!("/api/v1/cases/{}/documents/thong_bao?format=docx", app.own_case.0), None)
        .await;
    assert_eq!(pdf.status(), StatusCode::OK, "{}", pdf.text().await.unwrap());
    let log = public_get(
        &app,
        &format!("/api/public/v1/cases/access-log?unit=BG-KV1&case_no=46%2FQ%C4%90-THADS&code={code}"),
    )
    .await;
    let items = log.json::<Value>().await.unwrap()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), before + 2, "the documents page and the download: {items:?}");
    let vias = app.case_views(app.own_case, 100);
    assert!(vias.iter().any(|v| v.via == "documents") && vias.iter().any(|v| v.via == "document"), "{vias:?}");
    // The case page in the portal lists them too.
    let public_page = public_get(&app, &format!("/case?unit=BG-KV1&case_no=46%2FQ%C4%90-THADS&code={code}")).await;
    assert_eq!(public_page.status(), StatusCode::OK);
    assert!(public_page.text().await.unwrap().contains("id=\"seen\""));
    // Rotate: the old code stops working, the new one works; the rotation is audited.
    let r = app.post_form(&officer, &format!("/cases/{}/lookup-code", app.own_case.0), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let new = code_of(&app, app.own_case).await;
    assert_ne!(new, code);
    assert_eq!(public_get(&app, &lookup("BG-KV1", "46/QĐ-THADS", &code)).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(public_get(&app, &lookup("BG-KV1", "46/QĐ-THADS", &new)).await.status(), StatusCode::OK);
    let audit = app.db(|s| s.audit_of_case(app.own_case)).unwrap();
    assert!(audit.iter().any(|a| a.action == "case.lookup_code.rotate"));
    assert!(audit.iter().all(|a| !a.after.as_deref().unwrap_or("").contains(&new)), "the code is not in the audit");
    // An officer of another unit may not rotate it (404, as for a hidden case).
    let other = app.sign_in("officer.kv2").await;
    let r = app.post_form(&other, &format!("/cases/{}/lookup-code", app.own_case.0), &[]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_debtor_is_listed_after_the_delay_found_without_diacritics_and_gone_when_completed() {
    let app = TestApp::spawn().await;
    let list = |q: &'static str| {
        let app = &app;
        async move {
            let r = public_get(app, &format!("/api/public/v1/debtors?unit=BG&q={q}")).await;
            assert_eq!(r.status(), StatusCode::OK);
            r.json::<Value>().await.unwrap()["items"].as_array().unwrap().clone()
        }
    };
    assert!(list("").await.is_empty());
    record(&app, app.own_case, event(date!(2025 - 11 - 03), EventCode::NoMeans, None));
    let found = list("nguyen%20van").await;
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d["name"], "Nguyễn Văn An");
    assert_eq!(d["unit"], "BG-KV1");
    assert_eq!(d["case_no"], "46/QĐ-THADS");
    assert_eq!(d["listed_on"], "2025-11-10", "five working days after Monday 03/11/2025");
    assert!(d["obligation"].as_str().unwrap().contains("50.000.000"), "{d}");
    assert!(list("tran").await.is_empty(), "another name");
    // A decision taken today is not listed until its publication day.
    let today = thads_app::clock::vietnam_date(OffsetDateTime::now_utc());
    record(&app, app.other_case, event(today, EventCode::NoMeans, None));
    assert_eq!(list("").await.len(), 1);
    // Completed: gone at once; the agency's history keeps the spell.
    record(&app, app.own_case, event(today, EventCode::Collected, Some(50_000_000)));
    record(&app, app.own_case, event(today, EventCode::Completed, None));
    assert!(list("nguyen").await.is_empty());
    let head = app.sign_in(&login_of(Role::Head)).await;
    let history = app.get(&head, "/portal/debtors-history?unit=BG-KV1").await;
    assert_eq!(history.status(), StatusCode::OK);
    let html = history.text().await.unwrap();
    assert!(html.contains("Nguyễn Văn An") && html.contains("10/11/2025"), "the list's past");
    // A unit that does not exist.
    assert_eq!(public_get(&app, "/api/public/v1/debtors?unit=NOPE").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn script_in_every_field_comes_back_escaped() {
    let app = TestApp::spawn().await;
    let script = "<script>alert(1)</script>";
    // A debtor whose name and address carry a script, listed.
    let officer = app.staff[&login_of(Role::Officer)];
    let case = app.db(|s| {
        let id = crate::common::add_case(s, app.units.region1, "7/QĐ-XSS", script, officer, OffsetDateTime::now_utc());
        let mut details = s.case_details(id).unwrap().unwrap_or_default();
        details.debtor_address = script.into();
        let mut tx = s.begin().unwrap();
        tx.put_case_details(id, &details).unwrap();
        tx.commit().unwrap();
        id
    });
    record(&app, case, event(date!(2025 - 11 - 03), EventCode::NoMeans, None));
    let q = urlencode(script);
    for path in [
        "/debtors?unit=BG-KV1&q=".to_string(),
        format!("/debtors?unit={q}&q={q}"),
        format!("/debtors?q={q}&lang={q}"),
        format!("/case?unit={q}&case_no={q}&code={q}&lang={q}"),
        format!("/case?unit=BG-KV1&case_no={q}&code=ABCDE-FGHJK"),
        format!("/?lang={q}"),
        format!("/open-data?lang={q}"),
    ] {
        let r = public_get(&app, &path).await;
        let body = r.text().await.unwrap();
        assert!(!body.contains("<script"), "{path}: {body}");
    }
    let listed = public_get(&app, "/debtors?unit=BG-KV1").await.text().await.unwrap();
    assert!(listed.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || listed.contains("&#60;script&#62;"), "escaped");
    let code = code_of(&app, case).await;
    let page = public_get(&app, &format!("/case?unit=BG-KV1&case_no=7%2FQ%C4%90-XSS&code={code}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(!page.text().await.unwrap().contains("<script"));
}

#[tokio::test]
async fn open_statistics_have_their_columns_and_no_names() {
    let app = TestApp::spawn().await;
    let r = public_get(&app, "/open-data/statistics.csv").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    let header = csv.lines().next().unwrap();
    assert_eq!(header, thads_web::portal::open_data::COLUMNS.join(","));
    assert!(csv.lines().count() > 1);
    assert!(!csv.contains("Nguyễn Văn An") && !csv.contains("46/QĐ"), "no personal data");
    let json: Value = public_get(&app, "/open-data/statistics.json").await.json().await.unwrap();
    assert_eq!(json["months"].as_array().unwrap().len(), 12);
    let item = &json["items"][0];
    for column in thads_web::portal::open_data::COLUMNS {
        assert!(item.get(column).is_some(), "{column} in {item}");
    }
    let doc: Value = public_get(&app, "/api/public/openapi.json").await.json().await.unwrap();
    assert!(doc["paths"]["/api/public/v1/cases"].is_object());
    assert!(doc["paths"]["/api/public/v1/debtors"].is_object());
}

#[tokio::test]
async fn names_show_in_the_access_log_only_when_the_agency_enables_them() {
    let config = thads_web::WebConfig { portal_viewer_names: true, ..thads_web::WebConfig::default() };
    let app = TestApp::spawn_with(config).await;
    let code = code_of(&app, app.own_case).await;
    let log = public_get(
        &app,
        &format!("/api/public/v1/cases/access-log?unit=BG-KV1&case_no=46%2FQ%C4%90-THADS&code={code}"),
    )
    .await;
    let items = log.json::<Value>().await.unwrap()["items"].as_array().unwrap().clone();
    assert_eq!(items[0]["name"], "Cán bộ officer", "{items:?}");
}

#[tokio::test]
async fn an_export_that_lists_a_case_is_a_view_of_it_in_the_access_log() {
    let app = TestApp::spawn().await;
    let code = code_of(&app, app.own_case).await; // one API view
    let officer = app.sign_in(&login_of(Role::Officer)).await;
    let views = |via: &'static str| app.case_views(app.own_case, 500).iter().filter(|v| v.via == via).count();
    // Documents in bulk for the case: a file that lists it.
    let fields = [("kind", "thong_bao"), ("date", "01/11/2025"), ("format", "pdf"), ("cases", "46/QĐ-THADS")];
    let r = app.post_form(&officer, "/documents/bulk", &fields).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(views("export:documents"), 1);
    // The worklist's spreadsheet: each case it lists once, however many of its deadlines it has.
    let today = thads_app::clock::vietnam_date(OffsetDateTime::now_utc());
    let mut facts = thads_testkit::facts(app.units.region1, "84/QĐ-THADS", today - time::Duration::days(1), 1);
    facts.officer = Some(app.staff[&login_of(Role::Officer)]);
    let actor = Actor { login: "test".into(), at: OffsetDateTime::now_utc() };
    let rules = thads_core::Rules::default();
    let fresh = app.db(|s| thads_app::cases::record::create_case(s, &actor, &rules, facts)).unwrap().case.id;
    let page = app.get(&officer, "/deadlines").await.text().await.unwrap();
    assert!(page.contains("84/QĐ-THADS"), "the new case is on the worklist");
    let r = app.get(&officer, "/deadlines/export").await;
    assert_eq!(r.status(), StatusCode::OK);
    let logged = app.case_views(fresh, 500);
    assert_eq!(logged.iter().filter(|v| v.via == "export:worklist").count(), 1, "{logged:?}");
    // The party sees the documents' export, with the unit and role of who exported.
    let log = public_get(
        &app,
        &format!("/api/public/v1/cases/access-log?unit=BG-KV1&case_no=46%2FQ%C4%90-THADS&code={code}"),
    )
    .await;
    assert_eq!(log.status(), StatusCode::OK);
    let items = log.json::<Value>().await.unwrap()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2, "the API view and the export: {items:?}");
    assert!(items.iter().all(|i| i["unit"] == "BG-KV1" && i["role"] == "officer"), "{items:?}");
}

#[tokio::test]
async fn an_unknown_page_is_a_vietnamese_page_and_an_unknown_api_path_json() {
    let app = TestApp::spawn().await;
    let r = public_get(&app, "/no-such-page").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(r.headers().get("set-cookie").is_none());
    let body = r.text().await.unwrap();
    assert!(body.contains("lang=\"vi\"") && body.contains("Không có trang này"), "{body}");
    assert!(body.contains("/portal.css") && !body.contains("app.css") && !body.contains("<script"), "{body}");
    let english = public_get(&app, "/cases/1?lang=en").await;
    assert_eq!(english.status(), StatusCode::NOT_FOUND);
    assert!(english.text().await.unwrap().contains("No such page"));
    // What is typed in the path never comes back.
    let r = public_get(&app, "/%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(!r.text().await.unwrap().contains("<script"));
    // The API keeps its JSON answer.
    for path in ["/api/public/v1/nothing", "/api/v1/cases", "/api"] {
        let r = public_get(&app, path).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.json::<Value>().await.unwrap()["code"], "not_found", "{path}");
    }
}

/// Views are written by the server's view log after the answer, many to a write: forty case
/// pages opened at once are forty views, each logged once, seen as soon as the log is asked for.
#[tokio::test]
async fn views_opened_at_once_are_each_logged_once() {
    let app = TestApp::spawn().await;
    let officer = app.sign_in(&login_of(Role::Officer)).await;
    let pages = |app: &TestApp| app.case_views(app.own_case, 500).iter().filter(|v| v.via == "page").count();
    let before = pages(&app);
    let url = app.url(&format!("/cases/{}", app.own_case.0));
    let opening: Vec<_> = (0..40)
        .map(|_| tokio::spawn(app.client.get(&url).header(reqwest::header::COOKIE, &officer.cookie).send()))
        .collect();
    for open in opening {
        assert_eq!(open.await.unwrap().unwrap().status(), StatusCode::OK);
    }
    assert_eq!(pages(&app), before + 40);
}
