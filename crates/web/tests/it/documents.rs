//! Documents over HTTP: the contract's `GET /api/v1/cases/{id}/documents/{kind}` as PDF and
//! DOCX under both regimes (`on`), issuing from the case page (the case postponed, the
//! document on the timeline with its number, its PDF downloaded), the administrator's editor
//! and API refusing an unknown field naming the line and the field, and the bulk form.

use std::io::Read;

use reqwest::{Method, StatusCode};
use thads_core::Role;

use crate::common::{TestApp, login_of};

fn docx_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    thads_documents::docx::document_text(&xml)
}

#[tokio::test]
async fn the_api_gives_a_cases_document_as_pdf_or_docx_in_the_form_of_its_date() {
    let app = TestApp::spawn().await;
    let token = app.token(&login_of(Role::Officer)).await;
    let id = app.own_case.0;
    let pdf = app
        .api(&token, Method::GET, &format!("/api/v1/cases/{id}/documents/thong_bao?format=pdf&on=2026-06-15"), None)
        .await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.headers()["content-disposition"].to_str().unwrap().contains("thong_bao"));
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    let text = |on: &'static str| {
        let (app, token) = (&app, &token);
        async move {
            let r = app
                .api(token, Method::GET, &format!("/api/v1/cases/{id}/documents/thong_bao?format=docx&on={on}"), None)
                .await;
            assert_eq!(r.status(), StatusCode::OK);
            docx_text(&r.bytes().await.unwrap())
        }
    };
    let old = text("2026-06-15").await;
    let new = text("2026-11-20").await;
    assert!(old.contains("Nguyễn Văn An") && old.contains("46/QĐ-THADS"), "{old}");
    assert!(
        old.contains("Căn cứ Điều 39 Luật Thi hành án dân sự;") && !old.contains("106/2025/QH15"),
        "old regime: {old}"
    );
    assert!(new.contains("106/2025/QH15"), "new regime: {new}");
    let unknown = app.api(&token, Method::GET, &format!("/api/v1/cases/{id}/documents/qd_xyz"), None).await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = unknown.json().await.unwrap();
    assert_eq!((body["code"].as_str(), body["field"].as_str()), (Some("invalid_field"), Some("kind")));
    let hidden =
        app.api(&token, Method::GET, &format!("/api/v1/cases/{}/documents/thong_bao", app.other_case.0), None).await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_template_with_an_unknown_field_is_refused_by_the_api_and_the_editor_naming_line_and_field() {
    let app = TestApp::spawn().await;
    let text = "::: agency\n{unit_name}\n:::\n::: title\nTHÔNG BÁO\n:::\n::: body\nGửi {debtor_nmae}.\n:::\n::: signature\n{signer_name}\n:::";
    let body = serde_json::json!({
        "kind": "thong_bao", "effective_from": "2026-07-01", "legal_basis": "Luật 106/2025/QH15",
        "citation": "Đ35 [I]", "confidence": "inferred", "text": text,
    });
    let officer = app.token(&login_of(Role::Officer)).await;
    let r = app.api(&officer, Method::POST, "/api/v1/document-templates", Some(body.clone())).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "only an administrator of the installation");
    let regional = app.token(&login_of(Role::Admin)).await;
    let r = app.api(&regional, Method::POST, "/api/v1/document-templates", Some(body.clone())).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "an administrator of a region does not edit the nation's forms");
    app.db(|s| crate::common::add_staff(s, app.units.national, "admin.vn", "Quản trị hệ thống", Role::Admin));
    let admin = app.token("admin.vn").await;
    let r = app.api(&admin, Method::POST, "/api/v1/document-templates", Some(body.clone())).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: serde_json::Value = r.json().await.unwrap();
    assert_eq!((refused["code"].as_str(), refused["field"].as_str()), (Some("invalid_field"), Some("text")));
    let message = refused["message"].as_str().unwrap();
    assert!(message.contains("dòng 8, cột") && message.contains("«debtor_nmae»"), "{message}");
    // The editor shows the same beside the text, keeping what was typed.
    let session = app.sign_in("admin.vn").await;
    let page = app
        .post_form(
            &session,
            "/documents/templates",
            &[
                ("kind", "thong_bao"),
                ("from", "2026-07-01"),
                ("legal_basis", "Luật 106/2025/QH15"),
                ("citation", "Đ35 [I]"),
                ("confidence", "inferred"),
                ("text", text),
            ],
        )
        .await;
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = page.text().await.unwrap();
    let error = &html[html.find("id=\"template-error\"").expect("the error beside the form")..];
    assert!(error.contains("dòng 8, cột") && error.contains("debtor_nmae"), "{error}");
    assert!(html.contains("Gửi {debtor_nmae}."), "the text typed stays in the editor");
    // A correct version is saved, listed as saved by its author, and used.
    let fixed = text.replace("debtor_nmae", "debtor_name");
    let saved = app
        .api(
            &admin,
            Method::POST,
            "/api/v1/document-templates",
            Some(serde_json::json!({
                "kind": "thong_bao", "effective_from": "2026-07-01", "legal_basis": "Luật 106/2025/QH15",
                "citation": "Đ35 [I]", "confidence": "inferred", "text": fixed,
            })),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::CREATED);
    let list: serde_json::Value =
        app.api(&admin, Method::GET, "/api/v1/document-templates", None).await.json().await.unwrap();
    let mine = list
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["kind"] == "thong_bao" && v["effective_from"] == "2026-07-01")
        .unwrap();
    assert_eq!(mine["source"], "admin.vn");
    let id = app.own_case.0;
    let r = app
        .api(&admin, Method::GET, &format!("/api/v1/cases/{id}/documents/thong_bao?format=docx&on=2026-11-20"), None)
        .await;
    assert_eq!(docx_text(&r.bytes().await.unwrap()).lines().filter(|l| l.contains("Gửi Nguyễn Văn An.")).count(), 1);
}

