//! The stable text codes both backends store for values that have no code of their own in core
//! (the same as the JSON names of the core types where they have one), and lists of codes both
//! backends put in their SQL.

use std::sync::LazyLock;

use thads_core::calendar::AnnouncedKind;
use thads_core::deadlines::{DeadlineKind, Unit};
use thads_core::ledger::MoveKind;
use thads_core::rules::Confidence;
use thads_core::{CaseState, Closing};

/// The code of a void record in `events.code` (a void has no event code of its own).
pub const VOID: &str = "void";

/// The codes of every closing state (`CaseState::Closed(_)`), as an SQL list
/// (`('completed', …)`), for the case list's open and closed filters.
pub fn closed_states() -> &'static str {
    static LIST: LazyLock<String> = LazyLock::new(|| {
        let codes: Vec<String> = Closing::ALL.iter().map(|c| format!("'{}'", CaseState::Closed(*c).code())).collect();
        format!("({})", codes.join(", "))
    });
    &LIST
}

pub fn announced_kind(kind: AnnouncedKind) -> &'static str {
    match kind {
        AnnouncedKind::DayOff => "day_off",
        AnnouncedKind::WorkingDay => "working_day",
    }
}

pub fn announced_kind_of(code: &str) -> Option<AnnouncedKind> {
    [AnnouncedKind::DayOff, AnnouncedKind::WorkingDay].into_iter().find(|k| announced_kind(*k) == code)
}

pub fn unit(unit: Unit) -> &'static str {
    match unit {
        Unit::CalendarDays => "calendar_days",
        Unit::WorkingDays => "working_days",
        Unit::Months => "months",
    }
}

pub fn unit_of(code: &str) -> Option<Unit> {
    [Unit::CalendarDays, Unit::WorkingDays, Unit::Months].into_iter().find(|u| unit(*u) == code)
}

pub fn confidence(c: Confidence) -> &'static str {
    match c {
        Confidence::Confirmed => "confirmed",
        Confidence::Inferred => "inferred",
        Confidence::Unconfirmed => "unconfirmed",
    }
}

pub fn confidence_of(code: &str) -> Option<Confidence> {
    [Confidence::Confirmed, Confidence::Inferred, Confidence::Unconfirmed].into_iter().find(|c| confidence(*c) == code)
}

pub fn kind_of(code: &str) -> Option<DeadlineKind> {
    DeadlineKind::ALL.into_iter().find(|k| k.code() == code)
}

/// The code of a deducted move's kind (`deducted_moves.kind`).
pub fn move_kind(kind: MoveKind) -> &'static str {
    match kind {
        MoveKind::Collected => "collected",
        MoveKind::Reduced => "reduced",
    }
}

pub fn move_kind_of(code: &str) -> Option<MoveKind> {
    [MoveKind::Collected, MoveKind::Reduced].into_iter().find(|k| move_kind(*k) == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_states_are_the_codes_of_every_closing() {
        assert_eq!(
            closed_states(),
            "('completed', 'terminated', 'exempted', 'delegated_out', 'withdrawn', 'separate_register', \
             'request_returned')"
        );
    }

    #[test]
    fn every_code_reads_back_as_its_value() {
        for kind in [AnnouncedKind::DayOff, AnnouncedKind::WorkingDay] {
            assert_eq!(announced_kind_of(announced_kind(kind)), Some(kind));
        }
        for u in [Unit::CalendarDays, Unit::WorkingDays, Unit::Months] {
            assert_eq!(unit_of(unit(u)), Some(u));
        }
        for c in [Confidence::Confirmed, Confidence::Inferred, Confidence::Unconfirmed] {
            assert_eq!(confidence_of(confidence(c)), Some(c));
        }
        for k in [MoveKind::Collected, MoveKind::Reduced] {
            assert_eq!(move_kind_of(move_kind(k)), Some(k));
        }
        assert_eq!(move_kind_of("void"), None);
    }
}
