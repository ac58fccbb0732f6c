-- THADS schema 2 on PostgreSQL: the web application. Passwords of staff members, sessions (only
-- the SHA-256 of each token is kept, with the CSRF token of its forms), indexes for the case
-- list, and a full-text index over the folded names and numbers (`cases.search_text`): its
-- words (runs of letters and digits, as SQLite's unicode61 tokenizer cuts them: punctuation is
-- made blank first, so that the parser sees no paths, e-mails or hyphenated words; `translate`
-- costs a tenth of a regular expression on every inserted case) in a GIN index that answers
-- prefix queries (`nguyen:* & van:*`).

create table credentials (
    staff_id bigint primary key references staff(id),
    password_hash text not null,
    changed_at bigint not null
);

create table sessions (
    token_hash text primary key,
    staff_id bigint not null references staff(id),
    csrf text not null,
    created_at bigint not null,
    expires_at bigint not null
);
create index sessions_staff on sessions(staff_id);
create index sessions_expiry on sessions(expires_at);

create index cases_unit_id on cases(unit_id, id);
create index cases_accepted on cases(accepted_on, id);
create index cases_outstanding on cases(outstanding, id);

-- The same expression must appear in queries for the index to serve them (listing.rs).
create index cases_words on cases
    using gin (to_tsvector('simple', translate(search_text, '/-.,:;()[]{}&@''"_+*#%!?<>=|\~^$`', '                                ')));
