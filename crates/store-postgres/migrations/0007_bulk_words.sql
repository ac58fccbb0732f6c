-- THADS schema 7: the search index keeps up to 64 MiB of new words in its pending list before
-- merging them into the index (the server's default is 4 MiB), as SQLite's schema 7 does for
-- its full-text index: a large import merges a few times instead of hundreds.
alter index cases_words set (gin_pending_list_limit = 65536);
