-- THADS schema 31: considered and not taken. Case rows updated in place as heap-only tuples
-- (dropping `cases_outstanding` and filling `cases` pages to half) made a distribution across
-- 50,000 cases of one debtor about 1.5× faster (5.5–5.9 s → 3.0–4.3 s, ARCHITECTURE.md,
-- "Enforcement money"), but a national case list sorted by what is still owed would then sort
-- the whole table (seconds at 10,000,000 cases instead of milliseconds) and the table would take
-- up to twice its pages, which every read of cases pays for: a rare distribution of that size
-- does not justify it. The narrow update of a case's derived columns (`cases::bulk::update_states`)
-- stays. The migration keeps both backends at the same list of schema versions.
select 1;
