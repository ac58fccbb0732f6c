-- Monthly closing (chốt số liệu) and frozen reports (snapshots), issue 17.

-- A snapshot: a unit's figures for a period as they stood, with the high-water marks of the
-- history then; frozen (nothing updates or deletes it).
create table report_snapshots (
    id integer primary key,
    unit_id integer not null references units(id),
    period_from text not null,
    period_to text not null,
    kind text not null check (kind in ('closing', 'saved')),
    taken_at integer not null,
    taken_by text not null,
    event_mark integer not null,
    audit_mark integer not null,
    case_mark integer not null,
    figures text not null,
    report text not null
);
create index report_snapshots_unit on report_snapshots(unit_id, id);

-- Each case's place in a snapshot's figures (the drill-down's cells, as JSON).
create table snapshot_cases (
    snapshot_id integer not null references report_snapshots(id),
    case_id integer not null,
    cells text not null,
    primary key (snapshot_id, case_id)
) without rowid;

create trigger report_snapshots_frozen_update before update on report_snapshots
begin select raise(abort, 'snapshots are frozen'); end;
create trigger report_snapshots_frozen_delete before delete on report_snapshots
begin select raise(abort, 'snapshots are frozen'); end;
create trigger snapshot_cases_frozen_update before update on snapshot_cases
begin select raise(abort, 'snapshots are frozen'); end;
create trigger snapshot_cases_frozen_delete before delete on snapshot_cases
begin select raise(abort, 'snapshots are frozen'); end;

-- A month closed by a unit (month = year * 12 + month - 1), until reopened with a reason.
create table period_closings (
    id integer primary key,
    unit_id integer not null references units(id),
    month integer not null,
    closed_at integer not null,
    closed_by text not null,
    snapshot_id integer references report_snapshots(id),
    reopened_at integer,
    reopened_by text,
    reopen_reason text,
    check ((reopened_at is null) = (reopened_by is null) and (reopened_at is null) = (reopen_reason is null))
);
create unique index period_closings_current on period_closings(unit_id, month) where reopened_at is null;
create index period_closings_month on period_closings(month) where reopened_at is null;
