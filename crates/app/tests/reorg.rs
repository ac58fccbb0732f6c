//! Reorganisations of units (issue 23): for random registers and random sequences of merges
//! and splits, reports as reported of the periods before each operation are unchanged (byte
//! for byte), restated = Σ predecessors as reported figure by figure, no case or event is lost
//! and the ledger equals a recomputation after every operation; and the refusals: a record
//! after a unit closed (naming its successor), an operation inside a closed month, a split
//! whose list leaves a case unassigned. Each fixed check runs on SQLite and on PostgreSQL
//! (`THADS_TEST_PG`); the property runs on SQLite.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::collections::BTreeMap;

use proptest::prelude::*;
use thads_app::cases::record::{create_case, record};
use thads_app::ledger::{LedgerCheck, check_ledger};
use thads_app::reorg::{self, MergeRequest, SplitRequest};
use thads_app::stats::{month_engine, targets};
use thads_app::{Actor, AppError, NewRecord, periods};
use thads_core::reorg::Structure;
use thads_core::{CaseId, Event, EventCode, MonthKey, Period, Rules, UnitId, UnitTree, Vnd};
use thads_store::Store;
use thads_store_postgres::testing::fresh_store;
use thads_testkit::{facts, seed_units, sqlite_store};
use time::Date;
use time::macros::{date, datetime};

fn admin() -> Actor {
    Actor { login: "admin".into(), at: datetime!(2026-11-22 09:00 +7) }
}

fn ev(d: Date, code: EventCode, amount: Option<i64>) -> NewRecord {
    NewRecord::event(Event { date: d, code, amount: amount.map(|a| Vnd::new(a).unwrap()), ground: None })
}

fn unit_id(store: &dyn Store, code: &str) -> UnitId {
    UnitTree::new(store.units().unwrap()).by_code(code).unwrap().id
}

fn report(store: &dyn Store, unit: UnitId, period: Period, structure: Structure) -> thads_reports::Report {
    let rules = Rules::default();
    let engine = month_engine(store, &rules).unwrap();
    let t = targets(store).unwrap();
    reorg::stats::report(store, &rules, &engine, &t, unit, period, admin().today(), structure).unwrap()
}

fn json(r: &thads_reports::Report) -> String {
    serde_json::to_string(&r.contract()).unwrap()
}

fn merge(into: &str, from: &[&str], on: Date, name: Option<&str>) -> MergeRequest {
    MergeRequest {
        into: into.into(),
        from: from.iter().map(|s| s.to_string()).collect(),
        on,
        name: name.map(str::to_string),
        kind: None,
    }
}

fn a_case_number_taken_at_the_successor_refuses_the_merge_whole(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    create_case(store, &admin(), &rules, facts(u.region1, "1/2024", date!(2024 - 03 - 05), 10_000_000)).unwrap();
    create_case(store, &admin(), &rules, facts(u.region2, "1/2024", date!(2024 - 04 - 05), 7_000_000)).unwrap();
    let req = merge("BG-KV9", &["BG-KV1", "BG-KV2"], date!(2025 - 07 - 01), Some("KV9"));
    let refused = reorg::merge(store, &admin(), &rules, &req);
    assert!(matches!(&refused, Err(AppError::Invalid(m)) if m.contains("1/2024")), "{refused:?}");
    assert!(UnitTree::new(store.units().unwrap()).by_code("BG-KV9").is_none(), "nothing written");
    assert!(store.reorg_operations().unwrap().is_empty());
    let unnamed =
        reorg::merge(store, &admin(), &rules, &merge("BG-KV9", &["BG-KV1", "BG-KV2"], date!(2025 - 07 - 01), None));
    assert!(matches!(unnamed, Err(AppError::Invalid(m)) if m.contains("BG-KV9")), "a new unit needs a name");
    let future = reorg::merge(
        store,
        &admin(),
        &rules,
        &merge("BG-KV9", &["BG-KV1", "BG-KV2"], date!(2027 - 07 - 01), Some("X")),
    );
    assert!(matches!(future, Err(AppError::Field { field: "on", .. })));
}

