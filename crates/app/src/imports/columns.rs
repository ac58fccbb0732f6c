//! The columns of each kind of register file (interchange §1): their exact header names,
//! which ones the header must have, and where each sits in the kind's list (the index the
//! importer reads a row's value by). Kept apart from the importers so that recognising a file
//! and matching its header read no importer.

/// One column of a kind: its exact header name and whether the header must have it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
}

impl Column {
    pub const fn required(name: &'static str) -> Column {
        Column { name, required: true }
    }

    pub const fn optional(name: &'static str) -> Column {
        Column { name, required: false }
    }
}

/// `units.csv`: the tree of agencies.
pub mod units {
    use super::Column;

    pub const COLUMNS: [Column; 7] = [
        Column::required("code"),
        Column::required("name"),
        Column::required("parent"),
        Column::required("kind"),
        Column::optional("valid_from"),
        Column::optional("valid_to"),
        Column::optional("successor"),
    ];
    pub const CODE: usize = 0;
    pub const NAME: usize = 1;
    pub const PARENT: usize = 2;
    pub const KIND: usize = 3;
    pub const VALID_FROM: usize = 4;
    pub const VALID_TO: usize = 5;
    pub const SUCCESSOR: usize = 6;
}

/// `cases.csv`: one row per enforcement decision.
pub mod cases {
    use super::Column;

    pub const COLUMNS: [Column; 13] = [
        Column::required("unit"),
        Column::required("case_no"),
        Column::required("accepted_on"),
        Column::required("origin"),
        Column::optional("received_by_delegation"),
        Column::required("judgment_type"),
        Column::optional("categories"),
        Column::required("amount_vnd"),
        Column::required("debtor"),
        Column::required("creditor"),
        Column::optional("officer"),
        Column::optional("debtor_id"),
        Column::optional("obligation"),
    ];
    pub const UNIT: usize = 0;
    pub const CASE_NO: usize = 1;
    pub const ACCEPTED_ON: usize = 2;
    pub const ORIGIN: usize = 3;
    pub const DELEGATION: usize = 4;
    pub const JUDGMENT_TYPE: usize = 5;
    pub const CATEGORIES: usize = 6;
    pub const AMOUNT: usize = 7;
    pub const DEBTOR: usize = 8;
    pub const CREDITOR: usize = 9;
    pub const OFFICER: usize = 10;
    pub const DEBTOR_ID: usize = 11;
    pub const OBLIGATION: usize = 12;
}

/// `events.csv`: one row per dated event of a case.
pub mod events {
    use super::Column;

    pub const COLUMNS: [Column; 6] = [
        Column::required("unit"),
        Column::required("case_no"),
        Column::required("date"),
        Column::required("event"),
        Column::optional("amount_vnd"),
        Column::optional("ground"),
    ];
    pub const UNIT: usize = 0;
    pub const CASE_NO: usize = 1;
    pub const DATE: usize = 2;
    pub const EVENT: usize = 3;
    pub const AMOUNT: usize = 4;
    pub const GROUND: usize = 5;
}

/// `targets.csv`: a unit's target completion rates for a reporting year.
pub mod targets {
    use super::Column;

    pub const COLUMNS: [Column; 4] = [
        Column::required("unit"),
        Column::required("year"),
        Column::required("cases_pct"),
        Column::required("money_pct"),
    ];
    pub const UNIT: usize = 0;
    pub const YEAR: usize = 1;
    pub const CASES_PCT: usize = 2;
    pub const MONEY_PCT: usize = 3;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each index names the column it is read by: a column inserted in a list without moving
    /// the indexes after it would read every later value from the wrong field.
    #[test]
    fn indexes_name_their_columns() {
        let name = |columns: &[Column], i: usize| columns[i].name;
        assert_eq!(name(&units::COLUMNS, units::CODE), "code");
        assert_eq!(name(&units::COLUMNS, units::NAME), "name");
        assert_eq!(name(&units::COLUMNS, units::PARENT), "parent");
        assert_eq!(name(&units::COLUMNS, units::KIND), "kind");
        assert_eq!(name(&units::COLUMNS, units::VALID_FROM), "valid_from");
        assert_eq!(name(&units::COLUMNS, units::VALID_TO), "valid_to");
        assert_eq!(name(&units::COLUMNS, units::SUCCESSOR), "successor");
        assert_eq!(name(&cases::COLUMNS, cases::UNIT), "unit");
        assert_eq!(name(&cases::COLUMNS, cases::CASE_NO), "case_no");
        assert_eq!(name(&cases::COLUMNS, cases::ACCEPTED_ON), "accepted_on");
        assert_eq!(name(&cases::COLUMNS, cases::ORIGIN), "origin");
        assert_eq!(name(&cases::COLUMNS, cases::DELEGATION), "received_by_delegation");
        assert_eq!(name(&cases::COLUMNS, cases::JUDGMENT_TYPE), "judgment_type");
        assert_eq!(name(&cases::COLUMNS, cases::CATEGORIES), "categories");
        assert_eq!(name(&cases::COLUMNS, cases::AMOUNT), "amount_vnd");
        assert_eq!(name(&cases::COLUMNS, cases::DEBTOR), "debtor");
        assert_eq!(name(&cases::COLUMNS, cases::CREDITOR), "creditor");
        assert_eq!(name(&cases::COLUMNS, cases::OFFICER), "officer");
        assert_eq!(name(&cases::COLUMNS, cases::DEBTOR_ID), "debtor_id");
        assert_eq!(name(&cases::COLUMNS, cases::OBLIGATION), "obligation");
        assert_eq!(name(&events::COLUMNS, events::UNIT), "unit");
        assert_eq!(name(&events::COLUMNS, events::CASE_NO), "case_no");
        assert_eq!(name(&events::COLUMNS, events::DATE), "date");
        assert_eq!(name(&events::COLUMNS, events::EVENT), "event");
        assert_eq!(name(&events::COLUMNS, events::AMOUNT), "amount_vnd");
        assert_eq!(name(&events::COLUMNS, events::GROUND), "ground");
        assert_eq!(name(&targets::COLUMNS, targets::UNIT), "unit");
        assert_eq!(name(&targets::COLUMNS, targets::YEAR), "year");
        assert_eq!(name(&targets::COLUMNS, targets::CASES_PCT), "cases_pct");
        assert_eq!(name(&targets::COLUMNS, targets::MONEY_PCT), "money_pct");
    }
}
