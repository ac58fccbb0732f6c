//! Synthetic lawful histories for `thads-bench deadlines`: a fixed-seed generator (so every run
//! measures the same cases) draws acceptance dates over five years and up to six events per
//! case, kept only when the state machine accepts them, closings rarer than classifications so
//! that most cases stay open, about one debtor in ten a prisoner.

use thads_core::event::{Event, EventCode};
use thads_core::lifecycle::{CaseBasis, apply, opening};
use thads_core::rules::LifecycleRules;
use thads_core::{Categories, Category, Origin, Vnd};
use time::{Date, Duration};

use super::arena::Arena;

/// xorshift64*: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// `cases` histories with every event on or before `until`.
pub fn synthesise(cases: usize, until: Date) -> Arena {
    let rules = LifecycleRules::default();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut arena = Arena::default();
    arena.bases.reserve(cases);
    arena.spans.reserve(cases);
    let mut steps = Vec::with_capacity(8);
    let first = until.saturating_sub(Duration::days(5 * 365));
    for _ in 0..cases {
        let accepted_on = first.saturating_add(Duration::days(rng.below(5 * 365) as i64));
        let origin = if rng.below(2) == 0 { Origin::ChuDong } else { Origin::TheoYeuCau };
        let amount = Vnd::new(1 + rng.below(100_000_000) as i64).unwrap_or_default();
        let basis = CaseBasis { accepted_on, origin, amount };
        let mut categories = Categories::empty();
        if rng.below(10) == 0 {
            categories.insert(Category::PhamNhan);
        }
        steps.clear();
        let (mut current, mut day) = (opening(&basis), accepted_on);
        for _ in 0..rng.below(7) {
            day = day.saturating_add(Duration::days(1 + rng.below(240) as i64));
            if day > until {
                break;
            }
            let range = if rng.below(4) == 0 { 14 } else { 7 };
            let code = EventCode::ALL[rng.below(range) as usize];
            let amount = matches!(code, EventCode::Collected | EventCode::Reduced)
                .then(|| Vnd::new(1 + rng.below(current.outstanding.dong().max(1) as u64) as i64).unwrap_or_default());
            let event = Event { date: day, code, amount, ground: None };
            if let Ok(step) = apply(&basis, &current, &event, until, &rules) {
                current = step.after.clone();
                steps.push(step);
            }
        }
        arena.push(basis, categories, &steps);
    }
    arena
}
