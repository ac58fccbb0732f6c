//! Cases: their facts and current state (derived from their history above the store), written
//! one by one or by the thousand, and the case list: which cases to show (scope, filters,
//! folded search text), in which order, one page at a time. Counting every match of a national
//! list would cost a scan of millions of rows per request, so a page says only whether more
//! follow. A case's details (parties' identity numbers and addresses, the judgment enforced,
//! the request: `CaseDetails`) are kept beside it, read and written on their own, so that the
//! bulk paths of cases never carry them.

use thads_core::{
    Case, CaseDetails, CaseFacts, CaseId, CaseNo, CaseState, Category, Origin, Snapshot, StaffId, UnitId,
};
use time::Date;

use crate::{StoreError, StoreResult};

/// The columns of `cases`, in the order the backends read a `Case`.
pub const CASE_COLUMNS: &str = "id, unit_id, case_no, accepted_on, origin, received_by_delegation, judgment_type, \
     categories, amount, debtor, creditor, officer_id, state, state_ground, outstanding, collected, reduced, \
     last_event_on, event_count, version";

/// The columns a new case is written with, in the order the backends bind them.
pub const CASE_INSERT_COLUMNS: &str = "unit_id, case_no, accepted_on, origin, received_by_delegation, \
     judgment_type, categories, amount, debtor, creditor, officer_id, search_text, state, state_ground, outstanding, \
     collected, reduced, last_event_on, event_count, version, batch_id";

/// The columns of `case_details` after `case_id`, in the order of `DetailsColumns`.
pub const CASE_DETAILS_COLUMNS: &str = "debtor_id, debtor_address, creditor_id, creditor_address, judgment_court, \
     judgment_no, judgment_on, request_on, requester, obligation";

/// A case's details as both backends store them: what `CASE_DETAILS_COLUMNS` holds, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DetailsColumns {
    pub debtor_id: Option<String>,
    pub debtor_address: String,
    pub creditor_id: Option<String>,
    pub creditor_address: String,
    pub judgment_court: Option<String>,
    pub judgment_no: Option<String>,
    pub judgment_on: Option<Date>,
    pub request_on: Option<Date>,
    pub requester: Option<String>,
    /// `Obligation::code` (schema 12; `khac` by default).
    pub obligation: String,
}

impl DetailsColumns {
    pub fn of(d: &CaseDetails) -> DetailsColumns {
        let (j, r) = (d.judgment.as_ref(), d.request.as_ref());
        DetailsColumns {
            debtor_id: d.debtor_id.as_ref().map(|i| i.to_string()),
            debtor_address: d.debtor_address.clone(),
            creditor_id: d.creditor_id.as_ref().map(|i| i.to_string()),
            creditor_address: d.creditor_address.clone(),
            judgment_court: j.map(|j| j.court.clone()),
            judgment_no: j.map(|j| j.number.clone()),
            judgment_on: j.map(|j| j.date),
            request_on: r.map(|r| r.date),
            requester: r.map(|r| r.requester.clone()),
            obligation: d.obligation.code().to_string(),
        }
    }

    /// The details back; a value THADS would not have written is reported naming its column.
    pub fn details(self) -> StoreResult<CaseDetails> {
        use thads_core::case::{Judgment, PartyId, Request};
        use thads_core::field;
        let id = |column: &str, f: field::Field, v: Option<String>| match v {
            Some(v) => PartyId::parse("party_id", f, &v).map_err(|_| StoreError::corrupt(column, &v)),
            None => Ok(None),
        };
        let judgment = match (self.judgment_court, self.judgment_no, self.judgment_on) {
            (Some(court), Some(number), Some(date)) => Some(Judgment { court, number, date }),
            (None, None, None) => None,
            _ => return Err(StoreError::corrupt("case_details.judgment_court", "a judgment in part")),
        };
        let request = match (self.request_on, self.requester) {
            (Some(date), Some(requester)) => Some(Request { date, requester }),
            (None, None) => None,
            _ => return Err(StoreError::corrupt("case_details.request_on", "a request in part")),
        };
        Ok(CaseDetails {
            debtor_id: id("case_details.debtor_id", field::DEBTOR_ID, self.debtor_id)?,
            debtor_address: self.debtor_address,
            creditor_id: id("case_details.creditor_id", field::CREDITOR_ID, self.creditor_id)?,
            creditor_address: self.creditor_address,
            judgment,
            request,
            obligation: thads_core::case::Obligation::parse(&self.obligation)
                .map_err(|_| StoreError::corrupt("case_details.obligation", &self.obligation))?,
        })
    }
}

/// The first and the day after the last day of a year's book, for `accepted_on` between them.
pub fn year_bounds(year: i32) -> StoreResult<(Date, Date)> {
    let first = |y: i32| Date::from_calendar_date(y, time::Month::January, 1);
    match (first(year), first(year.saturating_add(1))) {
        (Ok(from), Ok(to)) => Ok((from, to)),
        _ => Err(StoreError::Invalid(format!("năm / year {year}"))),
    }
}

