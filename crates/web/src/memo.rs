//! Results worth keeping between requests (a national dashboard costs a second of database and
//! engine work), each kept with the version of the data it was computed from and recomputed
//! when that version moves. One computation per key at a time: readers of a key that is being
//! computed wait for it instead of computing it again.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// At most this many keys by default; past it the memo starts afresh (keys are unit × period ×
/// day, so this only happens over days of use).
const MAX_KEYS: usize = 1024;

/// A key's value: the version it was computed from, when, and the value.
type Slot<Ver, V> = Arc<Mutex<Option<(Ver, Instant, Arc<V>)>>>;

pub struct Memo<K, Ver, V> {
    slots: Mutex<HashMap<K, Slot<Ver, V>>>,
    max_keys: usize,
}

impl<K, Ver, V> Default for Memo<K, Ver, V> {
    fn default() -> Self {
        Memo::with_max_keys(MAX_KEYS)
    }
}

impl<K, Ver, V> Memo<K, Ver, V> {
    /// A memo of at most `max_keys` keys (values of megabytes keep fewer).
    pub fn with_max_keys(max_keys: usize) -> Self {
        Memo { slots: Mutex::new(HashMap::new()), max_keys: max_keys.max(1) }
    }
}

impl<K: Hash + Eq + Clone, Ver: PartialEq + Clone, V> Memo<K, Ver, V> {
    /// The value of `key` computed from data at `version`, computing it if needed.
    pub fn get<E>(&self, key: &K, version: &Ver, compute: impl FnOnce() -> Result<V, E>) -> Result<Arc<V>, E> {
        self.get_within(key, version, Duration::ZERO, Instant::now(), compute)
    }

    /// As `get`, but a value computed from an older version is still good while it is younger
    /// than `max_age` at `now`: under a stream of writes, one computation per key in that time.
    pub fn get_within<E>(
        &self,
        key: &K,
        version: &Ver,
        max_age: Duration,
        now: Instant,
        compute: impl FnOnce() -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        let slot = self.slot(key);
        let mut held = match slot.lock() {
            Ok(held) => held,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some((v, at, value)) = held.as_ref()
            && (v == version || now.saturating_duration_since(*at) < max_age)
        {
            return Ok(Arc::clone(value));
        }
        let value = Arc::new(compute()?);
        *held = Some((version.clone(), now, Arc::clone(&value)));
        Ok(value)
    }

    fn slot(&self, key: &K) -> Slot<Ver, V> {
        let mut slots = match self.slots.lock() {
            Ok(slots) => slots,
            Err(poisoned) => poisoned.into_inner(),
        };
        if slots.len() >= self.max_keys && !slots.contains_key(key) {
            slots.clear();
        }
        Arc::clone(slots.entry(key.clone()).or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_version() {
        let memo: Memo<u8, i64, String> = Memo::default();
        let calls = std::cell::Cell::new(0);
        let get = |version: i64| {
            memo.get(&1, &version, || {
                calls.set(calls.get() + 1);
                Ok::<_, ()>(format!("v{version}"))
            })
            .unwrap()
        };
        assert_eq!(*get(1), "v1");
        assert_eq!(*get(1), "v1");
        assert_eq!(*get(2), "v2");
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn an_older_version_serves_while_younger_than_the_age() {
        let memo: Memo<u8, i64, String> = Memo::default();
        let calls = std::cell::Cell::new(0);
        let start = Instant::now();
        let get = |version: i64, after_ms: u64| {
            let now = start + Duration::from_millis(after_ms);
            memo.get_within(&1, &version, Duration::from_millis(1000), now, || {
                calls.set(calls.get() + 1);
                Ok::<_, ()>(format!("v{version}"))
            })
            .unwrap()
        };
        assert_eq!(*get(1, 0), "v1");
        assert_eq!(*get(2, 999), "v1", "version 2 within the age: the value of version 1");
        assert_eq!(*get(3, 1000), "v3", "past the age: computed again");
        assert_eq!(*get(4, 1500), "v3");
        assert_eq!(*get(3, 2100), "v3", "its own version, whatever the age");
        assert_eq!(calls.get(), 2);
        let plain = |version: i64| memo.get(&1, &version, || Ok::<_, ()>(format!("v{version}"))).unwrap();
        assert_eq!(*plain(5), "v5", "no age: every new version is computed");
    }

    #[test]
    fn starts_afresh_past_its_keys() {
        let memo: Memo<u8, i64, u8> = Memo::with_max_keys(2);
        let calls = std::cell::Cell::new(0);
        let get = |key: u8| {
            memo.get(&key, &0, || {
                calls.set(calls.get() + 1);
                Ok::<_, ()>(key)
            })
            .unwrap()
        };
        get(1);
        get(2);
        get(1);
        assert_eq!(calls.get(), 2, "both keys kept");
        get(3);
        get(1);
        assert_eq!(calls.get(), 4, "a third key cleared the first two");
    }
}
