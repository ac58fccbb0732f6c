-- Schema 4: acceptance cohorts of cases (for the age of pending cases, CEPEJ), kept by
-- statement-level triggers so that every write path, bulk COPY included, keeps them.
-- (PostgreSQL refuses bigint overflow by itself; SQLite's 0004 adds a guard for that.)

create table case_cohorts (
    unit_id bigint not null,
    accepted_month integer not null,
    -- The month the case closed (no event follows a closing: the month of its last event);
    -- -1 while it is open.
    closed_month integer not null,
    count bigint not null,
    primary key (unit_id, accepted_month, closed_month)
);

-- A date → year * 12 + month - 1 (core's MonthKey).
create function thads_month(d date) returns integer language sql immutable as
$$ select (extract(year from d)::integer) * 12 + extract(month from d)::integer - 1 $$;

create function thads_closed_month(state text, last_event_on date, accepted_on date) returns integer
language sql immutable as
$$ select case when state in ('completed', 'terminated', 'exempted', 'delegated_out', 'withdrawn',
                              'separate_register', 'request_returned')
               then thads_month(coalesce(last_event_on, accepted_on)) else -1 end $$;

insert into case_cohorts (unit_id, accepted_month, closed_month, count)
select unit_id, thads_month(accepted_on), thads_closed_month(state, last_event_on, accepted_on), count(*)
from cases group by 1, 2, 3;

create function thads_cohorts_insert() returns trigger language plpgsql as $$
begin
    insert into case_cohorts (unit_id, accepted_month, closed_month, count)
    select unit_id, thads_month(accepted_on), thads_closed_month(state, last_event_on, accepted_on), count(*)
    from inserted group by 1, 2, 3
    on conflict (unit_id, accepted_month, closed_month) do update set count = case_cohorts.count + excluded.count;
    return null;
end $$;

create function thads_cohorts_update() returns trigger language plpgsql as $$
begin
    insert into case_cohorts (unit_id, accepted_month, closed_month, count)
    select unit_id, month, closed, sum(n) from (
        select unit_id, thads_month(accepted_on) as month,
               thads_closed_month(state, last_event_on, accepted_on) as closed, -1 as n from removed
        union all
        select unit_id, thads_month(accepted_on), thads_closed_month(state, last_event_on, accepted_on), 1 from inserted
    ) moves group by 1, 2, 3
    on conflict (unit_id, accepted_month, closed_month) do update set count = case_cohorts.count + excluded.count;
    return null;
end $$;

create trigger cases_cohort_insert after insert on cases
referencing new table as inserted for each statement execute function thads_cohorts_insert();

create trigger cases_cohort_update after update on cases
referencing old table as removed new table as inserted for each statement execute function thads_cohorts_update();
