//! The registry's API as a program uses it: an import refused whole with every bad row named,
//! then accepted; the staffing JSON of the contract; the workload naming the officer as the
//! registry does; a person of another unit hidden.

use reqwest::StatusCode;
use serde_json::{Value, json};
use thads_core::Role;

use crate::common::{TestApp, add_staff, login_of};
use thads_web::config::WebConfig;

#[tokio::test]
async fn import_staffing_and_workload_through_the_api() {
    let app = TestApp::spawn().await;
    let admin = app.token(&login_of(Role::Admin)).await;
    let url = app.url("/api/v1/staff/import?unit=BG-KV1");
    let bad = "name,unit,title,rank,appointed_on,term_ends_on,login\n\
               Phạm Quốc Khánh,BG-KV1,Chấp hành viên,chv_trung_cap,01/03/2021,01/03/2026,officer.kv1\n\
               Lê Thị Hoa,BG-KV2,Thư ký,thu_ky,,,\n\
               Ngô Văn Tú,BG-KV1,,chv,,,\n";
    let r = app.client.post(&url).bearer_auth(&admin).body(bad).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = r.json().await.unwrap();
    let lines: Vec<i64> = body["rows"].as_array().unwrap().iter().map(|r| r["line"].as_i64().unwrap()).collect();
    assert_eq!(lines, vec![3, 4], "{body}");

    let good = "name,unit,title,rank,appointed_on,term_ends_on,login\n\
                Phạm Quốc Khánh,BG-KV1,Chấp hành viên,chv_trung_cap,01/03/2021,01/03/2026,officer.kv1\n\
                Lê Thị Hoa,BG-KV1,Thư ký,thu_ky,,,\n";
    let r = app.client.post(&url).bearer_auth(&admin).body(good).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap(), json!({"added": 2}));

    let clerk = app.token(&login_of(Role::Clerk)).await;
    let get = |path: &str| app.client.get(app.url(path)).bearer_auth(&clerk).send();
    let staffing: Value = get("/api/v1/reports/staffing?unit=BG-KV1").await.unwrap().json().await.unwrap();
    assert_eq!(
        staffing,
        json!({"unit": "BG-KV1", "posts": 0, "filled": 2, "by_rank": {"chv_trung_cap": 1, "thu_ky": 1}})
    );
    let work: Value = get("/api/v1/workload?unit=BG-KV1").await.unwrap().json().await.unwrap();
    let line = &work["items"][0];
    assert_eq!((line["login"].as_str(), line["name"].as_str()), (Some("officer.kv1"), Some("Phạm Quốc Khánh")));
    assert_eq!(line["in_hand"], json!(1));
    assert_eq!(get("/api/v1/staff?unit=BG-KV2").await.unwrap().status(), StatusCode::FORBIDDEN);
    let people: Value = get("/api/v1/staff?unit=BG-KV1").await.unwrap().json().await.unwrap();
    assert_eq!(people["items"].as_array().unwrap().len(), 2);
}

/// A national reader's registry and workload come a page at a time (one line a page here),
/// with a unit to narrow them to; the workload's sort spans the pages and its totals row sums
/// the whole selection on every page; the API pages likewise.
#[tokio::test]
async fn the_registry_and_the_workload_come_a_page_at_a_time() {
    let app = TestApp::spawn_with(WebConfig { page_size: 1, ..WebConfig::default() }).await;
    app.db(|s| add_staff(s, app.units.national, "qt.tw", "Quản trị Trung ương", Role::Admin));
    let csv = "name,unit,title,rank,appointed_on,term_ends_on,login\n\
               Phạm Quốc Khánh,BG-KV1,,chv_trung_cap,,,officer.kv1\n\
               Lê Văn Bình,BG-KV2,,chv_so_cap,,,\n";
    let national = app.token("qt.tw").await;
    let r = app.client.post(app.url("/api/v1/staff/import?unit=BG")).bearer_auth(&national).body(csv).send().await;
    assert_eq!(r.unwrap().status(), StatusCode::OK);

    let s = app.sign_in("qt.tw").await;
    let page = |path: &'static str| {
        let (app, s) = (&app, &s);
        async move { app.get(s, path).await.text().await.unwrap() }
    };
    let first = page("/staff?unit=BG").await;
    assert!(first.contains("Phạm Quốc Khánh") && !first.contains("Lê Văn Bình"), "one person a page");
    assert!(first.contains("id=\"found\">2 ") && first.contains("href=\"/staff?unit=BG&#38;page=2\""), "{first}");
    assert!(first.contains("<option value=\"BG-KV2\""), "the units to choose");
    let narrowed = page("/staff?unit=BG-KV2").await;
    assert!(narrowed.contains("Lê Văn Bình") && !narrowed.contains("id=\"pages\""), "one unit, one page");

    let by_load = page("/workload?unit=BG&sort=name&desc=1").await;
    let second = page("/workload?unit=BG&sort=name&desc=1&page=2").await;
    assert!(by_load.contains("Phạm Quốc Khánh") && second.contains("Lê Văn Bình"), "sorted across the pages");
    assert!(
        by_load.contains("href=\"/workload?unit=BG&#38;sort=name&#38;desc=1&#38;page=2\""),
        "the links keep the sort"
    );
    for p in [&by_load, &second] {
        let totals = p.split("id=\"workload-totals\"").nth(1).unwrap_or_default();
        assert!(totals.contains("(2)") && totals.contains("<td class=\"num\">2</td>"), "the whole selection: {totals}");
    }

    let get = |path: &'static str| app.client.get(app.url(path)).bearer_auth(&national).send();
    let people: Value = get("/api/v1/staff?unit=BG&per_page=1&page=2").await.unwrap().json().await.unwrap();
    assert_eq!((people["total"].clone(), people["page"].clone()), (json!(2), json!(2)));
    assert_eq!(people["items"].as_array().map(Vec::len), Some(1));
    let work: Value = get("/api/v1/workload?unit=BG&per_page=1").await.unwrap().json().await.unwrap();
    assert_eq!((work["total"].clone(), work["totals"]["in_hand"].clone()), (json!(2), json!(2)), "{work}");
    assert_eq!(work["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(get("/api/v1/staff?unit=BG&per_page=501").await.unwrap().status(), StatusCode::BAD_REQUEST);
}
