//! Statistics pages over the live engine: figures follow writes made by another process, and
//! a figure lists the cases behind it with their total.

use reqwest::{Method, StatusCode};
use serde_json::Value;
use thads_app::{Actor, NewRecord};
use thads_core::{Event, EventCode, Role, Vnd};
use time::macros::date;

use crate::common::{TestApp, login_of};

const REPORT: &str = "/api/v1/reports?unit=BG-KV1&year=2026&months=12";

/// The command line records 7.000.000 đ collected on the own case on 03/11/2025, writing to the
/// same database: the server only sees the ledger generation move.
fn collect_by_another_process(app: &TestApp) {
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
}

#[tokio::test]
async fn figures_follow_a_write_made_by_another_process() {
    let app = TestApp::spawn().await;
    let token = app.token(&login_of(Role::Statistician)).await;
    let before: Value = app.api(&token, Method::GET, REPORT, None).await.json().await.unwrap();
    assert_eq!(before["money"]["completed"], 0, "{before}");
    collect_by_another_process(&app);
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
    // The export has the same rows: the sections, then the total (form 01, the cases form).
    let csv = app.get(&s, "/stats/export?unit=BG&year=2026&months=12&format=csv").await.text().await.unwrap();
    let form01: Vec<&str> = csv.split("Biểu số 02/TK-THADS").next().unwrap().lines().collect();
    let rows: Vec<&str> = form01
        .iter()
        .copied()
        .filter(|l| l.starts_with("1,") || l.starts_with("2,") || l.starts_with(",Tổng cộng"))
        .collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[0].starts_with("1,Phòng Thi hành án dân sự khu vực 1,") || rows[0].contains("khu vực 1"), "{csv}");
    assert!(rows[2].starts_with(",Tổng cộng: "), "{csv}");
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

