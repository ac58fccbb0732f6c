//! What a backend says about the database as a whole: the generation of the reference data,
//! the query planner's statistics, and the whole copy of one database into another (`thads
//! migrate-db` into an empty database): every table of `COPIED_TABLES`, row for row with its
//! ids, in a form both backends read and write alike (`Cell`). (`Store::backend` and
//! `Store::begin` are the rest.)

use sha2::{Digest, Sha256};

use crate::StoreResult;

/// Reading and upkeep of the database as a whole.
pub trait Meta {
    /// A number that moves in the same transaction as every change of units, staff, targets,
    /// announced days or rule corrections, and with nothing else: a long-running process that
    /// keeps them in memory reloads them when it moves.
    fn reference_generation(&self) -> StoreResult<i64>;
    /// Refreshes the query planner's statistics after a bulk load (demo, import, migration), so
    /// that the first queries on millions of new rows are planned for what the tables now hold;
    /// where the backend keeps the old versions of rows (PostgreSQL), reclaims those the load
    /// left behind.
    fn refresh_planner_statistics(&self) -> StoreResult<()>;
    /// What the server's operator should change in the database's own settings for THADS to
    /// stay fast over the years (each a sentence naming the setting), empty when nothing;
    /// `thads serve` logs each as a warning when it starts.
    fn maintenance_warnings(&self) -> StoreResult<Vec<String>>;
    /// The tables of the schema, the backend's own left out (the migrations' bookkeeping,
    /// SQLite's search index): `COPIED_TABLES` must name every one (a contract test).
    fn schema_tables(&self) -> StoreResult<Vec<String>>;
    /// How many rows each table of `COPIED_TABLES` holds, in its order.
    fn table_rows(&self) -> StoreResult<Vec<i64>>;
    /// The columns of `table` (one of `COPIED_TABLES`), sorted by name.
    fn table_columns(&self, table: &str) -> StoreResult<Vec<String>>;
    /// Every row of `table` (one of `COPIED_TABLES`) with the values of `columns` in their
    /// order, in id order where the table has an `id`, read without holding it all in memory.
    fn scan_table(&self, table: &str, columns: &[String], visit: &mut RowVisitor<'_>) -> StoreResult<()>;
}

/// What `Meta::scan_table` gives each row to.
pub type RowVisitor<'a> = dyn FnMut(Vec<Cell>) -> StoreResult<()> + 'a;

/// The writes of a whole copy, in the target's transaction.
pub trait MetaTx {
    /// Inserts `rows` (values of `columns` in their order) as they are, ids included.
    fn copy_rows(&mut self, table: &str, columns: &[String], rows: &[Vec<Cell>]) -> StoreResult<()>;
    /// Sets `columns` of the rows of `table` whose `key` is each row's first value (the rest
    /// are the columns' values): the columns written after the rows they may point at.
    fn copy_update(&mut self, table: &str, key: &str, columns: &[String], rows: &[Vec<Cell>]) -> StoreResult<()>;
    /// Deletes every row of a table that the migrations seeded or a trigger filled
    /// (`Fill::Replace`), before the source's rows are copied into it.
    fn clear_copied(&mut self, table: &str) -> StoreResult<()>;
    /// Moves every id generator past the largest id now stored (PostgreSQL's sequences;
    /// SQLite takes the largest id plus one by itself).
    fn reset_id_sequences(&mut self) -> StoreResult<()>;
}

/// One value as both backends hold it for a copy: integers (booleans as 0 and 1), text (dates
/// as `yyyy-mm-dd`, minutes as `yyyy-mm-dd hh:mm`), bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
}

/// How a copy writes a table into an empty database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Inserted row for row; the target must hold none.
    Insert,
    /// The target's rows (seeded by the migrations or filled by a trigger of an earlier
    /// table) are deleted first.
    Replace,
    /// The one row the migrations seeded is updated by its `id` (the audit chain's head,
    /// which a trigger keeps from being deleted).
    Update,
}

/// A table a whole copy carries: how, and which columns it writes only after every row is in
/// (they may point at a later row of the same table).
#[derive(Debug, Clone, Copy)]
pub struct CopiedTable {
    pub name: &'static str,
    pub fill: Fill,
    pub late: &'static [&'static str],
}

const fn insert(name: &'static str) -> CopiedTable {
    CopiedTable { name, fill: Fill::Insert, late: &[] }
}

const fn replace(name: &'static str) -> CopiedTable {
    CopiedTable { name, fill: Fill::Replace, late: &[] }
}

