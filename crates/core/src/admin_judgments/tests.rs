//! Every time limit of monitoring on both sides of 01/07/2026, one judgment walked up the
//! escalation ladder day by day, the checks of a step, the late-bodies table and the figures.
//! The judgment is received on Wednesday 10/06/2026 (point b: 30 days to comply, to Friday
//! 10/07/2026); June–August 2026 has no days off but weekends.

use time::Date;
use time::macros::date;

use super::*;
use crate::calendar::{Announcements, WorkingCalendar};
use crate::confidence::Confidence;
use crate::dates::Period;
use crate::deadlines::Regime;
use crate::unit::UnitId;

fn calendar() -> WorkingCalendar {
    WorkingCalendar::vietnam(Announcements::none()).unwrap()
}

fn judgment(point: Point, body: &str, received_on: Date) -> AdminJudgment {
    AdminJudgment {
        unit: UnitId(2),
        court: "Tòa án nhân dân khu vực 1 – Bắc Ninh".into(),
        judgment_no: "15/2026/HC-ST".into(),
        judgment_on: date!(2026 - 04 - 20),
        received_on,
        body: body.into(),
        body_level: BodyLevel::Local,
        obligation: "Hủy quyết định thu hồi đất số 112/QĐ-UBND".into(),
        point,
        body_received_on: None,
    }
}

fn monitored(steps: &[(Date, Step)]) -> Monitored {
    Monitored {
        id: AdminJudgmentId(1),
        judgment: judgment(Point::B, "UBND xã Tân Yên", date!(2026 - 06 - 10)),
        steps: steps.iter().map(|&(date, step)| StepRecord { date, step }).collect(),
    }
}

#[test]
fn every_monitoring_limit_on_both_sides_of_the_new_law() {
    use MonitorLimit::*;
    let (limits, cal) = (monitor_limits(), calendar());
    // (limit, start, last day, id, confidence)
    let rows = [
        (
            VoluntaryNotice,
            date!(2026 - 06 - 10),
            date!(2026 - 06 - 17),
            "old.thahc.voluntary_notice",
            Confidence::Confirmed,
        ),
        (
            VoluntaryNotice,
            date!(2026 - 07 - 08),
            date!(2026 - 07 - 15),
            "new.thahc.voluntary_notice",
            Confidence::Inferred,
        ),
        (
            VoluntaryNoticeImmediate,
            date!(2026 - 06 - 10),
            date!(2026 - 06 - 10),
            "old.thahc.voluntary_notice_immediate",
            Confidence::Confirmed,
        ),
        (
            VoluntaryNoticeImmediate,
            date!(2026 - 06 - 13),
            date!(2026 - 06 - 15),
            "old.thahc.voluntary_notice_immediate",
            Confidence::Confirmed,
        ),
        (
            VoluntaryPeriod,
            date!(2026 - 06 - 10),
            date!(2026 - 07 - 10),
            "old.thahc.voluntary_period",
            Confidence::Confirmed,
        ),
        (
            VoluntaryPeriod,
            date!(2026 - 06 - 30),
            date!(2026 - 07 - 30),
            "old.thahc.voluntary_period",
            Confidence::Confirmed,
        ),
        (
            VoluntaryPeriod,
            date!(2026 - 07 - 01),
            date!(2026 - 07 - 31),
            "new.thahc.voluntary_period",
            Confidence::Inferred,
        ),
        (
            VoluntaryPeriodImmediate,
            date!(2026 - 06 - 10),
            date!(2026 - 06 - 10),
            "old.thahc.voluntary_period_immediate",
            Confidence::Confirmed,
        ),
        (BodyReport, date!(2026 - 07 - 10), date!(2026 - 07 - 15), "new.thahc.body_report", Confidence::Inferred),
        (BodyReport, date!(2026 - 06 - 26), date!(2026 - 07 - 01), "old.thahc.body_report", Confidence::Confirmed),
        // 12 months end on Saturday 10/07/2027.
        (
            CompulsionRequest,
            date!(2026 - 07 - 10),
            date!(2027 - 07 - 12),
            "new.thahc.compulsion_request",
            Confidence::Inferred,
        ),
        (
            WorkingSession,
            date!(2026 - 06 - 12),
            date!(2026 - 06 - 17),
            "old.thahc.working_session",
            Confidence::Confirmed,
        ),
        (Publication, date!(2026 - 06 - 12), date!(2026 - 06 - 19), "old.thahc.publication", Confidence::Confirmed),
        (
            SuperiorDirective,
            date!(2026 - 06 - 12),
            date!(2026 - 06 - 17),
            "old.thahc.superior_directive",
            Confidence::Confirmed,
        ),
        (
            ProposalReply,
            date!(2026 - 06 - 12),
            date!(2026 - 06 - 19),
            "old.thahc.proposal_reply",
            Confidence::Confirmed,
        ),
        (Unpublish, date!(2026 - 06 - 12), date!(2026 - 06 - 16), "old.thahc.unpublish", Confidence::Confirmed),
        (
            InformationRequestReminder,
            date!(2026 - 06 - 12),
            date!(2026 - 06 - 19),
            "old.thahc.information_request",
            Confidence::Unconfirmed,
        ),
        (
            ReportReminder,
            date!(2026 - 07 - 03),
            date!(2026 - 07 - 10),
            "new.thahc.report_to_superior",
            Confidence::Unconfirmed,
        ),
        (
            ProposalReminder,
            date!(2026 - 06 - 10),
            date!(2026 - 06 - 25),
            "old.thahc.responsibility_proposal",
            Confidence::Unconfirmed,
        ),
    ];
    for (kind, start, last, id, confidence) in rows {
        let due = limits.from(kind, start, &cal).unwrap();
        assert_eq!((due.due, due.limit.id.as_str(), due.limit.confidence), (last, id, confidence), "{kind:?} {start}");
        assert!(!due.limit.citation.is_empty());
    }
    assert_eq!(limits.rows().len(), 28);
    assert!(limits.rows().iter().all(|r| !r.must_verify));
    assert_eq!(limits.get(VoluntaryPeriod, Regime::New).unwrap().length, crate::deadlines::Length::days(30));
}

