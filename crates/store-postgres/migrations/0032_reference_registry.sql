-- THADS schema 32: the staff registry and the reorganisations are reference data too. The
-- statistics forms print each officer's name from the registry (`personnel`, schema 22) and
-- lay out past periods on the structure the reorganisations (`reorg_operations`, schema 23)
-- rebuild; a server keeps the computed forms while the reference and ledger generations stay
-- as they were, so every change of these tables moves meta 'reference_generation' in its
-- transaction, as units, staff and targets do (schema 9; statement-level: a COPY moves it once).
create trigger personnel_reference after insert or update or delete or truncate on personnel
for each statement execute function thads_reference_changed();
create trigger reorg_operations_reference after insert or update or delete or truncate on reorg_operations
for each statement execute function thads_reference_changed();
