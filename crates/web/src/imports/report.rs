//! What an import did to each file, put into words of the reader's language: the summary of an
//! imported file, or every problem of a refused one as a row of a table.

use thads_app::imports::{FileReport, Imported, Outcome, Problem};
use thads_store::ImportBatch;

use crate::fmt;
use crate::i18n::Lang;

/// One problem of a refused file.
pub struct ProblemRow {
    /// Excel's row number (the header is 1); empty for the file as a whole.
    pub row: String,
    pub column: String,
    pub value: String,
    pub reason: String,
}

impl ProblemRow {
    fn of(p: &Problem) -> ProblemRow {
        ProblemRow {
            row: p.row.map(|r| r.to_string()).unwrap_or_default(),
            column: p.column.clone().unwrap_or_default(),
            value: p.value.clone().unwrap_or_default(),
            reason: p.reason.clone(),
        }
    }
}

/// One file (or workbook sheet) of an import.
pub struct FileView {
    pub file: String,
    pub kind: String,
    /// `imported`, `refused`, `already` or `skipped` (a CSS class and a test hook).
    pub status: &'static str,
    pub summary: String,
    pub problems: Vec<ProblemRow>,
}

impl FileView {
    pub fn of(r: &FileReport, lang: Lang) -> FileView {
        let kind = r.kind.map(|k| k.code().to_string()).unwrap_or_default();
        let (status, summary, problems) = match &r.outcome {
            Outcome::Imported(i) => ("imported", imported(i, lang), Vec::new()),
            Outcome::Refused(list) => ("refused", refused(list.len(), lang), list.iter().map(ProblemRow::of).collect()),
            Outcome::AlreadyImported(batch) => ("already", already(batch, lang), Vec::new()),
            Outcome::Skipped { after } => ("skipped", skipped(after, lang), Vec::new()),
        };
        FileView { file: r.file.clone(), kind, status, summary, problems }
    }
}

fn imported(i: &Imported, lang: Lang) -> String {
    let mut text = match lang {
        Lang::Vi => format!("Đã nhập {} dòng (lô #{})", fmt::count(i128::from(i.rows)), i.batch),
        Lang::En => format!("Imported {} rows (batch {})", fmt::count(i128::from(i.rows)), i.batch),
    };
    if i.cases_touched > 0 {
        text.push_str(&match lang {
            Lang::Vi => format!("; {} việc có thêm sự kiện", i.cases_touched),
            Lang::En => format!("; {} cases updated", i.cases_touched),
        });
    }
    if !i.officers_created.is_empty() {
        let (n, logins) = (i.officers_created.len(), i.officers_created.join(", "));
        text.push_str(&match lang {
            Lang::Vi => format!("; tạo mới {n} chấp hành viên: {logins}"),
            Lang::En => format!("; {n} officers created: {logins}"),
        });
    }
    text
}

fn refused(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Từ chối, không nhập gì từ tệp này ({n} lỗi)"),
        Lang::En => format!("Refused, nothing imported from this file ({n} problems)"),
    }
}

fn already(b: &ImportBatch, lang: Lang) -> String {
    let when = fmt::instant(b.imported_at);
    match lang {
        Lang::Vi => format!("Tệp này đã được nhập lúc {when} (lô #{}, {}); không thay đổi gì", b.id, b.imported_by),
        Lang::En => format!("Already imported on {when} (batch {}, by {}); nothing changed", b.id, b.imported_by),
    }
}

fn skipped(after: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Bỏ qua vì {after} bị từ chối"),
        Lang::En => format!("Skipped because {after} was refused"),
    }
}