fn a_merge_into_a_new_unit(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let a =
        create_case(store, &admin(), &rules, facts(u.region1, "1/2024", date!(2024 - 03 - 05), 10_000_000)).unwrap();
    let b = create_case(store, &admin(), &rules, facts(u.region2, "2/2024", date!(2024 - 04 - 05), 7_000_000)).unwrap();
    record(store, &admin(), &rules, a.case.id, 1, ev(date!(2024 - 03 - 20), EventCode::WithMeans, None)).unwrap();
    record(store, &admin(), &rules, a.case.id, 2, ev(date!(2024 - 05 - 20), EventCode::Collected, Some(1_000_000)))
        .unwrap();
    let officer = thads_testkit::seed_officer(store, u.region2, "chv.kv2", "Lê Thị Hoa");
    let period = Period::new(date!(2023 - 10 - 01), date!(2024 - 09 - 30)).unwrap();
    let units = [u.region1, u.region2, u.province, u.national];
    let before: Vec<String> = units.iter().map(|x| json(&report(store, *x, period, Structure::AsReported))).collect();
    let done = reorg::merge(
        store,
        &admin(),
        &rules,
        &merge("BG-KV9", &["BG-KV1", "BG-KV2"], date!(2025 - 07 - 01), Some("Phòng THADS khu vực 9")),
    )
    .unwrap();
    assert_eq!((done.cases_moved, done.staff_moved, done.created.clone()), (2, 1, vec!["BG-KV9".to_string()]));
    let kv9 = unit_id(store, "BG-KV9");
    assert_eq!(store.case(b.case.id).unwrap().unwrap().facts.unit, kv9);
    assert_eq!(store.staff().unwrap().iter().find(|s| s.id == officer).unwrap().unit, kv9);
    assert_eq!(store.records(a.case.id).unwrap().len(), 2, "history intact");
    let after: Vec<String> = units.iter().map(|x| json(&report(store, *x, period, Structure::AsReported))).collect();
    assert_eq!(before, after, "as reported: byte for byte");
    let restated = report(store, kv9, period, Structure::Restated);
    let mut sum = report(store, u.region1, period, Structure::AsReported).cells;
    sum.add(&report(store, u.region2, period, Structure::AsReported).cells);
    assert_eq!(restated.cells, sum, "restated = Σ predecessors");
    assert!(
        matches!(
            thads_app::reorg::stats::engine_as_of(
                store,
                &rules,
                kv9,
                period.to(),
                admin().today(),
                thads_reports::Keep::Totals
            ),
            Err(AppError::Invalid(_))
        ),
        "the successor did not exist then: as reported is refused with a pointer to restated"
    );
    assert!(matches!(check_ledger(store, &rules, admin().today()).unwrap(), LedgerCheck::Equal { .. }));
    // A record dated after the closing at a closed unit: a new case there is refused, naming
    // the successor; at the successor it is taken.
    let refused = create_case(store, &admin(), &rules, facts(u.region1, "9/2025", date!(2025 - 08 - 01), 1_000));
    assert!(
        matches!(&refused, Err(AppError::Invalid(m)) if m.contains("BG-KV9") && m.contains("BG-KV1")),
        "{refused:?}"
    );
    create_case(store, &admin(), &rules, facts(kv9, "9/2025", date!(2025 - 08 - 01), 1_000)).unwrap();
    // Events after the merge go on at the successor, where the case now is.
    let version = store.case(a.case.id).unwrap().unwrap().version;
    record(store, &admin(), &rules, a.case.id, version, ev(date!(2025 - 08 - 02), EventCode::Collected, Some(1_000)))
        .unwrap();
    // Audited, listed.
    let ops = store.reorg_operations().unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].operation.on, date!(2025 - 07 - 01));
    let audited = store.search_audit(&thads_store::AuditQuery { limit: 50, ..Default::default() }).unwrap();
    assert!(audited.iter().any(|e| e.action == "unit.merge"));
}

fn a_record_after_closing_at_a_closed_unit_is_refused(store: &dyn Store) {
    // A unit closed by an import (cases left at it): an event dated after its closing is
    // refused naming the successor.
    let u = seed_units(store);
    let rules = Rules::default();
    let a =
        create_case(store, &admin(), &rules, facts(u.region2, "1/2024", date!(2024 - 03 - 05), 10_000_000)).unwrap();
    let mut tx = store.begin().unwrap();
    let kv2 = tx.units().unwrap().into_iter().find(|x| x.id == u.region2).unwrap();
    tx.set_unit_state(
        u.region2,
        &thads_core::reorg::UnitState {
            valid_to: Some(date!(2025 - 06 - 30)),
            successor: Some(u.region1),
            ..thads_core::reorg::UnitState::of(&kv2)
        },
    )
    .unwrap();
    tx.commit().unwrap();
    let refused = record(store, &admin(), &rules, a.case.id, 1, ev(date!(2025 - 07 - 02), EventCode::WithMeans, None));
    assert!(
        matches!(&refused, Err(AppError::Invalid(m)) if m.contains("BG-KV1") && m.contains("30/06/2025")),
        "{refused:?}"
    );
    record(store, &admin(), &rules, a.case.id, 1, ev(date!(2025 - 06 - 20), EventCode::WithMeans, None)).unwrap();
}

