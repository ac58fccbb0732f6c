//! Seized assets through the API (issue 19): an officer's chain that spans 01/07/2026 — seize,
//! value, auction, fail, reduce (a step too large refused), fail again, the creditor refused
//! before the regime allows, then taking the asset; the handover records the value on the case
//! as money collected; the asset's page and the worklist show its limits; a coercion plan at
//! night is refused with its reason.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_app::Actor;
use thads_core::{CaseId, Role};
use time::macros::date;

use crate::common::{TestApp, login_of};

/// A case of BG-KV1 assigned to its officer: accepted 06/10/2025, 50.000.000 đ.
pub fn officer_case(app: &TestApp, no: &str) -> CaseId {
    let mut facts = thads_testkit::facts(app.units.region1, no, date!(2025 - 10 - 06), 50_000_000);
    facts.officer = Some(app.staff[&login_of(Role::Officer)]);
    let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
    let rules = thads_core::Rules::default();
    app.db(|s| thads_app::cases::record::create_case(s, &actor, &rules, facts)).unwrap().case.id
}

async fn send(app: &TestApp, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let r = app.api(token, Method::POST, path, Some(body)).await;
    (r.status(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn an_officers_chain_across_the_switch_ends_with_the_creditor() {
    let app = TestApp::spawn().await;
    let case = officer_case(&app, "901/QĐ-CCTHADS");
    let token = app.token(&login_of(Role::Officer)).await;
    let seize = json!({ "kind": "phuong_tien", "description": "Xe ô tô Toyota 98A-123.45", "seized_on": "2026-05-04",
        "owner": "Nguyễn Văn A", "encumbrances": "", "decision": "15/QĐ-CCTHADS" });
    let (status, body) = send(&app, &token, &format!("/api/v1/cases/{}/assets", case.0), seize).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_i64().unwrap();
    let asset = |p: &str| format!("/api/v1/assets/{id}/{p}");

    // Before a valuation, no auction: 422 with the reason.
    let early = json!({ "date": "2026-06-03", "starting_price_vnd": 1_000_000_000 });
    let (status, body) = send(&app, &token, &asset("auctions"), early).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("asset_step_refused")));
    let value = json!({ "date": "2026-05-07", "method": "agreed", "value_vnd": 1_000_000_000 });
    assert_eq!(send(&app, &token, &asset("valuations"), value).await.0, StatusCode::CREATED);
    // A starting price other than the valuation is refused.
    let wrong = json!({ "date": "2026-06-03", "starting_price_vnd": 900_000_000, "contracted_on": "2026-05-12",
        "announced_on": "2026-05-19" });
    assert_eq!(send(&app, &token, &asset("auctions"), wrong).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let first = json!({ "date": "2026-06-03", "starting_price_vnd": 1_000_000_000, "contracted_on": "2026-05-12",
        "announced_on": "2026-05-19" });
    let (status, body) = send(&app, &token, &asset("auctions"), first).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let auction = body["id"].as_i64().unwrap();
    let failed = json!({ "date": "2026-06-03", "outcome": "failed", "reason": "khong_dang_ky" });
    let (status, body) = send(&app, &token, &format!("/api/v1/auctions/{auction}/outcome"), failed.clone()).await;
    assert_eq!((status, body["state"].as_str(), body["round"].as_i64()), (StatusCode::OK, Some("failed"), Some(1)));
    // The same auction has no second outcome.
    assert_eq!(
        send(&app, &token, &format!("/api/v1/auctions/{auction}/outcome"), failed).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // The creditor may not take it yet (old regime: after a failure at the second reduction).
    let take = json!({ "date": "2026-06-10", "case_id": case.0 });
    let (status, body) = send(&app, &token, &asset("creditor-takes"), take).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("asset_step_refused")));
    // More than 10 % below the previous starting price is refused.
    let big = json!({ "date": "2026-06-23", "starting_price_vnd": 850_000_000, "decided_by": "officer" });
    let (status, body) = send(&app, &token, &asset("reductions"), big).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("asset_step_refused")));
    assert!(body["message"].as_str().unwrap().contains("900.000.000"), "{body}");
    let cut = json!({ "date": "2026-06-23", "starting_price_vnd": 900_000_000, "decided_by": "officer" });
    assert_eq!(send(&app, &token, &asset("reductions"), cut).await.0, StatusCode::CREATED);
    // The second round spans the switch: announced in June, held in July.
    let second = json!({ "date": "2026-07-13", "starting_price_vnd": 900_000_000, "announced_on": "2026-06-28" });
    let auction = send(&app, &token, &asset("auctions"), second).await.1["id"].as_i64().unwrap();
    let failed = json!({ "date": "2026-07-13", "outcome": "failed", "reason": "khong_tra_gia" });
    send(&app, &token, &format!("/api/v1/auctions/{auction}/outcome"), failed).await;
    let cut = json!({ "date": "2026-08-03", "starting_price_vnd": 810_000_000, "decided_by": "officer" });
    assert_eq!(send(&app, &token, &asset("reductions"), cut).await.0, StatusCode::CREATED);
    let third = json!({ "date": "2026-08-24", "starting_price_vnd": 810_000_000, "announced_on": "2026-08-07" });
    let auction = send(&app, &token, &asset("auctions"), third).await.1["id"].as_i64().unwrap();
    let failed = json!({ "date": "2026-08-24", "outcome": "failed", "reason": "khong_dang_ky" });
    let (_, body) = send(&app, &token, &format!("/api/v1/auctions/{auction}/outcome"), failed).await;
    assert_eq!((body["round"].as_i64(), body["creditor_may_take"].as_bool()), (Some(3), Some(true)), "{body}");

    let take = json!({ "date": "2026-08-25", "case_id": case.0 });
    let (status, body) = send(&app, &token, &asset("creditor-takes"), take).await;
    assert_eq!((status, body["state"].as_str()), (StatusCode::CREATED, Some("creditor_taking")), "{body}");
    // The debtor's window (new regime: notice in 3 working days, then 5 to redeem) opens.
    let window = body["deadlines"].as_array().unwrap().iter().find(|d| d["kind"] == "debtor_redemption").cloned();
    let window = window.unwrap_or_else(|| panic!("{body}"));
    assert_eq!(window["started_on"], "2026-08-28", "{window}");
    let (status, body) = send(&app, &token, &asset("handover"), json!({ "date": "2026-08-26" })).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("asset_step_refused")));
    let (status, body) = send(&app, &token, &asset("handover"), json!({ "date": "2026-09-21" })).await;
    assert_eq!((status, body["state"].as_str()), (StatusCode::OK, Some("handed_over")), "{body}");
    // The value credited is what the case still owed: all of it.
    let stored = app.db(|s| s.case(case)).unwrap().unwrap();
    assert_eq!((stored.current.collected.dong(), stored.current.outstanding.dong()), (50_000_000, 0));

    let r = app.api(&token, Method::GET, &format!("/api/v1/assets/{id}"), None).await;
    let shown: Value = r.json().await.unwrap();
    let keys: Vec<&str> = shown.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["creditor_may_take", "deadlines", "history", "round", "starting_price_vnd", "state", "valuation_vnd"]
    );
    assert_eq!(
        (shown["valuation_vnd"].as_i64(), shown["starting_price_vnd"].as_i64()),
        (Some(1_000_000_000), Some(810_000_000))
    );
    assert_eq!(shown["history"].as_array().unwrap().len(), 12);
    // Another unit's officer does not see it.
    let other = app.token("officer.kv2").await;
    assert_eq!(
        app.api(&other, Method::GET, &format!("/api/v1/assets/{id}"), None).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_coercion_at_night_is_refused_and_a_day_session_planned_with_police_steps() {
    let app = TestApp::spawn().await;
    let case = officer_case(&app, "902/QĐ-CCTHADS");
    let token = app.token(&login_of(Role::Officer)).await;
    let path = format!("/api/v1/cases/{}/coercion-plans", case.0);
    let night =
        json!({ "starts": "10/03/2026 21:00", "ends": "10/03/2026 23:00", "place": "Xã Tân Dĩnh", "forces": 10 });
    let (status, body) = send(&app, &token, &path, night).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let day = json!({ "starts": "20/03/2026 08:00", "ends": "20/03/2026 11:30", "place": "Xã Tân Dĩnh", "forces": 10,
        "costs_vnd": 7_500_000 });
    let (status, body) = send(&app, &token, &path, day).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let plans = app.db(|s| s.coercion_plans(case)).unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].plan.costs.dong(), 7_500_000);
    assert_eq!(plans[0].plan.police_steps[0].due, date!(2026 - 03 - 13));
}

