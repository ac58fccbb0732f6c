//! Bàn giao sổ: a province that merges into another hands its custody books over to the
//! successor. Every balance of its books (cash, bank, treasury and savings deposits; what is
//! held for each debtor and case, payable to creditors, fees due, costs, owed back to debtors)
//! leaves them in one entry and enters the successor's in another
//! (`custody::handover_entries`), both documented by the merge (`Document::Reorganisation`).
//! A case's or a debtor's money summed over all books does not change, nor does how long a
//! case's money has been held (`held_lots` leaves the pair out). The money held for a debtor is
//! then found in the successor's books, where receipts, distributions and payouts of the
//! merged province's units are written from then on (`books_of` follows the successor), and
//! nothing more is written into the closed books (`ensure_books_open`). A unit moved under
//! another province takes its cases' money, and that of the debtors whose cases all go with it,
//! from the old province's books to the new one's (`moving_money`, `transfer`). A province
//! split sends each part after the first the money of the cases and debtors that go to it, and
//! hands the rest over to the first (`splitting_money`), so its closed books hold nothing. Every
//! money write checks in its transaction that its books are still its unit's (`books_in`).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use thads_core::money::custody::{
    Account, Document, EntryRecord, Head, Party, balances, handover_entries, transfer_entries,
};
use thads_core::money::party::DebtorId;
use thads_core::reorg::{OpKind, Operation};
use thads_core::{CaseId, UnitId, UnitKind, UnitTree};
use thads_store::{ReorgRecord, Store, StoreResult, WriteTx};
use time::{Date, OffsetDateTime};

use crate::error::{AppError, AppResult};

/// One province's books handed over by a merge, or a moved unit's money (`transfer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandedOver {
    pub from: UnitId,
    pub to: UnitId,
    /// The entries' day: the merge's, or the books' last entry's when that is later, moved on
    /// past the days closed in either books.
    pub date: Date,
    /// The money the books held (cash, bank, treasury, savings deposits), now the successor's.
    pub holdings_vnd: i128,
    /// The entry out of the closing books and the one into the successor's.
    pub entries: (i64, i64),
}

/// The books that hold `province`'s now: its own, or, once it merged into another province,
/// the successor's (followed through successive merges).
pub fn books_now(units: &UnitTree, province: UnitId) -> UnitId {
    let mut books = province;
    for _ in 0..64 {
        let next = units.get(books).filter(|u| u.valid_to.is_some()).and_then(|u| u.successor);
        match next {
            Some(s) if units.get(s).is_some_and(|u| u.kind == UnitKind::Province) => books = s,
            _ => break,
        }
    }
    books
}

/// The books `unit` writes into: `books_now` of the province over it (itself when it is one);
/// `None` under no province (the national body keeps no custody account).
pub fn books_over(tree: &UnitTree, unit: UnitId) -> Option<UnitId> {
    let province = tree.ancestry(unit).into_iter().rev().find(|u| u.kind == UnitKind::Province)?;
    Some(books_now(tree, province.id))
}

/// The books that hold `province`'s now, past a province split too: `books_now`, and where
/// that is a province a split closed (with no successor: its cases went to several parts), the
/// books of the part the rest of its books was handed over to, followed on. A receipt issued
/// before the split, for a debtor with no case in the province, is in those books, and is
/// cancelled there.
pub fn books_holding(store: &dyn Store, units: &UnitTree, province: UnitId) -> StoreResult<UnitId> {
    Splits::new(store).books_holding(units, province)
}

/// Every province whose books `books` hold now: `books` itself first, then the closed provinces
/// whose books were handed over into them (through successive merges, or a split's hand-over
/// to its first part: `books_holding`), by code. Their receipts' series (numbered per issuing
/// agency) are read with the books' own.
pub fn series_in(store: &dyn Store, units: &UnitTree, books: UnitId) -> StoreResult<Vec<UnitId>> {
    let mut splits = Splits::new(store);
    let mut provinces = vec![books];
    for closed in units.all().iter().filter(|u| u.kind == UnitKind::Province && u.id != books && u.valid_to.is_some()) {
        if splits.books_holding(units, closed.id)? == books {
            provinces.push(closed.id);
        }
    }
    Ok(provinces)
}

