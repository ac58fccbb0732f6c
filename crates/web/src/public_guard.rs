//! The public site's guard against guessing, shared by the portal's case lookups and the
//! online requests' status lookups (a module of its own, below both).
//!
//! Failed lookups counted per client address and per case asked for (unit and decision number,
//! whether the case exists or not, so the limit tells nothing either): past the limit within
//! the window, every lookup of that address or case is refused with 429, the right code too,
//! until the window has passed. Kept in memory (a part of the state): a restart forgets it,
//! which an attacker cannot cause from outside.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::HeaderMap;

use crate::state::AppState;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed per address in the window (an office or a mobile carrier shares one).
pub const PER_ADDRESS: usize = 20;
/// Failures allowed per case in the window.
pub const PER_CASE: usize = 10;
/// The window.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Keys kept at most; beyond, the oldest entries are dropped first.
const MAX_KEYS: usize = 100_000;

#[derive(Default)]
pub struct Limiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl Limiter {
    fn recent(list: &mut Vec<Instant>, now: Instant) -> usize {
        list.retain(|t| now.duration_since(*t) < WINDOW);
        list.len()
    }

    /// Seconds to wait when `address` or `case` is over its limit.
    pub fn blocked(&self, address: &str, case: &str, now: Instant) -> Option<u64> {
        let mut map = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut wait = None;
        for (key, limit) in [(format!("a:{address}"), PER_ADDRESS), (format!("c:{case}"), PER_CASE)] {
            if let Some(list) = map.get_mut(&key)
                && Self::recent(list, now) >= limit
            {
                let oldest = list.first().copied().unwrap_or(now);
                let left = WINDOW.saturating_sub(now.duration_since(oldest)).as_secs().max(1);
                wait = Some(wait.map_or(left, |w: u64| w.max(left)));
            }
        }
        wait
    }

    /// Counts a failure of `address` on `case`.
    pub fn failed(&self, address: &str, case: &str, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() >= MAX_KEYS {
            map.retain(|_, list| list.last().is_some_and(|t| now.duration_since(*t) < WINDOW));
        }
        for key in [format!("a:{address}"), format!("c:{case}")] {
            map.entry(key).or_default().push(now);
        }
    }
}

/// The connecting socket's address, when the server was started with it.
pub struct Peer(pub Option<SocketAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Peer(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0)))
    }
}

/// The client's address (the peer's, or the one a trusted proxy names), for the limiter.
pub fn client(state: &AppState, peer: &Peer, headers: &HeaderMap) -> String {
    crate::accounts::client_address(peer.0.map(|p| p.ip()), headers, &state.config.trusted_proxies)
}

/// The one limiter of the public site: case lookups and requests' status lookups alike.
pub fn limiter(state: &AppState) -> std::sync::Arc<Limiter> {
    state.part(|_| Limiter::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_and_a_case_are_limited_separately() {
        let limiter = Limiter::default();
        let t = Instant::now();
        for i in 0..PER_CASE {
            assert_eq!(limiter.blocked("1.2.3.4", "KV1|1", t), None, "failure {i}");
            limiter.failed("1.2.3.4", "KV1|1", t);
        }
        assert!(limiter.blocked("1.2.3.4", "KV1|1", t).is_some(), "the case");
        assert!(limiter.blocked("5.6.7.8", "KV1|1", t).is_some(), "the case from anywhere");
        assert_eq!(limiter.blocked("5.6.7.8", "KV1|2", t), None);
        for n in 0..PER_ADDRESS {
            limiter.failed("9.9.9.9", &format!("KV1|{n}x"), t);
        }
        assert!(limiter.blocked("9.9.9.9", "KV1|new", t).is_some(), "the address on any case");
        assert_eq!(limiter.blocked("9.9.9.9", "KV1|new", t + WINDOW), None, "after the window");
    }
}
