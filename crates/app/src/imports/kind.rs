//! The four kinds of register file (interchange §1), how a file's kind is recognised from its
//! name or sheet, and the columns each kind has (listed in `columns`).

use std::fmt;

use super::columns::{self, Column};

/// A kind of register file, in the order files are imported (each depends on the ones before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Units,
    Cases,
    Events,
    Targets,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Units, Kind::Cases, Kind::Events, Kind::Targets];

    /// `units`, `cases`, `events`, `targets`: the file and sheet names of the contract.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Units => "units",
            Kind::Cases => "cases",
            Kind::Events => "events",
            Kind::Targets => "targets",
        }
    }

    /// What one row is, in Vietnamese and English.
    pub fn row_label(self) -> &'static str {
        match self {
            Kind::Units => "đơn vị / units",
            Kind::Cases => "việc / cases",
            Kind::Events => "sự kiện / events",
            Kind::Targets => "chỉ tiêu / targets",
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::Units => &columns::units::COLUMNS,
            Kind::Cases => &columns::cases::COLUMNS,
            Kind::Events => &columns::events::COLUMNS,
            Kind::Targets => &columns::targets::COLUMNS,
        }
    }

    /// The kind named by a file's stem. The exact names of the contract (`cases`) and names with
    /// a prefix or suffix word (`2024_cases`, `BG-events`, `cases 2024`) are accepted: exactly one
    /// word of the stem, split on `_ - . space`, must name a kind (case-insensitive). `None` when no
    /// word or more than one does.
    pub fn from_file_stem(stem: &str) -> Option<Kind> {
        let mut found = stem.split(['_', '-', '.', ' ']).filter_map(Kind::from_word);
        let first = found.next()?;
        if found.any(|k| k != first) { None } else { Some(first) }
    }

    /// The kind of a workbook sheet: its name is the kind (case and surrounding spaces ignored).
    pub fn from_sheet(name: &str) -> Option<Kind> {
        Kind::from_word(name.trim())
    }

    fn from_word(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code().eq_ignore_ascii_case(word))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_one_word_of_the_name() {
        assert_eq!(Kind::from_file_stem("cases"), Some(Kind::Cases));
        assert_eq!(Kind::from_file_stem("2024_cases"), Some(Kind::Cases));
        assert_eq!(Kind::from_file_stem("BG-Events"), Some(Kind::Events));
        assert_eq!(Kind::from_file_stem("targets 2025"), Some(Kind::Targets));
        assert_eq!(Kind::from_file_stem("mycases"), None);
        assert_eq!(Kind::from_file_stem("units_cases"), None);
        assert_eq!(Kind::from_file_stem("cases_cases"), Some(Kind::Cases));
        assert_eq!(Kind::from_sheet(" Units "), Some(Kind::Units));
    }
}
