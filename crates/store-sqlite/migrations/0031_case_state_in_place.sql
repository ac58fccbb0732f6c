-- THADS schema 31: nothing on either backend (on PostgreSQL, heap-only updates of case rows were
-- measured and not taken: see its 0031). SQLite already updates only a case's derived columns
-- (`cases::bulk::update_state`). The migration keeps both backends at the same list of schema
-- versions.
select 1;