fn an_operation_inside_a_closed_month_is_refused(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    create_case(store, &admin(), &rules, facts(u.region1, "1/2025", date!(2025 - 03 - 05), 1_000_000)).unwrap();
    periods::close(store, &admin(), &rules, u.province, MonthKey::of(date!(2025 - 07 - 01))).unwrap();
    let refused = reorg::merge(
        store,
        &admin(),
        &rules,
        &merge("BG-KV9", &["BG-KV1", "BG-KV2"], date!(2025 - 07 - 15), Some("KV9")),
    );
    assert!(matches!(refused, Err(AppError::PeriodClosed(_))), "{refused:?}");
    let refused = reorg::rename(store, &admin(), "BG-KV1", "Khu vực Một", date!(2025 - 07 - 01));
    assert!(matches!(refused, Err(AppError::PeriodClosed(_))), "{refused:?}");
    reorg::rename(store, &admin(), "BG-KV1", "Khu vực Một", date!(2025 - 08 - 01)).unwrap();
    assert!(store.reorg_operations().unwrap().len() == 1);
}

fn a_split_leaving_a_case_unassigned_is_refused(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let a = create_case(store, &admin(), &rules, facts(u.region1, "1/2024", date!(2024 - 03 - 05), 1_000_000)).unwrap();
    let b = create_case(store, &admin(), &rules, facts(u.region1, "2/2024", date!(2024 - 03 - 06), 2_000_000)).unwrap();
    let req = SplitRequest {
        from: "BG-KV1".into(),
        into: vec!["BG-KV3".into(), "BG-KV4".into()],
        names: vec![],
        on: date!(2025 - 01 - 01),
        cases: vec![("1/2024".into(), "BG-KV3".into())],
    };
    let refused = reorg::split(store, &admin(), &rules, &req);
    assert!(matches!(&refused, Err(AppError::Invalid(m)) if m.contains("2/2024")), "{refused:?}");
    assert!(store.reorg_operations().unwrap().is_empty());
    // The open complaints follow: one on case 2/2024 to where the case goes, one on no case to
    // the first unit (with the people).
    let tree = UnitTree::new(store.units().unwrap());
    let on_b = thads_app::complaints::register(store, &admin(), &tree, letter(u.region1, Some(b.case.id), "việc 2"))
        .unwrap()
        .id;
    let alone = thads_app::complaints::register(store, &admin(), &tree, letter(u.region1, None, "chung")).unwrap().id;
    // A rule for the rest: every case the list leaves out to BG-KV4.
    let bad_rest = reorg::split_with_rest(store, &admin(), None, &rules, &req, Some("BG-KV9"));
    assert!(matches!(&bad_rest, Err(AppError::Invalid(m)) if m.contains("BG-KV9")), "{bad_rest:?}");
    let done = reorg::split_with_rest(store, &admin(), None, &rules, &req, Some("BG-KV4")).unwrap();
    assert_eq!((done.cases_moved, done.followed.complaints), (2, 2));
    let (kv3, kv4) = (unit_id(store, "BG-KV3"), unit_id(store, "BG-KV4"));
    assert_eq!(store.case(a.case.id).unwrap().unwrap().facts.unit, kv3);
    assert_eq!(store.case(b.case.id).unwrap().unwrap().facts.unit, kv4);
    let unit_of = |id| store.complaint(id).unwrap().unwrap().record.facts.unit;
    assert_eq!((unit_of(on_b), unit_of(alone)), (kv4, kv3));
    assert!(matches!(check_ledger(store, &rules, admin().today()).unwrap(), LedgerCheck::Equal { .. }));
    let refused = create_case(store, &admin(), &rules, facts(u.region1, "3/2025", date!(2025 - 02 - 01), 1_000));
    assert!(
        matches!(&refused, Err(AppError::Invalid(m)) if m.contains("BG-KV3") && m.contains("BG-KV4")),
        "{refused:?}"
    );
}

