//! The derived deadlines table: kept by every change to a case so that it always equals a
//! recomputation from the histories, read for today as the histories would give it, and
//! rebuilt when the calendar changes.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use proptest::prelude::*;
use thads_app::cases::record::{create_case, record, update_facts};
use thads_app::deadlines::{
    DeadlineScope, announce_day, by_officer, by_unit, deadlines_on, due_this_week, ensure_deadlines, overdue,
    recompute_and_read,
};
use thads_app::imports::{Authority, InputFile, import_files};
use thads_app::{Actor, NewRecord};
use thads_core::calendar::{AnnouncedDay, AnnouncedKind};
use thads_core::{Event, EventCode, Rules, UnitTree, Vnd};
use thads_store::{Cases, Store};
use thads_testkit::{Units, facts, seed_officer, seed_units, sqlite_store};
use time::macros::{date, datetime};
use time::{Date, Duration};

fn actor() -> Actor {
    Actor { login: "chv.an".into(), at: datetime!(2026-11-22 09:00 +7) }
}

fn ev(d: Date, code: EventCode, amount: Option<i64>) -> NewRecord {
    NewRecord::event(Event { date: d, code, amount: amount.map(|a| Vnd::new(a).unwrap()), ground: None })
}

fn assert_table_is_a_recomputation(store: &dyn Store) {
    let (want, have) = recompute_and_read(store, &Rules::default(), actor().today()).unwrap();
    assert_eq!(have, want);
}

/// The listing of today read from the table equals the one computed from the histories.
fn assert_today_reads_like_the_histories(store: &dyn Store, u: &Units) {
    let rules = Rules::default();
    let tree = UnitTree::new(store.units().unwrap());
    let scope = DeadlineScope::of_unit(&tree, u.national);
    let today = actor().today();
    let table = deadlines_on(store, &rules, &scope, today, today).unwrap();
    assert!(table.from_table);
    // Asked "as if tomorrow were today", the same day is computed from the histories.
    let scanned = deadlines_on(store, &rules, &scope, today, today + Duration::DAY).unwrap();
    assert!(!scanned.from_table);
    assert_eq!(table.items, scanned.items);
}

fn setup() -> (thads_store_sqlite::SqliteStore, Units) {
    let store = sqlite_store();
    let u = seed_units(&store);
    ensure_deadlines(&store, &Rules::default(), actor().today()).unwrap();
    (store, u)
}

#[test]
fn recording_events_keeps_the_table() {
    let (store, u) = setup();
    let rules = Rules::default();
    let c = create_case(&store, &actor(), &rules, facts(u.region1, "1/QĐ-THADS", date!(2026 - 11 - 10), 5_000_000))
        .unwrap();
    assert_table_is_a_recomputation(&store);
    let kinds = |s: &dyn Store| {
        let scope = DeadlineScope { units: vec![u.region1], officer: None };
        let today = actor().today();
        let items = deadlines_on(s, &rules, &scope, today, today).unwrap().items;
        items.iter().map(|d| (d.kind, d.overdue)).collect::<Vec<_>>()
    };
    assert_eq!(kinds(&store), vec![("voluntary_period", false), ("first_verification", false)]);
    record(&store, &actor(), &rules, c.case.id, 1, ev(date!(2026 - 11 - 20), EventCode::NoMeans, None)).unwrap();
    assert_eq!(kinds(&store), vec![("publish_no_means", false), ("reverification", false), ("request_return", false)]);
    record(&store, &actor(), &rules, c.case.id, 2, ev(date!(2026 - 11 - 21), EventCode::Terminated, None)).unwrap();
    assert!(kinds(&store).is_empty(), "a closed case has no deadline");
    assert_table_is_a_recomputation(&store);
}

#[test]
fn dashboard_figures_come_from_the_table() {
    let (store, u) = setup();
    let rules = Rules::default();
    let officer = seed_officer(&store, u.region1, "chv.binh", "Lê Thị Bình");
    let mut f = facts(u.region1, "2/QĐ-THADS", date!(2025 - 10 - 05), 1_000_000);
    f.officer = Some(officer);
    create_case(&store, &actor(), &rules, f).unwrap();
    create_case(&store, &actor(), &rules, facts(u.region2, "3/QĐ-THADS", date!(2026 - 11 - 10), 1_000)).unwrap();
    let today = actor().today();
    let all = [u.region1, u.region2];
    let late = overdue(&store, &all, today, None).unwrap();
    assert_eq!(
        late.iter().map(|d| (d.case_no.as_str(), d.kind)).collect::<Vec<_>>(),
        [("2/QĐ-THADS", "first_verification")]
    );
    assert_eq!(late[0].officer.as_deref(), Some("chv.binh"));
    let week = due_this_week(&store, &all, today).unwrap();
    assert!(week.iter().all(|d| !d.overdue && d.due >= today && d.due < today + Duration::days(7)), "{week:?}");
    let officers = by_officer(&store, &all, today).unwrap();
    assert_eq!(officers[0].officer.as_deref(), Some("chv.binh"));
    assert_eq!(officers[0].overdue, 1);
    let units = by_unit(&store, &all, today).unwrap();
    assert_eq!(units.iter().map(|l| (l.unit.as_str(), l.overdue)).collect::<Vec<_>>(), [("BG-KV1", 1), ("BG-KV2", 0)]);
    assert_today_reads_like_the_histories(&store, &u);
}

