-- THADS schema 2: the web application. Passwords of staff members, sessions (only the SHA-256
-- of each token is kept, with the CSRF token of its forms), indexes for the case list and a
-- full-text index over the folded names and numbers (`cases.search_text`).

create table credentials (
    staff_id integer primary key references staff(id),
    password_hash text not null,
    changed_at integer not null
);

create table sessions (
    token_hash text primary key,
    staff_id integer not null references staff(id),
    csrf text not null,
    created_at integer not null,
    expires_at integer not null
);
create index sessions_staff on sessions(staff_id);
create index sessions_expiry on sessions(expires_at);

create index cases_unit_id on cases(unit_id, id);
create index cases_accepted on cases(accepted_on, id);
create index cases_outstanding on cases(outstanding, id);

-- Words of the folded text; prefixes of 2 and 3 characters are indexed so that a word being
-- typed ("ngu") is found without scanning the vocabulary.
create virtual table cases_fts using fts5(
    search_text, content = 'cases', content_rowid = 'id', tokenize = 'unicode61', prefix = '2 3'
);
insert into cases_fts (cases_fts) values ('rebuild');
create trigger cases_fts_insert after insert on cases begin
    insert into cases_fts (rowid, search_text) values (new.id, new.search_text);
end;
create trigger cases_fts_update after update of search_text on cases
when old.search_text is not new.search_text begin
    insert into cases_fts (cases_fts, rowid, search_text) values ('delete', old.id, old.search_text);
    insert into cases_fts (rowid, search_text) values (new.id, new.search_text);
end;
create trigger cases_fts_delete after delete on cases begin
    insert into cases_fts (cases_fts, rowid, search_text) values ('delete', old.id, old.search_text);
end;
