//! What every handler shares: the store, the rules, the settings, the statistics engine, a
//! cached directory of units and staff, and the clock (a parameter, so that tests fix "today").
//! What is kept of the reference data (units, staff, targets) follows changes made by other
//! processes through the store's reference generation.
//!
//! What one room alone keeps between requests (the sign-in limiter of accounts, the import
//! jobs, the dashboards' figures) is a *part*, held here by its type without this module
//! knowing it (`AppState::part`): the rooms depend on the state, never the other way round, and
//! a new room's part needs no change here.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use thads_core::deadlines::DeadlineRules;
use thads_core::{Role, Rules, Staff, StaffId, UnitTree};
use thads_store::Store;
use time::{Date, OffsetDateTime};

use crate::config::WebConfig;
use crate::engine::StatsEngine;
use crate::error::WebError;

/// Units and staff, read at start and again when the reference data changed (or someone
/// unknown signs in).
#[derive(Debug)]
pub struct Directory {
    pub units: UnitTree,
    pub staff: HashMap<StaffId, Staff>,
    /// Staff by login, for lists that name people by login (deadlines, audit).
    logins: HashMap<String, StaffId>,
    /// Active officers and heads by their unit: who may be assigned a case there
    /// (`assignable`, on every case page an administrator or head opens).
    assignable_by_unit: HashMap<thads_core::UnitId, Vec<StaffId>>,
}

impl Directory {
    fn load(store: &dyn Store) -> Result<Directory, WebError> {
        let units = UnitTree::new(store.units()?);
        let staff: HashMap<StaffId, Staff> = store.staff()?.into_iter().map(|s| (s.id, s)).collect();
        let logins = staff.values().map(|s| (s.login.to_string(), s.id)).collect();
        let mut assignable_by_unit: HashMap<thads_core::UnitId, Vec<StaffId>> = HashMap::new();
        for s in staff.values().filter(|s| s.active && matches!(s.role, Role::Officer | Role::Head)) {
            assignable_by_unit.entry(s.unit).or_default().push(s.id);
        }
        Ok(Directory { units, staff, logins, assignable_by_unit })
    }

    pub fn staff_name(&self, id: Option<StaffId>) -> String {
        id.and_then(|id| self.staff.get(&id)).map(|s| s.full_name.clone()).unwrap_or_else(|| "–".into())
    }

    /// The full name of the person with `login`, or the login itself when unknown.
    pub fn staff_name_of(&self, login: &str) -> String {
        self.logins
            .get(login)
            .and_then(|id| self.staff.get(id))
            .map_or_else(|| login.to_string(), |s| s.full_name.clone())
    }

    /// The person with `login`, if known.
    pub fn staff_by_login(&self, login: &str) -> Option<&Staff> {
        self.logins.get(login).and_then(|id| self.staff.get(id))
    }

    /// Who may be assigned a case of `unit`: active officers and heads of the unit or a unit
    /// above it, by name.
    pub fn assignable(&self, unit: thads_core::UnitId) -> Vec<&Staff> {
        let mut out: Vec<&Staff> = (self.units.covering(unit).iter())
            .filter_map(|u| self.assignable_by_unit.get(u))
            .flatten()
            .filter_map(|id| self.staff.get(id))
            .collect();
        out.sort_by(|a, b| a.full_name.cmp(&b.full_name).then(a.id.cmp(&b.id)));
        out
    }

    pub fn unit_label(&self, id: thads_core::UnitId) -> String {
        self.units.get(id).map(|u| format!("{} — {}", u.code, u.name)).unwrap_or_else(|| "–".into())
    }

    /// The units of `of`'s scope a reader may narrow a list to, by code, `chosen` selected.
    pub fn unit_options(&self, of: thads_core::UnitId, chosen: thads_core::UnitId) -> Vec<UnitOption> {
        let mut units: Vec<_> = self.units.all().iter().filter(|u| self.units.covers(of, u.id)).collect();
        units.sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
        units
            .into_iter()
            .map(|u| UnitOption {
                code: u.code.to_string(),
                label: format!("{} — {}", u.code, u.name),
                selected: u.id == chosen,
            })
            .collect()
    }
}

/// A unit the reader may narrow a list to (`Directory::unit_options`).
pub struct UnitOption {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

pub type Now = Box<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// The rooms' parts, one per type.
type Parts = RwLock<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>;

pub struct Inner {
    pub store: Arc<dyn Store>,
    pub rules: Rules,
    /// The built-in deadline rules, for their names and citations in both languages.
    pub deadline_rules: DeadlineRules,
    pub config: WebConfig,
    pub engine: StatsEngine,
    parts: Parts,
    directory: RwLock<Arc<Directory>>,
    /// The store's reference generation that the directory and the statistics' units and
    /// targets reflect (at least).
    reference: AtomicI64,
    /// One reload of the reference data at a time.
    reloading: Mutex<()>,
    /// Store work running at once: more than the cores and the connection pool can serve only
    /// queues inside the database and opens connections with cold caches.
    workers: tokio::sync::Semaphore,
    now: Now,
}

/// Cheap to clone: one `Arc`.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Reads the units, staff, ledger and targets of `store`; time is the system clock.
    pub async fn load(store: Arc<dyn Store>, config: WebConfig) -> Result<AppState, WebError> {
        AppState::load_with_clock(store, config, Box::new(OffsetDateTime::now_utc)).await
    }

