//! The complaints figures every report gives (domain §2.2.1 family J, §6.4): letters received,
//! those within the agency's authority, those resolved, the rate, and those overdue, for a
//! period, as a pure function of the letters. One matter is counted once however many letters
//! it came in (§2.2.2): a repeat letter linked to an earlier one is left out.

use serde::{Deserialize, Serialize};
use time::Date;

use super::kinds::{ComplaintKind, Outcome};
use super::limits::LimitKind;
use super::register::{ComplaintRecord, Progress, StepKind, deadlines};
use crate::calendar::WorkingCalendar;
use crate::confidence::Confidence;
use crate::dates::Period;
use crate::deadlines::Limits;
use crate::percent::Percent;

/// How a withdrawal is counted: reports write "đã giải quyết … (trong đó rút đơn …)", but no
/// text was found that fixes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsRules {
    /// A withdrawal counts as resolved; if false it leaves the matters to resolve.
    pub withdrawal_resolves: bool,
    pub citation: String,
    pub confidence: Confidence,
}

impl Default for StatsRules {
    fn default() -> Self {
        StatsRules {
            withdrawal_resolves: true,
            citation: "TT 13/2021/TT-BTP Điều 10 khoản 1 (rút khiếu nại: đình chỉ việc giải quyết); cách đếm suy ra"
                .into(),
            confidence: Confidence::Inferred,
        }
    }
}

/// The figures of one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ComplaintStats {
    /// Matters received in the period (within authority or not).
    pub received: u64,
    /// Matters to resolve: within authority, received in the period or earlier and still open
    /// when it began.
    pub within_authority: u64,
    /// Of those, received before the period.
    pub carried_over: u64,
    /// Of those, resolved in the period (with withdrawals when they count as resolved).
    pub resolved: u64,
    /// Of those, withdrawn in the period.
    pub withdrawn: u64,
    /// `resolved / within_authority`, two decimals half up; `None` when nothing was to resolve.
    pub resolved_rate: Option<Percent>,
    /// Of those, still open at the end of the period and past their last day to resolve.
    pub overdue: u64,
}

/// The figures of `records` for `period`, counted as at the end of the period or `today`,
/// whichever comes first; `kind` keeps complaints or denunciations only.
pub fn complaint_stats(
    records: &[ComplaintRecord],
    period: Period,
    today: Date,
    kind: Option<ComplaintKind>,
    limits: &Limits<LimitKind>,
    calendar: &WorkingCalendar,
    rules: &StatsRules,
) -> ComplaintStats {
    let (from, until) = (period.from(), period.to().min(today));
    let mut s = ComplaintStats::default();
    let matters = records
        .iter()
        .filter(|r| r.facts.same_matter_as.is_none())
        .filter(|r| kind.is_none_or(|k| r.facts.matter.kind() == k))
        .filter(|r| r.facts.received_on <= until);
    for r in matters {
        let new = r.facts.received_on >= from;
        s.received += u64::from(new);
        let ended = r.progress.resolution.filter(|res| res.date <= until);
        if !r.facts.within_authority || ended.is_some_and(|res| res.date < from) {
            continue;
        }
        let withdrawn = ended.is_some_and(|res| res.outcome == Outcome::Rut);
        if withdrawn && !rules.withdrawal_resolves {
            continue;
        }
        s.within_authority += 1;
        s.carried_over += u64::from(!new);
        s.withdrawn += u64::from(withdrawn);
        s.resolved += u64::from(ended.is_some());
        s.overdue += u64::from(ended.is_none() && overdue(r, until, limits, calendar));
    }
    s.resolved_rate = Percent::ratio(i128::from(s.resolved), i128::from(s.within_authority));
    s
}

/// Open on `until` and past its last day to resolve, as the register stood that day.
fn overdue(record: &ComplaintRecord, until: Date, limits: &Limits<LimitKind>, calendar: &WorkingCalendar) -> bool {
    let progress = Progress {
        accepted_on: record.progress.accepted_on.filter(|d| *d <= until),
        referred_on: None,
        extension_days: record.progress.extension_days,
        resolution: None,
    };
    deadlines(&record.facts, &progress, until, limits, calendar)
        .iter()
        .any(|d| d.step == StepKind::Resolution && d.overdue)
}
