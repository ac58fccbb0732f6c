//! A register table as rows of text, whatever its form (CSV file or workbook sheet): opened,
//! fingerprinted (SHA-256 and number of rows) and its header matched against the kind's columns.

use csv::StringRecord;

use super::columns::Column;
use super::csv_rows::{self, CsvRows};
use super::problem::Problem;
use super::sheet::SheetRows;
use super::source::Source;
use crate::progress::Progress;

/// An opened table, positioned before its header.
pub struct Table {
    rows: Rows,
    /// SHA-256 of the CSV file, or of the sheet's content.
    pub sha256: String,
    /// Non-blank rows after the header.
    pub data_rows: u64,
}

enum Rows {
    Csv(CsvRows),
    Sheet(SheetRows),
}

impl Table {
    pub fn open(source: &Source, progress: &dyn Progress) -> Result<Table, Problem> {
        match &source.sheet {
            None => {
                let (sha256, data_rows) = csv_rows::fingerprint(&source.path, progress)?;
                Ok(Table { rows: Rows::Csv(CsvRows::open(&source.path)?), sha256, data_rows })
            }
            Some(sheet) => {
                let rows = SheetRows::load(&source.path, sheet)?;
                let (sha256, data_rows) = rows.fingerprint(source.kind);
                Ok(Table { rows: Rows::Sheet(rows), sha256, data_rows })
            }
        }
    }

    /// The next non-blank row into `record`, with its row number as Excel shows it.
    pub fn next(&mut self, record: &mut StringRecord) -> Result<Option<u64>, Problem> {
        match &mut self.rows {
            Rows::Csv(rows) => rows.next(record),
            Rows::Sheet(rows) => Ok(rows.next(record)),
        }
    }

    /// Reads the header row and matches it against `columns`.
    pub fn header(&mut self, columns: &'static [Column]) -> Result<Header, Vec<Problem>> {
        let mut record = StringRecord::new();
        match self.next(&mut record) {
            Ok(Some(row)) => Header::match_columns(&record, row, columns),
            Ok(None) => Err(vec![Problem::file("tệp rỗng, không có dòng tiêu đề / the file is empty (no header row)")]),
            Err(p) => Err(vec![p]),
        }
    }
}

/// Where each column of the kind is in the file's rows.
#[derive(Debug)]
pub struct Header {
    columns: &'static [Column],
    /// Per column of the kind, its field index (`None` for an absent optional column).
    at: Vec<Option<usize>>,
    width: usize,
    /// Fields with an empty header name (Excel exports trailing empty columns); must stay empty.
    unnamed: Vec<usize>,
}

impl Header {
    fn match_columns(record: &StringRecord, row: u64, columns: &'static [Column]) -> Result<Header, Vec<Problem>> {
        let mut header = Header { columns, at: vec![None; columns.len()], width: record.len(), unnamed: Vec::new() };
        let mut problems = Vec::new();
        for (field, name) in record.iter().enumerate() {
            let name = name.trim();
            match columns.iter().position(|c| c.name == name) {
                _ if name.is_empty() => header.unnamed.push(field),
                Some(i) if header.at[i].is_some() => {
                    problems.push(Problem::cell(row, name, name, "cột bị lặp / the column appears twice"))
                }
                Some(i) => header.at[i] = Some(field),
                None => problems.push(Problem::cell(row, name, name, unknown_column(name, columns))),
            }
        }
        for (column, at) in columns.iter().zip(&header.at) {
            if column.required && at.is_none() {
                problems.push(Problem::cell(row, column.name, "", "thiếu cột bắt buộc / required column missing"));
            }
        }
        if problems.is_empty() { Ok(header) } else { Err(problems) }
    }

    /// The trimmed text of `column` in `record`; empty when the column is absent.
    pub fn field<'r>(&self, record: &'r StringRecord, column: usize) -> &'r str {
        self.at[column].and_then(|i| record.get(i)).map_or("", str::trim)
    }

    /// The header name of `column`.
    pub fn name(&self, column: usize) -> &'static str {
        self.columns[column].name
    }

    /// A row must have as many fields as the header, and nothing under an unnamed column.
    pub fn check_shape(&self, record: &StringRecord, row: u64) -> Result<(), Problem> {
        if record.len() != self.width {
            let (n, w) = (record.len(), self.width);
            let which = if n < w { "thiếu cột / missing column" } else { "thừa cột / extra column" };
            return Err(Problem::row(
                row,
                format!("dòng có {n} trường nhưng tiêu đề có {w} / {which}: the row has {n} fields, the header {w}"),
            ));
        }
        match self.unnamed.iter().find(|i| record.get(**i).is_some_and(|v| !v.trim().is_empty())) {
            Some(i) => Err(Problem::row(
                row,
                format!("có giá trị ở cột {} không có tên / a value under a column without a header", i + 1),
            )),
            None => Ok(()),
        }
    }
}

fn unknown_column(name: &str, columns: &[Column]) -> String {
    let known: Vec<&str> = columns.iter().map(|c| c.name).collect();
    format!("cột không xác định «{name}» / unknown column; the columns are: {}", known.join(", "))
}
