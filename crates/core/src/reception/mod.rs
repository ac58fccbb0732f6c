//! Citizen reception (tiếp công dân; domain §6.4): the sessions held, the heads' duty to
//! receive citizens in person at least one day a month as data by regime, the check of which
//! heads missed a month, and the figures of a period.
//!
//! The duty is Luật Tiếp công dân 2013 Điều 18 khoản 2 (heads of the agencies of Điều 4 khoản
//! 1, which names "tổng cục … cục": the national body and the former provincial Cục); it is
//! detailed by NĐ 64/2014 Điều 4 khoản 2 to 30/06/2026 and, for public service units, by NĐ
//! 154/2026 Điều 10 khoản 2 from 01/07/2026, all with the same one day a month. That it binds
//! every head of the one-level agencies and their regional sections is inferred.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::complaints::ComplaintId;
use crate::confidence::Confidence;
use crate::dates::{MonthKey, Period, format_vn};
use crate::deadlines::Regime;
use crate::field::{self, FieldError};
use crate::rules::LifecycleRules;
use crate::staff::StaffId;
use crate::unit::UnitId;

/// More visitors than this in one session is a typing slip.
pub const VISITORS_MAX: u32 = 10_000;

/// Database identity of a reception session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SessionId(pub i64);

/// Periodic (định kỳ) or ad hoc (đột xuất, Điều 18 khoản 3: a pressing or mass matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    DinhKy,
    DotXuat,
}

impl SessionKind {
    pub const ALL: [SessionKind; 2] = [SessionKind::DinhKy, SessionKind::DotXuat];

    pub fn code(self) -> &'static str {
        match self {
            SessionKind::DinhKy => "dinh_ky",
            SessionKind::DotXuat => "dot_xuat",
        }
    }

    pub fn parse(text: &str) -> Option<SessionKind> {
        Self::ALL.into_iter().find(|k| k.code() == text.trim())
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            SessionKind::DinhKy => "Định kỳ",
            SessionKind::DotXuat => "Đột xuất",
        }
    }
}

/// One reception session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub unit: UnitId,
    pub date: Date,
    /// The head who received in person; `None` when the reception staff did.
    pub head: Option<StaffId>,
    pub kind: SessionKind,
    pub visitors: u32,
    /// What the citizens came about.
    pub subject: String,
    /// The answer given or the direction taken; may be empty.
    pub result: String,
    /// Letters registered from it.
    pub complaints: Vec<ComplaintId>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Field(#[from] FieldError),
    #[error("ngày {} sau ngày hôm nay / dated in the future", format_vn(*.0))]
    InFuture(Date),
    #[error("số lượt công dân phải từ 1 đến {VISITORS_MAX} / visitors must be 1 to {VISITORS_MAX}")]
    Visitors,
}

impl Session {
    /// The session with its texts normalised and bounded.
    pub fn checked(mut self, today: Date) -> Result<Session, SessionError> {
        if self.date > today {
            return Err(SessionError::InFuture(self.date));
        }
        if self.visitors == 0 || self.visitors > VISITORS_MAX {
            return Err(SessionError::Visitors);
        }
        self.subject = field::SUBJECT.clean_required(&self.subject)?;
        self.result = field::RESULT.clean(&self.result)?;
        Ok(self)
    }
}

/// A head's time in office at a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadTerm {
    pub staff: StaffId,
    pub unit: UnitId,
    pub from: Date,
    pub to: Option<Date>,
}

/// The reception duty under one regime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceptionRule {
    pub regime: Regime,
    pub days_per_month: u8,
    /// Whether ad-hoc sessions count towards the monthly days (the law adds them to the
    /// periodic ones).
    pub ad_hoc_counts: bool,
    /// Whether a month the head held office only in part is required.
    pub partial_months: bool,
    pub citation: String,
    pub confidence: Confidence,
}

/// Both regimes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceptionRules {
    pub new_law_from: Date,
    pub old: ReceptionRule,
    pub new: ReceptionRule,
}

impl ReceptionRules {
    /// The rule of a month: the regime of its first day.
    pub fn of(&self, month: MonthKey) -> &ReceptionRule {
        match Regime::on(month.first_day(), self.new_law_from) {
            Regime::Old => &self.old,
            Regime::New => &self.new,
        }
    }
}

