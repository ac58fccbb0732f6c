//! Dated events of a case: the decisions and acts of interchange §1, and the append-only
//! records that store them (a correction is a new record that supersedes an old one).

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::amount::Vnd;

/// Database identity of an event record; also its order among records of the same date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EventId(pub i64);

/// The decision or act an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventCode {
    /// Verification found means: đang thi hành.
    WithMeans,
    /// Quyết định về việc chưa có điều kiện thi hành án (or a re-verification still without).
    NoMeans,
    /// Hoãn thi hành án.
    Postponed,
    /// Tạm đình chỉ thi hành án.
    Suspended,
    /// Quyết định tiếp tục thi hành án.
    Resumed,
    /// Money collected (thu tiền).
    Collected,
    /// Giảm thi hành án (state-budget obligations).
    Reduced,
    /// Miễn thi hành án: ends the case as đình chỉ.
    Exempted,
    /// Đình chỉ thi hành án.
    Terminated,
    /// Thi hành xong.
    Completed,
    /// Ủy thác thi hành án (to another agency).
    DelegatedOut,
    /// Thu hồi / hủy quyết định thi hành án.
    Withdrawn,
    /// Chuyển sổ theo dõi riêng.
    SeparateRegister,
    /// Gửi lại yêu cầu thi hành án (from 01/07/2026).
    RequestReturned,
}

/// Whether an event carries an amount of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountRule {
    Required,
    /// Optional; when absent it means the whole remainder.
    Optional,
    Forbidden,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    #[error("mã sự kiện không hợp lệ / unknown event code «{0}»")]
    Code(String),
    #[error("{0}")]
    Ground(crate::field::FieldError),
}

impl EventCode {
    pub const ALL: [EventCode; 14] = [
        EventCode::WithMeans,
        EventCode::NoMeans,
        EventCode::Postponed,
        EventCode::Suspended,
        EventCode::Resumed,
        EventCode::Collected,
        EventCode::Reduced,
        EventCode::Exempted,
        EventCode::Terminated,
        EventCode::Completed,
        EventCode::DelegatedOut,
        EventCode::Withdrawn,
        EventCode::SeparateRegister,
        EventCode::RequestReturned,
    ];

    pub fn parse(text: &str) -> Result<EventCode, EventError> {
        let t = text.trim();
        EventCode::ALL.into_iter().find(|c| c.code() == t).ok_or_else(|| EventError::Code(t.to_string()))
    }

    pub fn code(self) -> &'static str {
        match self {
            EventCode::WithMeans => "with_means",
            EventCode::NoMeans => "no_means",
            EventCode::Postponed => "postponed",
            EventCode::Suspended => "suspended",
            EventCode::Resumed => "resumed",
            EventCode::Collected => "collected",
            EventCode::Reduced => "reduced",
            EventCode::Exempted => "exempted",
            EventCode::Terminated => "terminated",
            EventCode::Completed => "completed",
            EventCode::DelegatedOut => "delegated_out",
            EventCode::Withdrawn => "withdrawn",
            EventCode::SeparateRegister => "separate_register",
            EventCode::RequestReturned => "request_returned",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            EventCode::WithMeans => "Xác minh: có điều kiện thi hành",
            EventCode::NoMeans => "Quyết định về việc chưa có điều kiện thi hành án",
            EventCode::Postponed => "Quyết định hoãn thi hành án",
            EventCode::Suspended => "Quyết định tạm đình chỉ thi hành án",
            EventCode::Resumed => "Quyết định tiếp tục thi hành án",
            EventCode::Collected => "Thu tiền",
            EventCode::Reduced => "Giảm thi hành án",
            EventCode::Exempted => "Miễn thi hành án",
            EventCode::Terminated => "Quyết định đình chỉ thi hành án",
            EventCode::Completed => "Thi hành xong",
            EventCode::DelegatedOut => "Quyết định ủy thác thi hành án",
            EventCode::Withdrawn => "Thu hồi / hủy quyết định thi hành án",
            EventCode::SeparateRegister => "Chuyển sổ theo dõi riêng",
            EventCode::RequestReturned => "Gửi lại yêu cầu thi hành án",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            EventCode::WithMeans => "Verified: debtor has means",
            EventCode::NoMeans => "Decision: no current means to pay",
            EventCode::Postponed => "Postponement",
            EventCode::Suspended => "Suspension",
            EventCode::Resumed => "Resumption",
            EventCode::Collected => "Money collected",
            EventCode::Reduced => "Reduction",
            EventCode::Exempted => "Exemption",
            EventCode::Terminated => "Termination",
            EventCode::Completed => "Completed",
            EventCode::DelegatedOut => "Delegated to another agency",
            EventCode::Withdrawn => "Decision withdrawn or cancelled",
            EventCode::SeparateRegister => "Moved to the separate register",
            EventCode::RequestReturned => "Request returned to the creditor",
        }
    }

    pub fn amount_rule(self) -> AmountRule {
        match self {
            EventCode::Collected | EventCode::Reduced => AmountRule::Required,
            EventCode::Terminated | EventCode::Exempted => AmountRule::Optional,
            _ => AmountRule::Forbidden,
        }
    }
}