/// The operations and the money they handed over, read from the store the first time a split
/// province is met (most provinces closed by a merge, whose successor `books_now` follows).
struct Splits<'s> {
    store: &'s dyn Store,
    read: Option<(Vec<ReorgRecord>, HandedByOperation)>,
}

/// `handed_over`'s answer: the money each operation handed over, by operation.
pub type HandedByOperation = BTreeMap<i64, Vec<HandedOver>>;

impl<'s> Splits<'s> {
    fn new(store: &'s dyn Store) -> Splits<'s> {
        Splits { store, read: None }
    }

    /// `books_holding`: from a province a split closed, the last money its books handed over
    /// in the split, which is the rest handed to the first part (`finish` writes the transfers
    /// to the other parts first).
    fn books_holding(&mut self, units: &UnitTree, province: UnitId) -> StoreResult<UnitId> {
        let mut books = books_now(units, province);
        for _ in 0..64 {
            if !units.get(books).is_some_and(|u| u.valid_to.is_some() && u.successor.is_none()) {
                break;
            }
            let (operations, handed) = match &mut self.read {
                Some(read) => read,
                None => self.read.insert((self.store.reorg_operations()?, handed_over(self.store)?)),
            };
            let Some(split) = operations.iter().find(|r| closed_by_split(&r.operation, books)) else { break };
            let rest = handed.get(&split.operation.id).and_then(|pairs| pairs.iter().rev().find(|h| h.from == books));
            match rest {
                Some(h) => books = books_now(units, h.to),
                None => break,
            }
        }
        Ok(books)
    }
}

/// Whether `operation` is the province split that closed `unit`.
fn closed_by_split(operation: &Operation, unit: UnitId) -> bool {
    operation.kind == OpKind::Split
        && operation.changes.iter().any(|c| c.unit == unit && !c.created && c.after.valid_to.is_some())
}

/// The money each reorganisation handed over, by operation, read back from its entries
/// (`Money::reorganisation_entries`): what the operation answered when it was recorded, for the
/// list of operations.
pub fn handed_over(store: &dyn Store) -> StoreResult<HandedByOperation> {
    Ok(handed_over_in(&store.reorganisation_entries()?))
}

/// `handed_over` of `entries` (in id order): each operation's entries in pairs, out of the old
/// books then into the new ones; the money is what the entry into the new books puts on their
/// cash, bank, treasury and savings (a merge's or a split's first part: every holding of the
/// books; a move's or a split's other parts: the money of the cases and debtors that moved,
/// received into the same accounts).
pub fn handed_over_in(entries: &[EntryRecord]) -> HandedByOperation {
    let mut by_operation: BTreeMap<i64, Vec<&EntryRecord>> = BTreeMap::new();
    for record in entries {
        if let Some(Document::Reorganisation(operation)) = record.entry.document {
            by_operation.entry(operation).or_default().push(record);
        }
    }
    by_operation
        .into_iter()
        .map(|(operation, records)| {
            let pairs = records.chunks_exact(2).filter_map(|pair| match pair {
                [out_of, into] => Some(HandedOver {
                    from: out_of.entry.unit,
                    to: into.entry.unit,
                    date: into.entry.date,
                    holdings_vnd: balances(std::iter::once(&into.entry), Date::MAX)
                        .iter()
                        .filter(|((account, _), _)| account.is_holding())
                        .map(|(_, b)| *b)
                        .sum(),
                    entries: (out_of.id.0, into.id.0),
                }),
                _ => None,
            });
            (operation, pairs.collect())
        })
        .collect()
}

/// `books_now` of `office`'s province, read in the transaction unit by unit (the office, its
/// parents up to the province, the successors of a closed province) rather than from a tree
/// the caller holds, which may be older; `None` for an office under no province.
pub fn books_in(tx: &mut dyn WriteTx, office: UnitId) -> AppResult<Option<UnitId>> {
    let mut at = tx.unit(office)?;
    for _ in 0..64 {
        match at {
            Some(u) if u.kind == UnitKind::Province => {
                let mut books = u;
                for _ in 0..64 {
                    let next = match (books.valid_to, books.successor) {
                        (Some(_), Some(s)) => tx.unit(s)?.filter(|n| n.kind == UnitKind::Province),
                        _ => None,
                    };
                    match next {
                        Some(n) => books = n,
                        None => break,
                    }
                }
                return Ok(Some(books.id));
            }
            Some(u) => at = if let Some(parent) = u.parent { tx.unit(parent)? } else { None },
            None => return Ok(None),
        }
    }
    Ok(None)
}

/// Refuses a write into the books of a unit that closed (a merge handed them over, or the
/// province was split); holds the unit until the transaction ends
/// (`MoneyTx::books_for_writing`).
pub fn ensure_books_open(tx: &mut dyn WriteTx, books: UnitId) -> AppResult<()> {
    let unit = tx.books_for_writing(books)?.ok_or_else(|| AppError::NotFound(format!("đơn vị / unit #{}", books.0)))?;
    let Some(closed) = unit.valid_to else { return Ok(()) };
    let successor = match unit.successor {
        Some(s) => tx.unit(s)?.map(|u| u.code.to_string()),
        None => None,
    };
    let closed = thads_core::dates::format_vn(closed);
    Err(AppError::Invalid(match successor {
        Some(to) => format!(
            "sổ của {} đã bàn giao cho {to} (đơn vị đóng ngày {closed}); ghi vào sổ của {to} / the books of {} were \
             handed over to {to} (the unit closed on {closed}): record this in {to}'s books",
            unit.code, unit.code
        ),
        None => format!(
            "sổ của {} đã đóng cùng đơn vị ngày {closed} / the books of {} closed with the unit on {closed}",
            unit.code, unit.code
        ),
    }))
}

/// Hands `from`'s books over to `to` for the merge `operation` dated `on`, in the merge's
/// transaction, after `from` was closed (so that a writer that began before is in the books
/// read here, and one that comes after is refused); `None` when the books hold nothing.
pub fn hand_over(
    tx: &mut dyn WriteTx,
    (from, to): (UnitId, UnitId),
    operation: i64,
    on: Date,
    today: Date,
    at: OffsetDateTime,
) -> AppResult<Option<HandedOver>> {
    let Some((balances, last)) = books_balances(tx, from)? else { return Ok(None) };
    let holdings_vnd = balances.iter().filter(|((account, _), _)| account.is_holding()).map(|(_, b)| *b).sum();
    let date = open_day(tx, (from, to), on.max(last), today)?;
    let head = |unit| Head { unit, date, document: Document::Reorganisation(operation) };
    let pair = handover_entries(head(from), head(to), &balances).map_err(|e| AppError::Invalid(e.to_string()))?;
    let Some((out_of, into)) = pair else { return Ok(None) };
    let out_id = tx.insert_entry(&out_of, at)?;
    let in_id = tx.insert_entry(&into, at)?;
    Ok(Some(HandedOver { from, to, date, holdings_vnd, entries: (out_id.0, in_id.0) }))
}

/// The money that goes with a unit moved under another province: the cases of the unit and of
/// the units under it, and each debtor whose money the old books hold and whose cases there
/// (the open ones, or all when none is open) all move with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovingMoney {
    pub from: UnitId,
    pub to: UnitId,
    pub parties: BTreeSet<Party>,
    /// The old books' balances and their last entry's day, as read in the move's transaction
    /// (which holds those books: nothing is written into them before `transfer`).
    balances: Balances,
    last: Date,
}

