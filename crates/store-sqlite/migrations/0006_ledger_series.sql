-- Schema 6: one row per ledger series holding all its months (thads-store's ledger_codec), so
-- that the ledger of ten million cases loads in one short scan. The ledger is derived data: the
-- old rows are dropped and the rules stamp removed, so the next start rebuilds it from the
-- case histories.

drop trigger if exists ledger_stays_integer_insert;
drop trigger if exists ledger_stays_integer_update;
drop table ledger;

create table ledger (
    unit_id integer not null,
    dim_kind integer not null,
    dim_value integer not null,
    months blob not null,
    primary key (unit_id, dim_kind, dim_value)
) without rowid;

delete from deducted_moves;
delete from meta where key = 'ledger_rules';
update meta set value = cast(value as integer) + 1 where key = 'ledger_generation';