/// Any period in the API: a month, a quarter, cumulative months or any from–to; the same
/// period named two ways gives the same report, and a period that is not whole months is
/// answered too (from the day engine), rows by unit included.
#[tokio::test]
async fn the_api_answers_any_period() {
    let app = TestApp::spawn().await;
    app.db(|s| crate::common::add_staff(s, app.units.province, "stat.bg", "Thống kê tỉnh", Role::Statistician));
    let token = app.token("stat.bg").await;
    let get = |path: String| {
        let (app, token) = (&app, &token);
        async move {
            let r = app.api(token, Method::GET, &path, None).await;
            let status = r.status();
            (status, r.text().await.unwrap())
        }
    };
    let json = |t: &str| serde_json::from_str::<Value>(t).unwrap();
    let (status, months) = get("/api/v1/reports?unit=BG&year=2026&months=3&by_unit=true".into()).await;
    assert_eq!(status, StatusCode::OK, "{months}");
    let months = json(&months);
    assert_eq!((months["from"].as_str(), months["to"].as_str()), (Some("2025-10-01"), Some("2025-12-31")));
    for same in [
        "/api/v1/reports?unit=BG&from=2025-10-01&to=2025-12-31&by_unit=true",
        "/api/v1/reports?unit=BG&from=01/10/2025&to=31/12/2025&by_unit=true",
        "/api/v1/reports?unit=BG&quarter=2025-Q4&by_unit=true",
    ] {
        let (status, body) = get(same.into()).await;
        assert_eq!(status, StatusCode::OK, "{same}: {body}");
        assert_eq!(json(&body), months, "{same}");
    }
    let (_, october) = get("/api/v1/reports?unit=BG&month=2025-10".into()).await;
    let october = json(&october);
    assert_eq!(october["to"], "2025-10-31");
    assert_eq!(october["cases"]["new"], 2, "both cases were accepted in October: {october}");
    let (_, november) = get("/api/v1/reports?unit=BG&month=2025-11".into()).await;
    let november = json(&november);
    assert_eq!((november["cases"]["new"].as_i64(), november["cases"]["carried_over"].as_i64()), (Some(0), Some(2)));
    // Not whole months: from the day engine, rows by unit and all.
    let (status, odd) = get("/api/v1/reports?unit=BG&from=2025-10-10&to=2026-01-15&by_unit=true".into()).await;
    assert_eq!(status, StatusCode::OK, "{odd}");
    let odd = json(&odd);
    assert_eq!((odd["from"].as_str(), odd["to"].as_str()), (Some("2025-10-10"), Some("2026-01-15")));
    assert_eq!(odd["cases"]["carried_over"], 2, "accepted on 06/10, before the period: {odd}");
    assert_eq!(odd["rows"].as_array().map(Vec::len), Some(2), "{odd}");
    // Refusals: reversed, half given, not a date, an unknown kind.
    for bad in [
        "/api/v1/reports?unit=BG&from=2026-01-15&to=2025-10-10",
        "/api/v1/reports?unit=BG&from=2025-10-10",
        "/api/v1/reports?unit=BG&from=2025-10-10&to=hôm-nay",
        "/api/v1/reports?unit=BG&quarter=2025-Q5",
        "/api/v1/reports?unit=BG&period=decade",
    ] {
        let (status, body) = get(bad.into()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
}

/// The page for a quarter and for a from–to: the complete forms (numbers, titles, period,
/// target columns, same period last year, officers by name, sub-series, CEPEJ, signature
/// block); the print view of one form; the exports of every form.
#[tokio::test]
async fn the_page_shows_the_complete_forms_for_any_period_and_prints_and_exports_them() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Statistician)).await;
    let page = app
        .get(&s, "/stats?unit=BG-KV1&period=quarter&quarter=2025-Q4&year=2026&months=12&month=&from=&to=")
        .await
        .text()
        .await
        .unwrap();
    for expected in [
        "id=\"form-01\"",
        "Biểu số 01/TK-THADS",
        "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN",
        "Từ ngày 01/10/2025 đến ngày 31/12/2025",
        "Đơn vị tính: đồng",
        "Cùng kỳ năm trước (01/10/2024 – 31/12/2024)",
        "Vượt (+) / thiếu (−) (điểm %)",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "<p class=\"signer\">Cán bộ statistician</p>",
        "<p class=\"signer\">Cán bộ head</p>",
        "<th>Cán bộ officer</th>",
        "KẾT QUẢ THI HÀNH ÁN CHO TỔ CHỨC TÍN DỤNG, NGÂN HÀNG TÍNH BẰNG VIỆC",
        "KẾT QUẢ THU HỒI TÀI SẢN TRONG CÁC VỤ ÁN HÌNH SỰ VỀ THAM NHŨNG, KINH TẾ TÍNH BẰNG TIỀN",
        "Tỷ lệ giải quyết (Clearance Rate, %)",
        "<option value=\"quarter\" selected>",
        "href=\"/stats/print?unit=BG-KV1&from=2025-10-01&to=2025-12-31&structure=as-reported\"",
    ] {
        assert!(page.contains(expected), "{expected}\n{page}");
    }
    assert!(!page.contains("Chấp hành viên #"), "officers by name");
    // A from–to that is not whole months.
    let range = app.get(&s, "/stats?unit=BG-KV1&period=range&from=15/10/2025&to=10/01/2026").await;
    assert_eq!(range.status(), StatusCode::OK);
    let range = range.text().await.unwrap();
    assert!(range.contains("Từ ngày 15/10/2025 đến ngày 10/01/2026"), "{range}");
    assert!(range.contains("value=\"15/10/2025\""), "the picker keeps the dates");
    // The print view: one form, the print button, no navigation.
    let print = app.get(&s, "/stats/print?unit=BG-KV1&from=2025-10-01&to=2025-12-31&form=02&place=Bắc Giang").await;
    assert_eq!(print.status(), StatusCode::OK);
    let print = print.text().await.unwrap();
    assert!(print.contains("id=\"form-02\"") && !print.contains("id=\"form-01\""), "{print}");
    assert!(print.contains("data-print") && !print.contains("<nav>"), "{print}");
    assert!(print.contains("<em>Bắc Giang, ngày "), "{print}");
    let unknown = app.get(&s, "/stats/print?unit=BG-KV1&form=99").await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    // Exports: CSV with a byte-order mark and every form; XLSX a workbook.
    let csv = app.get(&s, "/stats/export?unit=BG-KV1&quarter=2025-Q4&format=csv").await;
    let disposition = csv.headers()[reqwest::header::CONTENT_DISPOSITION].to_str().unwrap().to_string();
    assert!(disposition.contains("thads-BG-KV1-2025-10-01_2025-12-31.csv"), "{disposition}");
    let bytes = csv.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    for number in ["Biểu số 01/TK-THADS", "Biểu số 04/TK-THADS", "Biểu số 08b/TK-THADS", "Phụ lục CEPEJ"]
    {
        assert!(text.contains(number), "{number}");
    }
    let xlsx = app.get(&s, "/stats/export?unit=BG-KV1&quarter=2025-Q4&format=xlsx").await;
    assert_eq!(xlsx.status(), StatusCode::OK);
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));
}

