-- THADS schema 34: an online request follows a reorganisation while it is open. Its receipt
-- number stays the number of the unit it was filed with (`unit_id`, `unit_code`, unique per
-- unit and year), and the unit whose queue holds it is kept apart (`handled_by`): the unit it
-- was filed with, until a merge or split closes that unit while the request is neither
-- registered nor refused; then the successor's (`ReorgTx::follow_unit`), which registers it
-- into a case of its own. Before, such a request stayed at the closed unit, which takes no new
-- case: it could be neither registered nor moved.
alter table requests add column handled_by bigint references units(id);
update requests set handled_by = unit_id;
alter table requests alter column handled_by set not null;
create index requests_handled on requests(handled_by, id);
