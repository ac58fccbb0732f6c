//! Monitoring of administrative-case judgments (theo dõi thi hành án hành chính; domain
//! §2.2.1 family K, §2.2.3 form 03/TKLN): the judgment and the body that must comply, the
//! monitoring steps and their time limits as data (Luật TTHC 2015 Điều 311–312, NĐ 71/2016),
//! the escalation ladder for a body that does not comply, the table of late bodies, and the
//! figures as published ("tracked, completed, still monitored").

mod ladder;
mod limits;
mod model;

pub use ladder::{LateBody, MonitorDeadline, Monitored, deadlines, late_bodies, late_since, next_step, voluntary_end};
pub use limits::{MonitorLimit, monitor_limits};
pub use model::{Actor, AdminJudgment, AdminJudgmentId, BodyLevel, MonitorError, Point, Step, StepRecord, check_step};

use serde::Serialize;

use crate::dates::Period;

/// The figures of one period: judgments monitored at some time in it, those completed in it,
/// and the rest still monitored at its end (`tracked = completed + in_progress`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct MonitorStats {
    pub tracked: u64,
    pub completed: u64,
    pub in_progress: u64,
}

pub fn monitor_stats(judgments: &[Monitored], period: Period) -> MonitorStats {
    let mut s = MonitorStats::default();
    for m in judgments.iter().filter(|m| m.judgment.received_on <= period.to()) {
        let completed = m.steps.iter().filter(|r| r.step == Step::Completed).map(|r| r.date).min();
        if completed.is_some_and(|d| d < period.from()) {
            continue;
        }
        s.tracked += 1;
        s.completed += u64::from(completed.is_some_and(|d| d <= period.to()));
    }
    s.in_progress = s.tracked - s.completed;
    s
}

#[cfg(test)]
mod tests;
