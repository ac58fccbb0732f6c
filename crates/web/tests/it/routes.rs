//! Every route × every role × own unit / other unit, from the same table that builds the
//! router. The expected outcome is asked of `thads_core::access::authorize` with the route's
//! rule; a route added without a sample request here fails `every_route_has_a_sample`.

use reqwest::{Method, StatusCode};
use thads_core::access::{Principal, authorize};
use thads_core::{CaseId, EventCode, Role, UnitTree};
use thads_web::routes::{Rule, table};

use crate::common::{Session, TestApp, login_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Own,
    Other,
}

/// The request a route is tried with: its path (and body for posts) for a target on `side`.
fn sample(app: &TestApp, method: &Method, path: &str, side: Side) -> Option<(String, Vec<(String, String)>)> {
    let (case, unit, actor, job) = match side {
        Side::Own => (app.own_case, "BG-KV1", login_of(Role::Officer), &app.jobs[0]),
        Side::Other => (app.other_case, "BG-KV2", "officer.kv2".to_string(), &app.jobs[1]),
    };
    let id = case.0;
    // A person of the side's unit, for the administration of users.
    let person = app.staff[&actor].0;
    let collect = |v: i64| {
        vec![
            ("version".to_string(), v.to_string()),
            ("code".into(), "collected".into()),
            ("date".into(), "01/11/2025".into()),
            ("amount".into(), "1.000".into()),
        ]
    };
    let p = |s: String| Some((s, vec![]));
    let pairs = |v: &[(&str, &str)]| v.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
    // A number already in the unit's book: allowed callers are told 409, nothing is taken in.
    let taken = app.db(|s| s.case(case)).unwrap().unwrap().facts.case_no.to_string();
    let intake = pairs(&[
        ("unit", unit),
        ("case_no", &taken),
        ("accepted_on", "2025-10-01"),
        ("origin", "theo_yeu_cau"),
        ("judgment_type", "dan_su"),
        ("amount_vnd", "1000"),
        ("debtor", "Nguyễn Văn A"),
        ("creditor", "Trần Thị B"),
    ]);
    match (method.as_str(), path) {
        ("GET", "/health") => p("/health".into()),
        ("GET", "/health/details") => p("/health/details".into()),
        ("GET", "/assets/{file}") => p("/assets/app.css".into()),
        ("GET", "/lang/{code}") => p("/lang/en".into()),
        ("GET", "/favicon.ico") => p("/favicon.ico".into()),
        ("GET", "/login") => p("/login".into()),
        ("POST", "/login") => p("/login".into()),
        ("POST", "/logout") => p("/logout".into()),
        ("GET", "/account/password") => p("/account/password".into()),
        ("POST", "/account/password") => Some(("/account/password".into(), vec![("current".into(), "wrong".into())])),
        ("GET", "/") => p(format!("/?unit={unit}")),
        ("GET", "/cases") => p(format!("/cases?unit={unit}")),
        ("GET", "/cases/new") => p(format!("/cases/new?unit={unit}")),
        ("POST", "/cases/new") => Some((format!("/cases/new?unit={unit}"), intake)),
        ("GET", "/cases/{id}") => p(format!("/cases/{id}")),
        ("GET", "/cases/{id}/edit") => p(format!("/cases/{id}/edit")),
        // Stale versions: allowed callers get 409 and nothing changes.
        ("POST", "/cases/{id}/edit") => {
            Some((format!("/cases/{id}/edit"), pairs(&[("version", "0"), ("reason", "thử"), ("debtor", "A")])))
        }
        ("POST", "/cases/{id}/reassign") => {
            Some((format!("/cases/{id}/reassign"), pairs(&[("version", "0"), ("officer", ""), ("reason", "thử")])))
        }
        ("POST", "/api/v1/cases") => Some(("/api/v1/cases".into(), intake)),
        ("PATCH", "/api/v1/cases/{id}") => Some((
            format!("/api/v1/cases/{id}"),
            pairs(&[("version", "0"), ("reason", "thử"), ("debtor_address", "Thôn Đông")]),
        )),
        // A stale version: allowed callers get 409 and nothing changes.
        ("POST", "/cases/{id}/events") => Some((format!("/cases/{id}/events"), collect(0))),
        ("POST", "/cases/{id}/void") => Some((
            format!("/cases/{id}/void"),
            vec![
                ("version".into(), "0".into()),
                ("record".into(), first_record(app, case)),
                ("note".into(), "nhập nhầm".into()),
            ],
        )),
        ("POST", "/cases/{id}/correct") => Some((format!("/cases/{id}/correct"), {
            let mut fields = collect(0);
            fields.push(("record".into(), first_record(app, case)));
            fields.push(("note".into(), "nhập nhầm ngày".into()));
            fields
        })),
        ("GET", "/deadlines") => p(format!("/deadlines?unit={unit}")),
        ("GET", "/deadlines/export") => p(format!("/deadlines/export?unit={unit}&overdue=true")),
        ("GET", "/cases/{id}/audit") => p(format!("/cases/{id}/audit")),
        ("GET", "/audit") => p(format!("/audit?unit={unit}&actor={actor}")),
        ("GET", "/audit/sign-ins") => p(format!("/audit/sign-ins?unit={unit}")),
        ("GET", "/users") => p(format!("/users?unit={unit}")),
        // Invalid forms: allowed callers get the form back (422), nothing changes.
        ("POST", "/users") => Some((format!("/users?unit={unit}"), vec![("login".into(), "".into())])),
        ("GET", "/users/{id}") => p(format!("/users/{person}")),
        ("POST", "/users/{id}/role") => Some((format!("/users/{person}/role"), vec![("role".into(), "nope".into())])),
        ("POST", "/users/{id}/active") => {
            Some((format!("/users/{person}/active"), vec![("active".into(), "maybe".into())]))
        }
        ("POST", "/users/{id}/password") => Some((
            format!("/users/{person}/password"),
            vec![("password".into(), "short".into()), ("repeat".into(), "short".into())],
        )),
        ("GET", "/targets") => p(format!("/targets?unit={unit}")),
        ("POST", "/targets") => Some((format!("/targets?unit={unit}"), vec![("year".into(), "năm".into())])),
        ("GET", "/calendar") => p("/calendar".into()),
        ("POST", "/calendar") => Some(("/calendar".into(), vec![("date".into(), "32/13/2025".into())])),
        ("POST", "/calendar/remove") => Some(("/calendar/remove".into(), vec![("date".into(), "x".into())])),
        ("GET", "/api/v1/audit") => p(format!("/api/v1/audit?case={id}")),
        ("GET", "/stats") => p(format!("/stats?unit={unit}")),
        ("GET", "/stats/export") => p(format!("/stats/export?unit={unit}&format=csv")),
        ("GET", "/stats/cases") => p(format!("/stats/cases?unit={unit}&form=cases&column=with_means")),
        ("GET", "/import") => p(format!("/import?unit={unit}")),
        // Without a file: allowed callers get the form back (422), nothing is imported.
        ("POST", "/import") => p(format!("/import?unit={unit}")),
        ("GET", "/import/{job}") => p(format!("/import/{job}")),
        ("GET", "/import/{job}/progress") => p(format!("/import/{job}/progress")),
        ("POST", "/api/v1/session") => p("/api/v1/session".into()),
        ("DELETE", "/api/v1/session") => p("/api/v1/session".into()),
        ("GET", "/api/v1/cases") => p(format!("/api/v1/cases?unit={unit}")),
        ("GET", "/api/v1/cases/{id}") => p(format!("/api/v1/cases/{id}")),
        ("POST", "/api/v1/cases/{id}/events") => p(format!("/api/v1/cases/{id}/events")),
        ("GET", "/api/v1/deadlines") => p(format!("/api/v1/deadlines?unit={unit}&overdue=true")),
        ("GET", "/api/v1/reports") => p(format!("/api/v1/reports?unit={unit}")),
        ("GET", "/api/openapi.json") => p("/api/openapi.json".into()),
        // Months that do not parse: allowed callers get 422, nothing is closed or reopened.
        ("GET", "/periods") => p(format!("/periods?unit={unit}")),
        ("POST", "/periods/close") => Some((format!("/periods/close?unit={unit}"), pairs(&[("month", "x")]))),
        ("POST", "/periods/reopen") => {
            Some((format!("/periods/reopen?unit={unit}"), pairs(&[("month", "x"), ("reason", "thử")])))
        }
        ("POST", "/snapshots") => Some((format!("/snapshots?unit={unit}"), pairs(&[("year", "năm")]))),
        ("GET", "/snapshots/{id}") => p(format!("/snapshots/{}", snapshot_of(app, side))),
        ("GET", "/api/v1/periods") => p(format!("/api/v1/periods?unit={unit}")),
        ("POST", "/api/v1/periods/close") => {
            Some((format!("/api/v1/periods/close?unit={unit}"), pairs(&[("month", "x")])))
        }
        ("POST", "/api/v1/periods/reopen") => {
            Some((format!("/api/v1/periods/reopen?unit={unit}"), pairs(&[("month", "x"), ("reason", "thử")])))
        }
        ("POST", "/api/v1/snapshots") => Some((format!("/api/v1/snapshots?unit={unit}"), pairs(&[("year", "x")]))),
        ("GET", "/api/v1/snapshots/{id}") => p(format!("/api/v1/snapshots/{}", snapshot_of(app, side))),
        ("GET", "/api/v1/snapshots/{id}/diff") => p(format!("/api/v1/snapshots/{}/diff", snapshot_of(app, side))),
        _ => None,
    }
}

