//! Golden pages: the case page and the statistics page as an officer sees them, compared with
//! the reviewed snapshots in `snapshots/` (the same files on SQLite and on PostgreSQL). The
//! server's clock is stopped (`TestApp::spawn_at`), so dates, day counts and the default period
//! do not move; the one thing left that changes with each sign-in, the CSRF token, is redacted.
//! A change of a page shows here as a diff to review (`cargo insta review`, or accept the
//! `.snap.new` file).

use reqwest::StatusCode;
use thads_app::Actor;
use thads_core::{CaseId, Role};
use time::macros::{date, datetime};

use crate::common::{Session, TestApp, login_of};

/// A Monday in the first month of reporting year 2026, at 16:00 in Vietnam: a week after the
/// seeded cases were found with means, while their first deadlines run.
const NOW: time::OffsetDateTime = datetime!(2025-10-27 09:00 UTC);

async fn page(app: &TestApp, session: &Session, path: &str) -> String {
    let r = app.get(session, path).await;
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    let html = r.text().await.unwrap();
    assert!(html.contains(&session.csrf), "the token to redact is on the page");
    redact_lookup_code(&html.replace(&session.csrf, "[csrf]"))
}

/// The case's lookup code derives from the database's random key: redacted too.
fn redact_lookup_code(html: &str) -> String {
    let marker = "id=\"lookup-code-value\">";
    match html.split_once(marker) {
        Some((before, after)) => {
            let rest = after.split_once('<').map_or("", |(_, r)| r);
            format!("{before}{marker}[lookup code]<{rest}")
        }
        None => html.to_string(),
    }
}

/// A case of BG-KV1's officer accepted on 20/10/2025: its first deadlines are running.
fn accepted_last_week(app: &TestApp) -> CaseId {
    let mut facts = thads_testkit::facts(app.units.region1, "77/QĐ-THADS", date!(2025 - 10 - 20), 30_000_000);
    facts.debtor = "Phạm Thị Lan".into();
    facts.officer = Some(app.staff[&login_of(Role::Officer)]);
    let actor = Actor { login: "thu.ky".into(), at: NOW };
    let rules = thads_core::Rules::default();
    app.db(|s| thads_app::cases::record::create_case(s, &actor, &rules, facts)).unwrap().case.id
}

/// The case accepted last week with 5.000.000 đ collected through its page, as the officer.
async fn with_money_collected(app: &TestApp, s: &Session) -> CaseId {
    let id = accepted_last_week(app);
    let v = app.version(id).to_string();
    let collect = [("version", v.as_str()), ("code", "collected"), ("date", "24/10/2025"), ("amount", "5.000.000")];
    let posted = app.post_form(s, &format!("/cases/{}/events", id.0), &collect).await;
    assert_eq!(posted.status(), StatusCode::SEE_OTHER);
    id
}

/// A new case: facts, money, the deadlines running, the timeline with what each record did,
/// and the forms an officer may use.
#[tokio::test]
async fn the_case_page() {
    let app = TestApp::spawn_at(NOW).await;
    let s = app.sign_in(&login_of(Role::Officer)).await;
    let id = with_money_collected(&app, &s).await;
    insta::assert_snapshot!("case_page", page(&app, &s, &format!("/cases/{}", id.0)).await);
}

/// The statistics of BG-KV1 for the default period (the reporting year so far: October), the
/// seeded case and the new one, with the links behind each figure and the exports.
#[tokio::test]
async fn the_statistics_page() {
    let app = TestApp::spawn_at(NOW).await;
    let s = app.sign_in(&login_of(Role::Officer)).await;
    with_money_collected(&app, &s).await;
    insta::assert_snapshot!("statistics_page", page(&app, &s, "/stats?unit=BG-KV1").await);
}