/// A case to insert, with its current state (derived from its history by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub facts: CaseFacts,
    pub current: Snapshot,
    pub last_event_on: Option<Date>,
    pub event_count: u32,
    pub batch: Option<i64>,
}

/// New facts and derived state of an existing case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseUpdate {
    pub facts: CaseFacts,
    pub current: Snapshot,
    pub last_event_on: Option<Date>,
    pub event_count: u32,
}

/// Which cases, by their state on their last event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateFilter {
    /// Not yet closed.
    Open,
    /// Closed in any way.
    Closed,
    /// Exactly this state (its ground is ignored).
    Is(CaseState),
}

/// The order of a list; ties are broken by id, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseSort {
    /// Most recently created first.
    #[default]
    Newest,
    /// Accepted most recently first.
    AcceptedDesc,
    AcceptedAsc,
    /// Largest amount still owed first.
    OutstandingDesc,
}

/// A page of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseQuery {
    /// Only cases of these units (all when `None`). The caller passes the reader's scope.
    pub units: Option<Vec<UnitId>>,
    pub state: Option<StateFilter>,
    pub origin: Option<Origin>,
    pub category: Option<Category>,
    pub officer: Option<StaffId>,
    pub accepted_from: Option<Date>,
    pub accepted_to: Option<Date>,
    /// Words to find in names and decision numbers, already folded (`text::fold`); each word
    /// matches the start of a word, all words must match, in any order.
    pub text: Option<String>,
    pub sort: CaseSort,
    pub offset: u64,
    /// At most this many cases (1–500).
    pub limit: u32,
}

/// One page of cases, whether another page follows and how many cases match in all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseList {
    pub cases: Vec<Case>,
    pub more: bool,
    /// The cases matching the query on every page, counted up to `COUNT_CAP` (a count of a
    /// whole country's million cases would cost more than the page itself). Not counted
    /// (`counted` false) for a search of words with pages after this one: then the cases up to
    /// the end of this page, a lower bound, since counting the matches of common words («nguyen
    /// van an») costs many times the page.
    pub total: u64,
    /// Whether `total` was counted (up to `COUNT_CAP`) rather than a lower bound.
    pub counted: bool,
}

/// How far `CaseList::total` counts; a list says "more than" beyond.
pub const COUNT_CAP: u64 = 500;

/// `CaseList::total` and `counted` when the page itself tells them, so that no count is
/// needed: a last page that is not empty ends the list (`offset` + its cases), a page reaching
/// `COUNT_CAP` with more after it is past the cap, and a search of words with more after it is
/// not counted (see `CaseList::total`). `None`: the backend counts (`COUNT_CAP` at most).
pub fn total_from_page(query: &CaseQuery, cases: usize, more: bool) -> Option<(u64, bool)> {
    let through = query.offset.saturating_add(cases as u64);
    let words = query.text.as_deref().is_some_and(|t| t.chars().any(char::is_alphanumeric));
    match (more, cases) {
        (false, 0) => None,
        (false, _) => Some((through.min(COUNT_CAP), true)),
        (true, _) if through >= COUNT_CAP => Some((COUNT_CAP, true)),
        (true, _) if words => Some((through, false)),
        (true, _) => None,
    }
}

/// Reading cases.
pub trait Cases {
    fn case(&self, id: CaseId) -> StoreResult<Option<Case>>;
    fn case_by_no(&self, unit: UnitId, case_no: &CaseNo) -> StoreResult<Option<Case>>;
    fn case_count(&self) -> StoreResult<u64>;
    /// A page of the case list (web application).
    fn list_cases(&self, query: &CaseQuery) -> StoreResult<CaseList>;
    /// A case's details; `None` when it has none (every case stored before schema 10).
    fn case_details(&self, id: CaseId) -> StoreResult<Option<CaseDetails>>;
    /// The decision numbers taken in `unit`'s book of `year`: its cases accepted that year.
    fn case_numbers_of_year(&self, unit: UnitId, year: i32) -> StoreResult<Vec<CaseNo>>;
}

