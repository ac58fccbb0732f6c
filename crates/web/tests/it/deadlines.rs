//! Legal deadlines on the dashboard (overdue and due this week in the unit's scope, by officer)
//! and on the case page, as `thads_app::deadlines` reads them from the derived table.

use thads_app::Actor;
use thads_app::deadlines::{by_officer, of_case, overdue};
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
    assert!(before.contains("id=\"deadlines-overdue\">0<"), "{before}");
    // Written by another process: the dashboard kept for the old data is not shown again.
    opened(&app, "77/QĐ-THADS", today, 40);
    let fresh = opened(&app, "78/QĐ-THADS", today, 1);
    let own = app.db(|s| of_case(s, fresh, today)).unwrap();
    assert!(!own.is_empty(), "a new case has deadlines");
    let late = app.db(|s| overdue(s, &[app.units.region1], today, None)).unwrap();
    let loads = app.db(|s| by_officer(s, &[app.units.region1], today)).unwrap();
    let page = app.get(&s, "/?unit=BG-KV1").await.text().await.unwrap();
    assert!(page.contains(&format!("id=\"deadlines-overdue\">{}<", late.len())), "{page}");
    let week: u64 = loads.iter().map(|l| l.due_this_week).sum();
    assert!(page.contains(&format!("id=\"deadlines-week\">{week}<")), "{page}");
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
