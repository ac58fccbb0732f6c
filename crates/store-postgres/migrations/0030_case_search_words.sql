-- THADS schema 30: the case search at national scale. Each case's folded words move out of
-- `cases` into a table of their own, `case_words`, and carry their prefixes of 2 to 6
-- characters as words of their own (`p:hoa` for «hoang»), as SQLite's FTS5 index does since
-- schema 5. Why:
-- - the last word typed may be unfinished; as a prefix term (`hoan:*`) the GIN index read the
--   posting lists of every word starting alike, in full, and that grew with the cases (900 ms
--   a search at 1,000,000 cases, 4.5 s at 10,000,000 with 200 clients); as the exact word
--   `p:hoan` it is one posting list, and three words meet in the index;
-- - a case row is updated by every event and money distribution: with the words in `cases`
--   every new row version inserted all of its words into the GIN index and computed them
--   again (a generated column). In `case_words` they are written when the case is inserted
--   and when its `search_text` changes, nothing else.
-- The words: those of the text search parser (`simple`, after the punctuation of case numbers
-- became spaces, as schema 29), then `p:` and the first 2..6 characters of each (the whole
-- word too when it is 2 to 6 characters long). Migrating computes them for every case once.
create function thads_search_words(folded text) returns tsvector
language plpgsql immutable strict parallel safe as $$
declare
    words text[] := tsvector_to_array(to_tsvector('simple',
        translate(folded, '/-.,:;()[]{}&@''"_+*#%!?<>=|\~^$`', '                                ')));
    terms text[] := words;
    word text;
begin
    foreach word in array words loop
        for n in 2 .. least(6, length(word)) loop
            terms := terms || ('p:' || left(word, n));
        end loop;
    end loop;
    return array_to_tsvector(terms);
end $$;

create table case_words (
    case_id bigint primary key references cases (id) on delete cascade,
    words tsvector not null
);
insert into case_words (case_id, words) select id, thads_search_words(search_text) from cases order by id;
create index case_words_words on case_words using gin (words) with (fastupdate = off);
alter table cases drop column words;

create function thads_case_words_insert() returns trigger language plpgsql as $$
begin
    insert into case_words (case_id, words) select id, thads_search_words(search_text) from inserted;
    return null;
end $$;
create trigger cases_words_insert after insert on cases
referencing new table as inserted for each statement execute function thads_case_words_insert();

create function thads_case_words_update() returns trigger language plpgsql as $$
begin
    update case_words set words = thads_search_words(new.search_text) where case_id = new.id;
    return null;
end $$;
create trigger cases_words_update after update of search_text on cases
for each row when (old.search_text is distinct from new.search_text) execute function thads_case_words_update();

analyze case_words;