#[tokio::test]
async fn an_officer_issues_a_postponement_from_the_case_page() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(&login_of(Role::Officer)).await;
    let id = app.own_case.0;
    let version = app.version(app.own_case).to_string();
    let today = thads_core::dates::format_vn(thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc()));
    let r = app
        .post_form(
            &session,
            &format!("/cases/{id}/documents"),
            &[("version", &version), ("kind", "qd_hoan"), ("date", &today), ("ground", "48.1.a")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(&format!("/cases/{id}#document-")), "{location}");
    let case = app.db(|s| s.case(app.own_case)).unwrap().unwrap();
    assert_eq!(case.current.state.code(), "postponed");
    let page = app.get(&session, &format!("/cases/{id}")).await.text().await.unwrap();
    assert!(page.contains("Quyết định hoãn thi hành án số 1/QĐ-THADS"), "on the timeline with its number");
    let pdf = app.get(&session, &format!("/cases/{id}/documents?kind=qd_hoan&no=1&format=pdf")).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    let print = app.get(&session, &format!("/cases/{id}/documents?kind=qd_hoan&no=1")).await.text().await.unwrap();
    assert!(print.contains("Số: 1/QĐ-THADS") && print.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{print}");
    // The accountant records money, not decisions.
    let accountant = app.sign_in(&login_of(Role::Accountant)).await;
    let version = app.version(app.own_case).to_string();
    let r = app
        .post_form(
            &accountant,
            &format!("/cases/{id}/documents"),
            &[("version", &version), ("kind", "qd_tiep_tuc"), ("date", &today)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_bulk_form_makes_one_pdf_or_a_zip_of_docx() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(&login_of(Role::Head)).await;
    for (format, magic) in [("pdf", &b"%PDF-"[..]), ("docx", &b"PK"[..])] {
        let r = app
            .post_form(
                &session,
                "/documents/bulk?unit=BG-KV1",
                &[
                    ("kind", "thong_bao"),
                    ("date", "20/11/2026"),
                    ("format", format),
                    ("cases", "46/QĐ-THADS\n46/QĐ-THADS"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{format}");
        assert!(r.bytes().await.unwrap().starts_with(magic), "{format}");
    }
    let r = app
        .post_form(&session, "/documents/bulk?unit=BG-KV1", &[("kind", "thong_bao"), ("cases", "12/QĐ-THADS")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a case of another unit is not found in this one");
}
