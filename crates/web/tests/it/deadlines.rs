//! Legal deadlines on the dashboard (overdue and due this week in the unit's scope, by officer)
//! and on the case page, as `thads_app::deadlines` reads them from the derived table.

use thads_app::Actor;
use thads_app::deadlines::{by_officer, due_this_week, of_case, overdue, overview};
use thads_core::{CaseId, Role};
use time::{Date, Duration};

use crate::common::{TestApp, login_of};

/// A new case of BG-KV1's officer accepted `days_ago`: its first deadlines start running.
fn opened(app: &TestApp, no: &str, today: Date, days_ago: i64) -> CaseId {
    let mut facts = thads_testkit::facts(app.units.region1, no, today - Duration::days(days_ago), 20_000_000);
    facts.debtor = "Phạm Thị Lan".into();
    facts.officer = Some(app.staff[&login_of(Role::Officer)]);
    let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
    let rules = thads_core::Rules::default();
    app.db(|s| thads_app::cases::record::create_case(s, &actor, &rules, facts)).unwrap().case.id
}

#[tokio::test]
async fn the_dashboard_and_the_case_page_show_the_deadlines() {
    let app = TestApp::spawn().await;
    let today = thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc());
    let s = app.sign_in(&login_of(Role::Head)).await;
    let before = app.get(&s, "/?unit=BG-KV1").await.text().await.unwrap();
    assert_eq!(count(&before, "deadlines-overdue"), "0", "{before}");
    // Written by another process: the dashboard kept for the old data is not shown again.
    opened(&app, "77/QĐ-THADS", today, 40);
    let fresh = opened(&app, "78/QĐ-THADS", today, 1);
    let own = app.db(|s| of_case(s, fresh, today)).unwrap();
    assert!(!own.is_empty(), "a new case has deadlines");
    let late = app.db(|s| overdue(s, &[app.units.region1], today, None)).unwrap();
    let loads = app.db(|s| by_officer(s, &[app.units.region1], today)).unwrap();
    let page = app.get(&s, "/?unit=BG-KV1").await.text().await.unwrap();
    assert_eq!(count(&page, "deadlines-overdue"), late.len().to_string(), "{page}");
    let week: u64 = loads.iter().map(|l| l.due_this_week).sum();
    assert_eq!(count(&page, "deadlines-week"), week.to_string(), "{page}");
    assert!(page.contains("href=\"/deadlines?unit=BG-KV1&amp;overdue=true\""), "the count links to the worklist");
    assert!(page.contains("href=\"/deadlines?unit=BG-KV1&amp;officer=officer.kv1\""), "the officer too");
    let first = late.first().expect("the case accepted 40 days ago is late");
    assert!(page.contains(&first.kind_vi) && page.contains("77/QĐ-THADS"), "the oldest overdue is listed");
    assert!(page.contains("Cán bộ officer"), "by officer, named");
    assert!(!page.contains("12/QĐ-THADS"), "another unit's deadlines are not there");
    let case = app.get(&s, &format!("/cases/{}", fresh.0)).await.text().await.unwrap();
    for item in &own {
        let due = thads_core::dates::format_vn(item.due);
        assert!(case.contains(&item.kind_vi) && case.contains(&due), "{} due {due} on the case page", item.kind_vi);
    }
    let english = app
        .client
        .get(app.url(&format!("/cases/{}", fresh.0)))
        .header(reqwest::header::COOKIE, format!("{}; lang=en", s.cookie))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(english.contains("Deadlines of this case"), "{english}");
    assert!(!english.contains(&own[0].kind_vi), "rule names in English too");
}

/// The figure shown in the element of `id` (inside its link, if it has one).
fn count(page: &str, id: &str) -> String {
    let at = page.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id}"));
    let rest = &page[at..];
    let rest = &rest[rest.find('>').unwrap() + 1..];
    let rest = if rest.starts_with("<a ") { &rest[rest.find('>').unwrap() + 1..] } else { rest };
    rest[..rest.find('<').unwrap()].to_string()
}

fn today() -> Date {
    thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc())
}

/// Records `event` on `case` through the use case, as the officer would.
fn record(app: &TestApp, case: CaseId, event: thads_core::Event) {
    let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
    let rules = thads_core::Rules::default();
    let version = app.version(case);
    let new = thads_app::cases::record::NewRecord::event(event);
    app.db(|s| thads_app::cases::record::record(s, &actor, &rules, case, version, new)).unwrap();
}

