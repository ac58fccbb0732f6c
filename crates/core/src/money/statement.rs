//! A bank statement (sao kê tài khoản) of the custody account, as the bank exports it in CSV,
//! and its matching to the receipts and payouts of the books: each line of money in is the
//! receipt by transfer of the same day and amount, each line of money out the payout by
//! transfer or post of the same day that paid that amount; a document matches one line at
//! most. A statement is taken whole or not at all: every row that does not read is listed
//! with why, and nothing is kept until none is left.
//!
//! The file: a header row naming the columns `date` (or `ngay`), `amount` (or `so_tien`:
//! money in positive, money out negative, whole đồng, dots or spaces between thousands) and
//! optionally `reference` (or `noi_dung`); comma or semicolon separated; at most
//! `MAX_ROWS` rows.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::amount::Vnd;
use crate::dates::parse_date;
use crate::field::{Field, Kind};

/// Rows a statement may hold.
pub const MAX_ROWS: usize = 10_000;

const REFERENCE: Field =
    Field { vi: "nội dung giao dịch", en: "transaction reference", max_chars: 500, kind: Kind::Line };

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Money into the account (a receipt by transfer).
    In,
    /// Money out of the account (a payout by transfer or post).
    Out,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }

    pub fn parse(code: &str) -> Option<Direction> {
        match code {
            "in" => Some(Direction::In),
            "out" => Some(Direction::Out),
            _ => None,
        }
    }
}

/// One line of the statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    /// Its row in the file (the header is row 1).
    pub row: u32,
    pub date: Date,
    pub direction: Direction,
    pub amount: Vnd,
    pub reference: String,
}

/// A row that does not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadRow {
    pub row: u32,
    pub message: String,
}

/// Reads a statement: every line, or every row that does not read.
pub fn parse_statement(text: &str) -> Result<Vec<StatementLine>, Vec<BadRow>> {
    let bad = |row: u32, message: &str| vec![BadRow { row, message: message.to_string() }];
    let mut rows = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = rows.next() else {
        return Err(bad(1, "tệp trống / the file is empty"));
    };
    let separator = if header.contains(';') { ';' } else { ',' };
    let names: Vec<String> = header.split(separator).map(|c| c.trim().trim_matches('"').to_ascii_lowercase()).collect();
    let find = |wanted: [&str; 2]| names.iter().position(|n| wanted.contains(&n.as_str()));
    let (Some(date_at), Some(amount_at)) = (find(["date", "ngay"]), find(["amount", "so_tien"])) else {
        return Err(bad(1, "cần các cột date và amount (ngay, so_tien) / the columns date and amount are required"));
    };
    let reference_at = find(["reference", "noi_dung"]);
    let (mut lines, mut problems) = (Vec::new(), Vec::new());
    for (index, text) in rows {
        let row = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if lines.len() + problems.len() >= MAX_ROWS {
            problems.push(BadRow { row, message: format!("quá {MAX_ROWS} dòng / more than {MAX_ROWS} rows") });
            break;
        }
        let cells: Vec<&str> = text.split(separator).map(|c| c.trim().trim_matches('"')).collect();
        match line(row, &cells, date_at, amount_at, reference_at) {
            Ok(l) => lines.push(l),
            Err(message) => problems.push(BadRow { row, message }),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if lines.is_empty() {
        return Err(bad(2, "sao kê không có dòng nào / the statement has no line"));
    }
    Ok(lines)
}

fn line(
    row: u32,
    cells: &[&str],
    date_at: usize,
    amount_at: usize,
    reference_at: Option<usize>,
) -> Result<StatementLine, String> {
    let cell = |i: usize| cells.get(i).copied().unwrap_or("");
    let date = parse_date(cell(date_at)).map_err(|e| format!("date: {e}"))?;
    let (direction, amount) = amount(cell(amount_at))?;
    let reference = match reference_at {
        Some(i) => REFERENCE.clean(cell(i)).map_err(|e| e.to_string())?,
        None => String::new(),
    };
    Ok(StatementLine { row, date, direction, amount, reference })
}

/// `1.500.000`, `-250 000`, `+12000`: its direction and whole đồng, never zero.
fn amount(text: &str) -> Result<(Direction, Vnd), String> {
    let refuse = || format!("amount: «{}» không phải số đồng nguyên khác 0 / not whole đồng other than 0", text);
    let (direction, digits) = match text.trim().strip_prefix('-') {
        Some(rest) => (Direction::Out, rest),
        None => (Direction::In, text.trim().trim_start_matches('+')),
    };
    let digits: String = digits.chars().filter(|c| !matches!(c, '.' | ' ' | ',')).collect();
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refuse());
    }
    let value = digits.parse::<i64>().map_err(|_| refuse())?;
    let vnd = Vnd::new(value).map_err(|_| refuse())?;
    if vnd.is_zero() { Err(refuse()) } else { Ok((direction, vnd)) }
}

