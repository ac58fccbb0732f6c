//! Money in custody in the demo (issue 18): in each province that has six quiet open cases
//! with means, through the use cases an accountant uses (`crate::money`), so that every money
//! screen shows something: a receipt paid out in part with the rest held past its ten days (the
//! accountant's alert), a receipt of a few days ago (a payout deadline running in the
//! worklist), another receipt, and a debtor with three cases of ranks 1, 2 and 3 whose money is
//! receipted (a first receipt with the wrong amount cancelled, with its reason: a debtor's, so
//! that no case's history holds a void), distributed (costs first) and paid out to the first
//! rank, and a closed day. The first case's payee does not come: a notice by post, then half
//! of what is held put in a savings deposit, with interest added to the case. All dated in the 25 days before the demo's day, before the months
//! are closed; recorded as the province's accountant (`kt.<province code>`). Before the 2025
//! reform, a receipt in each of three provinces the reform merges (`before_reform`), whose
//! books the reform then hands over to the successor.

use thads_core::money::party::DebtorId;
use thads_core::money::receipt::PaymentMethod;
use thads_core::money::{Obligation, PayeeKind, PayoutMethod, ReceiptFor};
use thads_core::{Case, CaseState, PartyId, Rules, UnitKind, UnitTree, Vnd};
use thads_store::{CaseQuery, StateFilter, Store};
use time::{Date, Duration};

use crate::actor::Actor;
use crate::error::{AppError, AppResult};
use crate::money::distributions::{DistributionInput, distribute_held};
use crate::money::payouts::{PayoutInput, pay};
use crate::money::receipts::{ReceiptInput, cancel, issue};

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MoneySummary {
    pub receipts: u64,
    pub distributions: u64,
    pub payouts: u64,
    /// `collected` events recorded on cases (receipts on a case and allocations).
    pub events: u64,
    /// Savings deposits of unclaimed money.
    pub deposits: u64,
}

/// Writes the money of every province that has enough open cases with means.
pub fn seed(store: &dyn Store, rules: &Rules, as_of: Date) -> AppResult<MoneySummary> {
    let units = UnitTree::new(store.units()?);
    let mut provinces: Vec<_> =
        units.all().iter().filter(|u| u.kind == UnitKind::Province && u.valid_to.is_none()).cloned().collect();
    provinces.sort_by(|a, b| a.code.cmp(&b.code));
    let mut summary = MoneySummary::default();
    for (i, province) in provinces.iter().enumerate() {
        let at = as_of.with_time(time::Time::MIDNIGHT).assume_offset(crate::clock::VIETNAM) + Duration::hours(15);
        let actor = Actor { login: format!("kt.{}", province.code.as_str().to_lowercase()), at };
        let Some(cases) = eligible(store, &units, province.id, as_of)? else { continue };
        book(store, rules, &units, &actor, province.id, &cases, as_of, i, &mut summary)?;
    }
    Ok(summary)
}

/// How many of the provinces the reform merges into another hold money when it happens.
const HELD_AT_REFORM: usize = 3;

