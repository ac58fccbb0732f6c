//! Changing one case: recording an event (possibly backdated), correcting or voiding one,
//! changing its facts. Each change is checked against the whole history, applied to the
//! ledger, audited (who, when, what, before, after) and committed at once, or not at all.

use serde_json::json;
use thads_core::deadlines::{CaseView, check_waiting};
use thads_core::grounds::GroundRules;
use thads_core::{Case, CaseFacts, CaseId, Entry, Event, EventCode, EventId, EventRecord, Refusal, Rules};
use thads_store::{NewAudit, NewEvent, Store, StoreError, WriteTx};

use crate::actor::Actor;
use crate::error::{AppError, AppResult, HistoryRefusal};
use crate::history::{Checked, LedgerDelta, check, check_with, deducted_rows, ledger_rows};

/// What a change did (defined with the histories, which the statistics read too).
pub use crate::history::Changed;

/// A new record for a case: an event, a correction (an event that supersedes another), or a
/// void (cancels a record entered by mistake).
#[derive(Debug, Clone)]
pub struct NewRecord {
    pub entry: Entry,
    pub supersedes: Option<EventId>,
    pub note: String,
}

impl NewRecord {
    pub fn event(event: Event) -> NewRecord {
        NewRecord { entry: Entry::Event(event), supersedes: None, note: String::new() }
    }
}

/// Opens a new case (a new enforcement decision) with no history yet.
pub fn create_case(store: &dyn Store, actor: &Actor, rules: &Rules, facts: CaseFacts) -> AppResult<Changed> {
    let checked = check_with(&facts, &[], &[], actor.today(), rules)?;
    if facts.accepted_on > actor.today() {
        return Err(AppError::Invalid(format!(
            "ngày thụ lý {} sau ngày hôm nay / accepted in the future",
            thads_core::dates::format_vn(facts.accepted_on)
        )));
    }
    let mut tx = store.begin()?;
    crate::periods::ensure_open(tx.as_mut(), facts.unit, facts.accepted_on)?;
    crate::reorg::ensure_unit_open(tx.as_mut(), facts.unit, &[facts.accepted_on])?;
    let id = tx
        .insert_cases(&[thads_store::NewCase {
            facts: facts.clone(),
            current: checked.current.clone(),
            last_event_on: None,
            event_count: 0,
            batch: None,
        }])?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::Backend("insert returned no id".into()))?;
    let ledger_delta = ledger_rows(&facts.dims(), &checked.ledger);
    tx.apply_ledger(&ledger_delta)?;
    let change = thads_reports::LedgerChange::for_case(id, None, Some((&facts.dims(), &checked.ledger)));
    let ticket = tx.touch_ledger_with(&change.encode())?;
    crate::deadlines::keep_case(tx.as_mut(), id, &facts, &checked)?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(id),
        action: "case.create".to_string(),
        before: None,
        after: Some(audit_view(&facts, &checked, None).to_string()),
    })?;
    tx.commit()?;
    let case = Case { id, facts, version: 1, current: checked.current, last_event_on: None, event_count: 0 };
    Ok(Changed { case, change, ticket, ledger_delta, deducted: Vec::new() })
}

/// Records one event or correction on a case whose version the caller read as
/// `expected_version`.
pub fn record(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    case_id: CaseId,
    expected_version: i64,
    new: NewRecord,
) -> AppResult<Changed> {
    record_with(store, actor, rules, case_id, expected_version, new, |_| Ok(()))
}

/// `record`, with `also` run in the same transaction once the record is checked and stored
/// (another register's row that must change with the case: a court's exemption decision).
pub fn record_with(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    case_id: CaseId,
    expected_version: i64,
    new: NewRecord,
    also: impl FnOnce(&mut dyn WriteTx) -> AppResult<()>,
) -> AppResult<Changed> {
    let mut tx = store.begin()?;
    let (changed, _) = record_in(tx.as_mut(), actor, rules, case_id, Some(expected_version), new)?;
    also(tx.as_mut())?;
    tx.commit()?;
    Ok(changed)
}

/// `record` on the case as the write transaction finds it, whatever its version, when `still`
/// holds for it: an API client that sends no version asks for no check against one it read, so
/// two such clients recording on one case at once both succeed. `still` is the caller's check
/// that what its authorization was decided on (the case's unit and officer, read before the
/// transaction) is unchanged; if not, the case is stale and nothing is written.
pub fn record_current(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    case_id: CaseId,
    new: NewRecord,
    still: impl FnOnce(&Case) -> bool,
) -> AppResult<Changed> {
    let mut tx = store.begin()?;
    let case = tx.case_for_update(case_id)?.ok_or_else(|| AppError::NotFound(format!("việc #{} / case", case_id.0)))?;
    if !still(&case) {
        return Err(StoreError::Stale { case: case.facts.case_no }.into());
    }
    let (changed, _) = record_on(tx.as_mut(), actor, rules, case, new)?;
    tx.commit()?;
    Ok(changed)
}

