//! Exemption and reduction of state-budget obligations (miễn, giảm; domain §3.10): the bands
//! of Luật THADS 2008 Điều 61 as data by regime, the eligibility of a case on a day with each
//! condition's reason and citation, the procedure's time limits and protest windows, when a
//! court decision takes effect and the event it records on the case, and the register's
//! figures.

mod court;
mod eligibility;
mod rules;
mod windows;

pub use court::{
    CourtDecision, CourtResult, CourtStep, Effect, Proposal, ProposalId, ReliefStats, court_limits, decision_effect,
    relief_stats,
};
pub use eligibility::{Check, Eligibility, Finding, ReliefHistory, SpecialGround, eligibility};
pub use rules::{Band, Basis, Bound, ExemptionRules, ReliefKind, ReliefRules, Share};
pub use windows::{ProtestWindow, open_windows, protest_windows};

#[cfg(test)]
mod tests;
