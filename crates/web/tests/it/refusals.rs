//! Every refusal code of the API (`thads_web::refusal::API_CODES`) reached through
//! `POST /api/v1/cases/{id}/events` (a refused fact of a case through `POST /api/v1/cases`), with
//! its message in the caller's language only.

use std::collections::BTreeSet;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_app::Actor;
use thads_core::{CaseId, Entry, Event, EventCode, EventId, Origin, Role, Vnd};
use thads_store::NewEvent;
use thads_web::refusal::API_CODES;
use time::macros::date;

use crate::common::{TestApp, login_of};

/// A new case of BG-KV1 assigned to its officer: accepted 06/10/2025, 50.000.000 đ.
fn new_case(app: &TestApp, no: &str, origin: Origin) -> CaseId {
    let mut facts = thads_testkit::facts(app.units.region1, no, date!(2025 - 10 - 06), 50_000_000);
    facts.origin = origin;
    facts.officer = Some(app.staff[&login_of(Role::Officer)]);
    let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
    let rules = thads_core::Rules::default();
    app.db(|s| thads_app::cases::record::create_case(s, &actor, &rules, facts)).unwrap().case.id
}

/// Writes a record straight into the store, past every check, as a faulty tool would.
fn plant(app: &TestApp, case: CaseId, entry: Entry, supersedes: Option<EventId>) {
    app.db(|s| {
        let mut tx = s.begin().unwrap();
        let event = NewEvent {
            case,
            entry,
            supersedes,
            note: String::new(),
            recorded_by: "tool".into(),
            recorded_at: time::OffsetDateTime::now_utc(),
            batch: None,
        };
        tx.insert_events(&[event]).unwrap();
        tx.commit().unwrap();
    });
}

struct Caller<'a> {
    app: &'a TestApp,
    token: String,
}

impl Caller<'_> {
    /// Posts `body` to the case; returns the status and the JSON answered.
    async fn post(&self, case: CaseId, body: Value) -> (StatusCode, Value) {
        let path = format!("/api/v1/cases/{}/events", case.0);
        let r = self.app.api(&self.token, Method::POST, &path, Some(body)).await;
        (r.status(), r.json().await.unwrap())
    }

    async fn accepted(&self, case: CaseId, body: Value) {
        let (status, answer) = self.post(case, body).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
    }
}

fn event(date: &str, code: &str, amount: Option<i64>) -> Value {
    let mut body = json!({ "date": date, "event": code });
    if let Some(a) = amount {
        body["amount_vnd"] = json!(a);
    }
    body
}

