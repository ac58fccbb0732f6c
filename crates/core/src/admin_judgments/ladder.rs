//! What is due on a monitored judgment on a day, by whom, and the escalation ladder for a body
//! that does not comply: notice of the voluntary period → the body's report → a request for
//! information → (once the court compels) a working session, publication and the superior's
//! directive → a report to the superior → proposals to handle responsibility, each answered
//! within five working days or escalated again. Also the table of late bodies.

use serde::Serialize;
use time::Date;

use super::limits::MonitorLimit;
use super::model::{Actor, AdminJudgment, AdminJudgmentId, Step, StepRecord};
use crate::calendar::WorkingCalendar;
use crate::deadlines::{Due, Limit, Limits};
use crate::text::fold;

/// A stored judgment with its steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Monitored {
    pub id: AdminJudgmentId,
    pub judgment: AdminJudgment,
    pub steps: Vec<StepRecord>,
}

/// A step that is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonitorDeadline<'l> {
    pub step: Step,
    pub actor: Actor,
    pub started_on: Date,
    pub due: Date,
    pub overdue: bool,
    pub limit: &'l Limit<MonitorLimit>,
}

/// The last day of the body's voluntary period (Luật TTHC 2015 Điều 311 khoản 2), counted from
/// the day it received the judgment (assumed to be the agency's receipt when not recorded).
pub fn voluntary_end(judgment: &AdminJudgment, limits: &Limits<MonitorLimit>, calendar: &WorkingCalendar) -> Date {
    let start = judgment.body_received_on.unwrap_or(judgment.received_on);
    let kind =
        if judgment.point.immediate() { MonitorLimit::VoluntaryPeriodImmediate } else { MonitorLimit::VoluntaryPeriod };
    limits.from(kind, start, calendar).map_or(start, |d| d.due)
}

/// The steps recorded on or before a day.
struct Done<'a> {
    steps: &'a [StepRecord],
    on: Date,
}

impl Done<'_> {
    /// The latest date `step` was recorded, on or after `since`.
    fn last_since(&self, step: Step, since: Date) -> Option<Date> {
        self.steps.iter().filter(|r| r.step == step && r.date >= since && r.date <= self.on).map(|r| r.date).max()
    }

    fn last(&self, step: Step) -> Option<Date> {
        self.last_since(step, Date::MIN)
    }
}

/// Collects the deadlines of one judgment.
struct Scan<'l, 'c> {
    limits: &'l Limits<MonitorLimit>,
    calendar: &'c WorkingCalendar,
    on: Date,
    out: Vec<MonitorDeadline<'l>>,
}

impl<'l> Scan<'l, '_> {
    /// Adds `step` due by `kind` from `start`; returns its due date.
    fn push(&mut self, step: Step, actor: Actor, kind: MonitorLimit, start: Date) -> Option<Date> {
        let Due { started_on, due, limit } = self.limits.from(kind, start, self.calendar)?;
        self.out.push(MonitorDeadline { step, actor, started_on, due, overdue: due < self.on, limit });
        Some(due)
    }

    /// Adds a reminder for the agency once `missed` (a due date) has passed.
    fn escalate(&mut self, step: Step, kind: MonitorLimit, missed: Option<Date>) {
        if let Some(missed) = missed.filter(|d| *d < self.on) {
            self.push(step, Actor::Agency, kind, missed);
        }
    }
}

/// What is due on `on`, from the judgment and its steps recorded by then.
pub fn deadlines<'l>(
    monitored: &Monitored,
    on: Date,
    limits: &'l Limits<MonitorLimit>,
    calendar: &WorkingCalendar,
) -> Vec<MonitorDeadline<'l>> {
    let j = &monitored.judgment;
    let done = Done { steps: &monitored.steps, on };
    let mut scan = Scan { limits, calendar, on, out: Vec::new() };
    if on < j.received_on {
        return scan.out;
    }
    if let Some(completed) = done.last(Step::Completed) {
        if done.last(Step::Publication).is_some() && done.last(Step::Unpublished).is_none() {
            scan.push(Step::Unpublished, Actor::Agency, MonitorLimit::Unpublish, completed);
        }
        return scan.out;
    }
    if done.last(Step::VoluntaryNotice).is_none() {
        let kind =
            if j.point.immediate() { MonitorLimit::VoluntaryNoticeImmediate } else { MonitorLimit::VoluntaryNotice };
        scan.push(Step::VoluntaryNotice, Actor::Agency, kind, j.received_on);
    }
    let end = voluntary_end(j, limits, calendar);
    if done.last(Step::BodyReport).is_none() {
        let report_due = scan.push(Step::BodyReport, Actor::Body, MonitorLimit::BodyReport, end);
        if done.last(Step::InformationRequest).is_none() {
            scan.escalate(Step::InformationRequest, MonitorLimit::InformationRequestReminder, report_due);
        }
    }
    let compelled = done.last(Step::CompulsionDecision);
    match compelled {
        None if on > end => {
            scan.push(Step::CompulsionDecision, Actor::Creditor, MonitorLimit::CompulsionRequest, end);
        }
        None => {}
        Some(c) => compelled_steps(&mut scan, &done, c),
    }
    if on > end {
        proposals(&mut scan, &done);
    }
    scan.out
}

