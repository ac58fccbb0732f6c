//! What is wrong with an imported file: one `Problem` per bad value or row, located as the user
//! sees the file in Excel (the header is row 1).

use std::fmt;

/// One reason a file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The row as Excel numbers it (header = 1); `None` for the file as a whole.
    pub row: Option<u64>,
    /// The column's header name, when one column is at fault.
    pub column: Option<String>,
    /// The offending value as written, when there is one.
    pub value: Option<String>,
    /// Why, in Vietnamese then English.
    pub reason: String,
}

impl Problem {
    /// A problem with the file as a whole.
    pub fn file(reason: impl fmt::Display) -> Problem {
        Problem { row: None, column: None, value: None, reason: reason.to_string() }
    }

    /// A problem with a whole row.
    pub fn row(row: u64, reason: impl fmt::Display) -> Problem {
        Problem { row: Some(row), column: None, value: None, reason: reason.to_string() }
    }

    /// A problem with one value.
    pub fn cell(row: u64, column: &str, value: &str, reason: impl fmt::Display) -> Problem {
        Problem {
            row: Some(row),
            column: Some(column.to_string()),
            value: Some(value.to_string()),
            reason: reason.to_string(),
        }
    }

    /// `file:row:column: reason`, the way compilers locate errors (editors jump to them).
    pub fn line(&self, file: &str) -> String {
        let mut out = file.to_string();
        if let Some(row) = self.row {
            out.push_str(&format!(":{row}"));
        }
        if let Some(column) = &self.column {
            out.push_str(&format!(":{column}"));
        }
        out.push_str(": ");
        out.push_str(&self.reason);
        out
    }
}

/// Problems sorted by row (file-wide ones first), keeping the order found within a row.
pub fn sorted(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by_key(|p| p.row);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_locate_the_problem() {
        let p = Problem::cell(7, "amount_vnd", "-5", "số tiền âm / negative amount: -5");
        assert_eq!(p.line("cases.csv"), "cases.csv:7:amount_vnd: số tiền âm / negative amount: -5");
        assert_eq!(Problem::file("tệp rỗng / empty").line("x.csv"), "x.csv: tệp rỗng / empty");
        assert_eq!(Problem::row(3, "r").line("x.csv"), "x.csv:3: r");
    }
}