fn letter(unit: UnitId, case: Option<CaseId>, subject: &str) -> thads_app::complaints::NewLetter {
    use thads_core::complaints::{Channel, ComplaintFacts, Level, Matter, Object};
    thads_app::complaints::NewLetter {
        facts: ComplaintFacts {
            unit,
            matter: Matter::KhieuNai { object: Object::CuongChe, level: Level::First },
            channel: Channel::TrucTiep,
            received_on: date!(2025 - 06 - 02),
            complainant: "Trần Văn Bình".into(),
            subject: subject.into(),
            case_id: case,
            act_on: Some(date!(2025 - 05 - 20)),
            obstacle_days: 0,
            same_matter_as: None,
            within_authority: true,
        },
        authority: thads_app::complaints::AuthorityBasis::Stated(true),
        first_decision_of: None,
        session: None,
    }
}

/// A receipt of `amount` in cash taken at `office` on 10/06/2025.
fn receipt_input(
    office: UnitId,
    paid_for: thads_core::money::ReceiptFor,
    amount: i64,
) -> thads_app::money::receipts::ReceiptInput {
    thads_app::money::receipts::ReceiptInput {
        office,
        paid_for,
        date: date!(2025 - 06 - 10),
        amount: Vnd::new(amount).unwrap(),
        payer: "Nguyễn Văn An".into(),
        method: thads_core::money::receipt::PaymentMethod::Cash,
    }
}

fn held_for(store: &dyn Store, books: UnitId, debtor: &str) -> i128 {
    let id = thads_core::money::DebtorId::new(debtor).unwrap();
    let mut tx = store.begin().unwrap();
    let entries = tx.debtor_entries(books, debtor).unwrap();
    thads_core::money::custody::DebtorMoney::of(&id, entries.iter().map(|r| &r.entry), Date::MAX).held.dong()
}

/// The registers that name a unit follow a merge: the open complaints of the closing unit
/// (with their case, or without one) are found at the successor, a complaint elsewhere stays;
/// the money held for a debtor, taken at the closing office, is still held in the province's
/// books the successor keeps; a receipt on a case moves nothing; ledger and money checks pass.
fn the_registers_of_a_merged_unit_are_found_at_its_successor(store: &dyn Store) {
    use thads_core::money::{DebtorId, ReceiptFor};
    let u = seed_units(store);
    let rules = Rules::default();
    let tree = UnitTree::new(store.units().unwrap());
    let a = create_case(store, &admin(), &rules, facts(u.region1, "1/2024", date!(2024 - 03 - 05), 9_000_000)).unwrap();
    let with_case =
        thads_app::complaints::register(store, &admin(), &tree, letter(u.region1, Some(a.case.id), "việc 1"))
            .unwrap()
            .id;
    let alone =
        thads_app::complaints::register(store, &admin(), &tree, letter(u.region1, None, "không việc")).unwrap().id;
    let elsewhere =
        thads_app::complaints::register(store, &admin(), &tree, letter(u.province, None, "ở cục")).unwrap().id;
    let receipt = |paid_for, amount| receipt_input(u.region1, paid_for, amount);
    let debtor = "001085012345";
    let held = ReceiptFor::Debtor(DebtorId::new(debtor).unwrap());
    thads_app::money::receipts::issue(store, &admin(), &rules, &tree, receipt(held, 2_500_000)).unwrap();
    thads_app::money::receipts::issue(store, &admin(), &rules, &tree, receipt(ReceiptFor::Case(a.case.id), 400_000))
        .unwrap();
    let done = reorg::merge(
        store,
        &admin(),
        &rules,
        &merge("BG-KV9", &["BG-KV1", "BG-KV2"], date!(2025 - 07 - 01), Some("Phòng THADS khu vực 9")),
    )
    .unwrap();
    assert_eq!(done.followed.complaints, 2, "{:?}", done.followed);
    let kv9 = unit_id(store, "BG-KV9");
    let unit_of = |id| store.complaint(id).unwrap().unwrap().record.facts.unit;
    assert_eq!((unit_of(with_case), unit_of(alone), unit_of(elsewhere)), (kv9, kv9, u.province));
    let tree = UnitTree::new(store.units().unwrap());
    let books = thads_app::money::books_of(&tree, kv9).unwrap();
    assert_eq!(books, u.province, "the successor keeps the same books");
    assert_eq!(held_for(store, books, debtor), 2_500_000, "held for the debtor, found from the successor");
    assert!(thads_app::money::check::check(store, &tree, None).unwrap().is_clean());
    assert!(matches!(check_ledger(store, &rules, admin().today()).unwrap(), LedgerCheck::Equal { .. }));
    let audited = store.search_audit(&thads_store::AuditQuery { limit: 50, ..Default::default() }).unwrap();
    let merged = audited.iter().find(|e| e.action == "unit.merge").unwrap();
    assert!(merged.after.as_deref().unwrap_or_default().contains("\"complaints\":2"), "{:?}", merged.after);
}

