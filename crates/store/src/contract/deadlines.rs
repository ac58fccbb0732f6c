//! Contract checks of the legal deadlines (schema 0003_calendar): rule overrides round-trip and
//! are keyed by rule id; the derived deadlines table is replaced per case, read by visibility,
//! scope, officer and due date, and counted.

use thads_core::deadlines::{DeadlineKind, Length};
use thads_core::rules::Confidence;
use thads_core::{CaseId, CaseNo, Role, StaffId, UnitId};
use time::Date;
use time::macros::{date, datetime};

use super::{ok, seed_case, seed_units, staff_member};
use crate::*;

pub fn rule_overrides_are_set_replaced_and_removed(store: &dyn Store) {
    let first = RuleOverride {
        rule_id: "new.first_verification".into(),
        length: Length::working_days(10),
        confidence: Confidence::Confirmed,
        source: "Luật THADS 106/2025 Điều 44".into(),
        set_by: "admin".into(),
        set_at: datetime!(2026-11-20 08:00 UTC),
    };
    let second = RuleOverride { length: Length::months(6), confidence: Confidence::Inferred, ..first.clone() };
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.set_rule_override(&first)), None);
    assert_eq!(ok(tx.set_rule_override(&second)), Some(first));
    ok(tx.commit());
    assert_eq!(ok(store.rule_overrides()), vec![second.clone()]);
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.rule_overrides()), vec![second.clone()]);
    assert_eq!(ok(tx.delete_rule_override(&second.rule_id)), Some(second));
    ok(tx.commit());
    assert!(ok(store.rule_overrides()).is_empty());
}

pub(super) fn row(
    case: CaseId,
    unit: UnitId,
    officer: Option<StaffId>,
    kind: DeadlineKind,
    due: Date,
    until_due: bool,
) -> DeadlineRow {
    DeadlineRow {
        case,
        unit,
        officer,
        case_no: ok(CaseNo::new(&format!("{}/QĐ-THADS", case.0)).map_err(|e| StoreError::Invalid(e.to_string()))),
        kind,
        due,
        started_on: date!(2026 - 10 - 01),
        rule_id: format!("new.{}", kind.code()),
        until_due,
    }
}

pub fn deadlines_are_replaced_per_case_and_read_by_scope(store: &dyn Store) {
    let ids = seed_units(store);
    let officer = staff_member(store, ids[2], "chv.an", Role::Officer);
    let (a, b, c) = (seed_case(store, ids[2], "1/A"), seed_case(store, ids[2], "2/A"), seed_case(store, ids[3], "3/A"));
    let on = date!(2026 - 11 - 22);
    let rows = vec![
        row(a, ids[2], Some(officer), DeadlineKind::FirstVerification, date!(2026 - 11 - 20), false),
        row(a, ids[2], Some(officer), DeadlineKind::VoluntaryPeriod, date!(2026 - 11 - 21), true),
        row(b, ids[2], None, DeadlineKind::Reverification, date!(2026 - 11 - 25), false),
        row(c, ids[3], None, DeadlineKind::Payout, date!(2026 - 11 - 22), true),
    ];
    let mut tx = ok(store.begin());
    ok(tx.replace_deadlines(&[], &rows));
    ok(tx.replace_deadlines(&[b], &[row(b, ids[2], None, DeadlineKind::Reverification, date!(2026 - 12 - 01), false)]));
    ok(tx.set_deadlines_stamp("stamp-1"));
    ok(tx.commit());
    assert_eq!(ok(store.deadlines_stamp()).as_deref(), Some("stamp-1"));
    let due =
        |q: &DeadlineQuery| -> Vec<(CaseId, Date)> { ok(store.deadlines(q)).iter().map(|r| (r.case, r.due)).collect() };
    let all = DeadlineQuery::on(on);
    // A row shown only until due disappears after its day; the rest come earliest first.
    assert_eq!(due(&all), vec![(a, date!(2026 - 11 - 20)), (c, on), (b, date!(2026 - 12 - 01))]);
    assert_eq!(ok(store.deadlines(&all))[0], rows[0], "a row round-trips");
    assert_eq!(due(&DeadlineQuery { units: Some(vec![ids[3]]), ..all.clone() }), vec![(c, on)]);
    assert_eq!(due(&DeadlineQuery { officer: Some(officer), ..all.clone() }), vec![(a, date!(2026 - 11 - 20))]);
    assert_eq!(due(&DeadlineQuery { case: Some(b), ..all.clone() }), vec![(b, date!(2026 - 12 - 01))]);
    let overdue = DeadlineQuery { due_to: Some(date!(2026 - 11 - 21)), ..all.clone() };
    assert_eq!(due(&overdue), vec![(a, date!(2026 - 11 - 20))]);
    let week = DeadlineQuery { due_from: Some(on), due_to: Some(date!(2026 - 11 - 28)), ..all.clone() };
    assert_eq!(due(&week), vec![(c, on)]);
    assert_eq!(due(&DeadlineQuery { limit: Some(1), ..all.clone() }).len(), 1);
    assert_eq!(due(&DeadlineQuery { units: Some(vec![]), ..all.clone() }), vec![]);
    deadlines_are_counted(store, &ids, officer, on);
    // Many rows in one call (PostgreSQL copies them) round trip and are replaced like a few.
    let kinds = [DeadlineKind::Payout, DeadlineKind::Reverification];
    let many: Vec<DeadlineRow> = (0..150i64)
        .map(|i| {
            let who = (i % 3 == 0).then_some(officer);
            row(a, ids[2], who, kinds[(i % 2) as usize], on + time::Duration::days(i + 1), i % 4 == 0)
        })
        .collect();
    let mut tx = ok(store.begin());
    ok(tx.replace_deadlines(&[a], &many));
    ok(tx.commit());
    assert_eq!(ok(store.deadlines(&DeadlineQuery { case: Some(a), ..all.clone() })), many, "many rows round-trip");
    let mut tx = ok(store.begin());
    ok(tx.replace_deadlines(&[a], &many[..1]));
    ok(tx.commit());
    assert_eq!(ok(store.deadlines(&DeadlineQuery { case: Some(a), ..all.clone() })), many[..1], "and are replaced");
    let ghost = CaseId(c.0 + 1_000_000);
    let mut tx = ok(store.begin());
    let refused = tx.replace_deadlines(&[], &[row(ghost, ids[2], None, DeadlineKind::Payout, on, false)]);
    assert!(refused.is_err(), "a deadline of a case not stored");
    drop(tx);
    let mut tx = ok(store.begin());
    ok(tx.clear_deadlines());
    ok(tx.commit());
    assert!(ok(store.deadlines(&all)).is_empty());
}

