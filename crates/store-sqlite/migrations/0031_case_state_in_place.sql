-- THADS schema 31: on PostgreSQL a case's derived state is updated in place (heap-only tuples:
-- `cases_outstanding` dropped, pages half filled). SQLite already updates only the derived
-- columns (`cases::bulk::update_state`) and has no such tuples; its index over what is still
-- owed keeps the list sorted by it cheap. Nothing changes here; the migration keeps both
-- backends at the same list of schema versions.
select 1;
