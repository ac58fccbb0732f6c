//! The contract every backend passes. A backend's tests expand `store_contract_tests!` with a
//! function that returns a fresh, empty, migrated store; each check below becomes one test.

use thads_core::dates::MonthKey;
use thads_core::ledger::{DeductedMove, Dim, Measures, MoveKind, SeriesKey};
use thads_core::lifecycle::opening;
use thads_core::percent::Percent;
use thads_core::{
    CaseFacts, CaseId, CaseNo, Categories, Category, Entry, Event, EventCode, JudgmentType, Login, Origin,
    ReportingYear, Role, StaffId, UnitCode, UnitId, UnitKind, Vnd,
};
use time::macros::{date, datetime};

use crate::*;

mod deadlines;
mod mass_change;
mod supersession;
pub use deadlines::*;
pub use mass_change::*;
pub use supersession::*;
mod reference;
pub use reference::*;

/// Expands to one `#[test]` per contract check, each on a fresh store from `$factory()`.
/// `store_contract_tests!(optional f)` takes a factory returning `Option<_>`: `None` (no server
/// to test on) skips every check.
#[macro_export]
macro_rules! store_contract_tests {
    ($factory:expr) => {
        $crate::store_contract_tests!(@list each $factory);
    };
    (optional $factory:expr) => {
        $crate::store_contract_tests!(@list each_optional $factory);
    };
    (@list $mode:ident $factory:expr) => {
        $crate::store_contract_tests!(@$mode $factory;
            units_form_a_tree, unit_codes_are_unique, staff_logins_are_unique, cases_round_trip,
            case_numbers_are_unique_per_unit, a_dropped_transaction_changes_nothing, events_are_appended_in_order,
            stale_versions_are_refused, ledger_deltas_add_up, deducted_moves_are_replaced_per_case,
            targets_insert_and_replace, files_are_imported_once, audit_is_kept_per_case_and_actor,
            scans_filter_and_stream_histories, money_and_text_round_trip_exactly,
            concurrent_writers_never_lose_updates, concurrent_inserts_of_a_case_number_yield_one_case,
            passwords_and_sessions, case_list_filters_sorts_and_pages, case_list_finds_words_without_diacritics,
            announced_days_round_trip_once_per_date, rule_overrides_are_set_replaced_and_removed,
            deadlines_are_replaced_per_case_and_read_by_scope, cohorts_follow_acceptance_and_closing,
            many_cases_insert_in_order_and_update, many_cases_update_at_once_or_not_at_all,
            bulk_writes_keep_search_and_cohorts, a_first_load_is_searched_and_sorted,
            a_mass_change_is_counted_and_sorted, a_record_is_superseded_once,
            concurrent_supersessions_of_a_record_leave_one, reference_generation_moves_with_reference_data_only);
    };
    (@each $factory:expr; $($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                let store = $factory();
                $crate::contract::$name(&*store);
            }
        )*
    };
    (@each_optional $factory:expr; $($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                if let Some(store) = $factory() {
                    $crate::contract::$name(&*store);
                }
            }
        )*
    };
}

fn ok<T>(r: StoreResult<T>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("store error: {e:?}"),
    }
}

fn code(c: &str) -> UnitCode {
    ok(UnitCode::new(c).map_err(|e| StoreError::Invalid(e.to_string())))
}

fn unit(c: &str, kind: UnitKind, parent: Option<UnitId>) -> NewUnit {
    NewUnit {
        code: code(c),
        name: format!("Đơn vị {c}"),
        kind,
        parent,
        valid_from: None,
        valid_to: None,
        successor: None,
    }
}

/// VN → BG → BG-KV1, BG-KV2; returns their ids in that order.
fn seed_units(store: &dyn Store) -> Vec<UnitId> {
    let mut tx = ok(store.begin());
    let vn = ok(tx.insert_unit(&unit("VN", UnitKind::National, None)));
    let bg = ok(tx.insert_unit(&unit("BG", UnitKind::Province, Some(vn))));
    let k1 = ok(tx.insert_unit(&unit("BG-KV1", UnitKind::Region, Some(bg))));
    let k2 = ok(tx.insert_unit(&unit("BG-KV2", UnitKind::Region, Some(bg))));
    ok(tx.commit());
    vec![vn, bg, k1, k2]
}

fn facts(unit: UnitId, no: &str, amount: i64) -> CaseFacts {
    CaseFacts {
        unit,
        case_no: ok(CaseNo::new(no).map_err(|e| StoreError::Invalid(e.to_string()))),
        accepted_on: date!(2025 - 10 - 05),
        origin: Origin::TheoYeuCau,
        received_by_delegation: false,
        judgment_type: JudgmentType::DanSu,
        categories: Categories::empty(),
        amount: ok(Vnd::new(amount).map_err(|e| StoreError::Invalid(e.to_string()))),
        debtor: "Nguyễn Văn An".into(),
        creditor: "Ngân hàng TMCP Á Châu".into(),
        officer: None,
    }
}

fn new_case(f: CaseFacts) -> NewCase {
    let current = opening(&f.basis());
    NewCase { facts: f, current, last_event_on: None, event_count: 0, batch: None }
}

fn seed_case(store: &dyn Store, unit: UnitId, no: &str) -> CaseId {
    let mut tx = ok(store.begin());
    let ids = ok(tx.insert_cases(&[new_case(facts(unit, no, 10_000_000))]));
    ok(tx.commit());
    ids[0]
}

