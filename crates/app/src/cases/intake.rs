//! Taking in (thụ lý) one new case at the front desk: its decision number (typed, or the next
//! of the unit's book for the year, `core::case::book`), its facts and details, checked, stored
//! with its ledger and deadlines, and audited field by field in one transaction. The audit
//! entry of the intake (`case.intake`) is the first entry of the case's timeline: who took it
//! in and when.

use serde_json::json;
use thads_core::case::{book, changes};
use thads_core::{Case, CaseDetails, CaseFacts, CaseNo, Rules, UnitKind};
use thads_store::{NewAudit, NewCase, Store, StoreError, WriteTx};
use time::Date;

use super::record::Changed;
use crate::actor::Actor;
use crate::error::{AppError, AppResult};
use crate::history::{check_with, ledger_rows};

/// The audit action of an intake.
pub const INTAKE: &str = "case.intake";

/// A case to take in. With `number` `None`, the case gets the next number of its unit's book
/// (a unit of `unit_kind`), chosen in the write transaction; `facts.case_no` is then ignored.
#[derive(Debug, Clone)]
pub struct Intake {
    pub facts: CaseFacts,
    pub details: CaseDetails,
    pub number: Option<CaseNo>,
    pub unit_kind: UnitKind,
}

/// The number proposed for a new case of `unit` (of `kind`) accepted on `on`: one more than
/// the highest of the unit's book of that year.
pub fn next_case_no(store: &dyn Store, unit: thads_core::UnitId, kind: UnitKind, on: Date) -> AppResult<CaseNo> {
    let taken = store.case_numbers_of_year(unit, on.year())?;
    Ok(book::next_number(taken.iter().map(CaseNo::as_str), kind, on))
}

/// Takes in a new case. A taken number is `StoreError::Duplicate` (the caller says 409); a
/// fact that does not hold names its field (`AppError::Field`).
pub fn take_in(store: &dyn Store, actor: &Actor, rules: &Rules, intake: Intake) -> AppResult<Changed> {
    take_in_then(store, actor, rules, intake, |_, _| Ok(()))
}

/// As `take_in`, with `then` run in the same transaction once the case is stored (an online
/// request registered and linked to the case it opened): the case and what `then` writes are
/// committed together or not at all.
pub fn take_in_then(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    intake: Intake,
    then: impl FnOnce(&mut dyn WriteTx, &Case) -> AppResult<()>,
) -> AppResult<Changed> {
    let Intake { mut facts, details, number, unit_kind } = intake;
    if facts.accepted_on > actor.today() {
        return Err(AppError::Field {
            field: "accepted_on",
            message: "ngày thụ lý sau ngày hôm nay / accepted in the future".into(),
        });
    }
    details.check(&facts)?;
    let mut tx = store.begin()?;
    crate::periods::ensure_open(tx.as_mut(), facts.unit, facts.accepted_on)?;
    crate::reorg::ensure_unit_open(tx.as_mut(), facts.unit, &[facts.accepted_on])?;
    facts.case_no = match number {
        Some(no) => no,
        None => {
            let taken = tx.case_numbers_taken(facts.unit, facts.accepted_on.year())?;
            book::next_number(taken.iter().map(CaseNo::as_str), unit_kind, facts.accepted_on)
        }
    };
    let checked = check_with(&facts, &[], &[], actor.today(), rules)?;
    let new = NewCase {
        facts: facts.clone(),
        current: checked.current.clone(),
        last_event_on: None,
        event_count: 0,
        batch: None,
    };
    let id = tx.insert_case(&new, &details)?;
    let ledger_delta = ledger_rows(&facts.dims(), &checked.ledger);
    tx.apply_ledger(&ledger_delta)?;
    let change = thads_reports::LedgerChange::for_case(id, None, Some((&facts.dims(), &checked.ledger)));
    let ticket = tx.touch_ledger_with(&change.encode())?;
    crate::deadlines::keep_case(tx.as_mut(), id, &facts, &checked)?;
    audit(tx.as_mut(), actor, id, &facts, &details)?;
    let case = Case { id, facts, version: 1, current: checked.current, last_event_on: None, event_count: 0 };
    then(tx.as_mut(), &case)?;
    tx.commit()?;
    Ok(Changed { case, change, ticket, ledger_delta, deducted: Vec::new() })
}

fn audit(
    tx: &mut dyn WriteTx,
    actor: &Actor,
    id: thads_core::CaseId,
    facts: &CaseFacts,
    details: &CaseDetails,
) -> Result<(), StoreError> {
    let after = json!({
        "facts": facts,
        "details": details,
        "changes": changes::changes(None, (facts, details)),
    });
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(id),
        action: INTAKE.to_string(),
        before: None,
        after: Some(after.to_string()),
    })
}
