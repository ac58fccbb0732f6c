//! A small world of units and cases built from dated events through the real state machine
//! (`replay`) and ledger (`case_ledger`), and the three ways of reporting on it.

use std::collections::HashMap;

use thads_core::case::CaseBasis;
use thads_core::ledger::{CaseDims, CaseLedger, Measures, SeriesKey, case_ledger};
use thads_core::lifecycle::{Step, replay};
use thads_core::rules::Rules;
use thads_core::{
    CaseId, Categories, Event, EventCode, JudgmentType, MonthKey, Origin, Period, StaffId, Unit, UnitCode, UnitId,
    UnitKind, UnitTree, Vnd,
};
use thads_reports::{
    CaseInput, CohortRow, DayEngine, DeductedInput, Keep, MonthEngine, Report, SeriesRow, Targets, case_cohort,
    case_deducted, case_rows, recompute,
};
use time::Date;
use time::macros::date;

pub const TODAY: Date = date!(2030 - 12 - 31);

pub fn unit(id: i64, code: &str, name: &str, kind: UnitKind, parent: Option<i64>, successor: Option<i64>) -> Unit {
    Unit {
        id: UnitId(id),
        code: UnitCode::new(code).unwrap(),
        name: name.to_string(),
        kind,
        parent: parent.map(UnitId),
        valid_from: None,
        valid_to: None,
        successor: successor.map(UnitId),
    }
}

/// VN(1) ← BG(2) ← BG-KV1(3), BG-KV2(4), BG-KV3(5); VN ← HN(6) ← HN-KV1(7); and closed
/// units merged into others: the district BG-H1(8) into BG-KV1, the province HB(9) into HN
/// with its district HB-H1(10) into HN-KV1, and the district BG-H2(11) across provinces
/// into HN-KV1.
pub fn sample_units() -> UnitTree {
    UnitTree::new(vec![
        unit(1, "VN", "Cục Quản lý Thi hành án dân sự", UnitKind::National, None, None),
        unit(2, "BG", "Thi hành án dân sự tỉnh Bắc Giang", UnitKind::Province, Some(1), None),
        unit(3, "BG-KV1", "Phòng Thi hành án dân sự khu vực 1", UnitKind::Region, Some(2), None),
        unit(4, "BG-KV2", "Phòng Thi hành án dân sự khu vực 2", UnitKind::Region, Some(2), None),
        unit(5, "BG-KV3", "Phòng Thi hành án dân sự khu vực 3", UnitKind::Region, Some(2), None),
        unit(6, "HN", "Thi hành án dân sự thành phố Hà Nội", UnitKind::Province, Some(1), None),
        unit(7, "HN-KV1", "Phòng Thi hành án dân sự khu vực 1 Hà Nội", UnitKind::Region, Some(6), None),
        unit(8, "BG-H1", "Chi cục Thi hành án dân sự huyện 1", UnitKind::District, Some(2), Some(3)),
        unit(9, "HB", "Cục Thi hành án dân sự tỉnh Hà Bắc", UnitKind::Province, Some(1), Some(6)),
        unit(10, "HB-H1", "Chi cục Thi hành án dân sự huyện Hà Bắc", UnitKind::District, Some(9), Some(7)),
        unit(11, "BG-H2", "Chi cục Thi hành án dân sự huyện 2", UnitKind::District, Some(2), Some(7)),
    ])
}

/// One case: its facts, history, replayed steps and ledger.
#[derive(Debug, Clone)]
pub struct SimCase {
    pub id: CaseId,
    pub dims: CaseDims,
    pub basis: CaseBasis,
    pub events: Vec<Event>,
    pub steps: Vec<Step>,
    pub ledger: CaseLedger,
}

/// The facts of a new case (the rest of `CaseDims` defaults).
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    pub unit: i64,
    pub accepted_on: Date,
    pub amount: i64,
    pub origin: Origin,
    pub judgment: JudgmentType,
    pub categories: Categories,
    pub officer: Option<i64>,
}

impl Facts {
    pub fn new(unit: i64, accepted_on: Date, amount: i64) -> Facts {
        Facts {
            unit,
            accepted_on,
            amount,
            origin: Origin::ChuDong,
            judgment: JudgmentType::DanSu,
            categories: Categories::empty(),
            officer: None,
        }
    }
}

pub type Ev = (Date, EventCode, Option<i64>);

pub fn event(e: &Ev) -> Event {
    Event { date: e.0, code: e.1, amount: e.2.map(|a| Vnd::new(a).unwrap()), ground: None }
}

#[derive(Debug, Clone)]
pub struct World {
    pub units: UnitTree,
    pub rules: Rules,
    pub cases: Vec<SimCase>,
}

impl World {
    pub fn new(units: UnitTree) -> World {
        World { units, rules: Rules::default(), cases: Vec::new() }
    }

    pub fn dims(f: &Facts) -> CaseDims {
        CaseDims {
            unit: UnitId(f.unit),
            officer: f.officer.map(StaffId),
            origin: f.origin,
            judgment_type: f.judgment,
            categories: f.categories,
        }
    }

    /// Adds a case; every event must be accepted by the state machine.
    pub fn add(&mut self, f: Facts, events: &[Ev]) -> CaseId {
        let id = CaseId(self.cases.len() as i64 + 1);
        let basis = CaseBasis { accepted_on: f.accepted_on, origin: f.origin, amount: Vnd::new(f.amount).unwrap() };
        let events: Vec<Event> = events.iter().map(event).collect();
        let case = self.simulate(id, World::dims(&f), basis, events);
        self.cases.push(case);
        id
    }

