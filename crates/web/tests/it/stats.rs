//! Statistics pages over the live engine: figures follow writes made by another process, and
//! a figure lists the cases behind it with their total.

use reqwest::{Method, StatusCode};
use serde_json::Value;
use thads_app::{Actor, NewRecord};
use thads_core::{Event, EventCode, Role, Vnd};
use time::macros::date;

use crate::common::{TestApp, login_of};

const REPORT: &str = "/api/v1/reports?unit=BG-KV1&year=2026&months=12";

#[tokio::test]
async fn figures_follow_a_write_made_by_another_process() {
    let app = TestApp::spawn().await;
    let token = app.token(&login_of(Role::Statistician)).await;
    let before: Value = app.api(&token, Method::GET, REPORT, None).await.json().await.unwrap();
    assert_eq!(before["money"]["completed"], 0, "{before}");
    // The command line writes to the same database: the server only sees the generation move.
    let actor = Actor { login: "cli".into(), at: time::OffsetDateTime::now_utc() };
    let collected = Event {
        date: date!(2025 - 11 - 03),
        code: EventCode::Collected,
        amount: Some(Vnd::new(7_000_000).unwrap()),
        ground: None,
    };
    let rules = thads_core::Rules::default();
    let version = app.version(app.own_case);
    app.db(|s| thads_app::cases::record::record(s, &actor, &rules, app.own_case, version, NewRecord::event(collected)))
        .unwrap();
    let after: Value = app.api(&token, Method::GET, REPORT, None).await.json().await.unwrap();
    assert_eq!(after["money"]["completed"], 7_000_000, "{after}");
}

#[tokio::test]
async fn a_figure_lists_the_cases_behind_it_with_their_total() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Head)).await;
    let r = app.get(&s, "/stats/cases?unit=BG-KV1&year=2026&months=12&form=cases&column=new").await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(page.contains("46/QĐ-THADS"), "{page}");
    assert!(!page.contains("12/QĐ-THADS"), "another unit's case is not behind this unit's figure");
    assert!(page.contains("id=\"drill-total\">Số việc tính vào số liệu: 1<"), "{page}");
    let money = app.get(&s, "/stats/cases?unit=BG-KV1&year=2026&months=12&form=money&column=new").await;
    assert!(money.text().await.unwrap().contains("50.000.000 đ</td></tr>"), "the last column: its contribution");
}
