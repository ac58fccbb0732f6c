//! The rest of issue 22 in headless Chromium: an officer issues a notice, cancels its number
//! with a reason (the number stays in the register, marked cancelled), then selects cases on the
//! worklist and makes their notices as a job whose page shows its progress and then the file.
//! Screenshots in `target/e2e/` (`documents-jobs-*.png`). Skipped without chromedriver.

use fantoccini::Locator;
use thads_core::Role;

use crate::common::{TestApp, login_of};
use crate::e2e::{shot, sign_in, start_browser, text_of};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_cancels_a_number_and_makes_notices_from_the_worklist() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, &login_of(Role::Officer)).await;
    browser.goto(&app.url(&format!("/cases/{}", app.own_case.0))).await.unwrap();
    browser.find(Locator::Css("#issue-kind")).await.unwrap().select_by_value("thong_bao").await.unwrap();
    browser.find(Locator::Css("#issue-submit")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#issued-documents .doc-cancel")).await.unwrap();
    assert_eq!(text_of(&browser, "#issued-documents .doc-number").await, "1/TB-THADS");
    browser
        .find(Locator::Css("#issued-documents .doc-cancel input[name=reason]"))
        .await
        .unwrap()
        .send_keys("Gửi nhầm địa chỉ")
        .await
        .unwrap();
    shot(&browser, "documents-jobs-01-cancel").await;
    browser.find(Locator::Css("#issued-documents .doc-cancel-button")).await.unwrap().click().await.unwrap();
    for _ in 0..100 {
        if browser.find(Locator::Css("#issued-documents .doc-cancel")).await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let row = text_of(&browser, "#issued-documents").await;
    assert!(row.contains("1/TB-THADS") && row.contains("Gửi nhầm địa chỉ"), "the number stays, cancelled: {row}");
    shot(&browser, "documents-jobs-02-cancelled").await;
    let register = app.db(|s| s.documents_of_case(app.own_case)).unwrap();
    assert_eq!(register.len(), 1);
    assert_eq!(register[0].cancelled.as_ref().map(|c| c.reason.as_str()), Some("Gửi nhầm địa chỉ"));

    // A case taken in three days ago: its first deadlines are on the worklist.
    let today = thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc());
    let mut facts =
        thads_testkit::facts(app.units.region1, "907/QĐ-THADS", today - time::Duration::days(3), 20_000_000);
    facts.officer = Some(app.staff[&login_of(Role::Officer)]);
    let actor = thads_app::Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
    app.db(|s| thads_app::cases::record::create_case(s, &actor, &thads_core::Rules::default(), facts)).unwrap();
    // The worklist: pick the case's rows and make their notices as a job.
    browser.goto(&app.url("/deadlines?unit=BG-KV1")).await.unwrap();
    let picks = browser.find_all(Locator::Css("input.worklist-pick")).await.unwrap();
    assert!(!picks.is_empty(), "the worklist offers its cases to pick");
    picks[0].click().await.unwrap();
    browser
        .find(Locator::Css("#worklist-bulk select[name=kind]"))
        .await
        .unwrap()
        .select_by_value("thong_bao")
        .await
        .unwrap();
    shot(&browser, "documents-jobs-03-worklist").await;
    browser.find(Locator::Css("#worklist-bulk-submit")).await.unwrap().click().await.unwrap();
    // The job's page polls its progress, then offers the file.
    browser.wait().for_element(Locator::Css("#doc-job-file")).await.unwrap();
    shot(&browser, "documents-jobs-04-ready").await;
    let href = browser.find(Locator::Css("#doc-job-file")).await.unwrap().attr("href").await.unwrap().unwrap();
    let script = "const done = arguments[arguments.length - 1]; \
        fetch(arguments[0]).then(async (r) => { const b = new Uint8Array(await r.arrayBuffer()); \
        done([r.status, r.headers.get('content-type'), String.fromCharCode(...b.slice(0, 5))]); });";
    let got = browser.execute_async(script, vec![serde_json::json!(href)]).await.unwrap();
    assert_eq!(
        (got[0].as_u64(), got[1].as_str(), got[2].as_str()),
        (Some(200), Some("application/pdf"), Some("%PDF-"))
    );
    browser.close().await.unwrap();
}