fn event(case: CaseId, day: time::Date, code: EventCode, amount: Option<i64>) -> NewEvent {
    NewEvent {
        case,
        entry: Entry::Event(Event { date: day, code, amount: amount.and_then(|a| Vnd::new(a).ok()), ground: None }),
        supersedes: None,
        note: String::new(),
        recorded_by: "chv.an".into(),
        recorded_at: datetime!(2025-10-20 09:30:15 UTC),
        batch: None,
    }
}

pub fn units_form_a_tree(store: &dyn Store) {
    let ids = seed_units(store);
    let mut tx = ok(store.begin());
    let merged = ok(tx.insert_unit(&NewUnit {
        valid_to: Some(date!(2025 - 06 - 30)),
        ..unit("BG-H1", UnitKind::District, Some(ids[1]))
    }));
    ok(tx.link_successor(merged, ids[2]));
    ok(tx.commit());
    let units = ok(store.units());
    assert_eq!(units.len(), 5);
    let h1 = units.iter().find(|u| u.code.as_str() == "BG-H1").cloned();
    let h1 = h1.unwrap_or_else(|| panic!("BG-H1 missing"));
    assert_eq!((h1.parent, h1.successor, h1.valid_to), (Some(ids[1]), Some(ids[2]), Some(date!(2025 - 06 - 30))));
    assert_eq!(h1.kind, UnitKind::District);
    assert_eq!(h1.name, "Đơn vị BG-H1");
}

pub fn unit_codes_are_unique(store: &dyn Store) {
    seed_units(store);
    let mut tx = ok(store.begin());
    let again = tx.insert_unit(&unit("BG", UnitKind::Province, None));
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
}

pub fn staff_logins_are_unique(store: &dyn Store) {
    let ids = seed_units(store);
    let login = ok(Login::new("chv.an").map_err(|e| StoreError::Invalid(e.to_string())));
    let person = NewStaff { unit: ids[2], login, full_name: "Trần Văn An".into(), role: Role::Officer };
    let mut tx = ok(store.begin());
    let id = ok(tx.insert_staff(&person));
    assert!(matches!(tx.insert_staff(&person), Err(StoreError::Duplicate(_))));
    ok(tx.commit());
    let staff = ok(store.staff());
    assert_eq!(staff.len(), 1);
    assert_eq!((staff[0].id, staff[0].role, staff[0].unit), (id, Role::Officer, ids[2]));
    assert!(staff[0].active);
}

pub fn cases_round_trip(store: &dyn Store) {
    let ids = seed_units(store);
    let mut tx = ok(store.begin());
    let officer = ok(tx.insert_staff(&NewStaff {
        unit: ids[2],
        login: ok(Login::new("chv.binh").map_err(|e| StoreError::Invalid(e.to_string()))),
        full_name: "Lê Thị Bình".into(),
        role: Role::Officer,
    }));
    let mut f = facts(ids[2], "46/QĐ-THADS", 761_546_547_000);
    f.officer = Some(officer);
    f.categories = ok(Categories::parse("tin_dung;pham_nhan").map_err(|e| StoreError::Invalid(e.to_string())));
    f.received_by_delegation = true;
    f.origin = Origin::ChuDong;
    f.judgment_type = JudgmentType::KinhDoanhThuongMai;
    let case_ids = ok(tx.insert_cases(&[new_case(f.clone()), new_case(facts(ids[3], "46/QĐ-THADS", 0))]));
    ok(tx.commit());
    assert_eq!(case_ids.len(), 2);
    let got = ok(store.case(case_ids[0])).unwrap_or_else(|| panic!("case missing"));
    assert_eq!(got.facts, f);
    assert_eq!(got.version, 1);
    assert_eq!(got.current, opening(&f.basis()));
    assert!(got.facts.categories.contains(Category::PhamNhan));
    let by_no = ok(store.case_by_no(ids[3], &f.case_no)).map(|c| c.id);
    assert_eq!(by_no, Some(case_ids[1]));
    assert_eq!(ok(store.case(CaseId(999_999))), None);
    assert_eq!(ok(store.case_count()), 2);
    let mut tx = ok(store.begin());
    let found =
        ok(tx.find_cases(&[(ids[3], f.case_no.clone()), (ids[1], f.case_no.clone()), (ids[2], f.case_no.clone())]));
    let found: Vec<Option<CaseId>> = found.into_iter().map(|c| c.map(|c| c.id)).collect();
    assert_eq!(found, vec![Some(case_ids[1]), None, Some(case_ids[0])]);
}

pub fn case_numbers_are_unique_per_unit(store: &dyn Store) {
    let ids = seed_units(store);
    seed_case(store, ids[2], "1/QĐ-THADS");
    let mut tx = ok(store.begin());
    let dup = tx.insert_cases(&[new_case(facts(ids[3], "1/QĐ-THADS", 5)), new_case(facts(ids[2], "1/QĐ-THADS", 5))]);
    assert!(matches!(dup, Err(StoreError::Duplicate(_))), "{dup:?}");
    drop(tx);
    assert_eq!(ok(store.case_count()), 1, "the failed transaction left nothing behind");
}

pub fn a_dropped_transaction_changes_nothing(store: &dyn Store) {
    let ids = seed_units(store);
    let mut tx = ok(store.begin());
    ok(tx.insert_cases(&[new_case(facts(ids[2], "9/QĐ-THADS", 5))]));
    ok(tx.insert_unit(&unit("BG-KV3", UnitKind::Region, Some(ids[1]))));
    drop(tx);
    assert_eq!(ok(store.case_count()), 0);
    assert_eq!(ok(store.units()).len(), 4);
}

