//! Timing of one distribution across the cases of one debtor (issue 18 asks for 50,000 cases
//! in well under 100 ms): synthetic claims with every rank, interest, secured and
//! coercion-group flags, amounts that leave a leftover in a pro-rata tier.
//!
//! `cargo run --release -p thads-core --example distribution -- [CASES]` (default 50 000).

use std::time::Instant;

use thads_core::money::{Claim, InterestOrder, Proceeds, Rank, distribute};
use thads_core::{CaseId, CaseNo, Vnd};
use time::{Date, Duration, Month};

/// Runs of the same distribution: the machine may be shared, the best run is the cost.
const RUNS: usize = 21;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn claims(count: usize) -> Vec<Claim> {
    let mut rng = Lcg(42);
    let first = Date::from_calendar_date(2020, Month::January, 1).unwrap_or(Date::MIN);
    (0..count)
        .map(|i| {
            let rank = [1, 2, 3, 3, 3][rng.next(5) as usize];
            Claim {
                case: CaseId(i as i64 + 1),
                case_no: CaseNo::new(&format!("{}/QĐ-CTHADS", rng.next(5_000) + 1)).unwrap_or_else(|_| unreachable!()),
                accepted_on: first + Duration::days(rng.next(2_000) as i64),
                rank: Rank::new(rank).unwrap_or(Rank::THIRD),
                principal: Vnd::new(rng.next(2_000_000_000) as i64 + 1).unwrap_or(Vnd::ZERO),
                interest: Vnd::new(rng.next(50_000_000) as i64).unwrap_or(Vnd::ZERO),
                secured: rng.next(1_000) == 0,
                before_coercion: rng.next(4) != 0,
            }
        })
        .collect()
}

fn main() {
    let count: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let claims = claims(count);
    let owed: i64 = claims.iter().map(|c| c.principal.dong() / 1_000 + c.interest.dong() / 1_000).sum();
    // About 60 % of what is owed, in thousands: the third rank is paid pro rata.
    let amount = Vnd::new(owed / 10 * 6 * 1_000 + 777).unwrap_or(Vnd::ZERO);
    let proceeds = Proceeds {
        amount,
        costs: Vnd::new(1_234_567_890).unwrap_or(Vnd::ZERO),
        rent_reserve: Vnd::ZERO,
        from_coercion: true,
        interest_order: InterestOrder::PrincipalFirstWithinRank,
    };
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        let d = distribute(&proceeds, &claims);
        times.push(started.elapsed().as_secs_f64() * 1_000.0);
        result = Some(d);
    }
    times.sort_by(f64::total_cmp);
    let (best, median) = (times[0], times[RUNS / 2]);
    match result {
        Some(Ok(d)) => println!(
            "{count} cases, {amount}: {} allocations, returned {}; {RUNS} runs: best {best:.1} ms, median {median:.1} ms",
            d.allocations.len(),
            d.returned_to_debtor
        ),
        Some(Err(e)) => println!("refused: {e}"),
        None => {}
    }
}