/// Before the reform: a receipt of 1,500,000 đồng on a case of each of the first
/// `HELD_AT_REFORM` provinces that the reform merges into another (dated two weeks before it,
/// into the old province's books, as its accountant), so that the reform hands their books over to
/// the successor (`reorg::books`) and the successor's cash book of 01/07/2025 shows it. The first
/// of them also receipts a debtor's transfer twice by mistake (`HeldAtReform::duplicate`), which
/// the successor's accountant cancels after the reform (`after_reform`).
pub fn before_reform(
    store: &dyn Store,
    rules: &Rules,
    merges: &[super::org::Merge],
    as_of: Date,
) -> AppResult<HeldAtReform> {
    let units = UnitTree::new(store.units()?);
    let is_province = |u: &thads_core::UnitId| units.get(*u).is_some_and(|x| x.kind == UnitKind::Province);
    let merged: Vec<thads_core::UnitId> = merges
        .iter()
        .filter(|m| is_province(&m.into))
        .flat_map(|m| m.from.iter().copied())
        .filter(|u| is_province(u))
        .take(HELD_AT_REFORM)
        .collect();
    let day = super::org::REFORM - Duration::days(15);
    // Recorded on the demo's day (the cases' histories go on past the receipt's).
    let at = as_of.with_time(time::Time::MIDNIGHT).assume_offset(crate::clock::VIETNAM) + Duration::hours(9);
    let mut held = HeldAtReform::default();
    for province in merged {
        let code = units.get(province).map(|u| u.code.as_str().to_lowercase()).unwrap_or_default();
        let actor = Actor { login: format!("kt.{code}"), at };
        if held.duplicate.is_none() {
            let twice = ReceiptInput {
                office: province,
                paid_for: ReceiptFor::Debtor(
                    DebtorId::new(DUPLICATED_DEBTOR).map_err(|e| AppError::Invalid(e.to_string()))?,
                ),
                date: day,
                amount: vnd(700_000)?,
                payer: "Đỗ Văn Trùng".into(),
                method: PaymentMethod::Transfer,
            };
            held.duplicate = Some(issue(store, &actor, rules, &units, twice)?.id);
        }
        let query = CaseQuery {
            units: Some(units.scope(province).into_iter().collect()),
            state: Some(StateFilter::Open),
            limit: 200,
            ..CaseQuery::default()
        };
        let open = store
            .list_cases(&query)?
            .cases
            .into_iter()
            .filter(|c| c.facts.accepted_on < day && c.current.outstanding.dong() >= 20_000_000);
        for case in open {
            let input = ReceiptInput {
                office: case.facts.unit,
                paid_for: ReceiptFor::Case(case.id),
                date: day,
                amount: vnd(1_500_000)?,
                payer: case.facts.debtor.clone(),
                method: PaymentMethod::Cash,
            };
            match issue(store, &actor, rules, &units, input) {
                Ok(_) => {
                    held.on_cases += 1;
                    held.cases.push(case.id);
                    break;
                }
                // A case whose history refuses the money that day: the next one.
                Err(AppError::Refused(_) | AppError::Field { .. } | AppError::PeriodClosed(_)) => continue,
                Err(other) => return Err(other),
            }
        }
    }
    Ok(held)
}

/// The debtor whose transfer a merged province receipted twice before the reform.
const DUPLICATED_DEBTOR: &str = "030085000777";

/// What `before_reform` wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeldAtReform {
    /// Receipts on cases (each a `collected` event).
    pub on_cases: u64,
    /// The cases those receipts were on.
    pub cases: Vec<thads_core::CaseId>,
    /// A debtor's receipt issued twice by mistake, to be cancelled after the reform.
    pub duplicate: Option<i64>,
}

/// After the reform: the successor's accountant cancels the duplicated receipt of the merged
/// province's books, three days after the reform; the reversal is written into the successor's
/// books, which took the money over (`receipts::cancel`).
pub fn after_reform(store: &dyn Store, rules: &Rules, held: &HeldAtReform, as_of: Date) -> AppResult<()> {
    let Some(id) = held.duplicate else { return Ok(()) };
    let units = UnitTree::new(store.units()?);
    let receipt = store.receipt(id)?.ok_or_else(|| AppError::NotFound(format!("biên lai #{id}")))?;
    let successor = crate::reorg::books::books_now(&units, receipt.receipt.unit);
    let code = units.get(successor).map(|u| u.code.as_str().to_lowercase()).unwrap_or_default();
    let at = as_of.with_time(time::Time::MIDNIGHT).assume_offset(crate::clock::VIETNAM) + Duration::hours(10);
    let actor = Actor { login: format!("kt.{code}"), at };
    let on = super::org::REFORM + Duration::days(3);
    cancel(store, &actor, rules, &units, id, on, "Biên lai lập trùng cho cùng một khoản chuyển khoản")?;
    move_with_money(store, held, as_of)
}

/// The province a section moves out of after the reform, and the one it moves under: a section
/// of Hồ Chí Minh formed from Bình Dương, which borders Đồng Nai.
const MOVED: (&str, &str) = ("HCM", "DNA");

/// A week after the reform, the section of `MOVED.0` that holds a case's money since before the
/// reform (`HeldAtReform::cases`) is moved under `MOVED.1`: the case's money goes with it into
/// that province's books (`reorg::move_unit`). Nothing when no such case's money is there.
fn move_with_money(store: &dyn Store, held: &HeldAtReform, as_of: Date) -> AppResult<()> {
    let units = UnitTree::new(store.units()?);
    let (Some(from), Some(to)) = (units.by_code(MOVED.0), units.by_code(MOVED.1)) else { return Ok(()) };
    for case in &held.cases {
        let Some(found) = store.case(*case)? else { continue };
        let section = units.ancestry(found.facts.unit).into_iter().find(|u| u.parent == Some(from.id));
        let Some(section) = section else { continue };
        let at = as_of.with_time(time::Time::MIDNIGHT).assume_offset(crate::clock::VIETNAM) + Duration::hours(11);
        let actor = Actor { login: "demo".into(), at };
        let on = super::org::REFORM + Duration::days(7);
        crate::reorg::move_unit(store, &actor, section.code.as_str(), to.code.as_str(), on)?;
        return Ok(());
    }
    Ok(())
}

