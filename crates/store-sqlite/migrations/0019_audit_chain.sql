-- THADS schema 19: the audit trail as a hash chain (issue 24). Each entry carries the SHA-256 of
-- its stored columns and of the previous entry's hash; `audit_chain` keeps the chain's head (the
-- last entry), which every append reads and moves in its transaction. The entries already here
-- are sealed in id order by the migration's step in Rust (`audit::seal_unsealed`), which also
-- puts the append-only trigger back: until then an update is allowed, in this transaction only.
alter table audit add column prev_hash text;
alter table audit add column hash text;
create table audit_chain (
    id integer primary key check (id = 1),
    last_id integer,
    last_hash text
);
insert into audit_chain (id) values (1);
create trigger audit_chain_kept before delete on audit_chain
begin select raise(abort, 'the audit chain head is kept'); end;
drop trigger audit_append_only_update;
