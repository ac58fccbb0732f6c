-- THADS schema 21: enforcement requests filed online (issue 21 item 3; domain §3.1, §3.11).
-- A request gets its receipt number from the counter of its unit and year, raised inside the
-- transaction that writes it, so a rolled-back request leaves no hole. Its follow-up code is
-- kept only as a SHA-256 hash. Attachments (PDF, JPEG, PNG, checked by content above the
-- store) are kept in the database. The agency's steps are columns of the request, each set by
-- the application, which checks them; every change is audited.

create table request_numbers (
    unit_id bigint not null references units(id),
    year bigint not null,
    last bigint not null,
    primary key (unit_id, year)
);

create table requests (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    unit_code text not null,
    year bigint not null,
    seq bigint not null check (seq > 0),
    code_hash text not null,
    requester text not null,
    id_number text not null,
    address text not null,
    phone text not null,
    email text,
    court text not null,
    judgment_no text not null,
    judgment_on date not null,
    asked text not null,
    debtor text not null,
    debtor_address text not null,
    received_at bigint not null,
    received_on date not null,
    appointment_on date not null,
    state text not null check (state in ('submitted', 'needs_supplement', 'registered', 'refused')),
    supplement_asked_on date,
    supplement_due_on date,
    supplement_what text,
    decided_on date,
    refusal text,
    case_id bigint references cases(id),
    updated_by text,
    unique (unit_id, year, seq),
    unique (unit_code, year, seq),
    check ((state = 'registered') = (case_id is not null)),
    check ((state = 'refused') = (refusal is not null))
);
create index requests_unit on requests(unit_id, id);

create table request_attachments (
    id bigserial primary key,
    request_id bigint not null references requests(id),
    name text not null,
    kind text not null check (kind in ('pdf', 'jpeg', 'png')),
    size bigint not null check (size > 0),
    content bytea not null
);
create index request_attachments_request on request_attachments(request_id);
