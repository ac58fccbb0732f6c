//! Legal time limits (thời hạn) as data, versioned by legal regime (Luật THADS 26/2008 to
//! 30/06/2026, Luật 106/2025 with NĐ 152/2026 from 01/07/2026), and the pure function that
//! lists the deadlines of a case on a given day from its replayed history.

mod compute;
mod history;
mod limit;
mod rule;
mod rules;
mod table;
mod waiting;

pub use compute::{CaseView, Deadline, deadlines, deadlines_into};
pub use limit::{Due, Limit, LimitSet, LimitSpec, Limits};
pub use rule::{Condition, DeadlineKind, DeadlineRule, Length, Regime, Scope, Tracking, Trigger, Unit};
pub use rules::{DeadlineRules, RuleSet, RulesError};
pub use waiting::{Waiting, check_waiting, waiting_after_no_means};

#[cfg(test)]
mod tests;
