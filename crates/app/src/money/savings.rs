//! Unclaimed money (issue 18): a case's money held past its payout limit is notified to its
//! payee (`notify`); once the payee's period to come has run out it is put in a savings deposit
//! at a bank (`deposit`), whose interest is added to the case's money (`credit_interest`) and
//! which is withdrawn back to the custody account to be paid out (`withdraw`). Each is a ledger
//! entry recording the deposit (`Document::Deposit`), in the same transaction as its document
//! and its audit row, the case locked; `unclaimed` lists where each case of a province's books
//! stands (`core::money::savings::unclaimed`), for the accountant's page and the worklist.

use serde::Serialize;
use serde_json::json;
use thads_core::field;
use thads_core::money::Vnd;
use thads_core::money::custody::EntryError as LedgerEntryError;
use thads_core::money::custody::{
    Account, CaseMoney, Document, Head, deposit_balance, deposit_entry, held_lots, interest_entry, withdrawal_entry,
};
use thads_core::money::party::Text;
use thads_core::money::savings::{
    BANK, InterestTo, NoticeHow, Unclaimed, UnclaimedQuestion, check_deposit, check_withdrawal, passbook, unclaimed,
};
use thads_core::{CaseId, UnitId, UnitTree};
use thads_store::{DepositRecord, NewAudit, NewDeposit, NewNotice, Store, WriteTx};
use time::Date;

use super::{amount_refusal, books_of, check_day};
use crate::actor::Actor;
use crate::error::{AppError, AppResult};

fn field_error(field: &'static str) -> impl Fn(thads_core::field::FieldError) -> AppError {
    move |e| AppError::Field { field, message: e.to_string() }
}

/// A notice to the payee to come for the case's money (thông báo nhận tiền).
#[derive(Debug, Clone)]
pub struct NoticeInput {
    pub case: CaseId,
    pub date: Date,
    pub how: NoticeHow,
    pub payee: String,
    pub address: Option<String>,
}

pub fn notify(store: &dyn Store, actor: &Actor, units: &UnitTree, input: NoticeInput) -> AppResult<i64> {
    let payee = Text::of(&field::PAYEE, &input.payee).map_err(field_error("payee"))?;
    let address = match input.address.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => Some(Text::of(&field::ADDRESS, a).map_err(field_error("address"))?.as_str().to_string()),
        None if input.how == NoticeHow::Post => {
            return Err(AppError::Field {
                field: "address",
                message: "gửi qua bưu chính cần địa chỉ / a notice by post needs the address".into(),
            });
        }
        None => None,
    };
    let mut tx = store.begin()?;
    let case = tx.case_for_update(input.case)?.ok_or_else(|| AppError::NotFound(format!("việc #{}", input.case.0)))?;
    let unit = books_of(units, case.facts.unit)?;
    if input.date > actor.today() {
        return Err(AppError::Field { field: "date", message: "ngày sau ngày hôm nay / a date after today".into() });
    }
    let money = CaseMoney::of(input.case, tx.case_entries_tx(input.case)?.iter().map(|r| &r.entry), Date::MAX);
    if money.held.dong() <= money.savings.dong() {
        return Err(amount_refusal(
            "việc không còn tiền đang giữ chờ chi trả / no money of the case awaits payout".into(),
        ));
    }
    let notice = NewNotice {
        unit,
        case: input.case,
        date: input.date,
        how: input.how.code().into(),
        payee: payee.as_str().to_string(),
        address,
        by: actor.login.clone(),
        at: actor.at,
    };
    let id = tx.insert_notice(&notice)?;
    audit(
        tx.as_mut(),
        actor,
        input.case,
        "money.notice",
        json!({ "notice": id, "date": iso(input.date),
        "how": notice.how, "payee": notice.payee, "address": notice.address }),
    )?;
    tx.commit()?;
    Ok(id)
}

/// A savings deposit of a case's unclaimed money.
#[derive(Debug, Clone)]
pub struct DepositInput {
    pub case: CaseId,
    pub date: Date,
    pub bank: String,
    pub passbook: String,
    pub amount: Vnd,
    /// The account the money leaves (bank by default; cash or treasury).
    pub from: Account,
}