/// Provinces merged set-based (`reorg::bulk`, as a reform file is) into a province created for
/// the merge hand their custody books over to it: the money held for a debtor at a section of
/// one and on a case of the other is found in the new province's books, the old books are left
/// at zero, the sections write into the new books, and the money check stays clean.
fn provinces_merged_set_based_into_a_new_one_hand_their_books_over(store: &dyn Store) {
    use thads_app::reorg::bulk::{BulkMerge, Recorder};
    use thads_core::money::custody::balances;
    use thads_core::money::{DebtorId, ReceiptFor};
    let u = seed_units(store);
    let rules = Rules::default();
    let province = |tx: &mut dyn thads_store::WriteTx, code: &str, from: Option<Date>| {
        tx.insert_unit(&thads_store::NewUnit {
            code: thads_core::UnitCode::new(code).unwrap(),
            name: format!("Thi hành án dân sự {code}"),
            kind: thads_core::UnitKind::Province,
            parent: Some(u.national),
            valid_from: from,
            valid_to: None,
            successor: None,
        })
        .unwrap()
    };
    let mut tx = store.begin().unwrap();
    let hn = province(tx.as_mut(), "HN", None);
    tx.commit().unwrap();
    let tree = UnitTree::new(store.units().unwrap());
    let a = create_case(store, &admin(), &rules, facts(hn, "1/2024", date!(2024 - 03 - 05), 9_000_000)).unwrap();
    let debtor = "001085012345";
    let held = ReceiptFor::Debtor(DebtorId::new(debtor).unwrap());
    thads_app::money::receipts::issue(store, &admin(), &rules, &tree, receipt_input(u.region1, held, 2_500_000))
        .unwrap();
    let on_case = receipt_input(hn, ReceiptFor::Case(a.case.id), 400_000);
    thads_app::money::receipts::issue(store, &admin(), &rules, &tree, on_case).unwrap();

    let on = date!(2025 - 07 - 01);
    let by = Recorder { login: "admin".into(), at: datetime!(2025-07-01 08:00 +7) };
    let mut tx = store.begin().unwrap();
    let new = province(tx.as_mut(), "HB", Some(on));
    let merge = BulkMerge { into: new, created: true, from: vec![u.province, hn], on, name: None };
    thads_app::reorg::bulk::merge(tx.as_mut(), &by, &merge).unwrap();
    tx.commit().unwrap();

    let tree = UnitTree::new(store.units().unwrap());
    assert_eq!(thads_app::money::books_of(&tree, u.region1).unwrap(), new, "the section writes into the new books");
    assert_eq!(held_for(store, new, debtor), 2_500_000, "the debtor's money is in the new books");
    for old in [u.province, hn] {
        let entries = store.unit_entries(old, thads_app::money::EVER.0, thads_app::money::EVER.1).unwrap();
        assert!(balances(entries.iter().map(|r| &r.entry), Date::MAX).values().all(|b| *b == 0));
    }
    let money = thads_app::money::books::case_money(store, a.case.id).unwrap();
    assert_eq!(money.held.dong(), 400_000, "the case's money over all books is unchanged");
    assert!(thads_app::money::check::check(store, &tree, None).unwrap().is_clean());
    let audited = store.search_audit(&thads_store::AuditQuery { limit: 50, ..Default::default() }).unwrap();
    let merged = audited.iter().find(|e| e.action == "unit.merge").unwrap();
    assert!(merged.after.as_deref().unwrap_or_default().contains("\"to\":\"HB\""), "{:?}", merged.after);
}

