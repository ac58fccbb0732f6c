//! What a party reads of their case: found by unit, decision number and lookup code, or not at
//! all. Every failure (unknown unit, unknown case, malformed or wrong code) is the one answer
//! `None`, reached through the same reads (a case that does not exist still has a nonce read
//! and a code computed), so that neither the answer nor its time tells a wrong code from an
//! unknown case.

use thads_core::portal::{LookupCode, same_code};
use thads_core::{CaseId, CaseNo, CaseState, EventCode, Rules, Staff, Unit, UnitTree};
use thads_store::Store;
use time::Date;

use super::code::derive;
use crate::error::AppResult;
use crate::history::check;

/// A deadline that concerns the parties, by its kind's code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicDeadline {
    pub kind: &'static str,
    pub due: Date,
}

/// The deadlines shown to the parties: the debtor's voluntary period, the notification owed to
/// them, the payout of money collected for the creditor, the return of a request.
const PARTY_DEADLINES: [&str; 4] = ["notification", "voluntary_period", "payout", "request_return"];

/// A case as its parties read it.
#[derive(Debug, Clone)]
pub struct Followed {
    pub case: CaseId,
    pub unit: Unit,
    pub case_no: CaseNo,
    pub accepted_on: Date,
    pub state: CaseState,
    /// The effective steps, oldest first (corrections applied, voids gone).
    pub steps: Vec<(Date, EventCode)>,
    pub deadlines: Vec<PublicDeadline>,
    pub collected_vnd: i64,
    pub paid_to_you_vnd: i64,
    pub officer: Option<String>,
}

/// The case of unit `unit` (code) numbered `case_no` if `typed` is its lookup code.
pub fn follow(
    store: &dyn Store,
    units: &UnitTree,
    staff: &dyn Fn(thads_core::StaffId) -> Option<Staff>,
    rules: &Rules,
    today: Date,
    (unit, case_no, typed): (&str, &str, &str),
) -> AppResult<Option<Followed>> {
    let Some(found) = matching(store, units, unit, case_no, typed)? else { return Ok(None) };
    let (unit, case) = found;
    let records = store.records(case.id)?;
    // A history that no longer replays is the office's problem to fix; the party is told the
    // state the register keeps, without steps.
    let steps = check(&case.facts, &records, today, rules)
        .map(|c| c.steps.iter().map(|s| (s.date, s.code)).collect())
        .unwrap_or_default();
    // The stored deadlines of the case on today (the deadlines room keeps them per case); read
    // directly, without the names and rules a staff listing resolves.
    let query = thads_store::DeadlineQuery { case: Some(case.id), ..thads_store::DeadlineQuery::on(today) };
    let deadlines = store
        .deadlines(&query)?
        .into_iter()
        .filter(|d| PARTY_DEADLINES.contains(&d.kind.code()))
        .map(|d| PublicDeadline { kind: d.kind.code(), due: d.due })
        .collect();
    let money = crate::money::books::case_money(store, case.id)?;
    Ok(Some(Followed {
        case: case.id,
        unit,
        case_no: case.facts.case_no.clone(),
        accepted_on: case.facts.accepted_on,
        state: case.current.state.clone(),
        steps,
        deadlines,
        collected_vnd: case.current.collected.dong(),
        paid_to_you_vnd: i64::try_from(money.paid_out.0).unwrap_or(i64::MAX),
        officer: case.facts.officer.and_then(staff).map(|s| s.full_name),
    }))
}

/// The unit and case when `typed` is the case's code; `None` for any failure, after the same
/// reads either way.
pub fn matching(
    store: &dyn Store,
    units: &UnitTree,
    unit: &str,
    case_no: &str,
    typed: &str,
) -> AppResult<Option<(Unit, thads_core::Case)>> {
    let unit = units.all().iter().find(|u| u.code.as_str() == unit.trim()).cloned();
    let number = CaseNo::new(&thads_core::text::nfc(case_no.trim())).ok();
    let case = match (&unit, &number) {
        (Some(u), Some(n)) => store.case_by_no(u.id, n)?,
        _ => None,
    };
    // The same reads and the same computation for a case that does not exist.
    let id = case.as_ref().map_or(CaseId(-1), |c| c.id);
    let key = store.portal_key()?;
    let expected = derive(&key, id, store.lookup_nonce(id)?.as_deref());
    let right = LookupCode::parse(typed).is_ok_and(|given| same_code(&given, &expected));
    Ok(match (unit, case) {
        (Some(u), Some(c)) if right => Some((u, c)),
        _ => None,
    })
}
