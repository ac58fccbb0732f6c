//! What the books say: a case's money (a fold of its postings), the cash book of a province's
//! accounts by day and account, the balances per case, the money held past its payout limit,
//! closing a day, and the monthly usage of receipt numbers.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;
use thads_core::money::custody::{
    Account, CaseMoney, EntryRecord, HeldLot, LedgerEntry, Movement, Party, Posting, Side, held_lots,
};
use thads_core::money::held_too_long;
use thads_core::{CaseId, UnitId};
use thads_store::{DayClosing, NewAudit, PostingSum, Store};
use time::Date;

use crate::actor::Actor;
use crate::error::{AppError, AppResult};

/// A case's money from every entry of its postings.
pub fn case_money(store: &dyn Store, case: CaseId) -> AppResult<CaseMoney> {
    let entries = store.case_entries(case)?;
    Ok(CaseMoney::of(case, entries.iter().map(|r| &r.entry), Date::MAX))
}

/// Folds summed postings into each case's money (the same fold as `CaseMoney::add`).
pub fn fold_sums(sums: &[PostingSum]) -> AppResult<BTreeMap<CaseId, CaseMoney>> {
    let mut out: BTreeMap<CaseId, CaseMoney> = BTreeMap::new();
    for s in sums {
        let movement =
            Movement::parse(&s.movement).ok_or_else(|| AppError::Invalid(format!("movement {}", s.movement)))?;
        let account = Account::parse(&s.account).ok_or_else(|| AppError::Invalid(format!("account {}", s.account)))?;
        let side = if s.side == "debit" { Side::Debit } else { Side::Credit };
        let amount = i64::try_from(s.amount).ok().and_then(|a| thads_core::Vnd::new(a).ok());
        let Some(amount) = amount else { return Err(AppError::Invalid(format!("sum {}", s.amount))) };
        if amount.is_zero() {
            continue;
        }
        let entry = LedgerEntry {
            unit: UnitId(0),
            date: Date::MIN,
            movement,
            document: None,
            reverses: None,
            postings: vec![Posting { account, party: Party::Case(s.case), side, amount }],
        };
        out.entry(s.case).or_default().add(s.case, &entry);
    }
    Ok(out)
}

/// One line of the cash book: an entry's movement through one holding account.
#[derive(Debug, Clone, Serialize)]
pub struct CashLine {
    pub date: Date,
    pub entry: i64,
    pub movement: &'static str,
    pub account: &'static str,
    /// `receipt`, `distribution`, `payout`…, and its id.
    pub document: Option<(String, i64)>,
    pub reversal: bool,
    pub debit: i64,
    pub credit: i64,
    /// The account's balance after this line.
    pub balance: i128,
}

/// The cash book of a unit's books over [from, to]: each movement of money through cash,
/// bank, treasury or savings, with the running balance of its account (opening balances from
/// every earlier entry).
pub fn cash_book(store: &dyn Store, unit: UnitId, from: Date, to: Date) -> AppResult<Vec<CashLine>> {
    let before =
        from.previous_day().map(|d| store.unit_entries(unit, super::EVER.0, d)).transpose()?.unwrap_or_default();
    let mut balance: BTreeMap<Account, i128> = BTreeMap::new();
    for p in before.iter().flat_map(|r| &r.entry.postings).filter(|p| p.account.is_holding()) {
        *balance.entry(p.account).or_default() += p.signed();
    }
    let mut lines = Vec::new();
    for r in store.unit_entries(unit, from, to)? {
        for p in r.entry.postings.iter().filter(|p| p.account.is_holding()) {
            let b = balance.entry(p.account).or_default();
            *b += p.signed();
            let (debit, credit) = match p.side {
                Side::Debit => (p.amount.dong(), 0),
                Side::Credit => (0, p.amount.dong()),
            };
            lines.push(CashLine {
                date: r.entry.date,
                entry: r.id.0,
                movement: r.entry.movement.code(),
                account: p.account.code(),
                document: thads_store::document_columns(r.entry.document)
                    .0
                    .zip(thads_store::document_columns(r.entry.document).1)
                    .map(|(k, i)| (k.to_string(), i)),
                reversal: r.entry.reverses.is_some(),
                debit,
                credit,
                balance: *b,
            });
        }
    }
    Ok(lines)
}

