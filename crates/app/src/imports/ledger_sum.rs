//! A file's change to the statistics ledger, summed per (series, month) and written in
//! batches, so that memory stays bounded on files of millions of rows: tables of 131 MB in
//! all at most, written in sorted chunks without copying them.

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};
use thads_core::dates::MonthKey;
use thads_core::ledger::{CaseDims, CaseLedger, LedgerOverflow, Measures, SeriesKey};
use thads_store::{LedgerRow, StoreResult, WriteTx};

type Key = (SeriesKey, MonthKey);

/// The sums are spread over this many tables: a table doubles when it is 7/8 full, holding
/// its old and new room together for a moment, so one table of everything would hold 65 +
/// 131 MB at its last doubling; eight hold at most 131 + 16 MB, and a small file keeps them
/// small.
const SHARDS: usize = 8;

/// Entries a table is made for: 7/8 of 2^16 buckets, each 249 bytes (a 224-byte `Measures`,
/// its key and a control byte), so the eight take 8 × 2^16 × 249 bytes = 131 MB at most. (One
/// table flushed at a million entries had doubled to 2^21 buckets, 522 MB, with a copy of its
/// rows and another grouped by series on top.) Each flush rewrites most series, so less room
/// costs time: `thads-bench import --cases 800000` took 43.7 s of CPU with half this room
/// against 35.3 s before; with this much, 33.3 s against 34.4 s (medians of three runs each on
/// a shared machine).
const SHARD_CAPACITY: usize = 57_344;

/// The sums are written once a table holds this many; callers check after each case, which
/// adds at most 7 series × the months of its history, far below the entries left for it.
const FLUSH_AT: usize = SHARD_CAPACITY - 1024;

/// Rows handed to the store at once: its merge copies them grouped by series.
const WRITE_CHUNK: usize = 16_384;

#[derive(Debug, Default)]
pub struct LedgerSum {
    /// Hashed with FxHash: millions of small integer keys, none chosen by an adversary.
    shards: [FxHashMap<Key, Measures>; SHARDS],
}