pub fn events_are_appended_in_order(store: &dyn Store) {
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "2/QĐ-THADS");
    let mut tx = ok(store.begin());
    let first = ok(tx.insert_events(&[
        event(case, date!(2025 - 10 - 10), EventCode::WithMeans, None),
        event(case, date!(2025 - 10 - 12), EventCode::Collected, Some(1_500_000)),
    ]));
    ok(tx.commit());
    let mut tx = ok(store.begin());
    let fix = NewEvent {
        supersedes: Some(first[1]),
        note: "nhập sai số tiền".into(),
        ..event(case, date!(2025 - 10 - 12), EventCode::Collected, Some(1_600_000))
    };
    let void = NewEvent {
        entry: Entry::Void,
        supersedes: Some(first[0]),
        ..event(case, date!(2025 - 10 - 10), EventCode::WithMeans, None)
    };
    let later = ok(tx.insert_events(&[fix, void]));
    ok(tx.commit());
    let records = ok(store.records(case));
    let got: Vec<_> = records.iter().map(|r| r.id).collect();
    assert_eq!(got, vec![first[0], first[1], later[0], later[1]]);
    assert!(first[0] < first[1] && first[1] < later[0] && later[0] < later[1], "ids grow with insertion");
    assert_eq!(records[2].supersedes, Some(first[1]));
    assert_eq!(records[2].note, "nhập sai số tiền");
    assert_eq!(records[3].entry, Entry::Void);
    assert_eq!(records[0].recorded_at, datetime!(2025-10-20 09:30:15 UTC));
    assert_eq!(records[0].recorded_by, "chv.an");
    match &records[2].entry {
        Entry::Event(e) => assert_eq!(e.amount.map(Vnd::dong), Some(1_600_000)),
        Entry::Void => panic!("expected an event"),
    }
    let mut tx = ok(store.begin());
    let many = ok(tx.records_of(&[case, CaseId(424_242)]));
    assert_eq!(many.len(), 1);
    assert_eq!(many[0].1.len(), 4);
}

pub fn stale_versions_are_refused(store: &dyn Store) {
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "3/QĐ-THADS");
    let before = ok(store.case(case)).unwrap_or_else(|| panic!("case missing"));
    let mut update = CaseUpdate {
        facts: before.facts.clone(),
        current: before.current.clone(),
        last_event_on: Some(date!(2025 - 10 - 10)),
        event_count: 1,
    };
    update.current.state = thads_core::CaseState::WithMeans;
    let mut tx = ok(store.begin());
    let locked = ok(tx.case_for_update(case)).map(|c| c.version);
    assert_eq!(locked, Some(1));
    assert_eq!(ok(tx.update_case(case, 1, &update)), 2);
    ok(tx.commit());
    let mut tx = ok(store.begin());
    let stale = tx.update_case(case, 1, &update);
    assert!(matches!(stale, Err(StoreError::Stale { .. })), "{stale:?}");
    drop(tx);
    let after = ok(store.case(case)).unwrap_or_else(|| panic!("case missing"));
    assert_eq!(
        (after.version, after.current.state.clone(), after.event_count),
        (2, thads_core::CaseState::WithMeans, 1)
    );
    assert_eq!(after.last_event_on, Some(date!(2025 - 10 - 10)));
}

/// Many cases in one call (as imports write them) keep their order and ids; a taken number
/// among them is still a `Duplicate` that names it; an update may change the facts or only the
/// derived state.
pub fn many_cases_insert_in_order_and_update(store: &dyn Store) {
    let ids = seed_units(store);
    let fact = |i: usize| facts(ids[2 + i % 2], &format!("{i}/QĐ-THADS"), i as i64 * 1000);
    let cases: Vec<NewCase> = (0..1234).map(|i| new_case(fact(i))).collect();
    let mut tx = ok(store.begin());
    let got = ok(tx.insert_cases(&cases));
    ok(tx.commit());
    assert_eq!(got.len(), cases.len());
    for i in [0, 1, 499, 500, 501, 999, 1000, 1233] {
        assert_eq!(ok(store.case(got[i])).map(|c| c.facts), Some(cases[i].facts.clone()), "case {i}");
    }
    let mut tx = ok(store.begin());
    let mut more: Vec<NewCase> = (2000..2700).map(|i| new_case(fact(i))).collect();
    more[650] = new_case(fact(10));
    let dup = tx.insert_cases(&more);
    assert!(matches!(&dup, Err(StoreError::Duplicate(what)) if what.contains(" 10/QĐ-THADS")), "{dup:?}");
    drop(tx);
    assert_eq!(ok(store.case_count()), 1234);
    let mut renamed = fact(7);
    renamed.debtor = "Trần Văn Mới".into();
    let mut update =
        CaseUpdate { facts: renamed.clone(), current: opening(&renamed.basis()), last_event_on: None, event_count: 0 };
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.update_case(got[7], 1, &update)), 2);
    update.current.state = thads_core::CaseState::WithMeans;
    assert_eq!(ok(tx.update_case(got[7], 2, &update)), 3);
    ok(tx.commit());
    let after = ok(store.case(got[7])).unwrap_or_else(|| panic!("case missing"));
    assert_eq!((after.facts, after.current.state, after.version), (renamed, thads_core::CaseState::WithMeans, 3));
}

