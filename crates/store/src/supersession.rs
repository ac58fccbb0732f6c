//! A record is superseded (corrected or voided) by at most one record: what both backends share
//! to keep that rule (schema 8, the unique index `events_supersedes_once`) and to say which
//! record a refused write, or a database written before the rule, is about.

use std::collections::HashSet;

use thads_core::EventId;

use crate::{NewEvent, StoreError, StoreResult};

/// The migration that adds the rule.
pub const SUPERSEDES_ONCE_MIGRATION: &str = "0008_supersede_once";

/// The unique index that keeps the rule.
pub const SUPERSEDES_ONCE_INDEX: &str = "events_supersedes_once";

/// Every record superseded by more than one record, with its case and unit, in the same SQL on
/// both backends: `(unit code, case number, superseded record, superseding record)`.
pub const SUPERSEDED_TWICE_SQL: &str = "select u.code, c.case_no, e.supersedes, e.id
    from events e join cases c on c.id = e.case_id join units u on u.id = c.unit_id
    where e.supersedes in (
        select supersedes from events where supersedes is not null group by supersedes having count(*) > 1)
    order by e.supersedes, e.id";

/// How many records the refusal of the migration names; the count says how many more.
const LISTED: usize = 50;

/// The record that a refused write would have superseded a second time: one that two of
/// `events` supersede, or else the first that `stored` (the backend's lookup of already stored
/// superseders) finds. When neither finds it (another writer's transaction that rolled back
/// since), the first record the write supersedes.
pub fn superseded_again(
    events: &[NewEvent],
    stored: impl FnOnce(&[EventId]) -> StoreResult<Option<EventId>>,
) -> StoreError {
    let targets: Vec<EventId> = events.iter().filter_map(|e| e.supersedes).collect();
    let mut seen = HashSet::new();
    if let Some(record) = targets.iter().find(|t| !seen.insert(**t)) {
        return StoreError::AlreadySuperseded { record: *record };
    }
    match stored(&targets) {
        Ok(Some(record)) => StoreError::AlreadySuperseded { record },
        Ok(None) => match targets.first() {
            Some(record) => StoreError::AlreadySuperseded { record: *record },
            None => StoreError::Backend("superseded-once index violated by a write that supersedes nothing".into()),
        },
        Err(e) => e,
    }
}

/// Refuses the migration to schema 8 when `rows` (from `SUPERSEDED_TWICE_SQL`) are not empty,
/// naming each record: the index cannot hold them, and which of their replacements stands is a
/// person's decision, not the migration's (see the migration file).
pub fn refuse_superseded_twice(rows: Vec<(String, String, i64, i64)>) -> StoreResult<()> {
    let mut lines: Vec<(String, Vec<i64>)> = Vec::new();
    let mut last: Option<i64> = None;
    for (unit, case_no, record, by) in rows {
        match lines.last_mut() {
            Some((_, superseders)) if last == Some(record) => superseders.push(by),
            _ => lines.push((format!("việc / case {unit} {case_no}: bản ghi / record #{record} ←"), vec![by])),
        }
        last = Some(record);
    }
    if lines.is_empty() {
        return Ok(());
    }
    let mut text = format!(
        "không nâng cấp được lên lược đồ 8: {n} bản ghi bị sửa hoặc hủy hơn một lần, nên số tiền của các việc này bị \
         tính hai lần; chưa có gì bị thay đổi, phiên bản trước vẫn chạy được. Người có thẩm quyền phải quyết định bản \
         ghi nào đúng (xem {SUPERSEDES_ONCE_MIGRATION}.sql) / cannot upgrade to schema 8: {n} records are corrected or \
         voided more than once, so these cases' money counts twice; nothing was changed and the previous version still \
         runs. A person must decide which record stands (see {SUPERSEDES_ONCE_MIGRATION}.sql):",
        n = lines.len()
    );
    for (line, by) in lines.iter().take(LISTED) {
        let by: Vec<String> = by.iter().map(|id| format!("#{id}")).collect();
        text.push_str(&format!("\n  {line} {}", by.join(", ")));
    }
    if lines.len() > LISTED {
        text.push_str(&format!("\n  … {} nữa / more", lines.len() - LISTED));
    }
    Err(StoreError::Invalid(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_record_superseded_twice_is_named_once_with_its_superseders() {
        assert!(refuse_superseded_twice(Vec::new()).is_ok());
        let row = |case: &str, record, by| ("BG-KV1".to_string(), case.to_string(), record, by);
        let refused =
            refuse_superseded_twice(vec![row("1/QĐ", 4, 5), row("1/QĐ", 4, 9), row("2/QĐ", 7, 8), row("2/QĐ", 7, 10)]);
        let Err(StoreError::Invalid(text)) = refused else { panic!("expected a refusal, got {refused:?}") };
        assert!(text.contains("2 bản ghi") && text.contains("nothing was changed"), "{text}");
        assert!(text.contains("BG-KV1 1/QĐ: bản ghi / record #4 ← #5, #9"), "{text}");
        assert!(text.contains("BG-KV1 2/QĐ: bản ghi / record #7 ← #8, #10"), "{text}");
    }
}