/// (step, actor, due, overdue) of the deadlines on `on`.
fn due(m: &Monitored, on: Date) -> Vec<(Step, Actor, Date, bool)> {
    let (limits, cal) = (monitor_limits(), calendar());
    let mut out: Vec<_> =
        deadlines(m, on, &limits, &cal).into_iter().map(|d| (d.step, d.actor, d.due, d.overdue)).collect();
    out.sort_by_key(|d| (d.2, d.0.code()));
    out
}

fn next(m: &Monitored, on: Date) -> Option<(Step, Date)> {
    next_step(m, on, &monitor_limits(), &calendar()).map(|d| (d.step, d.due))
}

#[test]
fn a_body_that_does_not_comply_goes_up_the_ladder() {
    use Actor::*;
    use Step::*;
    let mut steps = vec![];
    let m = monitored(&steps);
    assert_eq!(
        due(&m, date!(2026 - 06 - 10)),
        vec![(VoluntaryNotice, Agency, date!(2026 - 06 - 17), false), (BodyReport, Body, date!(2026 - 07 - 15), false)]
    );
    assert_eq!(next(&m, date!(2026 - 06 - 18)), Some((VoluntaryNotice, date!(2026 - 06 - 17))));
    assert!(due(&m, date!(2026 - 06 - 18))[0].3);
    steps.push((date!(2026 - 06 - 12), VoluntaryNotice));
    // The period ends 10/07; the body is late from 11/07 and the creditor may ask the court to
    // compel for a year.
    let m = monitored(&steps);
    let (limits, cal) = (monitor_limits(), calendar());
    assert_eq!(late_since(&m, date!(2026 - 07 - 10), &limits, &cal), None);
    assert_eq!(late_since(&m, date!(2026 - 07 - 11), &limits, &cal), Some(date!(2026 - 07 - 11)));
    assert_eq!(
        due(&m, date!(2026 - 07 - 15)),
        vec![
            (BodyReport, Body, date!(2026 - 07 - 15), false),
            (CompulsionDecision, Creditor, date!(2027 - 07 - 12), false)
        ]
    );
    // The body's report is overdue: ask for information within five working days.
    assert_eq!(next(&m, date!(2026 - 07 - 16)), Some((InformationRequest, date!(2026 - 07 - 22))));
    steps.push((date!(2026 - 07 - 20), InformationRequest));
    let m = monitored(&steps);
    assert_eq!(next(&m, date!(2026 - 07 - 21)), Some((ResponsibilityProposal, date!(2026 - 08 - 04))));
    // The court compels on Monday 03/08.
    steps.push((date!(2026 - 08 - 03), CompulsionDecision));
    let m = monitored(&steps);
    assert_eq!(
        due(&m, date!(2026 - 08 - 03)),
        vec![
            (BodyReport, Body, date!(2026 - 07 - 15), true),
            (ResponsibilityProposal, Agency, date!(2026 - 08 - 04), false),
            (SuperiorDirective, Superior, date!(2026 - 08 - 06), false),
            (WorkingSession, Agency, date!(2026 - 08 - 06), false),
            (Publication, Agency, date!(2026 - 08 - 10), false),
        ]
    );
    steps.extend([
        (date!(2026 - 08 - 05), WorkingSession),
        (date!(2026 - 08 - 06), Publication),
        (date!(2026 - 08 - 06), ResponsibilityProposal),
    ]);
    let m = monitored(&steps);
    // No directive from the superior by 06/08: report to it; the proposal is to be answered by 13/08.
    assert_eq!(
        due(&m, date!(2026 - 08 - 07)),
        vec![
            (BodyReport, Body, date!(2026 - 07 - 15), true),
            (SuperiorDirective, Superior, date!(2026 - 08 - 06), true),
            (ProposalReply, Superior, date!(2026 - 08 - 13), false),
            (ReportToSuperior, Agency, date!(2026 - 08 - 13), false),
        ]
    );
    // No answer by 13/08: the next proposal, one level up, within 15 days.
    assert!(due(&m, date!(2026 - 08 - 14)).contains(&(ResponsibilityProposal, Agency, date!(2026 - 08 - 28), false)));
    let answered = monitored(&[steps.as_slice(), &[(date!(2026 - 08 - 12), ProposalReply)]].concat());
    assert!(due(&answered, date!(2026 - 08 - 14)).contains(&(
        ResponsibilityProposal,
        Agency,
        date!(2026 - 08 - 27),
        false
    )));
    // Completed on 20/08: only ending the publication remains (two working days).
    steps.push((date!(2026 - 08 - 20), Completed));
    let m = monitored(&steps);
    assert_eq!(due(&m, date!(2026 - 08 - 21)), vec![(Unpublished, Agency, date!(2026 - 08 - 24), false)]);
    assert_eq!(late_since(&m, date!(2026 - 08 - 21), &limits, &cal), None);
    steps.push((date!(2026 - 08 - 21), Unpublished));
    assert!(due(&monitored(&steps), date!(2026 - 08 - 21)).is_empty());
}

