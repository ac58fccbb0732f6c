//! An audit a person can read (issue 16 item 5): labels for actions, names for people, units
//! and cases, the fields that changed with their values in words, filters by unit, person,
//! action and dates within the reader's scope; the sign-in history; and the API's
//! `GET /api/v1/audit?case=ID` as the contract says.

use reqwest::{Method, StatusCode};
use thads_core::{EventCode, Role};
use thads_store::NewAudit;

use crate::admin::try_sign_in;
use crate::common::{TestApp, login_of};

/// The table `id` of a page (empty when there is none): the filters' options name every action
/// and outcome, so what a page lists is looked for here.
fn table(html: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\"");
    html.find(&marker).map_or_else(String::new, |at| {
        let rest = &html[at..];
        rest[..rest.rfind("</table>").unwrap_or(rest.len())].to_string()
    })
}

/// The officer of BG-KV1 is moved to the role of clerk by an administrator: an entry with a
/// unit, a before and an after.
async fn change_officer_role(app: &TestApp) {
    let admin = app.sign_in(&login_of(Role::Admin)).await;
    let id = app.staff[&login_of(Role::Officer)].0;
    let r = app.post_form(&admin, &format!("/users/{id}/role"), &[("role", "clerk"), ("unit", "BG-KV1")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_trail_reads_as_labels_names_and_changed_fields() {
    let app = TestApp::spawn().await;
    change_officer_role(&app).await;
    let head = app.sign_in(&login_of(Role::Head)).await;
    let page = app.get(&head, "/audit?unit=BG-KV1").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = table(&page.text().await.unwrap(), "audit-trail");
    assert!(html.contains("Đổi vai trò, đơn vị"), "the action's label");
    assert!(html.contains("Cán bộ admin"), "the actor's name");
    assert!(
        html.contains("Vai trò") && html.contains("Chấp hành viên") && html.contains("Thư ký"),
        "role before/after"
    );
    assert!(html.contains("46/QĐ-THADS"), "the case by its decision number");
    assert!(!html.contains("{\""), "no raw JSON");
    assert!(!html.contains("12/QĐ-THADS"), "nothing of BG-KV2");

    // Filters: action, person, dates.
    let by_action = app.get(&head, "/audit?unit=BG-KV1&action=user.change").await.text().await.unwrap();
    let by_action = table(&by_action, "audit-trail");
    assert!(by_action.contains("Đổi vai trò, đơn vị") && !by_action.contains("46/QĐ-THADS"));
    let by_person = app.get(&head, &format!("/audit?unit=BG-KV1&actor={}", login_of(Role::Admin))).await;
    let by_person = table(&by_person.text().await.unwrap(), "audit-trail");
    assert!(by_person.contains("Đổi vai trò, đơn vị") && !by_person.contains("46/QĐ-THADS"));
    let old = app.get(&head, "/audit?unit=BG-KV1&from=01/01/2020&until=31/12/2020").await.text().await.unwrap();
    assert!(table(&old, "audit-trail").is_empty() && old.contains("Không có mục nào"), "dates filter");
    let english = app.client.get(app.url("/audit?unit=BG-KV1")).header("cookie", format!("{}; lang=en", head.cookie));
    let english = table(&english.send().await.unwrap().text().await.unwrap(), "audit-trail");
    assert!(english.contains("Role or unit changed") && english.contains("Role"), "English labels");

    // Scope: BG-KV2 is not the head's; its people are not found.
    assert_eq!(app.get(&head, "/audit?unit=BG-KV2").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get(&head, "/audit?unit=BG-KV1&actor=officer.kv2").await.status(), StatusCode::NOT_FOUND);
    let clerk = app.sign_in(&login_of(Role::Clerk)).await;
    assert_eq!(app.get(&clerk, "/audit").await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn entries_of_no_unit_belong_to_the_root_only() {
    let app = TestApp::spawn().await;
    app.db(|s| {
        let mut tx = s.begin().unwrap();
        tx.insert_audit(&NewAudit {
            at: time::OffsetDateTime::now_utc(),
            actor: "operator".into(),
            case: None,
            action: "calendar.add".into(),
            before: None,
            after: Some(r#"{"date":"2026-01-02","kind":"day_off","source":"Thông báo 6150/TB-BNV"}"#.into()),
        })
        .unwrap();
        tx.commit().unwrap();
    });
    let head = app.sign_in(&login_of(Role::Head)).await;
    let html = app.get(&head, "/audit?unit=BG-KV1").await.text().await.unwrap();
    assert!(!table(&html, "audit-trail").contains("Thông báo 6150"), "not a unit's entry");
    app.db(|s| crate::common::add_staff(s, app.units.national, "qt.tw", "Quản trị Trung ương", Role::Admin));
    let root = app.sign_in("qt.tw").await;
    let html = table(&app.get(&root, "/audit?unit=VN").await.text().await.unwrap(), "audit-trail");
    assert!(html.contains("Thông báo 6150") && html.contains("02/01/2026") && html.contains("Toàn hệ thống"));
}

#[tokio::test]
async fn sign_ins_successful_and_refused_are_kept_and_shown_in_scope() {
    let app = TestApp::spawn().await;
    let officer = login_of(Role::Officer);
    assert_eq!(try_sign_in(&app, &officer, "wrong password!").await, StatusCode::UNAUTHORIZED);
    assert_eq!(try_sign_in(&app, "officer.kv2", "wrong password!").await, StatusCode::UNAUTHORIZED);
    assert_eq!(try_sign_in(&app, "ai.do.khong.biet", "wrong password!").await, StatusCode::UNAUTHORIZED);
    for _ in 0..5 {
        try_sign_in(&app, &officer, "wrong again!!").await;
    }
    assert_eq!(try_sign_in(&app, &officer, crate::common::PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    let head = app.sign_in(&login_of(Role::Head)).await;
    let page = app.get(&head, "/audit/sign-ins?unit=BG-KV1").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = table(&page.text().await.unwrap(), "sign-ins");
    assert!(html.contains(&officer) && html.contains("Cán bộ officer"), "login and name");
    assert!(html.contains("Bị từ chối") && html.contains("Bị chặn") && html.contains("Thành công"), "outcomes");
    assert!(html.contains("127.0.0.1"), "the address");
    assert!(!html.contains("officer.kv2") && !html.contains("ai.do.khong.biet"), "only the unit's people");
    let locked = app.get(&head, "/audit/sign-ins?unit=BG-KV1&outcome=locked").await.text().await.unwrap();
    let locked = table(&locked, "sign-ins");
    assert!(locked.contains("Bị chặn") && !locked.contains("Thành công"));
    let api_sign_in = app.token(&login_of(Role::Clerk)).await;
    assert!(!api_sign_in.is_empty());
    let clerk_rows = app.get(&head, &format!("/audit/sign-ins?unit=BG-KV1&login={}", login_of(Role::Clerk))).await;
    assert!(table(&clerk_rows.text().await.unwrap(), "sign-ins").contains("Thành công"), "API sign-ins are kept too");
    assert_eq!(app.get(&head, "/audit/sign-ins?unit=BG-KV2").await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_api_gives_a_case_trail_as_the_contract_says() {
    let app = TestApp::spawn().await;
    let head = app.token(&login_of(Role::Head)).await;
    let r = app.api(&head, Method::GET, &format!("/api/v1/audit?case={}", app.own_case.0), None).await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: serde_json::Value = r.json().await.unwrap();
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["items"]);
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "created, then with_means");
    for item in items {
        let mut keys: Vec<&String> = item.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["action", "actor", "at", "changes"]);
        for change in item["changes"].as_array().unwrap() {
            let mut keys: Vec<&String> = change.as_object().unwrap().keys().collect();
            keys.sort();
            assert_eq!(keys, ["after", "before", "field"]);
        }
    }
    assert_eq!(items[0]["action"], "case.create");
    assert_eq!(items[1]["action"], "event.add");
    assert_eq!(items[1]["actor"], "test");
    assert!(items[1]["at"].as_str().unwrap().ends_with('Z'));
    let state = items[1]["changes"].as_array().unwrap().iter().find(|c| c["field"] == "state").unwrap();
    assert_eq!(
        (state["before"].as_str(), state["after"].as_str()),
        (Some("opened"), Some(EventCode::WithMeans.code()))
    );
    let created = items[0]["changes"].as_array().unwrap();
    assert!(created.iter().all(|c| c["before"].is_null()), "a creation has no before");
    assert!(created.iter().any(|c| c["field"] == "facts.case_no" && c["after"] == "46/QĐ-THADS"));

    // Refusals: a case of another unit is not there; a role without the audit is forbidden;
    // no case or a bad one.
    let other = format!("/api/v1/audit?case={}", app.other_case.0);
    assert_eq!(app.api(&head, Method::GET, &other, None).await.status(), StatusCode::NOT_FOUND);
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let own = format!("/api/v1/audit?case={}", app.own_case.0);
    let r = app.api(&clerk, Method::GET, &own, None).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["code"], "forbidden");
    assert_eq!(app.api(&head, Method::GET, "/api/v1/audit", None).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.api(&head, Method::GET, "/api/v1/audit?case=abc", None).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.api(&head, Method::GET, "/api/v1/audit?case=999999", None).await.status(), StatusCode::NOT_FOUND);
    let anonymous = app.client.get(app.url(&own)).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

/// The hash chain's state: whole after the app's own changes, with the entries counted and the
/// head's hash, for an administrator of the whole installation only (page and API alike).
#[tokio::test]
async fn the_chain_is_shown_whole_to_administrators_of_the_installation() {
    let app = TestApp::spawn().await;
    change_officer_role(&app).await;
    let national = app.units.national;
    app.db(|s| crate::common::add_staff(s, national, "admin.vn", "Quản trị toàn quốc", Role::Admin));
    let entries = app.db(|s| thads_store::check_chain(s, 100).unwrap());
    assert!(entries.entries >= 1 && entries.fault.is_none(), "{entries:?}");
    let admin = app.sign_in("admin.vn").await;
    let page = app.get(&admin, "/audit/chain").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Nhật ký nguyên vẹn"), "{html}");
    assert!(html.contains(entries.head.as_deref().unwrap()), "the head's hash");
    let trail = app.get(&admin, "/audit").await.text().await.unwrap();
    assert!(trail.contains("id=\"audit-chain-link\""), "the trail links to the check");
    let token = app.token("admin.vn").await;
    let api = app.api(&token, Method::GET, "/api/v1/audit/chain", None).await;
    assert_eq!(api.status(), StatusCode::OK);
    let body: serde_json::Value = api.json().await.unwrap();
    assert_eq!(body["ok"], true);
    assert_eq!(body["entries"].as_u64(), Some(entries.entries));
    assert_eq!(body["head"].as_str(), entries.head.as_deref());
    assert!(body["fault"].is_null());
    // An administrator of BG-KV1 only: refused, and not offered the link.
    let regional = app.sign_in(&login_of(Role::Admin)).await;
    assert_eq!(app.get(&regional, "/audit/chain").await.status(), StatusCode::FORBIDDEN);
    let regional_token = app.token(&login_of(Role::Admin)).await;
    let refused = app.api(&regional_token, Method::GET, "/api/v1/audit/chain", None).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let trail = app.get(&regional, "/audit?unit=BG-KV1").await.text().await.unwrap();
    assert!(!trail.contains("audit-chain-link"), "no link for whom the check is refused");
}
