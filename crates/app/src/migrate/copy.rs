//! The whole copy into an empty database: every table of `thads_store::COPIED_TABLES`, row for
//! row with its ids (units, staff, cases, records, the audit trail with its hash chain, the
//! portal's key, every register of the second wave), in one transaction, the target's id
//! sequences then set past the largest ids. Ids are kept, so nothing that points at a row
//! (money postings, snapshots' JSON, audit entries, lookup codes) needs translating. After the
//! commit every table is compared with the source's (rows and a sum of their content) and the
//! audit chain is walked; only then is the move itself audited.

use thads_store::{COPIED_TABLES, Cell, CopiedTable, Fill, NewAudit, Store, TableSum, WriteTx};

use super::{Conflict, Outcome};
use crate::actor::Actor;
use crate::error::{AppError, AppResult};

/// Rows written per statement batch.
const BATCH: usize = 2_000;

/// Tables an empty database already has rows in (from its migrations, and for the ledger log
/// the bumps of its ledger generation when it was opened).
const SEEDED: &[&str] = &["meta", "portal_keys", "audit_chain", "ledger_log"];

/// One table after the copy: its rows and the sum of their content, equal on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCheck {
    pub table: &'static str,
    pub rows: i64,
    pub sum: String,
}

/// What a whole copy carried and checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copied {
    /// Every table, in `COPIED_TABLES` order.
    pub tables: Vec<TableCheck>,
    /// Entries of the audit chain walked on the target.
    pub chain_entries: u64,
}

impl Copied {
    pub fn rows(&self) -> i64 {
        self.tables.iter().map(|t| t.rows).sum()
    }

    pub fn rows_of(&self, table: &str) -> i64 {
        self.tables.iter().find(|t| t.table == table).map_or(0, |t| t.rows)
    }
}

/// Whether `target` holds no row but those its migrations seeded: a copy keeps every id.
pub fn is_empty(target: &dyn Store) -> AppResult<bool> {
    let rows = target.table_rows()?;
    Ok(COPIED_TABLES.iter().zip(rows).all(|(t, n)| n == 0 || SEEDED.contains(&t.name)))
}

/// Copies `source` whole into the empty `target`, or refuses naming a table it does not know.
pub fn copy(source: &dyn Store, target: &dyn Store, actor: &Actor) -> AppResult<Outcome> {
    let conflicts = unknown_tables(source, target)?;
    if !conflicts.is_empty() {
        return Ok(Outcome::Refused(conflicts));
    }
    let mut tx = target.begin()?;
    for table in COPIED_TABLES {
        let columns = source.table_columns(table.name)?;
        if columns != target.table_columns(table.name)? {
            return Err(AppError::Invalid(format!(
                "bảng {} khác nhau giữa hai cơ sở dữ liệu / the table differs between the databases (versions?)",
                table.name
            )));
        }
        copy_table(source, tx.as_mut(), table, &columns)?;
    }
    tx.reset_id_sequences()?;
    tx.commit()?;
    target.refresh_planner_statistics()?;
    let copied = check(source, target)?;
    audit(target, actor, &copied)?;
    Ok(Outcome::Copied(copied))
}

/// A table of either schema that the copy does not carry would be lost: refused, named.
fn unknown_tables(source: &dyn Store, target: &dyn Store) -> AppResult<Vec<Conflict>> {
    let mut conflicts = Vec::new();
    for store in [source, target] {
        for table in store.schema_tables()? {
            if thads_store::copied_table(&table).is_none() {
                conflicts.push(Conflict::UnknownTable { table });
            }
        }
    }
    Ok(conflicts)
}

