//! Reading CSV registers: UTF-8 only (a byte-order mark is skipped; anything else is refused
//! naming the line, with how to re-save the file), row numbers as Excel shows them.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use csv::{ByteRecord, StringRecord};
use sha2::{Digest, Sha256};

use super::problem::Problem;
use crate::progress::Progress;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The SHA-256 of a file and its number of data rows (non-blank records after the header),
/// read in one pass before anything is checked.
pub fn fingerprint(path: &Path, progress: &dyn Progress) -> Result<(String, u64), Problem> {
    let file = File::open(path).map_err(open_failed)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size == 0 {
        return Err(Problem::file("tệp rỗng (0 byte) / the file is empty (0 bytes)"));
    }
    progress.phase("Đọc tệp / reading the file", Some(size));
    let mut hashing = Hashing { inner: file, hasher: Sha256::new(), progress };
    let mut records = 0u64;
    {
        let mut reader = reader(&mut hashing);
        let mut record = ByteRecord::new();
        while reader.read_byte_record(&mut record).map_err(read_failed)? {
            records += u64::from(!is_blank(&record));
        }
    }
    progress.finish();
    Ok((super::sheet::hex(hashing.hasher), records.saturating_sub(1)))
}

/// Hashes what passes through it and reports the bytes as progress.
struct Hashing<'p, R> {
    inner: R,
    hasher: Sha256,
    progress: &'p dyn Progress,
}

impl<R: Read> Read for Hashing<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.progress.advance(n as u64);
        Ok(n)
    }
}

fn reader<R: Read>(input: R) -> csv::Reader<R> {
    // Flexible: a row with a missing or extra field is reported, not a reason to stop reading.
    csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input)
}

fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
}

fn open_failed(e: std::io::Error) -> Problem {
    Problem::file(format!("không mở được tệp / cannot open the file: {e}"))
}

fn read_failed(e: csv::Error) -> Problem {
    Problem::file(format!("không đọc được tệp / cannot read the file: {e}"))
}

/// The rows of a CSV file, read one at a time into a reused record.
pub struct CsvRows {
    reader: csv::Reader<BufReader<File>>,
    /// Excel's number of the last row read.
    row: u64,
    /// Line breaks inside quoted fields so far: Excel shows such a record as one row.
    inner_breaks: u64,
}

impl CsvRows {
    pub fn open(path: &Path) -> Result<CsvRows, Problem> {
        let mut input = BufReader::with_capacity(1 << 16, File::open(path).map_err(open_failed)?);
        let head = input.fill_buf().map_err(open_failed)?;
        if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
            return Err(Problem::file(format!("tệp mã UTF-16 / the file is UTF-16. {RESAVE}")));
        }
        if head.starts_with(BOM) {
            input.consume(BOM.len());
        }
        Ok(CsvRows { reader: reader(input), row: 0, inner_breaks: 0 })
    }

    /// The next non-blank row into `record`, with its row number; `None` at the end.
    pub fn next(&mut self, record: &mut StringRecord) -> Result<Option<u64>, Problem> {
        loop {
            let mut bytes = std::mem::take(record).into_byte_record();
            let before = self.reader.position().line();
            if !self.reader.read_byte_record(&mut bytes).map_err(read_failed)? {
                return Ok(None);
            }
            // The reader skips empty lines, which Excel shows as rows: the lines consumed beyond
            // the record's own are those.
            let breaks = bytes.as_slice().iter().filter(|b| **b == b'\n').count() as u64;
            let consumed = self.reader.position().line().saturating_sub(before);
            self.row += 1 + consumed.saturating_sub(1 + breaks);
            let (row, line) = (self.row, self.row + self.inner_breaks);
            self.inner_breaks += breaks;
            match StringRecord::from_byte_record(bytes) {
                Ok(text) => *record = text,
                Err(e) => return Err(not_utf8(row, line, e.utf8_error().field() + 1)),
            }
            if !record.iter().all(|f| f.trim().is_empty()) {
                return Ok(Some(row));
            }
        }
    }
}

const RESAVE: &str = "Hãy lưu lại dạng UTF-8: trong Excel chọn File › Save As › «CSV UTF-8 (Comma delimited)»; \
     tệp gõ bằng bảng mã TCVN3 (ABC) hoặc VNI thì chuyển sang Unicode bằng Unikey (Công cụ chuyển mã) trước / \
     Re-save it as UTF-8: in Excel use File › Save As › \"CSV UTF-8 (Comma delimited)\"; text typed in TCVN3 (ABC) \
     or VNI must first be converted to Unicode (e.g. with Unikey's converter)";

fn not_utf8(row: u64, line: u64, field: usize) -> Problem {
    Problem::row(
        row,
        format!(
            "dòng {line}, trường thứ {field}: tệp không phải UTF-8, có thể là Windows-1258 hoặc TCVN3 / \
             line {line}, field {field}: the file is not UTF-8 (perhaps Windows-1258 or TCVN3). {RESAVE}"
        ),
    )
}