    pub fn simulate(&self, id: CaseId, dims: CaseDims, basis: CaseBasis, events: Vec<Event>) -> SimCase {
        let steps = replay(&basis, &events, TODAY, &self.rules.lifecycle).expect("a valid history");
        let ledger = case_ledger(&basis, &steps, &self.rules.classification);
        SimCase { id, dims, basis, events, steps, ledger }
    }

    /// Ledger rows summed per series and month, as the store keeps them.
    pub fn month_rows(&self) -> Vec<SeriesRow<MonthKey>> {
        let mut sums: HashMap<(SeriesKey, MonthKey), Measures> = HashMap::new();
        for c in &self.cases {
            for row in case_rows::<MonthKey>(&c.dims, &c.ledger) {
                sums.entry((row.series, row.key)).or_default().add(&row.measures).unwrap();
            }
        }
        sums.into_iter().map(|((series, key), measures)| SeriesRow { series, key, measures }).collect()
    }

    pub fn deducted(&self) -> Vec<DeductedInput> {
        self.cases.iter().flat_map(|c| case_deducted(c.id, &c.dims, &c.ledger)).collect()
    }

    pub fn month_cohorts(&self) -> Vec<CohortRow<MonthKey>> {
        self.cases.iter().filter_map(|c| case_cohort(&c.dims, &c.ledger)).collect()
    }

    pub fn month_engine(&self) -> MonthEngine {
        let classification = self.rules.classification.clone();
        MonthEngine::build(self.units.clone(), classification, self.month_rows(), self.deducted())
            .unwrap()
            .with_cohorts(self.month_cohorts())
    }

    pub fn day_engine(&self, keep: Keep) -> DayEngine {
        let cases = self.cases.iter().map(|c| (c.id, c.dims, &c.ledger));
        DayEngine::from_cases(self.units.clone(), self.rules.classification.clone(), keep, cases).unwrap()
    }

    pub fn recompute(&self, unit: i64, period: Period, targets: &Targets) -> Report {
        let cases = self.cases.iter().map(|c| CaseInput { dims: c.dims, basis: c.basis, steps: &c.steps });
        recompute(&self.units, &self.rules.classification, UnitId(unit), period, targets, cases).unwrap()
    }
}

/// Ledger rows, deducted moves and cohorts of many cases, summed as they are made, for worlds
/// too large to keep every case in memory.
#[derive(Debug, Default)]
pub struct Accumulated {
    rows: HashMap<(SeriesKey, MonthKey), Measures>,
    deducted: Vec<DeductedInput>,
    cohorts: HashMap<(UnitId, MonthKey, Option<MonthKey>), i64>,
    cases: i64,
}

impl Accumulated {
    pub fn absorb(&mut self, c: &SimCase) {
        for row in case_rows::<MonthKey>(&c.dims, &c.ledger) {
            self.rows.entry((row.series, row.key)).or_default().add(&row.measures).unwrap();
        }
        self.deducted.extend(case_deducted(c.id, &c.dims, &c.ledger));
        if let Some(k) = case_cohort::<MonthKey>(&c.dims, &c.ledger) {
            *self.cohorts.entry((k.unit, k.accepted, k.closed)).or_default() += k.count;
        }
    }

    pub fn month_engine(self, w: &World) -> MonthEngine {
        let rows = self.rows.into_iter().map(|((series, key), measures)| SeriesRow { series, key, measures });
        let cohorts = self.cohorts.into_iter().map(|((unit, accepted, closed), count)| CohortRow {
            unit,
            accepted,
            closed,
            count,
        });
        MonthEngine::build(w.units.clone(), w.rules.classification.clone(), rows, self.deducted)
            .unwrap()
            .with_cohorts(cohorts)
    }
}

impl World {
    /// Makes a case and adds it to `acc` without keeping it.
    pub fn absorb(&self, acc: &mut Accumulated, f: Facts, events: &[Ev]) {
        acc.cases += 1;
        let id = CaseId(acc.cases);
        let basis = CaseBasis { accepted_on: f.accepted_on, origin: f.origin, amount: Vnd::new(f.amount).unwrap() };
        let case = self.simulate(id, World::dims(&f), basis, events.iter().map(event).collect());
        acc.absorb(&case);
    }
}

/// Splits `total` into `n` positive parts, unevenly but deterministically.
pub fn split(total: i64, n: usize, seed: u64) -> Vec<i64> {
    assert!(n > 0 && total >= n as i64);
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let weights: Vec<u64> = (0..n)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            1 + (state >> 40) % 1000
        })
        .collect();
    let sum: u64 = weights.iter().sum();
    let spare = (total - n as i64) as i128;
    let mut parts: Vec<i64> = weights.iter().map(|w| 1 + (spare * *w as i128 / sum as i128) as i64).collect();
    let diff = total - parts.iter().sum::<i64>();
    parts[0] += diff;
    parts
}

/// A deterministic day in `[from, to]`.
pub fn day_between(from: Date, to: Date, i: usize) -> Date {
    let span = (to - from).whole_days() + 1;
    from + time::Duration::days((i as i64 * 7919) % span)
}