/// A snapshot of the side's unit (the reporting year 2026), saved for the sample.
fn snapshot_of(app: &TestApp, side: Side) -> i64 {
    let unit = if side == Side::Own { app.units.region1 } else { app.units.region2 };
    let actor = thads_app::Actor { login: "tk.test".into(), at: time::OffsetDateTime::now_utc() };
    let period = thads_core::ReportingYear::new(2026).unwrap().cumulative(12).unwrap();
    app.db(|s| thads_app::snapshots::save(s, &actor, &thads_core::Rules::default(), unit, period)).unwrap()
}

fn first_record(app: &TestApp, case: CaseId) -> String {
    app.db(|s| s.records(case)).unwrap()[0].id.0.to_string()
}

#[tokio::test]
async fn every_route_has_a_sample() {
    let app = TestApp::spawn().await;
    let missing: Vec<String> = table()
        .iter()
        .filter(|r| sample(&app, &r.method, r.path, Side::Own).is_none())
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(missing.is_empty(), "routes without a sample (add one and its rule is tested): {missing:?}");
}

/// Sends the sample as `role` (a fresh session or token: some samples sign out).
async fn send(
    app: &TestApp,
    role: Option<Role>,
    method: &Method,
    path: &str,
    form: &[(String, String)],
) -> (StatusCode, String) {
    let api = path.starts_with("/api/");
    let login = role.map(login_of);
    let session: Option<Session> = match (&login, api) {
        (Some(l), false) => Some(app.sign_in(l).await),
        _ => None,
    };
    let token = match (&login, api) {
        (Some(l), true) => Some(app.token(l).await),
        _ => None,
    };
    let mut request = app.client.request(method.clone(), app.url(path));
    if let Some(s) = &session {
        request = request.header(reqwest::header::COOKIE, &s.cookie);
    }
    if let Some(t) = &token {
        request = request.bearer_auth(t);
    }
    if path.starts_with("/api/v1/cases/") && method == Method::POST {
        request = request
            .json(&serde_json::json!({ "date": "2025-11-01", "event": "collected", "amount_vnd": 1000, "version": 0 }));
    } else if api && !form.is_empty() {
        // A JSON body from the sample's pairs; versions and amounts are numbers.
        let body: serde_json::Map<String, serde_json::Value> = form
            .iter()
            .map(|(k, v)| {
                let value = match (k.as_str(), v.parse::<i64>()) {
                    ("version" | "amount_vnd", Ok(n)) => serde_json::json!(n),
                    _ => serde_json::json!(v),
                };
                (k.clone(), value)
            })
            .collect();
        request = request.json(&body);
    } else if path == "/api/v1/session" && method == Method::POST {
        request =
            request.json(&serde_json::json!({ "login": login_of(Role::Clerk), "password": crate::common::PASSWORD }));
    } else if path.starts_with("/import") && method == Method::POST {
        let csrf = session.as_ref().map(|s| s.csrf.clone()).unwrap_or_default();
        let boundary = "route-test-boundary";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}--\r\n"
        );
        request = request
            .header(reqwest::header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .body(body);
    } else if method == Method::POST {
        let mut fields: Vec<(String, String)> =
            vec![("csrf".into(), session.as_ref().map(|s| s.csrf.clone()).unwrap_or_default())];
        fields.extend_from_slice(form);
        request = request.form(&fields);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let location = response.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or("").to_string();
    (status, location)
}

