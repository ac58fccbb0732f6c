//! The contract every backend passes, by capability: one file of checks per capability (a
//! folder where there are many, as for cases). A backend's tests expand `store_contract_tests!`
//! with a function that returns a fresh, empty, migrated store; each check becomes one test.
//! Compiled only with the `contract` feature, which the backends' tests turn on.

use thads_core::lifecycle::opening;
use thads_core::{
    CaseFacts, CaseId, CaseNo, Categories, Entry, Event, EventCode, JudgmentType, Login, Origin, Role, StaffId,
    UnitCode, UnitId, UnitKind, Vnd,
};
use time::macros::{date, datetime};

use crate::*;

mod accounts;
mod admin_judgments;
mod assets;
mod audit;
mod calendar;
mod cases;
mod complaints;
mod deadlines;
mod documents;
mod events;
mod exemption;
mod imports;
mod ledger;
mod ledger_log;
mod meta;
mod money;
mod periods;
mod personnel;
mod portal;
mod reorg;
mod requests;
mod targets;
mod units;

pub use accounts::*;
pub use admin_judgments::*;
pub use assets::*;
pub use audit::*;
pub use calendar::*;
pub use cases::*;
pub use complaints::*;
pub use deadlines::*;
pub use documents::*;
pub use events::*;
pub use exemption::*;
pub use imports::*;
pub use ledger::*;
pub use ledger_log::*;
pub use meta::*;
pub use money::*;
pub use periods::*;
pub use personnel::*;
pub use portal::*;
pub use reorg::*;
pub use requests::*;
pub use targets::*;
pub use units::*;

/// Expands to one `#[test]` per contract check, each on a fresh store from `$factory()`.
/// `store_contract_tests!(optional f)` takes a factory returning `Option<_>`: `None` (no server
/// to test on) skips every check.
#[macro_export]
macro_rules! store_contract_tests {
    ($factory:expr) => {
        $crate::store_contract_tests!(@list each $factory);
    };
    (optional $factory:expr) => {
        $crate::store_contract_tests!(@list each_optional $factory);
    };
    (@list $mode:ident $factory:expr) => {
        $crate::store_contract_tests!(@$mode $factory;
            // units
            units_form_a_tree, unit_codes_are_unique,
            // accounts
            staff_logins_are_unique, passwords_and_sessions, staff_are_disabled_and_sign_ins_kept,
            // cases
            cases_round_trip, case_numbers_are_unique_per_unit, a_dropped_transaction_changes_nothing,
            stale_versions_are_refused, money_and_text_round_trip_exactly, many_cases_insert_in_order_and_update,
            many_cases_update_at_once_or_not_at_all, concurrent_writers_never_lose_updates,
            concurrent_inserts_of_a_case_number_yield_one_case, case_list_filters_sorts_and_pages,
            case_list_finds_words_without_diacritics, a_common_word_search_pages_newest_first,
            a_search_prefix_of_any_length_matches,
            bulk_writes_keep_search_and_cohorts, updates_of_state_and_of_facts_in_one_call,
            a_first_load_is_searched_and_sorted, a_mass_change_is_counted_and_sorted,
            case_details_round_trip_and_are_replaced, numbers_of_a_units_book_of_a_year,
            a_taken_number_or_a_stale_version_writes_nothing, concurrent_edits_of_facts_leave_one,
            // events
            events_are_appended_in_order, scans_filter_and_stream_histories, a_record_is_superseded_once,
            concurrent_supersessions_of_a_record_leave_one,
            // ledger
            ledger_deltas_add_up, deducted_moves_are_replaced_per_case, cohorts_follow_acceptance_and_closing,
            each_bump_logs_its_change_under_its_generation, concurrent_bumps_log_every_generation_once,
            a_ledger_snapshot_is_the_ledger_and_its_generation,
            // targets, imports, audit
            targets_insert_and_replace, files_are_imported_once, audit_is_kept_per_case_and_actor,
            audit_is_searched_by_unit_actor_action_and_time, audit_chain_links_every_append,
            // calendar, deadlines
            announced_days_round_trip_once_per_date, rule_overrides_are_set_replaced_and_removed,
            deadlines_are_replaced_per_case_and_read_by_scope,
            the_oldest_overdue_of_many_units_come_in_order,
            // documents
            document_templates_are_kept_per_kind_and_date, document_numbers_have_no_gaps_and_cancelled_ones_stay_used,
            concurrent_issuers_take_consecutive_numbers,
            issued_documents_keep_their_content,
            // meta
            reference_generation_moves_with_reference_data_only, every_table_of_the_schema_is_copied,
            copied_rows_read_back_the_same,
            // administrative judgments, exemption
            admin_judgments_round_trip_with_their_steps, exemption_proposals_keep_the_decision_and_its_effect,
            // complaints, reception
            complaints_round_trip_and_their_steps_are_replaced,
            reception_sessions_list_their_letters_and_the_schedule_is_one_day_per_head,
            // assets
            assets_keep_their_cases_steps_and_plans,
            police_steps_proceeds_and_rule_versions,
            // money
            receipt_numbers_of_concurrent_writers_have_no_gap_and_no_duplicate,
            entries_round_trip_and_are_reversed_once, a_day_is_closed_once,
            statements_keep_their_lines_and_match_a_document_once,
            notices_and_savings_deposits_round_trip_with_their_entries,
            many_postings_and_allocations_round_trip_and_refer_to_stored_rows,
            books_are_handed_over_and_held_while_written,
            // periods, snapshots
            months_close_once_and_reopen_with_a_reason, snapshots_are_frozen_and_find_later_changes,
            // reorganisations
            reorganisations_round_trip_with_their_moves, all_cases_of_a_unit_move_at_once,
            // the staff registry
            people_quotas_and_workload_round_trip,
            // portal
            lookup_keys_rotations_and_views_round_trip,
            // online requests
            requests_round_trip_with_their_attachments_and_steps, request_numbers_have_no_gap_per_unit_and_year);
    };
    (@each $factory:expr; $($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                let store = $factory();
                $crate::contract::$name(&*store);
            }
        )*
    };
    (@each_optional $factory:expr; $($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                if let Some(store) = $factory() {
                    $crate::contract::$name(&*store);
                }
            }
        )*
    };
}