/// `record` inside a transaction the caller holds and commits, beside writes of its own (a
/// receipt and its ledger entry record the case's `collected` event in one transaction).
/// Without `expected_version` the case is taken as it is in the transaction. A document that is
/// a decision of the case (a postponement…) records its event this way in the transaction that
/// numbers it. Returns the new record's id too.
pub fn record_in(
    tx: &mut dyn WriteTx,
    actor: &Actor,
    rules: &Rules,
    case_id: CaseId,
    expected_version: Option<i64>,
    new: NewRecord,
) -> AppResult<(Changed, EventId)> {
    let case = match expected_version {
        Some(version) => locked_case(tx, case_id, version)?,
        None => {
            tx.case_for_update(case_id)?.ok_or_else(|| AppError::NotFound(format!("việc #{} / case", case_id.0)))?
        }
    };
    record_on(tx, actor, rules, case, new)
}

/// `record_in` on `case`, read and locked in this transaction.
fn record_on(
    tx: &mut dyn WriteTx,
    actor: &Actor,
    rules: &Rules,
    case: Case,
    new: NewRecord,
) -> AppResult<(Changed, EventId)> {
    let case_id = case.id;
    let stored = stored_records(tx, case_id)?;
    if let Some(target) = new.supersedes {
        replaceable(&case, &stored, target)?;
    }
    closed_months(tx, &case, &stored, &new)?;
    let before =
        check(&case.facts, &stored, actor.today(), rules).map_err(|fault| fault.stored(&case.facts.case_no))?;
    let provisional = EventRecord {
        id: EventId(stored.iter().map(|r| r.id.0).max().unwrap_or(0) + 1),
        entry: new.entry.clone(),
        supersedes: new.supersedes,
        note: new.note.clone(),
        recorded_by: actor.login.clone(),
        recorded_at: actor.at,
    };
    let after = check_with(&case.facts, &stored, std::slice::from_ref(&provisional), actor.today(), rules)?;
    if let Entry::Event(event) = &new.entry {
        admissible(tx, &case.facts, &before, event)?;
    }
    let ids = tx.insert_events(&[NewEvent {
        case: case_id,
        entry: new.entry.clone(),
        supersedes: new.supersedes,
        note: new.note,
        recorded_by: actor.login.clone(),
        recorded_at: actor.at,
        batch: None,
    }])?;
    let action = match (&new.entry, new.supersedes) {
        (Entry::Void, _) => "event.void",
        (_, Some(_)) => "event.correct",
        _ => "event.add",
    };
    let id = ids.into_iter().next().ok_or_else(|| StoreError::Backend("insert returned no event id".into()))?;
    let what = json!({ "entry": new.entry, "supersedes": new.supersedes });
    let changed = apply(tx, actor, &case, &case.facts, &before, &after, action, Some(what))?;
    Ok((changed, id))
}

/// Refuses a record dated in a closed month (`periods`): the new event's date and, for a
/// correction or a void, the date of the record it replaces (its figures move too).
fn closed_months(tx: &mut dyn WriteTx, case: &Case, stored: &[EventRecord], new: &NewRecord) -> AppResult<()> {
    let replaced = new.supersedes.and_then(|t| stored.iter().find(|r| r.id == t)).map(|r| &r.entry);
    let dates = [Some(&new.entry), replaced].into_iter().flatten().filter_map(|entry| match entry {
        Entry::Event(e) => Some(e.date),
        Entry::Void => None,
    });
    let dates: Vec<_> = dates.collect();
    // A unit closed by a reorganisation takes no record dated after its closing (issue 23);
    // a record dated before a case moved is held to the closings of the unit it was at then.
    crate::reorg::ensure_unit_open(tx, case.facts.unit, &dates)?;
    let closings = crate::periods::Closings::load(tx, dates.iter().copied())?;
    for d in dates {
        let unit = crate::reorg::unit_of_case_on(tx, case.id, case.facts.unit, d)?;
        closings.check(unit, d)?;
    }
    Ok(())
}

/// The conditions on taking a new decision that a replayed history does not check (issue 16):
/// a ground the rules know for the event, exemption and reduction only for the state budget,
/// and the waiting period after the decision on lack of means before the separate register or
/// the return of the request (counted on the history before the event). A stored or imported
/// history records past facts and is not held to them.
fn admissible(tx: &mut dyn WriteTx, facts: &CaseFacts, before: &Checked, event: &Event) -> AppResult<()> {
    let refuse = |reason| {
        let refusal = Refusal { index: before.steps.len(), date: event.date, event: event.code, reason };
        AppError::Refused(HistoryRefusal::Event { case_no: facts.case_no.clone(), reason: refusal })
    };
    GroundRules::built_in().check(event, facts.categories).map_err(refuse)?;
    if !matches!(event.code, EventCode::SeparateRegister | EventCode::RequestReturned) {
        // Only these wait; the rules and calendar are not read for every money collected.
        return Ok(());
    }
    let setup = crate::deadlines::DeadlineSetup::load_tx(tx)?;
    let basis = facts.basis();
    let view = CaseView { basis: &basis, categories: facts.categories, steps: &before.steps };
    check_waiting(&view, event.code, event.date, &setup.rules, &setup.calendar).map_err(refuse)
}

