//! The deadline rules and the working-day calendar in force: the built-in rules with the
//! administrator's length corrections, the calendar rules with the announced days, and a
//! fingerprint of all of it (with the lifecycle rules) stamped on the derived table.

use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};
use thads_core::Rules;
use thads_core::calendar::{AnnouncedDay, Announcements, CalendarRules, WorkingCalendar};
use thads_core::confidence::Confidence;
use thads_core::deadlines::{DeadlineRules, Length};
use thads_store::{AnnouncedDayRecord, RuleOverride, Store, WriteTx};

use crate::error::{AppError, AppResult};
use crate::ledger::rules_fingerprint;

/// The rules and calendar the deadlines are computed with.
#[derive(Debug)]
pub struct DeadlineSetup {
    pub rules: DeadlineRules,
    pub calendar: WorkingCalendar,
    /// Changes whenever a rule, an override or an announced day changes.
    pub fingerprint: String,
}

/// What an administrator stores: the only inputs besides the built-in rules.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Inputs {
    days: Vec<AnnouncedDay>,
    overrides: Vec<(String, Length, Confidence)>,
}

impl Inputs {
    fn of(days: Vec<AnnouncedDayRecord>, overrides: Vec<RuleOverride>) -> Inputs {
        Inputs {
            days: days.into_iter().map(|d| d.day).collect(),
            overrides: overrides.into_iter().map(|o| (o.rule_id, o.length, o.confidence)).collect(),
        }
    }
}

/// The version of the computation itself: a change in how deadlines are derived from the same
/// rules (issue 16: one payout for several collections on one day; 3: no payout row for a case
/// whose money is in the custody books) makes stored tables stale.
const COMPUTATION: u32 = 3;

/// The last setup built, with its inputs: building the calendar's day table costs about a
/// millisecond (ten in debug builds), too much to repeat on every recorded event. This memo
/// holds no configuration: a different input builds a new setup.
static LAST: Mutex<Option<(Inputs, Arc<DeadlineSetup>)>> = Mutex::new(None);

impl DeadlineSetup {
    /// The setup stored in the database, read with a read connection.
    pub fn load(store: &dyn Store) -> AppResult<Arc<DeadlineSetup>> {
        cached(Inputs::of(store.announced_days()?, store.rule_overrides()?))
    }

    /// The setup as the transaction sees it: a change is computed with the data it commits with.
    pub fn load_tx(tx: &mut dyn WriteTx) -> AppResult<Arc<DeadlineSetup>> {
        cached(Inputs::of(tx.announced_days()?, tx.rule_overrides()?))
    }

    /// Built-in rules and no announced day (tests, benchmarks).
    pub fn built_in() -> AppResult<DeadlineSetup> {
        build(&Inputs { days: Vec::new(), overrides: Vec::new() })
    }

    /// What the derived table must be stamped with to be current under `rules`.
    pub fn stamp(&self, rules: &Rules) -> String {
        format!("{}.{}", self.fingerprint, rules_fingerprint(rules))
    }
}

fn cached(inputs: Inputs) -> AppResult<Arc<DeadlineSetup>> {
    // A poisoned memo only means another thread panicked while holding it: rebuild.
    let mut last = LAST.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((seen, setup)) = last.as_ref()
        && *seen == inputs
    {
        return Ok(Arc::clone(setup));
    }
    let setup = Arc::new(build(&inputs)?);
    *last = Some((inputs, Arc::clone(&setup)));
    Ok(setup)
}

fn build(inputs: &Inputs) -> AppResult<DeadlineSetup> {
    let mut rules = DeadlineRules::default();
    for (id, length, confidence) in &inputs.overrides {
        rules = rules.with_length(id, *length, *confidence).map_err(|e| {
            AppError::Invalid(format!("điều chỉnh thời hạn «{id}» không áp dụng được / a stored override fails: {e}"))
        })?;
    }
    let announced = Announcements::new(inputs.days.clone()).map_err(|e| AppError::Invalid(e.to_string()))?;
    let calendar_rules = CalendarRules::vietnam();
    let text = serde_json::json!({ "computation": COMPUTATION, "rules": rules, "calendar": calendar_rules, "announced": announced }).to_string();
    let digest = Sha256::digest(text.as_bytes());
    let fingerprint = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    let calendar = WorkingCalendar::vietnam(announced).map_err(|e| AppError::Invalid(e.to_string()))?;
    Ok(DeadlineSetup { rules, calendar, fingerprint })
}
