//! Exemption and reduction over HTTP and in headless Chromium: the eligibility contract of
//! interchange §4 on both sides of the five years, for a state-budget case and not for
//! another; then the journey an officer's head makes: an eligible state-budget case → the
//! proposal → the court's decision → the case ends exempted (terminated) and the register's
//! figures change. Screenshots in `target/e2e/exemption-*.png`; the browser part is skipped
//! without chromedriver, as `e2e` is.

use fantoccini::Locator;
use reqwest::StatusCode;
use serde_json::Value;
use thads_app::{Actor, NewRecord};
use thads_core::{CaseId, Category, Event, EventCode, Role, Rules};
use time::{Date, Duration};

use crate::common::{PASSWORD, TestApp, login_of};
use crate::e2e::{shot, start_browser, text_of};

fn today() -> Date {
    thads_app::clock::vietnam_date(time::OffsetDateTime::now_utc())
}

/// A case of BG-KV1 for the state budget (court fees, fines), accepted six years ago, the
/// debtor without means since five years ago; assigned to the section's officer.
fn budget_case(app: &TestApp, no: &str, amount: i64, budget: bool) -> (CaseId, Date) {
    let accepted = today() - Duration::days(6 * 365);
    let mut facts = thads_testkit::facts(app.units.region1, no, accepted, amount);
    if budget {
        facts.categories.insert(Category::NganSach);
    }
    facts.judgment_type = thads_core::JudgmentType::HinhSu;
    facts.creditor = "Ngân sách nhà nước".into();
    facts.officer = Some(app.staff[&login_of(Role::Officer)]);
    let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
    let rules = Rules::default();
    let id = app.db(|s| {
        let case = thads_app::cases::record::create_case(s, &actor, &rules, facts).unwrap().case;
        let event =
            Event { date: accepted + Duration::days(365), code: EventCode::NoMeans, amount: None, ground: None };
        thads_app::cases::record::record(s, &actor, &rules, case.id, case.version, NewRecord::event(event)).unwrap();
        case.id
    });
    (id, accepted)
}

