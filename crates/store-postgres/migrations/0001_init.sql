-- THADS schema 1 on PostgreSQL: the same tables, columns and keys as the SQLite file of the
-- same name. Dates are `date`, instants are unix seconds (`bigint`, as on SQLite, so that both
-- backends round-trip the same values), money and ledger measures are whole đồng in `bigint`.

create table meta (
    key text primary key,
    value text not null
);

create table units (
    id bigserial primary key,
    code text not null unique,
    name text not null,
    kind text not null check (kind in ('national', 'province', 'district', 'region')),
    parent_id bigint references units(id),
    valid_from date,
    valid_to date,
    successor_id bigint references units(id)
);

create table staff (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    login text not null unique,
    full_name text not null,
    role text not null,
    active boolean not null default true
);

create table import_batches (
    id bigserial primary key,
    kind text not null,
    file_name text not null,
    sha256 text not null unique,
    rows bigint not null,
    imported_by text not null,
    imported_at bigint not null
);

create table cases (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    case_no text not null,
    accepted_on date not null,
    origin text not null,
    received_by_delegation boolean not null,
    judgment_type text not null,
    categories smallint not null,
    amount bigint not null check (amount >= 0),
    debtor text not null,
    creditor text not null,
    officer_id bigint references staff(id),
    search_text text not null,
    state text not null,
    state_ground text,
    outstanding bigint not null check (outstanding >= 0),
    collected bigint not null check (collected >= 0),
    reduced bigint not null check (reduced >= 0),
    last_event_on date,
    event_count integer not null,
    version bigint not null,
    batch_id bigint references import_batches(id),
    unique (unit_id, case_no)
);
create index cases_officer on cases(officer_id);

-- Append-only: a correction is a new row that supersedes an old one.
-- Unlike SQLite, no foreign keys here: a key check per row locks the referenced case row and
-- doubles the cost of loading millions of events. The store checks the references of every
-- insert instead (one query per batch), and nothing can delete what events refer to: events
-- are append-only (below) and cases are never deleted (trigger on cases).
create table events (
    id bigserial primary key,
    case_id bigint not null,
    date date not null,
    code text not null,
    amount bigint check (amount >= 0),
    ground text,
    supersedes bigint,
    note text not null default '',
    recorded_by text not null,
    recorded_at bigint not null,
    batch_id bigint
);
create index events_case on events(case_id, id);

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name using errcode = 'restrict_violation';
end $$;
create trigger events_append_only before update or delete on events
    for each row execute function refuse_change();
create trigger events_append_only_truncate before truncate on events
    for each statement execute function refuse_change();
create function refuse_delete() returns trigger language plpgsql as $$
begin
    raise exception 'rows of % are never deleted', tg_table_name using errcode = 'restrict_violation';
end $$;
create trigger cases_never_deleted before delete on cases
    for each row execute function refuse_delete();
create trigger cases_never_truncated before truncate on cases
    for each statement execute function refuse_delete();

-- Monthly deltas of the statistics ledger, per series (unit × breakdown value).
create table ledger (
    unit_id bigint not null,
    dim_kind smallint not null,
    dim_value bigint not null,
    month integer not null,
    m0 bigint not null, m1 bigint not null, m2 bigint not null, m3 bigint not null,
    m4 bigint not null, m5 bigint not null, m6 bigint not null, m7 bigint not null,
    m8 bigint not null, m9 bigint not null, m10 bigint not null, m11 bigint not null,
    m12 bigint not null, m13 bigint not null, m14 bigint not null, m15 bigint not null,
    m16 bigint not null, m17 bigint not null, m18 bigint not null, m19 bigint not null,
    m20 bigint not null, m21 bigint not null, m22 bigint not null, m23 bigint not null,
    m24 bigint not null, m25 bigint not null, m26 bigint not null, m27 bigint not null,
    primary key (unit_id, dim_kind, dim_value, month)
);

create table deducted_moves (
    case_id bigint not null references cases(id),
    unit_id bigint not null,
    officer_id bigint,
    origin text not null,
    judgment_type text not null,
    categories smallint not null,
    closed_on date not null,
    moved_on date not null,
    kind text not null,
    amount bigint not null
);
create index deducted_moves_case on deducted_moves(case_id);

create table targets (
    unit_id bigint not null references units(id),
    year integer not null,
    cases_pct bigint not null,
    money_pct bigint not null,
    primary key (unit_id, year)
);

-- Who changed what, when, before and after; nothing may change or delete it.
create table audit (
    id bigserial primary key,
    at bigint not null,
    actor text not null,
    case_id bigint references cases(id),
    action text not null,
    before text,
    after text
);
create index audit_case on audit(case_id, id);
create index audit_actor on audit(actor, at);
create trigger audit_append_only before update or delete on audit
    for each row execute function refuse_change();
create trigger audit_append_only_truncate before truncate on audit
    for each statement execute function refuse_change();

insert into meta (key, value) values ('ledger_generation', '0');