#[test]
fn immediate_points_have_no_voluntary_period() {
    let mut m = monitored(&[]);
    m.judgment.point = Point::G;
    let (limits, cal) = (monitor_limits(), calendar());
    assert_eq!(voluntary_end(&m.judgment, &limits, &cal), date!(2026 - 06 - 10));
    assert_eq!(
        due(&m, date!(2026 - 06 - 10)),
        vec![
            (Step::VoluntaryNotice, Actor::Agency, date!(2026 - 06 - 10), false),
            (Step::BodyReport, Actor::Body, date!(2026 - 06 - 15), false)
        ]
    );
    // The body's own receipt, when recorded, starts the 30 days.
    let mut late = monitored(&[]);
    late.judgment.body_received_on = Some(date!(2026 - 06 - 15));
    assert_eq!(voluntary_end(&late.judgment, &limits, &cal), date!(2026 - 07 - 15));
}

#[test]
fn steps_are_checked() {
    let today = date!(2026 - 08 - 20);
    let j = judgment(Point::B, "UBND xã Tân Yên", date!(2026 - 06 - 10));
    let end = date!(2026 - 07 - 10);
    let rec = |date, step| StepRecord { date, step };
    assert_eq!(
        check_step(&j, &[], Step::VoluntaryNotice, date!(2026 - 06 - 09), today, end),
        Err(MonitorError::BeforeReceipt(date!(2026 - 06 - 09)))
    );
    assert_eq!(
        check_step(&j, &[], Step::VoluntaryNotice, date!(2026 - 08 - 21), today, end),
        Err(MonitorError::InFuture(date!(2026 - 08 - 21)))
    );
    assert_eq!(
        check_step(&j, &[], Step::CompulsionDecision, end, today, end),
        Err(MonitorError::BeforeVoluntaryEnd(end))
    );
    assert!(check_step(&j, &[], Step::CompulsionDecision, date!(2026 - 07 - 11), today, end).is_ok());
    assert_eq!(check_step(&j, &[], Step::ProposalReply, today, today, end), Err(MonitorError::NoProposal));
    let done = [rec(date!(2026 - 08 - 01), Step::Completed)];
    assert_eq!(check_step(&j, &done, Step::WorkingSession, today, today, end), Err(MonitorError::AfterCompletion));
    assert_eq!(check_step(&j, &done, Step::Unpublished, today, today, end), Err(MonitorError::NothingToUnpublish));
    let published = [rec(date!(2026 - 07 - 20), Step::Publication), rec(date!(2026 - 08 - 01), Step::Completed)];
    assert!(check_step(&j, &published, Step::Unpublished, today, today, end).is_ok());
    // The judgment itself.
    assert!(j.clone().checked(today).is_ok());
    let hidden = AdminJudgment { body: "UBND\u{200D} xã".into(), ..j.clone() };
    assert_eq!(hidden.checked(today).unwrap().body, "UBND xã");
    let bad = AdminJudgment { judgment_no: "12/2026/HC\u{200D}-ST".into(), ..j.clone() };
    assert!(matches!(bad.checked(today), Err(MonitorError::Field(_))));
    let early = AdminJudgment { received_on: date!(2026 - 04 - 19), ..j.clone() };
    assert_eq!(early.checked(today), Err(MonitorError::BeforeJudgment(date!(2026 - 04 - 19))));
    let future = AdminJudgment { body_received_on: Some(date!(2026 - 08 - 21)), ..j };
    assert_eq!(future.checked(today), Err(MonitorError::InFuture(date!(2026 - 08 - 21))));
}