impl Default for ReceptionRules {
    fn default() -> Self {
        let rule = |regime, citation: &str| ReceptionRule {
            regime,
            days_per_month: 1,
            ad_hoc_counts: false,
            partial_months: false,
            citation: citation.to_string(),
            confidence: Confidence::Inferred,
        };
        ReceptionRules {
            new_law_from: LifecycleRules::default().new_law_from,
            old: rule(
                Regime::Old,
                "Luật Tiếp công dân 2013 Điều 18 khoản 2, Điều 4 khoản 1 điểm b; NĐ 64/2014/NĐ-CP Điều 4 khoản 2",
            ),
            new: rule(
                Regime::New,
                "Luật Tiếp công dân 2013 Điều 18 khoản 2, Điều 4 khoản 1 điểm b; NĐ 154/2026/NĐ-CP Điều 10 khoản 2",
            ),
        }
    }
}

/// A month a head held fewer reception days than the rule requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissedMonth {
    pub staff: StaffId,
    pub unit: UnitId,
    pub month: MonthKey,
    pub days_held: u32,
    pub required: u8,
    pub citation: String,
    pub confidence: Confidence,
}

/// Every month from `from` to `to` (both included) in which a head in office fell short.
pub fn missed_months(
    terms: &[HeadTerm],
    sessions: &[Session],
    from: MonthKey,
    to: MonthKey,
    rules: &ReceptionRules,
) -> Vec<MissedMonth> {
    let mut out = Vec::new();
    for term in terms {
        let mut month = from;
        while month <= to {
            let rule = rules.of(month);
            if required(term, month, rule) {
                let held = days_held(term, sessions, month, rule);
                if held < u32::from(rule.days_per_month) {
                    out.push(MissedMonth {
                        staff: term.staff,
                        unit: term.unit,
                        month,
                        days_held: held,
                        required: rule.days_per_month,
                        citation: rule.citation.clone(),
                        confidence: rule.confidence,
                    });
                }
            }
            month = month.next();
        }
    }
    out
}

/// Whether the head was in office that month as the rule counts it.
fn required(term: &HeadTerm, month: MonthKey, rule: &ReceptionRule) -> bool {
    let (first, last) = (month.first_day(), month.last_day());
    let ends_after = |day: Date| term.to.is_none_or(|to| to >= day);
    if rule.partial_months { term.from <= last && ends_after(first) } else { term.from <= first && ends_after(last) }
}

/// Distinct days the head received citizens at the term's unit that month.
fn days_held(term: &HeadTerm, sessions: &[Session], month: MonthKey, rule: &ReceptionRule) -> u32 {
    let days: BTreeSet<Date> = sessions
        .iter()
        .filter(|s| s.head == Some(term.staff) && s.unit == term.unit && MonthKey::of(s.date) == month)
        .filter(|s| rule.ad_hoc_counts || s.kind == SessionKind::DinhKy)
        .map(|s| s.date)
        .collect();
    u32::try_from(days.len()).unwrap_or(u32::MAX)
}

/// The figures of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ReceptionStats {
    pub sessions: u64,
    pub periodic: u64,
    pub ad_hoc: u64,
    /// Distinct (head, day) pairs: the days heads received in person.
    pub head_days: u64,
    pub visitors: u64,
    /// Letters registered from the sessions.
    pub complaints: u64,
}

pub fn reception_stats(sessions: &[Session], period: Period) -> ReceptionStats {
    let mut s = ReceptionStats::default();
    let mut head_days = BTreeSet::new();
    for session in sessions.iter().filter(|x| period.contains(x.date)) {
        s.sessions += 1;
        match session.kind {
            SessionKind::DinhKy => s.periodic += 1,
            SessionKind::DotXuat => s.ad_hoc += 1,
        }
        if let Some(head) = session.head {
            head_days.insert((head, session.date));
        }
        s.visitors += u64::from(session.visitors);
        s.complaints += u64::try_from(session.complaints.len()).unwrap_or(u64::MAX);
    }
    s.head_days = u64::try_from(head_days.len()).unwrap_or(u64::MAX);
    s
}

#[cfg(test)]
mod tests;
