-- THADS schema 35: the deadlines of a large scope in the order they are listed. The dashboard
-- lists the oldest overdue and the next due this week (`due, case_id, kind`, ten of each);
-- `deadlines_unit_due` gives one unit's rows in due order, but not those of many units
-- together, so for the nation every row of the range was read and sorted for the ten listed:
-- at 70,132 rows (390 units) the overdue 23.5 ms, this week's 8.2 ms. These indexes give them
-- in order, the scope tested row by row until the list is full: 0.06 ms and 0.05 ms. A
-- deadline is overdue only if it is not one shown until due, so the overdue list asks for
-- `until_due = 0` and walks the rows that can be overdue only. The planner keeps
-- `deadlines_unit_due` for a province's or one unit's scope.
--
-- The dashboard's counts per unit and officer (overdue, due this week, all) read every row of
-- the scope; through `deadlines_unit_due` each row was then looked up in the table.
-- `deadlines_tally` holds what they read, in the order they group by: at 702,208 rows (10,000,000
-- cases) 1.25–1.57 s → 121–179 ms for the nation, at 70,132 rows 39.5 → 17.5–21.3 ms.
create index deadlines_overdue on deadlines (due, case_id, kind) where until_due = 0;
create index deadlines_due on deadlines (due, case_id, kind);
create index deadlines_tally on deadlines (unit_id, officer_id, due, until_due);
-- Without statistics of the new indexes SQLite's planner kept `deadlines_unit_due` for the
-- nation too (647 ms for the ten overdue at 702,208 rows); with them, 0.05 ms (0.35 s to gather).
analyze deadlines;
