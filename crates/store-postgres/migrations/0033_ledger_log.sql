-- THADS schema 33: the ledger log. Every transaction that moves the ledger generation (meta
-- 'ledger_generation', schema 1) writes one row here in the same transaction: the generation
-- after its bump and the change it made to the month engine (`thads_reports::change_codec`),
-- or null when it did more than change a case (an import, a rebuild, a reorganisation…). A
-- server that finds the stored generation ahead of its engine reads the rows since the one it
-- knows and applies them, instead of reloading the whole ledger; a gap or a null means reload.
-- Writers delete the rows older than the last 10,000 generations.
create table ledger_log (
    generation bigint primary key,
    change bytea
);
