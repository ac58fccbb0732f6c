-- THADS schema 35: the oldest overdue deadlines of a large scope, in the order they are listed.
-- A deadline is overdue on a day only if it is not one shown until it is due (`until_due`), so
-- the dashboard's and the worklist's overdue lists ask for `not until_due` and `due` before the
-- day, ordered by `due, case_id, kind`. `deadlines_unit_due` gives one unit's rows in due order,
-- but not those of many units together: for the nation (390 units in the benchmark's register)
-- every overdue row was read and sorted for the ten listed (9.4 ms at 70,132 rows, a sequential
-- read of the table; 75 ms on a table left with the pages of a first load). This index gives
-- them in order, the scope tested row by row until the list is full (0.13 ms). The planner
-- keeps `deadlines_unit_due` for one unit's scope.
create index deadlines_overdue on deadlines (due, case_id, kind collate "C") where not until_due;