/// What moves with `unit` when it is moved under `parent` (`reorg::move_unit`), read in the
/// move's transaction before anything is written; `None` when its books do not change (a
/// province moved whole keeps its own; a unit that stays within its province) or it holds no
/// custody books. Refused, naming the debtor, when a debtor's money is held in the old books
/// and the debtor's cases there would be left in both provinces: which books it belongs to is
/// then for the accountant to settle, by distributing it first. The old books' unit row is
/// written again, unchanged, so that a money write holding those books
/// (`MoneyTx::books_for_writing`) is waited for and is in the books read here.
pub fn moving_money(
    tx: &mut dyn WriteTx,
    tree: &UnitTree,
    unit: UnitId,
    parent: UnitId,
) -> AppResult<Option<MovingMoney>> {
    if tree.get(unit).is_none_or(|u| u.kind == UnitKind::Province) {
        return Ok(None);
    }
    let (Some(from), Some(to)) = (books_over(tree, unit), books_over(tree, parent)) else {
        return Ok(None);
    };
    if from == to {
        return Ok(None);
    }
    if let Some(books) = tree.get(from) {
        tx.set_unit_state(from, &thads_core::reorg::UnitState::of(books))?;
    }
    let mut cases: BTreeSet<CaseId> = BTreeSet::new();
    for u in tree.scope(unit) {
        cases.extend(tx.cases_at(u)?.into_iter().map(|(c, _)| c));
    }
    let Some((held, last)) = books_balances(tx, from)? else { return Ok(None) };
    let going = |case: CaseId| cases.contains(&case).then_some(0);
    let debtors = debtors_going(tx, tree, from, &held, going, ("sau khi chuyển đơn vị", "after the move"))?;
    let mut parties: BTreeSet<Party> = cases.iter().map(|c| Party::Case(*c)).collect();
    parties.extend(debtors.into_keys().map(Party::Debtor));
    parties.retain(|p| holds(&held, p));
    Ok((!parties.is_empty()).then_some(MovingMoney { from, to, parties, balances: held, last }))
}

