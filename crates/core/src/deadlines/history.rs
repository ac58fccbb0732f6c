//! What the time limits need to know of a case's replayed history on a given day, gathered in
//! one pass over its steps without allocating.

use crate::event::EventCode;
use crate::lifecycle::Step;
use crate::state::CaseState;

/// The state of an open case, without the detail the deadlines do not use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Opened,
    WithMeans,
    WithoutMeans,
    Postponed,
    Suspended,
}

/// The facts of a case on one day, as julian day numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct History {
    pub phase: Phase,
    /// The day the current phase began (a step date), or the acceptance date.
    pub since: i32,
    /// The `no_means` step that began the current spell without means.
    pub decision: i32,
    /// `no_means` steps after the decision in the same spell: the re-verifications.
    pub reverifications: u8,
    /// The latest `no_means` step of the spell.
    pub latest_no_means: i32,
    /// The date of each re-verification, up to the second (for the separate register).
    pub reverified_on: [i32; 2],
    /// The last step that ended a spell without means by resumption, if the case is still out
    /// of it.
    pub left_no_means: Option<i32>,
}

impl History {
    /// `None` if the case is closed on `on` (or `on` is before it was accepted).
    pub fn of(accepted_on: i32, steps: &[Step], on: i32) -> Option<History> {
        if on < accepted_on {
            return None;
        }
        let mut h = History {
            phase: Phase::Opened,
            since: accepted_on,
            decision: accepted_on,
            reverifications: 0,
            latest_no_means: accepted_on,
            reverified_on: [accepted_on; 2],
            left_no_means: None,
        };
        for step in steps {
            let day = step.date.to_julian_day();
            if day > on {
                break;
            }
            let phase = phase_of(&step.after.state)?;
            h.apply(step.code, phase, day);
        }
        Some(h)
    }

    fn apply(&mut self, code: EventCode, phase: Phase, day: i32) {
        let before = self.phase;
        if code == EventCode::NoMeans {
            if before == Phase::WithoutMeans {
                if let Some(slot) = self.reverified_on.get_mut(usize::from(self.reverifications)) {
                    *slot = day;
                }
                self.reverifications = self.reverifications.saturating_add(1);
            } else {
                self.decision = day;
                self.reverifications = 0;
                self.left_no_means = None;
            }
            self.latest_no_means = day;
        }
        if before == Phase::WithoutMeans && phase == Phase::WithMeans {
            self.left_no_means = Some(day);
        }
        if phase != before {
            self.phase = phase;
            self.since = day;
        }
    }
}

fn phase_of(state: &CaseState) -> Option<Phase> {
    match state {
        CaseState::Opened => Some(Phase::Opened),
        CaseState::WithMeans => Some(Phase::WithMeans),
        CaseState::WithoutMeans => Some(Phase::WithoutMeans),
        CaseState::Postponed(_) => Some(Phase::Postponed),
        CaseState::Suspended(_) => Some(Phase::Suspended),
        CaseState::Closed(_) => None,
    }
}