/// The table of `key`: FxHash's value mixed again (the tables themselves use its low bits to
/// place an entry and its top bits to tag it).
fn shard(key: &Key) -> usize {
    let hash = FxBuildHasher.hash_one(key).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (hash >> 61) as usize % SHARDS
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
        for series in dims.series() {
            for (month, measures) in &months {
                let key = (series, *month);
                self.shards[shard(&key)].entry(key).or_default().add(measures)?;
            }
        }
        Ok(())
    }

    /// Writes the sums once there are many of them (asked after each case).
    pub fn flush_if_large(&mut self, tx: &mut dyn WriteTx) -> StoreResult<()> {
        match self.take_if_large() {
            Some(mut full) => full.flush(tx),
            None => Ok(()),
        }
    }

    /// The sums once there are many of them (this one starting again from zero), for a writer
    /// that holds the transaction elsewhere: the tables themselves move, nothing is copied.
    /// Asked after each case.
    pub fn take_if_large(&mut self) -> Option<LedgerSum> {
        self.shards.iter().any(|t| t.len() >= FLUSH_AT).then(|| std::mem::take(self))
    }

    /// Adds the sums to the stored ledger and starts again from zero. They are written in the
    /// stored key's order (unit, breakdown, month), so the B-tree is written page after page
    /// instead of at random (a third faster on a large ledger), a chunk at a time: a series
    /// cut between two chunks is merged twice, which adds the same.
    pub fn flush(&mut self, tx: &mut dyn WriteTx) -> StoreResult<()> {
        let mut keys: Vec<Key> = self.shards.iter().flat_map(|t| t.keys().copied()).collect();
        keys.sort_unstable();
        let mut chunk = Vec::with_capacity(WRITE_CHUNK.min(keys.len()));
        for part in keys.chunks(WRITE_CHUNK) {
            chunk.clear();
            for key in part {
                match self.shards[shard(key)].remove(key) {
                    Some(measures) if !measures.is_zero() => {
                        chunk.push(LedgerRow { series: key.0, month: key.1, measures })
                    }
                    _ => {}
                }
            }
            tx.apply_ledger(&chunk)?;
        }
        // Removing entries keeps the tables' room; new tables give it back.
        *self = LedgerSum::default();
        Ok(())
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.shards.iter().map(|t| t.len()).sum()
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

#[cfg(test)]
mod tests {
    use thads_core::StaffId;
    use thads_core::ledger::Dim;

    use super::*;

    /// Sums for 4 units × 60 officers × 90 months (more entries than one write chunk), each
    /// with its own figures.
    fn sums(seed: i64, units: [thads_core::UnitId; 4]) -> Vec<(Key, Measures)> {
        let mut sums = Vec::new();
        for (u, unit) in units.into_iter().enumerate() {
            // Staff ids from 1: the stored series of officer 0 is "no officer".
            for officer in 1..=60i64 {
                for month in 0..90 {
                    let series = SeriesKey { unit, dim: Dim::Officer(Some(StaffId(officer))) };
                    let mut measures = Measures::default();
                    measures.0[0] = seed + officer;
                    measures.0[27] = seed * (u as i64 + 1) + i64::from(month);
                    sums.push(((series, MonthKey(24_300 + month)), measures));
                }
            }
        }
        sums
    }

    fn sum_of(rows: &[(Key, Measures)]) -> LedgerSum {
        let mut sum = LedgerSum::default();
        for (key, measures) in rows {
            sum.shards[shard(key)].insert(*key, *measures);
        }
        sum
    }

    #[test]
    fn sums_written_in_chunks_add_up_to_the_whole() {
        let store = thads_testkit::sqlite_store();
        let seeded = thads_testkit::seed_units(&store);
        let units = [seeded.national, seeded.province, seeded.region1, seeded.region2];
        let (first, second) = (sums(1, units), sums(1000, units));
        assert!(first.len() > WRITE_CHUNK, "a series is cut between chunks");
        let mut want: Vec<LedgerRow> = first
            .iter()
            .zip(&second)
            .map(|((key, a), (_, b))| {
                let mut total = *a;
                total.add(b).unwrap();
                LedgerRow { series: key.0, month: key.1, measures: total }
            })
            .collect();
        let mut tx = thads_store::Store::begin(&store).unwrap();
        let mut first = sum_of(&first);
        first.flush(tx.as_mut()).unwrap();
        sum_of(&second).flush(tx.as_mut()).unwrap();
        tx.commit().unwrap();
        assert!(first.shards.iter().all(|t| t.capacity() == 0), "the tables' room is given back");
        let mut have = thads_store::Ledger::ledger(&store).unwrap();
        have.sort_by_key(|r| (r.series, r.month));
        want.sort_by_key(|r| (r.series, r.month));
        assert!(have == want, "{} rows stored, {} summed", have.len(), want.len());
    }

    #[test]
    fn the_tables_stay_small_for_small_files_and_never_pass_their_size() {
        let mut sized: FxHashMap<Key, Measures> = FxHashMap::default();
        sized.reserve(SHARD_CAPACITY);
        let full_size = sized.capacity();
        let mut sum = LedgerSum::default();
        let mut measures = Measures::default();
        measures.0[0] = 1;
        let new = CaseLedger { days: vec![(time::macros::date!(2025 - 10 - 01), measures)], deducted_moves: vec![] };
        let mut largest = 0;
        for officer in 1.. {
            let dims = CaseDims {
                unit: thads_core::UnitId(1),
                officer: Some(StaffId(officer)),
                origin: thads_core::Origin::ChuDong,
                judgment_type: thads_core::JudgmentType::DanSu,
                categories: thads_core::Categories::default(),
            };
            sum.change(&dims, None, &new).unwrap();
            if sum.len() < 1000 {
                assert!(sum.shards.iter().all(|t| t.capacity() < 1000), "a small file keeps small tables");
            }
            largest = largest.max(sum.shards.iter().map(|t| t.capacity()).max().unwrap_or(0));
            if let Some(full) = sum.take_if_large() {
                assert!(full.len() > SHARDS * FLUSH_AT * 9 / 10, "the tables fill evenly: {}", full.len());
                assert_eq!(sum.len(), 0);
                break;
            }
        }
        assert_eq!(largest, full_size, "a table grew to its size and never doubled past it");
    }
}
