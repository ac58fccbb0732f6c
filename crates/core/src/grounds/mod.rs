//! The legal grounds an event may cite (căn cứ), as data: for each event the grounds the rules
//! know, each with its citation and confidence (a ground remembered but not read in the text is
//! `Unconfirmed`, kept as data an administrator corrects, never a constant in code), offered as
//! a choice and checked when an event is recorded; and which events apply only to obligations
//! owed to the state budget (miễn, giảm: Luật THADS 2008 Điều 61).
//!
//! These are conditions on recording a new decision, checked by `thads_app::cases::record` with
//! the waiting period after a decision on lack of means (`deadlines::waiting_after_no_means`):
//! a stored or imported history is a record of past facts and replays without them.

mod table;

use serde::{Deserialize, Serialize};

use crate::case::{Categories, Category};
use crate::confidence::Confidence;
use crate::event::{Event, EventCode, Ground};
use crate::lifecycle::Reason;

/// One ground an event may cite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroundChoice {
    pub event: EventCode,
    /// As registers write it: `48.1.c` is Điều 48 khoản 1 điểm c.
    pub ground: Ground,
    pub name_vi: String,
    pub name_en: String,
    pub citation: String,
    pub confidence: Confidence,
}

/// Events that apply only to an obligation owed to the state budget (category `ngan_sach`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateBudgetOnly {
    pub events: Vec<EventCode>,
    pub citation: String,
    pub confidence: Confidence,
}

/// The grounds of every event and the state-budget condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroundRules {
    pub choices: Vec<GroundChoice>,
    pub state_budget_only: StateBudgetOnly,
}

impl Default for GroundRules {
    fn default() -> Self {
        table::built_in()
    }
}

/// The built-in rules, made once: a case page asks them for every event it might offer, and
/// building the table (its citations are formatted strings) each time was an eighth of a
/// case page's time.
static BUILT_IN: std::sync::LazyLock<GroundRules> = std::sync::LazyLock::new(table::built_in);

impl GroundRules {
    /// The built-in rules (as `GroundRules::default()`), shared rather than built anew.
    pub fn built_in() -> &'static GroundRules {
        &BUILT_IN
    }

    /// The grounds `event` may cite, in the order of the law.
    pub fn for_event(&self, event: EventCode) -> impl Iterator<Item = &GroundChoice> {
        self.choices.iter().filter(move |c| c.event == event)
    }

    /// The choice of `ground` for `event`, if the rules know it.
    pub fn find(&self, event: EventCode, ground: &Ground) -> Option<&GroundChoice> {
        self.for_event(event).find(|c| &c.ground == ground)
    }

    /// Checks a new event's ground and whether the case's obligation allows it: a ground the
    /// rules do not know for that event, or an exemption or reduction of an obligation that is
    /// not the state budget's, is refused. No ground at all is accepted (registers often leave
    /// it out; the statistics count such a postponement under its own column).
    pub fn check(&self, event: &Event, categories: Categories) -> Result<(), Reason> {
        if let Some(ground) = &event.ground
            && self.find(event.code, ground).is_none()
        {
            return Err(Reason::UnknownGround { event: event.code, ground: ground.clone() });
        }
        if self.state_budget_only.events.contains(&event.code) && !categories.contains(Category::NganSach) {
            return Err(Reason::StateBudgetOnly {
                event: event.code,
                citation: self.state_budget_only.citation.clone(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
