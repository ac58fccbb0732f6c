-- THADS schema 36: a case's audit entries by their action. The case page shows who changed the
-- case's facts (`Audit::audit_of_case_actions`: intake, creation, edits, reassignment), and
-- `audit_case (case_id, id)` found them only by reading every entry of the case, each event
-- recorded on it among them: on PostgreSQL at 10,000,000 cases, cases with 70 recorded events
-- took 3.4 ms a page for this read alone, and under 200 clients it held the server's workers
-- until the mix fell from 1,000 to 484 requests a second (ARCHITECTURE.md, «A case's audit
-- entries by action»). The case, then the action, then the order they were written: the facts'
-- entries are found directly, and every entry of a case still is, through the prefix (the
-- case's whole trail, sorted by id in memory: a case's trail is short).
create index audit_case_action on audit (case_id, action, id);
drop index audit_case;
