//! The public list of debtors without means (công khai thông tin về người phải thi hành án
//! chưa có điều kiện thi hành, domain §3.6): a case is on it from the day its publication is
//! due after the decision that began its current spell without means, and leaves it the day
//! that spell ends (resumed, completed, terminated, withdrawn, moved…). The law gives the agency
//! days to publish and to remove; THADS computes the list from the histories, so it removes at
//! once and publishes on the last day the law allows: the delay is data with its citation.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::calendar::WorkingCalendar;
use crate::confidence::Confidence;
use crate::deadlines::{Length, LimitSpec, Limits};
use crate::lifecycle::Step;
use crate::state::CaseState;

/// The limits of publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicationLimit {
    /// From the decision on lack of means to its publication.
    Publish,
    /// From the end of the spell (termination, completion, resumption…) to the removal; THADS
    /// removes at once, the limit says how late the law would allow.
    Remove,
}

/// The built-in limits: 5 working days to publish under both regimes (TT 04/2023/TT-BTP Đ4–9,
/// NĐ 152/2026 Đ23); removal 2 working days (old), 3 (new).
pub fn default_publication_limits() -> Limits<PublicationLimit> {
    use Confidence::*;
    let spec = |id, kind, name_vi, length, citation, confidence, note| LimitSpec {
        id,
        kind,
        name_vi,
        length,
        citation,
        confidence,
        note,
    };
    let publish_note = "Luật cho cơ quan THA tối đa 5 ngày làm việc để công khai; THADS đưa lên danh sách vào ngày \
         cuối của thời hạn đó (suy luận) / the law gives the agency up to 5 working days to publish; THADS lists \
         the debtor on the last day of it (inferred)";
    let old = [
        spec(
            "publication.publish",
            PublicationLimit::Publish,
            "Công khai thông tin người chưa có điều kiện thi hành",
            Length::working_days(5),
            "TT 04/2023/TT-BTP Điều 4–9",
            Inferred,
            publish_note,
        ),
        spec(
            "publication.remove",
            PublicationLimit::Remove,
            "Gỡ thông tin khỏi danh sách công khai",
            Length::working_days(2),
            "TT 04/2023/TT-BTP Điều 4–9",
            Confirmed,
            "THADS gỡ ngay khi việc rời trạng thái / THADS removes at once",
        ),
    ];
    let new = [
        spec(
            "publication.publish",
            PublicationLimit::Publish,
            "Công khai thông tin người chưa có điều kiện thi hành",
            Length::working_days(5),
            "NĐ 152/2026/NĐ-CP Điều 23",
            Inferred,
            publish_note,
        ),
        spec(
            "publication.remove",
            PublicationLimit::Remove,
            "Gỡ thông tin khỏi danh sách công khai",
            Length::working_days(3),
            "NĐ 152/2026/NĐ-CP Điều 23",
            Confirmed,
            "THADS gỡ ngay khi việc rời trạng thái / THADS removes at once",
        ),
    ];
    let new_law_from = crate::rules::LifecycleRules::default().new_law_from;
    Limits::from_specs(new_law_from, &[], &old, &new)
}

/// The day a decision on lack of means of `decided_on` puts the debtor on the public list.
pub fn listed_on(decided_on: Date, limits: &Limits<PublicationLimit>, calendar: &WorkingCalendar) -> Date {
    limits.from(PublicationLimit::Publish, decided_on, calendar).map_or(decided_on, |due| due.due)
}

/// One spell of a case without means and when it was (or will be) on the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListedSpell {
    /// The decision on lack of means that began the spell.
    pub decided_on: Date,
    /// The first day on the public list.
    pub listed_on: Date,
    /// The day the spell ended (the case resumed or closed): off the list from that day.
    pub ended_on: Option<Date>,
}

impl ListedSpell {
    /// On the list on `day`.
    pub fn listed_at(&self, day: Date) -> bool {
        self.listed_on <= day && self.ended_on.is_none_or(|end| day < end)
    }
}

/// The spells without means of a replayed history, oldest first. A re-verification still
/// without means continues the spell it falls in; a spell ended before its publication day was
/// never on the list but is still given (the agency's history shows it).
pub fn spells(steps: &[Step], limits: &Limits<PublicationLimit>, calendar: &WorkingCalendar) -> Vec<ListedSpell> {
    let mut out: Vec<ListedSpell> = Vec::new();
    let mut open: Option<ListedSpell> = None;
    for step in steps {
        let without = matches!(step.after.state, CaseState::WithoutMeans);
        match (&mut open, without) {
            (None, true) => {
                open = Some(ListedSpell {
                    decided_on: step.date,
                    listed_on: listed_on(step.date, limits, calendar),
                    ended_on: None,
                });
            }
            (Some(spell), false) => {
                spell.ended_on = Some(step.date);
                out.extend(open.take());
            }
            _ => {}
        }
    }
    out.extend(open);
    out
}
