-- THADS schema 35: the deadlines of a large scope in the order they are listed. The dashboard
-- lists the oldest overdue and the next due this week (`due, case_id, kind`, ten of each);
-- `deadlines_unit_due` gives one unit's rows in due order, but not those of many units
-- together, so for the nation (390 units in the benchmark's register) every row of the range
-- was read and sorted for the ten listed: at 70,132 rows the overdue 9.4 ms (a sequential read
-- of the table; 36.7 ms on a table left with a first load's empty pages), this week's 4.4–10.8
-- ms. These indexes give them in order, the scope tested row by row until the list is full:
-- 0.13 ms and 0.10 ms. A deadline is overdue only if it is not one shown until due, so the
-- overdue list asks for `not until_due` and walks the rows that can be overdue only (the
-- rows shown until due whose day has passed stay in the table until their case changes). The
-- planner keeps `deadlines_unit_due` for a province's or one unit's scope.
--
-- The dashboard's counts per unit and officer (overdue, due this week, all) read every row of
-- the scope; `deadlines_tally` holds what they read, so that they read it alone, in the order
-- they group by (an index-only scan where the table's pages are all visible): 37.6 → 11.5 ms
-- at 70,132 rows for the nation.
create index deadlines_overdue on deadlines (due, case_id, kind collate "C") where not until_due;
create index deadlines_due on deadlines (due, case_id, kind collate "C");
create index deadlines_tally on deadlines (unit_id, officer_id, due, until_due);
