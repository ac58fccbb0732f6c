//! Exports of a report: CSV, an aligned terminal table and an XLSX workbook laid out like the
//! official forms. The JSON contract lives with the report itself.

pub mod csv;
pub mod labels;
pub mod table;
pub mod xlsx;
