//! Contract checks of the case list: scope, filters, sorts and pages, and the search of words
//! typed without diacritics.

use thads_core::{CaseId, Categories, Category, Origin, Role, StaffId, UnitId};
use time::macros::date;

use super::super::{by_words, facts, listed, new_case, ok, seed_units, staff_member};
use crate::*;

/// Five cases in two units, accepted on consecutive days, with different states and money.
fn seed_list(store: &dyn Store) -> (Vec<UnitId>, Vec<CaseId>, StaffId) {
    let ids = seed_units(store);
    let officer = staff_member(store, ids[2], "chv.list", Role::Officer);
    let mut cases = Vec::new();
    for i in 0..5_i64 {
        let unit = if i < 3 { ids[2] } else { ids[3] };
        let mut f = facts(unit, &format!("{}/QĐ-THADS", 40 + i), 1_000 * (i + 1));
        f.accepted_on = date!(2025 - 10 - 01) + time::Duration::days(i);
        f.origin = if i % 2 == 0 { Origin::ChuDong } else { Origin::TheoYeuCau };
        f.officer = (i == 1).then_some(officer);
        if i == 2 {
            f.categories = ok(Categories::parse("ngan_sach").map_err(|e| StoreError::Invalid(e.to_string())));
            f.debtor = "Trần Thị Bích".into();
        }
        let mut c = new_case(f);
        if i == 4 {
            c.current.state = thads_core::CaseState::Closed(thads_core::Closing::Completed);
        }
        let mut tx = ok(store.begin());
        cases.push(ok(tx.insert_cases(&[c]))[0]);
        ok(tx.commit());
    }
    (ids, cases, officer)
}

pub fn case_list_filters_sorts_and_pages(store: &dyn Store) {
    let (ids, c, officer) = seed_list(store);
    let all = CaseQuery::default();
    assert_eq!(listed(store, all.clone()), (vec![c[4], c[3], c[2], c[1], c[0]], false), "newest first");
    assert_eq!(listed(store, CaseQuery { limit: 2, ..all.clone() }), (vec![c[4], c[3]], true));
    assert_eq!(listed(store, CaseQuery { limit: 2, offset: 4, ..all.clone() }), (vec![c[0]], false));
    for (q, total) in [
        (all.clone(), 5),
        (CaseQuery { limit: 2, ..all.clone() }, 5),
        (CaseQuery { limit: 2, offset: 2, ..all.clone() }, 5),
        (CaseQuery { limit: 2, offset: 9, ..all.clone() }, 5),
        (CaseQuery { limit: 1, units: Some(vec![ids[3]]), ..all.clone() }, 2),
        (CaseQuery { limit: 1, origin: Some(Origin::TheoYeuCau), ..all.clone() }, 2),
    ] {
        let page = ok(store.list_cases(&q));
        assert_eq!(page.total, total, "every page counts all the matching cases: {q:?}");
    }
    let scoped = CaseQuery { units: Some(vec![ids[3]]), ..all.clone() };
    assert_eq!(listed(store, scoped).0, vec![c[4], c[3]]);
    assert_eq!(
        listed(store, CaseQuery { units: Some(vec![]), ..all.clone() }).0,
        vec![],
        "an empty scope sees nothing"
    );
    assert_eq!(listed(store, CaseQuery { state: Some(StateFilter::Closed), ..all.clone() }).0, vec![c[4]]);
    assert_eq!(listed(store, CaseQuery { state: Some(StateFilter::Open), ..all.clone() }).0.len(), 4);
    let opened = StateFilter::Is(thads_core::CaseState::Opened);
    assert_eq!(listed(store, CaseQuery { state: Some(opened), ..all.clone() }).0.len(), 4);
    assert_eq!(listed(store, CaseQuery { origin: Some(Origin::TheoYeuCau), ..all.clone() }).0, vec![c[3], c[1]]);
    assert_eq!(listed(store, CaseQuery { category: Some(Category::NganSach), ..all.clone() }).0, vec![c[2]]);
    assert_eq!(listed(store, CaseQuery { officer: Some(officer), ..all.clone() }).0, vec![c[1]]);
    let dates = CaseQuery {
        accepted_from: Some(date!(2025 - 10 - 02)),
        accepted_to: Some(date!(2025 - 10 - 03)),
        sort: CaseSort::AcceptedAsc,
        ..all.clone()
    };
    assert_eq!(listed(store, dates).0, vec![c[1], c[2]]);
    let by_money = CaseQuery { sort: CaseSort::OutstandingDesc, ..all.clone() };
    assert_eq!(listed(store, by_money).0, vec![c[4], c[3], c[2], c[1], c[0]], "largest amount owed first");
    assert_eq!(listed(store, CaseQuery { sort: CaseSort::AcceptedDesc, ..all }).0[0], c[4]);
}

