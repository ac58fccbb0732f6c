-- Bank statements of a province's custody account (issue 18), imported from CSV whole or not
-- at all, each line matched to at most one receipt (money in) or payout (money out) of the
-- books. Append-only like the rest of the books; a document matches one line of all
-- statements at most (the unique indexes).
create table money_statements (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    lines integer not null check (lines > 0),
    matched integer not null check (matched >= 0),
    created_by text not null,
    created_at bigint not null
);
create index money_statements_unit on money_statements(unit_id);

create table money_statement_lines (
    statement_id bigint not null references money_statements(id),
    line integer not null,
    row_no integer not null,
    date date not null,
    direction text not null check (direction in ('in', 'out')),
    amount bigint not null check (amount > 0),
    reference text not null,
    receipt_id bigint references money_receipts(id),
    payout_id bigint references money_payouts(id),
    primary key (statement_id, line),
    check (receipt_id is null or payout_id is null)
);
create unique index money_statement_lines_receipt on money_statement_lines(receipt_id) where receipt_id is not null;
create unique index money_statement_lines_payout on money_statement_lines(payout_id) where payout_id is not null;

create trigger money_statements_append_only before update or delete on money_statements
    for each row execute function refuse_change();
create trigger money_statement_lines_append_only before update or delete on money_statement_lines
    for each row execute function refuse_change();
