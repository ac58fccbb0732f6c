//! Embedded schema migrations, applied in order at start, each once, each in a transaction.
//! The PostgreSQL backend has files of the same names, so that drift shows in review.

use rusqlite::Connection;
use thads_store::{StoreError, StoreResult};

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

pub fn run(conn: &mut Connection) -> StoreResult<()> {
    conn.execute_batch(
        "create table if not exists schema_migrations (name text primary key, applied_at integer not null)",
    )
    .map_err(StoreError::backend)?;
    for (name, sql) in MIGRATIONS {
        let tx =
            conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(StoreError::backend)?;
        let done: i64 = tx
            .query_row("select count(*) from schema_migrations where name = ?1", [name], |r| r.get(0))
            .map_err(StoreError::backend)?;
        if done == 0 {
            check_before(name, &tx)?;
            tx.execute_batch(sql).map_err(|e| StoreError::Backend(format!("migration {name}: {e}")))?;
            if *name == AUDIT_CHAIN_MIGRATION {
                crate::audit::seal_unsealed(&tx)?;
            }
            tx.execute("insert into schema_migrations (name, applied_at) values (?1, unixepoch())", [name])
                .map_err(StoreError::backend)?;
        }
        tx.commit().map_err(StoreError::backend)?;
    }
    Ok(())
}

/// What must hold before a migration changes anything, refused with a message that says what
/// to do rather than with the database's own error (the transaction then changes nothing).
fn check_before(name: &str, tx: &Connection) -> StoreResult<()> {
    if name != thads_store::SUPERSEDES_ONCE_MIGRATION {
        return Ok(());
    }
    let mut stmt = tx.prepare(thads_store::SUPERSEDED_TWICE_SQL).map_err(StoreError::backend)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(StoreError::backend)?;
    thads_store::refuse_superseded_twice(rows)
}
