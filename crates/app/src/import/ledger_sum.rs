//! A file's change to the statistics ledger, summed per (series, month) and written in
//! batches, so that memory stays bounded on files of millions of rows.

use rustc_hash::FxHashMap;
use thads_core::dates::MonthKey;
use thads_core::ledger::{CaseDims, CaseLedger, LedgerOverflow, Measures, SeriesKey};
use thads_store::{LedgerRow, StoreResult, WriteTx};

/// Sums kept before they are added to the stored ledger (about 270 bytes each in memory with
/// the table's spare room, so at most some 270 MB). A file of a million cases touches some
/// 600,000 (unit × breakdown × month) rows: below the limit, each is written once per file;
/// a smaller limit writes the same rows again after every flush, several times the work.
const FLUSH_AT: usize = 1_000_000;

#[derive(Debug, Default)]
pub struct LedgerSum {
    /// Hashed with FxHash: millions of small integer keys, none chosen by an adversary.
    rows: FxHashMap<(SeriesKey, MonthKey), Measures>,
}

impl LedgerSum {
    /// Adds what one case's history change does to the ledger: `new` minus `old` (no `old` for
    /// a new case), in every series the case counts in.
    pub fn change(
        &mut self,
        dims: &CaseDims,
        old: Option<&CaseLedger>,
        new: &CaseLedger,
    ) -> Result<(), LedgerOverflow> {
        let mut months: Vec<(MonthKey, Measures)> = Vec::with_capacity(4);
        for (day, measures) in &new.days {
            month_entry(&mut months, MonthKey::of(*day)).add(measures)?;
        }
        for (day, measures) in old.iter().flat_map(|l| &l.days) {
            month_entry(&mut months, MonthKey::of(*day)).sub(measures)?;
        }
        months.retain(|(_, m)| !m.is_zero());
        if months.is_empty() {
            return Ok(());
        }
        for series in dims.series() {
            for (month, measures) in &months {
                self.rows.entry((series, *month)).or_default().add(measures)?;
            }
        }
        Ok(())
    }

    /// Writes the sums once there are many of them.
    pub fn flush_if_large(&mut self, tx: &mut dyn WriteTx) -> StoreResult<()> {
        match self.take_if_large() {
            Some(rows) => tx.apply_ledger(&rows),
            None => Ok(()),
        }
    }

    /// The sums to add to the stored ledger once there are many of them (starting again from
    /// zero), for a writer that holds the transaction elsewhere.
    pub fn take_if_large(&mut self) -> Option<Vec<LedgerRow>> {
        (self.rows.len() >= FLUSH_AT).then(|| self.take())
    }

    /// Adds the sums to the stored ledger and starts again from zero.
    pub fn flush(&mut self, tx: &mut dyn WriteTx) -> StoreResult<()> {
        tx.apply_ledger(&self.take())
    }

    /// The sums as ledger rows, starting again from zero.
    fn take(&mut self) -> Vec<LedgerRow> {
        let mut rows: Vec<LedgerRow> = self
            .rows
            .drain()
            .filter(|(_, m)| !m.is_zero())
            .map(|((series, month), measures)| LedgerRow { series, month, measures })
            .collect();
        // In the stored key's order (unit, breakdown, month): the B-tree is then written page
        // after page instead of at random, a third faster on a large ledger.
        rows.sort_unstable_by_key(|r| (r.series, r.month));
        rows
    }
}

fn month_entry(months: &mut Vec<(MonthKey, Measures)>, month: MonthKey) -> &mut Measures {
    let at = match months.iter().position(|(m, _)| *m == month) {
        Some(at) => at,
        None => {
            months.push((month, Measures::default()));
            months.len() - 1
        }
    };
    &mut months[at].1
}
