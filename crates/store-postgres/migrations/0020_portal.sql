-- THADS schema 20: the citizens' portal (issue 21). Every case has a lookup code (mã tra cứu)
-- derived from the agency's secret key and the case's latest rotation (none: the case's id
-- alone), so that every case, however it was written (intake, import, COPY), has one from the
-- moment it exists; rotating a case's code stores a new random nonce. Staff views of a case
-- are logged for the parties (who opened my file).

create table portal_keys (
    id bigint primary key check (id = 1),
    key text not null
);
-- gen_random_uuid() draws from the server's strong random source (PostgreSQL 13+).
insert into portal_keys (id, key)
values (1, encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'));

create table case_lookup_codes (
    case_id bigint primary key references cases(id),
    nonce text not null,
    rotated_at bigint not null,
    rotated_by text not null
);

create table case_views (
    id bigserial primary key,
    case_id bigint not null references cases(id),
    at bigint not null,
    unit_id bigint references units(id),
    staff_id bigint references staff(id),
    role text not null,
    via text not null
);
create index case_views_case on case_views(case_id, at);
