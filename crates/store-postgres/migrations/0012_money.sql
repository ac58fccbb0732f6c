-- THADS schema 12: enforcement money (issue 18).
--
-- A case's obligation (what its money is owed for: its rank in a distribution), beside its
-- other details; `khac` for every case stored before.
alter table case_details add column obligation text not null default 'khac'
    check (obligation in ('cap_duong', 'tien_luong', 'boi_thuong_tinh_mang', 'an_phi', 'khac'));

-- The custody ledger of a province's accounts: double-entry and append-only (a mistake is
-- corrected by an entry that reverses it). One row per entry, one per posting.
create table money_entries (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    date date not null,
    movement text not null,
    document_kind text,
    document_id bigint,
    reverses bigint unique references money_entries(id),
    created_at bigint not null
);
create index money_entries_unit_date on money_entries(unit_id, date);
create index money_entries_document on money_entries(document_kind, document_id);
create table money_postings (
    entry_id bigint not null references money_entries(id),
    line bigint not null,
    account text not null,
    party text not null check (party in ('agency', 'case', 'debtor')),
    case_id bigint references cases(id),
    debtor_id text,
    side text not null check (side in ('debit', 'credit')),
    amount bigint not null check (amount > 0),
    primary key (entry_id, line)
);
create index money_postings_case on money_postings(case_id) where case_id is not null;
create index money_postings_debtor on money_postings(debtor_id) where debtor_id is not null;

-- Receipts (biên lai thu tiền), numbered from 1 per issuing agency (a province) and calendar
-- year without gaps: the last number of each agency and year is one row, raised inside the
-- transaction that writes the receipt, so a rolled-back receipt leaves no hole.
create table money_receipt_numbers (
    unit_id bigint not null references units(id),
    year bigint not null,
    last bigint not null,
    primary key (unit_id, year)
);
create table money_receipts (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    office_id bigint not null references units(id),
    year bigint not null,
    number bigint not null check (number > 0),
    date date not null,
    amount bigint not null check (amount > 0),
    payer text not null,
    method text not null check (method in ('cash', 'transfer')),
    case_id bigint references cases(id),
    debtor_id text,
    event_id bigint references events(id),
    created_by text not null,
    created_at bigint not null,
    check ((case_id is null) <> (debtor_id is null)),
    unique (unit_id, year, number)
);
create index money_receipts_case on money_receipts(case_id) where case_id is not null;
create index money_receipts_date on money_receipts(unit_id, date);
-- A cancelled receipt keeps its number: the cancellation is a row of its own.
create table money_receipt_cancellations (
    receipt_id bigserial primary key references money_receipts(id),
    cancelled_on date not null,
    reason text not null,
    event_id bigint references events(id),
    created_by text not null,
    created_at bigint not null
);

-- Distributions of a debtor's money across the debtor's cases in the province.
create table money_distributions (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    office_id bigint not null references units(id),
    debtor_id text not null,
    date date not null,
    amount bigint not null check (amount > 0),
    costs bigint not null check (costs >= 0),
    coercion_on date,
    returned bigint not null check (returned >= 0),
    created_by text not null,
    created_at bigint not null
);
create index money_distributions_debtor on money_distributions(unit_id, debtor_id);
create table money_allocations (
    distribution_id bigint not null references money_distributions(id),
    case_id bigint not null references cases(id),
    case_no text not null,
    rank bigint not null,
    principal bigint not null check (principal >= 0),
    interest bigint not null check (interest >= 0),
    event_id bigint references events(id),
    primary key (distribution_id, case_id)
);
create index money_allocations_case on money_allocations(case_id);

-- Payouts (chi trả) to the creditor of a case, with the fee withheld.
create table money_payouts (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    case_id bigint not null references cases(id),
    date date not null,
    amount bigint not null check (amount > 0),
    fee bigint not null check (fee >= 0),
    method text not null check (method in ('cash', 'transfer', 'post')),
    payee_kind text not null check (payee_kind in ('individual', 'organisation')),
    payee text not null,
    payee_id text,
    created_by text not null,
    created_at bigint not null
);
create index money_payouts_case on money_payouts(case_id);
create index money_payouts_date on money_payouts(unit_id, date);

-- A day closed by the accountant: nothing more is written into the province's books that day.
create table money_closings (
    unit_id bigint not null references units(id),
    date date not null,
    created_by text not null,
    created_at bigint not null,
    primary key (unit_id, date)
);

create trigger money_entries_append_only before update or delete on money_entries
    for each row execute function refuse_change();
create trigger money_postings_append_only before update or delete on money_postings
    for each row execute function refuse_change();
create trigger money_receipts_append_only before update or delete on money_receipts
    for each row execute function refuse_change();
create trigger money_receipt_cancellations_append_only before update or delete on money_receipt_cancellations
    for each row execute function refuse_change();
create trigger money_distributions_append_only before update or delete on money_distributions
    for each row execute function refuse_change();
create trigger money_allocations_append_only before update or delete on money_allocations
    for each row execute function refuse_change();
create trigger money_payouts_append_only before update or delete on money_payouts
    for each row execute function refuse_change();
