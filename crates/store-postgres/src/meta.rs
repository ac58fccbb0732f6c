//! `Store` itself on PostgreSQL (which backend, a transaction begun, committed) and the
//! database as a whole: the reference generation (schema 0009), the planner's statistics, and
//! the rows of a whole copy (`thads migrate-db`) in the form SQLite stores them (`Kind`).

use postgres::types::ToSql;
use thads_store::{Cell, Fill, Meta, MetaTx, RowVisitor, Store, StoreError, StoreResult, WriteTx};

use crate::PgStore;
use crate::convert::get;
use crate::error::backend;
use crate::tx::PgTx;

impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    fn pool_use(&self) -> Option<thads_store::observe::PoolReading> {
        Some(self.pool.reading())
    }

    fn begin(&self) -> StoreResult<Box<dyn WriteTx + '_>> {
        Ok(Box::new(PgTx::begin(self.conn()?)?))
    }
}

impl WriteTx for PgTx<'_> {
    /// The ledger deltas held until now are applied just before the commit (see `tx`), then
    /// the audit entries are appended to the chain (see `audit`).
    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        let deltas = self.prepare_commit()?;
        crate::ledger::apply(&mut self, &deltas)?;
        crate::audit::append_held(&mut self)?;
        self.finish()
    }
}

/// A `deadlines` table of at least this many pages (64 MiB) ...
const COMPACT_MIN_PAGES: i64 = 8_192;
/// ... holding fewer rows than this many a page (a full page holds about 60) is rewritten.
const COMPACT_ROWS_PER_PAGE: i64 = 6;

/// Rewrites `deadlines` when it is mostly empty pages (`vacuum full`). Each file of a load
/// replaces the deadline rows of the cases it writes: the cases file writes a case's rows, its
/// events file writes them again, and the rows it wrote last sit at the table's end, so the
/// vacuum can give back none of the pages before them. At 1,000,000 cases (a tenth accepted
/// under the new law) the table kept 136 MB for its 70,132 rows (7.6 MB rewritten) and every
/// read of a whole scope read them all: the national dashboard's counts 42.7 ms, its oldest
/// overdue 36.7 ms, 14.8 ms and 9.4 ms rewritten. The table is derived (rebuilt from the
/// histories when the rules change), so it is only ever rewritten whole; the rewrite holds the
/// table for as long as it takes to copy its live rows (about a second a million). Also run
/// once after schema 35, for the registers loaded before it.
pub(crate) fn compact_deadlines(client: &mut postgres::Client) -> StoreResult<()> {
    let row = client
        .query_one("select relpages::bigint, reltuples::bigint from pg_class where oid = 'deadlines'::regclass", &[])
        .map_err(backend)?;
    let (pages, rows): (i64, i64) = (get(&row, 0)?, get(&row, 1)?);
    if pages >= COMPACT_MIN_PAGES && rows.max(0) < pages * COMPACT_ROWS_PER_PAGE {
        // Each alone (a vacuum runs outside any transaction, and two statements in one simple
        // query would be one). The plain vacuum after the rewrite marks the pages all visible,
        // which the rewrite does not: the counts' index-only scan then reads no row (at
        // 702,208 rows 164–240 ms before it, 66–100 ms after).
        client.batch_execute("vacuum full deadlines").map_err(backend)?;
        client.batch_execute("vacuum (analyze) deadlines").map_err(backend)?;
    }
    Ok(())
}

impl Meta for PgStore {
    fn reference_generation(&self) -> StoreResult<i64> {
        let sql = "select value::bigint from meta where key = 'reference_generation'";
        Ok(self.query_one(sql, &[], |r| get::<i64>(r, 0))?.unwrap_or(0))
    }

