-- THADS schema 25 (issue 19, its gaps): where a sold asset's proceeds went in the money room
-- (the receipt of its price into the custody ledger on the debtor, and the distribution of it
-- across the debtor's cases; the case whose creditor the asset secured), written once; and the
-- versions of the chain's rules an administrator saved (the low-value threshold, the reduction
-- cap, the police steps' lengths…), each with its citation and confidence, read over the
-- built-in ones.

create table asset_proceeds (
    asset_id bigint primary key references assets(id),
    receipt_id bigint not null references money_receipts(id),
    distribution_id bigint references money_distributions(id),
    secured_case_id bigint references cases(id),
    recorded_at bigint not null
);
create trigger asset_proceeds_append_only before update or delete on asset_proceeds
    for each row execute function refuse_change();
create trigger asset_proceeds_append_only_truncate before truncate on asset_proceeds
    for each statement execute function refuse_change();

create table asset_rule_versions (
    rule text not null,
    valid_from date not null,
    value text not null,
    citation text not null,
    confidence text not null check (confidence in ('confirmed', 'inferred', 'unconfirmed')),
    note text not null,
    saved_by text not null,
    saved_at bigint not null,
    primary key (rule, valid_from)
);