fn event(date: Date, code: thads_core::EventCode, amount: Option<i64>) -> thads_core::Event {
    thads_core::Event { date, code, amount: amount.map(|a| thads_core::Vnd::new(a).unwrap()), ground: None }
}

async fn items(app: &TestApp, token: &str, query: &str) -> (reqwest::StatusCode, serde_json::Value) {
    let r = app.api(token, reqwest::Method::GET, &format!("/api/v1/deadlines{query}"), None).await;
    let status = r.status();
    (status, r.json().await.unwrap_or_default())
}

#[tokio::test]
async fn the_worklist_api_lists_a_scope_s_deadlines_as_the_contract_says() {
    let app = TestApp::spawn().await;
    let today = today();
    let late = opened(&app, "81/QĐ-THADS", today, 40);
    let fresh = opened(&app, "82/QĐ-THADS", today, 1);
    let token = app.token(&login_of(Role::Head)).await;
    let (status, all) = items(&app, &token, "?unit=BG-KV1").await;
    assert_eq!(status, 200, "{all}");
    let list = all["items"].as_array().unwrap();
    assert!(list.iter().any(|i| i["case_id"] == late.0) && list.iter().any(|i| i["case_id"] == fresh.0), "{all}");
    let mut keys: Vec<&str> = list[0].as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["case_id", "case_no", "citation", "due", "kind", "officer", "overdue", "unit"]);
    assert_eq!(all.as_object().unwrap().len(), 1, "only items: {all}");
    let dues: Vec<&str> = list.iter().map(|i| i["due"].as_str().unwrap()).collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "due date first: {dues:?}");
    assert!(list.iter().all(|i| i["unit"] == "BG-KV1" && i["officer"] == "officer.kv1"), "{all}");
    assert!(list.iter().all(|i| !i["citation"].as_str().unwrap().is_empty()), "{all}");

    let (_, late_only) = items(&app, &token, "?unit=BG-KV1&overdue=true").await;
    let late_items = late_only["items"].as_array().unwrap();
    assert!(!late_items.is_empty() && late_items.iter().all(|i| i["overdue"] == true), "{late_only}");
    assert!(late_items.iter().all(|i| i["case_id"] == late.0), "only the old case is late: {late_only}");

    let before = thads_core::dates::format_iso(today + Duration::days(3));
    let (_, soon) = items(&app, &token, &format!("?unit=BG-KV1&due_before={before}")).await;
    let soon_items = soon["items"].as_array().unwrap();
    assert!(soon_items.len() < list.len(), "{soon}");
    assert!(soon_items.iter().all(|i| i["due"].as_str().unwrap() < before.as_str()), "{soon}");

    for officer in ["officer.kv1", "C%C3%A1n%20b%E1%BB%99%20officer", "can%20bo%20OFFICER"] {
        let (_, by) = items(&app, &token, &format!("?unit=BG-KV1&officer={officer}")).await;
        assert_eq!(by["items"].as_array().unwrap().len(), list.len(), "by login or name «{officer}»: {by}");
    }
    let (_, nobody) = items(&app, &token, "?unit=BG-KV1&officer=officer.kv2").await;
    assert_eq!(nobody["items"], serde_json::json!([]), "another unit's officer has nothing here");
    let (_, kind) = items(&app, &token, "?unit=BG-KV1&kind=first_verification&sort=case_no&dir=desc").await;
    let kinds = kind["items"].as_array().unwrap();
    assert!(!kinds.is_empty() && kinds.iter().all(|i| i["kind"] == "first_verification"), "{kind}");
    let nos: Vec<&str> = kinds.iter().map(|i| i["case_no"].as_str().unwrap()).collect();
    assert!(nos.windows(2).all(|w| w[0] >= w[1]), "sorted by number, descending: {nos:?}");

    for bad in ["?due_before=tomorrow", "?overdue=maybe", "?kind=nap", "?sort=debtor"] {
        let (status, body) = items(&app, &token, bad).await;
        assert_eq!(status, 400, "{bad}: {body}");
    }
    // Scope: an officer of the other section sees nothing of BG-KV1, asked or not.
    let other = app.token("officer.kv2").await;
    let (status, _) = items(&app, &other, "?unit=BG-KV1").await;
    assert_eq!(status, 403);
    let (status, theirs) = items(&app, &other, "").await;
    assert_eq!(status, 200);
    assert!(theirs["items"].as_array().unwrap().iter().all(|i| i["unit"] == "BG-KV2"), "{theirs}");
    // My cases: the officer's own.
    let mine = app.token(&login_of(Role::Officer)).await;
    let (_, own) = items(&app, &mine, "?mine=true").await;
    assert_eq!(own["items"].as_array().unwrap().len(), list.len(), "{own}");
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let (_, none) = items(&app, &clerk, "?mine=true").await;
    assert_eq!(none["items"], serde_json::json!([]), "a clerk has no cases of their own");
}

