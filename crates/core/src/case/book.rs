//! The book of a unit's enforcement decisions (sổ quyết định thi hành án) and the number a new
//! case is proposed. A decision number is written `{serial}/{suffix}`, as in `46/QĐ-THADS`:
//! the serial counts the unit's decisions from 1 each calendar year (the book of the year of
//! the decision's date), the suffix names the kind of decision and the agency that signs it —
//! `QĐ-THADS` for a provincial agency or its regional sections from 01/07/2025,
//! `QĐ-CCTHADS` for a district office (Chi cục) and `QĐ-CTHADS` for a provincial department
//! (Cục) before that.
//!
//! The next number is one more than the highest serial taken in the book, with the suffix of
//! that highest number (what the unit writes), or the suffix of its kind and day when the book
//! is empty. Numbers not of that form (written by hand, imported) are ignored in counting, but
//! a proposal never repeats one.

use time::Date;
use time::macros::date;

use super::CaseNo;
use crate::unit::UnitKind;

/// The day the 2025 reform merged the district offices into provincial agencies.
pub const REFORM: Date = date!(2025 - 07 - 01);

/// The suffix of a new book: by the agency that signs decisions on `on`.
pub fn suffix(kind: UnitKind, on: Date) -> &'static str {
    match (on < REFORM, kind) {
        (false, _) => "QĐ-THADS",
        (true, UnitKind::Region | UnitKind::District) => "QĐ-CCTHADS",
        (true, _) => "QĐ-CTHADS",
    }
}

/// `46/QĐ-THADS` → `(46, "QĐ-THADS")`; `None` for a number not of that form.
pub fn serial(number: &str) -> Option<(u64, &str)> {
    let (serial, suffix) = number.split_once('/')?;
    let n = serial.trim();
    // Nine digits at most: no book holds a billion decisions, and one more never overflows.
    if n.is_empty() || n.len() > 9 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((n.parse().ok()?, suffix.trim()))
}

/// The number proposed for a new decision of a unit of `kind` dated `on`, given the numbers
/// already `taken` in that unit's book of the year.
pub fn next_number<'a>(taken: impl IntoIterator<Item = &'a str>, kind: UnitKind, on: Date) -> CaseNo {
    let taken: Vec<&str> = taken.into_iter().collect();
    let top = taken.iter().filter_map(|t| serial(t)).max_by_key(|(n, _)| *n);
    let (mut n, suffix) = match top {
        Some((n, s)) if !s.is_empty() && CaseNo::new(&format!("1/{s}")).is_ok() => (n, s.to_string()),
        Some((n, _)) => (n, suffix(kind, on).to_string()),
        None => (0, suffix(kind, on).to_string()),
    };
    loop {
        n += 1;
        let candidate = format!("{n}/{suffix}");
        if !taken.contains(&candidate.as_str()) {
            // A serial and a checked suffix always make a valid number; the fallback is there
            // only for the type.
            return CaseNo::new(&candidate).unwrap_or_else(|_| CaseNo(format!("{n}")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_book_starts_at_one_with_the_agencys_suffix() {
        assert_eq!(next_number([], UnitKind::Region, date!(2026 - 01 - 05)).as_str(), "1/QĐ-THADS");
        assert_eq!(next_number([], UnitKind::District, date!(2025 - 03 - 05)).as_str(), "1/QĐ-CCTHADS");
        assert_eq!(next_number([], UnitKind::Province, date!(2025 - 06 - 30)).as_str(), "1/QĐ-CTHADS");
    }

    #[test]
    fn the_next_number_follows_the_highest_serial_and_its_suffix() {
        let taken = ["3/QĐ-THADS", "46/QĐ-THADS", "7/QĐ-THADS", "số 99 viết tay", "12a/QĐ-THADS"];
        assert_eq!(next_number(taken, UnitKind::Region, date!(2026 - 02 - 01)).as_str(), "47/QĐ-THADS");
        let old = ["9/QĐ-CCTHADS"];
        assert_eq!(next_number(old, UnitKind::Region, date!(2026 - 02 - 01)).as_str(), "10/QĐ-CCTHADS");
        assert_eq!(next_number(["5/ "], UnitKind::Region, date!(2026 - 02 - 01)).as_str(), "6/QĐ-THADS");
        assert_eq!(serial(" 46 /QĐ-THADS"), Some((46, "QĐ-THADS")));
        assert_eq!(serial("QĐ-46"), None);
    }

    #[test]
    fn a_proposal_never_repeats_a_taken_number() {
        let taken = ["1/QĐ-THADS", "2/X", "2/QĐ-THADS"];
        assert_eq!(next_number(taken, UnitKind::Region, date!(2026 - 02 - 01)).as_str(), "3/QĐ-THADS");
        let max = format!("{}/QĐ-THADS", u32::MAX);
        let n = next_number([max.as_str()], UnitKind::Region, date!(2026 - 02 - 01));
        assert_eq!(n.as_str(), "1/QĐ-THADS", "a serial of ten digits is not counted");
    }
}
