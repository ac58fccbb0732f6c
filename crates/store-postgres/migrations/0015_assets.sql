-- THADS schema 15 (issue 19): seized assets, the cases each answers for, their steps, and the
-- coercion plans of a case. The steps of an asset are append-only, numbered 1, 2, … per asset:
-- a step appended on a stale count collides on (asset_id, seq) and is refused. A step's data is
-- the JSON of `thads_core::assets::AssetStep`; an auction's id is the id of its `auction_set` step.

create table assets (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    kind text not null check (kind in ('dat_nha', 'phuong_tien', 'tai_khoan', 'co_phan', 'vang', 'tai_san_so', 'dong_san')),
    description text not null,
    location text not null,
    owner text not null,
    encumbrances text not null,
    seized_on date not null,
    decision text not null,
    perishable boolean not null,
    for_state_budget boolean not null,
    recorded_by text not null,
    recorded_at bigint not null
);
create index assets_unit on assets(unit_id, id);

create table asset_cases (
    asset_id bigint not null references assets(id),
    case_id bigint not null references cases(id),
    position integer not null,
    primary key (asset_id, case_id)
);
create index asset_cases_case on asset_cases(case_id);

create table asset_steps (
    id bigserial primary key,
    asset_id bigint not null references assets(id),
    seq bigint not null,
    date date not null,
    code text not null,
    data text not null,
    note text not null,
    recorded_by text not null,
    recorded_at bigint not null,
    unique (asset_id, seq)
);
create trigger asset_steps_append_only before update or delete on asset_steps
    for each row execute function refuse_change();
create trigger asset_steps_append_only_truncate before truncate on asset_steps
    for each statement execute function refuse_change();

create table coercion_plans (
    id bigserial primary key,
    case_id bigint not null references cases(id),
    unit_id bigint not null references units(id),
    starts timestamp not null,
    ends timestamp not null,
    place text not null,
    forces integer not null check (forces >= 0),
    police_steps text not null,
    costs bigint not null check (costs >= 0),
    recorded_by text not null,
    recorded_at bigint not null
);
create index coercion_plans_case on coercion_plans(case_id, id);
