//! What an administrator changes: the days the government announces each year and the
//! corrected length of a rule. Each change is audited in its transaction, then the deadlines
//! table is rebuilt, since due dates of every case may move.

use serde_json::json;
use thads_core::Rules;
use thads_core::calendar::AnnouncedDay;
use thads_core::confidence::Confidence;
use thads_core::deadlines::{DeadlineRules, Length};
use thads_store::{AnnouncedDayRecord, NewAudit, RuleOverride, Store, WriteTx};
use time::Date;

use super::rows::{Rebuilt, rebuild};
use crate::actor::Actor;
use crate::error::{AppError, AppResult};

fn audit(
    tx: &mut dyn WriteTx,
    actor: &Actor,
    action: &str,
    before: Option<String>,
    after: Option<String>,
) -> AppResult<()> {
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: action.into(),
        before,
        after,
    })?;
    Ok(())
}

/// Adds an announced day off or working day; `Duplicate` if that date is already announced.
pub fn announce_day(store: &dyn Store, actor: &Actor, rules: &Rules, day: AnnouncedDay) -> AppResult<Rebuilt> {
    if day.source.trim().is_empty() {
        return Err(AppError::Invalid("cần ghi văn bản công bố / the announcing document is required".into()));
    }
    let mut tx = store.begin()?;
    let after = json!(day).to_string();
    tx.insert_announced_day(&AnnouncedDayRecord { day, added_by: actor.login.clone(), added_at: actor.at })?;
    audit(tx.as_mut(), actor, "calendar.add", None, Some(after))?;
    tx.commit()?;
    rebuild(store, rules, actor.today())
}

/// Removes the announcement of `date` (entered by mistake); `NotFound` if there is none.
pub fn withdraw_day(store: &dyn Store, actor: &Actor, rules: &Rules, date: Date) -> AppResult<Rebuilt> {
    let mut tx = store.begin()?;
    let removed = tx.delete_announced_day(date)?.ok_or_else(|| {
        AppError::NotFound(format!("ngày công bố / announced day {}", thads_core::dates::format_vn(date)))
    })?;
    audit(tx.as_mut(), actor, "calendar.remove", Some(json!(removed.day).to_string()), None)?;
    tx.commit()?;
    rebuild(store, rules, actor.today())
}

/// The announced days of a solar year.
pub fn announced_in(store: &dyn Store, year: i32) -> AppResult<Vec<AnnouncedDayRecord>> {
    Ok(store.announced_days()?.into_iter().filter(|d| d.day.date.year() == year).collect())
}

/// Sets the length of a built-in rule from the official text (clears its "verify" flag).
pub fn set_rule_length(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    rule_id: &str,
    length: Length,
    confidence: Confidence,
    source: &str,
) -> AppResult<Rebuilt> {
    // Refuses an unknown id, or a change that would make the rule set inconsistent.
    DeadlineRules::default().with_length(rule_id, length, confidence).map_err(|e| AppError::Invalid(e.to_string()))?;
    let set = RuleOverride {
        rule_id: rule_id.to_string(),
        length,
        confidence,
        source: source.to_string(),
        set_by: actor.login.clone(),
        set_at: actor.at,
    };
    let mut tx = store.begin()?;
    let previous = tx.set_rule_override(&set)?;
    let view = |o: &RuleOverride| json!({ "rule": o.rule_id, "length": o.length, "confidence": o.confidence, "source": o.source });
    audit(
        tx.as_mut(),
        actor,
        "deadline_rule.set",
        previous.as_ref().map(|p| view(p).to_string()),
        Some(view(&set).to_string()),
    )?;
    tx.commit()?;
    rebuild(store, rules, actor.today())
}