/// One table's rows, a batch at a time; `late` columns (pointing maybe at later rows of the
/// same table) written empty, then set once every row is in.
fn copy_table(source: &dyn Store, tx: &mut dyn WriteTx, table: &CopiedTable, columns: &[String]) -> AppResult<()> {
    if table.fill == Fill::Replace {
        tx.clear_copied(table.name)?;
    }
    let late: Vec<usize> =
        columns.iter().enumerate().filter(|(_, c)| table.late.contains(&c.as_str())).map(|(i, _)| i).collect();
    let late_columns: Vec<String> = late.iter().map(|i| columns[*i].clone()).collect();
    let id = columns.iter().position(|c| c == "id");
    let mut batch: Vec<Vec<Cell>> = Vec::with_capacity(BATCH);
    let mut later: Vec<Vec<Cell>> = Vec::new();
    source.scan_table(table.name, columns, &mut |mut row| {
        if let (false, Some(id)) = (late.is_empty(), id) {
            let mut set = vec![row[id].clone()];
            set.extend(late.iter().map(|i| std::mem::replace(&mut row[*i], Cell::Null)));
            if set[1..].iter().any(|c| *c != Cell::Null) {
                later.push(set);
            }
        }
        batch.push(row);
        if batch.len() >= BATCH {
            write(tx, table, columns, &std::mem::take(&mut batch))?;
        }
        Ok(())
    })?;
    write(tx, table, columns, &batch)?;
    if !later.is_empty() {
        tx.copy_update(table.name, "id", &late_columns, &later)?;
    }
    Ok(())
}

/// Inserts the rows, or (the seeded row of `Fill::Update`) sets every column but the id.
fn write(
    tx: &mut dyn WriteTx,
    table: &CopiedTable,
    columns: &[String],
    rows: &[Vec<Cell>],
) -> thads_store::StoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    if table.fill != Fill::Update {
        return tx.copy_rows(table.name, columns, rows);
    }
    let id = columns.iter().position(|c| c == "id").ok_or_else(|| thads_store::StoreError::Invalid("no id".into()))?;
    let rest: Vec<String> = columns.iter().filter(|c| *c != "id").cloned().collect();
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            std::iter::once(r[id].clone())
                .chain(r.iter().enumerate().filter(|(i, _)| *i != id).map(|(_, c)| c.clone()))
                .collect()
        })
        .collect();
    tx.copy_update(table.name, "id", &rest, &rows)
}

/// The rows and content sum of every table of `store`.
pub fn table_sums(store: &dyn Store) -> AppResult<Vec<TableCheck>> {
    let mut out = Vec::with_capacity(COPIED_TABLES.len());
    for table in COPIED_TABLES {
        let columns = store.table_columns(table.name)?;
        let mut sum = TableSum::default();
        store.scan_table(table.name, &columns, &mut |row| {
            sum.add(&row);
            Ok(())
        })?;
        out.push(TableCheck { table: table.name, rows: sum.rows, sum: sum.hex() });
    }
    Ok(out)
}

/// Every table equal on both sides, and the target's audit chain whole.
fn check(source: &dyn Store, target: &dyn Store) -> AppResult<Copied> {
    let (ours, theirs) = (table_sums(source)?, table_sums(target)?);
    let differing: Vec<&str> = ours.iter().zip(&theirs).filter(|(a, b)| a != b).map(|(a, _)| a.table).collect();
    if !differing.is_empty() {
        return Err(AppError::Invalid(format!(
            "đã chép nhưng các bảng khác nhau / copied, but these tables differ: {}",
            differing.join(", ")
        )));
    }
    let chain = crate::audit::verify_chain(target)?;
    if let Some(fault) = chain.fault {
        return Err(AppError::Invalid(format!("chuỗi nhật ký ở nơi nhận / the target's audit chain: {fault}")));
    }
    Ok(Copied { tables: theirs, chain_entries: chain.entries })
}

/// The move, in the target's trail (after the check, so that it compares the source's own).
fn audit(target: &dyn Store, actor: &Actor, copied: &Copied) -> AppResult<()> {
    let mut tx = target.begin()?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: "db.migrate".into(),
        before: None,
        after: Some(format!(
            "{{\"whole\":true,\"tables\":{},\"rows\":{},\"cases\":{}}}",
            copied.tables.len(),
            copied.rows(),
            copied.rows_of("cases")
        )),
    })?;
    tx.commit()?;
    Ok(())
}
