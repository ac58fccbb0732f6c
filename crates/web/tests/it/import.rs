//! The import page: register files uploaded as a browser does, imported in the background
//! exactly as `thads import` (all or nothing per file), the progress polled, then the summary or
//! every problem (file, row, column, reason); rows outside the uploader's units are refused.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;
use thads_core::Role;

use crate::common::{Session, TestApp, login_of};

const HEADER: &str = "unit,case_no,accepted_on,origin,judgment_type,amount_vnd,debtor,creditor,officer\n";

fn cases_csv(rows: &[&str]) -> Vec<u8> {
    let mut text = HEADER.to_string();
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text.into_bytes()
}

/// Follows an upload to its job page, polls the progress until the import is over, and
/// returns the finished page.
pub async fn finished(app: &TestApp, s: &Session, upload: reqwest::Response) -> String {
    assert_eq!(upload.status(), StatusCode::SEE_OTHER, "{}", upload.text().await.unwrap());
    let job = upload.headers()["location"].to_str().unwrap().to_string();
    for _ in 0..200 {
        let progress: Value = app.get(s, &format!("{job}/progress")).await.json().await.unwrap();
        if progress["finished"] == true {
            return app.get(s, &job).await.text().await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the import did not finish");
}

#[tokio::test]
async fn registers_are_imported_in_the_background_with_a_summary() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Clerk)).await;
    let form = app.get(&s, "/import").await.text().await.unwrap();
    assert!(form.contains("enctype=\"multipart/form-data\""), "{form}");
    let cases = cases_csv(&[
        "BG-KV1,101/QĐ-THADS,02/10/2025,chu_dong,dan_su,12.000.000,Đỗ Văn Hải,Ngân hàng A,officer.kv1",
        "BG-KV1,102/QĐ-THADS,2025-10-03,theo_yeu_cau,dan_su,0,Lý Thị Mai,Trần Văn B,",
    ]);
    let events = b"unit,case_no,date,event,amount_vnd\nBG-KV1,101/Q\xc4\x90-THADS,10/10/2025,with_means,\n".to_vec();
    let page =
        finished(&app, &s, app.upload(&s, "BG-KV1", &[("2025_cases.csv", &cases), ("events.csv", &events)]).await)
            .await;
    assert!(page.contains("2025_cases.csv") && page.contains("Đã nhập 2 dòng"), "{page}");
    assert!(page.contains("events.csv") && page.contains("Đã nhập 1 dòng"), "{page}");
    assert!(!page.contains("thads-upload-"), "files are named as uploaded, not by their temporary path");
    let list = app.get(&s, "/cases?q=do+van+hai").await.text().await.unwrap();
    assert!(list.contains("101/QĐ-THADS"), "{list}");
    let token = app.token(&login_of(Role::Clerk)).await;
    let report: Value = app
        .api(&token, reqwest::Method::GET, "/api/v1/reports?unit=BG-KV1&year=2026&months=12", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(report["cases"]["new"], 3, "the statistics include the imported cases: {report}");
    let again = finished(&app, &s, app.upload(&s, "BG-KV1", &[("cases.csv", &cases)]).await).await;
    assert!(again.contains("đã được nhập lúc"), "the same file twice changes nothing: {again}");
}

#[tokio::test]
async fn a_refused_file_lists_every_bad_row_and_imports_nothing() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Head)).await;
    let before = app.db(|s| s.case_count()).unwrap();
    let cases = cases_csv(&[
        "BG-KV1,201/QĐ-THADS,02/10/2025,chu_dong,dan_su,-5,Đỗ Văn Hải,Ngân hàng A,",
        "BG-KV1,202/QĐ-THADS,31/02/2025,chu_dong,dan_su,1000,<script>alert(1)</script>,B,",
    ]);
    let page = finished(&app, &s, app.upload(&s, "BG-KV1", &[("cases.csv", &cases)]).await).await;
    assert!(page.contains("Từ chối, không nhập gì từ tệp này"), "{page}");
    assert!(
        page.contains("<td class=\"num\">2</td><td>amount_vnd</td><td>-5</td>"),
        "row 2, its column and value: {page}"
    );
    assert!(page.contains("<td class=\"num\">3</td><td>accepted_on</td>"), "row 3: {page}");
    assert!(!page.contains("<script>alert"), "values are escaped");
    assert_eq!(app.db(|s| s.case_count()).unwrap(), before, "nothing from the file landed");
}

