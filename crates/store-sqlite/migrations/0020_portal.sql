-- THADS schema 20: the citizens' portal (issue 21). Every case has a lookup code (mã tra cứu)
-- derived from the agency's secret key and the case's latest rotation (none: the case's id
-- alone), so that every case, however it was written (intake, import, bulk load), has one
-- from the moment it exists; rotating a case's code stores a new random nonce. Staff views of
-- a case are logged for the parties (who opened my file).

create table portal_keys (
    id integer primary key check (id = 1),
    key text not null
);
-- SQLite's randomness is a ChaCha20 generator seeded from the operating system's.
insert into portal_keys (id, key) values (1, lower(hex(randomblob(32))));

create table case_lookup_codes (
    case_id integer primary key references cases(id),
    nonce text not null,
    rotated_at integer not null,
    rotated_by text not null
);

create table case_views (
    id integer primary key,
    case_id integer not null references cases(id),
    at integer not null,
    unit_id integer references units(id),
    staff_id integer references staff(id),
    role text not null,
    via text not null
);
create index case_views_case on case_views(case_id, at);