#[tokio::test]
async fn an_asset_not_valued_in_time_is_overdue_in_the_worklist() {
    let app = TestApp::spawn().await;
    let case = officer_case(&app, "904/QĐ-CCTHADS");
    let token = app.token(&login_of(Role::Officer)).await;
    let today = thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc());
    let seized = thads_core::dates::format_iso(today - time::Duration::days(30));
    let seize = json!({ "kind": "dat_nha", "description": "Thửa đất số 7", "seized_on": seized });
    let (status, body) = send(&app, &token, &format!("/api/v1/cases/{}/assets", case.0), seize).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let r = app.api(&token, Method::GET, "/api/v1/deadlines?unit=BG-KV1&overdue=true", None).await;
    let list: Value = r.json().await.unwrap();
    let found = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["kind"] == "valuation_contract" && i["case_id"] == json!(case.0) && i["overdue"] == json!(true));
    assert!(found, "{list}");
    // The English worklist names the asset's limit in English.
    let s = app.sign_in(&login_of(Role::Officer)).await;
    let cookie = format!("{}; lang=en", s.cookie);
    let r = app.client.get(app.url("/deadlines?unit=BG-KV1")).header("cookie", cookie).send().await.unwrap();
    let page = r.text().await.unwrap();
    assert!(page.contains(": Sign the valuation contract") && page.contains("Asset #"), "{page}");
    assert!(!page.contains("Tài sản #"), "no Vietnamese label on the English page");
}

