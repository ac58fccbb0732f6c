-- THADS schema 31: a case's derived state (state, outstanding, collected, reduced, last event,
-- event count, version) is updated in place. New events change only those columns
-- (`cases::bulk::update_states`); when none of the changed columns is indexed and the row's page
-- has room, PostgreSQL writes the new row version on the same page without an entry in any index
-- (a heap-only tuple). Before this, each update added an entry to every index of `cases` (the
-- search words' GIN index too until schema 30 moved the words to `case_words`): a distribution
-- across 50,000 cases of one debtor spent most of its time there (see ARCHITECTURE.md,
-- "Enforcement money").
-- * `cases_outstanding` goes: the list sorted by what is still owed reads the unit's cases
--   (`cases_unit_id`) or, at national scope, the whole table, and sorts them.
-- * Pages are filled to half when written, so that every case of a page can take its next
--   version there; a debtor's cases imported together lie on the same pages. Pages already
--   written keep what they hold until rewritten (`vacuum full cases` rewrites them).
drop index if exists cases_outstanding;
alter table cases set (fillfactor = 50);