/// Changes a case's facts (officer, parties, categories…); the history must still replay.
pub fn update_facts(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    case_id: CaseId,
    expected_version: i64,
    facts: CaseFacts,
) -> AppResult<Changed> {
    let mut tx = store.begin()?;
    let case = locked_case(tx.as_mut(), case_id, expected_version)?;
    let stored = stored_records(tx.as_mut(), case_id)?;
    let before =
        check(&case.facts, &stored, actor.today(), rules).map_err(|fault| fault.stored(&case.facts.case_no))?;
    let after = check_with(&facts, &stored, &[], actor.today(), rules)?;
    finish(tx, actor, &case, &facts, &before, &after, "case.update", None)
}

pub(super) fn locked_case(tx: &mut dyn WriteTx, id: CaseId, expected_version: i64) -> AppResult<Case> {
    let case = tx.case_for_update(id)?.ok_or_else(|| AppError::NotFound(format!("việc #{} / case", id.0)))?;
    if case.version != expected_version {
        return Err(StoreError::Stale { case: case.facts.case_no }.into());
    }
    Ok(case)
}

/// Whether record `target` may be replaced (corrected or voided): a record of this case, not
/// a void, and not replaced already. `stored` was read in the write transaction after the case
/// was locked, so of two people replacing the same record at once the second is told so,
/// whatever version of the case they hold; the store refuses it too (`AlreadySuperseded`).
fn replaceable(case: &Case, stored: &[EventRecord], target: EventId) -> AppResult<()> {
    let record = stored.iter().find(|r| r.id == target).ok_or_else(|| {
        AppError::NotFound(format!("bản ghi {} của việc {} / record of this case", target.0, case.facts.case_no))
    })?;
    if record.entry == Entry::Void {
        return Err(AppError::Invalid(format!(
            "bản ghi #{id} là bản ghi hủy, không sửa hay hủy được / record #{id} is a void: it cannot be corrected \
             or voided",
            id = target.0
        )));
    }
    if stored.iter().any(|r| r.supersedes == Some(target)) {
        return Err(StoreError::AlreadySuperseded { record: target }.into());
    }
    Ok(())
}

pub(super) fn stored_records(tx: &mut dyn WriteTx, id: CaseId) -> AppResult<Vec<EventRecord>> {
    Ok(tx.records_of(&[id])?.into_iter().next().map(|(_, r)| r).unwrap_or_default())
}

/// Applies the ledger difference, updates the case row, audits and commits.
#[allow(clippy::too_many_arguments)]
pub(super) fn finish(
    mut tx: Box<dyn WriteTx + '_>,
    actor: &Actor,
    case: &Case,
    facts: &CaseFacts,
    before: &Checked,
    after: &Checked,
    action: &str,
    what: Option<serde_json::Value>,
) -> AppResult<Changed> {
    crate::periods::ensure_facts_open(tx.as_mut(), &case.facts, facts)?;
    let changed = apply(tx.as_mut(), actor, case, facts, before, after, action, what)?;
    tx.commit()?;
    Ok(changed)
}

/// `finish` without the commit.
#[allow(clippy::too_many_arguments)]
fn apply(
    tx: &mut dyn WriteTx,
    actor: &Actor,
    case: &Case,
    facts: &CaseFacts,
    before: &Checked,
    after: &Checked,
    action: &str,
    what: Option<serde_json::Value>,
) -> AppResult<Changed> {
    let mut delta = LedgerDelta::default();
    delta.subtract(&ledger_rows(&case.facts.dims(), &before.ledger))?;
    delta.add(&ledger_rows(&facts.dims(), &after.ledger))?;
    let ledger_delta = delta.into_rows();
    let deducted = deducted_rows(case.id, &facts.dims(), &after.ledger);
    tx.apply_ledger(&ledger_delta)?;
    tx.replace_deducted_moves(&[case.id], &deducted)?;
    let change = thads_reports::LedgerChange::for_case(
        case.id,
        Some((&case.facts.dims(), &before.ledger)),
        Some((&facts.dims(), &after.ledger)),
    );
    let ticket = tx.touch_ledger_with(&change.encode())?;
    crate::deadlines::keep_case(tx, case.id, facts, after)?;
    let version = tx.update_case(case.id, case.version, &after.update(facts))?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(case.id),
        action: action.to_string(),
        before: Some(audit_view(&case.facts, before, None).to_string()),
        after: Some(audit_view(facts, after, what).to_string()),
    })?;
    let updated = Case {
        id: case.id,
        facts: facts.clone(),
        version,
        current: after.current.clone(),
        last_event_on: after.last_event_on,
        event_count: after.event_count,
    };
    Ok(Changed { case: updated, change, ticket, ledger_delta, deducted })
}

/// What the audit keeps of a case: its facts and its state and money after the change.
fn audit_view(facts: &CaseFacts, checked: &Checked, what: Option<serde_json::Value>) -> serde_json::Value {
    json!({
        "facts": facts,
        "state": checked.current.state.code(),
        "outstanding": checked.current.outstanding,
        "collected": checked.current.collected,
        "reduced": checked.current.reduced,
        "events": checked.event_count,
        "change": what,
    })
}
