-- THADS schema 16: the register of complaints and denunciations, and citizen reception
-- (issue 20; domain §6). Every letter received is kept, late or not, within the agency's
-- authority or not; a repeat letter names the first (same_matter_as) and is not counted again.
-- Steps (acceptance, referral, extension, decision or withdrawal) are columns of the letter,
-- each set once by the application, which checks them; every change is audited.

create table reception_sessions (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    date date not null,
    head_id bigint references staff(id),
    kind text not null check (kind in ('dinh_ky', 'dot_xuat')),
    visitors bigint not null check (visitors > 0),
    subject text not null,
    result text not null,
    recorded_by text not null,
    recorded_at bigint not null
);
create index reception_sessions_unit on reception_sessions(unit_id, date);

create table reception_schedule (
    unit_id bigint not null references units(id),
    head_id bigint not null references staff(id),
    date date not null,
    place text not null,
    primary key (head_id, date)
);

create table complaints (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    kind text not null check (kind in ('khieu_nai', 'to_cao')),
    object text,
    level text not null check (level in ('lan_dau', 'lan_hai')),
    channel text not null,
    received_on date not null,
    complainant text not null,
    subject text not null,
    case_id bigint references cases(id),
    act_on date,
    obstacle_days bigint not null default 0,
    same_matter_as bigint references complaints(id),
    within_authority boolean not null,
    first_decision_of bigint references complaints(id),
    session_id bigint references reception_sessions(id),
    accepted_on date,
    referred_on date,
    referral text,
    referred_to text,
    extension_days bigint not null default 0,
    resolved_on date,
    outcome text check (outcome in ('dung', 'dung_mot_phan', 'sai', 'rut')),
    registered_by text not null,
    registered_at bigint not null,
    check ((kind = 'khieu_nai') = (object is not null)),
    check ((resolved_on is null) = (outcome is null))
);
create index complaints_unit on complaints(unit_id, received_on);
create index complaints_session on complaints(session_id);