#[tokio::test]
async fn rows_of_another_units_cases_are_refused_before_anything_is_imported() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Clerk)).await;
    let before = app.db(|s| s.case_count()).unwrap();
    let cases = cases_csv(&[
        "BG-KV1,301/QĐ-THADS,02/10/2025,chu_dong,dan_su,1000,A,B,",
        "BG-KV2,302/QĐ-THADS,02/10/2025,chu_dong,dan_su,1000,C,D,",
    ]);
    let page = finished(&app, &s, app.upload(&s, "BG-KV1", &[("cases.csv", &cases)]).await).await;
    assert!(page.contains("<td class=\"num\">3</td><td>unit</td><td>BG-KV2</td>"), "{page}");
    assert!(page.contains("ngoài phạm vi nhập của bạn (BG-KV1)"), "{page}");
    assert_eq!(app.db(|s| s.case_count()).unwrap(), before);
    let officer = app.sign_in(&login_of(Role::Officer)).await;
    assert_eq!(app.get(&officer, "/import").await.status(), StatusCode::FORBIDDEN, "officers do not import");
}

#[tokio::test]
async fn a_workbook_is_imported_sheet_by_sheet() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Statistician)).await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("cases").unwrap();
    let header = ["unit", "case_no", "accepted_on", "origin", "judgment_type", "amount_vnd", "debtor", "creditor"];
    let row = ["BG-KV1", "401/QĐ-THADS", "2025-10-04", "chu_dong", "dan_su", "7000000", "Hà Văn Tư", "Công ty C"];
    for (c, (h, v)) in header.iter().zip(row).enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
        sheet.write_string(1, c as u16, v).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let page = finished(&app, &s, app.upload(&s, "BG-KV1", &[("so thu ly.xlsx", &bytes)]).await).await;
    assert!(page.contains("so thu ly.xlsx[cases]") && page.contains("Đã nhập 1 dòng"), "{page}");
    assert_eq!(app.get(&s, "/import").await.text().await.unwrap().matches("/import/").count(), 1, "listed");
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn the_audit_names_each_file_as_it_was_sent_with_its_hash_never_a_server_path() {
    let app = TestApp::spawn().await;
    let login = login_of(Role::Head);
    let s = app.sign_in(&login).await;
    let cases = cases_csv(&["BG-KV1,501/QĐ-THADS,02/10/2025,chu_dong,dan_su,1000,Hà Văn Tư,Công ty C,"]);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("targets").unwrap();
    for (c, (h, v)) in ["unit", "year", "cases_pct", "money_pct"].iter().zip(["BG-KV1", "2027", "80", "40"]).enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
        sheet.write_string(1, c as u16, v).unwrap();
    }
    let book = book.save_to_buffer().unwrap();
    let files: [(&str, &[u8]); 2] = [("sổ thụ lý 2025_cases.csv", &cases), ("Chỉ tiêu.xlsx", &book)];
    let page = finished(&app, &s, app.upload(&s, "BG-KV1", &files).await).await;
    assert_eq!(page.matches("import-file imported").count(), 2, "{page}");
    let mut audit: Vec<serde_json::Value> = app
        .db(|store| store.audit_of_actor(&login, 10))
        .unwrap()
        .into_iter()
        .filter(|e| e.action.starts_with("import."))
        .map(|e| serde_json::from_str(e.after.as_deref().unwrap()).unwrap())
        .collect();
    audit.sort_by_key(|a| a["kind"].as_str().unwrap().to_string());
    assert_eq!(audit.len(), 2, "{audit:?}");
    assert_eq!(audit[0]["file"], "sổ thụ lý 2025_cases.csv");
    assert_eq!(audit[0]["sha256"], sha256_hex(&cases), "a CSV file's hash");
    assert_eq!(audit[1]["file"], "Chỉ tiêu.xlsx[targets]");
    assert_eq!(audit[1]["workbook_sha256"], sha256_hex(&book), "the workbook's hash beside its sheet's");
    let batch = app.db(|store| store.import_by_hash(&sha256_hex(&cases))).unwrap().unwrap();
    assert_eq!(batch.file_name, "sổ thụ lý 2025_cases.csv", "the import's record too");
    let everything = format!("{audit:?} {page}");
    assert!(!everything.contains("thads-upload-") && !everything.contains("/tmp"), "{everything}");
}