/// Many updates in one call (as imports make them): new versions in order, facts and states
/// stored; one stale version among them is `Stale`, naming that case.
pub fn many_cases_update_at_once_or_not_at_all(store: &dyn Store) {
    let ids = seed_units(store);
    let fact = |i: usize| facts(ids[2], &format!("{i}/QĐ-THADS"), 1000 + i as i64);
    let cases: Vec<NewCase> = (0..300).map(|i| new_case(fact(i))).collect();
    let mut tx = ok(store.begin());
    let got = ok(tx.insert_cases(&cases));
    ok(tx.commit());
    let mut updates: Vec<CaseUpdate> = (0..300)
        .map(|i| {
            let mut facts = fact(i);
            facts.debtor = format!("Lê Thị {i}");
            let mut current = opening(&facts.basis());
            current.state = thads_core::CaseState::WithMeans;
            CaseUpdate { facts, current, last_event_on: Some(date!(2025 - 11 - 03)), event_count: 1 }
        })
        .collect();
    let mut tx = ok(store.begin());
    let versions = ok(tx.update_cases(&got.iter().zip(&updates).map(|(id, u)| (*id, 1, u)).collect::<Vec<_>>()));
    ok(tx.commit());
    assert_eq!(versions, vec![2; 300]);
    for i in [0, 150, 299] {
        let case = ok(store.case(got[i])).unwrap_or_else(|| panic!("case missing"));
        assert_eq!(
            (&case.facts, case.current.state, case.version),
            (&updates[i].facts, thads_core::CaseState::WithMeans, 2)
        );
        assert_eq!(case.last_event_on, Some(date!(2025 - 11 - 03)));
    }
    updates[200].event_count = 2;
    let mut batch: Vec<(CaseId, i64, &CaseUpdate)> = got.iter().zip(&updates).map(|(id, u)| (*id, 2, u)).collect();
    batch[200].1 = 1;
    let mut tx = ok(store.begin());
    let stale = tx.update_cases(&batch);
    assert!(matches!(&stale, Err(StoreError::Stale { case }) if case.as_str() == "200/QĐ-THADS"), "{stale:?}");
    drop(tx);
    assert_eq!(ok(store.case(got[0])).map(|c| c.version), Some(2), "nothing of a refused call is kept");
}

fn row(series: SeriesKey, month: i32, pairs: &[(usize, i64)]) -> LedgerRow {
    let mut m = Measures::default();
    for (i, v) in pairs {
        m.0[*i] = *v;
    }
    LedgerRow { series, month: MonthKey(month), measures: m }
}

pub fn ledger_deltas_add_up(store: &dyn Store) {
    let ids = seed_units(store);
    let s1 = SeriesKey { unit: ids[2], dim: Dim::Origin(Origin::ChuDong) };
    let s2 = SeriesKey { unit: ids[2], dim: Dim::Officer(Some(StaffId(7))) };
    let before = ok(store.ledger_state());
    let mut tx = ok(store.begin());
    ok(tx.apply_ledger(&[row(s1, 24_300, &[(0, 1), (1, 5_000_000_000_000)]), row(s2, 24_300, &[(27, -3)])]));
    ok(tx.apply_ledger(&[row(s1, 24_300, &[(0, 2), (27, 9)]), row(s1, 24_301, &[(5, 1)])]));
    ok(tx.set_ledger_rules("abc123"));
    ok(tx.commit());
    let mut rows = ok(store.ledger());
    rows.sort_by_key(|r| (r.series, r.month));
    let want = {
        let mut w = vec![
            row(s1, 24_300, &[(0, 3), (1, 5_000_000_000_000), (27, 9)]),
            row(s1, 24_301, &[(5, 1)]),
            row(s2, 24_300, &[(27, -3)]),
        ];
        w.sort_by_key(|r| (r.series, r.month));
        w
    };
    assert_eq!(rows, want);
    let state = ok(store.ledger_state());
    assert_eq!(state.rules_fingerprint.as_deref(), Some("abc123"));
    assert!(state.generation > before.generation);
    let mut tx = ok(store.begin());
    ok(tx.clear_ledger());
    ok(tx.touch_ledger());
    ok(tx.commit());
    assert!(ok(store.ledger()).is_empty());
    assert!(ok(store.ledger_state()).generation > state.generation);
}

pub fn deducted_moves_are_replaced_per_case(store: &dyn Store) {
    let ids = seed_units(store);
    let a = seed_case(store, ids[2], "4/QĐ-THADS");
    let b = seed_case(store, ids[2], "5/QĐ-THADS");
    let dims = facts(ids[2], "x", 0).dims();
    let mv = |case, amount| DeductedRow {
        case,
        dims,
        moved: DeductedMove {
            closed_on: date!(2025 - 12 - 01),
            moved_on: date!(2025 - 11 - 03),
            kind: MoveKind::Collected,
            amount: Vnd::new(amount).unwrap_or_default(),
        },
    };
    let mut tx = ok(store.begin());
    ok(tx.replace_deducted_moves(&[a, b], &[mv(a, 10), mv(a, 20), mv(b, 30)]));
    ok(tx.replace_deducted_moves(&[a], &[mv(a, 40)]));
    ok(tx.commit());
    let mut got: Vec<(CaseId, i64)> =
        ok(store.deducted_moves()).iter().map(|r| (r.case, r.moved.amount.dong())).collect();
    got.sort();
    assert_eq!(got, vec![(a, 40), (b, 30)]);
    assert_eq!(ok(store.deducted_moves())[0].dims, dims);
}