    /// `vacuum (analyze)` of the tables a bulk load writes. Analysed: autovacuum analyses new
    /// rows only later; until then a lookup of two cases' events among 39 million was planned
    /// as a parallel scan for 160,000 rows (35 ms, not 0.1). Vacuumed: a first load inserts
    /// each case and then updates it with its events, and writes deadline rows that its events
    /// then replace, so that 10,000,000 imported cases left 10,000,000 dead case rows and a
    /// `deadlines` table of 1.2 GB holding no row, which every scan of it read (the national
    /// dashboard's deadlines: 356 ms a query, where the vacuumed table answers at once). Until
    /// autovacuum reaches them (never, where it is off) the pages keep those rows; the vacuum
    /// reclaims them and gives back the empty pages at a table's end. On this machine at
    /// 10,000,000 cases: 56 s after the first load; 2.7 s on a register already vacuumed (the
    /// `analyze` alone 1.5 s), as after each file of a later import.
    fn refresh_planner_statistics(&self) -> StoreResult<()> {
        let tables = "cases, case_words, events, deadlines, ledger, deducted_moves, case_cohorts, audit";
        let mut conn = self.conn()?;
        conn.client.batch_execute(&format!("vacuum (analyze) {tables}")).map_err(backend)?;
        compact_deadlines(&mut conn.client)
    }

    fn maintenance_warnings(&self) -> StoreResult<Vec<String>> {
        let on: Option<String> = self.query_one("select current_setting('autovacuum')", &[], |r| get(r, 0))?;
        Ok(if on.as_deref() == Some("on") {
            Vec::new()
        } else {
            vec![
                "autovacuum của PostgreSQL đang tắt: các phiên bản cũ của dòng không được thu hồi, bảng phình ra và \
                 chậm dần; bật lại (autovacuum = on) / PostgreSQL's autovacuum is off: old row versions are never \
                 reclaimed and the tables grow slower to read; turn it on (autovacuum = on)"
                    .to_string(),
            ]
        })
    }

    fn schema_tables(&self) -> StoreResult<Vec<String>> {
        // `case_words` is the search index of `cases`, written by its triggers (as SQLite's
        // `cases_fts`): a copy fills it by inserting the cases.
        let sql = "select table_name::text from information_schema.tables where table_schema = current_schema() \
                   and table_type = 'BASE TABLE' and table_name not in ('schema_migrations', 'case_words') order by 1";
        self.query_all(sql, &[], |r| get(r, 0))
    }

    fn table_rows(&self) -> StoreResult<Vec<i64>> {
        let n = thads_store::COPIED_TABLES.len();
        let rows = self.query_all(&thads_store::table_rows_sql(), &[], |r| {
            (0..n).map(|i| get::<i64>(r, i)).collect::<StoreResult<Vec<_>>>()
        })?;
        Ok(rows.into_iter().next().unwrap_or_default())
    }

    fn table_columns(&self, table: &str) -> StoreResult<Vec<String>> {
        let table = copied(table)?;
        self.query_all(COLUMNS_SQL, &[&table], |r| get::<String>(r, 0))
    }

    fn scan_table(&self, table: &str, columns: &[String], visit: &mut RowVisitor<'_>) -> StoreResult<()> {
        let table = copied(table)?;
        let kinds = self.query_all(COLUMNS_SQL, &[&table], |r| Ok((get::<String>(r, 0)?, get::<String>(r, 1)?)))?;
        let kinds = kinds_of(&kinds, columns)?;
        let read: Vec<String> = columns.iter().zip(&kinds).map(|(c, k)| k.read(&quote(c))).collect();
        let order = if columns.iter().any(|c| c == "id") { " order by id" } else { "" };
        let sql = format!("select {} from {table}{order}", read.join(", "));
        let mut conn = self.conn()?;
        let mut tx = conn.client.transaction().map_err(backend)?;
        let statement = tx.prepare(&sql).map_err(backend)?;
        let portal = tx.bind(&statement, &[]).map_err(backend)?;
        loop {
            let rows = tx.query_portal(&portal, 2_000).map_err(backend)?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                visit(kinds.iter().enumerate().map(|(i, k)| k.cell(row, i)).collect::<StoreResult<Vec<Cell>>>()?)?;
            }
        }
        tx.commit().map_err(backend)
    }
}

/// A table's columns and their types, by name.
const COLUMNS_SQL: &str = "select column_name::text, data_type::text from information_schema.columns \
                           where table_schema = current_schema() and table_name = $1 and is_generated = 'NEVER' \
                           order by 1";

