//! Distribution (thứ tự thanh toán) of money held for a debtor across every open case of that
//! debtor (the same `debtor_id`) in the province: `core::money::distribute` decides, this
//! writes it: the distribution and its allocations, one ledger entry (held for the debtor →
//! each case, costs, returned to the debtor) and each allocation as that case's `collected`
//! event on the distribution's date, all in one transaction. Distributing more than is held for
//! the debtor is refused.

use serde_json::json;
use thads_core::money::custody::{Document, Head, distribution_entry};
use thads_core::money::party::DebtorId;
use thads_core::money::{Claim, Distribution, Proceeds, Vnd, distribute};
use thads_core::{Entry, Event, EventCode, Rules, UnitId, UnitTree};
use thads_store::{AllocationRow, NewAudit, NewDistribution, Store};
use time::Date;

use super::receipts::held_for_debtor;
use super::{amount_refusal, books_of, check_day, newest_record};
use crate::actor::Actor;
use crate::cases::record::{NewRecord, record_in};
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone)]
pub struct DistributionInput {
    pub office: UnitId,
    pub debtor: DebtorId,
    pub date: Date,
    pub amount: Vnd,
    pub costs: Vnd,
    /// The day of the coercion decision the money came from, if it came from one.
    pub coercion_on: Option<Date>,
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
    let distributed = distribute_in(store, tx.as_mut(), actor, rules, units, input, &[])?;
    tx.commit()?;
    Ok(distributed)
}

/// `distribute_held` inside a transaction the caller commits; the cases in `secured` are the
/// creditors the asset sold secured (paid first after the costs, Điều 47 khoản 3).
pub fn distribute_in(
    store: &dyn Store,
    tx: &mut dyn thads_store::WriteTx,
    actor: &Actor,
    rules: &Rules,
    units: &UnitTree,
    input: DistributionInput,
    secured: &[thads_core::CaseId],
) -> AppResult<Distributed> {
    if input.amount.is_zero() {
        return Err(amount_refusal("số tiền phân chia phải lớn hơn 0 / the amount must be more than zero".into()));
    }
    let unit = books_of(units, input.office)?;
    let scope: Vec<UnitId> = units.scope(unit).into_iter().collect();
    let money_rules = super::rules();
    check_day(tx, unit, input.date, actor.today())?;
    let held = held_for_debtor(tx, unit, input.debtor.as_str())?;
    if i128::from(input.amount.dong()) > held {
        return Err(amount_refusal(format!(
            "chỉ đang giữ {held} đ của người phải thi hành án này / only {held} đồng is held for this debtor"
        )));
    }
    let mut claims = Vec::new();
    for case_id in tx.debtor_cases(&scope, input.debtor.as_str())? {
        let Some(case) = tx.case_for_update(case_id)? else { continue };
        if case.current.state.is_closed() || case.current.outstanding.is_zero() || case.facts.accepted_on > input.date {
            continue;
        }
        let obligation = store.case_details(case_id)?.map(|d| d.obligation).unwrap_or_default();
        let table = money_rules.payment.ranks.on(input.date).map(|v| v.value.clone());
        let rank = table.map(|t| t.rank(obligation)).unwrap_or(thads_core::money::Rank::THIRD);
        claims.push(Claim {
            case: case_id,
            case_no: case.facts.case_no.clone(),
            accepted_on: case.facts.accepted_on,
            rank,
            principal: case.current.outstanding,
            interest: Vnd::ZERO,
            secured: secured.contains(&case_id),
            before_coercion: input.coercion_on.is_some_and(|day| case.facts.accepted_on <= day),
        });
    }
    let interest_order = money_rules
        .payment
        .interest
        .on(input.date)
        .map(|v| v.value)
        .unwrap_or(thads_core::money::InterestOrder::WithPrincipal);
    let proceeds = Proceeds {
        amount: input.amount,
        costs: input.costs,
        rent_reserve: Vnd::ZERO,
        from_coercion: input.coercion_on.is_some(),
        interest_order,
    };
    let d = distribute(&proceeds, &claims).map_err(|e| AppError::Invalid(e.to_string()))?;
    let mut allocations = Vec::with_capacity(d.allocations.len());
    for a in &d.allocations {
        let event = Event { date: input.date, code: EventCode::Collected, amount: Some(a.total()), ground: None };
        let note = format!("Phân chia tiền của người phải thi hành án {}", input.debtor);
        record_in(tx, actor, rules, a.case, None, NewRecord { entry: Entry::Event(event), supersedes: None, note })?;
        let event = newest_record(tx, a.case)?;
        allocations.push(AllocationRow {
            case: a.case,
            case_no: a.case_no.to_string(),
            rank: a.rank.number(),
            principal: a.principal.dong(),
            interest: a.interest.dong(),
            event: event.map(|e| e.0),
        });
    }
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
                    "costs": d.costs.dong(), "cases": d.allocations.len(), "returned": record.returned })
            .to_string(),
        ),
    })?;
    Ok(Distributed { id, distribution: d })
}
