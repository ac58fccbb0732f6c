//! The worklist in headless Chromium: the head of a section follows the dashboard's overdue
//! count into the worklist, filters it by officer and kind, sorts it by decision number,
//! downloads the XLSX and turns to "my cases" as an officer, where money unclaimed past its
//! payout limit asks for a notice to the payee. Screenshots in `target/e2e/` (`worklist-*.png`). Skipped without chromedriver, as `e2e` is.

use fantoccini::Locator;
use thads_app::Actor;
use thads_core::{CaseId, Role};
use time::Duration;

use crate::common::{PASSWORD, TestApp, login_of};
use crate::e2e::{shot, shots_dir, start_browser, text_of};

fn opened(app: &TestApp, no: &str, days_ago: i64) -> CaseId {
    let today = thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc());
    let mut facts = thads_testkit::facts(app.units.region1, no, today - Duration::days(days_ago), 20_000_000);
    facts.officer = Some(app.staff[&login_of(Role::Officer)]);
    let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
    app.db(|s| thads_app::cases::record::create_case(s, &actor, &thads_core::Rules::default(), facts)).unwrap().case.id
}

async fn sign_in(browser: &fantoccini::Client, app: &TestApp, login: &str) {
    browser.goto(&app.url("/login")).await.unwrap();
    browser.find(Locator::Css("input[name=login]")).await.unwrap().send_keys(login).await.unwrap();
    browser.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    browser.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("nav")).await.unwrap();
}

/// The decision numbers of the worklist's rows, in order; read again when the page was being
/// replaced meanwhile (a cell gone stale).
async fn numbers(browser: &fantoccini::Client) -> Vec<String> {
    'read: for _ in 0..50 {
        let mut out = Vec::new();
        let cells = browser.find_all(Locator::Css("#worklist tbody td:nth-child(2)")).await.unwrap();
        for cell in cells {
            match cell.text().await {
                Ok(text) => out.push(text),
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue 'read;
                }
            }
        }
        return out;
    }
    panic!("the worklist kept going stale")
}

/// Clicks `css` and waits until the address holds `part` (the next page has loaded).
async fn follow(browser: &fantoccini::Client, css: &str, part: &str) {
    browser.find(Locator::Css(css)).await.unwrap().click().await.unwrap();
    for _ in 0..100 {
        if browser.current_url().await.unwrap().as_str().contains(part) {
            browser.wait().for_element(Locator::Css("#worklist")).await.unwrap();
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{css} did not lead to an address with {part}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_follows_the_dashboard_into_the_worklist_filters_sorts_and_exports() {
    let app = TestApp::spawn().await;
    opened(&app, "91/QĐ-THADS", 45);
    opened(&app, "92/QĐ-THADS", 40);
    opened(&app, "93/QĐ-THADS", 1);
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, &login_of(Role::Head)).await;
    browser.goto(&app.url("/?unit=BG-KV1")).await.unwrap();
    follow(&browser, "#deadlines-overdue a", "overdue=true").await;
    let late = numbers(&browser).await;
    assert!(late.contains(&"91/QĐ-THADS".to_string()) && !late.contains(&"93/QĐ-THADS".to_string()), "{late:?}");
    shot(&browser, "worklist-01-overdue").await;

    // Filter by the officer's name and one kind, then sort by decision number, descending.
    browser.goto(&app.url("/deadlines?unit=BG-KV1")).await.unwrap();
    browser.find(Locator::Css("input[name=officer]")).await.unwrap().send_keys("Cán bộ officer").await.unwrap();
    browser.find(Locator::Css("select[name=kind]")).await.unwrap().select_by_value("first_verification").await.unwrap();
    follow(&browser, "#worklist-filters button[type=submit]", "kind=first_verification").await;
    let filtered = numbers(&browser).await;
    assert_eq!(filtered.len(), 3, "each case's first verification: {filtered:?}");
    shot(&browser, "worklist-02-filtered").await;
    follow(&browser, "#worklist thead th:nth-child(2) a", "dir=asc").await;
    assert_eq!(numbers(&browser).await, ["91/QĐ-THADS", "92/QĐ-THADS", "93/QĐ-THADS"], "ascending");
    follow(&browser, "#worklist thead th:nth-child(2) a", "dir=desc").await;
    assert_eq!(numbers(&browser).await, ["93/QĐ-THADS", "92/QĐ-THADS", "91/QĐ-THADS"], "then descending");
    assert!(text_of(&browser, "#worklist thead th:nth-child(2)").await.contains('▼'));
    shot(&browser, "worklist-03-sorted").await;

    let href = browser.find(Locator::Css("#worklist-export")).await.unwrap().attr("href").await.unwrap().unwrap();
    assert!(href.contains("kind=first_verification") && href.contains("sort=case_no"), "{href}");
    let session = browser.get_named_cookie("thads_session").await.unwrap();
    let xlsx = app
        .client
        .get(app.url(&href.replace("&amp;", "&")))
        .header(reqwest::header::COOKIE, format!("thads_session={}", session.value()))
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), reqwest::StatusCode::OK);
    let bytes = xlsx.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip");
    std::fs::write(shots_dir().join("worklist.xlsx"), &bytes).unwrap();

    // An officer's own cases.
    browser.delete_all_cookies().await.unwrap();
    sign_in(&browser, &app, &login_of(Role::Officer)).await;
    browser.goto(&app.url("/deadlines")).await.unwrap();
    follow(&browser, "#worklist-mine", "mine=true").await;
    assert!(numbers(&browser).await.contains(&"93/QĐ-THADS".to_string()));
    shot(&browser, "worklist-04-mine").await;

    // Money received 20 days ago and never claimed: the payee is to be notified (issue 18).
    received(&app, app.own_case, 20);
    browser.refresh().await.unwrap();
    browser.wait().for_element(Locator::Css("#worklist")).await.unwrap();
    let list = text_of(&browser, "#worklist").await;
    assert!(list.contains("Thông báo nhận tiền chưa có người nhận (700.000 đ)"), "{list}");
    shot(&browser, "worklist-05-unclaimed").await;
    browser.close().await.unwrap();
}

