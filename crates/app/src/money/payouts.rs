//! Payouts (chi trả): money held for a case leaves to its creditor, the enforcement fee
//! (`core::money::fee`, a rate table kept as data with its citation; the built-in rate is
//! unconfirmed) withheld for the budget. Organisations are paid by transfer only, small sums
//! only go by post (bưu điện, to the payee's address, recorded); paying more than is held for the case is refused. The case is locked for
//! the payout, so two payouts at once cannot both spend the same money.

use serde_json::json;
use thads_core::field;
use thads_core::money::custody::{Account, CaseMoney, Document, Head, PayoutLine, payout_entry};
use thads_core::money::party::{IdNumber, Text};
use thads_core::money::{
    FeeQuestion, PayeeKind, PayoutMethod, PayoutRequest, Vnd, WageRegion, check_payout, fee_on_payment,
};
use thads_core::{CaseId, UnitTree};
use thads_store::{NewAudit, NewPayout, Store};
use time::Date;

use super::{amount_refusal, books_of, check_day};
use crate::actor::Actor;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone)]
pub struct PayoutInput {
    pub case: CaseId,
    pub date: Date,
    /// Taken from the case's money: what the payee receives plus the fee withheld.
    pub amount: Vnd,
    pub method: PayoutMethod,
    pub payee_kind: PayeeKind,
    pub payee: String,
    /// The identity document shown (VNeID, căn cước, passport, tax code).
    pub payee_id: Option<String>,
    /// Where a payout by post is sent (required with `post`, ignored otherwise).
    pub payee_address: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct PaidOut {
    pub id: i64,
    pub paid: Vnd,
    pub fee: Vnd,
}

/// The wage region the fee's and the post's thresholds are read in. The agency's seat's
/// region is not kept yet: region I, the highest amounts, so that a small sum is never sent by
/// post wrongly refused (say so where the figure is shown).
const REGION: WageRegion = WageRegion::I;

pub fn pay(store: &dyn Store, actor: &Actor, units: &UnitTree, input: PayoutInput) -> AppResult<PaidOut> {
    let payee = Text::of(&field::PAYEE, &input.payee)
        .map_err(|e| AppError::Field { field: "payee", message: e.to_string() })?;
    let payee_id = match input.payee_id.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Some(IdNumber::new(t).map_err(|e| AppError::Field { field: "payee_id", message: e.to_string() })?),
        None => None,
    };
    let payee_address = post_address(input.method, input.payee_address.as_deref())?;
    let rules = super::fee_rules::load_money_rules(store)?;
    let mut tx = store.begin()?;
    let case = tx.case_for_update(input.case)?.ok_or_else(|| AppError::NotFound(format!("việc #{}", input.case.0)))?;
    let unit = books_of(units, case.facts.unit)?;
    check_day(tx.as_mut(), unit, case.facts.unit, input.date, actor.today())?;
    let entries = tx.case_entries_tx(input.case)?;
    let money = CaseMoney::of(input.case, entries.iter().map(|r| &r.entry), Date::MAX);
    let on_day = CaseMoney::of(input.case, entries.iter().map(|r| &r.entry), input.date);
    let obligation = store.case_details(input.case)?.map(|d| d.obligation).unwrap_or_default();
    let gross =
        |m: &CaseMoney| Vnd::new(i64::try_from(m.paid_out.dong() + m.fees.dong()).unwrap_or(0)).unwrap_or(Vnd::ZERO);
    let fees = Vnd::new(i64::try_from(money.fees.dong()).unwrap_or(0)).unwrap_or(Vnd::ZERO);
    let question = FeeQuestion {
        day: input.date,
        region: REGION,
        obligation,
        received_before: gross(&money),
        charged_before: fees,
        payment: input.amount,
    };
    let fee =
        fee_on_payment(&rules.fees, &rules.references, &question).map_err(|e| AppError::Invalid(e.to_string()))?;
    let paid = input.amount.checked_sub(fee.withheld).unwrap_or(Vnd::ZERO);
    let request = PayoutRequest {
        day: input.date,
        region: REGION,
        payee: input.payee_kind,
        method: input.method,
        paid,
        fee: fee.withheld,
    };
    // Held on the payout's day and held today: a backdated payout may not spend money that
    // came in after it, nor money paid out since.
    for m in [&on_day, &money] {
        check_payout(m, &request, &rules.payout, &rules.references).map_err(|e| match e {
            thads_core::money::payout::PayoutRefusal::MoreThanHeld { .. } => amount_refusal(e.to_string()),
            other => AppError::Field { field: "method", message: other.to_string() },
        })?;
    }
    let record = NewPayout {
        unit,
        case: input.case,
        date: input.date,
        amount: input.amount.dong(),
        fee: fee.withheld.dong(),
        method: input.method.code().to_string(),
        payee_kind: match input.payee_kind {
            PayeeKind::Individual => "individual".into(),
            PayeeKind::Organisation => "organisation".into(),
        },
        payee: payee.as_str().to_string(),
        payee_id: payee_id.as_ref().map(|i| i.as_str().to_string()),
        payee_address,
        by: actor.login.clone(),
        at: actor.at,
    };
    let id = tx.insert_payout(&record)?;
    let head = Head { unit, date: input.date, document: Document::Payout(id) };
    let line = PayoutLine {
        case: input.case,
        from: Account::HeldForCase,
        through: input.method.through(),
        paid,
        fee: fee.withheld,
    };
    let entry = payout_entry(head, line).map_err(|e| AppError::Invalid(e.to_string()))?;
    tx.insert_entry(&entry, actor.at)?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(input.case),
        action: "money.payout".into(),
        before: None,
        after: Some(
            json!({ "payout": id, "amount": input.amount.dong(), "paid": paid.dong(), "fee": fee.withheld.dong(),
                    "method": record.method, "payee": record.payee, "payee_id": record.payee_id,
                    "payee_address": record.payee_address })
            .to_string(),
        ),
    })?;
    tx.commit()?;
    Ok(PaidOut { id, paid, fee: fee.withheld })
}

/// The payee's address a payout by post is sent to: required with `post`, not kept otherwise.
fn post_address(method: PayoutMethod, address: Option<&str>) -> AppResult<Option<String>> {
    if method != PayoutMethod::Post {
        return Ok(None);
    }
    let text = Text::of(&field::ADDRESS, address.unwrap_or(""))
        .map_err(|e| AppError::Field { field: "payee_address", message: e.to_string() })?;
    Ok(Some(text.as_str().to_string()))
}