#[tokio::test]
async fn three_collections_on_one_day_are_one_payout_reminder() {
    let app = TestApp::spawn().await;
    let today = today();
    let case = opened(&app, "83/QĐ-THADS", today, 30);
    let day = today - Duration::days(2);
    record(&app, case, event(today - Duration::days(20), thads_core::EventCode::WithMeans, None));
    for amount in [1_000_000, 2_000_000, 3_000_000] {
        record(&app, case, event(day, thads_core::EventCode::Collected, Some(amount)));
    }
    let token = app.token(&login_of(Role::Head)).await;
    let (_, all) = items(&app, &token, "?unit=BG-KV1&kind=payout").await;
    let payouts: Vec<_> = all["items"].as_array().unwrap().iter().filter(|i| i["case_id"] == case.0).collect();
    assert_eq!(payouts.len(), 1, "one reminder for one day's collections: {all}");
}

#[tokio::test]
async fn the_worklist_page_filters_sorts_and_exports() {
    let app = TestApp::spawn().await;
    let today = today();
    opened(&app, "84/QĐ-THADS", today, 40);
    opened(&app, "85/QĐ-THADS", today, 1);
    let s = app.sign_in(&login_of(Role::Officer)).await;
    let page = app.get(&s, "/deadlines").await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("Việc cần làm") && page.contains("84/QĐ-THADS") && page.contains("85/QĐ-THADS"), "{page}");
    assert!(page.find("84/QĐ-THADS") < page.find("85/QĐ-THADS"), "earliest due first");
    assert!(page.contains("sort=case_no&#38;dir=asc"), "a heading sorts: {page}");
    assert!(page.contains("id=\"worklist-export\""), "{page}");
    let sorted = app.get(&s, "/deadlines?sort=case_no&dir=desc").await.text().await.unwrap();
    assert!(sorted.find("85/QĐ-THADS") < sorted.find("84/QĐ-THADS"), "by number, descending");
    for sort in ["due", "unit", "officer", "kind"] {
        let r = app.get(&s, &format!("/deadlines?sort={sort}&dir=desc")).await;
        assert_eq!(r.status(), 200, "sorted by {sort}");
        assert!(r.text().await.unwrap().contains("▼"), "the heading shows the order");
    }
    let late = app.get(&s, "/deadlines?overdue=true").await.text().await.unwrap();
    assert!(late.contains("84/QĐ-THADS") && !late.contains("85/QĐ-THADS"), "{late}");
    let mine = app.get(&s, "/deadlines?mine=true").await.text().await.unwrap();
    assert!(mine.contains("84/QĐ-THADS") && mine.contains("Tất cả chấp hành viên"), "{mine}");
    let export = app.get(&s, "/deadlines/export?overdue=true").await;
    assert_eq!(export.status(), 200);
    let kind = export.headers()[reqwest::header::CONTENT_TYPE].to_str().unwrap().to_string();
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let bytes = export.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX (zip) file");
    let english = app
        .client
        .get(app.url("/deadlines"))
        .header(reqwest::header::COOKIE, format!("{}; lang=en", s.cookie))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(english.contains("Worklist") && english.contains("My cases") && !english.contains("Việc cần làm"));
    let other = app.sign_in("officer.kv2").await;
    assert_eq!(app.get(&other, "/deadlines?unit=BG-KV1").await.status(), 403);
    let theirs = app.get(&other, "/deadlines").await.text().await.unwrap();
    assert!(!theirs.contains("84/QĐ-THADS"), "an officer of another unit sees nothing of it");
}

