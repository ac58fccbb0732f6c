//! The public list of debtors without means, computed when asked from the histories as they
//! stand (domain §3.6): a case is listed from the publication day after the decision that began
//! its current spell without means (`core::portal::spells`), with only the fields the law
//! names, and is gone the moment the spell ends. The list's past is the same computation over
//! every spell of every history, for the agency's page: nothing is kept that could drift.

use thads_core::calendar::WorkingCalendar;
use thads_core::case::Obligation;
use thads_core::deadlines::Limits;
use thads_core::portal::{ListedSpell, PublicationLimit, default_publication_limits, spells};
use thads_core::{CaseId, CaseNo, CaseState, Rules, UnitId};
use thads_store::{CaseQuery, ScanFilter, StateFilter, Store};
use time::Date;

use crate::deadlines::DeadlineSetup;
use crate::error::AppResult;
use crate::history::check;

/// Which debtors: the units of a scope, words of a name or decision number (any diacritics).
#[derive(Debug, Clone)]
pub struct DebtorQuery {
    pub units: Vec<UnitId>,
    pub text: Option<String>,
    /// At most this many (1–200).
    pub limit: u32,
}

/// A debtor on the list: only what the law requires to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedDebtor {
    pub case: CaseId,
    pub name: String,
    pub address: String,
    pub unit: UnitId,
    pub case_no: CaseNo,
    pub obligation: Obligation,
    /// Still owed.
    pub outstanding_vnd: i64,
    pub listed_on: Date,
}

/// The current spell of a case without means, if its history replays to one.
fn current_spell(
    store: &dyn Store,
    case: &thads_core::Case,
    rules: &Rules,
    today: Date,
    limits: &Limits<PublicationLimit>,
    calendar: &WorkingCalendar,
) -> AppResult<Option<ListedSpell>> {
    let records = store.records(case.id)?;
    let Ok(checked) = check(&case.facts, &records, today, rules) else { return Ok(None) };
    if !matches!(checked.current.state, CaseState::WithoutMeans) {
        return Ok(None);
    }
    Ok(spells(&checked.steps, limits, calendar).into_iter().last().filter(|s| s.ended_on.is_none()))
}

/// The debtors listed on `today`.
pub fn listed_debtors(
    store: &dyn Store,
    rules: &Rules,
    query: &DebtorQuery,
    today: Date,
) -> AppResult<Vec<ListedDebtor>> {
    let words: Vec<String> = query
        .text
        .as_deref()
        .map(thads_core::text::fold)
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let limit = query.limit.clamp(1, 200);
    let found = store.list_cases(&CaseQuery {
        units: Some(query.units.clone()),
        state: Some(StateFilter::Is(CaseState::WithoutMeans)),
        text: (!words.is_empty()).then(|| words.join(" ")),
        limit: 500,
        ..CaseQuery::default()
    })?;
    let setup = DeadlineSetup::load(store)?;
    let limits = default_publication_limits();
    let mut out = Vec::new();
    for case in found.cases {
        // The search also finds creditors' names: a creditor is never published.
        let named = thads_core::text::fold(&case.facts.debtor);
        let number = thads_core::text::fold(case.facts.case_no.as_str());
        if !words
            .iter()
            .all(|w| named.split_whitespace().any(|n| n.starts_with(w.as_str())) || number.contains(w.as_str()))
        {
            continue;
        }
        let Some(spell) = current_spell(store, &case, rules, today, &limits, &setup.calendar)? else { continue };
        if !spell.listed_at(today) {
            continue;
        }
        let details = store.case_details(case.id)?.unwrap_or_default();
        out.push(ListedDebtor {
            case: case.id,
            name: case.facts.debtor.clone(),
            address: details.debtor_address.clone(),
            unit: case.facts.unit,
            case_no: case.facts.case_no.clone(),
            obligation: details.obligation,
            outstanding_vnd: case.current.outstanding.dong(),
            listed_on: spell.listed_on,
        });
        if out.len() >= limit as usize {
            break;
        }
    }
    Ok(out)
}

/// One spell of the list's past: a case, its debtor, when it was listed and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpellRow {
    pub case: CaseId,
    pub unit: UnitId,
    pub case_no: CaseNo,
    pub debtor: String,
    pub spell: ListedSpell,
}

/// Every spell that was (or is) on the list for cases of `units`, newest first, at most
/// `limit`: the list's history for the agency, computed from the histories.
pub fn list_history(
    store: &dyn Store,
    rules: &Rules,
    units: &[UnitId],
    today: Date,
    limit: usize,
) -> AppResult<Vec<SpellRow>> {
    let setup = DeadlineSetup::load(store)?;
    let limits = default_publication_limits();
    let mut out = Vec::new();
    let filter = ScanFilter { units: Some(units.to_vec()), ..ScanFilter::default() };
    store.scan_histories(&filter, &mut |h| {
        if let Ok(checked) = check(&h.case.facts, &h.records, today, rules) {
            for spell in spells(&checked.steps, &limits, &setup.calendar) {
                // A spell that ended before its publication day was never on the list.
                if spell.ended_on.is_some_and(|end| end <= spell.listed_on) || spell.listed_on > today {
                    continue;
                }
                out.push(SpellRow {
                    case: h.case.id,
                    unit: h.case.facts.unit,
                    case_no: h.case.facts.case_no.clone(),
                    debtor: h.case.facts.debtor.clone(),
                    spell,
                });
            }
        }
        Ok(())
    })?;
    out.sort_by(|a, b| b.spell.listed_on.cmp(&a.spell.listed_on).then(b.case.cmp(&a.case)));
    out.truncate(limit);
    Ok(out)
}
