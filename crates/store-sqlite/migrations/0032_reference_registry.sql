-- THADS schema 32: the staff registry and the reorganisations are reference data too. The
-- statistics forms print each officer's name from the registry (`personnel`, schema 22) and
-- lay out past periods on the structure the reorganisations (`reorg_operations`, schema 23)
-- rebuild; a server keeps the computed forms while the reference and ledger generations stay
-- as they were, so every change of these tables moves meta 'reference_generation' in its
-- transaction, as units, staff and targets do (schema 9).
create trigger personnel_reference_insert after insert on personnel begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger personnel_reference_update after update on personnel begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger personnel_reference_delete after delete on personnel begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger reorg_operations_reference_insert after insert on reorg_operations begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger reorg_operations_reference_update after update on reorg_operations begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
create trigger reorg_operations_reference_delete after delete on reorg_operations begin
    update meta set value = cast(value as integer) + 1 where key = 'reference_generation';
end;