fn ok<T>(r: StoreResult<T>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("store error: {e:?}"),
    }
}

fn code(c: &str) -> UnitCode {
    ok(UnitCode::new(c).map_err(|e| StoreError::Invalid(e.to_string())))
}

fn unit(c: &str, kind: UnitKind, parent: Option<UnitId>) -> NewUnit {
    NewUnit {
        code: code(c),
        name: format!("Đơn vị {c}"),
        kind,
        parent,
        valid_from: None,
        valid_to: None,
        successor: None,
    }
}

/// VN → BG → BG-KV1, BG-KV2; returns their ids in that order.
fn seed_units(store: &dyn Store) -> Vec<UnitId> {
    let mut tx = ok(store.begin());
    let vn = ok(tx.insert_unit(&unit("VN", UnitKind::National, None)));
    let bg = ok(tx.insert_unit(&unit("BG", UnitKind::Province, Some(vn))));
    let k1 = ok(tx.insert_unit(&unit("BG-KV1", UnitKind::Region, Some(bg))));
    let k2 = ok(tx.insert_unit(&unit("BG-KV2", UnitKind::Region, Some(bg))));
    ok(tx.commit());
    vec![vn, bg, k1, k2]
}

fn facts(unit: UnitId, no: &str, amount: i64) -> CaseFacts {
    CaseFacts {
        unit,
        case_no: ok(CaseNo::new(no).map_err(|e| StoreError::Invalid(e.to_string()))),
        accepted_on: date!(2025 - 10 - 05),
        origin: Origin::TheoYeuCau,
        received_by_delegation: false,
        judgment_type: JudgmentType::DanSu,
        categories: Categories::empty(),
        amount: ok(Vnd::new(amount).map_err(|e| StoreError::Invalid(e.to_string()))),
        debtor: "Nguyễn Văn An".into(),
        creditor: "Ngân hàng TMCP Á Châu".into(),
        officer: None,
    }
}

fn new_case(f: CaseFacts) -> NewCase {
    let current = opening(&f.basis());
    NewCase { facts: f, current, last_event_on: None, event_count: 0, batch: None }
}

fn seed_case(store: &dyn Store, unit: UnitId, no: &str) -> CaseId {
    let mut tx = ok(store.begin());
    let ids = ok(tx.insert_cases(&[new_case(facts(unit, no, 10_000_000))]));
    ok(tx.commit());
    ids[0]
}

fn event(case: CaseId, day: time::Date, code: EventCode, amount: Option<i64>) -> NewEvent {
    NewEvent {
        case,
        entry: Entry::Event(Event { date: day, code, amount: amount.and_then(|a| Vnd::new(a).ok()), ground: None }),
        supersedes: None,
        note: String::new(),
        recorded_by: "chv.an".into(),
        recorded_at: datetime!(2025-10-20 09:30:15 UTC),
        batch: None,
    }
}

fn staff_member(store: &dyn Store, unit: UnitId, login: &str, role: Role) -> StaffId {
    let mut tx = ok(store.begin());
    let login = ok(Login::new(login).map_err(|e| StoreError::Invalid(e.to_string())));
    let id = ok(tx.insert_staff(&NewStaff { unit, login, full_name: "Phạm Thị Thu".into(), role }));
    ok(tx.commit());
    id
}

/// The list query for the words of `t` (folded, as the web application sends them).
fn by_words(t: &str) -> CaseQuery {
    CaseQuery { text: Some(thads_core::text::fold(t)), ..CaseQuery::default() }
}

/// The non-zero cohort counts as (unit, acceptance month, closing month, count), sorted.
fn cohort_counts(store: &dyn Store) -> Vec<(UnitId, i32, Option<i32>, i64)> {
    let mut counts: Vec<(UnitId, i32, Option<i32>, i64)> = ok(store.case_cohorts())
        .into_iter()
        .filter(|c| c.count != 0)
        .map(|c| (c.unit, c.accepted.0, c.closed.map(|m| m.0), c.count))
        .collect();
    counts.sort();
    counts
}

fn listed(store: &dyn Store, q: CaseQuery) -> (Vec<CaseId>, bool) {
    let page = ok(store.list_cases(&CaseQuery { limit: if q.limit == 0 { 50 } else { q.limit }, ..q }));
    (page.cases.iter().map(|c| c.id).collect(), page.more)
}