/// Money in the custody books is due for payout ten days after it came in, until a payout
/// clears it: the dashboard's counts, its oldest overdue, the officers' workload and the case
/// page say so as the worklist does, and the derived table holds no row counted from the
/// receipt's `collected` event (which would vanish on its due day and outlive the payout).
#[tokio::test]
async fn money_held_in_the_books_counts_as_overdue_on_the_dashboard_until_it_is_paid_out() {
    let app = TestApp::spawn().await;
    let today = today();
    let case = opened(&app, "79/QĐ-THADS", today, 40);
    record(&app, case, event(today - Duration::days(30), thads_core::EventCode::WithMeans, None));
    let officer = app.staff[&login_of(Role::Officer)];
    let region = [app.units.region1];
    let counts = |app: &TestApp| {
        app.db(|s| {
            let loads = by_officer(s, &region, today).unwrap();
            let tree = thads_core::UnitTree::new(s.units().unwrap());
            let work = thads_app::personnel::workload(s, &tree, region[0], today).unwrap();
            let line = work.iter().find(|l| l.officer == Some(officer)).map_or(0, |l| l.overdue);
            (loads.iter().map(|l| l.overdue).sum::<u64>(), line)
        })
    };
    let payouts = |app: &TestApp| {
        app.db(|s| overdue(s, &region, today, None))
            .unwrap()
            .into_iter()
            .filter(|i| i.kind == "payout" && i.case_id == case.0)
            .count()
    };
    let stored_payouts = |app: &TestApp| {
        let query = thads_store::DeadlineQuery { case: Some(case), ..thads_store::DeadlineQuery::on(today) };
        app.db(|s| s.deadlines(&query)).unwrap().iter().filter(|r| r.kind.code() == "payout").count()
    };
    let (before, before_officer) = counts(&app);
    let accountant = app.token(&login_of(Role::Accountant)).await;
    let iso = |d: Date| thads_core::dates::format_iso(d);
    let receipt = serde_json::json!({ "case_id": case.0, "date": iso(today - Duration::days(20)),
        "amount_vnd": 1_000_000, "payer": "Phạm Thị Lan", "method": "cash" });
    let r = app.api(&accountant, reqwest::Method::POST, "/api/v1/receipts", Some(receipt)).await;
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap_or_default());
    assert_eq!(stored_payouts(&app), 0, "no payout row counted from the receipt's event");
    assert_eq!(counts(&app), (before + 1, before_officer + 1), "held past its limit: overdue on both");
    assert_eq!(payouts(&app), 1, "listed among the oldest overdue");
    // The dashboard reads the books once for its three parts, and says what each reads alone.
    app.db(|s| {
        let once = overview(s, &region, today, 20).unwrap();
        assert_eq!(once.loads, by_officer(s, &region, today).unwrap());
        assert_eq!(once.oldest_overdue, overdue(s, &region, today, Some(20)).unwrap());
        assert!(once.oldest_overdue.iter().any(|i| i.kind == "payout" && i.case_id == case.0));
        let mut week = due_this_week(s, &region, today).unwrap();
        week.truncate(20);
        assert_eq!(once.due_this_week, week);
    });
    let s = app.sign_in(&login_of(Role::Head)).await;
    let page = app.get(&s, "/?unit=BG-KV1").await.text().await.unwrap();
    assert_eq!(count(&page, "deadlines-overdue"), (before + 1).to_string(), "{page}");
    let shown = app.get(&s, &format!("/cases/{}", case.0)).await.text().await.unwrap();
    assert!(shown.contains("(1.000.000 đ)"), "the case page shows the lot held: {shown}");

    let pay = serde_json::json!({ "case_id": case.0, "date": iso(today), "amount_vnd": 1_000_000,
        "method": "cash", "payee": "Chủ nợ", "payee_id": "024089009999" });
    let r = app.api(&accountant, reqwest::Method::POST, "/api/v1/payouts", Some(pay)).await;
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap_or_default());
    assert_eq!(counts(&app), (before, before_officer), "the payout clears it");
    assert_eq!(payouts(&app), 0);
    let page = app.get(&s, "/?unit=BG-KV1").await.text().await.unwrap();
    assert_eq!(count(&page, "deadlines-overdue"), before.to_string(), "the dashboard is not kept from before: {page}");
    let shown = app.get(&s, &format!("/cases/{}", case.0)).await.text().await.unwrap();
    assert!(!shown.contains("(1.000.000 đ)"), "nothing held, nothing due");

    // A rebuild of the whole table gives the same rows: none for the money in the books.
    let rules = thads_core::Rules::default();
    let (computed, stored) = app.db(|s| thads_app::deadlines::recompute_and_read(s, &rules, today)).unwrap();
    assert_eq!(computed, stored);
    app.db(|s| thads_app::deadlines::rebuild(s, &rules, today)).unwrap();
    assert_eq!(stored_payouts(&app), 0);
}
