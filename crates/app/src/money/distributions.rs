//! Distribution (thứ tự thanh toán) of money held for a debtor across every open case of that
//! debtor (the same `debtor_id`) in the province: `core::money::distribute` decides, this
//! writes it: the distribution and its allocations, one ledger entry (held for the debtor →
//! each case, costs, the rent reserve and the rest returned to the debtor) and each allocation
//! as that case's `collected` event on the distribution's date, all in one transaction.
//! Distributing more than is held for the debtor is refused.
//!
//! Batched (`allocate`): the debtor's cases are read and locked in one statement, their
//! histories in one, each allocated case's history is checked with its new event in memory,
//! and the events, the case rows, the statistics ledger, the deducted moves and the deadlines
//! are written a statement per kind for all cases, as an import writes them; the distribution
//! is audited once, each event keeps who recorded it and why. One distribution across 50,000
//! cases: see `thads-bench money`.

use std::collections::HashMap;

use serde_json::json;
use thads_core::money::custody::{Document, Head, distribution_entry};
use thads_core::money::party::DebtorId;
use thads_core::money::{Claim, Distribution, InterestOrder, Obligation, Proceeds, Rank, Vnd, distribute};
use thads_core::{CaseId, Entry, Event, EventCode, EventId, EventRecord, Rules, UnitId, UnitTree};
use thads_store::{AllocationRow, DebtorCase, NewAudit, NewDistribution, NewEvent, Store, WriteTx};
use time::Date;

use super::receipts::held_for_debtor;
use super::{amount_refusal, books_of, check_day};
use crate::actor::Actor;
use crate::error::{AppError, AppResult};
use crate::history::{LedgerDelta, check, check_with, deducted_rows, ledger_rows};

#[derive(Debug, Clone)]
pub struct DistributionInput {
    pub office: UnitId,
    pub debtor: DebtorId,
    pub date: Date,
    pub amount: Vnd,
    pub costs: Vnd,
    /// The day of the coercion decision the money came from, if it came from one.
    pub coercion_on: Option<Date>,
    /// The money is the price of the debtor's sole home: the rent reserve is set aside.
    pub sole_home_sold: bool,
    /// One year's rent (Điều 115 khoản 5), deducted after the costs when the sole home is sold.
    pub rent_reserve: Vnd,
    /// The cases whose creditors are secured by the asset sold (pledge, mortgage, seizure for
    /// their obligation): paid right after the costs.
    pub secured: Vec<CaseId>,
}

/// A distribution written.
#[derive(Debug, Clone)]
pub struct Distributed {
    pub id: i64,
    pub distribution: Distribution,
}

/// Distributes money held for a debtor.
pub fn distribute_held(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    units: &UnitTree,
    input: DistributionInput,
) -> AppResult<Distributed> {
    let mut tx = store.begin()?;
    let distributed = distribute_in(tx.as_mut(), actor, rules, units, input)?;
    tx.commit()?;
    Ok(distributed)
}