/// Writing cases, in a transaction.
pub trait CasesTx {
    /// Inserts cases in order; returns their ids in the same order.
    fn insert_cases(&mut self, cases: &[NewCase]) -> StoreResult<Vec<CaseId>>;
    /// Looks cases up by unit and number (None where absent), in the order asked.
    fn find_cases(&mut self, keys: &[(UnitId, CaseNo)]) -> StoreResult<Vec<Option<Case>>>;
    /// Reads a case for update: on PostgreSQL the row is locked until commit.
    fn case_for_update(&mut self, id: CaseId) -> StoreResult<Option<Case>>;
    /// Stores a case's new facts and current state if its version is still `expected_version`;
    /// otherwise `StoreError::Stale`. Returns the new version.
    fn update_case(&mut self, id: CaseId, expected_version: i64, update: &CaseUpdate) -> StoreResult<i64>;
    /// `update_case` for many cases (imports): all or, at the first stale one, an error; the new
    /// versions in order. A networked backend sends them in a few statements.
    fn update_cases(&mut self, updates: &[(CaseId, i64, &CaseUpdate)]) -> StoreResult<Vec<i64>> {
        updates.iter().map(|(id, version, update)| self.update_case(*id, *version, update)).collect()
    }
    /// Stores a case's details, replacing those it had (an empty `CaseDetails` is stored as such).
    fn put_case_details(&mut self, id: CaseId, details: &CaseDetails) -> StoreResult<()>;
    /// `put_case_details` for many cases (the demo, a load); a networked backend sends them in a
    /// few statements.
    fn put_cases_details(&mut self, rows: &[(CaseId, CaseDetails)]) -> StoreResult<()> {
        rows.iter().try_for_each(|(id, d)| self.put_case_details(*id, d))
    }
    /// `Cases::case_numbers_of_year`, read in this transaction (a proposed number is taken under
    /// the write lock on SQLite; on PostgreSQL a racing intake of the same number is refused by
    /// the unique key, `StoreError::Duplicate`).
    fn case_numbers_taken(&mut self, unit: UnitId, year: i32) -> StoreResult<Vec<CaseNo>>;
    /// Inserts one case with its details; `StoreError::Duplicate` when its number is taken in its
    /// unit.
    fn insert_case(&mut self, case: &NewCase, details: &CaseDetails) -> StoreResult<CaseId> {
        let id = self
            .insert_cases(std::slice::from_ref(case))?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::Backend("insert returned no id".into()))?;
        if !details.is_empty() {
            self.put_case_details(id, details)?;
        }
        Ok(id)
    }
    /// Stores a case's new facts, state and details if its version is still `expected_version`
    /// (else `StoreError::Stale`, nothing written). Returns the new version. A reassignment is
    /// such an update too: the officer is a fact (and a series of the ledger, which the caller
    /// moves in the same transaction).
    fn update_case_facts(
        &mut self,
        id: CaseId,
        expected_version: i64,
        update: &CaseUpdate,
        details: &CaseDetails,
    ) -> StoreResult<i64> {
        let version = self.update_case(id, expected_version, update)?;
        self.put_case_details(id, details)?;
        Ok(version)
    }
    /// Says, before it happens, that this transaction will change about `cases` stored cases
    /// (their events, state and deadlines), as the events file of a register's first load does.
    /// A backend may then keep up what those writes touch (indexes over the changing columns,
    /// cohort counts) once at commit rather than row by row, where that is cheaper; once the
    /// transaction commits, everything reads the same as without the call.
    fn expect_changes(&mut self, cases: usize) -> StoreResult<()>;
}

/// Whether changing about `cases` of the `stored` cases is a change of most of the register
/// (`CasesTx::expect_changes`): at least half of them. Below that, a backend keeps its indexes
/// and counts up as it goes: rebuilding them over the whole register would cost more.
pub fn changes_most_of(cases: usize, stored: i64) -> bool {
    let cases = i64::try_from(cases).unwrap_or(i64::MAX);
    stored > 0 && cases.saturating_mul(2) >= stored
}

#[cfg(test)]
mod tests {
    use super::changes_most_of;

    #[test]
    fn most_of_the_register_is_at_least_half_of_it() {
        assert!(changes_most_of(150, 300));
        assert!(!changes_most_of(149, 300));
        assert!(changes_most_of(usize::MAX, 10));
        assert!(!changes_most_of(5, 0), "nothing stored: nothing to rebuild");
    }
}

#[cfg(test)]
mod page_total_tests {
    use super::*;

    #[test]
    fn a_page_tells_the_total_when_it_ends_the_list_or_passes_the_cap() {
        let at = |offset: u64| CaseQuery { offset, ..CaseQuery::default() };
        assert_eq!(total_from_page(&at(0), 12, false), Some((12, true)), "a single page");
        assert_eq!(total_from_page(&at(100), 7, false), Some((107, true)), "the last page");
        assert_eq!(total_from_page(&at(100), 0, false), None, "past the end: counted");
        assert_eq!(total_from_page(&at(0), 50, true), None, "more follow: counted");
        assert_eq!(total_from_page(&at(COUNT_CAP - 50), 50, true), Some((COUNT_CAP, true)));
        assert_eq!(total_from_page(&at(COUNT_CAP), 20, false), Some((COUNT_CAP, true)), "never past the cap");
        let words = CaseQuery { text: Some("nguyen van".into()), offset: 50, ..CaseQuery::default() };
        assert_eq!(total_from_page(&words, 50, true), Some((100, false)), "a search is not counted");
        assert_eq!(total_from_page(&words, 3, false), Some((53, true)), "but its last page is");
    }
}
