-- THADS schema 22: the staff registry (issue 23; domain §5.3). People, not only logins: each
-- with a unit, a free-text title, a legal rank, the day of appointment, the end of an officer's
-- term and a status; a person may be linked to a login (staff), one active person per login.
-- A person who leaves is ended, never deleted. The posts a unit is allowed (biên chế): a total
-- in staff_posts and, where the decision names them, posts by rank in staff_rank_posts.

create table personnel (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    full_name text not null,
    title text not null default '',
    rank text not null check (rank in ('chv_so_cap', 'chv_trung_cap', 'chv_cao_cap', 'tham_tra_vien',
        'tham_tra_vien_chinh', 'tham_tra_vien_cao_cap', 'thu_ky', 'thu_ky_trung_cap', 'chuyen_vien', 'khac')),
    appointed_on date,
    term_ends_on date,
    staff_id bigint references staff(id),
    status text not null check (status in ('active', 'ended')),
    ended_on date,
    check ((status = 'ended') = (ended_on is not null))
);
create index personnel_unit on personnel(unit_id);
create unique index personnel_login on personnel(staff_id) where staff_id is not null and status = 'active';

create table staff_posts (
    unit_id bigint primary key references units(id),
    total bigint not null check (total >= 0)
);

create table staff_rank_posts (
    unit_id bigint not null references units(id),
    rank text not null,
    posts bigint not null check (posts >= 0),
    primary key (unit_id, rank)
);
