-- THADS schema 16: the register of complaints and denunciations, and citizen reception
-- (issue 20; domain §6). Every letter received is kept, late or not, within the agency's
-- authority or not; a repeat letter names the first (same_matter_as) and is not counted again.
-- Steps (acceptance, referral, extension, decision or withdrawal) are columns of the letter,
-- each set once by the application, which checks them; every change is audited.

create table reception_sessions (
    id integer primary key,
    unit_id integer not null references units(id),
    date text not null,
    head_id integer references staff(id),
    kind text not null check (kind in ('dinh_ky', 'dot_xuat')),
    visitors integer not null check (visitors > 0),
    subject text not null,
    result text not null,
    recorded_by text not null,
    recorded_at integer not null
);
create index reception_sessions_unit on reception_sessions(unit_id, date);

create table reception_schedule (
    unit_id integer not null references units(id),
    head_id integer not null references staff(id),
    date text not null,
    place text not null,
    primary key (head_id, date)
);

create table complaints (
    id integer primary key,
    unit_id integer not null references units(id),
    kind text not null check (kind in ('khieu_nai', 'to_cao')),
    object text,
    level text not null check (level in ('lan_dau', 'lan_hai')),
    channel text not null,
    received_on text not null,
    complainant text not null,
    subject text not null,
    case_id integer references cases(id),
    act_on text,
    obstacle_days integer not null default 0,
    same_matter_as integer references complaints(id),
    within_authority integer not null,
    first_decision_of integer references complaints(id),
    session_id integer references reception_sessions(id),
    accepted_on text,
    referred_on text,
    referral text,
    referred_to text,
    extension_days integer not null default 0,
    resolved_on text,
    outcome text check (outcome in ('dung', 'dung_mot_phan', 'sai', 'rut')),
    registered_by text not null,
    registered_at integer not null,
    check ((kind = 'khieu_nai') = (object is not null)),
    check ((resolved_on is null) = (outcome is null))
);
create index complaints_unit on complaints(unit_id, received_on);
create index complaints_session on complaints(session_id);