impl fmt::Display for EventCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A legal ground as cited in registers, e.g. `48.1.c` (Điều 48 khoản 1 điểm c).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ground(String);

impl Ground {
    /// A code (`field::GROUND`) without spaces: `48.1.c`, never `48 1 c`.
    pub fn new(text: &str) -> Result<Ground, EventError> {
        use crate::field::{FieldError, GROUND, Problem};
        let t = GROUND.clean(text).map_err(EventError::Ground)?;
        match t.chars().find(|c| c.is_whitespace()) {
            Some(space) => Err(EventError::Ground(FieldError { field: GROUND, problem: Problem::NotAllowed(space) })),
            None => Ok(Ground(t)),
        }
    }

    /// A ground read back from a store as it was written (see `CaseNo::stored`): 1–32
    /// characters without whitespace or controls.
    pub fn stored(text: &str) -> Result<Ground, EventError> {
        let ok = !text.is_empty()
            && text.chars().count() <= 32
            && !text.chars().any(|c| c.is_whitespace() || c.is_control());
        if ok { Ok(Ground(text.to_string())) } else { Ground::new(text) }
    }

    /// An optional ground: empty text means none.
    pub fn parse_optional(text: &str) -> Result<Option<Ground>, EventError> {
        if text.trim().is_empty() { Ok(None) } else { Ground::new(text).map(Some) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Ground {
    type Error = EventError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Ground::new(&value)
    }
}

impl From<Ground> for String {
    fn from(value: Ground) -> Self {
        value.0
    }
}

impl fmt::Display for Ground {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One dated decision or act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The effective date of the decision or act (not the day it was typed in).
    pub date: Date,
    pub code: EventCode,
    pub amount: Option<Vnd>,
    pub ground: Option<Ground>,
}

/// What a stored record says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entry {
    /// A decision or act; if the record supersedes another, it replaces it.
    Event(Event),
    /// Cancels the superseded record (entered by mistake), replacing it with nothing.
    Void,
}

/// One append-only record of a case's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: EventId,
    pub entry: Entry,
    /// The earlier record this one corrects.
    pub supersedes: Option<EventId>,
    /// Why, for corrections; free text.
    pub note: String,
    /// Login of whoever recorded it, or the import batch.
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
}

/// The effective history: events of records not superseded, in order of (date, record id).
pub fn effective_events(records: &[EventRecord]) -> Vec<(EventId, Event)> {
    let superseded: std::collections::HashSet<EventId> = records.iter().filter_map(|r| r.supersedes).collect();
    let mut out: Vec<(EventId, Event)> = records
        .iter()
        .filter(|r| !superseded.contains(&r.id))
        .filter_map(|r| match &r.entry {
            Entry::Event(e) => Some((r.id, e.clone())),
            Entry::Void => None,
        })
        .collect();
    out.sort_by_key(|(id, e)| (e.date, *id));
    out
}

/// Records whose links do not make one history: what replaces what is ambiguous, so what the
/// case owes is not known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum SupersessionFault {
    /// Two records replace the same one, and both count: two corrections or voids of one
    /// record accepted at once (a race the store refuses from schema 8 on).
    #[error(
        "bản ghi #{target} bị thay thế hai lần, bởi bản ghi #{first} và #{second} / record #{target} is replaced \
         twice, by records #{first} and #{second}",
        target = .target.0, first = .first.0, second = .second.0
    )]
    SupersededTwice { target: EventId, first: EventId, second: EventId },
    /// A record replaces one that is not an earlier record of the same case.
    #[error(
        "bản ghi #{record} thay thế bản ghi #{target}, không phải bản ghi trước đó của việc này / record #{record} \
         replaces record #{target}, which is not an earlier record of this case",
        record = .record.0, target = .target.0
    )]
    UnknownTarget { record: EventId, target: EventId },
}

