//! `Store` itself on SQLite (which backend, a transaction begun, committed) and the database as
//! a whole: the reference generation (schema 0009), the planner's statistics, and the rows of
//! a whole copy (`thads migrate-db`), read and written as they are stored.

use rusqlite::types::{Value, ValueRef};
use thads_store::{Cell, Fill, Meta, MetaTx, RowVisitor, Store, StoreError, StoreResult, WriteTx};

use crate::SqliteStore;
use crate::tx::SqliteTx;

impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn pool_use(&self) -> Option<thads_store::observe::PoolReading> {
        Some(self.pool.reading())
    }

    fn begin(&self) -> StoreResult<Box<dyn WriteTx + '_>> {
        let turn = self.pool.write_turn()?;
        Ok(Box::new(SqliteTx::begin(turn, self.pool.get()?)?))
    }
}

impl WriteTx for SqliteTx<'_> {
    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        self.finish()
    }
}

impl Meta for SqliteStore {
    fn reference_generation(&self) -> StoreResult<i64> {
        let sql = "select cast(value as integer) from meta where key = 'reference_generation'";
        Ok(self.query_one(sql, [], |r| r.get::<_, i64>(0).map_err(StoreError::backend))?.unwrap_or(0))
    }

    fn refresh_planner_statistics(&self) -> StoreResult<()> {
        let conn = self.pool.get()?;
        conn.execute_batch("pragma optimize").map_err(StoreError::backend)
    }

    /// SQLite keeps no old row versions to reclaim and has no setting an operator must turn on.
    fn maintenance_warnings(&self) -> StoreResult<Vec<String>> {
        Ok(Vec::new())
    }

    fn schema_tables(&self) -> StoreResult<Vec<String>> {
        let sql = "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' \
                   and name not like 'cases_fts%' and name <> 'schema_migrations' order by name";
        self.query_all(sql, [], |r| r.get(0).map_err(StoreError::backend))
    }

    fn table_rows(&self) -> StoreResult<Vec<i64>> {
        let conn = self.pool.get()?;
        let n = thads_store::COPIED_TABLES.len();
        conn.query_row(&thads_store::table_rows_sql(), [], |r| (0..n).map(|i| r.get(i)).collect())
            .map_err(StoreError::backend)
    }

    fn table_columns(&self, table: &str) -> StoreResult<Vec<String>> {
        let table = copied(table)?;
        self.query_all("select name from pragma_table_info(?1) order by name", [table], |r| {
            r.get(0).map_err(StoreError::backend)
        })
    }

    fn scan_table(&self, table: &str, columns: &[String], visit: &mut RowVisitor<'_>) -> StoreResult<()> {
        let table = copied(table)?;
        let order = if columns.iter().any(|c| c == "id") { " order by id" } else { "" };
        let sql = format!("select {} from {table}{order}", quoted(columns).join(", "));
        let conn = self.pool.get()?;
        let mut stmt = conn.prepare(&sql).map_err(StoreError::backend)?;
        let mut rows = stmt.query([]).map_err(StoreError::backend)?;
        while let Some(row) = rows.next().map_err(StoreError::backend)? {
            let cells = (0..columns.len()).map(|i| cell(row.get_ref(i).map_err(StoreError::backend)?, &columns[i]));
            visit(cells.collect::<StoreResult<Vec<Cell>>>()?)?;
        }
        Ok(())
    }
}

impl MetaTx for SqliteTx<'_> {
    fn copy_rows(&mut self, table: &str, columns: &[String], rows: &[Vec<Cell>]) -> StoreResult<()> {
        let table = copied(table)?;
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("insert into {table} ({}) values ({})", quoted(columns).join(", "), marks.join(", "));
        let mut stmt = self.conn().prepare_cached(&sql).map_err(StoreError::backend)?;
        for row in rows {
            stmt.execute(rusqlite::params_from_iter(row.iter().map(value))).map_err(StoreError::backend)?;
        }
        Ok(())
    }

    fn copy_update(&mut self, table: &str, key: &str, columns: &[String], rows: &[Vec<Cell>]) -> StoreResult<()> {
        let table = copied(table)?;
        let sets: Vec<String> = quoted(columns).iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 2)).collect();
        let sql = format!("update {table} set {} where \"{key}\" = ?1", sets.join(", "));
        let mut stmt = self.conn().prepare_cached(&sql).map_err(StoreError::backend)?;
        for row in rows {
            stmt.execute(rusqlite::params_from_iter(row.iter().map(value))).map_err(StoreError::backend)?;
        }
        Ok(())
    }

    fn clear_copied(&mut self, table: &str) -> StoreResult<()> {
        match thads_store::copied_table(table) {
            Some(t) if t.fill == Fill::Replace => {
                self.conn().execute(&format!("delete from {}", t.name), []).map_err(StoreError::backend)?;
                Ok(())
            }
            _ => Err(StoreError::Invalid(format!("{table} is not emptied by a copy"))),
        }
    }

    fn reset_id_sequences(&mut self) -> StoreResult<()> {
        Ok(()) // no `autoincrement` table: a new row takes the largest id plus one
    }
}

/// The name of a table a copy carries (never a name from elsewhere in SQL).
fn copied(table: &str) -> StoreResult<&'static str> {
    thads_store::copied_table(table).map(|t| t.name).ok_or_else(|| StoreError::Invalid(format!("no table {table}")))
}

fn quoted(columns: &[String]) -> Vec<String> {
    columns.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect()
}

fn cell(v: ValueRef<'_>, column: &str) -> StoreResult<Cell> {
    Ok(match v {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(i) => Cell::Int(i),
        ValueRef::Text(t) => Cell::Text(String::from_utf8(t.to_vec()).map_err(|_| StoreError::corrupt(column, "?"))?),
        ValueRef::Blob(b) => Cell::Bytes(b.to_vec()),
        ValueRef::Real(r) => return Err(StoreError::corrupt(column, r)),
    })
}

fn value(c: &Cell) -> Value {
    match c {
        Cell::Null => Value::Null,
        Cell::Int(i) => Value::Integer(*i),
        Cell::Text(s) => Value::Text(s.clone()),
        Cell::Bytes(b) => Value::Blob(b.clone()),
    }
}
