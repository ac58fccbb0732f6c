-- THADS schema 5: on SQLite, prefixes of 2 to 6 characters indexed for the case search (the
-- last word typed is a prefix, the others whole words). The GIN index of the words
-- (`cases_words`, schema 2) already finds a prefix (`hoan:*`) as a range of its keys, so nothing
-- changes here; the migration keeps both backends at the same list of schema versions.
select 1;
