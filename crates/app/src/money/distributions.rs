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
use std::sync::mpsc::SyncSender;

use serde_json::json;
use thads_core::money::custody::{Document, Head, distribution_entry};
use thads_core::money::party::DebtorId;
use thads_core::money::{Allocation, Claim, Distribution, InterestOrder, Obligation, Proceeds, Rank, Vnd, distribute};
use thads_core::{CaseId, Entry, Event, EventCode, EventId, EventRecord, Rules, UnitId, UnitTree};
use thads_store::{
    AllocationRow, CaseUpdate, DeadlineRow, DebtorCase, DeductedRow, NewAudit, NewDistribution, NewEvent, Store,
    WriteTx,
};
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
    distribute_chunked(tx, actor, rules, units, input, CHUNK)
}

/// `distribute_in` checking and writing the allocations `chunk` cases at a time.
fn distribute_chunked(
    tx: &mut dyn WriteTx,
    actor: &Actor,
    rules: &Rules,
    units: &UnitTree,
    input: DistributionInput,
    chunk: usize,
) -> AppResult<Distributed> {
    if input.amount.is_zero() {
        return Err(amount_refusal("số tiền phân chia phải lớn hơn 0 / the amount must be more than zero".into()));
    }
    let unit = books_of(units, input.office)?;
    let scope: Vec<UnitId> = units.scope(unit).into_iter().collect();
    check_day(tx, unit, input.office, input.date, actor.today())?;
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
    let events = allocate(tx, (actor, rules), &input, &cases, &d, chunk)?;
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

/// Allocations per chunk of `allocate`'s pipeline: the cases of one chunk are checked on a
/// second thread while the previous chunk is written.
const CHUNK: usize = 5_000;

/// Records each allocation as its case's `collected` event, all cases at once: each history
/// is checked with its new event (the same checks as recording one by hand: the state machine,
/// never above what is owed, closed months), then events, case rows and deadlines are written a
/// statement per kind and chunk, the statistics ledger (one summed delta) and the deducted moves
/// once. The histories are read first; then a second thread checks the cases chunk by chunk
/// (`Checker`, no store) while this one writes the chunks already checked, so the checking's CPU
/// overlaps the writing's. A refusal stops both at the first refused case, in the order of the
/// allocations, as a loop over them would. Returns the events' ids in the order of the
/// allocations.
fn allocate(
    tx: &mut dyn WriteTx,
    (actor, rules): (&Actor, &Rules),
    input: &DistributionInput,
    cases: &[DebtorCase],
    d: &Distribution,
    chunk: usize,
) -> AppResult<Vec<EventId>> {
    if d.allocations.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<CaseId> = d.allocations.iter().map(|a| a.case).collect();
    let histories: HashMap<CaseId, Vec<EventRecord>> = tx.records_of(&ids)?.into_iter().collect();
    let checker = Checker {
        actor,
        rules,
        date: input.date,
        note: format!("Phân chia tiền của người phải thi hành án {}", input.debtor),
        by_id: cases.iter().map(|c| (c.case.id, c)).collect(),
        closings: crate::periods::Closings::load(tx, [input.date])?,
        setup: crate::deadlines::DeadlineSetup::load_tx(tx)?,
    };
    let (totals, event_ids) = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<AppResult<Checked>>(1);
        let worker = scope.spawn(|| checker.check_all(d.allocations.chunks(chunk.max(1)), histories, send));
        let mut event_ids = Vec::with_capacity(ids.len());
        // The channel closes when the checker stops: after its last chunk or its refusal.
        let written = receive.iter().try_for_each(|checked| write_checked(tx, checked?, &mut event_ids));
        // Dropping the receiver on a refused write stops the checker at its next chunk.
        drop(receive);
        let totals = worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written.map(|()| (totals, event_ids))
    })?;
    tx.apply_ledger(&totals.delta.into_rows())?;
    if !totals.deducted_cases.is_empty() {
        tx.replace_deducted_moves(&totals.deducted_cases, &totals.deducted)?;
    }
    tx.touch_ledger()?;
    Ok(event_ids)
}

/// One chunk of allocations checked: what is written for it.
struct Checked {
    events: Vec<NewEvent>,
    updates: Vec<(CaseId, i64, CaseUpdate)>,
    deadlines: Vec<DeadlineRow>,
}

/// What is written once for all chunks: the statistics ledger's delta and the deducted moves.
#[derive(Default)]
struct Totals {
    delta: LedgerDelta,
    deducted_cases: Vec<CaseId>,
    deducted: Vec<DeductedRow>,
}

/// Writes one checked chunk: its events (their ids appended to `event_ids`), case rows and
/// deadlines.
fn write_checked(tx: &mut dyn WriteTx, checked: Checked, event_ids: &mut Vec<EventId>) -> AppResult<()> {
    event_ids.extend(tx.insert_events(&checked.events)?);
    tx.update_cases(&checked.updates.iter().map(|(id, version, u)| (*id, *version, u)).collect::<Vec<_>>())?;
    let cases: Vec<CaseId> = checked.updates.iter().map(|(id, ..)| *id).collect();
    tx.replace_deadlines(&cases, &checked.deadlines)?;
    Ok(())
}