/// A move under another parent: the unit's parent changes from the day, its cases stay with it,
/// the province's report as reported of a period before is unchanged; moving it again under
/// the same parent, or a section under a section, is refused; the move is audited.
fn a_unit_moves_under_another_parent(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let a = create_case(store, &admin(), &rules, facts(u.region2, "1/2024", date!(2024 - 03 - 05), 3_000_000)).unwrap();
    let hn = add_hanoi(store, u.national);
    let period = Period::new(date!(2023 - 10 - 01), date!(2024 - 09 - 30)).unwrap();
    let before = json(&report(store, u.province, period, Structure::AsReported));
    let done = reorg::move_unit(store, &admin(), "BG-KV2", "HN", date!(2025 - 07 - 01)).unwrap();
    assert_eq!((done.kind, done.cases_moved), (thads_core::reorg::OpKind::Move, 0));
    let tree = UnitTree::new(store.units().unwrap());
    assert_eq!(tree.get(u.region2).unwrap().parent, Some(hn));
    assert_eq!(store.case(a.case.id).unwrap().unwrap().facts.unit, u.region2, "its cases stay with it");
    assert_eq!(json(&report(store, u.province, period, Structure::AsReported)), before, "as reported");
    let again = reorg::move_unit(store, &admin(), "BG-KV2", "HN", date!(2025 - 08 - 01));
    assert!(matches!(again, Err(AppError::Invalid(m)) if m.contains("HN")));
    assert!(reorg::move_unit(store, &admin(), "BG-KV1", "BG-KV2", date!(2025 - 08 - 01)).is_err());
    let audited = store.search_audit(&thads_store::AuditQuery { limit: 50, ..Default::default() }).unwrap();
    assert!(audited.iter().any(|e| e.action == "unit.move"));
    assert!(matches!(check_ledger(store, &rules, admin().today()).unwrap(), LedgerCheck::Equal { .. }));
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $name() {
                super::$name(&thads_testkit::sqlite_store());
            })*
        }
        mod postgres {
            $(#[test]
            fn $name() {
                if let Some(store) = super::fresh_store().expect("fresh PostgreSQL store") {
                    super::$name(&store);
                }
            })*
        }
    };
}

/// The province HN, open since ever, under `national`.
fn add_hanoi(store: &dyn Store, national: UnitId) -> UnitId {
    let mut tx = store.begin().unwrap();
    let hn = tx
        .insert_unit(&thads_store::NewUnit {
            code: thads_core::UnitCode::new("HN").unwrap(),
            name: "Thi hành án dân sự thành phố Hà Nội".into(),
            kind: thads_core::UnitKind::Province,
            parent: Some(national),
            valid_from: None,
            valid_to: None,
            successor: None,
        })
        .unwrap();
    tx.commit().unwrap();
    hn
}

/// The caller's scope is checked on the units as the operation's own transaction reads them:
/// once BG-KV2 has moved under HN, BG's administrator (whose server may still show it under
/// BG) can neither rename, split, merge nor move it, nor move a unit of BG under it; within BG
/// they still can, and the command line (no scope) reaches any unit.
fn an_administrators_scope_is_checked_on_the_units_the_operation_reads(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    add_hanoi(store, u.national);
    reorg::move_unit(store, &admin(), "BG-KV2", "HN", date!(2025 - 07 - 01)).unwrap();
    let (bg, on) = (Some(u.province), date!(2025 - 08 - 01));
    let denied =
        |r: Result<reorg::Done, AppError>| matches!(r, Err(AppError::Denied(thads_core::access::Denied::OutsideUnit)));
    assert!(denied(reorg::rename_within(store, &admin(), bg, "BG-KV2", "Khu vực Hai", on)));
    assert!(denied(reorg::move_within(store, &admin(), bg, "BG-KV2", "BG", on)));
    assert!(denied(reorg::move_within(store, &admin(), bg, "BG-KV1", "BG-KV2", on)));
    let split = SplitRequest {
        from: "BG-KV2".into(),
        into: vec!["BG-KV3".into(), "BG-KV4".into()],
        names: vec![],
        on,
        cases: vec![],
    };
    assert!(denied(reorg::split_with_rest(store, &admin(), bg, &rules, &split, Some("BG-KV3"))));
    let merge = MergeRequest { into: "BG-KV1".into(), from: vec!["BG-KV2".into()], on, name: None, kind: None };
    assert!(denied(reorg::merge_within(store, &admin(), bg, &rules, &merge)));
    assert!(denied(reorg::rename_within(store, &admin(), bg, "BG", "Tỉnh", on)), "not the scope itself");
    assert_eq!(store.reorg_operations().unwrap().len(), 1, "nothing written");
    reorg::rename_within(store, &admin(), bg, "BG-KV1", "Khu vực Một", on).unwrap();
    reorg::rename_within(store, &admin(), None, "BG-KV2", "Khu vực Hai", on).unwrap();
}

on_both_backends!(
    an_administrators_scope_is_checked_on_the_units_the_operation_reads,
    a_case_number_taken_at_the_successor_refuses_the_merge_whole,
    a_merge_into_a_new_unit,
    a_record_after_closing_at_a_closed_unit_is_refused,
    an_operation_inside_a_closed_month_is_refused,
    a_split_leaving_a_case_unassigned_is_refused,
    the_registers_of_a_merged_unit_are_found_at_its_successor,
    provinces_merged_set_based_into_a_new_one_hand_their_books_over,
    a_unit_moves_under_another_parent,
);

