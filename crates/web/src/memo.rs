//! Results worth keeping between requests (a national dashboard costs a second of database and
//! engine work), each kept with the version of the data it was computed from and recomputed
//! when that version moves. One computation per key at a time: readers of a key that is being
//! computed wait for it instead of computing it again, or, where an age is allowed
//! (`get_within`), are given the value it replaces.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::{Duration, Instant};

/// At most this many keys by default; past it the memo starts afresh (keys are unit × period ×
/// day, so this only happens over days of use).
const MAX_KEYS: usize = 1024;

/// A key's value (the version it was computed from, when, and the value) and the lock of its
/// computation, taken apart so that a value can be read while the next one is computed.
struct Slot<Ver, V> {
    held: Mutex<Option<(Ver, Instant, Arc<V>)>>,
    computing: Mutex<()>,
}

impl<Ver, V> Default for Slot<Ver, V> {
    fn default() -> Self {
        Slot { held: Mutex::new(None), computing: Mutex::new(()) }
    }
}

impl<Ver: PartialEq + Clone, V> Slot<Ver, V> {
    /// The value held if it is good for `version` at `now` (its own version, or younger than
    /// `max_age`).
    fn good(&self, version: &Ver, max_age: Duration, now: Instant) -> Option<Arc<V>> {
        let held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        let (v, at, value) = held.as_ref()?;
        (v == version || now.saturating_duration_since(*at) < max_age).then(|| Arc::clone(value))
    }

    /// Whatever value is held, of any version and age.
    fn any(&self) -> Option<Arc<V>> {
        self.held.lock().unwrap_or_else(PoisonError::into_inner).as_ref().map(|(_, _, value)| Arc::clone(value))
    }

    fn keep(&self, version: &Ver, now: Instant, value: &Arc<V>) {
        *self.held.lock().unwrap_or_else(PoisonError::into_inner) = Some((version.clone(), now, Arc::clone(value)));
    }
}

pub struct Memo<K, Ver, V> {
    slots: Mutex<HashMap<K, Arc<Slot<Ver, V>>>>,
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
    /// Past that age, while one reader computes the new value the others are given the old one
    /// rather than wait (so a value may be older than `max_age` by one computation); with no age
    /// (`Duration::ZERO`) every reader waits for the value of its version.
    pub fn get_within<E>(
        &self,
        key: &K,
        version: &Ver,
        max_age: Duration,
        now: Instant,
        compute: impl FnOnce() -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        let slot = self.slot(key);
        if let Some(value) = slot.good(version, max_age, now) {
            return Ok(value);
        }
        let _computing = match slot.computing.try_lock() {
            Ok(guard) => guard,
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => {
                if !max_age.is_zero()
                    && let Some(old) = slot.any()
                {
                    return Ok(old);
                }
                wait(&slot.computing)
            }
        };
        // Computed by another reader while this one waited?
        if let Some(value) = slot.good(version, max_age, now) {
            return Ok(value);
        }
        let value = Arc::new(compute()?);
        slot.keep(version, now, &value);
        Ok(value)
    }

    /// The value of `key` if one younger than `max_age` at `now` is held, of whatever version;
    /// never with no age. What `get_within` would give for any version, found without first
    /// reading the version (a reader of kept figures then asks nothing of the store or the
    /// statistics engine).
    pub fn young(&self, key: &K, max_age: Duration, now: Instant) -> Option<Arc<V>> {
        if max_age.is_zero() {
            return None;
        }
        let slot = self.slots.lock().unwrap_or_else(PoisonError::into_inner).get(key).cloned()?;
        let held = slot.held.lock().unwrap_or_else(PoisonError::into_inner);
        let (_, at, value) = held.as_ref()?;
        (now.saturating_duration_since(*at) < max_age).then(|| Arc::clone(value))
    }

    fn slot(&self, key: &K) -> Arc<Slot<Ver, V>> {
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

fn wait(computing: &Mutex<()>) -> MutexGuard<'_, ()> {
    computing.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_young_value_is_found_whatever_its_version_an_old_one_or_no_age_not() {
        let memo: Memo<u8, i64, &str> = Memo::default();
        let start = Instant::now();
        let age = Duration::from_secs(1);
        assert!(memo.young(&1, age, start).is_none(), "nothing held yet");
        memo.get_within(&1, &7, age, start, || Ok::<_, ()>("seven")).unwrap();
        assert_eq!(memo.young(&1, age, start + Duration::from_millis(999)).as_deref(), Some(&"seven"));
        assert!(memo.young(&1, age, start + age).is_none(), "as old as the age allowed");
        assert!(memo.young(&1, Duration::ZERO, start).is_none(), "no age: every reader reads its version");
        assert!(memo.young(&2, age, start).is_none(), "another key");
    }

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
    fn past_the_age_readers_are_given_the_old_value_while_one_computes() {
        use std::sync::mpsc::channel;
        let memo: Memo<u8, i64, String> = Memo::default();
        let (age, start) = (Duration::from_millis(1000), Instant::now());
        let late = start + Duration::from_millis(1500);
        memo.get_within(&1, &1, age, start, || Ok::<_, ()>("v1".to_string())).unwrap();
        let ((started, has_started), (go, wait_to_go)) = (channel(), channel::<()>());
        let memo = &memo;
        std::thread::scope(|s| {
            let slow = s.spawn(move || {
                memo.get_within(&1, &2, age, late, || {
                    started.send(()).unwrap();
                    wait_to_go.recv().unwrap();
                    Ok::<_, ()>("v2".to_string())
                })
            });
            has_started.recv().unwrap();
            let meanwhile = memo.get_within(&1, &2, age, late, || Ok::<_, ()>("computed twice".to_string()));
            assert_eq!(*meanwhile.unwrap(), "v1", "the old value, not a second computation nor a wait");
            go.send(()).unwrap();
            assert_eq!(*slow.join().unwrap().unwrap(), "v2");
        });
        assert_eq!(*memo.get_within(&1, &2, age, late, || Ok::<_, ()>("again".to_string())).unwrap(), "v2");
    }

    #[test]
    fn without_an_age_readers_wait_for_the_value_of_their_version() {
        use std::sync::mpsc::channel;
        let memo: Memo<u8, i64, String> = Memo::default();
        memo.get(&1, &1, || Ok::<_, ()>("v1".to_string())).unwrap();
        let ((started, has_started), (go, wait_to_go)) = (channel(), channel::<()>());
        let memo = &memo;
        std::thread::scope(|s| {
            let slow = s.spawn(move || {
                memo.get(&1, &2, || {
                    started.send(()).unwrap();
                    wait_to_go.recv().unwrap();
                    Ok::<_, ()>("v2".to_string())
                })
            });
            has_started.recv().unwrap();
            let waiting = s.spawn(move || memo.get(&1, &2, || Ok::<_, ()>("computed twice".to_string())));
            std::thread::sleep(Duration::from_millis(50));
            assert!(!waiting.is_finished(), "it waits for the computation under way");
            go.send(()).unwrap();
            assert_eq!(*slow.join().unwrap().unwrap(), "v2");
            assert_eq!(*waiting.join().unwrap().unwrap(), "v2", "the value computed for its version");
        });
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
