//! An officer's asset chain in headless Chromium (issue 19): from the case page to its assets,
//! the seizure form, then on the asset's page the valuation, an auction that fails, a reduction,
//! two more rounds that fail (the second spanning 01/07/2026), a reduction refused as too large
//! with its rule shown, and the creditor taking the asset once the regime allows it. Screenshots
//! in `target/e2e/` (`assets-*.png`). Skipped without chromedriver, as `e2e` is.

use fantoccini::{Client, Locator};
use thads_core::Role;

use crate::assets::officer_case;
use crate::common::{TestApp, login_of};
use crate::e2e::{shot, sign_in, start_browser, text_of};

async fn fill(browser: &Client, form: &str, name: &str, value: &str) {
    let field = browser.find(Locator::Css(&format!("{form} [name={name}]"))).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

async fn choose(browser: &Client, form: &str, name: &str, value: &str) {
    let field = browser.find(Locator::Css(&format!("{form} select[name={name}]"))).await.unwrap();
    field.select_by_value(value).await.unwrap();
}

/// Fills the step form (`action`, date, then the other fields) and sends it; waits for the page.
async fn step(browser: &Client, action: &str, date: &str, fields: &[(&str, &str)]) {
    choose(browser, "#step-form", "action", action).await;
    fill(browser, "#step-form", "date", date).await;
    for (name, value) in fields {
        if ["method", "outcome", "reason", "decided_by", "case_id"].contains(name) {
            choose(browser, "#step-form", name, value).await;
        } else {
            fill(browser, "#step-form", name, value).await;
        }
    }
    let before = browser.find(Locator::Css("#asset-state")).await.unwrap();
    browser.find(Locator::Css("#step-submit")).await.unwrap().click().await.unwrap();
    // The page that answers replaces this one: wait until this one's element is gone, so that
    // what is read next is the new page's, never the old one's.
    for _ in 0..200 {
        if before.attr("data-code").await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    browser.wait().for_element(Locator::Css("#asset-state")).await.unwrap();
}

/// The asset's state code on the page shown (read again if the page was being replaced).
async fn state(browser: &Client) -> String {
    for _ in 0..100 {
        let el = browser.wait().for_element(Locator::Css("#asset-state")).await.unwrap();
        if let Ok(code) = el.attr("data-code").await {
            return code.unwrap_or_default();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the asset's state could not be read");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_seizes_values_auctions_reduces_and_the_creditor_takes() {
    let app = TestApp::spawn().await;
    let case = officer_case(&app, "903/QĐ-CCTHADS");
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, &login_of(Role::Officer)).await;
    browser.goto(&app.url(&format!("/cases/{}", case.0))).await.unwrap();
    browser.find(Locator::Css("#assets-link")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#seize-form")).await.unwrap();
    choose(&browser, "#seize-form", "kind", "dat_nha").await;
    fill(&browser, "#seize-form", "description", "Thửa đất số 12, tờ bản đồ 5; nhà cấp 4").await;
    fill(&browser, "#seize-form", "seized_on", "04/05/2026").await;
    fill(&browser, "#seize-form", "decision", "15/QĐ-CCTHADS").await;
    shot(&browser, "assets-01-seize").await;
    browser.find(Locator::Css("#seize-form button[type=submit]")).await.unwrap().click().await.unwrap();
    assert_eq!(state(&browser).await, "seized");

    step(&browser, "valuation", "07/05/2026", &[("method", "appraiser"), ("value", "1.000.000.000")]).await;
    assert_eq!(state(&browser).await, "valued");
    assert_eq!(text_of(&browser, "#asset-starting-price").await, "1.000.000.000 đ");
    step(&browser, "auction", "12/05/2026", &[("session_on", "03/06/2026"), ("value", "1.000.000.000")]).await;
    assert_eq!((state(&browser).await, text_of(&browser, "#asset-round").await), ("auction_set".into(), "1".into()));
    step(&browser, "outcome", "03/06/2026", &[("outcome", "failed"), ("reason", "khong_dang_ky")]).await;
    assert_eq!(state(&browser).await, "failed");
    assert_eq!(text_of(&browser, "#asset-creditor").await, "Không");
    shot(&browser, "assets-02-failed").await;
    step(&browser, "reduction", "23/06/2026", &[("decided_by", "officer"), ("value", "900.000.000")]).await;
    assert_eq!((state(&browser).await, text_of(&browser, "#asset-round").await), ("contracted".into(), "2".into()));
    step(&browser, "auction", "28/06/2026", &[("session_on", "13/07/2026"), ("value", "900.000.000")]).await;
    step(&browser, "outcome", "13/07/2026", &[("outcome", "failed"), ("reason", "khong_tra_gia")]).await;
    // A step larger than 10 % is refused, with the rule on the page.
    step(&browser, "reduction", "03/08/2026", &[("decided_by", "officer"), ("value", "700.000.000")]).await;
    let refused = text_of(&browser, "#asset-error").await;
    assert!(refused.contains("810.000.000"), "{refused}");
    shot(&browser, "assets-03-refused").await;
    step(&browser, "reduction", "03/08/2026", &[("decided_by", "officer"), ("value", "810.000.000")]).await;
    step(&browser, "auction", "07/08/2026", &[("session_on", "24/08/2026"), ("value", "810.000.000")]).await;
    step(&browser, "outcome", "24/08/2026", &[("outcome", "failed"), ("reason", "khong_dang_ky")]).await;
    assert_eq!(
        (text_of(&browser, "#asset-round").await, text_of(&browser, "#asset-creditor").await),
        ("3".into(), "Có".into())
    );
    step(&browser, "creditor", "25/08/2026", &[("case_id", &case.0.to_string())]).await;
    assert_eq!(state(&browser).await, "creditor_taking");
    let deadlines = text_of(&browser, "#asset-deadlines").await;
    assert!(deadlines.contains("Người phải thi hành án nhận lại tài sản"), "{deadlines}");
    shot(&browser, "assets-04-creditor").await;
    browser.close().await.unwrap();
}
