-- THADS schema 10: the facts of a case taken in at the front desk (issue 16) that the
-- statistics do not count: the parties' identity numbers (CCCD, mã số thuế) and addresses, the
-- judgment enforced (court, number, date) and, for an on-request case, the request (date,
-- requester). A table of their own, one row per case that has any: the bulk paths of `cases`
-- (imports, demo, COPY) and the ledger's scans stay as they were, and a case without a row
-- (every case stored before this schema) simply has none of these facts.
create table case_details (
    case_id integer primary key references cases(id),
    debtor_id text,
    debtor_address text not null default '',
    creditor_id text,
    creditor_address text not null default '',
    judgment_court text,
    judgment_no text,
    judgment_on text,
    request_on text,
    requester text
);
-- The cases of one debtor (money distribution, a search by identity number).
create index case_details_debtor on case_details(debtor_id) where debtor_id is not null;
