-- THADS schema 30: on PostgreSQL each case's search words, with their prefixes of 2 to 6
-- characters as words of their own, move to a table `case_words` written only when a case is
-- inserted or its `search_text` changes. SQLite's FTS5 index `cases_fts` has kept prefixes of
-- 2 to 6 characters since schema 5 and is written by triggers only when `search_text` changes;
-- nothing changes here, and the migration keeps both backends at the same list of schema
-- versions.
select 1;