    /// As `load`, with the clock `now`. The reading runs on the blocking pool, as all store work
    /// of the server does: the store is synchronous, and PostgreSQL's client runs a runtime of its
    /// own, which panics on a thread of the server's.
    pub async fn load_with_clock(store: Arc<dyn Store>, config: WebConfig, now: Now) -> Result<AppState, WebError> {
        tokio::task::spawn_blocking(move || AppState::read(store, config, now)).await.map_err(WebError::internal)?
    }

    fn read(store: Arc<dyn Store>, config: WebConfig, now: Now) -> Result<AppState, WebError> {
        // Read first: a change committed while loading only makes the data newer than the number.
        let reference = AtomicI64::new(store.reference_generation()?);
        let loaded = Directory::load(store.as_ref())?;
        let rules = Rules::default();
        let engine = StatsEngine::load(store.as_ref(), &rules)?;
        let directory = RwLock::new(Arc::new(loaded));
        let workers = tokio::sync::Semaphore::new(config.workers as usize);
        let deadline_rules = DeadlineRules::default();
        let inner = Inner {
            store,
            rules,
            deadline_rules,
            config,
            engine,
            parts: Parts::default(),
            directory,
            reference,
            reloading: Mutex::new(()),
            workers,
            now,
        };
        Ok(AppState(Arc::new(inner)))
    }

    pub fn now(&self) -> OffsetDateTime {
        (self.now)()
    }

    /// Today in Vietnam.
    pub fn today(&self) -> Date {
        thads_app::clock::vietnam_date(self.now())
    }

    pub fn directory(&self) -> Arc<Directory> {
        match self.directory.read() {
            Ok(d) => Arc::clone(&d),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Re-reads units and staff (after someone new signs in, or an import).
    pub fn reload_directory(&self) -> Result<(), WebError> {
        let fresh = Arc::new(Directory::load(self.store.as_ref())?);
        match self.directory.write() {
            Ok(mut d) => *d = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(())
    }

    /// The part of type `T` that a room keeps between requests, made by `make` the first time it
    /// is asked for and kept as long as the server runs.
    pub fn part<T: Any + Send + Sync>(&self, make: impl FnOnce(&AppState) -> T) -> Arc<T> {
        let key = TypeId::of::<T>();
        let stored = |parts: &HashMap<TypeId, Arc<dyn Any + Send + Sync>>| {
            parts.get(&key).and_then(|p| Arc::clone(p).downcast::<T>().ok())
        };
        if let Some(part) = stored(&self.parts.read().unwrap_or_else(PoisonError::into_inner)) {
            return part;
        }
        // Made outside the lock, since `make` may ask for another part; of two made at once,
        // the first one stored is the one everybody gets.
        let made = Arc::new(make(self));
        let mut parts = self.parts.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(first) = stored(&parts) {
            return first;
        }
        parts.insert(key, Arc::clone(&made) as Arc<dyn Any + Send + Sync>);
        made
    }

    /// How long computed report figures may still be shown after a write moved the ledger
    /// (`THADS_REPORT_MAX_AGE_MS`).
    pub fn report_max_age(&self) -> std::time::Duration {
        std::time::Duration::from_millis(u64::from(self.config.report_max_age_ms))
    }

    /// The store's reference generation that the directory and the statistics engine reflect
    /// at least: what a room computes from them may be kept for that generation.
    pub fn reference(&self) -> i64 {
        self.reference.load(Ordering::SeqCst)
    }

    /// Brings what the server keeps of units, staff and targets up to date if another process
    /// (the command line, another server, an import) changed them: one read of a number when
    /// nothing changed; otherwise the directory and the statistics engine (its unit tree and
    /// targets) are read again, and what the rooms kept for the old generation (dashboards) is
    /// computed afresh when next asked for. Returns whether it reloaded.
    pub fn follow_reference(&self) -> Result<bool, WebError> {
        if self.store.reference_generation()? == self.reference.load(Ordering::SeqCst) {
            return Ok(false);
        }
        let _alone = self.reloading.lock().unwrap_or_else(PoisonError::into_inner);
        // Read before reloading: a change committed meanwhile is reloaded at the next check.
        let stored = self.store.reference_generation()?;
        if stored == self.reference.load(Ordering::SeqCst) {
            return Ok(false);
        }
        self.reload_directory()?;
        self.engine.refresh(self.store.as_ref(), &self.rules, true)?;
        self.reference.store(stored, Ordering::SeqCst);
        Ok(true)
    }

    /// After an import made here: units, staff and targets may be new (cases alone move the
    /// ledger generation, which the statistics follow by themselves).
    pub fn after_import(&self) -> Result<(), WebError> {
        self.follow_reference().map(drop)
    }

    /// Runs a lookup by key (a session, a case): on the embedded database it takes microseconds,
    /// less than handing it to another thread and back, so it runs here; a networked database
    /// waits on the network, which must not stall the request threads, so it goes to the pool.
    pub async fn lookup<T, F>(&self, work: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&AppState) -> Result<T, WebError> + Send + 'static,
    {
        if self.store.backend() == "sqlite" { work(self) } else { self.blocking(work).await }
    }

    /// Runs store work on the blocking pool: the store is synchronous.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&AppState) -> Result<T, WebError> + Send + 'static,
    {
        let _permit = self.workers.acquire().await.map_err(WebError::internal)?;
        let state = self.clone();
        // What the work logs carries the request's id.
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || span.in_scope(|| work(&state))).await.map_err(WebError::internal)?
    }
}