fn denied(status: StatusCode, location: &str) -> bool {
    matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND)
        || location.starts_with("/login?next")
}

#[tokio::test]
async fn every_route_every_role_own_and_other_unit() {
    let app = TestApp::spawn().await;
    let tree = UnitTree::new(app.db(|s| s.units()).unwrap());
    let mut failures = Vec::new();
    let mut checked = 0;
    for route in table() {
        // The public sign-in form posts need no session; they are tested in `security`.
        if route.rule == Rule::Public && route.method == Method::POST {
            continue;
        }
        for side in [Side::Own, Side::Other] {
            let (path, form) = sample(&app, &route.method, route.path, side).unwrap();
            let id = if side == Side::Own { app.own_case } else { app.other_case };
            let case = app.db(|s| s.case(id)).unwrap().unwrap();
            let anonymous = send(&app, None, &route.method, &path, &form).await;
            if route.rule != Rule::Public && !denied(anonymous.0, &anonymous.1) {
                failures.push(format!("anonymous {} {path}: {:?}", route.method, anonymous));
            }
            for role in Role::ALL {
                let who = app.staff[&login_of(role)];
                let principal = Principal { staff: who, role, unit: app.units.region1 };
                // The void and correct samples replace the case's verification; the other changes
                // collect money (a correction needs both events).
                let codes = match route.path {
                    p if p.ends_with("/void") => vec![EventCode::WithMeans],
                    p if p.ends_with("/correct") => vec![EventCode::WithMeans, EventCode::Collected],
                    _ => vec![EventCode::Collected],
                };
                let expected = codes.iter().all(|code| {
                    // The installation's rule is asked about its root, whatever the side.
                    let unit = if route.rule == Rule::Installation { app.units.national } else { case.facts.unit };
                    let actions = route.rule.actions(unit, case.facts.officer, *code);
                    actions.iter().all(|a| authorize(&principal, *a, &tree).is_ok())
                });
                let (status, location) = send(&app, Some(role), &route.method, &path, &form).await;
                checked += 1;
                if expected == denied(status, &location) || status.is_server_error() {
                    failures.push(format!(
                        "{role} {} {path} ({side:?}): expected allowed={expected}, got {status} {location}",
                        route.method
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} checks failed:\n{}", failures.len(), failures.join("\n"));
    assert!(checked >= table().len() * 7, "every role was tried on every route");
}