pub fn case_list_finds_words_without_diacritics(store: &dyn Store) {
    let (ids, c, _) = seed_list(store);
    assert_eq!(listed(store, by_words("tran thi bich")).0, vec![c[2]], "Trần Thị Bích typed without diacritics");
    assert_eq!(listed(store, by_words("Bích TRẦN")).0, vec![c[2]], "any order, any case");
    assert_eq!(listed(store, by_words("42/QĐ")).0, vec![c[2]], "decision numbers");
    assert_eq!(listed(store, by_words("nguyen van")).0.len(), 4, "prefixes of words");
    assert_eq!(listed(store, by_words("tran thi bi")).0, vec![c[2]], "the last word may be unfinished");
    assert_eq!(listed(store, by_words("tra thi bich")).0, vec![], "the words before it are whole words");
    assert_eq!(listed(store, by_words("nguyen bich")).0, vec![], "every word must match");
    let scoped = CaseQuery { units: Some(vec![ids[3]]), ..by_words("nguyen van an") };
    assert_eq!(listed(store, scoped).0, vec![c[4], c[3]]);
    // Renaming the debtor moves the case in the index.
    let mut tx = ok(store.begin());
    let mut case = ok(tx.case_for_update(c[0])).unwrap_or_else(|| panic!("case missing"));
    case.facts.debtor = "Đỗ Thị Hoa".into();
    let update = CaseUpdate { facts: case.facts, current: case.current, last_event_on: None, event_count: 0 };
    ok(tx.update_case(c[0], case.version, &update));
    ok(tx.commit());
    assert_eq!(listed(store, by_words("do thi hoa")).0, vec![c[0]]);
    assert_eq!(listed(store, by_words("nguyen van")).0.len(), 3);
}

/// A search whose words most cases carry (a common family name, a middle name, an unfinished
/// given name) pages newest first, within a unit filter; it is counted only on its last page
/// (counting common words would cost many times the page). Backends may walk the newest cases
/// and test their words instead of reading the whole index.
pub fn a_common_word_search_pages_newest_first(store: &dyn Store) {
    let ids = seed_units(store);
    let debtor = |i: usize| match i % 5 {
        0 => "Nguyễn Văn Anh",
        1 => "Nguyễn Văn An",
        2 => "Nguyễn Thị An",
        3 => "Trần Văn Ân",
        _ => "Nguyễn Văn Bình",
    };
    let cases: Vec<NewCase> = (0..240)
        .map(|i| {
            let mut f = facts(ids[2 + i % 2], &format!("{}/QĐ-THADS", 500 + i), 1_000);
            f.debtor = debtor(i).into();
            f.creditor = if i % 3 == 0 { "Công ty TNHH Hòa Bình".into() } else { "Lê Thị Lan".into() };
            new_case(f)
        })
        .collect();
    let mut tx = ok(store.begin());
    let got = ok(tx.insert_cases(&cases));
    ok(tx.commit());
    let expected: Vec<CaseId> = (0..240).rev().filter(|i| i % 2 == 1 && i % 5 < 2).map(|i| got[i]).collect();
    let query = CaseQuery { units: Some(vec![ids[3]]), limit: 10, ..by_words("Nguyen van an") };
    let mut seen = Vec::new();
    for page in 0..6_u64 {
        let found = ok(store.list_cases(&CaseQuery { offset: page * 10, ..query.clone() }));
        let more = (page + 1) * 10 < expected.len() as u64;
        assert_eq!(found.more, more, "page {page}");
        // Not counted while more follow: the cases up to this page's end; the last page counts.
        let told = if more { ((page + 1) * 10, false) } else { (expected.len() as u64, true) };
        assert_eq!((found.total, found.counted), told, "page {page}");
        seen.extend(found.cases.iter().map(|c| c.id));
    }
    assert_eq!(seen, expected, "newest first, «an» a prefix (An, Anh), only unit BG-KV2");
    let companies = CaseQuery { state: Some(StateFilter::Open), limit: 500, ..by_words("cong ty") };
    let expected: Vec<CaseId> = (0..240).rev().filter(|i| i % 3 == 0).map(|i| got[i]).collect();
    assert_eq!(listed(store, companies).0, expected, "a common word of the creditor");
    let whole = CaseQuery { limit: 30, ..by_words("nguyen") };
    let found = ok(store.list_cases(&whole));
    assert_eq!((found.cases[0].id, found.total, found.counted, found.more), (got[239], 30, false, true));
    let counted = CaseQuery { limit: 30, ..CaseQuery::default() };
    let found = ok(store.list_cases(&counted));
    assert_eq!((found.total, found.counted), (240, true), "a list without words is counted");
}