impl MetaTx for PgTx<'_> {
    fn copy_rows(&mut self, table: &str, columns: &[String], rows: &[Vec<Cell>]) -> StoreResult<()> {
        let table = copied(table)?;
        let kinds = self.kinds(table, columns)?;
        let names: Vec<String> = columns.iter().map(|c| quote(c)).collect();
        let per = (20_000 / columns.len().max(1)).clamp(1, 1_000);
        for part in rows.chunks(per) {
            let mut tuples = Vec::with_capacity(part.len());
            for (r, _) in part.iter().enumerate() {
                let marks: Vec<String> =
                    kinds.iter().enumerate().map(|(i, k)| k.write(r * kinds.len() + i + 1)).collect();
                tuples.push(format!("({})", marks.join(", ")));
            }
            let sql = format!("insert into {table} ({}) values {}", names.join(", "), tuples.join(", "));
            let values = part.iter().map(|row| params(row, &kinds)).collect::<StoreResult<Vec<_>>>()?;
            let flat: Vec<&(dyn ToSql + Sync)> = values.iter().flatten().map(|b| b.as_ref()).collect();
            self.with(|c| c.client.execute(&sql, &flat)).map_err(backend)?;
        }
        Ok(())
    }

    fn copy_update(&mut self, table: &str, key: &str, columns: &[String], rows: &[Vec<Cell>]) -> StoreResult<()> {
        let table = copied(table)?;
        let mut all = vec![key.to_string()];
        all.extend(columns.iter().cloned());
        let kinds = self.kinds(table, &all)?;
        let sets: Vec<String> = columns
            .iter()
            .zip(&kinds[1..])
            .enumerate()
            .map(|(i, (c, k))| format!("{} = {}", quote(c), k.write(i + 2)))
            .collect();
        let sql = format!("update {table} set {} where {} = {}", sets.join(", "), quote(key), kinds[0].write(1));
        for row in rows {
            let values = params(row, &kinds)?;
            let flat: Vec<&(dyn ToSql + Sync)> = values.iter().map(|b| b.as_ref()).collect();
            self.with(|c| c.client.execute(&sql, &flat)).map_err(backend)?;
        }
        Ok(())
    }

    fn clear_copied(&mut self, table: &str) -> StoreResult<()> {
        match thads_store::copied_table(table) {
            Some(t) if t.fill == Fill::Replace => self.simple(&format!("delete from {}", t.name)),
            _ => Err(StoreError::Invalid(format!("{table} is not emptied by a copy"))),
        }
    }

    /// Each sequence of an id column set so that its next value is the largest id plus one.
    fn reset_id_sequences(&mut self) -> StoreResult<()> {
        let sql = "select c.relname::text, a.attname::text, pg_get_serial_sequence(c.oid::regclass::text, a.attname) \
                   from pg_class c join pg_attribute a on a.attrelid = c.oid \
                   where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') \
                   and a.attnum > 0 and not a.attisdropped \
                   and pg_get_serial_sequence(c.oid::regclass::text, a.attname) is not null";
        let rows = self.with(|c| c.client.query(sql, &[])).map_err(backend)?;
        for row in rows {
            let (table, column, sequence): (String, String, String) = (get(&row, 0)?, get(&row, 1)?, get(&row, 2)?);
            let reset = format!(
                "select setval('{}', coalesce((select max({}) from {}), 0) + 1, false)",
                sequence.replace('\'', "''"),
                quote(&column),
                quote(&table)
            );
            self.with(|c| c.client.execute(&reset, &[])).map_err(backend)?;
        }
        Ok(())
    }
}

impl PgTx<'_> {
    fn kinds(&mut self, table: &str, columns: &[String]) -> StoreResult<Vec<Kind>> {
        let rows = self.with(|c| c.client.query(COLUMNS_SQL, &[&table])).map_err(backend)?;
        let types =
            rows.iter().map(|r| Ok((get::<String>(r, 0)?, get::<String>(r, 1)?))).collect::<StoreResult<Vec<_>>>()?;
        kinds_of(&types, columns)
    }
}

