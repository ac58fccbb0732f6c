//! Sign-in rate limiting, per login and per client address separately: a login is locked after
//! a few failures (someone guessing one person's password), an address only after many (someone
//! trying many logins), so that an office behind one reverse proxy is not locked out by one
//! person's typos. Kept in memory: a restart forgets, which only ever helps a legitimate user.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

/// Failures kept per key at most (more than any budget is never needed to decide).
const KEPT_PER_KEY: usize = 1000;
/// Above this many keys, the ones with no failure left in the window are dropped.
const PRUNE_ABOVE: usize = 10_000;

/// One sign-in: the login typed (when it is a valid login) and the client's address.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    pub login: Option<&'a str>,
    pub address: &'a str,
}

#[derive(Debug)]
pub struct Limiter {
    login_max: usize,
    window: Duration,
    logins: Mutex<Failures>,
    addresses: Mutex<Failures>,
}

/// Failure times per key, oldest first.
#[derive(Debug, Default)]
struct Failures(HashMap<String, VecDeque<OffsetDateTime>>);

impl Failures {
    /// Minutes until `key` is below `max` failures again, if it is not now.
    fn wait(&mut self, key: &str, max: usize, window: Duration, now: OffsetDateTime) -> Option<i64> {
        let list = self.0.get_mut(key)?;
        while list.front().is_some_and(|t| *t + window <= now) {
            list.pop_front();
        }
        let excess = list.len().checked_sub(max)?;
        let freed = *list.get(excess)? + window;
        Some((freed - now).whole_minutes() + 1)
    }

    fn add(&mut self, key: &str, window: Duration, now: OffsetDateTime) {
        if self.0.len() > PRUNE_ABOVE {
            self.0.retain(|_, list| list.back().is_some_and(|t| *t + window > now));
        }
        let list = self.0.entry(key.to_string()).or_default();
        if list.len() >= KEPT_PER_KEY {
            list.pop_front();
        }
        list.push_back(now);
    }
}

impl Limiter {
    /// `login_failures` per login within `window_minutes`; the address budget is given to
    /// `check` (it comes with the settings).
    pub fn new(login_failures: u32, window_minutes: u32) -> Limiter {
        Limiter {
            login_max: login_failures as usize,
            window: Duration::minutes(i64::from(window_minutes)),
            logins: Mutex::new(Failures::default()),
            addresses: Mutex::new(Failures::default()),
        }
    }

    /// `Err(minutes)` while the login has `login_failures` failures in the window, or the
    /// address `address_failures`.
    pub fn check(&self, attempt: Attempt<'_>, address_failures: u32, now: OffsetDateTime) -> Result<(), i64> {
        let login = match (attempt.login, self.logins.lock()) {
            (Some(login), Ok(mut map)) => map.wait(login, self.login_max, self.window, now),
            _ => None,
        };
        let address = match self.addresses.lock() {
            Ok(mut map) => map.wait(attempt.address, address_failures as usize, self.window, now),
            Err(_) => None,
        };
        match (login, address) {
            (None, None) => Ok(()),
            (a, b) => Err(a.max(b).unwrap_or(1)),
        }
    }

    pub fn failed(&self, attempt: Attempt<'_>, now: OffsetDateTime) {
        if let (Some(login), Ok(mut map)) = (attempt.login, self.logins.lock()) {
            map.add(login, self.window, now);
        }
        if let Ok(mut map) = self.addresses.lock() {
            map.add(attempt.address, self.window, now);
        }
    }

    /// A successful sign-in clears the login's failures (not the address's).
    pub fn succeeded(&self, login: &str) {
        if let Ok(mut map) = self.logins.lock() {
            map.0.remove(login);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: OffsetDateTime = time::macros::datetime!(2025-10-20 09:00 UTC);

    fn at<'a>(login: &'a str, address: &'a str) -> Attempt<'a> {
        Attempt { login: Some(login), address }
    }

    #[test]
    fn five_failures_lock_the_login_for_the_window_from_any_address() {
        let l = Limiter::new(5, 15);
        for i in 0..5 {
            assert!(l.check(at("an", "10.0.0.1"), 50, T0).is_ok());
            l.failed(at("an", "10.0.0.1"), T0 + Duration::minutes(i));
        }
        assert_eq!(l.check(at("an", "10.0.0.1"), 50, T0 + Duration::minutes(5)), Err(11));
        assert_eq!(l.check(at("an", "10.0.0.9"), 50, T0 + Duration::minutes(5)), Err(11), "from elsewhere too");
        assert!(l.check(at("binh", "10.0.0.1"), 50, T0 + Duration::minutes(5)).is_ok(), "the address is not locked");
        assert!(l.check(at("an", "10.0.0.1"), 50, T0 + Duration::minutes(16)).is_ok());
    }

    #[test]
    fn an_address_is_locked_only_after_its_own_larger_budget() {
        let l = Limiter::new(5, 15);
        for i in 0..49 {
            let login = format!("user{i}");
            l.failed(at(&login, "10.0.0.1"), T0);
        }
        assert!(l.check(at("an", "10.0.0.1"), 50, T0).is_ok(), "49 failures of many logins");
        l.failed(Attempt { login: None, address: "10.0.0.1" }, T0);
        assert_eq!(l.check(at("an", "10.0.0.1"), 50, T0 + Duration::minutes(1)), Err(15));
        assert!(l.check(at("an", "10.0.0.2"), 50, T0 + Duration::minutes(1)).is_ok());
    }

    #[test]
    fn success_clears_the_login_and_stale_keys_are_dropped() {
        let l = Limiter::new(2, 15);
        l.failed(at("an", "a"), T0);
        l.failed(at("an", "a"), T0);
        assert!(l.check(at("an", "a"), 50, T0).is_err());
        l.succeeded("an");
        assert!(l.check(at("an", "a"), 50, T0).is_ok());
        for i in 0..=PRUNE_ABOVE {
            let address = i.to_string();
            l.failed(at("x", &address), T0);
        }
        l.failed(at("an", "b"), T0 + Duration::minutes(20));
        assert!(l.addresses.lock().unwrap().0.len() < 10, "the old addresses went");
    }
}
