//! The enforcement fee's rate table an administrator keeps (issue 18 item 4): the built-in
//! schedule of `thads_core::money` with every version saved in the database laid over it. The
//! versions live with the installation's other edited rules (`asset_rule_versions`, under the
//! key `enforcement_fee`), are checked by `thads_core::money::fee_rule` before they are kept,
//! and each save is audited (`money_rule.set`) with the version it replaced.

use serde_json::json;
use thads_core::confidence::Confidence;
use thads_core::money::fee_rule::{FEE_RULE, apply_saved_fee};
use thads_core::money::{FeeSchedule, MoneyRules};
use thads_core::versioned::Versions;
use thads_store::{AssetRuleRecord, NewAudit, Store};
use time::Date;

use crate::actor::Actor;
use crate::error::{AppError, AppResult};

/// The fee schedules in force: the built-in one and every saved version over it.
pub fn load_fees(store: &dyn Store) -> AppResult<Versions<FeeSchedule>> {
    let mut fees = thads_core::money::default_fee_schedules();
    for r in store.asset_rule_versions()?.into_iter().filter(|r| r.rule == FEE_RULE) {
        apply_saved_fee(&mut fees, r.valid_from, &r.value, &r.citation, r.confidence, &r.note).map_err(|e| {
            AppError::Store(thads_store::StoreError::corrupt("asset_rule_versions.value", format!("{FEE_RULE}: {e}")))
        })?;
    }
    Ok(fees)
}

/// The money rules with the fee schedules an administrator saved.
pub fn load_money_rules(store: &dyn Store) -> AppResult<MoneyRules> {
    let mut rules = super::rules();
    rules.fees = load_fees(store)?;
    Ok(rules)
}

/// One version of the rate table as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeLine {
    pub valid_from: Date,
    pub table: FeeSchedule,
    pub citation: String,
    pub confidence: Confidence,
    pub must_verify: bool,
    pub note: String,
    /// `None`: built in; else the administrator who saved it.
    pub saved_by: Option<String>,
}

/// Every version of the rate table, by day.
pub fn fee_versions(store: &dyn Store) -> AppResult<Vec<FeeLine>> {
    let records = store.asset_rule_versions()?;
    let fees = load_fees(store)?;
    Ok(fees
        .all()
        .iter()
        .map(|v| FeeLine {
            valid_from: v.valid_from,
            table: v.value.clone(),
            citation: v.citation.clone(),
            confidence: v.confidence,
            must_verify: v.must_verify,
            note: v.note.clone(),
            saved_by: records
                .iter()
                .find(|r| r.rule == FEE_RULE && r.valid_from == v.valid_from)
                .map(|r| r.saved_by.clone()),
        })
        .collect())
}

/// A version of the rate table an administrator saves.
#[derive(Debug, Clone)]
pub struct SaveFeeTable {
    pub valid_from: Date,
    /// JSON of a `FeeSchedule`.
    pub value: String,
    pub citation: String,
    pub confidence: Confidence,
    pub note: String,
}

fn field(name: &'static str, text: &str, required: bool) -> AppResult<String> {
    if !required && text.trim().is_empty() {
        return Ok(String::new());
    }
    let rule = &thads_core::field::NOTE;
    let cleaned = if required { rule.clean_required(text) } else { rule.clean(text) };
    cleaned.map_err(|e| AppError::Field { field: name, message: e.to_string() })
}

/// Checks and saves a version of the rate table; the audit keeps the one it replaced.
pub fn save_fee_table(store: &dyn Store, actor: &Actor, input: &SaveFeeTable) -> AppResult<()> {
    let citation = field("citation", &input.citation, true)?;
    let note = field("note", &input.note, false)?;
    let value = input.value.trim();
    if value.is_empty()
        || value.chars().count() > 4000
        || value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(AppError::Field {
            field: "value",
            message:
                "cần biểu phí (JSON, tối đa 4000 ký tự) / a rate table is required (JSON, at most 4000 characters)"
                    .into(),
        });
    }
    let mut fees = load_fees(store)?;
    apply_saved_fee(&mut fees, input.valid_from, value, &citation, input.confidence, &note)
        .map_err(|e| AppError::Field { field: "value", message: e.to_string() })?;
    // Kept in its canonical form.
    let table =
        fees.on(input.valid_from).map(|v| serde_json::to_string(&v.value).unwrap_or_default()).unwrap_or_default();
    let record = AssetRuleRecord {
        rule: FEE_RULE.to_string(),
        valid_from: input.valid_from,
        value: table,
        citation,
        confidence: input.confidence,
        note,
        saved_by: actor.login.clone(),
        saved_at: actor.at,
    };
    let mut tx = store.begin()?;
    let previous = tx.put_asset_rule_version(&record)?;
    let view = |r: &AssetRuleRecord| {
        json!({ "rule": r.rule, "valid_from": thads_core::dates::format_iso(r.valid_from), "value": r.value,
                "citation": r.citation, "confidence": thads_store::codes::confidence(r.confidence), "note": r.note })
        .to_string()
    };
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: "money_rule.set".into(),
        before: previous.as_ref().map(view),
        after: Some(view(&record)),
    })?;
    tx.commit()?;
    Ok(())
}
