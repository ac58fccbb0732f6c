//! The bytes of a month engine's `LedgerChange`, as the store's ledger log keeps them (schema
//! 33): another server reads the changes committed since the generation it knows and applies
//! them instead of reloading its whole engine.
//!
//! A change is one frame: a tag, then its rows, its deducted moves per case and its cohorts,
//! integers as zigzag LEB128 varints and each row's measures as a bit mask of the non-zero ones
//! followed by those values (a row has 28 measures, most of them zero). Frames concatenate:
//! the bytes of two changes one after the other decode as the first change extended by the
//! second, which is what applying them in turn does (a transaction that records two events
//! hands the store both changes, and the store keeps their bytes end to end). Decoding checks
//! everything and refuses what it cannot read with an error, never a panic.

use thads_core::dates::MonthKey;
use thads_core::ledger::{CaseDims, DeductedMove, MEASURES, Measures, MoveKind, SeriesKey};
use thads_core::{CaseId, Categories, JudgmentType, Origin, StaffId, UnitId, Vnd};
use time::Date;

use crate::input::{CohortRow, DeductedInput, LedgerChange, SeriesRow};

/// The first byte of every frame: the format's version.
const FRAME: u8 = 0xC1;

/// Bytes that are not an encoded `LedgerChange`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("nhật ký sổ thống kê hỏng / the ledger log holds a change that does not decode: {0}")]
pub struct ChangeDecodeError(String);

