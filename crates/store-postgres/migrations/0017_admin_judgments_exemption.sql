-- THADS schema 17 (issue 20): two registers beside the cases.
-- Administrative judgments the agency monitors (theo dõi thi hành án hành chính): the judgment
-- and the body that must comply, one row per unit × court × judgment number; its monitoring
-- steps are append-only, like a case's events.
create table admin_judgments (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    court text not null,
    judgment_no text not null,
    judgment_on date not null,
    received_on date not null,
    body text not null,
    body_level text not null,
    obligation text not null,
    point text not null,
    body_received_on date,
    created_by text not null,
    created_at bigint not null,
    unique (unit_id, court, judgment_no)
);
create table admin_judgment_steps (
    id bigserial primary key,
    judgment_id bigint not null references admin_judgments(id),
    on_date date not null,
    step text not null,
    note text not null default '',
    recorded_by text not null,
    recorded_at bigint not null
);
create index admin_judgment_steps_judgment on admin_judgment_steps(judgment_id);
create trigger admin_judgment_steps_append_only before update or delete on admin_judgment_steps
    for each row execute function refuse_change();
-- Proposals to the court for exemption or reduction (đề nghị miễn, giảm): the file, the
-- court's decision (replaced only after a protest) and the day its effect went on the case.
create table exemption_proposals (
    id bigserial primary key,
    unit_id bigint not null references units(id),
    case_id bigint not null references cases(id),
    kind text not null,
    proposed_on date not null,
    amount bigint not null check (amount >= 0),
    procuracy_on date,
    note text not null default '',
    proposed_by text not null,
    proposed_at bigint not null,
    decided_on date,
    decision_no text,
    result text,
    granted bigint check (granted >= 0),
    on_protest boolean not null default false,
    protested boolean not null default false,
    higher_received_on date,
    decided_by text,
    applied_on date
);
create index exemption_proposals_case on exemption_proposals(case_id);
create index exemption_proposals_unit on exemption_proposals(unit_id, proposed_on);
create trigger exemption_proposals_never_deleted before delete on exemption_proposals
    for each row execute function refuse_delete();