fn item(id: i64, body: &str, received_on: Date, completed: Option<Date>) -> Monitored {
    Monitored {
        id: AdminJudgmentId(id),
        judgment: judgment(Point::B, body, received_on),
        steps: completed.map(|date| StepRecord { date, step: Step::Completed }).into_iter().collect(),
    }
}

#[test]
fn late_bodies_by_count_then_age() {
    let (limits, cal) = (monitor_limits(), calendar());
    let on = date!(2026 - 08 - 31);
    let list = [
        // UBND huyện A: two late (from 11/07 and 01/08), written two ways.
        item(1, "UBND huyện A", date!(2026 - 06 - 10), None),
        item(2, "ubnd huyen a", date!(2026 - 07 - 01), None),
        // Tỉnh B: one, late longer. Its 30 days end on 30/04, a holiday, followed by 01/05 and a
        // weekend: the last day is Monday 04/05, late from 05/05.
        item(3, "Ủy ban nhân dân tỉnh B", date!(2026 - 03 - 31), None),
        // Completed or still within its period: not late.
        item(4, "UBND xã C", date!(2026 - 03 - 31), Some(date!(2026 - 04 - 15))),
        item(5, "UBND xã D", date!(2026 - 08 - 10), None),
    ];
    let rows: Vec<_> =
        late_bodies(&list, on, &limits, &cal).into_iter().map(|r| (r.body, r.late, r.late_since, r.age_days)).collect();
    assert_eq!(
        rows,
        vec![
            ("UBND huyện A".to_string(), 2, date!(2026 - 07 - 11), 51),
            ("Ủy ban nhân dân tỉnh B".to_string(), 1, date!(2026 - 05 - 05), 118),
        ]
    );
}

#[test]
fn figures_as_published_tracked_completed_in_progress() {
    let list = [
        // Completed the year before: not tracked.
        item(1, "A", date!(2024 - 03 - 01), Some(date!(2024 - 09 - 30))),
        // Carried over and completed on the first day of the year.
        item(2, "B", date!(2024 - 03 - 01), Some(date!(2024 - 10 - 01))),
        item(3, "C", date!(2025 - 01 - 10), Some(date!(2025 - 09 - 30))),
        item(4, "D", date!(2025 - 02 - 10), None),
        // Completed after the year: still monitored at its end.
        item(5, "E", date!(2025 - 05 - 10), Some(date!(2025 - 10 - 01))),
        // Received after the year.
        item(6, "F", date!(2025 - 10 - 01), None),
    ];
    let year = Period::new(date!(2024 - 10 - 01), date!(2025 - 09 - 30)).unwrap();
    assert_eq!(monitor_stats(&list, year), MonitorStats { tracked: 4, completed: 2, in_progress: 2 });
    let empty = Period::new(date!(2020 - 01 - 01), date!(2020 - 12 - 31)).unwrap();
    assert_eq!(monitor_stats(&list, empty), MonitorStats::default());
}