/// One random case: its region (0..4), acceptance day in 2024, whether it is classified with
/// means, and what is collected.
#[derive(Debug, Clone)]
struct CaseSpec {
    region: usize,
    day: i64,
    with_means: bool,
    collected: Option<i64>,
}

/// One random operation: a merge of two open regions (into a new one, or into the first), or
/// a split of one into two new ones with each case sent by a coin.
#[derive(Debug, Clone)]
enum OpSpec {
    Merge { a: usize, b: usize, new: bool },
    Split { a: usize, coins: Vec<bool> },
}

fn case_spec() -> impl Strategy<Value = CaseSpec> {
    (0..4usize, 0..300i64, any::<bool>(), proptest::option::of(1..5_000_000i64))
        .prop_map(|(region, day, with_means, collected)| CaseSpec { region, day, with_means, collected })
}

fn op_spec() -> impl Strategy<Value = OpSpec> {
    prop_oneof![
        (0..16usize, 0..16usize, any::<bool>()).prop_map(|(a, b, new)| OpSpec::Merge { a, b, new }),
        (0..16usize, proptest::collection::vec(any::<bool>(), 16)).prop_map(|(a, coins)| OpSpec::Split { a, coins }),
    ]
}

fn seed_regions(store: &dyn Store) -> Vec<String> {
    let u = seed_units(store);
    let mut tx = store.begin().unwrap();
    for code in ["BG-KV3", "BG-KV4"] {
        tx.insert_unit(&thads_store::NewUnit {
            code: thads_core::UnitCode::new(code).unwrap(),
            name: code.into(),
            kind: thads_core::UnitKind::Region,
            parent: Some(u.province),
            valid_from: None,
            valid_to: None,
            successor: None,
        })
        .unwrap();
    }
    tx.commit().unwrap();
    ["BG-KV1", "BG-KV2", "BG-KV3", "BG-KV4"].map(String::from).to_vec()
}

/// Every open unit's report as reported, by code, for the periods given.
fn reports(store: &dyn Store, periods: &[Period]) -> BTreeMap<(String, usize), (String, thads_reports::Report)> {
    let tree = UnitTree::new(store.units().unwrap());
    let mut out = BTreeMap::new();
    for u in tree.all() {
        for (k, p) in periods.iter().enumerate() {
            let unit_exists_then = u.valid_from.is_none_or(|f| f <= p.to());
            if unit_exists_then {
                let r = report(store, u.id, *p, Structure::AsReported);
                out.insert((u.code.to_string(), k), (json(&r), r));
            }
        }
    }
    out
}

fn events_of(store: &dyn Store) -> BTreeMap<CaseId, usize> {
    let mut out = BTreeMap::new();
    store
        .scan_histories(&thads_store::ScanFilter::default(), &mut |h| {
            out.insert(h.case.id, h.records.len());
            Ok(())
        })
        .unwrap();
    out
}