/// The dashboard's oldest overdue of a scope of many units (schema 35 gives them from its own
/// index): earliest due first, ties by case then kind, never a row shown only until due, only
/// the scope's units, as many as asked.
pub fn the_oldest_overdue_of_many_units_come_in_order(store: &dyn Store) {
    let ids = seed_units(store);
    let (a, b, c) = (seed_case(store, ids[2], "1/A"), seed_case(store, ids[2], "2/A"), seed_case(store, ids[3], "3/A"));
    let outside = seed_case(store, ids[1], "4/A");
    let on = date!(2026 - 11 - 22);
    let rows = vec![
        row(c, ids[3], None, DeadlineKind::Reverification, date!(2026 - 11 - 10), false),
        row(b, ids[2], None, DeadlineKind::Payout, date!(2026 - 11 - 10), false),
        row(b, ids[2], None, DeadlineKind::FirstVerification, date!(2026 - 11 - 10), false),
        row(a, ids[2], None, DeadlineKind::VoluntaryPeriod, date!(2026 - 11 - 01), true),
        row(a, ids[2], None, DeadlineKind::Reverification, date!(2026 - 11 - 15), false),
        row(outside, ids[1], None, DeadlineKind::Reverification, date!(2026 - 11 - 02), false),
        row(c, ids[3], None, DeadlineKind::Payout, date!(2026 - 11 - 21), true),
        row(a, ids[2], None, DeadlineKind::FirstVerification, date!(2026 - 11 - 25), false),
    ];
    let mut tx = ok(store.begin());
    ok(tx.replace_deadlines(&[], &rows));
    ok(tx.commit());
    let overdue = DeadlineQuery {
        units: Some(vec![ids[2], ids[3]]),
        due_to: Some(date!(2026 - 11 - 21)),
        limit: Some(3),
        ..DeadlineQuery::on(on)
    };
    let listed: Vec<(CaseId, DeadlineKind, Date)> =
        ok(store.deadlines(&overdue)).iter().map(|r| (r.case, r.kind, r.due)).collect();
    assert!(b < c, "cases are numbered in the order they are stored");
    let tied = date!(2026 - 11 - 10);
    let expected = vec![
        (b, DeadlineKind::FirstVerification, tied),
        (b, DeadlineKind::Payout, tied),
        (c, DeadlineKind::Reverification, tied),
    ];
    assert_eq!(listed, expected, "ties by case, then by kind code");
    let all = DeadlineQuery { limit: None, ..overdue.clone() };
    let dues: Vec<Date> = ok(store.deadlines(&all)).iter().map(|r| r.due).collect();
    assert_eq!(dues.len(), 4, "the scope's overdue rows, none shown until due: {dues:?}");
    assert_eq!(dues.last(), Some(&date!(2026 - 11 - 15)));
}

fn deadlines_are_counted(store: &dyn Store, ids: &[UnitId], officer: StaffId, on: Date) {
    let mut tallies = ok(store.deadline_tallies(None, on, date!(2026 - 11 - 28)));
    tallies.sort_by_key(|t| (t.unit, t.officer));
    let counts: Vec<(UnitId, Option<StaffId>, u64, u64, u64)> =
        tallies.iter().map(|t| (t.unit, t.officer, t.overdue, t.due_soon, t.total)).collect();
    assert_eq!(counts, vec![(ids[2], None, 0, 0, 1), (ids[2], Some(officer), 1, 0, 1), (ids[3], None, 0, 1, 1)]);
    let scoped = ok(store.deadline_tallies(Some(&[ids[3]]), on, on));
    assert_eq!(scoped.len(), 1);
}
