//! Embedded schema migrations, applied in order at start, each once, each in a transaction.
//! The file names are SQLite's, so that drift between the backends shows in review. A
//! transaction-scoped advisory lock makes two processes starting at once apply them one
//! after the other: the second finds them done.

use postgres::Client;
use thads_store::{StoreError, StoreResult};

use crate::error::backend;

/// `(name, sql)` in the order they apply.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../migrations/0001_init.sql")),
    ("0002_web", include_str!("../migrations/0002_web.sql")),
    ("0003_calendar", include_str!("../migrations/0003_calendar.sql")),
    ("0004_cohorts", include_str!("../migrations/0004_cohorts.sql")),
    ("0005_search_prefixes", include_str!("../migrations/0005_search_prefixes.sql")),
    ("0006_ledger_series", include_str!("../migrations/0006_ledger_series.sql")),
    ("0007_bulk_words", include_str!("../migrations/0007_bulk_words.sql")),
    ("0008_supersede_once", include_str!("../migrations/0008_supersede_once.sql")),
    ("0009_reference_generation", include_str!("../migrations/0009_reference_generation.sql")),
    ("0010_case_facts", include_str!("../migrations/0010_case_facts.sql")),
    ("0011_audit_sign_ins", include_str!("../migrations/0011_audit_sign_ins.sql")),
    ("0012_money", include_str!("../migrations/0012_money.sql")),
    ("0013_periods", include_str!("../migrations/0013_periods.sql")),
    ("0014_documents", include_str!("../migrations/0014_documents.sql")),
    ("0015_assets", include_str!("../migrations/0015_assets.sql")),
    ("0016_complaints", include_str!("../migrations/0016_complaints.sql")),
    ("0017_admin_judgments_exemption", include_str!("../migrations/0017_admin_judgments_exemption.sql")),
    ("0019_audit_chain", include_str!("../migrations/0019_audit_chain.sql")),
    ("0020_portal", include_str!("../migrations/0020_portal.sql")),
    ("0021_requests", include_str!("../migrations/0021_requests.sql")),
    ("0022_personnel", include_str!("../migrations/0022_personnel.sql")),
    ("0023_reorg", include_str!("../migrations/0023_reorg.sql")),
    ("0024_money_statements", include_str!("../migrations/0024_money_statements.sql")),
    ("0025_asset_proceeds_rules", include_str!("../migrations/0025_asset_proceeds_rules.sql")),
    ("0026_document_contents", include_str!("../migrations/0026_document_contents.sql")),
    ("0027_money_savings", include_str!("../migrations/0027_money_savings.sql")),
    ("0028_bulk_row_keys", include_str!("../migrations/0028_bulk_row_keys.sql")),
    ("0029_case_words", include_str!("../migrations/0029_case_words.sql")),
    ("0030_case_search_words", include_str!("../migrations/0030_case_search_words.sql")),
    ("0031_case_state_in_place", include_str!("../migrations/0031_case_state_in_place.sql")),
    ("0032_reference_registry", include_str!("../migrations/0032_reference_registry.sql")),
    ("0033_ledger_log", include_str!("../migrations/0033_ledger_log.sql")),
    ("0034_requests_follow", include_str!("../migrations/0034_requests_follow.sql")),
    ("0035_deadlines_overdue", include_str!("../migrations/0035_deadlines_overdue.sql")),
    ("0036_audit_case_action", include_str!("../migrations/0036_audit_case_action.sql")),
];

/// The migration whose step in Rust seals the audit entries already written (schema 19).
const AUDIT_CHAIN_MIGRATION: &str = "0019_audit_chain";

/// Any fixed number shared by every THADS process; "THADS" in ASCII.
const LOCK_KEY: i64 = 0x0054_4841_4453;

/// The migration after which a `deadlines` table left mostly empty pages by an earlier load is
/// rewritten (schema 35; see `meta::compact_deadlines`), by the process that applied it.
const COMPACT_DEADLINES_AFTER: &str = "0035_deadlines_overdue";

pub fn run(client: &mut Client) -> StoreResult<()> {
    let mut compact = false;
    for (name, sql) in MIGRATIONS {
        let mut tx = client.transaction().map_err(backend)?;
        tx.execute("select pg_advisory_xact_lock($1)", &[&LOCK_KEY]).map_err(backend)?;
        tx.batch_execute(
            "create table if not exists schema_migrations (
                name text primary key,
                applied_at timestamptz not null default now()
            )",
        )
        .map_err(backend)?;
        let done = tx.query_opt("select 1 from schema_migrations where name = $1", &[name]).map_err(backend)?;
        if done.is_none() {
            check_before(name, &mut tx)?;
            tx.batch_execute(sql).map_err(|e| StoreError::Backend(format!("migration {name}: {e}")))?;
            if *name == AUDIT_CHAIN_MIGRATION {
                crate::audit::seal_unsealed(&mut tx)?;
            }
            tx.execute("insert into schema_migrations (name) values ($1)", &[name]).map_err(backend)?;
            compact |= *name == COMPACT_DEADLINES_AFTER;
        }
        tx.commit().map_err(backend)?;
    }
    if compact {
        // A vacuum runs outside any transaction.
        crate::meta::compact_deadlines(client)?;
    }
    Ok(())
}

/// What must hold before a migration changes anything, refused with a message that says what
/// to do rather than with the database's own error (the transaction then changes nothing).
fn check_before(name: &str, tx: &mut postgres::Transaction<'_>) -> StoreResult<()> {
    if name != thads_store::SUPERSEDES_ONCE_MIGRATION {
        return Ok(());
    }
    let rows = tx.query(thads_store::SUPERSEDED_TWICE_SQL, &[]).map_err(backend)?;
    let rows = rows
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
        .collect::<Result<Vec<_>, postgres::Error>>()
        .map_err(backend)?;
    thads_store::refuse_superseded_twice(rows)
}
