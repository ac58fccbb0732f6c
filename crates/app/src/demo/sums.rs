//! The demo's statistics ledger summed in memory per (series, month), then written in slices.
//!
//! Its size is series × active months (about ten thousand series — one per officer plus the
//! origin, judgment-type and category series of each unit — times the months with activity),
//! not the number of cases: about a million entries of ~400 bytes at ten million cases.
//! Unlike `LedgerDelta::into_rows`, writing streams the map out instead of copying it into one
//! vector, so the peak stays one map, and an ordered map keeps the writes deterministic.

use std::collections::BTreeMap;

use thads_core::dates::MonthKey;
use thads_core::ledger::{CaseDims, CaseLedger, Measures, SeriesKey};
use thads_store::LedgerRow;

use crate::error::AppResult;

#[derive(Debug, Default)]
pub struct LedgerSums {
    rows: BTreeMap<(SeriesKey, MonthKey), Measures>,
}

impl LedgerSums {
    /// Adds one case's monthly deltas to each series it is counted in.
    pub fn add_case(&mut self, dims: &CaseDims, ledger: &CaseLedger) -> AppResult<()> {
        let months = ledger.months();
        for series in dims.series() {
            for (month, measures) in &months {
                self.rows.entry((series, *month)).or_default().add(measures)?;
            }
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Empties the sums through `write`, `slice` rows at a time (rows that cancel out are
    /// dropped); returns the number of rows written.
    pub fn drain(&mut self, slice: usize, mut write: impl FnMut(&[LedgerRow]) -> AppResult<()>) -> AppResult<u64> {
        let mut buffer = Vec::with_capacity(slice);
        let mut written = 0;
        for ((series, month), measures) in std::mem::take(&mut self.rows) {
            if measures.is_zero() {
                continue;
            }
            buffer.push(LedgerRow { series, month, measures });
            if buffer.len() == slice {
                write(&buffer)?;
                written += buffer.len() as u64;
                buffer.clear();
            }
        }
        if !buffer.is_empty() {
            write(&buffer)?;
            written += buffer.len() as u64;
        }
        Ok(written)
    }
}
