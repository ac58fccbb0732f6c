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

/// A province's report by unit: a row per regional section (the province has no cases of its
/// own here), then the total, in the API (`by_unit=true`, new keys only) and on the page in
/// both languages.
#[tokio::test]
async fn a_report_by_unit_lists_each_section_then_the_total() {
    let app = TestApp::spawn().await;
    app.db(|s| crate::common::add_staff(s, app.units.province, "head.bg", "Trưởng tỉnh", Role::Head));
    let token = app.token("head.bg").await;
    let path = "/api/v1/reports?unit=BG&year=2026&months=12";
    let plain: Value = app.api(&token, Method::GET, path, None).await.json().await.unwrap();
    assert!(plain.get("rows").is_none(), "rows only when asked for: {plain}");
    let r: Value = app.api(&token, Method::GET, &format!("{path}&by_unit=true"), None).await.json().await.unwrap();
    for key in ["unit", "from", "to", "cases", "money", "target"] {
        assert_eq!(r[key], plain[key], "{key} unchanged");
    }
    let rows = r["rows"].as_array().unwrap();
    let codes: Vec<&str> = rows.iter().map(|x| x["unit"].as_str().unwrap()).collect();
    assert_eq!(codes, ["BG-KV1", "BG-KV2"], "{r}");
    assert_eq!(rows[0]["own"], false);
    assert_eq!(rows[0]["cases"]["new"], 1);
    assert_eq!(rows[1]["money"]["new"], 50_000_000);
    let sum: i64 = rows.iter().map(|x| x["money"]["to_enforce"].as_i64().unwrap()).sum();
    assert_eq!(r["total"]["money"]["to_enforce"].as_i64(), Some(sum));
    assert_eq!(r["total"]["cases"], r["cases"]);
    let bad = app.api(&token, Method::GET, &format!("{path}&by_unit=maybe"), None).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    // The page: the table by unit, each section a link to its own statistics.
    let s = app.sign_in("head.bg").await;
    let page = app.get(&s, "/stats?unit=BG&year=2026&months=12").await.text().await.unwrap();
    assert!(page.contains("<h2>Theo đơn vị</h2>"), "{page}");
    assert!(page.contains("data-unit=\"BG-KV2\"><th><a href=\"/stats?unit=BG-KV2&year=2026&months=12\">"), "{page}");
    assert!(page.contains("<tr class=\"total\" data-unit=\"BG\"><th>Tổng cộng: "), "{page}");
    let en = app
        .client
        .get(app.url("/stats?unit=BG&year=2026&months=12"))
        .header(reqwest::header::COOKIE, format!("{}; lang=en", s.cookie))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("<h2>By unit</h2>") && en.contains("<th>Total: "), "{en}");
    // The export has the same rows: the sections, then the total.
    let csv = app.get(&s, "/stats/export?unit=BG&year=2026&months=12&format=csv").await.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().filter(|l| l.contains(",cases,")).collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].contains(",by_unit,BG-KV1,") && lines[2].contains(",total,BG,"), "{csv}");
}

/// A section's own page: its own cases are its one row, labelled so in both languages.
#[tokio::test]
async fn a_section_page_labels_its_own_cases_in_both_languages() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Head)).await;
    let page = app.get(&s, "/stats?unit=BG-KV1&year=2026&months=12").await.text().await.unwrap();
    assert!(page.contains("(việc của đơn vị)</th>"), "{page}");
    let en = app
        .client
        .get(app.url("/stats?unit=BG-KV1&year=2026&months=12"))
        .header(reqwest::header::COOKIE, format!("{}; lang=en", s.cookie))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("(own cases)</th>"), "{en}");
}