/// Each case of a unit's books that holds or held money, with its money.
pub fn balances(store: &dyn Store, unit: UnitId) -> AppResult<Vec<(CaseId, CaseMoney)>> {
    Ok(fold_sums(&store.unit_case_postings(unit)?)?.into_iter().collect())
}

/// The entries (each case's own postings) of the cases of a unit's books that hold money,
/// read in one statement (`Money::held_case_entries` over the unit's scope), for the pages
/// that fold each held case's lots: after a distribution, tens of thousands of cases.
pub struct HeldEntries(std::collections::HashMap<CaseId, Vec<EntryRecord>>);

impl HeldEntries {
    pub fn of(store: &dyn Store, unit: UnitId) -> AppResult<HeldEntries> {
        let scope: Vec<UnitId> = thads_core::UnitTree::new(store.units()?).scope(unit).into_iter().collect();
        Ok(HeldEntries(store.held_case_entries(&scope)?.into_iter().map(|h| (h.case, h.entries)).collect()))
    }

    /// The case's entries: from the read, or from the store for a case of these books whose
    /// unit is outside their scope now.
    pub fn of_case(&self, store: &dyn Store, case: CaseId) -> AppResult<std::borrow::Cow<'_, [EntryRecord]>> {
        Ok(match self.0.get(&case) {
            Some(entries) => std::borrow::Cow::Borrowed(entries.as_slice()),
            None => std::borrow::Cow::Owned(store.case_entries(case)?),
        })
    }
}

/// Money of a case held past its payout limit on `on`.
#[derive(Debug, Clone, Serialize)]
pub struct HeldLong {
    pub case: CaseId,
    pub since: Date,
    pub due: Date,
    pub amount: i64,
}

/// Every lot of money held for a case of the unit's books past its payout limit (10 days from
/// collection, the case rule `payout`) on `on`: the accountant's alert.
pub fn held_too_long_in(store: &dyn Store, unit: UnitId, on: Date) -> AppResult<Vec<HeldLong>> {
    let setup = crate::deadlines::DeadlineSetup::load(store)?;
    let held = HeldEntries::of(store, unit)?;
    let mut out = Vec::new();
    for (case, money) in balances(store, unit)? {
        if money.held.dong() <= 0 {
            continue;
        }
        let lots: Vec<HeldLot> = held_lots(case, &held.of_case(store, case)?);
        for late in held_too_long(&lots, on, &setup.rules, &setup.calendar) {
            out.push(HeldLong { case, since: late.lot.since, due: late.due, amount: late.lot.amount.dong() });
        }
    }
    out.sort_by_key(|h| (h.due, h.case));
    Ok(out)
}

/// Closes a day of the unit's books: nothing more is written dated that day.
pub fn close_day(store: &dyn Store, actor: &Actor, unit: UnitId, date: Date) -> AppResult<()> {
    if date > actor.today() {
        return Err(AppError::Field { field: "date", message: "ngày sau ngày hôm nay / a date after today".into() });
    }
    let mut tx = store.begin()?;
    tx.close_day(&DayClosing { unit, date, by: actor.login.clone(), at: actor.at })?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: "money.close_day".into(),
        before: None,
        after: Some(json!({ "unit": unit.0, "date": thads_core::dates::format_iso(date) }).to_string()),
    })?;
    tx.commit()?;
    Ok(())
}

/// The receipts of a month: numbers used (first, last), how many, how many cancelled, the sum
/// of the valid ones (báo cáo tình hình sử dụng biên lai).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReceiptUsage {
    pub first: Option<u32>,
    pub last: Option<u32>,
    pub issued: u32,
    pub cancelled: u32,
    pub amount: i128,
}

pub fn receipt_usage(store: &dyn Store, unit: UnitId, from: Date, to: Date) -> AppResult<ReceiptUsage> {
    let query = thads_store::ReceiptQuery { unit, from, to, case: None, limit: u32::MAX };
    let mut usage = ReceiptUsage::default();
    for r in store.receipts(&query)? {
        usage.first = Some(usage.first.map_or(r.number, |f| f.min(r.number)));
        usage.last = Some(usage.last.map_or(r.number, |l| l.max(r.number)));
        usage.issued += 1;
        if r.cancelled.is_some() {
            usage.cancelled += 1;
        } else {
            usage.amount += i128::from(r.receipt.amount);
        }
    }
    Ok(usage)
}
