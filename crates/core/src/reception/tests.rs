//! The monthly reception duty on both sides of 01/07/2026, with its readings as switches, and
//! the figures of a period.

use time::Date;
use time::macros::date;

use super::*;

const A: StaffId = StaffId(10);
const B: StaffId = StaffId(11);
const UNIT: UnitId = UnitId(2);

fn session(date: Date, head: Option<StaffId>, kind: SessionKind, visitors: u32, complaints: &[i64]) -> Session {
    Session {
        unit: UNIT,
        date,
        head,
        kind,
        visitors,
        subject: "Hỏi về tiến độ thi hành án".into(),
        result: String::new(),
        complaints: complaints.iter().map(|&c| ComplaintId(c)).collect(),
    }
}

fn sessions() -> Vec<Session> {
    use SessionKind::{DinhKy, DotXuat};
    vec![
        session(date!(2026 - 05 - 20), Some(A), DinhKy, 3, &[]),
        // June: A only received ad hoc; B took office on 15/06.
        session(date!(2026 - 06 - 10), Some(A), DotXuat, 12, &[1, 2]),
        session(date!(2026 - 06 - 25), None, DinhKy, 4, &[3]),
        // July: A twice on one day (one day), B once.
        session(date!(2026 - 07 - 15), Some(A), DinhKy, 2, &[]),
        session(date!(2026 - 07 - 15), Some(A), DinhKy, 1, &[]),
        session(date!(2026 - 07 - 20), Some(B), DinhKy, 5, &[4]),
        // A at another unit does not count for this one.
        Session { unit: UnitId(3), ..session(date!(2026 - 08 - 05), Some(A), DinhKy, 1, &[]) },
    ]
}

fn terms(a_to: Option<Date>) -> Vec<HeadTerm> {
    vec![
        HeadTerm { staff: A, unit: UNIT, from: date!(2025 - 01 - 01), to: a_to },
        HeadTerm { staff: B, unit: UNIT, from: date!(2026 - 06 - 15), to: None },
    ]
}

fn missed(terms: &[HeadTerm], rules: &ReceptionRules) -> Vec<(StaffId, String, u32)> {
    let (from, to) = (MonthKey::of(date!(2026 - 05 - 01)), MonthKey::of(date!(2026 - 08 - 01)));
    missed_months(terms, &sessions(), from, to, rules)
        .into_iter()
        .map(|m| (m.staff, m.month.to_string(), m.days_held))
        .collect()
}

#[test]
fn heads_who_missed_a_month() {
    let rules = ReceptionRules::default();
    assert_eq!(
        missed(&terms(None), &rules),
        vec![(A, "06/2026".into(), 0), (A, "08/2026".into(), 0), (B, "08/2026".into(), 0)]
    );
    // A left at the end of July: August is not A's.
    assert_eq!(
        missed(&terms(Some(date!(2026 - 07 - 31))), &rules),
        vec![(A, "06/2026".into(), 0), (B, "08/2026".into(), 0)]
    );
    // Left on 29/06: June was not a whole month in office, so it is not required.
    let left = terms(Some(date!(2026 - 06 - 29)));
    assert_eq!(missed(&left, &rules), vec![(B, "08/2026".into(), 0)]);
}

#[test]
fn the_readings_are_switches_and_the_citation_follows_the_regime() {
    let mut rules = ReceptionRules::default();
    let rows = missed_months(
        &terms(None),
        &sessions(),
        MonthKey::of(date!(2026 - 06 - 01)),
        MonthKey::of(date!(2026 - 08 - 01)),
        &rules,
    );
    assert!(rows[0].citation.contains("NĐ 64/2014") && rows[0].month.to_string() == "06/2026");
    assert!(rows[1].citation.contains("NĐ 154/2026") && rows[1].month.to_string() == "08/2026");
    assert!(rows.iter().all(|r| r.confidence == Confidence::Inferred && r.required == 1));
    rules.old.ad_hoc_counts = true;
    assert_eq!(missed(&terms(None), &rules), vec![(A, "08/2026".into(), 0), (B, "08/2026".into(), 0)]);
    rules.old.partial_months = true;
    assert_eq!(
        missed(&terms(None), &rules),
        vec![(A, "08/2026".into(), 0), (B, "06/2026".into(), 0), (B, "08/2026".into(), 0)]
    );
    rules.new.days_per_month = 2;
    assert!(missed(&terms(None), &rules).contains(&(A, "07/2026".into(), 1)));
}

#[test]
fn figures_of_a_period() {
    let june_july = Period::new(date!(2026 - 06 - 01), date!(2026 - 07 - 31)).unwrap();
    let s = reception_stats(&sessions(), june_july);
    assert_eq!(s, ReceptionStats { sessions: 5, periodic: 4, ad_hoc: 1, head_days: 3, visitors: 24, complaints: 4 });
    let none = Period::new(date!(2020 - 01 - 01), date!(2020 - 01 - 31)).unwrap();
    assert_eq!(reception_stats(&sessions(), none), ReceptionStats::default());
}

#[test]
fn sessions_are_checked() {
    let today = date!(2026 - 07 - 20);
    let ok = session(today, Some(A), SessionKind::DinhKy, 2, &[]);
    assert_eq!(ok.clone().checked(today).unwrap().result, "");
    let with_result = Session { result: " Đã hướng dẫn nộp đơn ".into(), ..ok.clone() };
    assert_eq!(with_result.checked(today).unwrap().result, "Đã hướng dẫn nộp đơn");
    assert_eq!(
        Session { date: date!(2026 - 07 - 21), ..ok.clone() }.checked(today),
        Err(SessionError::InFuture(date!(2026 - 07 - 21)))
    );
    assert_eq!(Session { visitors: 0, ..ok.clone() }.checked(today), Err(SessionError::Visitors));
    assert_eq!(Session { visitors: VISITORS_MAX + 1, ..ok.clone() }.checked(today), Err(SessionError::Visitors));
    assert_eq!(Session { subject: "\u{202E}abc".into(), ..ok.clone() }.checked(today).unwrap().subject, "abc");
    assert!(matches!(Session { result: "a\u{0}b".into(), ..ok }.checked(today), Err(SessionError::Field(_))));
}

#[test]
fn session_kinds_round_trip_by_code() {
    for k in SessionKind::ALL {
        assert_eq!(SessionKind::parse(k.code()), Some(k));
    }
    assert_eq!(SessionKind::parse("dinhky"), None);
}
