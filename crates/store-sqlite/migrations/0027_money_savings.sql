-- Unclaimed money (issue 18): the notices to a payee to come for a case's money, and the
-- savings deposits of money not claimed after the notice (gửi tiết kiệm). The deposit's own
-- entry, its interest and its withdrawals are ledger entries recording it (document kind
-- 'deposit'). Append-only like the rest of the books. A payout by post keeps the address.
alter table money_payouts add column payee_address text;

create table money_notices (
    id integer primary key,
    unit_id integer not null references units(id),
    case_id integer not null references cases(id),
    date text not null,
    how text not null check (how in ('in_person', 'post', 'posting', 'electronic')),
    payee text not null,
    address text,
    created_by text not null,
    created_at integer not null
);
create index money_notices_case on money_notices(case_id);

create table money_deposits (
    id integer primary key,
    unit_id integer not null references units(id),
    case_id integer not null references cases(id),
    notice_id integer references money_notices(id),
    date text not null,
    bank text not null,
    passbook text not null,
    amount integer not null check (amount > 0),
    created_by text not null,
    created_at integer not null
);
create index money_deposits_unit on money_deposits(unit_id, date);
create index money_deposits_case on money_deposits(case_id);

create trigger money_notices_append_only_update before update on money_notices
begin select raise(abort, 'notices are append-only'); end;
create trigger money_notices_append_only_delete before delete on money_notices
begin select raise(abort, 'notices are append-only'); end;
create trigger money_deposits_append_only_update before update on money_deposits
begin select raise(abort, 'savings deposits are append-only'); end;
create trigger money_deposits_append_only_delete before delete on money_deposits
begin select raise(abort, 'savings deposits are append-only'); end;