async fn eligibility(app: &TestApp, token: &str, case: CaseId, on: Date) -> Value {
    let url = app.url(&format!("/api/v1/cases/{}/exemption?on={on}", case.0));
    let r = app.client.get(url).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

#[tokio::test]
async fn eligibility_follows_the_years_and_the_state_budget() {
    let app = TestApp::spawn().await;
    let (case, accepted) = budget_case(&app, "201/QĐ-THADS", 1_500_000, true);
    let (other, _) = budget_case(&app, "202/QĐ-THADS", 1_500_000, false);
    let token = app.token(&login_of(Role::Officer)).await;
    // Five years from the decision run to the end of the same day five years later.
    let five = accepted.replace_year(accepted.year() + 5).unwrap_or(accepted + Duration::days(5 * 365 + 1))
        + Duration::days(1);
    let e = eligibility(&app, &token, case, five).await;
    let mut keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, vec!["citation", "eligible", "kind", "max_reduction_vnd", "reasons"]);
    assert_eq!(
        (e["eligible"].as_bool(), e["kind"].as_str(), e["max_reduction_vnd"].as_i64()),
        (Some(true), Some("mien"), Some(1_500_000))
    );
    assert!(e["citation"].as_str().unwrap().contains("Điều 61 khoản 1 điểm b (05 năm"), "{e}");
    assert!(
        e["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["met"] == true && !r["citation"].as_str().unwrap().is_empty())
    );
    // The day before the five years have run: not yet, with the same citation.
    let e = eligibility(&app, &token, case, five - Duration::days(1)).await;
    assert_eq!(
        (e["eligible"].as_bool(), &e["kind"], &e["max_reduction_vnd"]),
        (Some(false), &Value::Null, &Value::Null)
    );
    let band = e["reasons"].as_array().unwrap().iter().find(|r| r["check"] == "band").unwrap().clone();
    assert_eq!(band["met"], false);
    // Not a state-budget obligation: never.
    let e = eligibility(&app, &token, other, today()).await;
    let budget = e["reasons"].as_array().unwrap().iter().find(|r| r["check"] == "state_budget").unwrap().clone();
    assert_eq!((e["eligible"].as_bool(), budget["met"].as_bool()), (Some(false), Some(false)));
    // Another section's officer does not find the case; a bad day is a bad request.
    let kv2 = app.token("officer.kv2").await;
    let r =
        app.client.get(app.url(&format!("/api/v1/cases/{}/exemption", case.0))).bearer_auth(&kv2).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = app
        .client
        .get(app.url(&format!("/api/v1/cases/{}/exemption?on=x", case.0)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

/// Sets a date field's value as ISO text (typing into a date field depends on the locale).
async fn set_date(browser: &fantoccini::Client, css: &str, day: Date) {
    let script = format!("document.querySelector('{css}').value = '{day}';");
    browser.execute(&script, vec![]).await.unwrap();
}

async fn click(browser: &fantoccini::Client, css: &str) {
    browser.find(Locator::Css(css)).await.unwrap().click().await.unwrap();
}

/// The text of `css` once it contains `part`, for at most ten seconds.
async fn once(browser: &fantoccini::Client, css: &str, part: &str) -> String {
    let mut text = String::new();
    for _ in 0..100 {
        text = text_of(browser, css).await;
        if text.contains(part) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_eligible_case_is_proposed_decided_and_ends_exempted() {
    let app = TestApp::spawn().await;
    let (case, _) = budget_case(&app, "203/QĐ-THADS", 1_800_000, true);
    let Some((_driver, browser)) = start_browser().await else { return };
    browser.goto(&app.url("/login")).await.unwrap();
    browser.find(Locator::Css("input[name=login]")).await.unwrap().send_keys(&login_of(Role::Head)).await.unwrap();
    browser.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    click(&browser, "form button[type=submit]").await;
    browser.wait().for_element(Locator::Css("nav")).await.unwrap();

    // The register is empty.
    browser.goto(&app.url("/exemptions?unit=BG-KV1")).await.unwrap();
    assert_eq!(text_of(&browser, "#ex-proposed").await, "0");

    // The case page says it is eligible, why and under which clause.
    browser.goto(&app.url(&format!("/cases/{}", case.0))).await.unwrap();
    let said = text_of(&browser, "#ex-eligibility").await;
    assert!(said.starts_with("Đủ điều kiện đề nghị: Miễn") && said.contains("1.800.000"), "{said}");
    assert_eq!(browser.find_all(Locator::Css("#ex-reasons tbody tr")).await.unwrap().len(), 5);
    shot(&browser, "exemption-01-eligible").await;

    // The proposal, made sixty days ago and sent to the procuracy two days later.
    set_date(&browser, "#ex-propose-form input[name=proposed_on]", today() - Duration::days(60)).await;
    set_date(&browser, "#ex-propose-form input[name=procuracy_on]", today() - Duration::days(58)).await;
    click(&browser, "#ex-propose-form button[type=submit]").await;
    once(&browser, "#ex-proposals", "Miễn").await;
    shot(&browser, "exemption-02-proposed").await;

    // The court exempts forty days ago: the protest windows have run, the case ends.
    browser
        .find(Locator::Css("#ex-decision-form input[name=decision_no]"))
        .await
        .unwrap()
        .send_keys("05/2026/QĐ-MGTHA")
        .await
        .unwrap();
    set_date(&browser, "#ex-decision-form input[name=decided_on]", today() - Duration::days(40)).await;
    browser
        .find(Locator::Css("#ex-decision-form select[name=result]"))
        .await
        .unwrap()
        .select_by_value("mien")
        .await
        .unwrap();
    click(&browser, "#ex-decision-form button[type=submit]").await;
    let state = once(&browser, "#case-state", "Miễn thi hành án").await;
    assert_eq!(state, "Miễn thi hành án (đình chỉ)");
    let proposals = text_of(&browser, "#ex-proposals").await;
    assert!(proposals.contains("05/2026/QĐ-MGTHA") && proposals.contains("đã ghi vào việc"), "{proposals}");
    shot(&browser, "exemption-03-decided").await;

    // The register counts it: proposed, decided, exempted, and the amount.
    browser.goto(&app.url("/exemptions?unit=BG-KV1")).await.unwrap();
    assert_eq!(text_of(&browser, "#ex-proposed").await, "1");
    assert_eq!(text_of(&browser, "#ex-decided").await, "1");
    assert_eq!(text_of(&browser, "#ex-exempted").await, "1");
    assert_eq!(text_of(&browser, "#ex-granted").await, "1.800.000 đ");
    shot(&browser, "exemption-04-register").await;
    browser.close().await.unwrap();

    // The history holds the exemption; the audit names the proposal and the decision.
    let records = app.db(|s| s.records(case)).unwrap();
    assert!(records.iter().any(|r| matches!(&r.entry, thads_core::Entry::Event(e) if e.code == EventCode::Exempted)));
    let audit = app.db(|s| s.audit_of_case(case)).unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert!(actions.contains(&"exemption.propose") && actions.contains(&"exemption.decide"), "{actions:?}");
}

/// Proposes `case` sixty days ago and records the court's decision made `decided_ago` days ago,
/// entered `entered_ago` days ago (so that its effect may still be unrecorded).
fn decided(app: &TestApp, case: CaseId, decided_ago: i64, entered_ago: i64) {
    use thads_core::exemption::{CourtDecision, CourtResult};
    let rules = Rules::default();
    let at = |ago: i64| {
        let day = today() - Duration::days(ago);
        Actor {
            login: "test".into(),
            at: day.midnight().assume_offset(thads_app::clock::VIETNAM) + Duration::hours(12),
        }
    };
    app.db(|s| {
        let calendar = thads_app::deadlines::DeadlineSetup::load(s).unwrap().calendar.clone();
        let input = thads_app::exemption::ProposalInput {
            case_id: case,
            proposed_on: today() - Duration::days(60),
            procuracy_on: Some(today() - Duration::days(58)),
            amount: None,
            note: String::new(),
        };
        let id = thads_app::exemption::propose(s, &at(58), &rules, &calendar, input).unwrap();
        let decision = CourtDecision {
            decided_on: today() - Duration::days(decided_ago),
            result: CourtResult::Mien,
            on_protest: false,
            protested: false,
            received_by_higher_procuracy_on: None,
        };
        let input = thads_app::exemption::DecisionInput { decision_no: format!("{decided_ago}/QĐ-MGTHA"), decision };
        thads_app::exemption::decide(s, &at(entered_ago), &rules, &calendar, id, input).unwrap();
    });
}

#[tokio::test]
async fn the_protest_windows_and_an_effect_to_record_are_on_the_worklist() {
    let app = TestApp::spawn().await;
    let (open, _) = budget_case(&app, "204/QĐ-THADS", 1_500_000, true);
    let (late, _) = budget_case(&app, "205/QĐ-THADS", 1_500_000, true);
    // Decided two days ago: both procuracies may still protest.
    decided(&app, open, 2, 2);
    // Decided forty days ago and entered the next day: in effect, not yet on the case.
    decided(&app, late, 40, 39);
    let token = app.token(&login_of(Role::Officer)).await;
    let r = app.client.get(app.url("/api/v1/deadlines?unit=BG-KV1")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let all: Value = r.json().await.unwrap();
    let items: Vec<&Value> = all["items"].as_array().unwrap().iter().filter(|i| i["kind"] == "exemption").collect();
    let of = |case: CaseId| items.iter().filter(|i| i["case_id"] == case.0).collect::<Vec<_>>();
    let windows = of(open);
    assert_eq!(windows.len(), 2, "the same-level and the higher procuracy: {all}");
    assert!(windows.iter().all(|w| w["overdue"] == false && w["citation"].as_str().unwrap().contains("Điều 64")));
    assert!(windows.iter().all(|w| w["officer"] == "officer.kv1" && w["case_no"] == "204/QĐ-THADS"), "{all}");
    let to_record = of(late);
    assert_eq!(to_record.len(), 1, "the windows have run; the effect is due: {all}");
    assert_eq!(to_record[0]["overdue"], true);
    // The page lists the same, leading to the case.
    let s = app.sign_in(&login_of(Role::Officer)).await;
    let page = app.get(&s, "/deadlines?unit=BG-KV1").await.text().await.unwrap();
    assert!(page.contains(&format!("href=\"/cases/{}\"", open.0)) && page.contains("Miễn, giảm: Kháng nghị"), "{page}");
    // In English, in English.
    let english = format!("{}; lang=en", s.cookie);
    let page = app.client.get(app.url("/deadlines?unit=BG-KV1")).header("cookie", english).send().await.unwrap();
    let page = page.text().await.unwrap();
    assert!(page.contains("Exemption, reduction: the same-level procuracy may protest"), "{page}");
    assert!(!page.contains("Miễn, giảm: Kháng nghị"), "{page}");
    // Recorded: gone from the worklist.
    let proposal = app.db(|st| st.proposals_of_case(late)).unwrap()[0].id;
    let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
    app.db(|st| {
        let calendar = thads_app::deadlines::DeadlineSetup::load(st).unwrap().calendar.clone();
        thads_app::exemption::apply_effect(st, &actor, &Rules::default(), &calendar, proposal).unwrap();
    });
    let r = app.client.get(app.url("/api/v1/deadlines?unit=BG-KV1")).bearer_auth(&token).send().await.unwrap();
    let all: Value = r.json().await.unwrap();
    assert!(!all["items"].as_array().unwrap().iter().any(|i| i["kind"] == "exemption" && i["case_id"] == late.0));
}
