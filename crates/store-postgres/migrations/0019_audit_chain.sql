-- THADS schema 19: the audit trail as a hash chain (issue 24). Each entry carries the SHA-256 of
-- its stored columns and of the previous entry's hash; `audit_chain` keeps the chain's head (the
-- last entry), which every append locks (`for update`) and moves in its transaction, so appends
-- form one line in commit order. The entries already here are sealed in id order by the
-- migration's step in Rust (`audit::seal_unsealed`), which also enables the append-only trigger
-- again: until then an update is allowed, in this transaction only.
alter table audit add column prev_hash text, add column hash text;
create table audit_chain (
    id integer primary key check (id = 1),
    last_id bigint,
    last_hash text
);
insert into audit_chain (id) values (1);
create trigger audit_chain_kept before delete on audit_chain
    for each row execute function refuse_delete();
alter table audit disable trigger audit_append_only;