#[tokio::test]
async fn every_refusal_code_is_reached_through_the_api() {
    let app = TestApp::spawn().await;
    let caller = Caller { app: &app, token: app.token(&login_of(Role::Officer)).await };
    let own = app.own_case;
    let tomorrow = thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc()) + time::Duration::days(1);
    let tomorrow = thads_core::dates::format_iso(tomorrow);
    let closed = new_case(&app, "901/QĐ-THADS", Origin::TheoYeuCau);
    caller.accepted(closed, event("2025-11-01", "terminated", None)).await;
    let on_request = new_case(&app, "902/QĐ-THADS", Origin::TheoYeuCau);
    caller.accepted(on_request, event("2025-11-01", "no_means", None)).await;
    let ex_officio = new_case(&app, "903/QĐ-THADS", Origin::ChuDong);
    caller.accepted(ex_officio, event("2025-11-01", "no_means", None)).await;
    let later = new_case(&app, "904/QĐ-THADS", Origin::TheoYeuCau);
    caller.accepted(later, event("2025-11-10", "collected", Some(40_000_000))).await;
    let stored = new_case(&app, "905/QĐ-THADS", Origin::TheoYeuCau);
    let too_much = Event {
        date: date!(2025 - 11 - 01),
        code: EventCode::Collected,
        amount: Some(Vnd::new(99_000_000).unwrap()),
        ground: None,
    };
    plant(&app, stored, Entry::Event(too_much), None);
    let linked = new_case(&app, "906/QĐ-THADS", Origin::TheoYeuCau);
    let elsewhere = app.db(|s| s.records(own)).unwrap()[0].id;
    plant(&app, linked, Entry::Void, Some(elsewhere));
    let tries = [
        ("before_acceptance", own, event("2025-10-01", "collected", Some(1_000))),
        ("in_future", own, event(&tomorrow, "collected", Some(1_000))),
        ("case_closed", closed, event("2025-11-05", "collected", Some(1_000))),
        ("state_forbids", own, event("2025-11-02", "resumed", None)),
        ("amount_required", own, event("2025-11-02", "collected", None)),
        ("amount_not_allowed", own, event("2025-11-02", "postponed", Some(1_000))),
        ("amount_zero", own, event("2025-11-02", "collected", Some(0))),
        ("more_than_owed", own, event("2025-11-02", "collected", Some(60_000_000))),
        ("still_owed", own, event("2025-11-02", "completed", None)),
        ("new_law_only", on_request, event("2025-12-01", "request_returned", None)),
        ("on_request_only", ex_officio, event("2026-07-02", "request_returned", None)),
        ("ex_officio_only", on_request, event("2026-07-02", "separate_register", None)),
        ("unknown_ground", own, json!({ "date": "2025-11-02", "event": "postponed", "ground": "48.1.z" })),
        ("state_budget_only", own, event("2025-11-02", "reduced", Some(1_000))),
        ("too_early_after_no_means", on_request, event("2026-07-02", "request_returned", None)),
        ("breaks_later_event", later, event("2025-11-01", "collected", Some(20_000_000))),
        ("stored_history_invalid", stored, event("2025-11-02", "collected", Some(1_000))),
        ("ambiguous_corrections", linked, event("2025-11-02", "with_means", None)),
        ("unknown_event", own, event("2025-11-02", "paid", Some(1_000))),
        ("invalid_date", own, event("31/02/2025", "collected", Some(1_000))),
        ("invalid_amount", own, event("2025-11-02", "collected", Some(-5))),
        ("invalid_text", own, json!({ "date": "2025-11-02", "event": "postponed", "ground": "Điều 48 khoản 1" })),
    ];
    let mut reached = BTreeSet::new();
    for (code, case, body) in tries {
        let (status, answer) = caller.post(case, body).await;
        assert_eq!((status, answer["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)), "{answer}");
        let message = answer["message"].as_str().unwrap();
        assert!(!message.is_empty() && !message.contains(" / "), "{code}: one language only: {message}");
        reached.insert(code);
    }
    // A fact of a case refused at intake (`POST /api/v1/cases`), naming its field.
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let intake = json!({ "unit": "BG-KV1", "accepted_on": "2025-11-03", "origin": "theo_yeu_cau",
        "judgment_type": "dan_su", "amount_vnd": 1000, "debtor": "A", "creditor": "B", "debtor_id": "12345" });
    let r = app.api(&clerk, Method::POST, "/api/v1/cases", Some(intake)).await;
    let (status, answer): (StatusCode, Value) = (r.status(), r.json().await.unwrap());
    assert_eq!(
        (status, answer["code"].as_str(), answer["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_field"), Some("debtor_id"))
    );
    reached.insert("invalid_field");
    // A step of a seized asset the rules do not allow: an auction before any valuation.
    let officer = app.token(&login_of(Role::Officer)).await;
    let seize = json!({ "kind": "phuong_tien", "description": "Xe ô tô 98A-123.45", "seized_on": "2025-11-03" });
    let r = app.api(&officer, Method::POST, &format!("/api/v1/cases/{}/assets", own.0), Some(seize)).await;
    assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap());
    let asset = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let auction = json!({ "date": "2025-11-20", "starting_price_vnd": 100_000_000 });
    let r = app.api(&officer, Method::POST, &format!("/api/v1/assets/{asset}/auctions"), Some(auction)).await;
    let (status, answer): (StatusCode, Value) = (r.status(), r.json().await.unwrap());
    assert_eq!((status, answer["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("asset_step_refused")));
    assert!(!answer["message"].as_str().unwrap().contains(" / "), "{answer}");
    reached.insert("asset_step_refused");
    let untried: Vec<_> = API_CODES.iter().filter(|c| !reached.contains(*c)).collect();
    assert_eq!(untried, [&"refused"], "every code but the generic one is reached");
}

#[tokio::test]
async fn the_message_is_in_the_callers_language() {
    let app = TestApp::spawn().await;
    let token = app.token(&login_of(Role::Officer)).await;
    let url = app.url(&format!("/api/v1/cases/{}/events", app.own_case.0));
    let body = event("2025-11-02", "collected", Some(60_000_000));
    let ask = |language: Option<(&'static str, &'static str)>| {
        let mut request = app.client.post(&url).bearer_auth(&token).json(&body);
        if let Some((header, value)) = language {
            request = request.header(header, value);
        }
        async move { request.send().await.unwrap().json::<Value>().await.unwrap()["message"].as_str().unwrap().to_string() }
    };
    let vi = "số tiền 60.000.000 đ vượt số còn phải thi hành 50.000.000 đ";
    let en = "the amount 60.000.000 đ is more than the 50.000.000 đ still owed";
    assert_eq!(ask(None).await, vi, "Vietnamese by default");
    assert_eq!(ask(Some(("accept-language", "en-US,en;q=0.9"))).await, en);
    assert_eq!(ask(Some(("accept-language", "fr, vi;q=0.5, en;q=0.4"))).await, vi);
    assert_eq!(ask(Some(("cookie", "lang=en"))).await, en);
}

/// A case of BG-KV1 accepted on `accepted`, with `categories` (issue 16's conditions).
fn case_of(app: &TestApp, no: &str, origin: Origin, accepted: time::Date, categories: &str) -> CaseId {
    let mut facts = thads_testkit::facts(app.units.region1, no, accepted, 50_000_000);
    facts.origin = origin;
    facts.categories = thads_core::Categories::parse(categories).unwrap();
    facts.officer = Some(app.staff[&login_of(Role::Officer)]);
    let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
    app.db(|s| thads_app::cases::record::create_case(s, &actor, &thads_core::Rules::default(), facts)).unwrap().case.id
}

#[tokio::test]
async fn grounds_the_state_budget_and_the_two_years_are_checked_on_new_events() {
    let app = TestApp::spawn().await;
    let caller = Caller { app: &app, token: app.token(&login_of(Role::Officer)).await };
    // Issue 16: a reduction and an exemption were accepted on a private creditor's case.
    let private = case_of(&app, "911/QĐ-THADS", Origin::ChuDong, date!(2025 - 10 - 06), "tin_dung");
    let (status, answer) = caller.post(private, event("2025-11-02", "exempted", None)).await;
    assert_eq!((status, answer["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("state_budget_only")));
    let budget = case_of(&app, "912/QĐ-THADS", Origin::ChuDong, date!(2025 - 10 - 06), "ngan_sach");
    let mut reduce = event("2025-11-02", "reduced", Some(1_000_000));
    reduce["ground"] = json!("61.3");
    caller.accepted(budget, reduce).await;
    let mut wrong = event("2025-11-03", "reduced", Some(1_000_000));
    wrong["ground"] = json!("48.1.c");
    let (_, answer) = caller.post(budget, wrong).await;
    assert_eq!(answer["code"], "unknown_ground", "{answer}");
    let mut postpone = event("2025-11-04", "postponed", None);
    postpone["ground"] = json!("48.1.c");
    caller.accepted(budget, postpone).await;

    // Issue 16: a request was returned one month after the decision on lack of means.
    let month = case_of(&app, "913/QĐ-THADS", Origin::TheoYeuCau, date!(2026 - 07 - 06), "");
    caller.accepted(month, event("2026-08-03", "no_means", None)).await;
    let english = app
        .client
        .post(app.url(&format!("/api/v1/cases/{}/events", month.0)))
        .bearer_auth(&caller.token)
        .header("accept-language", "en")
        .json(&event("2026-09-03", "request_returned", None))
        .send()
        .await
        .unwrap();
    assert_eq!(english.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let answer: Value = english.json().await.unwrap();
    assert_eq!(answer["code"], "too_early_after_no_means");
    let message = answer["message"].as_str().unwrap();
    assert!(
        message.contains("03/08/2028") && message.contains("03/08/2026") && !message.contains("chỉ được"),
        "{message}"
    );
    // Two years after its decision, a request is returned.
    let waited = case_of(&app, "914/QĐ-THADS", Origin::TheoYeuCau, date!(2024 - 01 - 08), "");
    caller.accepted(waited, event("2024-02-01", "no_means", None)).await;
    caller.accepted(waited, event("2026-07-02", "request_returned", None)).await;
}
