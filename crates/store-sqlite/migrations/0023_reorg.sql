-- Reorganisations of units as dated operations (issue 23): each operation with the units it
-- changed (before and after, JSON) and each case it moved, with the day of the move, so that
-- the structure and a case's unit of any past day can be rebuilt.

create table reorg_operations (
    id integer primary key,
    kind text not null check (kind in ('merge', 'split', 'rename', 'move')),
    on_date text not null,
    changes text not null,
    recorded_by text not null,
    recorded_at integer not null,
    cases_moved integer not null,
    staff_moved integer not null
);

create table case_moves (
    case_id integer not null references cases(id),
    operation_id integer not null references reorg_operations(id),
    on_date text not null,
    from_unit integer not null references units(id),
    to_unit integer not null references units(id),
    primary key (case_id, operation_id)
);
create index case_moves_on on case_moves(on_date);
