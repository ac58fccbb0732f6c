//! Reading workbook registers (.xlsx): one sheet per kind. Cells become the text a CSV would
//! hold, so both forms are checked alike: date cells as ISO dates, whole numbers as digits.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use csv::StringRecord;
use sha2::{Digest, Sha256};

use super::kind::Kind;
use super::problem::Problem;

type Workbook = Xlsx<std::io::BufReader<std::fs::File>>;

fn open(path: &Path) -> Result<Workbook, Problem> {
    open_workbook(path).map_err(|e: calamine::XlsxError| {
        Problem::file(format!("không đọc được sổ tính / cannot read the workbook: {e}"))
    })
}

/// The names of a workbook's sheets, in workbook order.
pub fn sheet_names(path: &Path) -> Result<Vec<String>, Problem> {
    Ok(open(path)?.sheet_names())
}

/// The SHA-256 of the workbook file as it was given.
pub fn file_sha256(path: &Path) -> Result<String, Problem> {
    let mut file = std::fs::File::open(path)
        .map_err(|e| Problem::file(format!("không mở được tệp / cannot open the file: {e}")))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => return Ok(hex(hasher)),
            Ok(n) => hasher.update(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Problem::file(format!("không đọc được tệp / cannot read the file: {e}"))),
        }
    }
}

/// A digest in lower-case hexadecimal.
pub fn hex(hasher: Sha256) -> String {
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The rows of one sheet, loaded whole (workbooks are small next to CSV exports).
pub struct SheetRows {
    range: Range<Data>,
    /// Excel's number of the range's first row.
    first_row: u64,
    next: usize,
}

impl SheetRows {
    pub fn load(path: &Path, sheet: &str) -> Result<SheetRows, Problem> {
        let range = open(path)?
            .worksheet_range(sheet)
            .map_err(|e| Problem::file(format!("không đọc được trang «{sheet}» / cannot read the sheet: {e}")))?;
        let first_row = range.start().map_or(1, |(row, _)| u64::from(row) + 1);
        Ok(SheetRows { range, first_row, next: 0 })
    }

    /// A fingerprint of the sheet's content (not of the workbook file, which changes whenever
    /// Excel saves it) and its number of data rows.
    pub fn fingerprint(&self, kind: Kind) -> (String, u64) {
        let mut hasher = Sha256::new();
        hasher.update(b"xlsx:");
        hasher.update(kind.code().as_bytes());
        let mut rows = 0u64;
        let mut text = String::new();
        for row in self.range.rows() {
            for cell in row {
                text.clear();
                cell_text(cell, &mut text);
                hasher.update(text.as_bytes());
                hasher.update([0x1f]);
            }
            hasher.update([0x1e]);
            rows += u64::from(!row.iter().all(is_blank));
        }
        (hex(hasher), rows.saturating_sub(1))
    }

    /// The next non-blank row into `record`, with its row number; `None` at the end.
    pub fn next(&mut self, record: &mut StringRecord) -> Option<u64> {
        loop {
            let index = self.next;
            if index >= self.range.height() {
                return None;
            }
            let row = &self.range[index];
            self.next += 1;
            if row.iter().all(is_blank) {
                continue;
            }
            record.clear();
            let mut text = String::new();
            for cell in row {
                text.clear();
                cell_text(cell, &mut text);
                record.push_field(&text);
            }
            return Some(self.first_row + index as u64);
        }
    }
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The text a CSV export would hold for a cell. Text cells are taken as written: only a cell
/// stored as an ISO date-time is cut to its date.
fn cell_text(cell: &Data, out: &mut String) {
    // Integral floats below 2^53 are exact: money and numbers typed as numbers.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    let _ = match cell {
        Data::Empty => Ok(()),
        Data::String(s) | Data::DurationIso(s) => {
            out.push_str(s);
            Ok(())
        }
        Data::DateTimeIso(s) => {
            out.push_str(s.split_once('T').filter(|(d, _)| d.len() == 10).map_or(s.as_str(), |(d, _)| d));
            Ok(())
        }
        Data::Int(i) => write!(out, "{i}"),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < EXACT => write!(out, "{}", *f as i64),
        Data::Float(f) => write!(out, "{f}"),
        Data::Bool(b) => write!(out, "{}", u8::from(*b)),
        Data::DateTime(d) if d.is_datetime() => {
            // A date cell may carry a time of day; registers date by the day.
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            write!(out, "{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(d) => write!(out, "{}", d.as_f64()),
        Data::Error(e) => write!(out, "{e}"),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(cell: Data) -> String {
        let mut out = String::new();
        cell_text(&cell, &mut out);
        out
    }

    #[test]
    fn cells_read_as_a_csv_would_hold_them() {
        assert_eq!(text(Data::Float(761_546_547_000.0)), "761546547000");
        assert_eq!(text(Data::Float(1.5)), "1.5");
        assert_eq!(text(Data::Float(-5.0)), "-5");
        assert_eq!(text(Data::Float(82.8)), "82.8");
        assert_eq!(text(Data::Int(46)), "46");
        assert_eq!(text(Data::Bool(true)), "1");
        assert_eq!(text(Data::DateTimeIso("2024-03-05T00:00:00".into())), "2024-03-05");
        assert_eq!(text(Data::String("05/03/2024".into())), "05/03/2024");
        // Text holding a `T` ten bytes in is not a date-time (it was cut there once).
        assert_eq!(text(Data::String("123/QĐ-CCTHADS".into())), "123/QĐ-CCTHADS");
        assert_eq!(text(Data::String("Chi cục Thuế khu vực II".into())), "Chi cục Thuế khu vực II");
        let date = calamine::ExcelDateTime::new(45356.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(text(Data::DateTime(date)), "2024-03-05");
    }
}
