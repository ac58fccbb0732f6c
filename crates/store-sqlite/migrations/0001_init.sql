-- THADS schema 1: units, staff, cases with their append-only history, the statistics ledger,
-- targets, imported files and the audit trail. Dates are ISO text (yyyy-mm-dd), instants are
-- unix seconds, money is whole đồng in 64-bit integers.

create table meta (
    key text primary key,
    value text not null
);

create table units (
    id integer primary key,
    code text not null unique,
    name text not null,
    kind text not null check (kind in ('national', 'province', 'district', 'region')),
    parent_id integer references units(id),
    valid_from text,
    valid_to text,
    successor_id integer references units(id)
);

create table staff (
    id integer primary key,
    unit_id integer not null references units(id),
    login text not null unique,
    full_name text not null,
    role text not null,
    active integer not null default 1
);

create table import_batches (
    id integer primary key,
    kind text not null,
    file_name text not null,
    sha256 text not null unique,
    rows integer not null,
    imported_by text not null,
    imported_at integer not null
);

create table cases (
    id integer primary key,
    unit_id integer not null references units(id),
    case_no text not null,
    accepted_on text not null,
    origin text not null,
    received_by_delegation integer not null,
    judgment_type text not null,
    categories integer not null,
    amount integer not null check (amount >= 0),
    debtor text not null,
    creditor text not null,
    officer_id integer references staff(id),
    search_text text not null,
    state text not null,
    state_ground text,
    outstanding integer not null check (outstanding >= 0),
    collected integer not null check (collected >= 0),
    reduced integer not null check (reduced >= 0),
    last_event_on text,
    event_count integer not null,
    version integer not null,
    batch_id integer references import_batches(id),
    unique (unit_id, case_no)
);
create index cases_officer on cases(officer_id);

-- Append-only: a correction is a new row that supersedes an old one.
create table events (
    id integer primary key,
    case_id integer not null references cases(id),
    date text not null,
    code text not null,
    amount integer check (amount >= 0),
    ground text,
    supersedes integer references events(id),
    note text not null default '',
    recorded_by text not null,
    recorded_at integer not null,
    batch_id integer references import_batches(id)
);
create index events_case on events(case_id, id);
create trigger events_append_only_update before update on events
begin select raise(abort, 'events are append-only'); end;
create trigger events_append_only_delete before delete on events
begin select raise(abort, 'events are append-only'); end;

-- Monthly deltas of the statistics ledger, per series (unit × breakdown value).
create table ledger (
    unit_id integer not null,
    dim_kind integer not null,
    dim_value integer not null,
    month integer not null,
    m0 integer not null, m1 integer not null, m2 integer not null, m3 integer not null,
    m4 integer not null, m5 integer not null, m6 integer not null, m7 integer not null,
    m8 integer not null, m9 integer not null, m10 integer not null, m11 integer not null,
    m12 integer not null, m13 integer not null, m14 integer not null, m15 integer not null,
    m16 integer not null, m17 integer not null, m18 integer not null, m19 integer not null,
    m20 integer not null, m21 integer not null, m22 integer not null, m23 integer not null,
    m24 integer not null, m25 integer not null, m26 integer not null, m27 integer not null,
    primary key (unit_id, dim_kind, dim_value, month)
) without rowid;

create table deducted_moves (
    case_id integer not null references cases(id),
    unit_id integer not null,
    officer_id integer,
    origin text not null,
    judgment_type text not null,
    categories integer not null,
    closed_on text not null,
    moved_on text not null,
    kind text not null,
    amount integer not null
);
create index deducted_moves_case on deducted_moves(case_id);

create table targets (
    unit_id integer not null references units(id),
    year integer not null,
    cases_pct integer not null,
    money_pct integer not null,
    primary key (unit_id, year)
);

-- Who changed what, when, before and after; nothing may change or delete it.
create table audit (
    id integer primary key,
    at integer not null,
    actor text not null,
    case_id integer references cases(id),
    action text not null,
    before text,
    after text
);
create index audit_case on audit(case_id, id);
create index audit_actor on audit(actor, at);
create trigger audit_append_only_update before update on audit
begin select raise(abort, 'the audit trail is append-only'); end;
create trigger audit_append_only_delete before delete on audit
begin select raise(abort, 'the audit trail is append-only'); end;

insert into meta (key, value) values ('ledger_generation', '0');
