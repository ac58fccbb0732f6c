-- Monthly closing (chốt số liệu) and frozen reports (snapshots), issue 17.

-- A snapshot: a unit's figures for a period as they stood, with the high-water marks of the
-- history then; frozen (nothing updates or deletes it).
create table report_snapshots (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    period_from date not null,
    period_to date not null,
    kind text not null check (kind in ('closing', 'saved')),
    taken_at bigint not null,
    taken_by text not null,
    event_mark bigint not null,
    audit_mark bigint not null,
    case_mark bigint not null,
    figures text not null,
    report text not null
);
create index report_snapshots_unit on report_snapshots(unit_id, id);

-- Each case's place in a snapshot's figures (the drill-down's cells, as JSON).
create table snapshot_cases (
    snapshot_id bigint not null references report_snapshots(id),
    case_id bigint not null,
    cells text not null,
    primary key (snapshot_id, case_id)
);

create function refuse_snapshot_change() returns trigger language plpgsql as $$
begin
    raise exception 'snapshots are frozen (%)', tg_table_name using errcode = 'restrict_violation';
end $$;
create trigger report_snapshots_frozen before update or delete on report_snapshots
    for each row execute function refuse_snapshot_change();
create trigger snapshot_cases_frozen before update or delete on snapshot_cases
    for each row execute function refuse_snapshot_change();

-- A month closed by a unit (month = year * 12 + month - 1), until reopened with a reason.
create table period_closings (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    month integer not null,
    closed_at bigint not null,
    closed_by text not null,
    snapshot_id bigint references report_snapshots(id),
    reopened_at bigint,
    reopened_by text,
    reopen_reason text,
    check ((reopened_at is null) = (reopened_by is null) and (reopened_at is null) = (reopen_reason is null))
);
create unique index period_closings_current on period_closings(unit_id, month) where reopened_at is null;
create index period_closings_month on period_closings(month) where reopened_at is null;