/// The statistics page's asset section: a row per section with its own assets, then the
/// province's total (all read in one pass, `measures_by_unit`).
#[tokio::test]
async fn the_statistics_page_counts_each_sections_assets_and_the_total() {
    let app = TestApp::spawn().await;
    let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
    let seize = |case: CaseId, description: &str| thads_app::assets::SeizeInput {
        cases: vec![case],
        kind: thads_core::assets::AssetKind::PhuongTien,
        description: description.into(),
        location: String::new(),
        owner: "Nguyễn Văn A".into(),
        encumbrances: String::new(),
        seized_on: date!(2026 - 05 - 04),
        decision: "15/QĐ-CCTHADS".into(),
        perishable: false,
        for_state_budget: false,
    };
    let kv1 = officer_case(&app, "902/QĐ-CCTHADS");
    let (first, second) = (seize(kv1, "Xe máy 98B-111.11"), seize(kv1, "Xe máy 98B-222.22"));
    let other = seize(app.other_case, "Xe ô tô 98A-333.33");
    app.db(|s| {
        for input in [&first, &second, &other] {
            thads_app::assets::seize(s, &actor, input).unwrap();
        }
    });
    app.db(|s| crate::common::add_staff(s, app.units.province, "head.bg", "Trưởng tỉnh", Role::Head));
    let s = app.sign_in("head.bg").await;
    let page = app.get(&s, "/stats?unit=BG&year=2026&months=12").await.text().await.unwrap();
    let section = &page[page.find("id=\"asset-measures\"").expect("the asset section")..];
    let assets_of = |row: &str| {
        let at = section.find(row).unwrap_or_else(|| panic!("{row} in {section}"));
        let cells: Vec<&str> = section[at..].split("<td class=\"num\">").skip(1).take(1).collect();
        cells[0].split('<').next().unwrap().to_string()
    };
    assert_eq!(assets_of("data-unit=\"BG-KV1\""), "2", "{section}");
    assert_eq!(assets_of("data-unit=\"BG-KV2\""), "1", "{section}");
    assert_eq!(assets_of("class=\"total\" data-unit=\"BG\""), "3", "{section}");
}
