//! Two servers on one database (issue 24): a write on one reaches the other's statistics
//! through the ledger log, change by change and in generation order, without a whole reload;
//! a write the log cannot carry (an import) makes the other reload, and both stay equal to a
//! server that loads afresh.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_core::Role;

use crate::common::{TestApp, login_of};

const REPORT: &str = "/api/v1/reports?unit=BG-KV1&year=2026&months=12&by_unit=true";

/// (whole reloads, catch-ups through the log) of a server's statistics engine, from `/metrics`.
async fn followed(app: &TestApp) -> (f64, f64) {
    let text = app.client.get(app.url("/metrics")).send().await.unwrap().text().await.unwrap();
    let value = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("{name} in {text}"))
    };
    (value("thads_engine_reloads_total"), value("thads_engine_catchups_total"))
}

async fn report(app: &TestApp, token: &str) -> Value {
    let r = app.api(token, Method::GET, REPORT, None).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

async fn collect(app: &TestApp, token: &str, day: &str, amount: i64) {
    let body = json!({ "date": day, "event": "collected", "amount_vnd": amount, "ground": "" });
    let r = app.api(token, Method::POST, &format!("/api/v1/cases/{}/events", app.own_case.0), Some(body)).await;
    assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap());
}

/// What a server loading the database now computes.
async fn afresh(app: &TestApp) -> Value {
    let fresh = app.beside().await;
    report(&fresh, &fresh.token(&login_of(Role::Statistician)).await).await
}

#[tokio::test]
async fn a_write_on_one_server_reaches_the_other_through_the_ledger_log() {
    let a = TestApp::spawn().await;
    let b = a.beside().await;
    let (reader_a, officer_a) = (a.token(&login_of(Role::Statistician)).await, a.token(&login_of(Role::Officer)).await);
    let (reader_b, officer_b) = (b.token(&login_of(Role::Statistician)).await, b.token(&login_of(Role::Officer)).await);
    assert_eq!(report(&a, &reader_a).await["money"]["completed"], 0);
    assert_eq!(report(&b, &reader_b).await["money"]["completed"], 0);
    let (a0, b0) = (followed(&a).await, followed(&b).await);

    // B writes; then A writes while behind B: A's own change is not the next generation of
    // its engine, so A leaves it to the log, which brings both in order at A's next read.
    collect(&b, &officer_b, "2025-11-03", 7_000_000).await;
    collect(&a, &officer_a, "2025-11-04", 1_000_000).await;
    let on_a = report(&a, &reader_a).await;
    assert_eq!(on_a["money"]["completed"], 8_000_000, "{on_a}");
    assert_eq!(followed(&a).await, (a0.0, a0.1 + 1.0), "A caught up once, without a reload");

    // B applied its own write at once and takes A's from the log.
    let on_b = report(&b, &reader_b).await;
    assert_eq!(on_b["money"]["completed"], 8_000_000, "{on_b}");
    assert_eq!(followed(&b).await, (b0.0, b0.1 + 1.0), "B caught up once, without a reload");

    // Both engines are what a server loading the database now computes, unit by unit.
    let fresh = afresh(&a).await;
    assert_eq!(on_a, fresh);
    assert_eq!(on_b, fresh);

    // A's next own write is the next generation again: applied at once, nothing to catch up.
    collect(&a, &officer_a, "2025-11-05", 500_000).await;
    assert_eq!(report(&a, &reader_a).await["money"]["completed"], 8_500_000);
    assert_eq!(followed(&a).await, (a0.0, a0.1 + 1.0));
}

/// A server that only writes while another writes too: its own writes are not its engine's
/// next generation, so without a read its engine would fall behind until the log no longer
/// reaches it (and the next read reloaded everything). Past `FOLLOW_LAG` generations a write
/// follows the log itself: a catch-up with no read, no reload, and the figures right.
#[tokio::test]
async fn a_server_that_only_writes_follows_the_log_without_a_read() {
    let a = TestApp::spawn().await;
    let b = a.beside().await;
    let (reader_a, officer_a) = (a.token(&login_of(Role::Statistician)).await, a.token(&login_of(Role::Officer)).await);
    let officer_b = b.token(&login_of(Role::Officer)).await;
    assert_eq!(report(&a, &reader_a).await["money"]["completed"], 0);
    let a0 = followed(&a).await;
    collect(&b, &officer_b, "2025-11-03", 10_000).await;
    for _ in 0..70 {
        collect(&a, &officer_a, "2025-11-04", 1_000).await;
    }
    let a1 = followed(&a).await;
    assert_eq!(a1.0, a0.0, "no whole reload");
    assert!(a1.1 > a0.1, "A followed the log during its writes, before any read: {a0:?} → {a1:?}");
    let on_a = report(&a, &reader_a).await;
    assert_eq!(on_a["money"]["completed"], 80_000, "{on_a}");
    assert_eq!(on_a, afresh(&a).await);
}

#[tokio::test]
async fn an_import_on_one_server_makes_the_other_reload_whole_and_stay_right() {
    let a = TestApp::spawn().await;
    let b = a.beside().await;
    let reader_a = a.token(&login_of(Role::Statistician)).await;
    let before = report(&a, &reader_a).await;
    let reloads = followed(&a).await.0;

    let clerk = b.sign_in(&login_of(Role::Clerk)).await;
    let cases = "unit,case_no,accepted_on,origin,judgment_type,amount_vnd,debtor,creditor,officer\n\
                 BG-KV1,101/QĐ-THADS,02/10/2025,chu_dong,dan_su,12.000.000,Đỗ Văn Hải,Ngân hàng A,officer.kv1\n\
                 BG-KV1,102/QĐ-THADS,2025-10-03,theo_yeu_cau,dan_su,0,Lý Thị Mai,Trần Văn B,\n";
    let upload = b.upload(&clerk, "BG-KV1", &[("cases.csv", cases.as_bytes())]).await;
    let page = crate::import::finished(&b, &clerk, upload).await;
    assert!(page.contains("Đã nhập 2 dòng"), "{page}");

    let after = report(&a, &reader_a).await;
    let new = |r: &Value| r["cases"]["new"].as_i64().unwrap();
    assert_eq!(new(&after), new(&before) + 2, "{after}");
    assert_eq!(followed(&a).await.0, reloads + 1.0, "an import is logged as a reload");
    assert_eq!(after, afresh(&a).await);
}
