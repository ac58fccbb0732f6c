//! Online enforcement requests: the public endpoints (`requests::public_routes`, served here on
//! a listener of their own beside the staff app, as the public site serves them) and the
//! intake queue of the staff app. Filing answers the number, the code and the appointment;
//! a wrong code answers exactly as an unknown number; attachments are typed by content and
//! bounded in size and count; invisible characters in numbers and oversized fields are refused
//! with a message naming the field; script typed in every field is escaped on the staff pages;
//! the front desk of another section sees nothing; registering opens the case.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thads_core::Role;
use thads_core::requests::{AttachmentLimits, RequestText};

use crate::common::{TestApp, login_of};

pub const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

/// The public site of the test app (the portal's listener, which serves `public_routes`).
pub async fn serve_public(app: &TestApp) -> String {
    app.public.clone()
}

/// The form's fields of a valid request to `unit`.
pub fn fields(unit: &str) -> Vec<(String, String)> {
    [
        ("unit", unit),
        ("name", "Trần Thị Bích"),
        ("id_number", "001085012345"),
        ("address", "Số 5 Lê Lợi, phường Hoàng Văn Thụ, Bắc Giang"),
        ("phone", "0912 345 678"),
        ("email", "bich@example.vn"),
        ("court", "Tòa án nhân dân tỉnh Bắc Giang"),
        ("judgment_no", "12/2025/DS-ST"),
        ("judgment_date", "01/12/2025"),
        ("asked", "Buộc ông Nguyễn Văn An trả 50.000.000 đồng"),
        ("debtor", "Nguyễn Văn An"),
        ("debtor_address", "Thôn Đông, xã Tân Dĩnh"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// A multipart body of `fields` and `files` (name, content): its content type and bytes.
pub fn multipart(fields: &[(String, String)], files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "thads-request-boundary-4f9a";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(v.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    for (name, content) in files {
        let head = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n\
             Content-Type: application/pdf\r\n\r\n"
        );
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub async fn file(base: &str, fields: &[(String, String)], files: &[(&str, &[u8])]) -> (StatusCode, Value) {
    let (kind, body) = multipart(fields, files);
    let r = reqwest::Client::new()
        .post(format!("{base}/api/public/v1/requests"))
        .header(reqwest::header::CONTENT_TYPE, kind)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn status_of(base: &str, number: &str, code: &str) -> (StatusCode, String) {
    let r = reqwest::Client::new()
        .get(format!(
            "{base}/api/public/v1/requests/{number}?{}",
            serde_urlencoded::to_string([("code", code)]).unwrap()
        ))
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

/// A request filed with `unit` (a code) through the use case, with one PNG attached: its id and
/// its file's id. The routes' test uses it for `/request-queue/{id}` and the like.
pub fn request_of(app: &TestApp, unit: &str) -> (i64, i64) {
    let unit = unit.to_string();
    app.db(move |s| {
        let units = thads_core::UnitTree::new(s.units().unwrap());
        let id = units.by_code(&unit).unwrap().id;
        if let Some(r) = s.requests_of(&[id]).unwrap().into_iter().find(|r| r.progress.state.is_open()) {
            let file = s.request_attachments(r.id).unwrap()[0].id;
            return (r.id.0, file);
        }
        let mut text = RequestText::default();
        for (k, v) in fields(&unit) {
            let slot = match k.as_str() {
                "name" => &mut text.name,
                "id_number" => &mut text.id_number,
                "address" => &mut text.address,
                "phone" => &mut text.phone,
                "court" => &mut text.court,
                "judgment_no" => &mut text.judgment_no,
                "judgment_date" => &mut text.judgment_date,
                "asked" => &mut text.asked,
                "debtor" => &mut text.debtor,
                _ => continue,
            };
            *slot = v;
        }
        let form = text.parse(id, time::OffsetDateTime::now_utc().date()).unwrap();
        let filing = thads_app::requests::Filing {
            form,
            files: vec![("cccd.png".into(), PNG.to_vec())],
            code_hash: thads_web::requests::code_hash("ABCDEFGHJK"),
        };
        let filed = thads_app::requests::submit(
            s,
            time::OffsetDateTime::now_utc(),
            &units,
            filing,
            &AttachmentLimits::default(),
        )
        .unwrap();
        (filed.id.0, s.request_attachments(filed.id).unwrap()[0].id)
    })
}

#[tokio::test]
async fn a_request_is_filed_followed_with_its_code_and_registered_into_a_case() {
    let app = TestApp::spawn().await;
    let public = serve_public(&app).await;
    let (status, filed) = file(&public, &fields("BG-KV1"), &[("bản án.pdf", PDF), ("cccd.png", PNG)]).await;
    assert_eq!(status, StatusCode::CREATED, "{filed}");
    let number = filed["number"].as_str().unwrap().to_string();
    let code = filed["code"].as_str().unwrap().to_string();
    assert!(number.starts_with("BG-KV1-") && number.ends_with("-00001"), "{number}");
    assert_eq!(code.len(), 11, "two groups of five: {code}");
    assert!(filed["appointment_on"].as_str().unwrap().len() == 10);

    let (status, body) = status_of(&public, &number, &code.to_lowercase()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["state"], "submitted");

    // The front desk of the section sees it; another section's does not.
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let list: Value = app.api(&clerk, Method::GET, "/api/v1/requests?unit=BG-KV1", None).await.json().await.unwrap();
    let id = list["items"][0]["id"].as_i64().unwrap();
    assert_eq!(list["items"][0]["number"], number.as_str());
    let kv2 = thads_core::Login::new("clerk.kv2").unwrap();
    let kv2_id = app.db(|s| {
        let unit = s.units().unwrap().into_iter().find(|u| u.code.as_str() == "BG-KV2").unwrap().id;
        crate::common::add_staff(s, unit, kv2.as_str(), "Văn thư KV2", Role::Clerk)
    });
    assert!(kv2_id.0 > 0);
    let other = app.token("clerk.kv2").await;
    let seen = app.api(&other, Method::GET, &format!("/api/v1/requests/{id}"), None).await;
    assert_eq!(seen.status(), StatusCode::NOT_FOUND);
    let theirs: Value = app.api(&other, Method::GET, "/api/v1/requests", None).await.json().await.unwrap();
    assert_eq!(theirs["items"].as_array().unwrap().len(), 0, "another section's queue is empty");
    let officer = app.token(&login_of(Role::Officer)).await;
    assert_eq!(
        app.api(&officer, Method::GET, &format!("/api/v1/requests/{id}"), None).await.status(),
        StatusCode::NOT_FOUND
    );

    // The attachments download as what their content is, never inline.
    let detail: Value =
        app.api(&clerk, Method::GET, &format!("/api/v1/requests/{id}"), None).await.json().await.unwrap();
    let files = detail["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let png = files.iter().find(|f| f["kind"] == "png").unwrap();
    let got = app.api(&clerk, Method::GET, png["url"].as_str().unwrap(), None).await;
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(got.headers()["content-type"], "image/png");
    let disposition = got.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(got.bytes().await.unwrap().as_ref(), PNG);

    // Asked to supplement, then registered: the case is taken in and linked.
    let asked = app
        .api(&clerk, Method::POST, &format!("/api/v1/requests/{id}/supplement"), Some(json!({"what": "Bản sao CCCD"})))
        .await;
    assert_eq!(asked.status(), StatusCode::OK);
    let (_, body) = status_of(&public, &number, &code).await;
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (body["state"].as_str(), body["supplement"]["what"].as_str()),
        (Some("needs_supplement"), Some("Bản sao CCCD"))
    );
    let registered = app
        .api(&clerk, Method::POST, &format!("/api/v1/requests/{id}/register"), Some(json!({"amount_vnd": 50_000_000})))
        .await;
    assert_eq!(registered.status(), StatusCode::CREATED);
    let registered: Value = registered.json().await.unwrap();
    let case = registered["case_id"].as_i64().unwrap();
    let case_json: Value =
        app.api(&clerk, Method::GET, &format!("/api/v1/cases/{case}"), None).await.json().await.unwrap();
    assert_eq!(case_json["case"]["creditor"], "Trần Thị Bích", "{case_json}");
    assert_eq!(case_json["details"]["judgment_no"], "12/2025/DS-ST");
    let again =
        app.api(&clerk, Method::POST, &format!("/api/v1/requests/{id}/refuse"), Some(json!({"reason": "x"}))).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY, "a registered request is closed");
    let (_, body) = status_of(&public, &number, &code).await;
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["state"], "registered");
    assert_eq!(body["case_no"], case_json["case"]["case_no"]);
    let actions: Vec<String> =
        app.db(|s| s.audit_of_case(thads_core::CaseId(case))).unwrap().into_iter().map(|a| a.action).collect();
    assert!(actions.contains(&"request.register".to_string()), "{actions:?}");
}

#[tokio::test]
async fn a_wrong_code_answers_exactly_as_an_unknown_number() {
    let app = TestApp::spawn().await;
    let public = serve_public(&app).await;
    let (_, filed) = file(&public, &fields("BG-KV1"), &[]).await;
    let number = filed["number"].as_str().unwrap();
    let wrong = status_of(&public, number, "ZZZZZ-ZZZZZ").await;
    let unknown = status_of(&public, "BG-KV1-2026-09999", filed["code"].as_str().unwrap()).await;
    let malformed = status_of(&public, "BG-KV1-2026-0\u{200B}1", "x").await;
    assert_eq!(wrong.0, StatusCode::NOT_FOUND);
    assert_eq!(wrong, unknown, "same status, same body");
    assert_eq!(wrong, malformed);
    let page = reqwest::get(format!("{public}/requests/status?number={number}&code=ZZZZZZZZZZ")).await.unwrap();
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn failed_status_lookups_are_limited_per_number_and_per_address_by_the_portals_limiter() {
    use thads_web::public_guard::{PER_ADDRESS, PER_CASE};
    let app = TestApp::spawn().await;
    let public = serve_public(&app).await;
    let (_, one) = file(&public, &fields("BG-KV1"), &[]).await;
    let (_, two) = file(&public, &fields("BG-KV1"), &[]).await;
    let (number, code) = (one["number"].as_str().unwrap(), one["code"].as_str().unwrap());
    assert_eq!(status_of(&public, number, code).await.0, StatusCode::OK);
    // Per number: failures through the API and the page alike; then even the right code waits.
    for i in 0..PER_CASE {
        let status = if i % 2 == 0 {
            status_of(&public, number, "ZZZZZ-ZZZZZ").await.0
        } else {
            reqwest::get(format!("{public}/requests/status?number={number}&code=ZZZZZZZZZZ")).await.unwrap().status()
        };
        assert_eq!(status, StatusCode::NOT_FOUND, "failure {i}");
    }
    let r = reqwest::get(format!("{public}/api/public/v1/requests/{number}?code={code}")).await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(wait > 0 && wait <= thads_web::public_guard::WINDOW.as_secs(), "{wait}");
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "rate_limited");
    let page = reqwest::get(format!("{public}/requests/status?number={number}&code={code}")).await.unwrap();
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(page.headers().get("retry-after").is_some());
    let body = page.text().await.unwrap();
    assert!(body.contains("id=\"req-rate-limited\"") && !body.contains("id=\"req-status\""), "{body}");
    // Another number is still answered from this address.
    let (other, other_code) = (two["number"].as_str().unwrap(), two["code"].as_str().unwrap());
    assert_eq!(status_of(&public, other, other_code).await.0, StatusCode::OK);
    // Per address: unknown and malformed numbers count too; then any number waits, on both.
    for n in PER_CASE..PER_ADDRESS {
        let number = if n % 2 == 0 { format!("BG-KV1-2026-9{n:04}") } else { format!("nonsense-{n}") };
        assert_eq!(status_of(&public, &number, code).await.0, StatusCode::NOT_FOUND, "{number}");
    }
    assert_eq!(status_of(&public, other, other_code).await.0, StatusCode::TOO_MANY_REQUESTS);
    let page = reqwest::get(format!("{public}/requests/status?number={other}&code={other_code}")).await.unwrap();
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
    // The portal's case lookups share the address's count: one limiter for the public site.
    let r =
        reqwest::get(format!("{public}/api/public/v1/cases?unit=BG-KV1&case_no=46&code=AAAAA-AAAAA")).await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn attachments_are_typed_by_content_and_bounded() {
    let app = TestApp::spawn().await;
    let public = serve_public(&app).await;
    let f = fields("BG-KV1");
    let refused = |(status, body): (StatusCode, Value)| {
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["field"], "files", "{body}");
        body["message"].as_str().unwrap().to_string()
    };
    let lie = refused(file(&public, &f, &[("ban-an.pdf", PNG)]).await);
    assert!(lie.contains("ban-an.pdf"), "{lie}");
    refused(file(&public, &f, &[("ban-an.pdf", b"<html><script>alert(1)</script></html>")]).await);
    refused(file(&public, &f, &[("trang.png", b"GIF89a......")]).await);
    let big = vec![b'%'; (5 << 20) + 1];
    let mut big = big;
    big[..5].copy_from_slice(b"%PDF-");
    let large = refused(file(&public, &f, &[("lon.pdf", &big)]).await);
    assert!(large.contains("MB"), "{large}");
    let six: Vec<(&str, &[u8])> = (0..6).map(|_| ("a.png", PNG)).collect();
    refused(file(&public, &f, &six).await);
    let total: Vec<u8> = [b"%PDF-".as_slice(), &vec![b'x'; (4 << 20) - 5]].concat();
    refused(file(&public, &f, &[("1.pdf", &total), ("2.pdf", &total), ("3.pdf", &total), ("4.pdf", &total)]).await);
    assert!(app.db(|s| s.requests_of(&[app.units.region1])).unwrap().is_empty(), "nothing kept, no number used");
    let (status, _) = file(&public, &f, &[("ok.pdf", PDF)]).await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn numbers_with_invisible_characters_and_oversized_fields_are_refused_by_name() {
    let app = TestApp::spawn().await;
    let public = serve_public(&app).await;
    let with = |key: &str, value: String| {
        let mut f = fields("BG-KV1");
        f.iter_mut().find(|(k, _)| k == key).unwrap().1 = value;
        f
    };
    for (key, value) in [
        ("judgment_no", "12/2025/DS\u{200B}-ST".to_string()),
        ("id_number", "0010850\u{2060}12345".to_string()),
        ("id_number", "001085012345\u{AD}".to_string()),
        ("name", "x".repeat(201)),
        ("asked", "y".repeat(2001)),
        ("address", "z".repeat(301)),
        ("court", "t".repeat(40_000)),
    ] {
        let (status, body) = file(&public, &with(key, value), &[]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{key}: {body}");
        assert_eq!(body["field"], key, "{body}");
        assert!(!body["message"].as_str().unwrap().is_empty());
    }
    let (_, body) = file(&public, &with("name", "x".repeat(201)), &[]).await;
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("201") && message.contains("200"), "a clear message: {message}");
    let (_, body) = file(&public, &with("judgment_no", "12/2025\u{200B}".into()), &[]).await;
    assert!(body["message"].as_str().unwrap().contains("U+200B"), "{body}");
    let (status, body) = file(&public, &with("unit", "VN".into()), &[]).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unit")));
}

#[tokio::test]
async fn script_in_every_field_is_escaped_on_the_staff_pages() {
    let app = TestApp::spawn().await;
    let public = serve_public(&app).await;
    let script = "<script>alert(1)</script>";
    let mut f = fields("BG-KV1");
    for (k, v) in f.iter_mut() {
        if ["name", "address", "court", "judgment_no", "asked", "debtor", "debtor_address"].contains(&k.as_str()) {
            *v = format!("{script}\"'&");
        }
    }
    let (status, body) = file(&public, &f, &[("<img src=x onerror=alert(1)>.png", PNG)]).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // Where script cannot be a value at all, it is refused.
    for key in ["phone", "email", "id_number"] {
        let mut g = fields("BG-KV1");
        g.iter_mut().find(|(k, _)| k == key).unwrap().1 = script.into();
        let (status, body) = file(&public, &g, &[]).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(key)), "{body}");
    }
    let session = app.sign_in(&login_of(Role::Clerk)).await;
    let queue = app.get(&session, "/request-queue?unit=BG-KV1").await.text().await.unwrap();
    let ids: Vec<i64> = app.db(|s| s.requests_of(&[app.units.region1])).unwrap().iter().map(|r| r.id.0).collect();
    for page in [queue].into_iter().chain({
        let mut pages = Vec::new();
        for id in &ids {
            pages.push(app.get(&session, &format!("/request-queue/{id}")).await.text().await.unwrap());
        }
        pages
    }) {
        assert!(!page.contains("<script>alert"), "escaped");
        assert!(!page.contains("<img src=x"), "escaped");
    }
    let first = app.get(&session, &format!("/request-queue/{}", ids.iter().min().unwrap())).await.text().await.unwrap();
    let shown = first.contains("&lt;script&gt;alert(1)") || first.contains("&#60;script&#62;alert(1)");
    assert!(shown, "shown as text");
    let public_page = reqwest::get(format!("{public}/requests/new")).await.unwrap();
    let csp_free = public_page.text().await.unwrap();
    assert!(
        csp_free.contains("/requests/style.css") && !csp_free.contains("http://") && !csp_free.contains("https://")
    );
}

#[tokio::test]
async fn the_public_pages_file_and_follow_a_request() {
    let app = TestApp::spawn().await;
    let public = serve_public(&app).await;
    let form = reqwest::get(format!("{public}/requests/new")).await.unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let html = form.text().await.unwrap();
    assert!(html.contains("lang=\"vi\"") && html.contains("<label for=\"req-name\">"));
    assert!(html.contains("BG-KV1") && !html.contains("value=\"VN\""), "the sections, not the national body");
    let english = reqwest::get(format!("{public}/requests/new?lang=en")).await.unwrap().text().await.unwrap();
    assert!(english.contains("File an enforcement request"));
    let (kind, body) = multipart(&fields("BG-KV1"), &[("a.pdf", PDF)]);
    let r = reqwest::Client::new()
        .post(format!("{public}/requests/new"))
        .header(reqwest::header::CONTENT_TYPE, kind)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let receipt = r.text().await.unwrap();
    assert!(receipt.contains("BG-KV1-") && receipt.contains("id=\"req-code\""));
    let css = reqwest::get(format!("{public}/requests/style.css")).await.unwrap();
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    // No staff route answers on the public routes.
    for path in ["/login", "/cases", "/request-queue", "/api/v1/requests", "/assets/app.css"] {
        assert_eq!(reqwest::get(format!("{public}{path}")).await.unwrap().status(), StatusCode::NOT_FOUND, "{path}");
    }
}

/// A request still open when its section is merged away moves to the successor's queue with its
/// number: the successor's front desk lists it (`unit` the filing section, `handled_by` the
/// successor) and registers it into a case of the successor.
#[tokio::test]
async fn an_open_request_follows_a_merge_and_is_registered_at_the_successor() {
    let app = TestApp::spawn().await;
    let public = serve_public(&app).await;
    let (status, filed) = file(&public, &fields("BG-KV1"), &[("bản án.pdf", PDF)]).await;
    assert_eq!(status, StatusCode::CREATED, "{filed}");
    let province = app.units.province;
    app.db(|s| crate::common::add_staff(s, province, "admin.bg", "Quản trị tỉnh", Role::Admin));
    let admin = app.token("admin.bg").await;
    let today = thads_core::dates::format_iso(thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc()));
    let body = json!({"into": "BG-KV9", "from": ["BG-KV1", "BG-KV2"], "on": today, "name": "Khu vực 9"});
    let merged = app.api(&admin, Method::POST, "/api/v1/units/merge?unit=BG", Some(body)).await;
    assert_eq!(merged.status(), StatusCode::CREATED);
    let done: Value = merged.json().await.unwrap();
    assert_eq!(done["followed"]["requests"], 1, "{done}");

    // The section's clerk moved with the section: the request is in their new unit's queue.
    let clerk = app.token(&login_of(Role::Clerk)).await;
    let list: Value = app.api(&clerk, Method::GET, "/api/v1/requests?unit=BG-KV9", None).await.json().await.unwrap();
    let item = &list["items"][0];
    assert_eq!((item["number"].as_str(), item["unit"].as_str()), (filed["number"].as_str(), Some("BG-KV1")));
    assert_eq!(item["handled_by"], "BG-KV9");
    let id = item["id"].as_i64().unwrap();
    let page = app.get(&app.sign_in(&login_of(Role::Clerk)).await, &format!("/request-queue/{id}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let registered = app
        .api(&clerk, Method::POST, &format!("/api/v1/requests/{id}/register"), Some(json!({"amount_vnd": 50_000_000})))
        .await;
    assert_eq!(registered.status(), StatusCode::CREATED, "{}", registered.text().await.unwrap_or_default());
    let registered: Value = registered.json().await.unwrap();
    let case = registered["case_id"].as_i64().unwrap();
    let case_json: Value =
        app.api(&clerk, Method::GET, &format!("/api/v1/cases/{case}"), None).await.json().await.unwrap();
    assert_eq!(case_json["case"]["unit"], "BG-KV9", "{case_json}");
    // The requester, following it with the number and code given at filing, is told who has it.
    let (number, code) = (filed["number"].as_str().unwrap(), filed["code"].as_str().unwrap());
    let (status, body) = status_of(&public, number, code).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!((body["state"].as_str(), body["office"].as_str()), (Some("registered"), Some("Khu vực 9")));
}
