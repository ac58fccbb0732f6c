//! The cases form (V1–V16) and the money form (T1–T17) of domain §2.4, built from cells,
//! with their rates and the contract's key order.

use serde::ser::{Serialize, SerializeMap, Serializer};
use thads_core::Percent;
use thads_core::rules::Bucket;

use crate::cells::{Cell, Cells};

/// Which form: counts of cases (việc) or amounts in đồng (tiền).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    Cases,
    Money,
}

/// One form; every column in the contract's name. For the cases form `reduced` is 0 and is
/// not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    pub kind: FormKind,
    pub accepted: i128,
    pub carried_over: i128,
    pub new: i128,
    pub delegated_out: i128,
    pub to_enforce: i128,
    pub with_means: i128,
    pub completed: i128,
    pub terminated: i128,
    pub reduced: i128,
    pub in_progress: i128,
    pub postponed: i128,
    pub suspended: i128,
    pub other: i128,
    pub without_means: i128,
    pub carried_forward: i128,
    pub carried_forward_with_means: i128,
}

/// The columns of a form, in contract order (money adds `reduced` after `terminated`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Accepted,
    CarriedOver,
    New,
    DelegatedOut,
    ToEnforce,
    WithMeans,
    Completed,
    Terminated,
    Reduced,
    InProgress,
    Postponed,
    Suspended,
    Other,
    WithoutMeans,
    CarriedForward,
    CarriedForwardWithMeans,
}

impl Column {
    pub const ALL: [Column; 16] = [
        Column::Accepted,
        Column::CarriedOver,
        Column::New,
        Column::DelegatedOut,
        Column::ToEnforce,
        Column::WithMeans,
        Column::Completed,
        Column::Terminated,
        Column::Reduced,
        Column::InProgress,
        Column::Postponed,
        Column::Suspended,
        Column::Other,
        Column::WithoutMeans,
        Column::CarriedForward,
        Column::CarriedForwardWithMeans,
    ];

    /// The columns a form shows.
    pub fn of(kind: FormKind) -> impl Iterator<Item = Column> {
        Column::ALL.into_iter().filter(move |c| kind == FormKind::Money || *c != Column::Reduced)
    }

    /// The contract key.
    pub fn key(self) -> &'static str {
        match self {
            Column::Accepted => "accepted",
            Column::CarriedOver => "carried_over",
            Column::New => "new",
            Column::DelegatedOut => "delegated_out",
            Column::ToEnforce => "to_enforce",
            Column::WithMeans => "with_means",
            Column::Completed => "completed",
            Column::Terminated => "terminated",
            Column::Reduced => "reduced",
            Column::InProgress => "in_progress",
            Column::Postponed => "postponed",
            Column::Suspended => "suspended",
            Column::Other => "other",
            Column::WithoutMeans => "without_means",
            Column::CarriedForward => "carried_forward",
            Column::CarriedForwardWithMeans => "carried_forward_with_means",
        }
    }

    pub fn parse(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }
}

impl Form {
    /// The form of a row of cells.
    pub fn from_cells(kind: FormKind, cells: &Cells) -> Form {
        let pick = |c: Cell| if kind == FormKind::Cases { c.count } else { c.amount };
        let bucket = |b: Bucket| pick(cells.bucket(b));
        let reduced = if kind == FormKind::Cases { 0 } else { cells.reduced };
        let (carried_over, new) = (pick(cells.carried_over), pick(cells.new));
        let (completed, terminated) = (pick(cells.completed), pick(cells.terminated));
        let accepted = carried_over + new;
        let delegated_out = pick(cells.deducted);
        let to_enforce = accepted - delegated_out;
        let open_with_means: i128 = Bucket::ALL.into_iter().filter(|b| b.with_means()).map(bucket).sum();
        // A terminated case's remaining money is counted with means, like the case itself;
        // the contract-check reference leaves it out of `with_means` (and so puts it in
        // `without_means`), which breaks with_means ≥ completed + terminated + reduced.
        let with_means = completed + terminated + reduced + open_with_means;
        let resolved = completed + terminated + reduced;
        Form {
            kind,
            accepted,
            carried_over,
            new,
            delegated_out,
            to_enforce,
            with_means,
            completed,
            terminated,
            reduced,
            in_progress: bucket(Bucket::InProgress),
            postponed: bucket(Bucket::Postponed),
            suspended: bucket(Bucket::Suspended),
            other: bucket(Bucket::Other),
            without_means: bucket(Bucket::WithoutMeans),
            carried_forward: to_enforce - resolved,
            carried_forward_with_means: with_means - resolved,
        }
    }

    pub fn get(&self, column: Column) -> i128 {
        match column {
            Column::Accepted => self.accepted,
            Column::CarriedOver => self.carried_over,
            Column::New => self.new,
            Column::DelegatedOut => self.delegated_out,
            Column::ToEnforce => self.to_enforce,
            Column::WithMeans => self.with_means,
            Column::Completed => self.completed,
            Column::Terminated => self.terminated,
            Column::Reduced => self.reduced,
            Column::InProgress => self.in_progress,
            Column::Postponed => self.postponed,
            Column::Suspended => self.suspended,
            Column::Other => self.other,
            Column::WithoutMeans => self.without_means,
            Column::CarriedForward => self.carried_forward,
            Column::CarriedForwardWithMeans => self.carried_forward_with_means,
        }
    }

    /// Completed (thi hành xong + đình chỉ, + giảm for money) per with means, × 100.
    pub fn completion_rate(&self) -> Option<Percent> {
        Percent::ratio(self.completed + self.terminated + self.reduced, self.with_means)
    }

    /// With means per cases to enforce, × 100.
    pub fn with_means_share(&self) -> Option<Percent> {
        Percent::ratio(self.with_means, self.to_enforce)
    }
}

impl Serialize for Form {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for column in Column::of(self.kind) {
            map.serialize_entry(column.key(), &self.get(column))?;
        }
        map.serialize_entry("completion_rate", &self.completion_rate().map(|p| p.to_string()))?;
        map.serialize_entry("with_means_share", &self.with_means_share().map(|p| p.to_string()))?;
        map.end()
    }
}
