-- THADS schema 14: documents. The template versions an administrator keeps (a kind's text in
-- force from a date, with its legal basis, citation and confidence), and the register of
-- documents issued per unit, kind and year: numbers without gaps (the counter moves in the
-- issuing transaction), a cancelled number stays used with its reason.

create table document_templates (
    kind text not null,
    effective_from text not null,
    legal_basis text not null,
    citation text not null,
    confidence text not null check (confidence in ('confirmed', 'inferred', 'unconfirmed')),
    body text not null,
    saved_by text not null,
    saved_at integer not null,
    primary key (kind, effective_from)
);

create table document_counters (
    unit_id integer not null references units(id),
    kind text not null,
    year integer not null,
    last integer not null check (last > 0),
    primary key (unit_id, kind, year)
);

create table documents (
    id integer primary key,
    unit_id integer not null references units(id),
    kind text not null,
    year integer not null,
    number integer not null check (number > 0),
    symbol text not null,
    case_id integer references cases(id),
    event_id integer references events(id),
    issued_on text not null,
    issued_by text not null,
    issued_at integer not null,
    cancelled_reason text,
    cancelled_by text,
    cancelled_at integer,
    unique (unit_id, kind, year, number),
    check ((cancelled_reason is null) = (cancelled_at is null))
);
create index documents_case on documents(case_id);