/// A receipt or a payout a line may match: its id, day and the amount that moved through the
/// bank (a receipt's amount; what a payout's payee received).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: i64,
    pub date: Date,
    pub amount: Vnd,
}

/// What a line matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Matched {
    Receipt(i64),
    Payout(i64),
}

/// Matches each line to the first free document (by id) of its direction, day and amount;
/// `None` where there is none. A document matches one line at most.
pub fn match_lines(lines: &[StatementLine], receipts: &[Candidate], payouts: &[Candidate]) -> Vec<Option<Matched>> {
    let (mut receipts, mut payouts) = (receipts.to_vec(), payouts.to_vec());
    receipts.sort_by_key(|c| c.id);
    payouts.sort_by_key(|c| c.id);
    let (mut used_in, mut used_out) = (vec![false; receipts.len()], vec![false; payouts.len()]);
    lines
        .iter()
        .map(|l| {
            let (pool, used) = match l.direction {
                Direction::In => (&receipts, &mut used_in),
                Direction::Out => (&payouts, &mut used_out),
            };
            let at = pool.iter().enumerate().position(|(i, c)| !used[i] && c.date == l.date && c.amount == l.amount)?;
            used[at] = true;
            Some(match l.direction {
                Direction::In => Matched::Receipt(pool[at].id),
                Direction::Out => Matched::Payout(pool[at].id),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn vnd(d: i64) -> Vnd {
        Vnd::new(d).unwrap()
    }

    #[test]
    fn a_statement_reads_whole_or_lists_every_bad_row() {
        let good = "ngay;so_tien;noi_dung\n03/11/2025;1.500.000;NOP TIEN THA\n\n2025-11-04;-250 000;CHI TRA\n";
        let lines = parse_statement(good).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!((lines[0].row, lines[0].direction, lines[0].amount), (2, Direction::In, vnd(1_500_000)));
        assert_eq!((lines[1].row, lines[1].date, lines[1].direction), (4, date!(2025 - 11 - 04), Direction::Out));
        let bad = "date,amount\n31/02/2025,100\n03/11/2025,abc\n03/11/2025,0\n03/11/2025,+5\n";
        let rows: Vec<u32> = parse_statement(bad).unwrap_err().iter().map(|b| b.row).collect();
        assert_eq!(rows, [2, 3, 4]);
        assert_eq!(parse_statement("when,how much\n").unwrap_err()[0].row, 1);
        // A reference is a line of text: invisible formatting is dropped, as in every name.
        let lines = parse_statement("date,amount,reference\n03/11/2025,5,a\u{200b}b\n").unwrap();
        assert_eq!(lines[0].reference, "ab");
    }

    #[test]
    fn lines_match_documents_of_their_day_and_amount_once() {
        let l = |row, direction, amount| StatementLine {
            row,
            date: date!(2025 - 11 - 03),
            direction,
            amount: vnd(amount),
            reference: String::new(),
        };
        let lines =
            [l(2, Direction::In, 100), l(3, Direction::In, 100), l(4, Direction::In, 100), l(5, Direction::Out, 70)];
        let c = |id, amount| Candidate { id, date: date!(2025 - 11 - 03), amount: vnd(amount) };
        let got = match_lines(&lines, &[c(9, 100), c(4, 100)], &[c(1, 70), c(2, 71)]);
        assert_eq!(got, [Some(Matched::Receipt(4)), Some(Matched::Receipt(9)), None, Some(Matched::Payout(1))]);
    }
}
