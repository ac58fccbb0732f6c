//! The chain's rules an administrator keeps (issue 19): the built-in rules of
//! `thads_core::assets` with every version saved in the database laid over them
//! (`asset_rule_versions`), and saving a version — checked by `thads_core::assets::apply_saved`
//! before it is kept, audited with the version it replaced.

use serde_json::json;
use thads_core::assets::{AssetRules, PoliceVersions, RuleKey, RuleLine, SavedRule, apply_saved, rule_lines};
use thads_core::confidence::Confidence;
use thads_store::{AssetRuleRecord, NewAudit, Store};
use time::Date;

use super::{AssetResult, field, invalid};
use crate::actor::Actor;
use crate::error::{AppError, AppResult};

fn saved(r: &AssetRuleRecord) -> SavedRule<'_> {
    SavedRule {
        rule: &r.rule,
        valid_from: r.valid_from,
        value: &r.value,
        citation: &r.citation,
        confidence: r.confidence,
        note: &r.note,
    }
}

/// The rules in force: the built-in ones and every saved version over them.
pub fn load_rules(store: &dyn Store) -> AppResult<(AssetRules, PoliceVersions)> {
    let (mut rules, mut police) = (AssetRules::default(), PoliceVersions::default());
    // The money room keeps its fee table in the same store under its own key.
    for record in store.asset_rule_versions()?.into_iter().filter(|r| r.rule != thads_core::money::fee_rule::FEE_RULE) {
        apply_saved(&mut rules, &mut police, &saved(&record)).map_err(|e| {
            AppError::Store(thads_store::StoreError::corrupt(
                "asset_rule_versions.value",
                format!("{}: {e}", record.rule),
            ))
        })?;
    }
    Ok((rules, police))
}

/// Every version of every rule an administrator may change, with who saved it (`None`: built in).
pub fn rule_versions(store: &dyn Store) -> AppResult<Vec<(RuleLine, Option<String>)>> {
    let records = store.asset_rule_versions()?;
    let (rules, police) = load_rules(store)?;
    Ok(rule_lines(&rules, &police)
        .into_iter()
        .map(|line| {
            let by = records
                .iter()
                .find(|r| r.rule == line.rule && r.valid_from == line.valid_from)
                .map(|r| r.saved_by.clone());
            (line, by)
        })
        .collect())
}

/// A version an administrator saves.
#[derive(Debug, Clone)]
pub struct SaveRule {
    pub rule: String,
    pub valid_from: Date,
    /// JSON of the rule's type (`5`, `null`, `true`, a threshold).
    pub value: String,
    pub citation: String,
    pub confidence: Confidence,
    pub note: String,
}

/// Checks and saves a version of a rule; the audit keeps the one it replaced.
pub fn save_rule(store: &dyn Store, actor: &Actor, input: &SaveRule) -> AssetResult<RuleKey> {
    let key = RuleKey::parse(&input.rule).ok_or_else(|| {
        invalid(format!(
            "quy tắc «{}» không có; các quy tắc: {} / unknown rule",
            input.rule.chars().take(64).filter(|c| !c.is_control()).collect::<String>(),
            RuleKey::ALL.map(RuleKey::code).join(", ")
        ))
    })?;
    let citation = field("citation", &thads_core::field::NOTE, &input.citation, true)?;
    let note = field("note", &thads_core::field::NOTE, &input.note, false)?;
    let value = input.value.trim();
    if value.is_empty() || value.chars().count() > 500 || value.chars().any(char::is_control) {
        return Err(AppError::Field {
            field: "value", message: "cần giá trị (JSON) / a value is required".into()
        }
        .into());
    }
    let record = AssetRuleRecord {
        rule: key.code().to_string(),
        valid_from: input.valid_from,
        value: value.to_string(),
        citation,
        confidence: input.confidence,
        note,
        saved_by: actor.login.clone(),
        saved_at: actor.at,
    };
    // Checked against the rules in force, with every saved version, before it is kept.
    let (mut rules, mut police) = load_rules(store)?;
    apply_saved(&mut rules, &mut police, &saved(&record))
        .map_err(|e| AppError::Field { field: "value", message: e.to_string() })?;
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
        action: "asset_rule.set".into(),
        before: previous.as_ref().map(view),
        after: Some(view(&record)),
    })?;
    tx.commit()?;
    Ok(key)
}
