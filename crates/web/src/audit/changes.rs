//! An audit entry as a person reads it: its before and after (JSON texts) turned into the
//! fields that changed, each with a label and its values in words (names for people and
//! units, đồng for money, dd/mm/yyyy for dates, labels for states and codes); its action as a
//! label. The API gives the same fields with the stored values.

use std::collections::BTreeMap;

use serde_json::Value;
use thads_core::dates::{format_vn, parse_date};
use thads_core::{CaseState, EventCode, JudgmentType, Origin, Role, StaffId, UnitId, Vnd};

use crate::i18n::Lang;
use crate::state::Directory;

/// One field that changed: its path in the stored JSON (`facts.officer`) and both values
/// (absent: the field was not there).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// The leaves of a JSON value by dotted path; arrays and scalars are leaves, nulls are left out.
fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, Value>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                flatten(&path, v, out);
            }
        }
        Value::Null => {}
        leaf => {
            let path = if prefix.is_empty() { "value".to_string() } else { prefix.to_string() };
            out.insert(path, leaf.clone());
        }
    }
}

/// A stored text as JSON (a text that is not JSON is one string).
fn parse(text: Option<&str>) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    if let Some(t) = text {
        let value = serde_json::from_str(t).unwrap_or_else(|_| Value::String(t.to_string()));
        flatten("", &value, &mut out);
    }
    out
}

/// The fields that changed: those an entry lists itself (a case taken in or edited), then the
/// other fields whose value differs between `before` and `after`.
pub fn changes(before: Option<&str>, after: Option<&str>) -> Vec<Change> {
    let Some(mut listed) = listed_changes(after) else { return diff(before, after) };
    let rest = diff(before, after).into_iter().filter(|c| !LISTED_PARTS.iter().any(|p| c.field.starts_with(p)));
    listed.extend(rest);
    listed
}

/// The parts of an entry that lists its changes (a case taken in or edited) which the list
/// already says field by field.
const LISTED_PARTS: [&str; 4] = ["facts.", "details", "change", "changes"];

/// An entry that lists its own changes field by field (`changes`, or `change.changes` with the
/// `change.reason` of an edit): those changes, the reason first.
fn listed_changes(after: Option<&str>) -> Option<Vec<Change>> {
    let value: Value = serde_json::from_str(after?).ok()?;
    let change = value.get("change").filter(|c| c.get("changes").is_some());
    let list = value.get("changes").or_else(|| change?.get("changes"))?.as_array()?;
    let mut out = Vec::with_capacity(list.len() + 1);
    if let Some(reason) = change.and_then(|c| c.get("reason")).filter(|r| !r.is_null()) {
        out.push(Change { field: "reason".to_string(), before: None, after: Some(reason.clone()) });
    }
    for item in list {
        let field = item.get("field")?.as_str()?;
        let side = |key: &str| item.get(key).and_then(|v| listed_value(field, v));
        out.push(Change { field: field.to_string(), before: side("before"), after: side("after") });
    }
    Some(out)
}

/// A listed value (kept as text by the case's change list) as the JSON value it stands for.
fn listed_value(field: &str, value: &Value) -> Option<Value> {
    let Value::String(text) = value else { return Some(value.clone()).filter(|v| !v.is_null()) };
    match text.as_str() {
        "" => None,
        "true" => Some(Value::Bool(true)),
        "false" => Some(Value::Bool(false)),
        t if field == "amount_vnd" => Some(t.parse::<i64>().map_or_else(|_| value.clone(), Value::from)),
        _ => Some(value.clone()),
    }
}

/// The fields whose value differs between `before` and `after`, by path: for a creation every
/// field of `after`, for a removal every field of `before`.
fn diff(before: Option<&str>, after: Option<&str>) -> Vec<Change> {
    let (old, new) = (parse(before), parse(after));
    let mut fields: Vec<&String> = old.keys().chain(new.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|f| old.get(*f) != new.get(*f))
        .map(|f| Change { field: f.clone(), before: old.get(f).cloned(), after: new.get(f).cloned() })
        .collect()
}