/// The page's report and forms are computed once and kept (`stats::kept`): each reader still
/// signs them, and a write of a case by another process, a name changed in the staff registry
/// and the structure asked for each give the page afresh.
#[tokio::test]
async fn kept_forms_are_signed_by_each_reader_and_follow_writes_names_and_structure() {
    let app = TestApp::spawn().await;
    let page_path = "/stats?unit=BG-KV1&year=2026&months=12";
    let statistician = app.sign_in(&login_of(Role::Statistician)).await;
    let head = app.sign_in(&login_of(Role::Head)).await;
    let first = app.get(&statistician, page_path).await.text().await.unwrap();
    assert!(first.contains("<p class=\"signer\">Cán bộ statistician</p>"), "{first}");
    assert!(first.contains("<th>Cán bộ officer</th>"), "{first}");
    assert!(!first.contains("7.000.000"), "{first}");
    let by_head = app.get(&head, page_path).await.text().await.unwrap();
    assert!(!by_head.contains("Cán bộ statistician"), "the kept forms signed by the statistician: {by_head}");
    let print = app.get(&head, "/stats/print?unit=BG-KV1&year=2026&months=12&place=Bắc Giang").await;
    let print = print.text().await.unwrap();
    assert!(print.contains("<p class=\"signer\">Cán bộ head</p>") && print.contains("<em>Bắc Giang, ngày "), "{print}");
    assert!(!print.contains("Cán bộ statistician"), "{print}");

    // Another process records money on a case: the ledger generation moves.
    collect_by_another_process(&app);
    let after = app.get(&statistician, page_path).await.text().await.unwrap();
    assert!(after.contains("7.000.000"), "the money collected: {after}");

    // The staff registry names the officer (schema 32 moves the reference generation).
    let officer = app.staff[&login_of(Role::Officer)];
    app.db(|s| {
        let mut tx = s.begin().unwrap();
        tx.insert_person(&thads_core::personnel::PersonFacts {
            unit: app.units.region1,
            full_name: "Đỗ Minh Khoa".into(),
            title: String::new(),
            rank: thads_core::personnel::Rank::ChvTrungCap,
            appointed_on: None,
            term_ends_on: None,
            staff: Some(officer),
        })
        .unwrap();
        tx.commit().unwrap();
    });
    let named = app.get(&statistician, page_path).await.text().await.unwrap();
    assert!(named.contains("<th>Đỗ Minh Khoa</th>") && !named.contains("<th>Cán bộ officer</th>"), "{named}");

    // Each structure is kept apart, and the print view and exports follow the one asked for.
    let restated = app.get(&statistician, &format!("{page_path}&structure=restated")).await.text().await.unwrap();
    assert!(restated.contains("data-structure=\"restated\""), "{restated}");
    assert!(
        restated.contains("href=\"/stats/print?unit=BG-KV1&year=2026&months=12&structure=restated\""),
        "{restated}"
    );
    let printed = app.get(&statistician, "/stats/print?unit=BG-KV1&year=2026&months=12&structure=restated").await;
    assert_eq!(printed.status(), StatusCode::OK);
    let wrong = app.get(&statistician, "/stats/export?unit=BG-KV1&year=2026&months=12&structure=other").await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
}

/// `THADS_REPORT_MAX_AGE_MS`: under a stream of writes the statistics page's forms and the
/// dashboard are computed at most once in that time; a page asked for within it after a write
/// shows the kept figures, one asked for after it the write.
#[tokio::test]
async fn kept_figures_serve_until_their_age_after_a_write() {
    let config = thads_web::config::WebConfig { report_max_age_ms: 1500, ..thads_web::config::WebConfig::default() };
    let app = TestApp::spawn_with(config).await;
    let s = app.sign_in(&login_of(Role::Statistician)).await;
    let (page, dashboard) = ("/stats?unit=BG-KV1&year=2026&months=12", "/?unit=BG-KV1&year=2026&months=12");
    let first = app.get(&s, page).await.text().await.unwrap();
    assert!(!first.contains("7.000.000"), "{first}");
    let first_dashboard = app.get(&s, dashboard).await.text().await.unwrap();
    assert!(!first_dashboard.contains("7.000.000"), "{first_dashboard}");
    collect_by_another_process(&app);
    let kept = app.get(&s, page).await.text().await.unwrap();
    assert!(!kept.contains("7.000.000"), "within the age: the kept forms");
    let kept_dashboard = app.get(&s, dashboard).await.text().await.unwrap();
    assert!(!kept_dashboard.contains("7.000.000"), "within the age: the kept dashboard");
    tokio::time::sleep(std::time::Duration::from_millis(1600)).await;
    let after = app.get(&s, page).await.text().await.unwrap();
    assert!(after.contains("7.000.000"), "past the age: the write shown {after}");
    // The page says when its figures were computed: the kept page the first one's time.
    assert_eq!(figures_as_of(&kept), figures_as_of(&first), "kept figures keep their time");
    assert_ne!(figures_as_of(&after), figures_as_of(&first), "recomputed figures say so");
    let dashboard_after = app.get(&s, dashboard).await.text().await.unwrap();
    assert!(dashboard_after.contains("7.000.000"), "past the age: {dashboard_after}");
}

/// The time in the statistics page's «figures as of» line (`dd/mm/yyyy hh:mm:ss`).
fn figures_as_of(page: &str) -> String {
    let start = page.find(r#"<span id="figures-as-of">"#).expect("the page says when its figures were computed");
    let line = &page[start..];
    let end = line.find("</span>").expect("the line ends");
    let time = line[..end].rsplit(' ').take(2).collect::<Vec<_>>();
    assert!(time.len() == 2 && time[0].len() == 8, "a date and a time to the second: {}", &line[..end]);
    format!("{} {}", time[1], time[0])
}
