//! Rows a write transaction has seen stored, for the reference checks (`references`): cases
//! and events are never deleted (schema 1's triggers), so one seen once stays.

use std::collections::HashSet;

/// Ids of cases and events this transaction has seen stored: read, locked or written by it.
/// Forgotten when a savepoint rolls back (what it wrote there is gone).
#[derive(Debug, Default)]
pub struct Known {
    cases: HashSet<i64>,
    events: HashSet<i64>,
}

impl Known {
    fn of(&mut self, table: &str) -> Option<&mut HashSet<i64>> {
        match table {
            "cases" => Some(&mut self.cases),
            "events" => Some(&mut self.events),
            _ => None,
        }
    }

    /// `ids` of `table` are stored (a table whose rows may be deleted is not remembered).
    pub fn saw(&mut self, table: &str, ids: impl IntoIterator<Item = i64>) {
        if let Some(known) = self.of(table) {
            known.extend(ids);
        }
    }

    /// Those of `ids` not yet seen stored.
    pub fn unseen(&mut self, table: &str, ids: &[i64]) -> Vec<i64> {
        match self.of(table) {
            Some(known) => ids.iter().copied().filter(|id| !known.contains(id)).collect(),
            None => ids.to_vec(),
        }
    }
}