/// The days before `as_of` the province's money moves on.
fn day(as_of: Date, back: i64) -> Date {
    as_of - Duration::days(back)
}

/// Six open cases with means of the province's scope, with details, that owe at least 20
/// million đồng and had nothing happen after the first day money moves; `None` without six.
fn eligible(
    store: &dyn Store,
    units: &UnitTree,
    province: thads_core::UnitId,
    as_of: Date,
) -> AppResult<Option<Vec<Case>>> {
    let first = day(as_of, 25);
    let mut out = Vec::new();
    for page in 0..4 {
        let query = CaseQuery {
            units: Some(units.scope(province).into_iter().collect()),
            state: Some(StateFilter::Is(CaseState::WithMeans)),
            offset: page * 500,
            limit: 500,
            ..CaseQuery::default()
        };
        let found = store.list_cases(&query)?;
        for case in found.cases {
            let quiet = case.last_event_on.is_none_or(|d| d < first) && case.facts.accepted_on < first;
            if quiet && case.current.outstanding.dong() >= 20_000_000 && store.case_details(case.id)?.is_some() {
                out.push(case);
                if out.len() == 6 {
                    return Ok(Some(out));
                }
            }
        }
        if !found.more {
            break;
        }
    }
    Ok(None)
}

/// Whole thousands of đồng, a share of what a case owes.
fn part(case: &Case, numerator: i64, denominator: i64) -> AppResult<Vnd> {
    let d = case.current.outstanding.dong() / denominator * numerator / 1_000 * 1_000;
    Vnd::new(d.max(1_000)).map_err(|e| AppError::Invalid(e.to_string()))
}

fn vnd(d: i64) -> AppResult<Vnd> {
    Vnd::new(d).map_err(|e| AppError::Invalid(e.to_string()))
}

