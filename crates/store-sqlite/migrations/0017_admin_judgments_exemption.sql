-- THADS schema 17 (issue 20): two registers beside the cases.
-- Administrative judgments the agency monitors (theo dõi thi hành án hành chính): the judgment
-- and the body that must comply, one row per unit × court × judgment number; its monitoring
-- steps are append-only, like a case's events.
create table admin_judgments (
    id integer primary key,
    unit_id integer not null references units(id),
    court text not null,
    judgment_no text not null,
    judgment_on text not null,
    received_on text not null,
    body text not null,
    body_level text not null,
    obligation text not null,
    point text not null,
    body_received_on text,
    created_by text not null,
    created_at integer not null,
    unique (unit_id, court, judgment_no)
);
create table admin_judgment_steps (
    id integer primary key,
    judgment_id integer not null references admin_judgments(id),
    on_date text not null,
    step text not null,
    note text not null default '',
    recorded_by text not null,
    recorded_at integer not null
);
create index admin_judgment_steps_judgment on admin_judgment_steps(judgment_id);
create trigger admin_judgment_steps_append_only_update before update on admin_judgment_steps
begin select raise(abort, 'monitoring steps are append-only'); end;
create trigger admin_judgment_steps_append_only_delete before delete on admin_judgment_steps
begin select raise(abort, 'monitoring steps are append-only'); end;
-- Proposals to the court for exemption or reduction (đề nghị miễn, giảm): the file, the
-- court's decision (replaced only after a protest) and the day its effect went on the case.
create table exemption_proposals (
    id integer primary key,
    unit_id integer not null references units(id),
    case_id integer not null references cases(id),
    kind text not null,
    proposed_on text not null,
    amount integer not null check (amount >= 0),
    procuracy_on text,
    note text not null default '',
    proposed_by text not null,
    proposed_at integer not null,
    decided_on text,
    decision_no text,
    result text,
    granted integer check (granted >= 0),
    on_protest integer not null default 0,
    protested integer not null default 0,
    higher_received_on text,
    decided_by text,
    applied_on text
);
create index exemption_proposals_case on exemption_proposals(case_id);
create index exemption_proposals_unit on exemption_proposals(unit_id, proposed_on);
create trigger exemption_proposals_never_deleted before delete on exemption_proposals
begin select raise(abort, 'proposals are never deleted'); end;
