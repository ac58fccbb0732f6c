//! The case list: which cases to show (scope, filters, folded search text), in which order,
//! one page at a time. Counting every match of a national list would cost a scan of millions
//! of rows per request, so a page says only whether more follow.

use thads_core::{Case, CaseState, Category, Origin, StaffId, UnitId};
use time::Date;

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

/// One page of cases and whether another page follows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseList {
    pub cases: Vec<Case>,
    pub more: bool,
}
