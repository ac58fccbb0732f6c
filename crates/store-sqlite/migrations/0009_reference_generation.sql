-- THADS schema 9: the reference generation. Units, staff, yearly targets, announced days
-- and corrected rule lengths change rarely, and a long-running server keeps them in memory (its
-- directory of units and staff, the statistics engine's unit tree and targets, its dashboards).
-- Every change of them moves meta 'reference_generation' in the same transaction, by triggers,
-- so that every writer counts (the command line, imports, a migration, an operator's SQL); the
-- server reloads what it keeps when it sees the number move. Sessions, passwords and cases do
-- not move it.

insert into meta (key, value) values ('reference_generation', '0');

create trigger units_reference_insert after insert on units begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger units_reference_update after update on units begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger units_reference_delete after delete on units begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger staff_reference_insert after insert on staff begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger staff_reference_update after update on staff begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger staff_reference_delete after delete on staff begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger targets_reference_insert after insert on targets begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger targets_reference_update after update on targets begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger targets_reference_delete after delete on targets begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger announced_days_reference_insert after insert on announced_days begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger announced_days_reference_update after update on announced_days begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger announced_days_reference_delete after delete on announced_days begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger deadline_rule_overrides_reference_insert after insert on deadline_rule_overrides begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger deadline_rule_overrides_reference_update after update on deadline_rule_overrides begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger deadline_rule_overrides_reference_delete after delete on deadline_rule_overrides begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