/// The last word typed matches every word it begins, whatever its length: one letter, 2 to 6
/// (which a backend may keep as words of their own), longer than 6; typed without diacritics;
/// decision numbers split at `/` and `-`. The words before it are whole words. Editing a case's
/// money leaves its words as they were; renaming the debtor replaces them.
pub fn a_search_prefix_of_any_length_matches(store: &dyn Store) {
    let ids = seed_units(store);
    let parties = [
        ("Hoàng Thị Phượng", "Công ty TNHH Thương mại Quảng Ninh"),
        ("Hoàng Văn Hoan", "Ngân hàng TMCP Á Châu"),
        ("Hoa Thị Lý", "Nguyễn Văn Trường"),
        ("Đặng Hoàng Anh", "Phạm Thị Hoàn"),
    ];
    let cases: Vec<NewCase> = parties
        .iter()
        .enumerate()
        .map(|(i, (debtor, creditor))| {
            let mut f = facts(ids[2], &format!("{}/QĐ-CCTHADS", 120 + i), 1_000);
            f.debtor = (*debtor).into();
            f.creditor = (*creditor).into();
            new_case(f)
        })
        .collect();
    let mut tx = ok(store.begin());
    let c = ok(tx.insert_cases(&cases));
    ok(tx.commit());
    let found = |t: &str| listed(store, by_words(t)).0;
    assert_eq!(found("thi l"), vec![c[2]], "one letter: Lý");
    assert_eq!(found("h"), vec![c[3], c[2], c[1], c[0]], "one letter alone");
    assert_eq!(found("ho"), vec![c[3], c[2], c[1], c[0]], "two letters: Hoàng, Hoa, Hoàn");
    assert_eq!(found("hoan"), vec![c[3], c[1], c[0]], "Hoàng, Hoan, Hoàn, not Hoa");
    assert_eq!(found("van hoan"), vec![c[1]], "a whole word, then the prefix");
    assert_eq!(found("hoang"), vec![c[3], c[1], c[0]], "five letters, a whole word too");
    assert_eq!(found("phuong"), vec![c[0]], "six letters, the whole word");
    assert_eq!(found("phuon"), vec![c[0]]);
    assert_eq!(found("thuong ma"), vec![c[0]], "Thương mại");
    assert_eq!(found("thuongm"), vec![], "seven letters no word begins with");
    assert_eq!(found("truon"), vec![c[2]]);
    assert_eq!(found("truong"), vec![c[2]], "Trường");
    assert_eq!(found("nguyen van truong"), vec![c[2]]);
    assert_eq!(found("quang nin"), vec![c[0]], "Quảng Ninh");
    assert_eq!(found("Ngân HÀNG Á châu"), vec![c[1]], "diacritics and case folded");
    assert_eq!(found("dang hoang a"), vec![c[3]], "Đặng");
    assert_eq!(found("hoa thi"), vec![c[2]], "«hoa» before the last word is whole: not Hoàng");
    assert_eq!(found("121/QĐ-CCTHADS"), vec![c[1]], "a decision number");
    assert_eq!(found("121/qd-ccth"), vec![c[1]], "an unfinished decision number");
    assert_eq!(found("cctha"), vec![c[3], c[2], c[1], c[0]]);
    assert_eq!(found("ccthads 12"), vec![c[3], c[2], c[1], c[0]], "numbers are words: 120..123");
    assert_eq!(found("ccthads 123"), vec![c[3]]);
    assert_eq!(found("12 cctha"), vec![], "«12» before the last word is whole");
    assert_eq!(found(&format!("{} hoang", "a".repeat(3000))), vec![], "a word longer than any kept");
    // Money moves: the words stay; a rename replaces them.
    let mut tx = ok(store.begin());
    let mut case = ok(tx.case_for_update(c[1])).unwrap_or_else(|| panic!("case missing"));
    case.current.collected = ok(thads_core::Vnd::new(400).map_err(|e| StoreError::Invalid(e.to_string())));
    let update = CaseUpdate { facts: case.facts.clone(), current: case.current, last_event_on: None, event_count: 1 };
    ok(tx.update_case(c[1], case.version, &update));
    ok(tx.commit());
    assert_eq!(found("van hoan"), vec![c[1]], "after a money update");
    let mut tx = ok(store.begin());
    let mut case = ok(tx.case_for_update(c[1])).unwrap_or_else(|| panic!("case missing"));
    case.facts.debtor = "Lưu Quốc Khánh".into();
    let update = CaseUpdate { facts: case.facts, current: case.current, last_event_on: None, event_count: 1 };
    ok(tx.update_case(c[1], case.version, &update));
    ok(tx.commit());
    assert_eq!(found("van hoan"), vec![], "the old name is gone");
    assert_eq!(found("luu quoc kh"), vec![c[1]]);
}