pub fn targets_insert_and_replace(store: &dyn Store) {
    let ids = seed_units(store);
    let year = ok(ReportingYear::new(2023).map_err(|e| StoreError::Invalid(e.to_string())));
    let t = Target { unit: ids[1], year, cases: Percent(8280), money: Percent(4580) };
    let mut tx = ok(store.begin());
    ok(tx.insert_target(&t));
    assert!(matches!(tx.insert_target(&t), Err(StoreError::Duplicate(_))));
    let previous = ok(tx.set_target(&Target { cases: Percent(8300), ..t }));
    assert_eq!(previous, Some(t));
    ok(tx.commit());
    assert_eq!(ok(store.targets()), vec![Target { cases: Percent(8300), ..t }]);
}

pub fn files_are_imported_once(store: &dyn Store) {
    let batch = NewImportBatch {
        kind: "cases".into(),
        file_name: "cases.csv".into(),
        sha256: "e3b0c442".into(),
        rows: 12,
        imported_by: "admin".into(),
        imported_at: datetime!(2025-10-20 09:30 UTC),
    };
    let mut tx = ok(store.begin());
    let id = ok(tx.insert_import(&batch));
    assert!(matches!(tx.insert_import(&batch), Err(StoreError::Duplicate(_))));
    ok(tx.commit());
    let found = ok(store.import_by_hash("e3b0c442")).unwrap_or_else(|| panic!("batch missing"));
    assert_eq!((found.id, found.rows, found.file_name.as_str()), (id, 12, "cases.csv"));
    assert_eq!(found.imported_at, batch.imported_at);
    assert_eq!(ok(store.import_by_hash("other")), None);
}

pub fn audit_is_kept_per_case_and_actor(store: &dyn Store) {
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "6/QĐ-THADS");
    let entry = |minute: u8, actor: &str, case| NewAudit {
        at: datetime!(2025-10-20 09:00 UTC) + time::Duration::minutes(i64::from(minute)),
        actor: actor.into(),
        case,
        action: "event.add".into(),
        before: Some("{\"state\":\"opened\"}".into()),
        after: Some("{\"state\":\"with_means\"}".into()),
    };
    let mut tx = ok(store.begin());
    ok(tx.insert_audit(&entry(1, "chv.an", Some(case))));
    ok(tx.insert_audit(&entry(2, "chv.an", None)));
    ok(tx.insert_audit(&entry(3, "ke.toan", Some(case))));
    ok(tx.commit());
    let of_case = ok(store.audit_of_case(case));
    assert_eq!(of_case.iter().map(|a| a.actor.as_str()).collect::<Vec<_>>(), ["chv.an", "ke.toan"]);
    assert_eq!(of_case[0].before.as_deref(), Some("{\"state\":\"opened\"}"));
    let of_actor = ok(store.audit_of_actor("chv.an", 10));
    assert_eq!(of_actor.len(), 2);
    assert!(of_actor[0].at > of_actor[1].at, "newest first");
    assert_eq!(ok(store.audit_of_actor("chv.an", 1)).len(), 1);
}

pub fn scans_filter_and_stream_histories(store: &dyn Store) {
    let ids = seed_units(store);
    let a = seed_case(store, ids[2], "7/QĐ-THADS");
    let b = seed_case(store, ids[3], "8/QĐ-THADS");
    let mut tx = ok(store.begin());
    let mut late = new_case(facts(ids[2], "9/QĐ-THADS", 1));
    late.facts.accepted_on = date!(2026 - 03 - 01);
    let c = ok(tx.insert_cases(&[late]))[0];
    ok(tx.insert_events(&[
        event(a, date!(2025 - 10 - 10), EventCode::NoMeans, None),
        event(b, date!(2025 - 10 - 11), EventCode::WithMeans, None),
    ]));
    ok(tx.commit());
    let scan = |filter: ScanFilter| {
        let mut seen = Vec::new();
        ok(store.scan_histories(&filter, &mut |h| {
            seen.push((h.case.id, h.records.len()));
            Ok(())
        }));
        seen
    };
    assert_eq!(scan(ScanFilter::default()), vec![(a, 1), (b, 1), (c, 0)]);
    assert_eq!(scan(ScanFilter { units: Some(vec![ids[2]]), accepted_to: None }), vec![(a, 1), (c, 0)]);
    assert_eq!(scan(ScanFilter { units: None, accepted_to: Some(date!(2025 - 12 - 31)) }), vec![(a, 1), (b, 1)]);
    let stop = store.scan_histories(&ScanFilter::default(), &mut |_| Err(StoreError::Invalid("stop".into())));
    assert!(matches!(stop, Err(StoreError::Invalid(_))), "a visitor's error ends the scan");
}

pub fn money_and_text_round_trip_exactly(store: &dyn Store) {
    let ids = seed_units(store);
    let mut f = facts(ids[2], "10/QĐ-THADS", i64::MAX);
    f.debtor = "Công ty TNHH Hòa Bình — «Đỗ Thị Hoa» <script>".into();
    let mut tx = ok(store.begin());
    let id = ok(tx.insert_cases(&[new_case(f.clone())]))[0];
    ok(tx.commit());
    let got = ok(store.case(id)).unwrap_or_else(|| panic!("case missing"));
    assert_eq!(got.facts.amount.dong(), i64::MAX);
    assert_eq!(got.facts.debtor, f.debtor);
    // A number written before the rule of `CaseNo::new` is read, and found, as it was written.
    let old = ok(CaseNo::stored("11/Q\u{AD}Đ  cũ").map_err(|e| StoreError::Invalid(e.to_string())));
    let mut tx = ok(store.begin());
    let id = ok(tx.insert_cases(&[new_case(CaseFacts { case_no: old.clone(), ..facts(ids[2], "x", 1) })]))[0];
    ok(tx.commit());
    assert_eq!(ok(store.case(id)).map(|c| c.facts.case_no), Some(old.clone()));
    assert_eq!(ok(store.case_by_no(ids[2], &old)).map(|c| c.id), Some(id));
}