/// `distribute_held` inside a transaction the caller commits (an asset's sale price is
/// receipted and distributed with its handover).
pub fn distribute_in(
    tx: &mut dyn WriteTx,
    actor: &Actor,
    rules: &Rules,
    units: &UnitTree,
    input: DistributionInput,
) -> AppResult<Distributed> {
    if input.amount.is_zero() {
        return Err(amount_refusal("số tiền phân chia phải lớn hơn 0 / the amount must be more than zero".into()));
    }
    let unit = books_of(units, input.office)?;
    let scope: Vec<UnitId> = units.scope(unit).into_iter().collect();
    check_day(tx, unit, input.date, actor.today())?;
    let held = held_for_debtor(tx, unit, input.debtor.as_str())?;
    if i128::from(input.amount.dong()) > held {
        return Err(amount_refusal(format!(
            "chỉ đang giữ {held} đ của người phải thi hành án này / only {held} đồng is held for this debtor"
        )));
    }
    let cases = tx.debtor_cases_locked(&scope, input.debtor.as_str())?;
    if let Some(stray) = input.secured.iter().find(|id| !cases.iter().any(|c| c.case.id == **id)) {
        return Err(AppError::Field {
            field: "secured_case_ids",
            message: format!("việc #{} không phải của người phải thi hành án này / not a case of this debtor", stray.0),
        });
    }
    let (claims, proceeds) = claims_of(&input, &cases)?;
    let d = distribute(&proceeds, &claims).map_err(|e| AppError::Invalid(e.to_string()))?;
    let events = allocate(tx, actor, rules, &input, &cases, &d)?;
    let allocations = d
        .allocations
        .iter()
        .zip(&events)
        .map(|(a, event)| AllocationRow {
            case: a.case,
            case_no: a.case_no.to_string(),
            rank: a.rank.number(),
            principal: a.principal.dong(),
            interest: a.interest.dong(),
            event: Some(event.0),
        })
        .collect();
    let record = NewDistribution {
        unit,
        office: input.office,
        debtor: input.debtor.as_str().to_string(),
        date: input.date,
        amount: input.amount.dong(),
        costs: d.costs.dong(),
        coercion_on: input.coercion_on,
        returned: d.returned_to_debtor.dong() + d.rent_reserve.dong(),
        allocations,
        by: actor.login.clone(),
        at: actor.at,
    };
    let id = tx.insert_distribution(&record)?;
    let head = Head { unit, date: input.date, document: Document::Distribution(id) };
    let entry = distribution_entry(head, &input.debtor, &d).map_err(|e| AppError::Invalid(e.to_string()))?;
    tx.insert_entry(&entry, actor.at)?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: "money.distribution".into(),
        before: None,
        after: Some(
            json!({ "distribution": id, "debtor": input.debtor.as_str(), "amount": input.amount.dong(),
                    "costs": d.costs.dong(), "rent_reserve": d.rent_reserve.dong(), "cases": d.allocations.len(),
                    "secured": input.secured.iter().map(|c| c.0).collect::<Vec<_>>(),
                    "returned": record.returned })
            .to_string(),
        ),
    })?;
    Ok(Distributed { id, distribution: d })
}

/// The open cases of the debtor accepted by the distribution's day, each with its rank by the
/// dated rank table, and the proceeds under the dated ladder and interest order.
fn claims_of(input: &DistributionInput, cases: &[DebtorCase]) -> AppResult<(Vec<Claim>, Proceeds)> {
    let money_rules = super::rules();
    let table = money_rules.payment.ranks.on(input.date).map(|v| v.value.clone());
    let ladder = money_rules.payment.ladder.on(input.date).map(|v| v.value);
    let mut claims = Vec::with_capacity(cases.len());
    for DebtorCase { case, obligation } in cases {
        if case.current.state.is_closed() || case.current.outstanding.is_zero() || case.facts.accepted_on > input.date {
            continue;
        }
        let obligation = Obligation::parse(obligation).unwrap_or_default();
        let rank = table.as_ref().map_or(Rank::THIRD, |t| t.rank(obligation));
        let secured = input.secured.contains(&case.id);
        claims.push(Claim {
            case: case.id,
            case_no: case.facts.case_no.clone(),
            accepted_on: case.facts.accepted_on,
            rank,
            principal: case.current.outstanding,
            interest: Vnd::ZERO,
            secured: ladder.is_some_and(|l| l.apply(false, Vnd::ZERO, secured).1),
            before_coercion: input.coercion_on.is_some_and(|day| case.facts.accepted_on <= day),
        });
    }
    let rent_reserve = ladder.map_or(Vnd::ZERO, |l| l.apply(input.sole_home_sold, input.rent_reserve, false).0);
    let interest_order =
        money_rules.payment.interest.on(input.date).map(|v| v.value).unwrap_or(InterestOrder::WithPrincipal);
    let proceeds = Proceeds {
        amount: input.amount,
        costs: input.costs,
        rent_reserve,
        from_coercion: input.coercion_on.is_some(),
        interest_order,
    };
    Ok((claims, proceeds))
}

