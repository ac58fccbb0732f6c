-- THADS schema 25 (issue 19, its gaps): where a sold asset's proceeds went in the money room
-- (the receipt of its price into the custody ledger on the debtor, and the distribution of it
-- across the debtor's cases; the case whose creditor the asset secured), written once; and the
-- versions of the chain's rules an administrator saved (the low-value threshold, the reduction
-- cap, the police steps' lengths…), each with its citation and confidence, read over the
-- built-in ones.

create table asset_proceeds (
    asset_id integer primary key references assets(id),
    receipt_id integer not null references money_receipts(id),
    distribution_id integer references money_distributions(id),
    secured_case_id integer references cases(id),
    recorded_at integer not null
);
create trigger asset_proceeds_append_only_update before update on asset_proceeds
begin select raise(abort, 'the proceeds of an asset are written once'); end;
create trigger asset_proceeds_append_only_delete before delete on asset_proceeds
begin select raise(abort, 'the proceeds of an asset are written once'); end;

create table asset_rule_versions (
    rule text not null,
    valid_from text not null,
    value text not null,
    citation text not null,
    confidence text not null check (confidence in ('confirmed', 'inferred', 'unconfirmed')),
    note text not null,
    saved_by text not null,
    saved_at integer not null,
    primary key (rule, valid_from)
);
