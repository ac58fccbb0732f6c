//! End-to-end in headless Chromium driven through `chromedriver` (Debian's `chromium` and
//! `chromium-driver`; `scripts/test` installs them): sign in, search a case without
//! diacritics, record money collected, see the case and the dashboard change, export the
//! XLSX. Screenshots go to `target/e2e/`. Without chromedriver the test is skipped, except
//! under CI (`CI` set), where it fails.

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use thads_core::Role;

use crate::common::{PASSWORD, TestApp, login_of};

/// Kills chromedriver and the Chromium it started when the test ends, however it ends: the
/// driver runs in a process group of its own, and the whole group is killed (killing the
/// driver alone, a test that panicked before closing its browser left Chromium running).
pub(crate) struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).stderr(Stdio::null()).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn shots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) async fn shot(browser: &Client, name: &str) {
    let png = browser.screenshot().await.unwrap();
    std::fs::write(shots_dir().join(format!("{name}.png")), png).unwrap();
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub(crate) async fn start_browser() -> Option<(Driver, Client)> {
    let found = Command::new("chromedriver").arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "chromedriver is missing under CI: install chromium-driver");
        eprintln!("e2e skipped: no chromedriver on PATH (apt-get install chromium chromium-driver)");
        return None;
    }
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap();
    let driver = Driver(child);
    let profile = tempfile::tempdir().unwrap().keep();
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
    ];
    let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    let mut caps = serde_json::Map::new();
    let binary =
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].into_iter().find(|p| std::path::Path::new(p).exists());
    let mut options = serde_json::json!({ "args": args });
    if let Some(b) = binary {
        options["binary"] = serde_json::json!(b);
    }
    caps.insert("goog:chromeOptions".into(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    for _ in 0..50 {
        let attempt = ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        if let Ok(client) = attempt {
            return Some((driver, client));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not answer on port {port}");
}

/// Signs `login` in with the test password on the login page, after deleting the cookies of
/// any earlier session, and waits for the signed-in page.
pub(crate) async fn sign_in(browser: &Client, app: &TestApp, login: &str) {
    browser.delete_all_cookies().await.unwrap();
    browser.goto(&app.url("/login")).await.unwrap();
    browser.find(Locator::Css("input[name=login]")).await.unwrap().send_keys(login).await.unwrap();
    browser.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    browser.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("nav")).await.unwrap();
}

/// The text of the element `css`; an element of a page being replaced (a form just posted)
/// goes stale between finding and reading it, so it is found again.
pub(crate) async fn text_of(browser: &Client, css: &str) -> String {
    for _ in 0..50 {
        let element = browser.wait().for_element(Locator::Css(css)).await.unwrap();
        if let Ok(text) = element.text().await {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} kept going stale");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_signs_in_finds_a_case_records_money_and_exports() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.goto(&app.url("/login")).await.unwrap();
    browser.find(Locator::Css("input[name=login]")).await.unwrap().send_keys(&login_of(Role::Officer)).await.unwrap();
    browser.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    shot(&browser, "01-login").await;
    browser.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    let before = text_of(&browser, "#money-completed").await;
    shot(&browser, "02-dashboard-before").await;

    browser.goto(&app.url("/cases")).await.unwrap();
    browser.find(Locator::Css("input[name=q]")).await.unwrap().send_keys("nguyen van an").await.unwrap();
    browser.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#case-list")).await.unwrap();
    shot(&browser, "03-search").await;
    browser.find(Locator::LinkText("46/QĐ-THADS")).await.unwrap().click().await.unwrap();
    assert_eq!(text_of(&browser, "#debtor").await, "Nguyễn Văn An");
    assert_eq!(text_of(&browser, "#outstanding").await, "50.000.000 đ");

    browser.find(Locator::Css("#event-code")).await.unwrap().select_by_value("collected").await.unwrap();
    browser.find(Locator::Css("#event-amount")).await.unwrap().send_keys("20000000").await.unwrap();
    browser.find(Locator::Css("#record-submit")).await.unwrap().click().await.unwrap();
    for _ in 0..100 {
        if text_of(&browser, "#outstanding").await == "30.000.000 đ" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(text_of(&browser, "#outstanding").await, "30.000.000 đ");
    assert_eq!(text_of(&browser, "#collected").await, "20.000.000 đ");
    shot(&browser, "04-case-after-collecting").await;

    browser.goto(&app.url("/")).await.unwrap();
    let after = text_of(&browser, "#money-completed").await;
    assert_ne!(before, after, "the dashboard follows the money collected");
    assert!(after.starts_with("20.000.000 đ"), "{after}");
    shot(&browser, "05-dashboard-after").await;

    browser.goto(&app.url("/stats")).await.unwrap();
    let href = browser.find(Locator::Css("#export-xlsx")).await.unwrap().attr("href").await.unwrap().unwrap();
    shot(&browser, "06-statistics").await;
    let session = browser.get_named_cookie("thads_session").await.unwrap();
    let xlsx = app
        .client
        .get(app.url(&href))
        .header(reqwest::header::COOKIE, format!("thads_session={}", session.value()))
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), reqwest::StatusCode::OK);
    let bytes = xlsx.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip");
    std::fs::write(shots_dir().join("export.xlsx"), &bytes).unwrap();
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_imports_a_register_and_sees_the_result_and_its_problems() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.goto(&app.url("/login")).await.unwrap();
    browser.find(Locator::Css("input[name=login]")).await.unwrap().send_keys(&login_of(Role::Clerk)).await.unwrap();
    browser.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    browser.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#rate-cases")).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("cases.csv");
    let header = "unit,case_no,accepted_on,origin,judgment_type,amount_vnd,debtor,creditor\n";
    std::fs::write(&good, format!("{header}BG-KV1,501/QĐ-THADS,05/10/2025,chu_dong,dan_su,3.000.000 đ,Võ Văn Tám,C\n"))
        .unwrap();
    let bad = dir.path().join("events.csv");
    std::fs::write(&bad, "unit,case_no,date,event,amount_vnd\nBG-KV1,501/QĐ-THADS,06/10/2025,collected,9.000.000\n")
        .unwrap();
    for (file, expected) in [(&good, "Đã nhập 1 dòng"), (&bad, "Từ chối")] {
        browser.goto(&app.url("/import")).await.unwrap();
        let input = browser.find(Locator::Css("#import-files")).await.unwrap();
        input.send_keys(&file.display().to_string()).await.unwrap();
        browser.find(Locator::Css("#import-submit")).await.unwrap().click().await.unwrap();
        // The page polls the progress and reloads itself with the result.
        let result = text_of(&browser, "#import-result").await;
        if !result.contains(expected) {
            // The whole page: a failed import shows its error above an empty result.
            let page = text_of(&browser, "main").await;
            panic!("«{expected}» not in the result of {}: «{result}»; the page says: {page}", file.display());
        }
    }
    let problems = text_of(&browser, "table.problems").await;
    assert!(problems.contains("amount_vnd") && problems.contains("vượt số còn phải thi hành"), "{problems}");
    shot(&browser, "07-import-refused").await;
    browser.close().await.unwrap();
}

/// Fills the input `css` with `text` (clearing what it held).
/// Types `text` into the input `css`, replacing what it held.
pub(crate) async fn fill(browser: &Client, css: &str, text: &str) {
    let input = browser.find(Locator::Css(css)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

/// Clicks `button` and waits for the answering page to replace this one.
pub(crate) async fn submit(browser: &Client, button: &str) {
    let old = browser.find(Locator::Css("main")).await.unwrap();
    browser.find(Locator::Css(button)).await.unwrap().click().await.unwrap();
    for _ in 0..100 {
        if old.text().await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    browser.wait().for_element(Locator::Css("main")).await.unwrap();
}

/// Waits until the element `css` holds `text`.
async fn until_contains(browser: &Client, css: &str, text: &str) -> String {
    let mut seen = String::new();
    for _ in 0..100 {
        seen = text_of(browser, css).await;
        if seen.contains(text) {
            return seen;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("«{text}» not in {css}: «{seen}»");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_takes_in_a_case_records_edits_and_reassigns_it() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.goto(&app.url("/login")).await.unwrap();
    browser.find(Locator::Css("input[name=login]")).await.unwrap().send_keys(&login_of(Role::Head)).await.unwrap();
    browser.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    browser.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#rate-cases")).await.unwrap();

    browser.goto(&app.url("/cases")).await.unwrap();
    browser.find(Locator::Css("#intake-link")).await.unwrap().click().await.unwrap();
    let number = browser.wait().for_element(Locator::Css("#f-case_no")).await.unwrap().prop("value").await.unwrap();
    assert!(number.is_some_and(|n| n.ends_with("/QĐ-THADS")), "a number is proposed");
    fill(&browser, "#f-case_no", "301/QĐ-THADS").await;
    browser
        .find(Locator::Css("#f-judgment_type"))
        .await
        .unwrap()
        .select_by_value("kinh_doanh_thuong_mai")
        .await
        .unwrap();
    browser.find(Locator::Css("input[name=cat_tin_dung]")).await.unwrap().click().await.unwrap();
    fill(&browser, "#f-amount_vnd", "250.000.000").await;
    fill(&browser, "#f-debtor", "Công ty TNHH Thương mại Hoàng Phát").await;
    fill(&browser, "#f-debtor_id", "2400123456").await;
    fill(&browser, "#f-debtor_address", "Số 12 đường Lê Lợi, phường Tân An, Bắc Giang").await;
    fill(&browser, "#f-creditor", "Ngân hàng TMCP Á Châu").await;
    fill(&browser, "#f-judgment_court", "Tòa án nhân dân tỉnh Bắc Giang").await;
    fill(&browser, "#f-judgment_no", "15/2025/KDTM-ST").await;
    fill(&browser, "#f-judgment_date", "12/09/2025").await;
    fill(&browser, "#f-request_date", "20/10/2025").await;
    fill(&browser, "#f-request_by", "Ngân hàng TMCP Á Châu").await;
    browser.find(Locator::Css("#f-officer")).await.unwrap().select_by_value("officer.kv1").await.unwrap();
    shot(&browser, "08-intake-form").await;
    browser.find(Locator::Css("#intake-submit")).await.unwrap().click().await.unwrap();
    until_contains(&browser, "h1", "301/QĐ-THADS").await;
    assert_eq!(text_of(&browser, "#detail-debtor_id").await, "2400123456");
    let accepted = text_of(&browser, "ol.timeline li:first-child").await;
    assert!(accepted.contains("Thụ lý") && accepted.contains("ghi bởi head.kv1"), "{accepted}");
    shot(&browser, "09-case-taken-in").await;

    browser.find(Locator::Css("#event-code")).await.unwrap().select_by_value("with_means").await.unwrap();
    browser.find(Locator::Css("#record-submit")).await.unwrap().click().await.unwrap();
    until_contains(&browser, "#case-state", "Có điều kiện").await;
    shot(&browser, "10-event-recorded").await;

    browser.find(Locator::Css("#edit-link")).await.unwrap().click().await.unwrap();
    fill(&browser, "#f-debtor_address", "Lô 5, KCN Đình Trám, Bắc Giang").await;
    // The reason is required: the browser itself asks for it (the server's refusal is tested
    // in `intake`).
    let reason = browser.find(Locator::Css("#f-reason")).await.unwrap();
    assert_eq!(reason.attr("required").await.unwrap().as_deref(), Some("true"));
    fill(&browser, "#f-reason", "Doanh nghiệp chuyển trụ sở").await;
    shot(&browser, "11-edit-facts").await;
    browser.find(Locator::Css("#edit-submit")).await.unwrap().click().await.unwrap();
    until_contains(&browser, "#detail-debtor_address", "Lô 5, KCN Đình Trám").await;
    until_contains(&browser, "ol.timeline", "Doanh nghiệp chuyển trụ sở").await;

    browser.find(Locator::Css("#reassign-officer")).await.unwrap().select_by_value("head.kv1").await.unwrap();
    fill(&browser, "#reassign-reason", "Chấp hành viên nghỉ phép").await;
    browser.find(Locator::Css("#reassign-submit")).await.unwrap().click().await.unwrap();
    until_contains(&browser, "#officer", "Cán bộ head").await;
    let timeline = until_contains(&browser, "ol.timeline", "Phân công lại chấp hành viên").await;
    let (taken, edited) = (timeline.find("Thụ lý").unwrap(), timeline.find("Sửa thông tin việc").unwrap());
    assert!(taken < edited, "the intake first: {timeline}");
    shot(&browser, "12-reassigned").await;
    browser.execute("document.querySelector('ol.timeline').scrollIntoView()", vec![]).await.unwrap();
    shot(&browser, "13-timeline").await;
    browser.close().await.unwrap();
}