/// The label of an action code; an unknown code shows itself.
pub fn action_label(lang: Lang, action: &str) -> String {
    let key = match action {
        "case.create" => lang.t("action_case_create"),
        "case.update" | "case.edit" => lang.t("action_case_update"),
        "case.intake" => lang.t("action_case_intake"),
        "case.reassign" => lang.t("action_case_reassign"),
        "event.add" => lang.t("action_event_add"),
        "event.correct" => lang.t("action_event_correct"),
        "event.void" => lang.t("action_event_void"),
        "user.add" => lang.t("action_user_add"),
        "user.change" => lang.t("action_user_change"),
        "user.disable" => lang.t("action_user_disable"),
        "user.enable" => lang.t("action_user_enable"),
        "user.password" => lang.t("action_user_password"),
        "user.password_reset" => lang.t("action_user_password_reset"),
        "target.set" => lang.t("action_target_set"),
        "calendar.add" => lang.t("action_calendar_add"),
        "calendar.remove" => lang.t("action_calendar_remove"),
        "deadline_rule.set" => lang.t("action_deadline_rule_set"),
        "db.migrate" => lang.t("action_db_migrate"),
        thads_store::backup::RESTORE_ACTION => lang.t("action_backup_restore"),
        "admin_judgment.create" => lang.t("action_admin_judgment_create"),
        "admin_judgment.step" => lang.t("action_admin_judgment_step"),
        "exemption.propose" => lang.t("action_exemption_propose"),
        "exemption.decide" => lang.t("action_exemption_decide"),
        "exemption.apply" => lang.t("action_exemption_apply"),
        a if a.starts_with("import.") => return format!("{} ({})", lang.t("action_import"), &a["import.".len()..]),
        other => return other.to_string(),
    };
    key.to_string()
}

/// The label of a field path; an unknown path shows itself.
pub fn field_label(lang: Lang, field: &str) -> String {
    let last = field.rsplit('.').next().unwrap_or(field);
    let label = match last {
        "officer" => lang.t("field_officer"),
        "unit" => lang.t("field_unit"),
        "case_no" => lang.t("field_case_no"),
        "accepted_on" => lang.t("field_accepted_on"),
        "origin" => lang.t("field_origin"),
        "received_by_delegation" => lang.t("field_delegation"),
        "judgment_type" => lang.t("field_judgment_type"),
        "categories" => lang.t("field_categories"),
        "amount" | "amount_vnd" => lang.t("field_amount"),
        "debtor" => lang.t("field_debtor"),
        "creditor" => lang.t("field_creditor"),
        "state" => lang.t("field_state"),
        "outstanding" => lang.t("field_outstanding"),
        "collected" => lang.t("field_collected"),
        "reduced" => lang.t("field_reduced"),
        "events" => lang.t("field_events"),
        "date" => lang.t("field_date"),
        "code" => lang.t("field_code"),
        "ground" => lang.t("field_ground"),
        "supersedes" => lang.t("field_supersedes"),
        "login" => lang.t("field_login"),
        "full_name" => lang.t("field_full_name"),
        "role" => lang.t("field_role"),
        "active" => lang.t("field_active"),
        "year" => lang.t("field_year"),
        "cases" => lang.t("field_target_cases"),
        "money" => lang.t("field_target_money"),
        "kind" => lang.t("field_kind"),
        "source" => lang.t("field_source"),
        "reason" => lang.t("field_reason"),
        "debtor_id" => lang.t("field_debtor_id"),
        "creditor_id" => lang.t("field_creditor_id"),
        "debtor_address" => lang.t("field_debtor_address"),
        "judgment_court" => lang.t("field_judgment_court"),
        "judgment_no" => lang.t("field_judgment_no"),
        "judgment_date" => lang.t("field_judgment_date"),
        "request_date" => lang.t("field_request_date"),
        "request_by" => lang.t("field_request_by"),
        "creditor_address" => lang.t("field_creditor_address"),
        _ => return field.to_string(),
    };
    label.to_string()
}

/// A value as a person reads it, by the field it belongs to.
pub fn value_text(lang: Lang, directory: &Directory, field: &str, value: &Value) -> String {
    let last = field.rsplit('.').next().unwrap_or(field);
    match (last, value) {
        ("officer", Value::Number(n)) => n.as_i64().map_or_else(|| n.to_string(), |id| name(directory, id)),
        ("officer", Value::String(id)) => id.parse().map_or_else(|_| id.clone(), |id| name(directory, id)),
        ("unit", Value::Number(n)) => n.as_i64().map_or_else(|| n.to_string(), |id| directory.unit_label(UnitId(id))),
        ("unit", Value::String(code)) => {
            directory.units.by_code(code).map_or_else(|| code.clone(), |u| format!("{} — {}", u.code, u.name))
        }
        ("amount" | "amount_vnd" | "outstanding" | "collected" | "reduced", Value::Number(n)) => {
            n.as_i64().and_then(|v| Vnd::new(v).ok()).map_or_else(|| n.to_string(), crate::fmt::money)
        }
        ("role", Value::String(code)) => {
            Role::parse(code).map_or_else(|_| code.clone(), |r| crate::fmt::role(lang, r).into())
        }
        ("state", Value::String(code)) => {
            CaseState::from_code(code, None).map_or_else(|| code.clone(), |s| s.label_vi().to_string())
        }
        ("code", Value::String(code)) => EventCode::parse(code).map_or_else(|_| code.clone(), |c| c.label_vi().into()),
        ("origin", Value::String(code)) => Origin::parse(code).map_or_else(|_| code.clone(), |o| o.label_vi().into()),
        ("judgment_type", Value::String(code)) => {
            JudgmentType::parse(code).map_or_else(|_| code.clone(), |j| j.label_vi().into())
        }
        ("kind", Value::String(k)) if k == "day_off" => lang.t("day_off").to_string(),
        ("kind", Value::String(k)) if k == "working_day" => lang.t("working_day").to_string(),
        ("cases" | "money", Value::String(rate)) => format!("{}%", rate.replace('.', ",")),
        (_, Value::Bool(b)) => if *b { lang.t("audit_yes") } else { lang.t("audit_no") }.to_string(),
        (_, Value::String(s)) => parse_date(s).ok().filter(|_| s.len() == 10).map_or_else(|| s.clone(), format_vn),
        (_, Value::Array(items)) => {
            items.iter().map(|v| value_text(lang, directory, field, v)).collect::<Vec<_>>().join(", ")
        }
        (_, other) => other.to_string(),
    }
}

