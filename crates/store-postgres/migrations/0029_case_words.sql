-- THADS schema 29: the case search at scale. The folded words of each case are stored
-- (`cases.words`, a generated column: computed once when a case is written) and indexed by GIN
-- (`cases_words`, which now indexes the column instead of the expression). A search for common
-- words ("nguyen van", "cong ty": a third of all cases) is answered best by walking the cases
-- newest first and testing each one's words until a page is full, a rare one by the index; the
-- planner chooses from the column's statistics, and either way no case's words are computed
-- again at read time (the old expression index made every tested row run `to_tsvector`).
-- Rewrites `cases` once (about a minute a million cases on this machine).
alter table cases add column words tsvector generated always as (
    to_tsvector('simple', translate(search_text, '/-.,:;()[]{}&@''"_+*#%!?<>=|\~^$`', '                                '))
) stored;
drop index cases_words;
create index cases_words on cases using gin (words) with (fastupdate = off);
analyze cases;
