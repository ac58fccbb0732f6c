//! Random draws for the demo generator: one ChaCha8 stream per case (so that a case depends
//! only on the seed and its index, whatever the chunking), weighted choices and skewed amounts.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Date, Duration, Weekday};

pub type DemoRng = ChaCha8Rng;

/// The stream reserved for the organisation (units, staff); cases use streams 0..N.
const ORG_STREAM: u64 = u64::MAX;

/// The random source of one seed, positioned on a stream by `stream`.
#[derive(Debug, Clone)]
pub struct Streams {
    base: DemoRng,
}

impl Streams {
    pub fn new(seed: u64) -> Streams {
        Streams { base: DemoRng::seed_from_u64(seed) }
    }

    /// The generator of case number `index` (0-based).
    pub fn case(&self, index: u64) -> DemoRng {
        let mut rng = self.base.clone();
        rng.set_stream(index);
        rng
    }

    pub fn org(&self) -> DemoRng {
        self.case(ORG_STREAM)
    }

    /// The generator of the details of case `index`: a stream of another key, so that adding
    /// details left every case's facts and history as they were.
    pub fn details(&self, index: u64) -> DemoRng {
        let mut rng = self.base.clone();
        rng.set_stream(index);
        rng.set_word_pos(1 << 60);
        rng
    }
}

/// True with probability `p` (clamped to 0..=1).
pub fn chance(rng: &mut DemoRng, p: f64) -> bool {
    rng.random::<f64>() < p
}

/// A uniform integer in `low..=high`.
pub fn between(rng: &mut DemoRng, low: i64, high: i64) -> i64 {
    if high <= low { low } else { rng.random_range(low..=high) }
}

/// One item of a non-empty slice, uniformly (the first of an empty one is never asked for:
/// every list of the generator is constant data or checked non-empty).
pub fn pick<'a, T>(rng: &mut DemoRng, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() { None } else { items.get(rng.random_range(0..items.len())) }
}

/// One value of a small table of `(value, weight)`.
pub fn weighted<T: Copy>(rng: &mut DemoRng, table: &[(T, f64)]) -> Option<T> {
    let total: f64 = table.iter().map(|(_, w)| *w).sum();
    let mut x = rng.random::<f64>() * total;
    for (value, w) in table {
        if x < *w {
            return Some(*value);
        }
        x -= w;
    }
    table.last().map(|(v, _)| *v)
}

/// A standard normal variate (Box–Muller).
pub fn normal(rng: &mut DemoRng) -> f64 {
    let u = 1.0 - rng.random::<f64>();
    let v = rng.random::<f64>();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// Log-normal with the given median: most values near it, a long right tail.
pub fn log_normal(rng: &mut DemoRng, median: f64, sigma: f64) -> f64 {
    median * (sigma * normal(rng)).exp()
}

/// Pareto with scale `min` and shape `alpha`: a heavy tail of very large values.
pub fn pareto(rng: &mut DemoRng, min: f64, alpha: f64) -> f64 {
    let u = 1.0 - rng.random::<f64>();
    min / u.powf(1.0 / alpha)
}

/// A whole number of days, log-normal around `median`, at least `min`.
pub fn delay(rng: &mut DemoRng, median: f64, sigma: f64, min: i64) -> i64 {
    (log_normal(rng, median, sigma).round() as i64).max(min)
}

/// The same day, or the next Monday for a Saturday or Sunday: decisions are signed on working
/// days (public holidays are ignored here).
pub fn working_day(date: Date) -> Date {
    match date.weekday() {
        Weekday::Saturday => date + Duration::days(2),
        Weekday::Sunday => date + Duration::days(1),
        _ => date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_stream_depends_only_on_the_seed_and_the_index() {
        let s = Streams::new(7);
        let mut first = s.case(3);
        let _ = s.case(2).random::<u64>();
        let mut again = Streams::new(7).case(3);
        assert_eq!(first.random::<u64>(), again.random::<u64>());
        assert_ne!(s.case(3).random::<u64>(), s.case(4).random::<u64>());
        assert_ne!(Streams::new(8).case(3).random::<u64>(), s.case(3).random::<u64>());
    }

    #[test]
    fn weekends_move_to_monday() {
        let sat = time::macros::date!(2025 - 11 - 22);
        assert_eq!(working_day(sat).weekday(), Weekday::Monday);
        assert_eq!(working_day(time::macros::date!(2025 - 11 - 21)), time::macros::date!(2025 - 11 - 21));
    }
}
