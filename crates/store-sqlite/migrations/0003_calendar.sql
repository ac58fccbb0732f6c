-- THADS schema 3: legal deadlines. The days off and working days the government announces each
-- year and the rule lengths an administrator corrects (both with their source), and the derived
-- table of each open case's current deadlines, rebuilt when the rules or the calendar change
-- (meta 'deadlines_stamp').

create table announced_days (
    date text primary key,
    kind text not null check (kind in ('day_off', 'working_day')),
    source text not null,
    added_by text not null,
    added_at integer not null
);

create table deadline_rule_overrides (
    rule_id text primary key,
    length integer not null check (length >= 0),
    unit text not null check (unit in ('calendar_days', 'working_days', 'months')),
    confidence text not null check (confidence in ('confirmed', 'inferred', 'unconfirmed')),
    source text not null,
    set_by text not null,
    set_at integer not null
);

-- No foreign key to staff or units: the row mirrors the case, which already checks them.
create table deadlines (
    case_id integer not null references cases(id),
    unit_id integer not null,
    officer_id integer,
    case_no text not null,
    kind text not null,
    due text not null,
    started_on text not null,
    rule_id text not null,
    until_due integer not null check (until_due in (0, 1))
);
create index deadlines_case on deadlines(case_id);
create index deadlines_unit_due on deadlines(unit_id, due);
create index deadlines_officer_due on deadlines(officer_id, due);