/// How a column's values travel as `Cell`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Bool,
    Text,
    Date,
    Minute,
    Bytes,
}

impl Kind {
    fn of(data_type: &str) -> Option<Kind> {
        Some(match data_type {
            "bigint" | "integer" | "smallint" => Kind::Int,
            "boolean" => Kind::Bool,
            "text" => Kind::Text,
            "date" => Kind::Date,
            "timestamp without time zone" => Kind::Minute,
            "bytea" => Kind::Bytes,
            _ => return None,
        })
    }

    /// The expression that reads column `c` in the form SQLite stores it.
    fn read(self, c: &str) -> String {
        match self {
            Kind::Int => format!("{c}::int8"),
            Kind::Bool => format!("{c}::int4::int8"),
            Kind::Text | Kind::Bytes => c.to_string(),
            Kind::Date => format!("to_char({c}, 'YYYY-MM-DD')"),
            Kind::Minute => format!("to_char({c}, 'YYYY-MM-DD HH24:MI')"),
        }
    }

    /// The expression that writes parameter `n` into a column of this kind.
    fn write(self, n: usize) -> String {
        match self {
            Kind::Int => format!("${n}::int8"),
            Kind::Bool => format!("(${n}::int8 <> 0)"),
            Kind::Text => format!("${n}::text"),
            Kind::Date => format!("${n}::text::date"),
            Kind::Minute => format!("${n}::text::timestamp"),
            Kind::Bytes => format!("${n}::bytea"),
        }
    }

    fn cell(self, row: &postgres::Row, i: usize) -> StoreResult<Cell> {
        Ok(match self {
            Kind::Int | Kind::Bool => get::<Option<i64>>(row, i)?.map_or(Cell::Null, Cell::Int),
            Kind::Text | Kind::Date | Kind::Minute => get::<Option<String>>(row, i)?.map_or(Cell::Null, Cell::Text),
            Kind::Bytes => get::<Option<Vec<u8>>>(row, i)?.map_or(Cell::Null, Cell::Bytes),
        })
    }

    fn param(self, cell: &Cell) -> StoreResult<Box<dyn ToSql + Sync>> {
        Ok(match (self, cell) {
            (Kind::Int | Kind::Bool, Cell::Null) => Box::new(None::<i64>),
            (Kind::Bytes, Cell::Null) => Box::new(None::<Vec<u8>>),
            (_, Cell::Null) => Box::new(None::<String>),
            (Kind::Int | Kind::Bool, Cell::Int(i)) => Box::new(*i),
            (Kind::Text | Kind::Date | Kind::Minute, Cell::Text(s)) => Box::new(s.clone()),
            (Kind::Bytes, Cell::Bytes(b)) => Box::new(b.clone()),
            (kind, other) => return Err(StoreError::Invalid(format!("{other:?} for a column of {kind:?}"))),
        })
    }
}

fn params(row: &[Cell], kinds: &[Kind]) -> StoreResult<Vec<Box<dyn ToSql + Sync>>> {
    if row.len() != kinds.len() {
        return Err(StoreError::Invalid("a copied row has the wrong number of values".into()));
    }
    row.iter().zip(kinds).map(|(c, k)| k.param(c)).collect()
}

/// The kinds of `columns` among a table's `(name, data type)`.
fn kinds_of(types: &[(String, String)], columns: &[String]) -> StoreResult<Vec<Kind>> {
    columns
        .iter()
        .map(|c| {
            let t = types.iter().find(|(n, _)| n == c).ok_or_else(|| StoreError::Invalid(format!("no column {c}")))?;
            Kind::of(&t.1).ok_or_else(|| StoreError::Invalid(format!("column {c}: type {} not copied", t.1)))
        })
        .collect()
}

/// The name of a table a copy carries (never a name from elsewhere in SQL).
fn copied(table: &str) -> StoreResult<&'static str> {
    thads_store::copied_table(table).map(|t| t.name).ok_or_else(|| StoreError::Invalid(format!("no table {table}")))
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
