//! `thads demo`: a realistic, deterministic national data set for a seed and an as-of date: the
//! organisation before the 2025 reform (national body, 63 provinces, about 700 district
//! offices) and after it (34 provinces, 355 regional sections), officers, and N cases with
//! dated histories over several reporting years, mixed close to the national figures of domain
//! §8: accepted at a district or old province before 01/07/2025 and at a section or new
//! province after, then moved by the reform's merges dated that day (`reform`), so that reports
//! of earlier periods come as reported and restated. Written through the `Store` trait in chunks, with each case's state
//! and the statistics ledger computed exactly as the application does, so it scales to ten
//! million cases in bounded memory.
//!
//! It refuses a database that already holds units or cases: demo data mixed with real
//! registers would be neither.

mod admin;
mod assets;
mod closings;
mod complaints;
mod details;
mod documents;
mod draw;
mod facts;
mod geography;
mod intake;
mod money;
mod names;
mod org;
mod personnel;
mod reform;
mod registers;
mod requests;
mod sums;
mod timeline;
mod writer;

use thads_core::Rules;
use thads_store::Store;
use time::Date;

pub use geography::{PROVINCES, REGIONS};

use crate::error::{AppError, AppResult};
use crate::progress::{Progress, Silent};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoConfig {
    /// Number of cases (việc).
    pub cases: u64,
    pub seed: u64,
    /// No event is dated after this day; the last reporting year shown contains it.
    pub as_of: Date,
    /// Reporting years with new cases, ending with the one containing `as_of`.
    pub years: u32,
    /// Cases per write transaction.
    pub chunk: usize,
    /// Ledger rows summed in memory before they are added to the store (about 400 bytes
    /// each): bounds memory whatever the number of cases, years or officers. A national demo
    /// has about a million, so by default the ledger is written once, at the end.
    pub ledger_rows_in_memory: usize,
}

impl DemoConfig {
    pub fn new(cases: u64, seed: u64, as_of: Date) -> DemoConfig {
        DemoConfig { cases, seed, as_of, years: 5, chunk: 50_000, ledger_rows_in_memory: 2_000_000 }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub units: u64,
    pub staff: u64,
    pub officers: u64,
    pub cases: u64,
    pub events: u64,
    pub ledger_rows: u64,
    pub deducted_moves: u64,
    /// Administrative judgments monitored and exemption or reduction proposals.
    pub admin_judgments: u64,
    pub exemption_proposals: u64,
    /// Operations of the 2025 reform (merges and renames dated 01/07/2025).
    pub reorg_operations: u64,
}

/// The seed `seed_if_empty` uses, so that every fresh installation shows the same demo.
pub const DEFAULT_SEED: u64 = 2025;

/// Generates the demo data set into an empty store.
pub fn generate(
    store: &dyn Store,
    rules: &Rules,
    config: &DemoConfig,
    progress: &dyn Progress,
) -> AppResult<DemoSummary> {
    ensure_empty(store)?;
    if config.years == 0 || config.chunk == 0 {
        return Err(AppError::Invalid("số năm và cỡ lô phải lớn hơn 0 / years and chunk must be positive".into()));
    }
    if config.as_of < org::REFORM {
        return Err(AppError::Invalid(format!(
            "dữ liệu mẫu đi qua cải cách ngày {d}: ngày dữ liệu phải từ ngày đó / the demo runs through the reform of \
             {d}: its as-of day must be on or after it",
            d = thads_core::dates::format_vn(org::REFORM)
        )));
    }
    admin::announce_days(store, config.as_of, config.years)?;
    let (mut summary, merges) = writer::run(store, rules, config, progress)?;
    // Money held in the books of provinces the reform merges, which it then hands over.
    let held = money::before_reform(store, rules, &merges, config.as_of)?;
    summary.events += held.on_cases;
    progress.phase("Cải cách 01/07/2025 / the 2025 reform", None);
    summary.reorg_operations = reform::apply(store, &merges)?;
    money::after_reform(store, rules, &held, config.as_of)?;
    progress.finish();
    admin::settle(store, config.as_of)?;
    let registers = registers::seed(store, rules, config)?;
    summary.admin_judgments = registers.judgments;
    summary.exemption_proposals = registers.proposals;
    summary.events += registers.events;
    complaints::generate(store, config.seed, config.as_of, config.cases)?;
    let (_, collected) = assets::seed(store, rules, config.seed, config.as_of)?;
    summary.events += collected;
    documents::issue(store, config.as_of)?;
    personnel::seed(store, config.seed, config.as_of)?;
    requests::generate(store, config.as_of)?;
    // Before the months are closed: the money moves in the 25 days before the demo's day.
    summary.events += money::seed(store, rules, config.as_of)?.events;
    closings::close_months(store, rules, config.as_of)?;
    store.refresh_planner_statistics()?;
    Ok(summary)
}

/// Fills an empty store with a small demo (for `thads serve` on a fresh installation); does
/// nothing and returns `None` when the store already holds units or cases.
pub fn seed_if_empty(store: &dyn Store, rules: &Rules, today: Date, cases: u64) -> AppResult<Option<DemoSummary>> {
    if !is_empty(store)? {
        return Ok(None);
    }
    let config = DemoConfig::new(cases, DEFAULT_SEED, today);
    generate(store, rules, &config, &Silent).map(Some)
}

/// Whether `store` holds neither units nor cases: where demo data may be written, and where
/// `thads-bench` writes synthetic data without being told it may.
pub fn is_empty(store: &dyn Store) -> AppResult<bool> {
    Ok(store.case_count()? == 0 && store.units()?.is_empty())
}

fn ensure_empty(store: &dyn Store) -> AppResult<()> {
    if is_empty(store)? {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ tạo trên cơ sở dữ liệu trống / the database is not empty: \
             demo data is only generated into an empty database (use a new --db file)"
                .into(),
        ))
    }
}