pub fn deposit(store: &dyn Store, actor: &Actor, units: &UnitTree, input: DepositInput) -> AppResult<i64> {
    let bank = Text::of(&BANK, &input.bank).map_err(field_error("bank"))?;
    let passbook = passbook(&input.passbook).map_err(field_error("passbook"))?;
    if !matches!(input.from, Account::Cash | Account::Bank | Account::Treasury) {
        return Err(AppError::Field {
            field: "from",
            message: "cash, bank hoặc treasury / cash, bank or treasury".into(),
        });
    }
    let mut tx = store.begin()?;
    let case = tx.case_for_update(input.case)?.ok_or_else(|| AppError::NotFound(format!("việc #{}", input.case.0)))?;
    let unit = books_of(units, case.facts.unit)?;
    check_day(tx.as_mut(), unit, case.facts.unit, input.date, actor.today())?;
    let entries = tx.case_entries_tx(input.case)?;
    // Held on the deposit's day and held today, as a payout.
    for on in [input.date, Date::MAX] {
        let money = CaseMoney::of(input.case, entries.iter().map(|r| &r.entry), on);
        check_deposit(&money, input.amount).map_err(|e| amount_refusal(e.to_string()))?;
    }
    let notice = store.notices(input.case)?.into_iter().find(|n| n.notice.date <= input.date).map(|n| n.id);
    let record = NewDeposit {
        unit,
        case: input.case,
        date: input.date,
        bank: bank.as_str().to_string(),
        passbook,
        amount: input.amount.dong(),
        notice,
        by: actor.login.clone(),
        at: actor.at,
    };
    let id = tx.insert_deposit(&record)?;
    let head = Head { unit, date: input.date, document: Document::Deposit(id) };
    let entry = deposit_entry(head, input.case, input.from, input.amount).map_err(invalid)?;
    tx.insert_entry(&entry, actor.at)?;
    audit(
        tx.as_mut(),
        actor,
        input.case,
        "money.deposit",
        json!({ "deposit": id, "date": iso(input.date),
        "bank": record.bank, "passbook": record.passbook, "amount": record.amount, "notice": notice,
        "from": input.from.code() }),
    )?;
    tx.commit()?;
    Ok(id)
}

/// Interest credited on, or money withdrawn from, a deposit.
#[derive(Debug, Clone, Copy)]
pub struct OnDeposit {
    pub deposit: i64,
    pub date: Date,
    pub amount: Vnd,
    /// For a withdrawal: the account the money comes back into (bank by default).
    pub into: Account,
}

/// The deposit (unknown: 404).
pub fn deposit_record(store: &dyn Store, id: i64) -> AppResult<DepositRecord> {
    store.deposit(id)?.ok_or_else(|| AppError::NotFound(format!("tiền gửi #{id}")))
}

/// Interest on a deposit, added to the case's money (the rule of the day says to whom it is
/// owed; a rule that gives it to the debtor is refused here: receipt it to the debtor).
pub fn credit_interest(store: &dyn Store, actor: &Actor, input: OnDeposit) -> AppResult<()> {
    let record = deposit_record(store, input.deposit)?;
    let rules = super::fee_rules::load_money_rules(store)?;
    let rule = rules.savings.interest_to.on(input.date).ok_or_else(|| AppError::Field {
        field: "date",
        message: "chưa có quy tắc lãi tiền gửi ngày này / no interest rule that day".into(),
    })?;
    if rule.value == InterestTo::Debtor {
        return Err(AppError::Field {
            field: "deposit",
            message: format!(
                "lãi thuộc người phải thi hành án ({}): lập biên lai cho người đó / the interest is the debtor's: receipt it to them",
                rule.citation
            ),
        });
    }
    if input.amount.is_zero() {
        return Err(amount_refusal("số tiền phải lớn hơn 0 / the amount must be more than zero".into()));
    }
    on_deposit(store, actor, &record, input, "money.interest", |head, case| {
        interest_entry(head, case, input.amount).map_err(invalid)
    })
}

/// A withdrawal from a deposit back into the custody account, to be paid out.
pub fn withdraw(store: &dyn Store, actor: &Actor, input: OnDeposit) -> AppResult<()> {
    if !matches!(input.into, Account::Cash | Account::Bank | Account::Treasury) {
        return Err(AppError::Field {
            field: "into",
            message: "cash, bank hoặc treasury / cash, bank or treasury".into(),
        });
    }
    let record = deposit_record(store, input.deposit)?;
    on_deposit(store, actor, &record, input, "money.withdrawal", |head, case| {
        withdrawal_entry(head, case, input.into, input.amount).map_err(invalid)
    })
}

