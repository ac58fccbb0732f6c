-- THADS schema 7: the search index keeps up to 64 MiB of new words in memory before writing
-- them (FTS5's default is 1 MiB). A register of a million cases imported in one transaction
-- is then indexed in a few large segments instead of hundreds of small ones merged again and
-- again: 3.2 s instead of 7.2 s per million cases (see src/deferred.rs). The buffer is only
-- filled that far by statements that index that many words at once.
insert into cases_fts (cases_fts, rank) values ('hashsize', 67108864);
