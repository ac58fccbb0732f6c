-- Bank statements of a province's custody account (issue 18), imported from CSV whole or not
-- at all, each line matched to at most one receipt (money in) or payout (money out) of the
-- books. Append-only like the rest of the books; a document matches one line of all
-- statements at most (the unique indexes).
create table money_statements (
    id integer primary key,
    unit_id integer not null references units(id),
    lines integer not null check (lines > 0),
    matched integer not null check (matched >= 0),
    created_by text not null,
    created_at integer not null
);
create index money_statements_unit on money_statements(unit_id);

create table money_statement_lines (
    statement_id integer not null references money_statements(id),
    line integer not null,
    row_no integer not null,
    date text not null,
    direction text not null check (direction in ('in', 'out')),
    amount integer not null check (amount > 0),
    reference text not null,
    receipt_id integer references money_receipts(id),
    payout_id integer references money_payouts(id),
    primary key (statement_id, line),
    check (receipt_id is null or payout_id is null)
);
create unique index money_statement_lines_receipt on money_statement_lines(receipt_id) where receipt_id is not null;
create unique index money_statement_lines_payout on money_statement_lines(payout_id) where payout_id is not null;

create trigger money_statements_append_only_update before update on money_statements
begin select raise(abort, 'bank statements are append-only'); end;
create trigger money_statements_append_only_delete before delete on money_statements
begin select raise(abort, 'bank statements are append-only'); end;
create trigger money_statement_lines_append_only_update before update on money_statement_lines
begin select raise(abort, 'bank statements are append-only'); end;
create trigger money_statement_lines_append_only_delete before delete on money_statement_lines
begin select raise(abort, 'bank statements are append-only'); end;
