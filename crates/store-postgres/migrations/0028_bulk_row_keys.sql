-- THADS schema 28: the rows written many at a time for many cases keep no foreign keys, as
-- events keep none (schema 1): a ledger entry's postings, a distribution's allocations and the
-- deadlines of cases. One distribution across a debtor's 50,000 cases writes 50,000 of each
-- (and about as many deadlines), and the key check of each row (which also locks the
-- referenced case or event row) cost more than writing the rows: 50,000 postings took 1.26 s
-- with a key to cases and 0.34 s without; 50,000 deadlines 1.33 s and 0.62 s. The store checks
-- the references of each insert once instead (one query for all its rows: `money_rows.rs`,
-- `deadlines.rs`), and nothing can delete what they refer to: the books and events are
-- append-only and cases are never deleted.
alter table money_postings
    drop constraint money_postings_entry_id_fkey,
    drop constraint money_postings_case_id_fkey;
alter table money_allocations
    drop constraint money_allocations_distribution_id_fkey,
    drop constraint money_allocations_case_id_fkey,
    drop constraint money_allocations_event_id_fkey;
alter table deadlines drop constraint deadlines_case_id_fkey;
