//! One series of the ledger on a time axis: running totals at each key where something
//! changed, so the total through any key is one binary search away.

use thads_core::ledger::{MEASURES, Measures};

/// Running totals of one series. Totals are `i64` with checked sums: one series is one unit's
/// slice of the ledger, whose amounts stay far below 9,2 × 10¹⁸ đồng; a sum that would pass
/// it is refused (`None`), never wrapped. Sums across series are taken in `i128`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline<K> {
    keys: Vec<K>,
    totals: Vec<[i64; MEASURES]>,
}

impl<K> Default for Timeline<K> {
    fn default() -> Self {
        Timeline { keys: Vec::new(), totals: Vec::new() }
    }
}

impl<K: Ord + Copy> Timeline<K> {
    /// Running totals of deltas given in key order (keys may repeat).
    pub fn from_sorted(deltas: impl IntoIterator<Item = (K, Measures)>) -> Option<Timeline<K>> {
        let deltas = deltas.into_iter();
        let n = deltas.size_hint().0;
        let mut line = Timeline { keys: Vec::with_capacity(n), totals: Vec::with_capacity(n) };
        let mut running = [0i64; MEASURES];
        for (key, delta) in deltas {
            running = checked_sum(&running, &delta.0)?;
            if line.keys.last() == Some(&key) {
                if let Some(last) = line.totals.last_mut() {
                    *last = running;
                }
            } else {
                line.keys.push(key);
                line.totals.push(running);
            }
        }
        Some(line)
    }

    /// Totals of every delta keyed at or before `key`.
    pub fn through(&self, key: K) -> Option<&[i64; MEASURES]> {
        let n = self.keys.partition_point(|k| *k <= key);
        n.checked_sub(1).map(|i| &self.totals[i])
    }

    /// Totals of every delta keyed strictly before `key`.
    pub fn before(&self, key: K) -> Option<&[i64; MEASURES]> {
        let n = self.keys.partition_point(|k| *k < key);
        n.checked_sub(1).map(|i| &self.totals[i])
    }

    /// Adds a delta at `key`: every running total from `key` on moves. `None` (and nothing
    /// changed) when a total would overflow.
    pub fn add(&mut self, key: K, delta: &Measures) -> Option<()> {
        let at = self.keys.partition_point(|k| *k < key);
        let updated: Vec<[i64; MEASURES]> =
            self.totals[at..].iter().map(|t| checked_sum(t, &delta.0)).collect::<Option<_>>()?;
        if self.keys.get(at) != Some(&key) {
            let previous = at.checked_sub(1).map_or([0; MEASURES], |i| self.totals[i]);
            let own = checked_sum(&previous, &delta.0)?;
            self.keys.insert(at, key);
            self.totals.insert(at, own);
            self.totals.splice(at + 1.., updated);
        } else {
            self.totals.splice(at.., updated);
        }
        Some(())
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

fn checked_sum(a: &[i64; MEASURES], b: &[i64; MEASURES]) -> Option<[i64; MEASURES]> {
    let mut out = [0i64; MEASURES];
    for ((o, x), y) in out.iter_mut().zip(a).zip(b) {
        *o = x.checked_add(*y)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delta(v: i64) -> Measures {
        let mut m = Measures::default();
        m.0[0] = v;
        m
    }

    #[test]
    fn totals_through_and_before_a_key() {
        let line = Timeline::from_sorted([(1, delta(2)), (3, delta(5)), (3, delta(1))]).unwrap();
        assert_eq!(line.len(), 2);
        assert_eq!(line.before(1), None);
        assert_eq!(line.through(1).unwrap()[0], 2);
        assert_eq!(line.through(2).unwrap()[0], 2);
        assert_eq!(line.before(3).unwrap()[0], 2);
        assert_eq!(line.through(9).unwrap()[0], 8);
    }

    #[test]
    fn adding_moves_every_later_total() {
        let mut line = Timeline::from_sorted([(1, delta(2)), (5, delta(5))]).unwrap();
        line.add(3, &delta(10)).unwrap();
        line.add(5, &delta(1)).unwrap();
        line.add(0, &delta(100)).unwrap();
        let at = |k| line.through(k).unwrap()[0];
        assert_eq!((at(0), at(1), at(3), at(4), at(5)), (100, 102, 112, 112, 118));
    }

    #[test]
    fn overflow_is_refused_not_wrapped() {
        let mut line = Timeline::from_sorted([(1, delta(i64::MAX))]).unwrap();
        assert_eq!(line.add(0, &delta(1)), None);
        assert_eq!(line.through(1).unwrap()[0], i64::MAX, "nothing changed");
        assert!(Timeline::from_sorted([(1, delta(i64::MAX)), (2, delta(1))]).is_none());
    }
}
