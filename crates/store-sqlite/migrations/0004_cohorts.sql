-- Schema 4: acceptance cohorts of cases (for the age of pending cases, CEPEJ), kept by triggers
-- so that every write path keeps them; and a guard against ledger sums leaving 64-bit integers
-- (SQLite would silently turn an overflowing sum into a floating-point number).

create table case_cohorts (
    unit_id integer not null,
    accepted_month integer not null,
    -- The month the case closed (no event follows a closing, so it is the month of its last
    -- event); -1 while it is open.
    closed_month integer not null,
    count integer not null,
    primary key (unit_id, accepted_month, closed_month)
) without rowid;

-- yyyy-mm-dd → year * 12 + month - 1 (core's MonthKey).
create view case_cohort_keys as
select id,
       unit_id,
       cast(substr(accepted_on, 1, 4) as integer) * 12 + cast(substr(accepted_on, 6, 2) as integer) - 1 as accepted_month,
       case when state in ('completed', 'terminated', 'exempted', 'delegated_out', 'withdrawn',
                           'separate_register', 'request_returned')
            then cast(substr(coalesce(last_event_on, accepted_on), 1, 4) as integer) * 12 + cast(substr(coalesce(last_event_on, accepted_on), 6, 2) as integer) - 1
            else -1 end as closed_month
from cases;

insert into case_cohorts (unit_id, accepted_month, closed_month, count)
select unit_id, accepted_month, closed_month, count(*) from case_cohort_keys group by 1, 2, 3;

create trigger cases_cohort_insert after insert on cases
begin
    insert into case_cohorts (unit_id, accepted_month, closed_month, count)
    select unit_id, accepted_month, closed_month, 1 from case_cohort_keys where id = new.id
    on conflict (unit_id, accepted_month, closed_month) do update set count = count + 1;
end;

create trigger cases_cohort_update after update of unit_id, accepted_on, state, last_event_on on cases
begin
    update case_cohorts set count = count - 1
    where (unit_id, accepted_month, closed_month) = (
        select old.unit_id,
               cast(substr(old.accepted_on, 1, 4) as integer) * 12 + cast(substr(old.accepted_on, 6, 2) as integer) - 1,
               case when old.state in ('completed', 'terminated', 'exempted', 'delegated_out', 'withdrawn',
                                       'separate_register', 'request_returned')
                    then cast(substr(coalesce(old.last_event_on, old.accepted_on), 1, 4) as integer) * 12 + cast(substr(coalesce(old.last_event_on, old.accepted_on), 6, 2) as integer) - 1
                    else -1 end);
    insert into case_cohorts (unit_id, accepted_month, closed_month, count)
    select unit_id, accepted_month, closed_month, 1 from case_cohort_keys where id = new.id
    on conflict (unit_id, accepted_month, closed_month) do update set count = count + 1;
end;

create trigger ledger_stays_integer_insert before insert on ledger
when typeof(new.m0) != 'integer' or typeof(new.m1) != 'integer' or typeof(new.m2) != 'integer'
  or typeof(new.m3) != 'integer' or typeof(new.m4) != 'integer' or typeof(new.m5) != 'integer'
  or typeof(new.m6) != 'integer' or typeof(new.m7) != 'integer' or typeof(new.m8) != 'integer'
  or typeof(new.m9) != 'integer' or typeof(new.m10) != 'integer' or typeof(new.m11) != 'integer'
  or typeof(new.m12) != 'integer' or typeof(new.m13) != 'integer' or typeof(new.m14) != 'integer'
  or typeof(new.m15) != 'integer' or typeof(new.m16) != 'integer' or typeof(new.m17) != 'integer'
  or typeof(new.m18) != 'integer' or typeof(new.m19) != 'integer' or typeof(new.m20) != 'integer'
  or typeof(new.m21) != 'integer' or typeof(new.m22) != 'integer' or typeof(new.m23) != 'integer'
  or typeof(new.m24) != 'integer' or typeof(new.m25) != 'integer' or typeof(new.m26) != 'integer'
  or typeof(new.m27) != 'integer'
begin select raise(abort, 'ledger value out of 64-bit range'); end;

create trigger ledger_stays_integer_update before update on ledger
when typeof(new.m0) != 'integer' or typeof(new.m1) != 'integer' or typeof(new.m2) != 'integer'
  or typeof(new.m3) != 'integer' or typeof(new.m4) != 'integer' or typeof(new.m5) != 'integer'
  or typeof(new.m6) != 'integer' or typeof(new.m7) != 'integer' or typeof(new.m8) != 'integer'
  or typeof(new.m9) != 'integer' or typeof(new.m10) != 'integer' or typeof(new.m11) != 'integer'
  or typeof(new.m12) != 'integer' or typeof(new.m13) != 'integer' or typeof(new.m14) != 'integer'
  or typeof(new.m15) != 'integer' or typeof(new.m16) != 'integer' or typeof(new.m17) != 'integer'
  or typeof(new.m18) != 'integer' or typeof(new.m19) != 'integer' or typeof(new.m20) != 'integer'
  or typeof(new.m21) != 'integer' or typeof(new.m22) != 'integer' or typeof(new.m23) != 'integer'
  or typeof(new.m24) != 'integer' or typeof(new.m25) != 'integer' or typeof(new.m26) != 'integer'
  or typeof(new.m27) != 'integer'
begin select raise(abort, 'ledger value out of 64-bit range'); end;