fn run(store: &dyn Store, cases: &[CaseSpec], ops: &[OpSpec]) -> Result<(), TestCaseError> {
    let rules = Rules::default();
    let mut open = seed_regions(store);
    let start = date!(2024 - 01 - 01);
    for (i, c) in cases.iter().enumerate() {
        let accepted = start + time::Duration::days(c.day);
        let unit = unit_id(store, &open[c.region]);
        let id = create_case(store, &admin(), &rules, facts(unit, &format!("{}/2024", i + 1), accepted, 5_000_000))
            .unwrap()
            .case
            .id;
        if c.with_means {
            record(store, &admin(), &rules, id, 1, ev(accepted + time::Duration::days(3), EventCode::WithMeans, None))
                .unwrap();
            if let Some(x) = c.collected {
                let on = accepted + time::Duration::days(10);
                record(store, &admin(), &rules, id, 2, ev(on, EventCode::Collected, Some(x))).unwrap();
            }
        }
    }
    let periods = [
        Period::new(date!(2023 - 10 - 01), date!(2024 - 09 - 30)).unwrap(),
        Period::new(date!(2024 - 02 - 10), date!(2024 - 11 - 17)).unwrap(),
    ];
    let events = events_of(store);
    let mut fresh = 0;
    for (k, op) in ops.iter().enumerate() {
        let on = date!(2025 - 01 - 01) + time::Duration::days(31 * k as i64);
        let before = reports(store, &periods);
        // Each open unit's figures on the structure just before the operation (a unit made by an
        // earlier operation has no report as reported of a period before it existed).
        let mut now: BTreeMap<(String, usize), thads_reports::Cells> = BTreeMap::new();
        for code in &open {
            for (p, period) in periods.iter().enumerate() {
                now.insert((code.clone(), p), report(store, unit_id(store, code), *period, Structure::Restated).cells);
            }
        }
        match op {
            OpSpec::Merge { a, b, new } => {
                let (x, y) = (open[a % open.len()].clone(), open[b % open.len()].clone());
                if x == y {
                    continue;
                }
                let into = if *new {
                    fresh += 1;
                    format!("BG-N{fresh}")
                } else {
                    x.clone()
                };
                let from: Vec<String> = if *new { vec![x.clone(), y.clone()] } else { vec![y.clone()] };
                let req = MergeRequest {
                    into: into.clone(),
                    from: from.clone(),
                    on,
                    name: Some(format!("Khu vực {into}")),
                    kind: None,
                };
                reorg::merge(store, &admin(), &rules, &req).unwrap();
                let target = unit_id(store, &into);
                for p in 0..periods.len() {
                    let mut sum = thads_reports::Cells::default();
                    let mut predecessors = from.clone();
                    if !*new {
                        predecessors.push(into.clone());
                    }
                    for code in &predecessors {
                        sum.add(&now[&(code.clone(), p)]);
                    }
                    let restated = report(store, target, periods[p], Structure::Restated);
                    prop_assert_eq!(restated.cells, sum, "restated = Σ predecessors");
                }
                open.retain(|c| !from.contains(c));
                if *new {
                    open.push(into);
                }
            }
            OpSpec::Split { a, coins } => {
                let x = open[a % open.len()].clone();
                let source = unit_id(store, &x);
                let mut tx = store.begin().unwrap();
                let here = tx.cases_at(source).unwrap();
                drop(tx);
                fresh += 2;
                let into = vec![format!("BG-N{}", fresh - 1), format!("BG-N{fresh}")];
                let list: Vec<(String, String)> = here
                    .iter()
                    .enumerate()
                    .map(|(i, (_, no))| (no.to_string(), into[usize::from(coins[i % coins.len()])].clone()))
                    .collect();
                let req = SplitRequest { from: x.clone(), into: into.clone(), names: vec![], on, cases: list };
                reorg::split(store, &admin(), &rules, &req).unwrap();
                for p in 0..periods.len() {
                    let mut sum = report(store, unit_id(store, &into[0]), periods[p], Structure::Restated).cells;
                    sum.add(&report(store, unit_id(store, &into[1]), periods[p], Structure::Restated).cells);
                    prop_assert_eq!(sum, now[&(x.clone(), p)], "Σ restated of the parts = the unit split");
                }
                open.retain(|c| c != &x);
                open.extend(into);
            }
        }
        // As reported: unchanged, byte for byte, for every unit that existed then.
        let after = reports(store, &periods);
        for (key, (text, _)) in &before {
            prop_assert_eq!(&after[key].0, text, "as reported of {:?} changed", key);
        }
        prop_assert_eq!(events_of(store), events.clone(), "no case or event lost");
        let ledger = check_ledger(store, &rules, admin().today()).unwrap();
        prop_assert!(matches!(ledger, LedgerCheck::Equal { .. }), "ledger check: {:?}", ledger);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn reorganisations_keep_reports_as_reported_and_restate_exactly(
        cases in proptest::collection::vec(case_spec(), 0..10),
        ops in proptest::collection::vec(op_spec(), 1..5),
    ) {
        run(&sqlite_store(), &cases, &ops)?;
    }
}

#[test]
fn a_sequence_of_merges_and_splits_on_postgres() {
    if let Some(store) = fresh_store().expect("fresh PostgreSQL store") {
        let cases: Vec<CaseSpec> = (0..8)
            .map(|i| CaseSpec {
                region: i % 4,
                day: 20 * i as i64,
                with_means: i % 3 != 0,
                collected: Some(1_000 * (i as i64 + 1)),
            })
            .collect();
        let ops = vec![
            OpSpec::Merge { a: 0, b: 1, new: true },
            OpSpec::Split { a: 0, coins: vec![true, false, true] },
            OpSpec::Merge { a: 1, b: 2, new: false },
        ];
        run(&store, &cases, &ops).unwrap();
    }
}
