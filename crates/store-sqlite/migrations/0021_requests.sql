-- THADS schema 21: enforcement requests filed online (issue 21 item 3; domain §3.1, §3.11).
-- A request gets its receipt number from the counter of its unit and year, raised inside the
-- transaction that writes it, so a rolled-back request leaves no hole. Its follow-up code is
-- kept only as a SHA-256 hash. Attachments (PDF, JPEG, PNG, checked by content above the
-- store) are kept in the database. The agency's steps are columns of the request, each set by
-- the application, which checks them; every change is audited.

create table request_numbers (
    unit_id integer not null references units(id),
    year integer not null,
    last integer not null,
    primary key (unit_id, year)
);

create table requests (
    id integer primary key,
    unit_id integer not null references units(id),
    unit_code text not null,
    year integer not null,
    seq integer not null check (seq > 0),
    code_hash text not null,
    requester text not null,
    id_number text not null,
    address text not null,
    phone text not null,
    email text,
    court text not null,
    judgment_no text not null,
    judgment_on text not null,
    asked text not null,
    debtor text not null,
    debtor_address text not null,
    received_at integer not null,
    received_on text not null,
    appointment_on text not null,
    state text not null check (state in ('submitted', 'needs_supplement', 'registered', 'refused')),
    supplement_asked_on text,
    supplement_due_on text,
    supplement_what text,
    decided_on text,
    refusal text,
    case_id integer references cases(id),
    updated_by text,
    unique (unit_id, year, seq),
    unique (unit_code, year, seq),
    check ((state = 'registered') = (case_id is not null)),
    check ((state = 'refused') = (refusal is not null))
);
create index requests_unit on requests(unit_id, id);

create table request_attachments (
    id integer primary key,
    request_id integer not null references requests(id),
    name text not null,
    kind text not null check (kind in ('pdf', 'jpeg', 'png')),
    size integer not null check (size > 0),
    content blob not null
);
create index request_attachments_request on request_attachments(request_id);
