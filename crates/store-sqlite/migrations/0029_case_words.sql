-- THADS schema 29: on PostgreSQL the folded words of each case are stored and indexed for the
-- case search at scale (`cases.words`). SQLite's full-text index `cases_fts` (schemas 2, 5 and
-- 7) already keeps them, with prefixes of 2 to 6 characters, and walks its matches newest
-- first; nothing changes here, and the migration keeps both backends at the same list of
-- schema versions.
select 1;