fn on_deposit(
    store: &dyn Store,
    actor: &Actor,
    record: &DepositRecord,
    input: OnDeposit,
    action: &str,
    build: impl Fn(Head, CaseId) -> AppResult<thads_core::money::custody::LedgerEntry>,
) -> AppResult<()> {
    let case = record.deposit.case;
    let mut tx = store.begin()?;
    let found = tx.case_for_update(case)?.ok_or_else(|| AppError::NotFound(format!("việc #{}", case.0)))?;
    // The books that hold the deposit now: the case's (a merge or a move took it there).
    let unit = crate::reorg::books::books_in(tx.as_mut(), found.facts.unit)?.unwrap_or(record.deposit.unit);
    check_day(tx.as_mut(), unit, found.facts.unit, input.date, actor.today())?;
    if input.date < record.deposit.date {
        return Err(AppError::Field { field: "date", message: "trước ngày gửi / before the deposit".into() });
    }
    let entries = tx.document_entries("deposit", record.id)?;
    let withdrawing = action == "money.withdrawal";
    if withdrawing {
        for on in [input.date, Date::MAX] {
            let upto: Vec<_> = entries.iter().filter(|r| r.entry.date <= on).cloned().collect();
            check_withdrawal(deposit_balance(record.id, &upto), input.amount)
                .map_err(|e| amount_refusal(e.to_string()))?;
        }
    }
    let head = Head { unit, date: input.date, document: Document::Deposit(record.id) };
    let entry = build(head, case)?;
    tx.insert_entry(&entry, actor.at)?;
    audit(
        tx.as_mut(),
        actor,
        case,
        action,
        json!({ "deposit": record.id, "date": iso(input.date),
        "amount": input.amount.dong(), "into": withdrawing.then(|| input.into.code()) }),
    )?;
    tx.commit()?;
    Ok(())
}

fn invalid(e: LedgerEntryError) -> AppError {
    AppError::Invalid(e.to_string())
}

fn iso(d: Date) -> String {
    thads_core::dates::format_iso(d)
}

fn audit(tx: &mut dyn WriteTx, actor: &Actor, case: CaseId, action: &str, after: serde_json::Value) -> AppResult<()> {
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(case),
        action: action.into(),
        before: None,
        after: Some(after.to_string()),
    })?;
    Ok(())
}

/// A case of a province's books whose money is held outside savings past its payout limit, or
/// in savings: where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct UnclaimedCase {
    pub case: CaseId,
    pub held: i128,
    pub savings: i128,
    pub latest_notice: Option<Date>,
    /// None: all of it is in savings, or it is still within its payout limit.
    pub stage: Option<Unclaimed>,
}

/// Every case of the unit's books with money held past its payout limit (and not deposited)
/// on `on`, with the stage of its notice; cases whose money is all in savings are left out.
pub fn unclaimed_in(store: &dyn Store, unit: UnitId, on: Date) -> AppResult<Vec<UnclaimedCase>> {
    let setup = crate::deadlines::DeadlineSetup::load(store)?;
    let rules = super::fee_rules::load_money_rules(store)?;
    let q = UnclaimedQuestion { on, payout: &setup.rules, limits: &rules.limits, calendar: &setup.calendar };
    let held = super::books::HeldEntries::of(store, unit)?;
    let mut out = Vec::new();
    for (case, money) in super::books::balances(store, unit)? {
        if money.held.dong() - money.savings.dong() <= 0 {
            continue;
        }
        let lots = held_lots(case, &held.of_case(store, case)?);
        // Within its payout limit, whatever the notices: no need to read them.
        if unclaimed(&lots, None, &q).is_none() {
            continue;
        }
        let latest_notice = store.notices(case)?.first().map(|n| n.notice.date);
        let Some(stage) = unclaimed(&lots, latest_notice, &q) else { continue };
        out.push(UnclaimedCase {
            case,
            held: money.held.dong(),
            savings: money.savings.dong(),
            latest_notice,
            stage: Some(stage),
        });
    }
    out.sort_by_key(|c| (c.stage.map(Unclaimed::due), c.case));
    Ok(out)
}

/// A deposit with its balance now.
#[derive(Debug, Clone, Serialize)]
pub struct DepositLine {
    pub id: i64,
    pub case: CaseId,
    pub date: Date,
    pub bank: String,
    pub passbook: String,
    pub amount: i64,
    pub balance: i128,
}

/// A province's deposits, newest first, with what each holds now.
pub fn deposits_in(store: &dyn Store, unit: UnitId, limit: u32) -> AppResult<Vec<DepositLine>> {
    let mut out = Vec::new();
    for r in store.deposits(unit, None, limit)? {
        let entries = store.case_entries(r.deposit.case)?;
        out.push(DepositLine {
            id: r.id,
            case: r.deposit.case,
            date: r.deposit.date,
            bank: r.deposit.bank,
            passbook: r.deposit.passbook,
            amount: r.deposit.amount,
            balance: deposit_balance(r.id, &entries).dong(),
        });
    }
    Ok(out)
}
