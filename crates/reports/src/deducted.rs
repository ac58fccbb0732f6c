//! The money moved on deducted cases of one series (the D of the crate docs), indexed so that
//! a period reads only the moves of cases closed within it.

/// `[collected, reduced]` moved at one (closed at, moved at) key.
pub type DeductedCell<K> = ((K, K), [i128; 2]);

/// Sums of `[collected, reduced]` by (closed at, moved at), sorted. A case closes on or after
/// its moves, so a period `[start, end]` needs only the slice closed within it, and there the
/// moves made from `start` on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeductedIndex<K> {
    cells: Vec<DeductedCell<K>>,
}

impl<K> Default for DeductedIndex<K> {
    fn default() -> Self {
        DeductedIndex { cells: Vec::new() }
    }
}

impl<K: Ord + Copy> DeductedIndex<K> {
    /// An index over `(closed, moved, [collected, reduced])` given in any order.
    pub fn from_unsorted(mut moves: Vec<DeductedCell<K>>) -> DeductedIndex<K> {
        moves.sort_by_key(|(k, _)| *k);
        let mut cells: Vec<DeductedCell<K>> = Vec::with_capacity(moves.len());
        for (key, sums) in moves {
            match cells.last_mut() {
                Some((k, s)) if *k == key => {
                    s[0] += sums[0];
                    s[1] += sums[1];
                }
                _ => cells.push((key, sums)),
            }
        }
        cells.retain(|(_, s)| *s != [0, 0]);
        DeductedIndex { cells }
    }

    /// Adds (or with negative sums removes) moves at one (closed, moved) key.
    pub fn add(&mut self, key: (K, K), sums: [i128; 2]) {
        match self.cells.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(at) => {
                let s = &mut self.cells[at].1;
                s[0] += sums[0];
                s[1] += sums[1];
                if *s == [0, 0] {
                    self.cells.remove(at);
                }
            }
            Err(at) if sums != [0, 0] => self.cells.insert(at, (key, sums)),
            Err(_) => {}
        }
    }

    /// `[collected, reduced]` moved from `start` on, on cases closed by `end`.
    pub fn within(&self, start: K, end: K) -> [i128; 2] {
        let lo = self.cells.partition_point(|((closed, _), _)| *closed < start);
        let hi = self.cells.partition_point(|((closed, _), _)| *closed <= end);
        let mut out = [0, 0];
        for ((_, moved), sums) in self.cells.get(lo..hi).unwrap_or_default() {
            if *moved >= start {
                out[0] += sums[0];
                out[1] += sums[1];
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_moves_within_the_period_on_cases_closed_within_it() {
        // (closed, moved): a move before the period, two inside, one on a case closed after.
        let mut index = DeductedIndex::from_unsorted(vec![
            ((5, 1), [10, 0]),
            ((5, 3), [20, 1]),
            ((4, 4), [5, 0]),
            ((9, 4), [100, 0]),
            ((5, 3), [2, 0]),
        ]);
        assert_eq!(index.len(), 4);
        assert_eq!(index.within(3, 6), [27, 1]);
        assert_eq!(index.within(1, 9), [137, 1]);
        index.add((5, 3), [-22, -1]);
        assert_eq!(index.within(3, 6), [5, 0]);
        assert_eq!(index.len(), 3);
        index.add((6, 6), [1, 1]);
        assert_eq!(index.within(6, 6), [1, 1]);
    }
}
