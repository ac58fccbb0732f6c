-- THADS schema 35: the oldest overdue deadlines of a large scope, in the order they are listed.
-- A deadline is overdue on a day only if it is not one shown until it is due (`until_due`), so
-- the dashboard's and the worklist's overdue lists ask for `until_due = 0` and `due` before the
-- day, ordered by `due, case_id, kind`. `deadlines_unit_due` gives one unit's rows in due order,
-- but not those of many units together: for the nation every overdue row was read and sorted
-- for the ten listed (23.5 ms at 70,132 rows, 390 units). This index gives them in order, the
-- scope tested row by row until the list is full (0.06 ms). The planner keeps
-- `deadlines_unit_due` for one unit's or one province's scope.
create index deadlines_overdue on deadlines (due, case_id, kind) where until_due = 0;
