//! End-to-end in headless Chromium (issue 23): a provincial administrator merges BG-KV1 and
//! BG-KV2 into a new section on 01/01/2026 on the reorganisations page, then sees the
//! statistics of BG-KV1 for October–November 2025 as reported (its case counted) and restated
//! (its case now at the successor), the page saying which structure it shows. A national
//! administrator merges the province BG into HN on the same page, and BG-KV1's accountant finds
//! the case's money in HN's cash book by the handover, pays it out from there, and cancels a
//! receipt typed twice before the merge (BG's series), reversed in HN's books. A national
//! administrator moves BG-KV1 under HN on the same page, and the case's money comes into HN's
//! books with it, where BG-KV1's accountant pays it out. A national administrator splits the
//! province HP into two new ones on the same page, each case's money going to its part's books,
//! where HP's accountant, now HP1's, pays its case out.

use fantoccini::Locator;
use thads_core::Role;

use crate::common::{TestApp, add_case, add_province, add_staff};
use crate::e2e::{fill, shot, sign_in, start_browser, submit, text_of};
use crate::money::case_receipt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_merges_two_sections_and_sees_both_structures() {
    let app = TestApp::spawn().await;
    let province = app.units.province;
    app.db(|s| add_staff(s, province, "admin.bg", "Quản trị tỉnh", Role::Admin));
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, "admin.bg").await;
    browser.goto(&app.url("/units/reorg?unit=BG")).await.unwrap();
    fill(&browser, "#merge-form input[name=from]", "BG-KV1,BG-KV2").await;
    fill(&browser, "#merge-form input[name=into]", "BG-KV9").await;
    fill(&browser, "#merge-form input[name=name]", "Phòng Thi hành án dân sự khu vực 9").await;
    fill(&browser, "#merge-form input[name=on]", "01/01/2026").await;
    browser.find(Locator::Css("#merge-form button")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#reorg-done")).await.unwrap();
    let listed = text_of(&browser, "#operations").await;
    assert!(listed.contains("merge") && listed.contains("BG-KV9") && listed.contains("01/01/2026"), "{listed}");
    shot(&browser, "reorg-01-merged").await;
    let moved = app.db(|s| s.case(app.own_case)).unwrap().unwrap();
    assert_ne!(moved.facts.unit, app.units.region1, "the case moved");

    // October–November 2025, before the merge: as reported, BG-KV1 had its case.
    browser.goto(&app.url("/stats?unit=BG-KV1&year=2026&months=2")).await.unwrap();
    let shown = browser.find(Locator::Css("#structure-shown")).await.unwrap();
    assert_eq!(shown.attr("data-structure").await.unwrap().as_deref(), Some("as-reported"));
    assert!(text_of(&browser, "#structure-shown").await.contains("như đã báo cáo"));
    let as_reported = text_of(&browser, "#period-shown").await;
    shot(&browser, "reorg-02-as-reported").await;
    browser.find(Locator::Css("#structure-switch")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#structure-shown[data-structure=restated]")).await.unwrap();
    assert!(text_of(&browser, "#structure-shown").await.contains("cơ cấu hiện nay"));
    let restated_table = text_of(&browser, "table.list.form").await;
    shot(&browser, "reorg-03-restated").await;
    // The successor, restated, holds both sections' cases.
    browser.goto(&app.url("/stats?unit=BG-KV9&year=2026&months=2&structure=restated")).await.unwrap();
    let successor = text_of(&browser, "table.list.form").await;
    assert_ne!(successor, restated_table, "BG-KV1 restated is empty, the successor has the cases");
    let _ = as_reported;
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_province_merged_on_the_page_hands_its_money_to_the_successors_books() {
    let app = TestApp::spawn().await;
    let national = app.units.national;
    let duplicate = app.db(|s| {
        add_province(s, "HN", national);
        add_staff(s, national, "admin.vn", "Quản trị toàn quốc", Role::Admin);
        let units = thads_core::UnitTree::new(s.units().unwrap());
        let on = (app.units.region1, app.own_case);
        case_receipt(s, &units, on, time::macros::date!(2025 - 11 - 04), 2_000_000).unwrap();
        // Typed twice: to be cancelled after the merge.
        case_receipt(s, &units, on, time::macros::date!(2025 - 11 - 04), 500_000).unwrap().id
    });
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, "admin.vn").await;
    browser.goto(&app.url("/units/reorg?unit=VN")).await.unwrap();
    fill(&browser, "#merge-form input[name=from]", "BG").await;
    fill(&browser, "#merge-form input[name=into]", "HN").await;
    fill(&browser, "#merge-form input[name=on]", "01/12/2025").await;
    browser.find(Locator::Css("#merge-form button")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#reorg-done")).await.unwrap();
    let listed = text_of(&browser, "#operations").await;
    assert!(listed.contains("merge") && listed.contains("BG") && listed.contains("01/12/2025"), "{listed}");

    // BG-KV1's accountant: the day of the merge in the books BG-KV1 writes into now (HN's).
    sign_in(&browser, &app, &crate::common::login_of(Role::Accountant)).await;
    browser.goto(&app.url("/money?unit=BG-KV1&day=01/12/2025")).await.unwrap();
    let book = text_of(&browser, "#cash-book").await;
    assert!(book.contains("Bàn giao sổ khi tổ chức lại") && book.contains("2.500.000"), "{book}");
    shot(&browser, "reorg-04-books-handed-over").await;
    pay_out_own_case(&browser).await;
    let held = app.db(|s| thads_app::money::books::case_money(s, app.own_case).unwrap());
    assert_eq!((held.collected.dong(), held.held.dong()), (2_500_000, 500_000), "paid out from HN's books");
    shot(&browser, "reorg-05-paid-from-successor").await;

    // The receipt typed twice before the merge, listed in BG's series, is cancelled on the page:
    // reversed in HN's books, which hold its money now.
    browser.goto(&app.url("/money?unit=BG-KV1")).await.unwrap();
    let receipts = text_of(&browser, "main").await;
    assert!(receipts.contains("0000002/2025 · BG"), "{receipts}");
    let form = format!("form[action^='/money/receipts/{duplicate}/cancel']");
    fill(&browser, &format!("{form} input[name=reason]"), "Biên lai lập trùng").await;
    submit(&browser, &format!("{form} button")).await;
    assert!(browser.find(Locator::Css("#money-error")).await.is_err(), "{}", text_of(&browser, "main").await);
    assert!(text_of(&browser, "main").await.contains("Biên lai lập trùng"), "the cancellation listed");
    let held = app.db(|s| thads_app::money::books::case_money(s, app.own_case).unwrap());
    assert_eq!((held.collected.dong(), held.held.dong()), (2_000_000, 0), "as if typed once");
    shot(&browser, "reorg-06-cancelled-in-successor").await;
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_section_moved_on_the_page_to_another_province_takes_its_money_to_that_provinces_books() {
    let app = TestApp::spawn().await;
    let national = app.units.national;
    app.db(|s| {
        add_province(s, "HN", national);
        add_staff(s, national, "admin.vn", "Quản trị toàn quốc", Role::Admin);
        let units = thads_core::UnitTree::new(s.units().unwrap());
        let on = (app.units.region1, app.own_case);
        case_receipt(s, &units, on, time::macros::date!(2025 - 11 - 04), 2_000_000).unwrap();
    });
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, "admin.vn").await;
    browser.goto(&app.url("/units/reorg?unit=VN")).await.unwrap();
    fill(&browser, "#move-form input[name=code]", "BG-KV1").await;
    fill(&browser, "#move-form input[name=parent]", "HN").await;
    fill(&browser, "#move-form input[name=on]", "01/12/2025").await;
    browser.find(Locator::Css("#move-form button")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#reorg-done")).await.unwrap();

    // BG-KV1's accountant, now under HN: the case's money came into HN's books with the section.
    sign_in(&browser, &app, &crate::common::login_of(Role::Accountant)).await;
    browser.goto(&app.url("/money?unit=BG-KV1&day=01/12/2025")).await.unwrap();
    let book = text_of(&browser, "#cash-book").await;
    assert!(book.contains("Bàn giao sổ khi tổ chức lại") && book.contains("2.000.000"), "{book}");
    shot(&browser, "reorg-07-section-moved-with-its-money").await;
    pay_out_own_case(&browser).await;
    let held = app.db(|s| thads_app::money::books::case_money(s, app.own_case).unwrap());
    assert_eq!((held.collected.dong(), held.held.dong()), (2_000_000, 0), "paid out from HN's books");
    let hn = app.db(|s| thads_core::UnitTree::new(s.units().unwrap()).by_code("HN").map(|u| u.id)).unwrap();
    let bg_cash = app.db(|s| {
        let (first, last) = thads_app::money::EVER;
        let entries = s.unit_entries(app.units.province, first, last).unwrap();
        thads_core::money::custody::balances(entries.iter().map(|r| &r.entry), last)
    });
    let hn_entries = app.db(|s| s.unit_entries(hn, thads_app::money::EVER.0, thads_app::money::EVER.1).unwrap());
    assert_eq!(hn_entries.len(), 2, "the money in with the section, then paid out");
    assert!(
        bg_cash.iter().all(|((_, p), b)| *p == thads_core::money::custody::Party::Agency || *b == 0),
        "{bg_cash:?}"
    );
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_province_split_on_the_page_gives_each_part_its_cases_money() {
    let app = TestApp::spawn().await;
    let national = app.units.national;
    let (first, second) = app.db(|s| {
        let hp = add_province(s, "HP", national);
        add_staff(s, national, "admin.vn", "Quản trị toàn quốc", Role::Admin);
        add_staff(s, hp, "ketoan.hp", "Kế toán HP", Role::Accountant);
        let officer = add_staff(s, hp, "chv.hp", "Chấp hành viên HP", Role::Officer);
        let now = time::OffsetDateTime::now_utc();
        let first = add_case(s, hp, "46/QĐ-THADS", "Đỗ Văn Một", officer, now);
        let second = add_case(s, hp, "47/QĐ-THADS", "Đỗ Văn Hai", officer, now);
        let units = thads_core::UnitTree::new(s.units().unwrap());
        case_receipt(s, &units, (hp, first), time::macros::date!(2025 - 11 - 04), 2_000_000).unwrap();
        case_receipt(s, &units, (hp, second), time::macros::date!(2025 - 11 - 05), 700_000).unwrap();
        (first, second)
    });
    let Some((_driver, browser)) = start_browser().await else { return };
    sign_in(&browser, &app, "admin.vn").await;
    browser.goto(&app.url("/units/reorg?unit=VN")).await.unwrap();
    fill(&browser, "#split-form input[name=from]", "HP").await;
    fill(&browser, "#split-form input[name=into]", "HP1,HP2").await;
    fill(&browser, "#split-form input[name=names]", "Thi hành án dân sự HP1,Thi hành án dân sự HP2").await;
    fill(&browser, "#split-form input[name=on]", "01/12/2025").await;
    // The list file sends one case to HP2; the rule sends every other one to HP1.
    let list = std::env::temp_dir().join(format!("thads-split-{}.csv", std::process::id()));
    std::fs::write(&list, "case_no,unit\n47/QĐ-THADS,HP2\n").unwrap();
    let file = browser.find(Locator::Css("#split-form input[name=cases]")).await.unwrap();
    file.send_keys(&list.display().to_string()).await.unwrap();
    fill(&browser, "#split-form input[name=rest]", "HP1").await;
    browser.find(Locator::Css("#split-form button")).await.unwrap().click().await.unwrap();
    browser.wait().for_element(Locator::Css("#reorg-done")).await.unwrap();
    let listed = text_of(&browser, "#operations").await;
    assert!(listed.contains("split") && listed.contains("HP1") && listed.contains("01/12/2025"), "{listed}");
    // The money the split handed over, in the operation's line: the second case's to HP2, the
    // rest of HP's books to HP1.
    assert!(listed.contains("HP → HP2 700.000 đ") && listed.contains("HP → HP1 2.000.000 đ"), "{listed}");

    let _ = std::fs::remove_file(&list);

    // HP's accountant, moved to HP1 with HP's people: the first case's money came into HP1's
    // books, the second's into HP2's.
    sign_in(&browser, &app, "ketoan.hp").await;
    browser.goto(&app.url("/money?unit=HP1&day=01/12/2025")).await.unwrap();
    let book = text_of(&browser, "#cash-book").await;
    assert!(book.contains("Bàn giao sổ khi tổ chức lại") && book.contains("2.000.000"), "{book}");
    shot(&browser, "reorg-08-province-split-with-its-money").await;
    pay_out_own_case(&browser).await;
    let held = app.db(|s| thads_app::money::books::case_money(s, first).unwrap());
    assert_eq!((held.collected.dong(), held.held.dong()), (2_000_000, 0), "paid out from HP1's books");
    let held = app.db(|s| thads_app::money::books::case_money(s, second).unwrap());
    assert_eq!(held.held.dong(), 700_000, "the other case's money is held");
    let hp2 = app.db(|s| thads_core::UnitTree::new(s.units().unwrap()).by_code("HP2").map(|u| u.id)).unwrap();
    let in_hp2 = app.db(|s| {
        let (first, last) = thads_app::money::EVER;
        let entries = s.unit_entries(hp2, first, last).unwrap();
        thads_core::money::custody::balances(entries.iter().map(|r| &r.entry), last)
    });
    let party = thads_core::money::custody::Party::Case(second);
    assert_eq!(in_hp2.iter().filter(|((_, p), _)| *p == party).map(|(_, b)| *b).sum::<i128>(), 700_000, "{in_hp2:?}");
    browser.close().await.unwrap();
}

/// Pays the own case's 2,000,000 out by transfer on the money page open in `browser`.
async fn pay_out_own_case(browser: &fantoccini::Client) {
    fill(browser, "#p-case_no", "46/QĐ-THADS").await;
    fill(browser, "#p-amount", "2.000.000").await;
    fill(browser, "#p-payee", "Chủ nợ").await;
    fill(browser, "#p-payee_id", "024089009999").await;
    browser.find(Locator::Css("#p-method")).await.unwrap().select_by_value("transfer").await.unwrap();
    submit(browser, "#p-submit").await;
    assert!(browser.find(Locator::Css("#money-error")).await.is_err(), "{}", text_of(browser, "main").await);
}