/// The money of a province split (`reorg::split`) into `targets`, read in the split's
/// transaction after the province closed (its books close with it, and a money write that
/// began before is in the books read here): each target after the first takes the money of
/// the cases the split sends it (`assigned`: case, index in `targets`) and of each debtor whose
/// cases all go to it; everything else (the first target's cases and debtors, the agency's own
/// balances) is handed over to the first target afterwards, as a merge hands its books over,
/// so that nothing is left in the closed books. Refused, naming the debtor, when a debtor's
/// money is held and its cases would be in more than one province after the split. Empty for
/// a unit that is not a province (its books stay those of the province over it).
pub fn splitting_money(
    tx: &mut dyn WriteTx,
    tree: &UnitTree,
    source: UnitId,
    targets: &[UnitId],
    assigned: &[(CaseId, usize)],
) -> AppResult<Vec<MovingMoney>> {
    if tree.get(source).is_none_or(|u| u.kind != UnitKind::Province) {
        return Ok(Vec::new());
    }
    let Some((held, last)) = books_balances(tx, source)? else { return Ok(Vec::new()) };
    let target_of: BTreeMap<CaseId, usize> = assigned.iter().copied().collect();
    let going = |case: CaseId| Some(target_of.get(&case).copied().unwrap_or(0));
    let debtors = debtors_going(tx, tree, source, &held, going, ("sau khi chia", "after the split"))?;
    let mut parties: Vec<BTreeSet<Party>> = vec![BTreeSet::new(); targets.len()];
    for (case, k) in assigned {
        if let Some(set) = parties.get_mut(*k) {
            set.insert(Party::Case(*case));
        }
    }
    for (debtor, k) in debtors {
        if let Some(set) = parties.get_mut(k) {
            set.insert(Party::Debtor(debtor));
        }
    }
    let mut moving = Vec::new();
    for (to, mut parties) in targets.iter().zip(parties).skip(1) {
        parties.retain(|p| holds(&held, p));
        if !parties.is_empty() {
            let to = books_now(tree, *to);
            moving.push(MovingMoney { from: source, to, parties, balances: held.clone(), last });
        }
    }
    Ok(moving)
}

/// A books' balance by account and party (`custody::balances`).
type Balances = BTreeMap<(Account, Party), i128>;

/// Every balance of `books` and the day of their last entry; `None` when they hold no entry.
fn books_balances(tx: &mut dyn WriteTx, books: UnitId) -> AppResult<Option<(Balances, Date)>> {
    let entries = tx.books_entries(books)?;
    let Some(last) = entries.iter().map(|r| r.entry.date).max() else { return Ok(None) };
    Ok(Some((balances(entries.iter().map(|r| &r.entry), Date::MAX), last)))
}

