-- Reorganisations of units as dated operations (issue 23): each operation with the units it
-- changed (before and after, JSON) and each case it moved, with the day of the move, so that
-- the structure and a case's unit of any past day can be rebuilt.

create table reorg_operations (
    id bigserial primary key,
    kind text not null check (kind in ('merge', 'split', 'rename', 'move')),
    on_date date not null,
    changes text not null,
    recorded_by text not null,
    recorded_at bigint not null,
    cases_moved bigint not null,
    staff_moved bigint not null
);

create table case_moves (
    case_id bigint not null references cases(id),
    operation_id bigint not null references reorg_operations(id),
    on_date date not null,
    from_unit bigint not null references units(id),
    to_unit bigint not null references units(id),
    primary key (case_id, operation_id)
);
create index case_moves_on on case_moves(on_date);
