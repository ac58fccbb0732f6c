//! Legal deadlines of open cases (issue 6): the derived table kept with every change, its
//! rebuild when the rules or the calendar change, listings for any day, the dashboard figures,
//! and the calendar data an administrator enters.
//!
//! # The derived table
//! One row per current deadline of each open case: case, unit, officer, case number, kind,
//! due date, the day the clock started, the rule id, and whether it is shown only until due.
//! - **Kept in the same transaction** as every change to a case: `record::create_case` and
//!   `record::finish` call [`keep_case`]. Bulk writers (import, demo) call [`deadline_rows`]
//!   for each case they store and `WriteTx::replace_deadlines` in the same transaction, with a
//!   setup loaded once ([`DeadlineSetup::load`]), or simply [`keep_new_cases`] (new cases) or
//!   [`keep_cases`] (cases whose history changed) per chunk.
//! - **Rows do not age.** They are computed on the case's as-of day (see [`rows`]); on a later
//!   day `on`, a row is *overdue* when `due < on` (never stored), and a row shown only until
//!   due is hidden once `due < on`. So the table answers for today without a nightly job.
//! - **Stamped and rebuilt** like the statistics ledger: the stamp is a fingerprint of the
//!   deadline rules with the administrator's overrides, the calendar rules, the announced days
//!   and the lifecycle rules. [`ensure_deadlines`] (at start) and every administrator change
//!   rebuild it; `thads deadlines rebuild` does it by hand, `thads deadlines check` compares it
//!   with a recomputation.
//!
//! # Reading
//! - [`deadlines_on`]: a scope's deadlines on a day, overdue first then by due date. For today
//!   it reads the table; for any other day (past or future) it computes them from the
//!   histories of the scope's cases as of that day (`Store::scan_histories` with a unit filter).
//! - For the web (all from the table, for today; `units` is the reader's scope, e.g.
//!   `UnitTree::scope(unit)` as a `Vec`): [`due_this_week`] (due today to six days later),
//!   [`overdue`] (oldest first, optional limit), [`by_officer`] and [`by_unit`] (counts:
//!   overdue, due this week, total), [`of_officer`] (an officer's list) and [`of_case`] (the
//!   case page). Each returns serialisable structs: [`DueItem`], [`OfficerLoad`], [`UnitLoad`].
//!   [`worklist`] (the page "Việc cần làm" and `GET /api/v1/deadlines`: a scope's or an
//!   officer's deadlines, overdue only or due before a day or of one kind, sorted, with counts).
//!   A web process should call [`ensure_deadlines`] at start, as it does for the ledger.
//!
//! # Administration
//! [`announce_day`], [`withdraw_day`], [`announced_in`] and [`set_rule_length`] change or read
//! the stored calendar data, audit the change and rebuild the table.

mod admin;
mod assets;
mod dashboard;
mod exemption;
mod payouts;
mod query;
pub mod rows;
mod savings;
mod setup;
mod worklist;

pub use self::assets::COERCION_POLICE;
pub use admin::{announce_day, announced_in, set_rule_length, withdraw_day};
pub use dashboard::{
    OfficerLoad, Overview, UnitLoad, WEEK, by_officer, by_unit, due_this_week, of_case, of_officer, overdue, overview,
    tallies,
};
pub use exemption::{APPLY_EFFECT, EXEMPTION};
pub use payouts::{BookPayout, book_payouts, case_book_payouts};
pub use query::{DeadlineScope, DueItem, Listing, Names, deadlines_on, item_of_row};
pub use rows::{
    Rebuilt, as_of, book_case_rows, deadline_rows, drop_book_payouts, ensure_deadlines, is_current, keep_book_case,
    keep_case, keep_cases, keep_new_cases, rebuild, recompute_and_read,
};
pub use savings::{SAVINGS_DEPOSIT, SAVINGS_NOTICE};
pub use setup::DeadlineSetup;
pub use worklist::{ADMIN_JUDGMENT, KindCount, Worklist, WorklistFilter, WorklistSort, sort_items, worklist};