/// A receipt of 700,000 đồng on `case`, dated `days_ago`.
fn received(app: &TestApp, case: CaseId, days_ago: i64) {
    let now = time::OffsetDateTime::now_utc();
    let actor = Actor { login: "test".into(), at: now };
    let input = thads_app::money::receipts::ReceiptInput {
        office: app.units.region1,
        paid_for: thads_core::money::ReceiptFor::Case(case),
        date: thads_app::clock::vietnam_date(now) - Duration::days(days_ago),
        amount: thads_core::Vnd::new(700_000).unwrap(),
        payer: "Người nộp".into(),
        method: thads_core::money::receipt::PaymentMethod::Cash,
    };
    app.db(|s| {
        let units = thads_core::UnitTree::new(s.units().unwrap());
        thads_app::money::receipts::issue(s, &actor, &thads_core::Rules::default(), &units, input).unwrap()
    });
}

/// The grounds of the event chosen, offered as a choice on the case page; a postponement is
/// recorded with one, and the timeline shows it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_chooses_a_legal_ground_from_the_list() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, &login_of(Role::Officer)).await;
    browser.goto(&app.url(&format!("/cases/{}", app.own_case.0))).await.unwrap();
    let code = browser.find(Locator::Css("#event-code")).await.unwrap();
    let offered = code.text().await.unwrap();
    assert!(!offered.contains("Giảm thi hành án"), "no reduction on a private creditor's case: {offered}");
    code.select_by_value("postponed").await.unwrap();
    let visible = browser
        .execute(
            "return [...document.querySelectorAll('#event-ground optgroup')].filter(g => !g.hidden).map(g => g.dataset.event)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(visible, serde_json::json!(["postponed"]), "only the postponement's grounds");
    browser.find(Locator::Css("#event-ground")).await.unwrap().select_by_value("48.1.c").await.unwrap();
    shot(&browser, "grounds-01-choice").await;
    browser.find(Locator::Css("#record-submit")).await.unwrap().click().await.unwrap();
    for _ in 0..100 {
        if text_of(&browser, "ol.timeline").await.contains("48.1.c") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(text_of(&browser, "ol.timeline").await.contains("48.1.c"));
    shot(&browser, "grounds-02-recorded").await;
    browser.close().await.unwrap();
}

/// Money held in the custody books past its payout limit, seen by the head of section: the
/// dashboard's overdue count takes it in, its link leads to the worklist where the payout is
/// listed with the amount held, and once the accountant pays it out the dashboard's count is
/// back where it was (issue 18).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_sees_money_held_too_long_on_the_dashboard_until_it_is_paid_out() {
    let app = TestApp::spawn().await;
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, &login_of(Role::Head)).await;
    browser.goto(&app.url("/?unit=BG-KV1")).await.unwrap();
    let before: u64 = overdue_shown(&browser).await;
    shot(&browser, "books-01-dashboard").await;

    received(&app, app.own_case, 20);
    let held = shown_after_reloads(&browser, before + 1).await;
    assert_eq!(held, before + 1, "money held 20 days is overdue on the dashboard");
    shot(&browser, "books-02-held").await;
    follow(&browser, "#deadlines-overdue a", "overdue=true").await;
    let list = text_of(&browser, "#worklist").await;
    assert!(list.contains("(700.000 đ)"), "the payout is listed with the amount held: {list}");
    shot(&browser, "books-03-worklist").await;

    paid_out(&app, app.own_case, 700_000);
    browser.goto(&app.url("/?unit=BG-KV1")).await.unwrap();
    assert_eq!(shown_after_reloads(&browser, before).await, before, "the payout clears it");
    shot(&browser, "books-04-paid").await;
    browser.close().await.unwrap();
}

/// The dashboard's overdue count.
async fn overdue_shown(browser: &fantoccini::Client) -> u64 {
    let text = text_of(browser, "#deadlines-overdue").await;
    text.trim().replace('.', "").parse().unwrap_or_else(|_| panic!("a count: {text}"))
}

/// The dashboard's overdue count once it shows `expected`, reloading for at most five seconds
/// (kept figures are served until they are a second old); what it shows then otherwise.
async fn shown_after_reloads(browser: &fantoccini::Client, expected: u64) -> u64 {
    for _ in 0..50 {
        browser.refresh().await.unwrap();
        if overdue_shown(browser).await == expected {
            return expected;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    overdue_shown(browser).await
}

/// A payout in cash of `amount` from `case`'s money held, today.
fn paid_out(app: &TestApp, case: CaseId, amount: i64) {
    let now = time::OffsetDateTime::now_utc();
    let actor = Actor { login: "test".into(), at: now };
    let input = thads_app::money::payouts::PayoutInput {
        case,
        date: thads_app::clock::vietnam_date(now),
        amount: thads_core::Vnd::new(amount).unwrap(),
        method: thads_core::money::payout::PayoutMethod::Cash,
        payee_kind: thads_core::money::payout::PayeeKind::Individual,
        payee: "Chủ nợ".into(),
        payee_id: Some("024089009999".into()),
        payee_address: None,
    };
    app.db(|s| {
        let units = thads_core::UnitTree::new(s.units().unwrap());
        thads_app::money::payouts::pay(s, &actor, &units, input).unwrap()
    });
}
