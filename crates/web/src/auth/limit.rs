//! Sign-in rate limiting: at most N failures per login and per client address within a window.
//! Kept in memory: a restart forgets, which only ever helps a legitimate user.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

#[derive(Debug)]
pub struct Limiter {
    max: usize,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<OffsetDateTime>>>,
}

impl Limiter {
    pub fn new(max_failures: u32, window_minutes: u32) -> Limiter {
        Limiter {
            max: max_failures as usize,
            window: Duration::minutes(i64::from(window_minutes)),
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(minutes)` until the oldest failure of any of `keys` leaves the window.
    pub fn check(&self, keys: &[String], now: OffsetDateTime) -> Result<(), i64> {
        let Ok(mut map) = self.failures.lock() else { return Ok(()) };
        let mut wait = None;
        for key in keys {
            if let Some(list) = map.get_mut(key) {
                while list.front().is_some_and(|t| *t + self.window <= now) {
                    list.pop_front();
                }
                if list.len() >= self.max
                    && let Some(oldest) = list.front()
                {
                    let left = (*oldest + self.window - now).whole_minutes() + 1;
                    wait = Some(wait.map_or(left, |w: i64| w.max(left)));
                }
            }
        }
        wait.map_or(Ok(()), Err)
    }

    pub fn failed(&self, keys: &[String], now: OffsetDateTime) {
        if let Ok(mut map) = self.failures.lock() {
            for key in keys {
                map.entry(key.clone()).or_default().push_back(now);
            }
        }
    }

    /// A successful sign-in clears the login's failures (not the address's).
    pub fn succeeded(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_for_the_window() {
        let l = Limiter::new(5, 15);
        let t0 = time::macros::datetime!(2025-10-20 09:00 UTC);
        let keys = ["login:an".to_string(), "addr:1.2.3.4".to_string()];
        for i in 0..5 {
            assert!(l.check(&keys, t0).is_ok());
            l.failed(&keys, t0 + Duration::minutes(i));
        }
        assert_eq!(l.check(&keys, t0 + Duration::minutes(5)), Err(11));
        assert_eq!(l.check(&["addr:1.2.3.4".to_string()], t0 + Duration::minutes(5)), Err(11));
        assert!(l.check(&keys, t0 + Duration::minutes(16)).is_ok());
    }
}