/// Every table of the schema (26), each after the tables it points at; `meta` last, as the
/// triggers of reference tables move its generation while they are written.
pub const COPIED_TABLES: &[CopiedTable] = &[
    CopiedTable { name: "units", fill: Fill::Insert, late: &["parent_id", "successor_id"] },
    insert("staff"),
    insert("credentials"),
    insert("sessions"),
    insert("sign_ins"),
    insert("import_batches"),
    insert("cases"),
    insert("case_details"),
    insert("events"),
    replace("case_cohorts"),
    insert("deadlines"),
    insert("deducted_moves"),
    insert("ledger"),
    // An empty database logs its own first bumps (the ledger rules set when it opens): the copy
    // replaces them with the source's log, as `meta` takes the source's generation.
    replace("ledger_log"),
    insert("targets"),
    insert("announced_days"),
    insert("deadline_rule_overrides"),
    insert("reorg_operations"),
    insert("case_moves"),
    insert("audit"),
    CopiedTable { name: "audit_chain", fill: Fill::Update, late: &[] },
    insert("money_entries"),
    insert("money_postings"),
    insert("money_receipt_numbers"),
    insert("money_receipts"),
    insert("money_receipt_cancellations"),
    insert("money_distributions"),
    insert("money_allocations"),
    insert("money_payouts"),
    insert("money_closings"),
    insert("money_statements"),
    insert("money_statement_lines"),
    insert("money_notices"),
    insert("money_deposits"),
    insert("report_snapshots"),
    insert("snapshot_cases"),
    insert("period_closings"),
    insert("document_templates"),
    insert("documents"),
    insert("document_contents"),
    insert("document_counters"),
    insert("assets"),
    insert("asset_cases"),
    insert("asset_steps"),
    insert("asset_proceeds"),
    insert("asset_rule_versions"),
    insert("coercion_plans"),
    insert("reception_sessions"),
    insert("reception_schedule"),
    CopiedTable { name: "complaints", fill: Fill::Insert, late: &["first_decision_of", "same_matter_as"] },
    insert("admin_judgments"),
    insert("admin_judgment_steps"),
    insert("exemption_proposals"),
    replace("portal_keys"),
    insert("case_lookup_codes"),
    insert("case_views"),
    insert("requests"),
    insert("request_attachments"),
    insert("request_numbers"),
    insert("personnel"),
    insert("staff_posts"),
    insert("staff_rank_posts"),
    replace("meta"),
];

/// The copied table named `name`.
pub fn copied_table(name: &str) -> Option<&'static CopiedTable> {
    COPIED_TABLES.iter().find(|t| t.name == name)
}

/// One row: the number of rows of each table of `COPIED_TABLES`, in its order (both backends).
pub fn table_rows_sql() -> String {
    let counts: Vec<String> = COPIED_TABLES.iter().map(|t| format!("(select count(*) from {})", t.name)).collect();
    format!("select {}", counts.join(", "))
}

/// The rows and content of one table, the same on both backends for the same rows in any
/// order: the count, and the sum of each row's SHA-256 (of its values, each with a tag and a
/// length), so two tables with the same rows give the same sum whatever order they are read in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableSum {
    pub rows: i64,
    lanes: [u64; 4],
}

impl TableSum {
    pub fn add(&mut self, row: &[Cell]) {
        let mut h = Sha256::new();
        for cell in row {
            let (tag, bytes): (u8, &[u8]) = match cell {
                Cell::Null => (0, &[]),
                Cell::Int(i) => (1, &i.to_le_bytes()[..]),
                Cell::Text(s) => (2, s.as_bytes()),
                Cell::Bytes(b) => (3, b.as_slice()),
            };
            h.update([tag]);
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        }
        let digest = h.finalize();
        for (lane, chunk) in self.lanes.iter_mut().zip(digest.chunks(8)) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            *lane = lane.wrapping_add(u64::from_le_bytes(word));
        }
        self.rows += 1;
    }

    /// The sum in hexadecimal (64 digits).
    pub fn hex(&self) -> String {
        self.lanes.iter().map(|l| format!("{l:016x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sum_does_not_depend_on_the_order_of_rows_and_sees_every_value() {
        let a = vec![Cell::Int(1), Cell::Text("x".into())];
        let b = vec![Cell::Int(2), Cell::Null];
        let (mut one, mut two) = (TableSum::default(), TableSum::default());
        one.add(&a);
        one.add(&b);
        two.add(&b);
        two.add(&a);
        assert_eq!(one, two);
        let mut three = TableSum::default();
        three.add(&a);
        three.add(&[Cell::Int(2), Cell::Text(String::new())]);
        assert_ne!(one.hex(), three.hex(), "null and empty text differ");
        assert_eq!(one.rows, 2);
    }

    #[test]
    fn every_table_is_named_once() {
        let mut names: Vec<&str> = COPIED_TABLES.iter().map(|t| t.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COPIED_TABLES.len());
    }
}