/// Whether `party` has a balance other than zero in `held`.
fn holds(held: &Balances, party: &Party) -> bool {
    held.iter().any(|((_, q), b)| q == party && *b != 0)
}

/// Where each debtor whose money `held` (the balances of `books`) holds goes: to `k` when every
/// one of its cases in those books (the open ones, or all when none is open) goes to `k` by
/// `going`; left out when none goes anywhere. Refused, naming the debtor, when its cases would
/// go to more than one place (`after`: when, in Vietnamese and English): which books its
/// money belongs to is then for the accountant to settle, by distributing it first.
fn debtors_going(
    tx: &mut dyn WriteTx,
    tree: &UnitTree,
    books: UnitId,
    held: &Balances,
    going: impl Fn(CaseId) -> Option<usize>,
    (after_vi, after_en): (&str, &str),
) -> AppResult<BTreeMap<DebtorId, usize>> {
    let debtors: BTreeSet<&DebtorId> = held
        .iter()
        .filter(|(_, b)| **b != 0)
        .filter_map(|((_, party), _)| match party {
            Party::Debtor(d) => Some(d),
            _ => None,
        })
        .collect();
    let books_units: Vec<UnitId> =
        tree.all().iter().filter(|u| books_over(tree, u.id) == Some(books)).map(|u| u.id).collect();
    let mut out = BTreeMap::new();
    for debtor in debtors {
        let found = tx.debtor_cases_locked(&books_units, debtor.as_str())?;
        let open: Vec<CaseId> = found.iter().filter(|c| !c.case.current.state.is_closed()).map(|c| c.case.id).collect();
        let theirs = if open.is_empty() { found.iter().map(|c| c.case.id).collect() } else { open };
        let places: BTreeSet<Option<usize>> = theirs.iter().map(|c| going(*c)).collect();
        match places.iter().collect::<Vec<_>>().as_slice() {
            [] | [None] => {}
            [Some(k)] => {
                out.insert(debtor.clone(), *k);
            }
            _ => {
                let amount: i128 = held
                    .iter()
                    .filter(|((a, p), _)| *a == Account::HeldForDebtor && *p == Party::Debtor(debtor.clone()))
                    .map(|(_, b)| *b)
                    .sum();
                return Err(AppError::Invalid(format!(
                    "sổ tạm giữ còn {amount} đ của người phải thi hành án {debtor}, có việc ở nhiều tỉnh {after_vi}: \
                     phân chia số tiền này trước / the custody books hold {amount} đ for debtor {debtor}, whose cases \
                     would be in more than one province {after_en}: distribute it first"
                )));
            }
        }
    }
    Ok(out)
}

/// Writes the transfers of `moving` (a move's one, or a split's to each part after the first)
/// for the operation `operation` dated `on` (the day, or the old books' last entry's when
/// later, moved on past days closed in either books). Each transfer is worked out from the old
/// books' balances after the ones written before it, so that two transfers do not both pay
/// from the same money of the agency.
pub fn transfer(
    tx: &mut dyn WriteTx,
    moving: &[MovingMoney],
    operation: i64,
    on: Date,
    today: Date,
    at: OffsetDateTime,
) -> AppResult<Vec<HandedOver>> {
    // Each old books' balances as the transfers written so far leave them.
    let mut after: BTreeMap<UnitId, Balances> = BTreeMap::new();
    let mut handed = Vec::new();
    for moving in moving {
        let held = after.entry(moving.from).or_insert_with(|| moving.balances.clone());
        let money_vnd = held
            .iter()
            .filter(|((account, party), _)| !account.is_holding() && moving.parties.contains(party))
            .map(|(_, b)| *b)
            .sum();
        let date = open_day(tx, (moving.from, moving.to), on.max(moving.last), today)?;
        let head = |unit| Head { unit, date, document: Document::Reorganisation(operation) };
        let pair = transfer_entries(head(moving.from), head(moving.to), held, |p| moving.parties.contains(p))
            .map_err(|e| AppError::Invalid(e.to_string()))?;
        let Some((out_of, into)) = pair else { continue };
        let out_id = tx.insert_entry(&out_of, at)?;
        let in_id = tx.insert_entry(&into, at)?;
        for (key, b) in balances(std::iter::once(&out_of), Date::MAX) {
            *held.entry(key).or_insert(0) += b;
        }
        handed.push(HandedOver {
            from: moving.from,
            to: moving.to,
            date,
            holdings_vnd: money_vnd,
            entries: (out_id.0, in_id.0),
        });
    }
    Ok(handed)
}

