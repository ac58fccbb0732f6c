-- Schema 9: the reference generation. Units, staff, yearly targets, announced days
-- and corrected rule lengths change rarely, and a long-running server keeps them in memory (its
-- directory of units and staff, the statistics engine's unit tree and targets, its dashboards).
-- Every change of them moves meta 'reference_generation' in the same transaction, by triggers,
-- so that every writer counts (the command line, imports, a migration, an operator's SQL); the
-- server reloads what it keeps when it sees the number move. Sessions, passwords and cases do
-- not move it.
-- Statement-level triggers: a bulk COPY moves it once.

insert into meta (key, value) values ('reference_generation', '0');

create function thads_reference_changed() returns trigger language plpgsql as $$
begin
    update meta set value = (value::bigint + 1)::text where key = 'reference_generation';
    return null;
end $$;

create trigger units_reference after insert or update or delete or truncate on units
for each statement execute function thads_reference_changed();
create trigger staff_reference after insert or update or delete or truncate on staff
for each statement execute function thads_reference_changed();
create trigger targets_reference after insert or update or delete or truncate on targets
for each statement execute function thads_reference_changed();
create trigger announced_days_reference after insert or update or delete or truncate on announced_days
for each statement execute function thads_reference_changed();
create trigger deadline_rule_overrides_reference after insert or update or delete or truncate on deadline_rule_overrides
for each statement execute function thads_reference_changed();