/// Records each allocation as its case's `collected` event, all cases at once: each history
/// is checked with its new event (the same checks as recording one by hand: the state machine,
/// never above what is owed, closed months), then events, case rows, the statistics ledger,
/// deducted moves and deadlines are written a statement per kind. Returns the events' ids in
/// the order of the allocations.
fn allocate(
    tx: &mut dyn WriteTx,
    actor: &Actor,
    rules: &Rules,
    input: &DistributionInput,
    cases: &[DebtorCase],
    d: &Distribution,
) -> AppResult<Vec<EventId>> {
    if d.allocations.is_empty() {
        return Ok(Vec::new());
    }
    let by_id: HashMap<CaseId, &DebtorCase> = cases.iter().map(|c| (c.case.id, c)).collect();
    let ids: Vec<CaseId> = d.allocations.iter().map(|a| a.case).collect();
    let mut histories: HashMap<CaseId, Vec<EventRecord>> = tx.records_of(&ids)?.into_iter().collect();
    let closings = crate::periods::Closings::load(tx, [input.date])?;
    let setup = crate::deadlines::DeadlineSetup::load_tx(tx)?;
    let note = format!("Phân chia tiền của người phải thi hành án {}", input.debtor);
    let (mut events, mut updates, mut delta) = (Vec::new(), Vec::new(), LedgerDelta::default());
    let (mut deducted_cases, mut deducted, mut deadlines) = (Vec::new(), Vec::new(), Vec::new());
    for a in &d.allocations {
        let case = &by_id.get(&a.case).ok_or_else(|| AppError::NotFound(format!("việc #{}", a.case.0)))?.case;
        closings.check(case.facts.unit, input.date)?;
        let stored = histories.remove(&a.case).unwrap_or_default();
        let before = check(&case.facts, &stored, actor.today(), rules).map_err(|f| f.stored(&case.facts.case_no))?;
        let event = Event { date: input.date, code: EventCode::Collected, amount: Some(a.total()), ground: None };
        let provisional = EventRecord {
            id: EventId(stored.iter().map(|r| r.id.0).max().unwrap_or(0) + 1),
            entry: Entry::Event(event.clone()),
            supersedes: None,
            note: note.clone(),
            recorded_by: actor.login.clone(),
            recorded_at: actor.at,
        };
        let after = check_with(&case.facts, &stored, std::slice::from_ref(&provisional), actor.today(), rules)?;
        let dims = case.facts.dims();
        delta.subtract(&ledger_rows(&dims, &before.ledger))?;
        delta.add(&ledger_rows(&dims, &after.ledger))?;
        if !before.ledger.deducted_moves.is_empty() || !after.ledger.deducted_moves.is_empty() {
            deducted_cases.push(case.id);
            deducted.extend(deducted_rows(case.id, &dims, &after.ledger));
        }
        deadlines.extend(crate::deadlines::deadline_rows(&setup, case.id, &case.facts, &after.steps));
        updates.push((case.id, case.version, after.update(&case.facts)));
        events.push(NewEvent {
            case: case.id,
            entry: Entry::Event(event),
            supersedes: None,
            note: note.clone(),
            recorded_by: actor.login.clone(),
            recorded_at: actor.at,
            batch: None,
        });
    }
    let event_ids = tx.insert_events(&events)?;
    tx.update_cases(&updates.iter().map(|(id, version, u)| (*id, *version, u)).collect::<Vec<_>>())?;
    tx.apply_ledger(&delta.into_rows())?;
    if !deducted_cases.is_empty() {
        tx.replace_deducted_moves(&deducted_cases, &deducted)?;
    }
    tx.touch_ledger()?;
    tx.replace_deadlines(&ids, &deadlines)?;
    Ok(event_ids)
}