/// The first day from `day` to `today` closed in neither books.
fn open_day(tx: &mut dyn WriteTx, (from, to): (UnitId, UnitId), first: Date, today: Date) -> AppResult<Date> {
    let mut day = first;
    while day <= today {
        if !tx.day_closed(from, day)? && !tx.day_closed(to, day)? {
            return Ok(day);
        }
        let Some(next) = day.next_day() else { break };
        day = next;
    }
    Err(AppError::Invalid(format!(
        "không có ngày nào từ {} đến hôm nay mà sổ của cả hai đơn vị còn mở để ghi bàn giao / no day from {} to today \
         is open in both books for the handover",
        thads_core::dates::format_vn(first),
        thads_core::dates::format_vn(first)
    )))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]

    use thads_core::money::custody::{EntryId, EntryRecord, receipt_entry};
    use thads_core::{CaseId, Vnd};
    use time::macros::date;

    use super::*;

    /// The entries a province's books hold after receipts on two cases, read back whole.
    fn books_with_two_cases(unit: UnitId) -> Balances {
        let head = Head { unit, date: date!(2025 - 11 - 03), document: Document::Receipt(1) };
        let receipts = [
            receipt_entry(head, Account::Cash, Party::Case(CaseId(1)), Vnd::new(300_000).unwrap()).unwrap(),
            receipt_entry(head, Account::Bank, Party::Case(CaseId(2)), Vnd::new(500_000).unwrap()).unwrap(),
        ];
        balances(receipts.iter(), Date::MAX)
    }

    /// A split's entries as `finish` writes them (a transfer of one case's money to the second
    /// part, then the rest handed over to the first), beside a merge's: each operation's pairs,
    /// in order, with what each put on the receiving books' cash, bank, treasury and savings.
    #[test]
    fn the_money_handed_over_is_read_back_pair_by_pair() {
        let (split, first, second, merged, successor) = (UnitId(2), UnitId(5), UnitId(6), UnitId(3), UnitId(4));
        let head =
            |unit, operation| Head { unit, date: date!(2025 - 12 - 01), document: Document::Reorganisation(operation) };
        let mut held = books_with_two_cases(split);
        let (out_1, in_1) = transfer_entries(head(split, 8), head(second, 8), &held, |p| *p == Party::Case(CaseId(1)))
            .unwrap()
            .unwrap();
        for (key, b) in balances(std::iter::once(&out_1), Date::MAX) {
            *held.entry(key).or_insert(0) += b;
        }
        let (out_2, in_2) = handover_entries(head(split, 8), head(first, 8), &held).unwrap().unwrap();
        let (out_3, in_3) =
            handover_entries(head(merged, 9), head(successor, 9), &books_with_two_cases(merged)).unwrap().unwrap();
        let entries: Vec<EntryRecord> = [out_1, in_1, out_3, in_3, out_2, in_2]
            .into_iter()
            .enumerate()
            .map(|(i, entry)| EntryRecord { id: EntryId(i64::try_from(i).unwrap() + 1), entry })
            .collect();
        let read: Vec<(i64, HandedOver)> = handed_over_in(&entries)
            .into_iter()
            .flat_map(|(op, pairs)| pairs.into_iter().map(move |h| (op, h)))
            .collect();
        let pair = |from, to, holdings_vnd, entries| HandedOver {
            from,
            to,
            date: date!(2025 - 12 - 01),
            holdings_vnd,
            entries,
        };
        assert_eq!(
            read,
            [
                (8, pair(split, second, 300_000, (1, 2))),
                (8, pair(split, first, 500_000, (5, 6))),
                (9, pair(merged, successor, 800_000, (3, 4))),
            ]
        );
    }
}
