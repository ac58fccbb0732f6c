-- THADS schema 11: an audit trail a person can read, and the sign-in history.
-- An audit entry may name the unit it concerns (a person's unit, a target's unit); an entry of a
-- case has its case's unit. The trail is filtered and scoped by that unit: an entry of no unit
-- (the calendar, a migration, the command line before schema 11) belongs to the whole
-- installation. Every sign-in, successful or refused, is kept with its time, the login typed,
-- the person it names (if any) and the client's address; like the audit, append-only.

alter table audit add column unit_id bigint references units(id);
create index audit_unit on audit(unit_id, at);
create index audit_at on audit(at);

create table sign_ins (
    id bigserial primary key,
    at bigint not null,
    login text not null,
    staff_id bigint references staff(id),
    address text not null,
    outcome text not null check (outcome in ('ok', 'refused', 'locked', 'disabled'))
);
create index sign_ins_at on sign_ins(at);
create index sign_ins_staff on sign_ins(staff_id, at);
create trigger sign_ins_append_only before update or delete on sign_ins
    for each row execute function refuse_change();
create trigger sign_ins_append_only_truncate before truncate on sign_ins
    for each statement execute function refuse_change();
