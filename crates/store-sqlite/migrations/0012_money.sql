-- THADS schema 12: enforcement money (issue 18).
--
-- A case's obligation (what its money is owed for: its rank in a distribution), beside its
-- other details; `khac` for every case stored before.
alter table case_details add column obligation text not null default 'khac'
    check (obligation in ('cap_duong', 'tien_luong', 'boi_thuong_tinh_mang', 'an_phi', 'khac'));

-- The custody ledger of a province's accounts: double-entry and append-only (a mistake is
-- corrected by an entry that reverses it). One row per entry, one per posting.
create table money_entries (
    id integer primary key,
    unit_id integer not null references units(id),
    date text not null,
    movement text not null,
    document_kind text,
    document_id integer,
    reverses integer unique references money_entries(id),
    created_at integer not null
);
create index money_entries_unit_date on money_entries(unit_id, date);
create index money_entries_document on money_entries(document_kind, document_id);
create table money_postings (
    entry_id integer not null references money_entries(id),
    line integer not null,
    account text not null,
    party text not null check (party in ('agency', 'case', 'debtor')),
    case_id integer references cases(id),
    debtor_id text,
    side text not null check (side in ('debit', 'credit')),
    amount integer not null check (amount > 0),
    primary key (entry_id, line)
);
create index money_postings_case on money_postings(case_id) where case_id is not null;
create index money_postings_debtor on money_postings(debtor_id) where debtor_id is not null;

-- Receipts (biên lai thu tiền), numbered from 1 per issuing agency (a province) and calendar
-- year without gaps: the last number of each agency and year is one row, raised inside the
-- transaction that writes the receipt, so a rolled-back receipt leaves no hole.
create table money_receipt_numbers (
    unit_id integer not null references units(id),
    year integer not null,
    last integer not null,
    primary key (unit_id, year)
);
create table money_receipts (
    id integer primary key,
    unit_id integer not null references units(id),
    office_id integer not null references units(id),
    year integer not null,
    number integer not null check (number > 0),
    date text not null,
    amount integer not null check (amount > 0),
    payer text not null,
    method text not null check (method in ('cash', 'transfer')),
    case_id integer references cases(id),
    debtor_id text,
    event_id integer references events(id),
    created_by text not null,
    created_at integer not null,
    check ((case_id is null) <> (debtor_id is null)),
    unique (unit_id, year, number)
);
create index money_receipts_case on money_receipts(case_id) where case_id is not null;
create index money_receipts_date on money_receipts(unit_id, date);
-- A cancelled receipt keeps its number: the cancellation is a row of its own.
create table money_receipt_cancellations (
    receipt_id integer primary key references money_receipts(id),
    cancelled_on text not null,
    reason text not null,
    event_id integer references events(id),
    created_by text not null,
    created_at integer not null
);

-- Distributions of a debtor's money across the debtor's cases in the province.
create table money_distributions (
    id integer primary key,
    unit_id integer not null references units(id),
    office_id integer not null references units(id),
    debtor_id text not null,
    date text not null,
    amount integer not null check (amount > 0),
    costs integer not null check (costs >= 0),
    coercion_on text,
    returned integer not null check (returned >= 0),
    created_by text not null,
    created_at integer not null
);
create index money_distributions_debtor on money_distributions(unit_id, debtor_id);
create table money_allocations (
    distribution_id integer not null references money_distributions(id),
    case_id integer not null references cases(id),
    case_no text not null,
    rank integer not null,
    principal integer not null check (principal >= 0),
    interest integer not null check (interest >= 0),
    event_id integer references events(id),
    primary key (distribution_id, case_id)
);
create index money_allocations_case on money_allocations(case_id);

-- Payouts (chi trả) to the creditor of a case, with the fee withheld.
create table money_payouts (
    id integer primary key,
    unit_id integer not null references units(id),
    case_id integer not null references cases(id),
    date text not null,
    amount integer not null check (amount > 0),
    fee integer not null check (fee >= 0),
    method text not null check (method in ('cash', 'transfer', 'post')),
    payee_kind text not null check (payee_kind in ('individual', 'organisation')),
    payee text not null,
    payee_id text,
    created_by text not null,
    created_at integer not null
);
create index money_payouts_case on money_payouts(case_id);
create index money_payouts_date on money_payouts(unit_id, date);

-- A day closed by the accountant: nothing more is written into the province's books that day.
create table money_closings (
    unit_id integer not null references units(id),
    date text not null,
    created_by text not null,
    created_at integer not null,
    primary key (unit_id, date)
);

create trigger money_entries_append_only_update before update on money_entries
begin select raise(abort, 'money entries are append-only'); end;
create trigger money_entries_append_only_delete before delete on money_entries
begin select raise(abort, 'money entries are append-only'); end;
create trigger money_postings_append_only_update before update on money_postings
begin select raise(abort, 'money postings are append-only'); end;
create trigger money_postings_append_only_delete before delete on money_postings
begin select raise(abort, 'money postings are append-only'); end;
create trigger money_receipts_append_only_update before update on money_receipts
begin select raise(abort, 'receipts are never changed'); end;
create trigger money_receipts_append_only_delete before delete on money_receipts
begin select raise(abort, 'receipts are never deleted'); end;
create trigger money_receipt_cancellations_update before update on money_receipt_cancellations
begin select raise(abort, 'cancellations are never changed'); end;
create trigger money_receipt_cancellations_delete before delete on money_receipt_cancellations
begin select raise(abort, 'cancellations are never deleted'); end;
create trigger money_distributions_append_only_update before update on money_distributions
begin select raise(abort, 'distributions are append-only'); end;
create trigger money_distributions_append_only_delete before delete on money_distributions
begin select raise(abort, 'distributions are append-only'); end;
create trigger money_allocations_append_only_update before update on money_allocations
begin select raise(abort, 'allocations are append-only'); end;
create trigger money_allocations_append_only_delete before delete on money_allocations
begin select raise(abort, 'allocations are append-only'); end;
create trigger money_payouts_append_only_update before update on money_payouts
begin select raise(abort, 'payouts are append-only'); end;
create trigger money_payouts_append_only_delete before delete on money_payouts
begin select raise(abort, 'payouts are append-only'); end;