/// After the court compels execution on `c`.
fn compelled_steps(scan: &mut Scan<'_, '_>, done: &Done<'_>, c: Date) {
    if done.last_since(Step::WorkingSession, c).is_none() {
        scan.push(Step::WorkingSession, Actor::Agency, MonitorLimit::WorkingSession, c);
    }
    if done.last_since(Step::Publication, c).is_none() {
        scan.push(Step::Publication, Actor::Agency, MonitorLimit::Publication, c);
    }
    if done.last_since(Step::SuperiorDirective, c).is_none() {
        let due = scan.push(Step::SuperiorDirective, Actor::Superior, MonitorLimit::SuperiorDirective, c);
        if done.last_since(Step::ReportToSuperior, c).is_none() {
            scan.escalate(Step::ReportToSuperior, MonitorLimit::ReportReminder, due);
        }
    }
}

/// Proposals to handle responsibility: the first after the agency's last request went
/// unheeded, then an answer within five working days, then the next one up.
fn proposals(scan: &mut Scan<'_, '_>, done: &Done<'_>) {
    match done.last(Step::ResponsibilityProposal) {
        Some(p) => match done.last_since(Step::ProposalReply, p) {
            None => {
                let due = scan.push(Step::ProposalReply, Actor::Superior, MonitorLimit::ProposalReply, p);
                scan.escalate(Step::ResponsibilityProposal, MonitorLimit::ProposalReminder, due);
            }
            Some(reply) => {
                scan.push(Step::ResponsibilityProposal, Actor::Agency, MonitorLimit::ProposalReminder, reply);
            }
        },
        None => {
            let asked = [Step::InformationRequest, Step::WorkingSession, Step::ReportToSuperior]
                .into_iter()
                .filter_map(|s| done.last(s))
                .max();
            if let Some(asked) = asked {
                scan.push(Step::ResponsibilityProposal, Actor::Agency, MonitorLimit::ProposalReminder, asked);
            }
        }
    }
}

/// The agency's next step: its earliest due one.
pub fn next_step<'l>(
    monitored: &Monitored,
    on: Date,
    limits: &'l Limits<MonitorLimit>,
    calendar: &WorkingCalendar,
) -> Option<MonitorDeadline<'l>> {
    deadlines(monitored, on, limits, calendar).into_iter().filter(|d| d.actor == Actor::Agency).min_by_key(|d| d.due)
}

/// The first day the body is late (chậm thi hành án, NĐ 71/2016 Điều 3 khoản 6): the day after
/// its voluntary period, unless it complied by `on`.
pub fn late_since(
    monitored: &Monitored,
    on: Date,
    limits: &Limits<MonitorLimit>,
    calendar: &WorkingCalendar,
) -> Option<Date> {
    let done = Done { steps: &monitored.steps, on };
    if done.last(Step::Completed).is_some() {
        return None;
    }
    voluntary_end(&monitored.judgment, limits, calendar).next_day().filter(|late| *late <= on)
}

/// One row of the table of late bodies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LateBody {
    /// The body's name as first entered.
    pub body: String,
    pub late: u32,
    pub late_since: Date,
    /// Days since the oldest judgment became late.
    pub age_days: i64,
}

/// The bodies with judgments they are late on, most late judgments first, then the oldest.
/// Names are grouped without case or diacritics.
pub fn late_bodies(
    judgments: &[Monitored],
    on: Date,
    limits: &Limits<MonitorLimit>,
    calendar: &WorkingCalendar,
) -> Vec<LateBody> {
    let mut rows: Vec<(String, LateBody)> = Vec::new();
    for m in judgments {
        let Some(since) = late_since(m, on, limits, calendar) else { continue };
        let key = fold(&m.judgment.body);
        match rows.iter_mut().find(|(k, _)| *k == key) {
            Some((_, row)) => {
                row.late += 1;
                row.late_since = row.late_since.min(since);
            }
            None => {
                let row = LateBody { body: m.judgment.body.clone(), late: 1, late_since: since, age_days: 0 };
                rows.push((key, row));
            }
        }
    }
    let mut out: Vec<LateBody> = rows.into_iter().map(|(_, r)| r).collect();
    for row in &mut out {
        row.age_days = (on - row.late_since).whole_days();
    }
    out.sort_by(|a, b| b.late.cmp(&a.late).then(b.age_days.cmp(&a.age_days)).then(a.body.cmp(&b.body)));
    out
}