fn name(directory: &Directory, id: i64) -> String {
    directory.staff.get(&StaffId(id)).map_or_else(|| format!("#{id}"), |s| format!("{} ({})", s.full_name, s.login))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn only_the_fields_that_differ_are_changes() {
        let before = json!({"facts": {"officer": 3, "debtor": "An"}, "state": "opened", "change": null}).to_string();
        let after = json!({"facts": {"officer": 4, "debtor": "An"}, "state": "opened",
            "change": {"entry": {"Event": {"code": "collected"}}}})
        .to_string();
        let found = changes(Some(&before), Some(&after));
        let fields: Vec<&str> = found.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["change.entry.Event.code", "facts.officer"]);
        assert_eq!(found[1].before, Some(json!(3)));
        assert_eq!(found[1].after, Some(json!(4)));
        assert_eq!(found[0].before, None);
    }

    #[test]
    fn a_creation_lists_every_field_and_a_text_that_is_not_json_is_one_value() {
        let created = changes(None, Some(r#"{"login":"chv.an","role":"officer"}"#));
        assert_eq!(created.len(), 2);
        assert!(created.iter().all(|c| c.before.is_none()));
        let plain = changes(Some("cũ"), Some("mới"));
        assert_eq!(plain, [Change { field: "value".into(), before: Some(json!("cũ")), after: Some(json!("mới")) }]);
        assert!(changes(Some("{}"), Some("{}")).is_empty());
    }

    #[test]
    fn an_entry_that_lists_its_changes_is_read_from_its_list() {
        let intake = r#"{"facts":{"officer":7},"details":{},"changes":[
            {"field":"case_no","before":"","after":"47/QĐ-THADS"},
            {"field":"amount_vnd","before":"","after":"150000000"},
            {"field":"received_by_delegation","before":"","after":"false"}]}"#;
        let got = changes(None, Some(intake));
        assert_eq!(
            got.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(),
            ["case_no", "amount_vnd", "received_by_delegation"]
        );
        assert_eq!(got[0].before, None);
        assert_eq!(got[1].after, Some(serde_json::json!(150_000_000)));
        assert_eq!(got[2].after, Some(Value::Bool(false)));

        let before = r#"{"facts":{"debtor":"A"},"state":"dang_thi_hanh","change":null}"#;
        let after = r#"{"facts":{"debtor":"B"},"state":"xong","change":{"reason":"sai tên",
            "changes":[{"field":"debtor","before":"A","after":"B"}],"details_before":{},"details_after":{}}}"#;
        let got = changes(Some(before), Some(after));
        assert_eq!(got.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["reason", "debtor", "state"]);
        assert_eq!(got[0].after, Some(serde_json::json!("sai tên")));
        for field in ["judgment_court", "judgment_no", "judgment_date", "request_date", "request_by", "amount_vnd"] {
            assert_ne!(field_label(Lang::En, field), field, "{field} has no label");
        }
    }

    #[test]
    fn actions_and_fields_have_labels() {
        assert_eq!(action_label(Lang::Vi, "user.add"), "Tạo tài khoản");
        assert_eq!(action_label(Lang::En, "target.set"), "Set a target");
        assert_eq!(action_label(Lang::En, thads_store::backup::RESTORE_ACTION), "Restored from a backup");
        assert_eq!(action_label(Lang::En, "import.cases"), "Import (cases)");
        assert_eq!(action_label(Lang::Vi, "something.new"), "something.new");
        assert_eq!(field_label(Lang::Vi, "facts.officer"), "Chấp hành viên");
        assert_eq!(field_label(Lang::En, "x.unknown"), "x.unknown");
    }
}
