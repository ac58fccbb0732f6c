//! How a backend stores one ledger series: all its months in one compact value, so that the
//! whole ledger of ten million cases (about ten thousand series) loads in one short scan instead
//! of a million rows of 28 columns. Both backends use this one codec.
//!
//! Layout: a version byte, the number of months, then for each month in increasing order the
//! month as a zig-zag varint difference from the previous one, a varint bit mask of the
//! measures that are not zero, and those measures as zig-zag varints. Months whose measures are
//! all zero are left out.

use std::collections::BTreeMap;

use thads_core::dates::MonthKey;
use thads_core::ledger::{MEASURES, Measures, SeriesKey};

use crate::{LedgerRow, StoreError, StoreResult};

const VERSION: u8 = 1;

/// One series' months, in increasing order, none all zero.
pub type Months = Vec<(MonthKey, Measures)>;

pub fn encode(months: &[(MonthKey, Measures)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(2 + months.len() * 12);
    out.push(VERSION);
    put_varint(&mut out, months.len() as u64);
    let mut previous = 0i64;
    for (month, measures) in months {
        put_varint(&mut out, zigzag(i64::from(month.0) - previous));
        previous = i64::from(month.0);
        let mask = measures.0.iter().enumerate().filter(|(_, v)| **v != 0).fold(0u64, |m, (i, _)| m | (1 << i));
        put_varint(&mut out, mask);
        for value in measures.0.iter().filter(|v| **v != 0) {
            put_varint(&mut out, zigzag(*value));
        }
    }
    out
}

pub fn decode(bytes: &[u8]) -> StoreResult<Months> {
    let corrupt = || StoreError::Backend("unreadable ledger series value".into());
    let mut at = 0usize;
    if bytes.first() != Some(&VERSION) {
        return Err(corrupt());
    }
    at += 1;
    let count = usize::try_from(get_varint(bytes, &mut at).ok_or_else(corrupt)?).map_err(|_| corrupt())?;
    let mut months = Vec::with_capacity(count.min(4096));
    let mut month = 0i64;
    for _ in 0..count {
        month += unzigzag(get_varint(bytes, &mut at).ok_or_else(corrupt)?);
        let mask = get_varint(bytes, &mut at).ok_or_else(corrupt)?;
        let mut measures = Measures::default();
        for (i, slot) in measures.0.iter_mut().enumerate() {
            if mask & (1 << i) != 0 {
                *slot = unzigzag(get_varint(bytes, &mut at).ok_or_else(corrupt)?);
            }
        }
        if mask >> MEASURES != 0 {
            return Err(corrupt());
        }
        months.push((MonthKey(i32::try_from(month).map_err(|_| corrupt())?), measures));
    }
    Ok(months)
}

/// Adds `deltas` to `months`, refusing a sum that leaves 64-bit integers.
pub fn merge(months: Months, deltas: &[(MonthKey, Measures)]) -> StoreResult<Months> {
    let mut by_month: BTreeMap<MonthKey, Measures> = months.into_iter().collect();
    for (month, delta) in deltas {
        let slot = by_month.entry(*month).or_default();
        for (value, add) in slot.0.iter_mut().zip(delta.0.iter()) {
            *value = value.checked_add(*add).ok_or_else(|| {
                StoreError::Invalid("tổng số liệu thống kê vượt giới hạn 64 bit / a ledger sum overflows".into())
            })?;
        }
    }
    Ok(by_month.into_iter().filter(|(_, m)| !m.is_zero()).collect())
}

/// Ledger rows grouped by series, each group's months in order.
pub fn by_series(rows: &[LedgerRow]) -> BTreeMap<SeriesKey, Months> {
    let mut out: BTreeMap<SeriesKey, Months> = BTreeMap::new();
    for r in rows {
        out.entry(r.series).or_default().push((r.month, r.measures));
    }
    for months in out.values_mut() {
        months.sort_by_key(|(m, _)| *m);
    }
    out
}

/// The rows of one stored series.
pub fn rows_of(series: SeriesKey, months: Months) -> impl Iterator<Item = LedgerRow> {
    months.into_iter().map(move |(month, measures)| LedgerRow { series, month, measures })
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pairs: &[(usize, i64)]) -> Measures {
        let mut out = Measures::default();
        for (i, v) in pairs {
            out.0[*i] = *v;
        }
        out
    }

    #[test]
    fn round_trips_extremes_and_gaps() {
        let months = vec![
            (MonthKey(24_000), m(&[(0, 1), (27, i64::MAX)])),
            (MonthKey(24_001), m(&[(3, i64::MIN), (4, -1)])),
            (MonthKey(24_300), m(&[(13, 7)])),
        ];
        assert_eq!(decode(&encode(&months)).unwrap(), months);
        assert_eq!(decode(&encode(&[])).unwrap(), vec![]);
        assert!(decode(&[]).is_err());
        assert!(decode(&[VERSION, 5]).is_err(), "truncated");
    }

    #[test]
    fn merging_adds_and_drops_months_that_cancel() {
        let stored = vec![(MonthKey(10), m(&[(0, 2)])), (MonthKey(12), m(&[(1, 5)]))];
        let merged = merge(stored, &[(MonthKey(10), m(&[(0, -2)])), (MonthKey(11), m(&[(2, 3)]))]).unwrap();
        assert_eq!(merged, vec![(MonthKey(11), m(&[(2, 3)])), (MonthKey(12), m(&[(1, 5)]))]);
        assert!(merge(vec![(MonthKey(1), m(&[(0, i64::MAX)]))], &[(MonthKey(1), m(&[(0, 1)]))]).is_err());
    }
}