#[allow(clippy::too_many_arguments)]
fn book(
    store: &dyn Store,
    rules: &Rules,
    units: &UnitTree,
    actor: &Actor,
    province: thads_core::UnitId,
    cases: &[Case],
    as_of: Date,
    index: usize,
    summary: &mut MoneySummary,
) -> AppResult<()> {
    let receipt = |case: &Case, back: i64, amount: Vnd, method: PaymentMethod| -> AppResult<i64> {
        let input = ReceiptInput {
            office: case.facts.unit,
            paid_for: ReceiptFor::Case(case.id),
            date: day(as_of, back),
            amount,
            payer: case.facts.debtor.clone(),
            method,
        };
        Ok(issue(store, actor, rules, units, input)?.id)
    };
    let payout = |case: &Case, back: i64, amount: Vnd, method: PayoutMethod, kind: PayeeKind| -> AppResult<()> {
        let input = PayoutInput {
            case: case.id,
            date: day(as_of, back),
            amount,
            method,
            payee_kind: kind,
            payee: case.facts.creditor.clone(),
            payee_id: Some(format!("0{:011}", 79_000_000_000u64 + case.id.0.unsigned_abs() % 1_000_000_000)),
            payee_address: (method == PayoutMethod::Post).then(|| "Số 8 đường Trần Phú, phường 4".to_string()),
        };
        pay(store, actor, units, input).map(|_| ())
    };
    // Paid out in part; the rest held past its ten days.
    let a = &cases[0];
    receipt(a, 25, part(a, 1, 4)?, PaymentMethod::Cash)?;
    payout(a, 20, part(a, 1, 8)?, PayoutMethod::Cash, PayeeKind::Individual)?;
    // The payee did not come: notified by post, then part of the rest deposited in savings
    // after the 15 days, with a month's interest added to the case.
    unclaimed(store, actor, units, a, as_of)?;
    summary.deposits += 1;
    // A few days ago: its payout limit runs in the worklist.
    receipt(&cases[1], 3, part(&cases[1], 1, 5)?, PaymentMethod::Transfer)?;
    receipt(&cases[2], 6, part(&cases[2], 1, 10)?, PaymentMethod::Cash)?;
    summary.receipts += 3;
    summary.payouts += 1;
    summary.events += 3;
    // One debtor, three cases: ranks 1, 2 and 3.
    let debtor_text =
        format!("{:012}", 1_000_000_000u64 + (province.0.unsigned_abs() * 7919 + index as u64) % 1_000_000_000);
    let debtor = DebtorId::new(&debtor_text).map_err(|e| AppError::Invalid(e.to_string()))?;
    let party = PartyId::parse("debtor_id", thads_core::field::DEBTOR_ID, &debtor_text)?;
    let mut tx = store.begin()?;
    for (case, obligation) in cases[3..].iter().zip([Obligation::CapDuong, Obligation::AnPhi, Obligation::Khac]) {
        let mut details = store.case_details(case.id)?.unwrap_or_default();
        details.debtor_id = party.clone();
        details.obligation = obligation;
        tx.put_case_details(case.id, &details)?;
    }
    tx.commit()?;
    let (first, second) = (&cases[3], &cases[4]);
    let costs = vnd(2_000_000)?;
    // Enough for the costs, all of rank 1 and part of rank 2.
    let amount = costs
        .checked_add(first.current.outstanding)
        .and_then(|v| v.checked_add(part(second, 1, 2).ok()?))
        .ok_or_else(|| AppError::Invalid("amount".into()))?;
    let held = |amount: Vnd| ReceiptInput {
        office: first.facts.unit,
        paid_for: ReceiptFor::Debtor(debtor.clone()),
        date: day(as_of, 14),
        amount,
        payer: first.facts.debtor.clone(),
        method: PaymentMethod::Transfer,
    };
    // Cancelled: the wrong amount typed (a debtor's receipt: no case's history changes).
    let typo = amount.checked_add(vnd(1_000_000)?).ok_or_else(|| AppError::Invalid("amount".into()))?;
    let wrong = issue(store, actor, rules, units, held(typo))?.id;
    cancel(store, actor, rules, units, wrong, day(as_of, 14), "Ghi sai số tiền trên biên lai")?;
    issue(store, actor, rules, units, held(amount))?;
    let input = DistributionInput {
        office: province,
        debtor,
        date: day(as_of, 12),
        amount,
        costs,
        coercion_on: None,
        sole_home_sold: false,
        rent_reserve: Vnd::ZERO,
        secured: Vec::new(),
    };
    let d = distribute_held(store, actor, rules, units, input)?;
    summary.receipts += 2;
    summary.distributions += 1;
    summary.events += d.distribution.allocations.len() as u64;
    // The first rank is paid out by transfer; the second's share is still held, overdue.
    if let Some(a) = d.distribution.allocations.first() {
        payout(first, 9, a.total(), PayoutMethod::Transfer, PayeeKind::Individual)?;
        summary.payouts += 1;
    }
    crate::money::books::close_day(store, actor, crate::money::books_of(units, province)?, day(as_of, 20))?;
    Ok(())
}

/// A notice by post 19 days before the demo's day and, the claim period over, a savings
/// deposit of half of what is held for `case` 2 days before, with interest the day after.
fn unclaimed(store: &dyn Store, actor: &Actor, units: &UnitTree, case: &Case, as_of: Date) -> AppResult<()> {
    use crate::money::savings::{DepositInput, NoticeInput, OnDeposit, credit_interest, deposit, notify};
    use thads_core::money::NoticeHow;
    use thads_core::money::custody::Account;
    notify(
        store,
        actor,
        units,
        NoticeInput {
            case: case.id,
            date: day(as_of, 19),
            how: NoticeHow::Post,
            payee: case.facts.creditor.clone(),
            address: Some("Số 8 đường Trần Phú, phường 4".into()),
        },
    )?;
    let held = crate::money::books::case_money(store, case.id)?.held.dong();
    let half = vnd(i64::try_from(held / 2).unwrap_or(0))?;
    if half.is_zero() {
        return Ok(());
    }
    let input = DepositInput {
        case: case.id,
        date: day(as_of, 2),
        bank: "Ngân hàng TMCP Ngoại thương Việt Nam".into(),
        passbook: format!("TK-{:06}", case.id.0.unsigned_abs() % 1_000_000),
        amount: half,
        // The receipt was in cash.
        from: Account::Cash,
    };
    let id = deposit(store, actor, units, input)?;
    // About 0.2 % a month on a non-term deposit, whole đồng.
    let interest = vnd((half.dong() / 500).max(1))?;
    credit_interest(store, actor, OnDeposit { deposit: id, date: day(as_of, 1), amount: interest, into: Account::Bank })
}