/// Writers racing on one case: some read it without a lock and update with the version they
/// read (retrying on `Stale`), others lock it first (`case_for_update`, never stale). No update
/// may be lost: the final count is the number of successful updates.
pub fn concurrent_writers_never_lose_updates(store: &dyn Store) {
    const WRITERS: usize = 6;
    const EACH: u32 = 8;
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "11/QĐ-THADS");
    let stale = std::sync::atomic::AtomicU32::new(0);
    std::thread::scope(|s| {
        for w in 0..WRITERS {
            let stale = &stale;
            s.spawn(move || {
                for _ in 0..EACH {
                    if w % 2 == 0 {
                        increment_optimistically(store, case, stale)
                    } else {
                        increment_locked(store, case)
                    }
                }
            });
        }
    });
    let after = ok(store.case(case)).unwrap_or_else(|| panic!("case missing"));
    let total = EACH * u32::try_from(WRITERS).unwrap_or(0);
    assert_eq!(after.event_count, total, "no update lost ({} stale retries)", stale.into_inner());
    assert_eq!(after.version, 1 + i64::from(total));
}

fn bumped(case: &thads_core::Case) -> CaseUpdate {
    CaseUpdate {
        facts: case.facts.clone(),
        current: case.current.clone(),
        last_event_on: case.last_event_on,
        event_count: case.event_count + 1,
    }
}

fn increment_optimistically(store: &dyn Store, case: CaseId, stale: &std::sync::atomic::AtomicU32) {
    loop {
        let read = ok(store.case(case)).unwrap_or_else(|| panic!("case missing"));
        let mut tx = ok(store.begin());
        match tx.update_case(case, read.version, &bumped(&read)) {
            Ok(v) => {
                assert_eq!(v, read.version + 1);
                return ok(tx.commit());
            }
            Err(StoreError::Stale { .. }) => {
                stale.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Err(e) => panic!("store error: {e:?}"),
        }
    }
}

fn increment_locked(store: &dyn Store, case: CaseId) {
    let mut tx = ok(store.begin());
    let read = ok(tx.case_for_update(case)).unwrap_or_else(|| panic!("case missing"));
    ok(tx.update_case(case, read.version, &bumped(&read)));
    ok(tx.commit());
}

/// Writers inserting the same case number at the same moment: exactly one case exists after,
/// one writer succeeded and every other one was told `Duplicate`.
pub fn concurrent_inserts_of_a_case_number_yield_one_case(store: &dyn Store) {
    const WRITERS: usize = 6;
    let ids = seed_units(store);
    let start = std::sync::Barrier::new(WRITERS);
    let outcomes: Vec<StoreResult<()>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|_| {
                s.spawn(|| {
                    start.wait();
                    let mut tx = store.begin()?;
                    tx.insert_cases(&[new_case(facts(ids[2], "12/QĐ-THADS", 5))])?;
                    tx.commit()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| panic!("writer panicked"))).collect()
    });
    let succeeded = outcomes.iter().filter(|o| o.is_ok()).count();
    let duplicates = outcomes.iter().filter(|o| matches!(o, Err(StoreError::Duplicate(_)))).count();
    assert_eq!((succeeded, duplicates), (1, WRITERS - 1), "{outcomes:?}");
    assert_eq!(ok(store.case_count()), 1);
}

fn staff_member(store: &dyn Store, unit: UnitId, login: &str, role: Role) -> StaffId {
    let mut tx = ok(store.begin());
    let login = ok(Login::new(login).map_err(|e| StoreError::Invalid(e.to_string())));
    let id = ok(tx.insert_staff(&NewStaff { unit, login, full_name: "Phạm Thị Thu".into(), role }));
    ok(tx.commit());
    id
}

pub fn passwords_and_sessions(store: &dyn Store) {
    let ids = seed_units(store);
    let staff = staff_member(store, ids[2], "thu.ky", Role::Clerk);
    let login = ok(Login::new("thu.ky").map_err(|e| StoreError::Invalid(e.to_string())));
    assert_eq!(ok(store.credentials(&login)), None, "no password yet");
    let now = datetime!(2025-10-20 09:00 UTC);
    let mut tx = ok(store.begin());
    ok(tx.set_password(staff, "$argon2id$first", now));
    ok(tx.set_password(staff, "$argon2id$second", now));
    ok(tx.update_staff(staff, ids[3], Role::Head));
    assert!(matches!(tx.set_password(StaffId(999_999), "x", now), Err(StoreError::NotFound(_))));
    ok(tx.commit());
    let creds = ok(store.credentials(&login)).unwrap_or_else(|| panic!("credentials missing"));
    assert_eq!(
        (creds.password_hash.as_str(), creds.staff.unit, creds.staff.role),
        ("$argon2id$second", ids[3], Role::Head)
    );
    let session = |hash: &str, hours: i64| NewSession {
        token_hash: hash.into(),
        staff,
        csrf: format!("csrf-{hash}"),
        created_at: now,
        expires_at: now + time::Duration::hours(hours),
    };
    let mut tx = ok(store.begin());
    ok(tx.insert_session(&session("a", 8)));
    ok(tx.insert_session(&session("b", 1)));
    ok(tx.insert_session(&session("c", 8)));
    assert!(matches!(tx.insert_session(&session("a", 8)), Err(StoreError::Duplicate(_))));
    ok(tx.commit());
    let live = ok(store.session("a", now + time::Duration::hours(2))).unwrap_or_else(|| panic!("session missing"));
    assert_eq!((live.staff.id, live.csrf.as_str()), (staff, "csrf-a"));
    assert_eq!(live.expires_at, now + time::Duration::hours(8));
    assert_eq!(ok(store.session("b", now + time::Duration::hours(2))), None, "expired");
    assert_eq!(ok(store.session("zz", now)), None);
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.delete_expired_sessions(now + time::Duration::hours(2))), 1);
    ok(tx.delete_session("a"));
    ok(tx.commit());
    assert_eq!(ok(store.session("a", now)), None, "signed out");
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.delete_sessions_of(staff)), 1);
    ok(tx.commit());
    assert_eq!(ok(store.session("c", now)), None);
}

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