/// Checks that every record that supersedes another supersedes an earlier record of the same
/// case (`records` are one case's), and that no record is superseded twice.
pub fn check_supersessions(records: &[EventRecord]) -> Result<(), SupersessionFault> {
    if records.iter().all(|r| r.supersedes.is_none()) {
        return Ok(());
    }
    let ids: std::collections::HashSet<EventId> = records.iter().map(|r| r.id).collect();
    let mut superseders: std::collections::HashMap<EventId, EventId> = std::collections::HashMap::new();
    let mut linked: Vec<(EventId, EventId)> = records.iter().filter_map(|r| Some((r.id, r.supersedes?))).collect();
    linked.sort_unstable();
    for (record, target) in linked {
        if target >= record || !ids.contains(&target) {
            return Err(SupersessionFault::UnknownTarget { record, target });
        }
        if let Some(first) = superseders.insert(target, record) {
            return Err(SupersessionFault::SupersededTwice { target, first, second: record });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn record(id: i64, entry: Entry, supersedes: Option<i64>) -> EventRecord {
        EventRecord {
            id: EventId(id),
            entry,
            supersedes: supersedes.map(EventId),
            note: String::new(),
            recorded_by: "test".into(),
            recorded_at: datetime!(2025-01-01 0:00 UTC),
        }
    }

    fn ev(d: Date, code: EventCode) -> Entry {
        Entry::Event(Event { date: d, code, amount: None, ground: None })
    }

    #[test]
    fn corrections_supersede_and_voids_remove() {
        let records = vec![
            record(1, ev(date!(2025 - 03 - 01), EventCode::WithMeans), None),
            record(2, ev(date!(2025 - 02 - 01), EventCode::NoMeans), None),
            record(3, ev(date!(2025 - 02 - 10), EventCode::WithMeans), Some(1)),
            record(4, Entry::Void, Some(2)),
            record(5, ev(date!(2025 - 02 - 10), EventCode::Postponed), None),
        ];
        let eff = effective_events(&records);
        let ids: Vec<i64> = eff.iter().map(|(id, _)| id.0).collect();
        assert_eq!(ids, vec![3, 5], "same-date events keep the order they were recorded in");
    }

    #[test]
    fn a_record_is_superseded_once_by_a_later_record_of_its_case() {
        let collected = ev(date!(2025 - 03 - 01), EventCode::Collected);
        let mut records = vec![
            record(1, collected.clone(), None),
            record(2, collected.clone(), Some(1)),
            record(3, Entry::Void, Some(2)),
        ];
        assert_eq!(check_supersessions(&records), Ok(()), "a correction of a correction is a chain, not a fork");
        records.push(record(4, Entry::Void, Some(1)));
        assert_eq!(
            check_supersessions(&records),
            Err(SupersessionFault::SupersededTwice { target: EventId(1), first: EventId(2), second: EventId(4) })
        );
        records.reverse();
        assert!(
            matches!(check_supersessions(&records), Err(SupersessionFault::SupersededTwice { first: EventId(2), .. })),
            "found whatever order the records come in"
        );
        let plain = |id| record(id, collected.clone(), None);
        let linked = |id, target| record(id, collected.clone(), Some(target));
        for (history, why) in [
            (vec![plain(1), linked(4, 9)], "not a record of this case"),
            (vec![plain(1), linked(4, 6), plain(6)], "a later record"),
            (vec![plain(1), linked(4, 4)], "itself"),
        ] {
            assert!(
                matches!(
                    check_supersessions(&history),
                    Err(SupersessionFault::UnknownTarget { record: EventId(4), .. })
                ),
                "{why}"
            );
        }
    }

    #[test]
    fn every_code_round_trips() {
        for c in EventCode::ALL {
            assert_eq!(EventCode::parse(c.code()), Ok(c));
        }
        assert!(EventCode::parse("paid").is_err());
        assert!(Ground::new("48.1.c").is_ok());
        assert!(Ground::new("48 1 c").is_err());
        assert!(Ground::new("48.1\u{200B}.c").unwrap_err().to_string().contains("U+200B"));
        assert!(Ground::new(&"1".repeat(33)).is_err());
        assert_eq!(Ground::stored("48.1\u{200B}.c").unwrap().as_str(), "48.1\u{200B}.c");
        assert_eq!(Ground::parse_optional(" "), Ok(None));
    }
}