#[test]
fn an_announced_day_off_moves_due_dates_and_rebuilds_the_table() {
    let (store, u) = setup();
    let rules = Rules::default();
    // Accepted on Monday 16/11/2026: the first verification falls due in working days.
    create_case(&store, &actor(), &rules, facts(u.region1, "4/QĐ-THADS", date!(2026 - 11 - 16), 1_000)).unwrap();
    let due = |s: &dyn Store| {
        let today = actor().today();
        let scope = DeadlineScope { units: vec![u.region1], officer: None };
        deadlines_on(s, &rules, &scope, today, today).unwrap().items[0].due
    };
    let before = due(&store);
    let day =
        AnnouncedDay { date: before, kind: AnnouncedKind::DayOff, source: "Thông báo thử / test notice".into() };
    announce_day(&store, &actor(), &rules, day).unwrap();
    assert!(due(&store) > before, "the due date moved past the announced day off");
    assert_table_is_a_recomputation(&store);
    assert!(ensure_deadlines(&store, &rules, actor().today()).is_ok_and(|rebuilt| !rebuilt), "already current");
}

#[test]
fn a_migrated_database_keeps_its_deadlines() {
    let (source, u) = setup();
    let rules = Rules::default();
    for (i, accepted) in [date!(2025 - 10 - 05), date!(2026 - 11 - 10)].into_iter().enumerate() {
        create_case(&source, &actor(), &rules, facts(u.region1, &format!("{i}/QĐ-THADS"), accepted, 1_000)).unwrap();
    }
    let target = sqlite_store();
    ensure_deadlines(&target, &rules, actor().today()).unwrap();
    let outcome = thads_app::migrate::migrate(&source, &target, &rules, &actor()).unwrap();
    assert!(matches!(outcome, thads_app::migrate::Outcome::Copied(_)), "{outcome:?}");
    assert_table_is_a_recomputation(&target);
    let (_, rows) = recompute_and_read(&target, &rules, actor().today()).unwrap();
    assert_eq!(rows.len(), recompute_and_read(&source, &rules, actor().today()).unwrap().1.len());
}

#[test]
fn an_imported_register_keeps_its_deadlines() {
    let (store, _) = (sqlite_store(), ());
    ensure_deadlines(&store, &Rules::default(), actor().today()).unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let files: Vec<_> =
        ["units.csv", "cases.csv", "events.csv"].iter().map(|f| InputFile::at(fixtures.join(f))).collect();
    let silent = thads_app::progress::Silent;
    let reports = import_files(&store, &actor(), &Authority::Operator, &Rules::default(), &files, &silent).unwrap();
    assert!(reports.iter().all(|r| r.outcome.is_imported()), "{reports:?}");
    let (_, rows) = recompute_and_read(&store, &Rules::default(), actor().today()).unwrap();
    assert!(!rows.is_empty());
    assert_table_is_a_recomputation(&store);
}

fn arb_step() -> impl Strategy<Value = (usize, i64, usize, i64)> {
    (0usize..4, 0i64..540, 0usize..EventCode::ALL.len(), 1i64..400_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Whatever is recorded, in whatever date order, with officers reassigned on the way, the
    /// table kept change by change equals a recomputation, and today's listing read from it
    /// equals the one computed from the histories.
    #[test]
    fn the_kept_table_equals_a_recomputation(steps in proptest::collection::vec(arb_step(), 1..40)) {
        let (store, u) = setup();
        let rules = Rules::default();
        let officer = seed_officer(&store, u.region1, "chv.binh", "Lê Thị Bình");
        let units = [u.region1, u.region2, u.province, u.region1];
        let mut cases = Vec::new();
        for (i, unit) in units.iter().enumerate() {
            let f = facts(*unit, &format!("{i}/QĐ-THADS"), date!(2025 - 06 - 01), 1_000_000);
            cases.push(create_case(&store, &actor(), &rules, f).unwrap().case);
        }
        for (which, day, code, amount) in steps {
            let case = store.case(cases[which].id).unwrap().unwrap();
            if code == 0 && case.facts.officer.is_none() {
                let f = thads_core::CaseFacts { officer: Some(officer), ..case.facts.clone() };
                update_facts(&store, &actor(), &rules, case.id, case.version, f).unwrap();
                continue;
            }
            let code = EventCode::ALL[code];
            let amount = (code.amount_rule() != thads_core::event::AmountRule::Forbidden).then_some(amount);
            let d = date!(2025 - 06 - 01) + Duration::days(day);
            let _ = record(&store, &actor(), &rules, case.id, case.version, ev(d, code, amount));
        }
        assert_table_is_a_recomputation(&store);
        assert_today_reads_like_the_histories(&store, &u);
    }
}