impl LedgerChange<MonthKey> {
    /// The change as the ledger log keeps it.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Writer(Vec::with_capacity(16 + self.rows.len() * 24));
        out.byte(FRAME);
        out.len(self.rows.len());
        for row in &self.rows {
            out.series(row.series);
            out.int(i64::from(row.key.0));
            out.measures(&row.measures);
        }
        out.len(self.deducted.len());
        for (case, moves) in &self.deducted {
            out.int(case.0);
            out.len(moves.len());
            for d in moves {
                out.deducted(d);
            }
        }
        out.len(self.cohorts.len());
        for c in &self.cohorts {
            out.int(c.unit.0);
            out.int(i64::from(c.accepted.0));
            out.optional(c.closed.map(|k| i64::from(k.0)));
            out.int(c.count);
        }
        out.0
    }

    /// Reads what `encode` wrote (one frame or several end to end).
    pub fn decode(bytes: &[u8]) -> Result<LedgerChange<MonthKey>, ChangeDecodeError> {
        let mut input = Reader { bytes, at: 0 };
        if bytes.is_empty() {
            return Err(ChangeDecodeError("no bytes".into()));
        }
        let mut change = LedgerChange::default();
        while !input.done() {
            change.extend(input.frame()?);
        }
        Ok(change)
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }

    fn len(&mut self, n: usize) {
        self.uint(n as u64);
    }

    fn optional(&mut self, v: Option<i64>) {
        match v {
            None => self.byte(0),
            Some(v) => {
                self.byte(1);
                self.int(v);
            }
        }
    }

    fn series(&mut self, s: SeriesKey) {
        let (unit, kind, value) = s.encode();
        self.int(unit);
        self.int(i64::from(kind));
        self.int(value);
    }

    fn measures(&mut self, m: &Measures) {
        let mask = m.0.iter().enumerate().filter(|(_, v)| **v != 0).fold(0u64, |mask, (i, _)| mask | 1 << i);
        self.uint(mask);
        for v in m.0.iter().filter(|v| **v != 0) {
            self.int(*v);
        }
    }

    fn deducted(&mut self, d: &DeductedInput) {
        self.int(d.case.0);
        self.int(d.dims.unit.0);
        self.optional(d.dims.officer.map(|o| o.0));
        self.len(d.dims.origin.index());
        self.len(d.dims.judgment_type.index());
        self.byte(d.dims.categories.bits());
        self.int(i64::from(d.moved.closed_on.to_julian_day()));
        self.int(i64::from(d.moved.moved_on.to_julian_day()));
        self.byte(match d.moved.kind {
            MoveKind::Collected => 0,
            MoveKind::Reduced => 1,
        });
        self.int(d.moved.amount.dong());
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn fail<T>(&self, what: &str) -> Result<T, ChangeDecodeError> {
        Err(ChangeDecodeError(format!("{what} at byte {}", self.at)))
    }

    fn byte(&mut self) -> Result<u8, ChangeDecodeError> {
        let Some(b) = self.bytes.get(self.at) else {
            return self.fail("truncated");
        };
        self.at += 1;
        Ok(*b)
    }

    fn uint(&mut self) -> Result<u64, ChangeDecodeError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7f);
            if shift == 63 && bits > 1 {
                return self.fail("varint overflows");
            }
            v |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        self.fail("varint too long")
    }

    fn int(&mut self) -> Result<i64, ChangeDecodeError> {
        let u = self.uint()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }

    fn int32(&mut self, what: &str) -> Result<i32, ChangeDecodeError> {
        let v = self.int()?;
        i32::try_from(v).or_else(|_| self.fail(what))
    }

    /// A count of items still to read: each takes at least one byte, so a count beyond the
    /// bytes left is garbage (and would otherwise reserve memory for it).
    fn len(&mut self) -> Result<usize, ChangeDecodeError> {
        let n = self.uint()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.bytes.len() - self.at => Ok(n),
            _ => self.fail("count beyond the bytes left"),
        }
    }

    fn index<T: Copy>(&mut self, all: &[T], what: &str) -> Result<T, ChangeDecodeError> {
        let i = self.uint()?;
        match usize::try_from(i).ok().and_then(|i| all.get(i)) {
            Some(v) => Ok(*v),
            None => self.fail(what),
        }
    }

    fn optional(&mut self) -> Result<Option<i64>, ChangeDecodeError> {
        match self.byte()? {
            0 => Ok(None),
            1 => Ok(Some(self.int()?)),
            _ => self.fail("bad optional flag"),
        }
    }

    fn frame(&mut self) -> Result<LedgerChange<MonthKey>, ChangeDecodeError> {
        if self.byte()? != FRAME {
            return self.fail("not a change frame");
        }
        let mut change = LedgerChange::default();
        for _ in 0..self.len()? {
            let series = self.series()?;
            let key = MonthKey(self.int32("month out of range")?);
            change.rows.push(SeriesRow { series, key, measures: self.measures()? });
        }
        for _ in 0..self.len()? {
            let case = CaseId(self.int()?);
            let mut moves = Vec::new();
            for _ in 0..self.len()? {
                moves.push(self.deducted()?);
            }
            change.deducted.push((case, moves));
        }
        for _ in 0..self.len()? {
            let unit = UnitId(self.int()?);
            let accepted = MonthKey(self.int32("month out of range")?);
            let closed = match self.optional()? {
                Some(k) => Some(MonthKey(i32::try_from(k).or_else(|_| self.fail("month out of range"))?)),
                None => None,
            };
            change.cohorts.push(CohortRow { unit, accepted, closed, count: self.int()? });
        }
        Ok(change)
    }

    fn series(&mut self) -> Result<SeriesKey, ChangeDecodeError> {
        let unit = self.int()?;
        let kind = i16::try_from(self.int()?).or_else(|_| self.fail("series kind out of range"))?;
        let value = self.int()?;
        SeriesKey::decode(unit, kind, value).map_or_else(|| self.fail("unknown series"), Ok)
    }

    fn measures(&mut self) -> Result<Measures, ChangeDecodeError> {
        let mask = self.uint()?;
        if mask >> MEASURES != 0 {
            return self.fail("measure beyond the row");
        }
        let mut m = Measures::default();
        for (i, v) in m.0.iter_mut().enumerate() {
            if mask & 1 << i != 0 {
                *v = self.int()?;
            }
        }
        Ok(m)
    }

    fn deducted(&mut self) -> Result<DeductedInput, ChangeDecodeError> {
        let case = CaseId(self.int()?);
        let unit = UnitId(self.int()?);
        let officer = self.optional()?.map(StaffId);
        let origin = self.index(&Origin::ALL, "unknown origin")?;
        let judgment_type = self.index(&JudgmentType::ALL, "unknown judgment type")?;
        let bits = self.byte()?;
        let categories = Categories::from_bits(bits);
        if categories.bits() != bits {
            return self.fail("unknown category");
        }
        let closed_on = self.date()?;
        let moved_on = self.date()?;
        let kind = match self.byte()? {
            0 => MoveKind::Collected,
            1 => MoveKind::Reduced,
            _ => return self.fail("unknown move kind"),
        };
        let amount = Vnd::new(self.int()?).or_else(|_| self.fail("negative amount"))?;
        let dims = CaseDims { unit, officer, origin, judgment_type, categories };
        Ok(DeductedInput { case, dims, moved: DeductedMove { closed_on, moved_on, kind, amount } })
    }

    fn date(&mut self) -> Result<Date, ChangeDecodeError> {
        let day = self.int32("date out of range")?;
        Date::from_julian_day(day).or_else(|_| self.fail("date out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use thads_core::ledger::Dim;
    use time::macros::date;

    fn sample() -> LedgerChange<MonthKey> {
        let mut measures = Measures::default();
        measures.0[0] = 1;
        measures.0[1] = 250_000_000;
        measures.0[MEASURES - 1] = -3;
        let dims = CaseDims {
            unit: UnitId(12),
            officer: Some(StaffId(7)),
            origin: Origin::TheoYeuCau,
            judgment_type: JudgmentType::ALL[8],
            categories: Categories::from_bits(0b1010),
        };
        let moved = DeductedMove {
            closed_on: date!(2025 - 03 - 31),
            moved_on: date!(2024 - 12 - 02),
            kind: MoveKind::Reduced,
            amount: Vnd::new(i64::MAX).unwrap_or(Vnd::ZERO),
        };
        LedgerChange {
            rows: vec![
                SeriesRow {
                    series: SeriesKey { unit: UnitId(12), dim: Dim::Officer(None) },
                    key: MonthKey(24_300),
                    measures,
                },
                SeriesRow {
                    series: SeriesKey { unit: UnitId(i64::MIN), dim: Dim::Category(thads_core::Category::ALL[3]) },
                    key: MonthKey(i32::MIN),
                    measures: Measures::default(),
                },
            ],
            deducted: vec![(CaseId(99), vec![DeductedInput { case: CaseId(99), dims, moved }]), (CaseId(5), vec![])],
            cohorts: vec![
                CohortRow { unit: UnitId(12), accepted: MonthKey(24_300), closed: None, count: -1 },
                CohortRow { unit: UnitId(12), accepted: MonthKey(24_300), closed: Some(MonthKey(24_302)), count: 1 },
            ],
        }
    }

    #[test]
    fn a_change_reads_back_the_same() {
        let change = sample();
        assert_eq!(LedgerChange::decode(&change.encode()), Ok(change));
        let empty = LedgerChange::<MonthKey>::default();
        assert_eq!(LedgerChange::decode(&empty.encode()), Ok(empty));
    }

    #[test]
    fn two_frames_end_to_end_are_the_changes_one_after_the_other() {
        let (first, second) = (sample(), LedgerChange { rows: sample().rows[..1].to_vec(), ..Default::default() });
        let mut bytes = first.encode();
        bytes.extend(second.encode());
        let mut both = first;
        both.extend(second);
        assert_eq!(LedgerChange::decode(&bytes), Ok(both));
    }

    #[test]
    fn a_row_of_one_measure_takes_a_few_bytes() {
        let mut change = sample();
        change.rows.truncate(1);
        change.rows[0].measures = Measures::default();
        change.rows[0].measures.0[0] = 1;
        change.deducted.clear();
        change.cohorts.clear();
        assert!(change.encode().len() <= 12, "{:?}", change.encode());
    }

    #[test]
    fn garbage_is_refused_not_panicked_on() {
        let bytes = sample().encode();
        assert!(LedgerChange::decode(&[]).is_err());
        assert!(LedgerChange::decode(&[0x00]).is_err());
        for cut in 1..bytes.len() {
            assert!(LedgerChange::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        assert!(LedgerChange::decode(&[FRAME, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]).is_err());
        // Every byte flipped in turn: an error or some change, never a panic.
        for at in 0..bytes.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut bad = bytes.clone();
                bad[at] ^= flip;
                let _ = LedgerChange::decode(&bad);
            }
        }
    }
}