/// Checks each allocated case's history with its new `collected` event, reading nothing from
/// the store (what it needs was read before), so it runs beside the writing.
struct Checker<'a> {
    actor: &'a Actor,
    rules: &'a Rules,
    date: Date,
    note: String,
    by_id: HashMap<CaseId, &'a DebtorCase>,
    closings: crate::periods::Closings,
    setup: std::sync::Arc<crate::deadlines::DeadlineSetup>,
}

impl Checker<'_> {
    /// Checks the allocations chunk by chunk, sending each chunk to the writer; stops at the
    /// first refusal (sent as the chunk's result) or when the writer has stopped listening.
    fn check_all<'c>(
        &self,
        chunks: impl Iterator<Item = &'c [Allocation]>,
        mut histories: HashMap<CaseId, Vec<EventRecord>>,
        send: SyncSender<AppResult<Checked>>,
    ) -> Totals {
        let mut totals = Totals::default();
        for chunk in chunks {
            let checked = self.check_chunk(chunk, &mut histories, &mut totals);
            let refused = checked.is_err();
            if send.send(checked).is_err() || refused {
                break;
            }
        }
        totals
    }

    fn check_chunk(
        &self,
        chunk: &[Allocation],
        histories: &mut HashMap<CaseId, Vec<EventRecord>>,
        totals: &mut Totals,
    ) -> AppResult<Checked> {
        let mut checked = Checked {
            events: Vec::with_capacity(chunk.len()),
            updates: Vec::with_capacity(chunk.len()),
            deadlines: Vec::with_capacity(chunk.len()),
        };
        for a in chunk {
            let stored = histories.remove(&a.case).unwrap_or_default();
            self.check_one(a, &stored, &mut checked, totals)?;
        }
        Ok(checked)
    }

    fn check_one(
        &self,
        a: &Allocation,
        stored: &[EventRecord],
        out: &mut Checked,
        totals: &mut Totals,
    ) -> AppResult<()> {
        let (actor, rules) = (self.actor, self.rules);
        let case = &self.by_id.get(&a.case).ok_or_else(|| AppError::NotFound(format!("việc #{}", a.case.0)))?.case;
        self.closings.check(case.facts.unit, self.date)?;
        let before = check(&case.facts, stored, actor.today(), rules).map_err(|f| f.stored(&case.facts.case_no))?;
        let event = Event { date: self.date, code: EventCode::Collected, amount: Some(a.total()), ground: None };
        let provisional = EventRecord {
            id: EventId(stored.iter().map(|r| r.id.0).max().unwrap_or(0) + 1),
            entry: Entry::Event(event.clone()),
            supersedes: None,
            note: self.note.clone(),
            recorded_by: actor.login.clone(),
            recorded_at: actor.at,
        };
        let after = check_with(&case.facts, stored, std::slice::from_ref(&provisional), actor.today(), rules)?;
        let dims = case.facts.dims();
        totals.delta.subtract(&ledger_rows(&dims, &before.ledger))?;
        totals.delta.add(&ledger_rows(&dims, &after.ledger))?;
        if !before.ledger.deducted_moves.is_empty() || !after.ledger.deducted_moves.is_empty() {
            totals.deducted_cases.push(case.id);
            totals.deducted.extend(deducted_rows(case.id, &dims, &after.ledger));
        }
        // The case's money is in the books from this distribution on: its payout limit is theirs.
        out.deadlines.extend(crate::deadlines::book_case_rows(&self.setup, case.id, &case.facts, &after.steps));
        out.updates.push((case.id, case.version, after.update(&case.facts)));
        out.events.push(NewEvent {
            case: case.id,
            entry: Entry::Event(event),
            supersedes: None,
            note: self.note.clone(),
            recorded_by: actor.login.clone(),
            recorded_at: actor.at,
            batch: None,
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

    use thads_core::money::ReceiptFor;
    use thads_core::money::receipt::PaymentMethod;
    use thads_core::{CaseDetails, EventCode, MonthKey, PartyId, field};
    use thads_store::Store;
    use thads_testkit::{facts, seed_units, sqlite_store};
    use time::macros::{date, datetime};

    use super::*;
    use crate::cases::record::{create_case, record};
    use crate::ledger::{LedgerCheck, check_ledger};
    use crate::money::receipts::{ReceiptInput, issue};
    use crate::{NewRecord, periods};

    const DEBTOR: &str = "079090000001";

    fn actor() -> Actor {
        Actor { login: "kt.bg".into(), at: datetime!(2026-11-22 09:00 +7) }
    }

    /// Six cases of one debtor, the first four in region 1 and the last two in region 2 (the third
    /// chunk of two), each verified with means, and
    /// 60,000,000 đ of the debtor's money receipted on 2026-03-10.
    fn debtor_with_six_cases(store: &dyn Store) -> (thads_testkit::Units, Vec<CaseId>) {
        let u = seed_units(store);
        let rules = Rules::default();
        let party = PartyId::parse("debtor_id", field::DEBTOR_ID, DEBTOR).unwrap();
        let mut ids = Vec::new();
        for k in 0..6 {
            let unit = if k < 4 { u.region1 } else { u.region2 };
            let no = format!("{}/QĐ-THADS", k + 1);
            let case =
                create_case(store, &actor(), &rules, facts(unit, &no, date!(2025 - 10 - 05), 20_000_000)).unwrap();
            let mut tx = store.begin().unwrap();
            tx.put_case_details(case.case.id, &CaseDetails { debtor_id: party.clone(), ..CaseDetails::default() })
                .unwrap();
            tx.commit().unwrap();
            let means = Event { date: date!(2025 - 10 - 20), code: EventCode::WithMeans, amount: None, ground: None };
            record(store, &actor(), &rules, case.case.id, case.case.version, NewRecord::event(means)).unwrap();
            ids.push(case.case.id);
        }
        let units = UnitTree::new(store.units().unwrap());
        let receipt = ReceiptInput {
            office: u.region1,
            paid_for: ReceiptFor::Debtor(DebtorId::new(DEBTOR).unwrap()),
            date: date!(2026 - 03 - 10),
            amount: Vnd::new(60_000_000).unwrap(),
            payer: "Nguyễn Văn A".into(),
            method: PaymentMethod::Cash,
        };
        issue(store, &actor(), &rules, &units, receipt).unwrap();
        (u, ids)
    }

    fn input(office: UnitId) -> DistributionInput {
        DistributionInput {
            office,
            debtor: DebtorId::new(DEBTOR).unwrap(),
            date: date!(2026 - 03 - 20),
            amount: Vnd::new(60_000_000).unwrap(),
            costs: Vnd::new(1_000_000).unwrap(),
            coercion_on: None,
            sole_home_sold: false,
            rent_reserve: Vnd::ZERO,
            secured: Vec::new(),
        }
    }

    fn distribute_by_two(store: &dyn Store, office: UnitId) -> AppResult<Distributed> {
        let units = UnitTree::new(store.units().unwrap());
        let mut tx = store.begin().unwrap();
        let done = distribute_chunked(tx.as_mut(), &actor(), &Rules::default(), &units, input(office), 2)?;
        tx.commit().unwrap();
        Ok(done)
    }

    fn collected(store: &dyn Store, case: CaseId) -> Vec<(EventId, i64)> {
        store
            .records(case)
            .unwrap()
            .into_iter()
            .filter_map(|r| match r.entry {
                Entry::Event(e) if e.code == EventCode::Collected => Some((r.id, e.amount.map_or(0, |a| a.dong()))),
                _ => None,
            })
            .collect()
    }

    /// Runs `check` on SQLite, and on PostgreSQL when `THADS_TEST_PG` names a server.
    fn on_both(check: fn(&dyn Store)) {
        check(&sqlite_store());
        if let Some(store) = thads_store_postgres::testing::fresh_store().expect("fresh PostgreSQL store") {
            check(&store);
        }
    }

    #[test]
    fn a_distribution_checked_and_written_in_chunks_gives_each_case_its_own_event() {
        on_both(each_case_its_own_event);
    }

    fn each_case_its_own_event(store: &dyn Store) {
        let (u, ids) = debtor_with_six_cases(store);
        let done = distribute_by_two(store, u.region1).unwrap();
        // 59,000,000 đ after the costs, pro rata over six equal claims: 9,833,333 or 9,833,334.
        let allocations = &done.distribution.allocations;
        assert_eq!(allocations.len(), 6);
        assert_eq!(allocations.iter().map(|a| a.total().dong()).sum::<i64>(), 59_000_000);
        let stored = store.distributions(u.province, 10).unwrap();
        assert_eq!(stored.len(), 1);
        for a in allocations {
            assert!(ids.contains(&a.case));
            assert_eq!(
                collected(store, a.case).iter().map(|(_, amount)| *amount).collect::<Vec<_>>(),
                [a.total().dong()]
            );
        }
        let today = actor().today();
        assert!(matches!(check_ledger(store, &Rules::default(), today).unwrap(), LedgerCheck::Equal { .. }));
    }

    #[test]
    fn a_case_refused_in_a_later_chunk_refuses_the_whole_distribution_and_writes_nothing() {
        on_both(refused_in_a_later_chunk);
    }

    fn refused_in_a_later_chunk(store: &dyn Store) {
        let (u, ids) = debtor_with_six_cases(store);
        let rules = Rules::default();
        periods::close(store, &actor(), &rules, u.region2, MonthKey::of(date!(2026 - 03 - 01))).unwrap();
        // Cases 5 and 6 (the third chunk) are in the closed month: the first two chunks are
        // written, then the third is refused and the transaction is not committed.
        let refused = distribute_by_two(store, u.region1);
        assert!(matches!(&refused, Err(AppError::PeriodClosed(p)) if p.unit == "BG-KV2"), "{refused:?}");
        for id in &ids {
            assert!(collected(store, *id).is_empty(), "case {id:?} kept a collected event");
        }
        assert!(store.distributions(u.province, 10).unwrap().is_empty());
    }
}
