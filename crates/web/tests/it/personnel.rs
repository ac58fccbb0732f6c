//! The registry's API as a program uses it: an import refused whole with every bad row named,
//! then accepted; the staffing JSON of the contract; the workload naming the officer as the
//! registry does; a person of another unit hidden.

use reqwest::StatusCode;
use serde_json::{Value, json};
use thads_core::Role;

use crate::common::{TestApp, login_of};

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