/// The list query for the words of `t` (folded, as the web application sends them).
fn by_words(t: &str) -> CaseQuery {
    CaseQuery { text: Some(thads_core::text::fold(t)), ..CaseQuery::default() }
}

/// The non-zero cohort counts as (unit, acceptance month, closing month, count), sorted.
fn cohort_counts(store: &dyn Store) -> Vec<(UnitId, i32, Option<i32>, i64)> {
    let mut counts: Vec<(UnitId, i32, Option<i32>, i64)> = ok(store.case_cohorts())
        .into_iter()
        .filter(|c| c.count != 0)
        .map(|c| (c.unit, c.accepted.0, c.closed.map(|m| m.0), c.count))
        .collect();
    counts.sort();
    counts
}

fn listed(store: &dyn Store, q: CaseQuery) -> (Vec<CaseId>, bool) {
    let page = ok(store.list_cases(&CaseQuery { limit: if q.limit == 0 { 50 } else { q.limit }, ..q }));
    (page.cases.iter().map(|c| c.id).collect(), page.more)
}

pub fn case_list_filters_sorts_and_pages(store: &dyn Store) {
    let (ids, c, officer) = seed_list(store);
    let all = CaseQuery::default();
    assert_eq!(listed(store, all.clone()), (vec![c[4], c[3], c[2], c[1], c[0]], false), "newest first");
    assert_eq!(listed(store, CaseQuery { limit: 2, ..all.clone() }), (vec![c[4], c[3]], true));
    assert_eq!(listed(store, CaseQuery { limit: 2, offset: 4, ..all.clone() }), (vec![c[0]], false));
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

/// The cohort counts follow every insert and every change of state, whatever writes them.
pub fn cohorts_follow_acceptance_and_closing(store: &dyn Store) {
    let ids = seed_units(store);
    let mut early = new_case(facts(ids[2], "30/QĐ-THADS", 10));
    early.facts.accepted_on = date!(2024 - 03 - 15);
    let mut tx = ok(store.begin());
    let cases = ok(tx.insert_cases(&[early.clone(), new_case(facts(ids[2], "31/QĐ-THADS", 10))]));
    ok(tx.commit());
    let march_2024 = MonthKey::of(date!(2024 - 03 - 01)).0;
    let october_2025 = MonthKey::of(date!(2025 - 10 - 01)).0;
    assert_eq!(cohort_counts(store), vec![(ids[2], march_2024, None, 1), (ids[2], october_2025, None, 1)]);
    let closed = CaseUpdate {
        facts: early.facts.clone(),
        current: thads_core::Snapshot {
            state: thads_core::CaseState::Closed(thads_core::Closing::Completed),
            ..early.current.clone()
        },
        last_event_on: Some(date!(2025 - 11 - 20)),
        event_count: 1,
    };
    let mut tx = ok(store.begin());
    ok(tx.update_case(cases[0], 1, &closed));
    ok(tx.commit());
    let november_2025 = MonthKey::of(date!(2025 - 11 - 01)).0;
    assert_eq!(
        cohort_counts(store),
        vec![(ids[2], march_2024, Some(november_2025), 1), (ids[2], october_2025, None, 1)]
    );
}

/// Writes of many cases in one transaction (imports) keep the search index and the cohort
/// counts exactly as single writes do, even when the same transaction inserts cases, updates
/// them in bulk and renames one: backends may maintain both in aggregate for such writes.
pub fn bulk_writes_keep_search_and_cohorts(store: &dyn Store) {
    let ids = seed_units(store);
    let mut tx = ok(store.begin());
    ok(tx.insert_cases(&[new_case(facts(ids[2], "1/QĐ-THADS", 10))]));
    ok(tx.commit());
    let fact = |i: usize| {
        let mut f = facts(ids[2 + i % 2], &format!("{}/QĐ-THADS", 10_000 + i), 1000);
        f.debtor = if i == 7 { "Phan Thị Quyên".into() } else { format!("Lý Văn {i}") };
        f.accepted_on = if i.is_multiple_of(3) { date!(2024 - 05 - 02) } else { date!(2025 - 10 - 06) };
        f
    };
    let cases: Vec<NewCase> = (0..600).map(|i| new_case(fact(i))).collect();
    let mut tx = ok(store.begin());
    let got = ok(tx.insert_cases(&cases));
    let closed: Vec<CaseUpdate> = (0..300)
        .map(|i| CaseUpdate {
            facts: fact(i),
            current: thads_core::Snapshot {
                state: thads_core::CaseState::Closed(thads_core::Closing::Completed),
                ..cases[i].current.clone()
            },
            last_event_on: Some(date!(2025 - 12 - 09)),
            event_count: 1,
        })
        .collect();
    ok(tx.update_cases(&got.iter().zip(&closed).map(|(id, u)| (*id, 1, u)).collect::<Vec<_>>()));
    let mut renamed = closed[9].clone();
    renamed.facts.debtor = "Võ Thị Hằng".into();
    ok(tx.update_case(got[9], 2, &renamed));
    ok(tx.commit());
    assert_eq!(listed(store, by_words("phan thi quyen")).0, vec![got[7]], "a case inserted in bulk is found");
    assert_eq!(listed(store, by_words("vo thi hang")).0, vec![got[9]], "a rename after the bulk insert");
    assert!(!listed(store, by_words("ly van 9")).0.contains(&got[9]), "the old name is gone");
    assert_eq!(listed(store, by_words("ly van 599")).0, vec![got[599]]);
    let counts = cohort_counts(store);
    let (may_2024, october_2025) = (MonthKey::of(date!(2024 - 05 - 01)).0, MonthKey::of(date!(2025 - 10 - 01)).0);
    let december_2025 = Some(MonthKey::of(date!(2025 - 12 - 01)).0);
    let expected = |unit: UnitId, parity: usize| {
        let count = |from: usize, to: usize, third: bool| {
            (from..to).filter(|i| i % 2 == parity && i.is_multiple_of(3) == third).count() as i64
        };
        let mut rows = vec![
            (unit, may_2024, None, count(300, 600, true)),
            (unit, may_2024, december_2025, count(0, 300, true)),
            (unit, october_2025, None, count(300, 600, false)),
            (unit, october_2025, december_2025, count(0, 300, false)),
        ];
        if parity == 0 {
            rows[2].3 += 1; // 1/QĐ-THADS, inserted alone
        }
        rows
    };
    let mut want: Vec<_> = expected(ids[2], 0).into_iter().chain(expected(ids[3], 1)).collect();
    want.sort();
    assert_eq!(counts, want);
}

/// The first load of an empty register (where the backends drop indexes and build them at
/// commit): a rename in the same transaction, then search, sorting and lookups by number work
/// on the loaded cases as on any others.
pub fn a_first_load_is_searched_and_sorted(store: &dyn Store) {
    let ids = seed_units(store);
    let fact = |i: usize| {
        let mut f = facts(ids[2 + i % 2], &format!("{i}/QĐ-THADS"), 1_000 + i as i64);
        f.debtor = format!("Lý Văn {i}");
        f
    };
    let cases: Vec<NewCase> = (0..600).map(|i| new_case(fact(i))).collect();
    let mut tx = ok(store.begin());
    let got = ok(tx.insert_cases(&cases));
    let mut renamed =
        CaseUpdate { facts: fact(42), current: cases[42].current.clone(), last_event_on: None, event_count: 0 };
    renamed.facts.debtor = "Phan Thị Quyên".into();
    ok(tx.update_case(got[42], 1, &renamed));
    let more: Vec<NewCase> = (600..700).map(|i| new_case(fact(i))).collect();
    let got_more = ok(tx.insert_cases(&more));
    ok(tx.commit());
    assert_eq!(listed(store, by_words("phan thi quyen")).0, vec![got[42]]);
    assert!(!listed(store, by_words("ly van 42")).0.contains(&got[42]), "the name before the rename is gone");
    assert_eq!(listed(store, by_words("ly van 650")).0, vec![got_more[50]], "inserted after the rename");
    let by_money = CaseQuery { sort: CaseSort::OutstandingDesc, limit: 2, ..CaseQuery::default() };
    assert_eq!(listed(store, by_money), (vec![got_more[99], got_more[98]], true));
    let scoped = CaseQuery { units: Some(vec![ids[3]]), limit: 1, ..CaseQuery::default() };
    assert_eq!(listed(store, scoped).0, vec![got_more[99]]);
    let found =
        ok(store.case_by_no(ids[3], &ok(CaseNo::new("599/QĐ-THADS").map_err(|e| StoreError::Invalid(e.to_string())))));
    assert_eq!(found.map(|c| c.id), Some(got[599]));
    assert_eq!(ok(store.case_count()), 700);
    let october = MonthKey::of(date!(2025 - 10 - 01)).0;
    assert_eq!(cohort_counts(store), vec![(ids[2], october, None, 350), (ids[3], october, None, 350)]);
    seed_case(store, ids[2], "1/2025/QĐ-THADS");
    assert_eq!(
        cohort_counts(store),
        vec![(ids[2], october, None, 351), (ids[3], october, None, 350)],
        "a case added after a first load is counted"
    );
}

/// A first load of an empty register, only inserts, committed if `commit` (else dropped).
pub fn first_load_only(store: &dyn Store, commit: bool) {
    let ids = seed_units(store);
    let cases: Vec<NewCase> = (0..300).map(|i| new_case(facts(ids[2], &format!("{i}/QĐ-THADS"), 1_000))).collect();
    let mut tx = ok(store.begin());
    ok(tx.insert_cases(&cases));
    if commit {
        ok(tx.commit());
    } else {
        drop(tx);
    }
    assert_eq!(ok(store.case_count()), if commit { 300 } else { 0 });
}
