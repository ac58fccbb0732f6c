-- THADS schema 28: on PostgreSQL, a ledger entry's postings, a distribution's allocations and
-- the deadlines of cases lose their foreign keys, checked by the store once per insert instead
-- (a key check per row, which locks the referenced row there, cost more than the rows). SQLite
-- keeps them: its check of a key is an index lookup in the same process, without a lock.
-- Nothing changes here; the migration keeps both backends at the same list of schema versions.
select 1;
