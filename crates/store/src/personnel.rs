//! The staff registry (schema 0022_personnel): people with their unit, title, rank, dates,
//! status and optional login (`thads_core::personnel`), the posts each unit is allowed, and the
//! one-pass aggregate of the officers' workload over the cases table. Checking a person is
//! domain work above the store.

use std::collections::BTreeMap;

use thads_core::personnel::{Person, PersonFacts, PersonId, Quota, Rank, Status};
use thads_core::{StaffId, UnitId};
use time::Date;

use crate::{StoreError, StoreResult};

/// The columns of `personnel`, in the order the backends read a `Person`.
pub const PERSON_COLUMNS: &str =
    "id, unit_id, full_name, title, rank, appointed_on, term_ends_on, staff_id, status, ended_on";

/// The case states counted as in hand (not closed), for the workload's SQL.
pub const OPEN_STATES: &str = "('opened', 'with_means', 'without_means', 'postponed', 'suspended')";

/// One officer's cases in one unit, counted in one pass over the cases table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkloadTally {
    pub unit: UnitId,
    /// `None`: cases no officer is assigned to.
    pub officer: Option<StaffId>,
    /// Open cases (not closed).
    pub in_hand: u64,
    /// Of those, có điều kiện thi hành.
    pub with_means: u64,
    /// Of those, chưa có điều kiện thi hành.
    pub without_means: u64,
    /// What the open cases still owe, in đồng.
    pub outstanding: i128,
    /// Closed as thi hành xong.
    pub completed: u64,
    /// Closed as đình chỉ.
    pub terminated: u64,
}

/// Reading the registry.
pub trait Personnel {
    /// The people of `units` (every one when `None`), ended ones too, by id.
    fn people(&self, units: Option<&[UnitId]>) -> StoreResult<Vec<Person>>;
    fn person(&self, id: PersonId) -> StoreResult<Option<Person>>;
    /// Every unit's posts, by unit.
    fn quotas(&self) -> StoreResult<Vec<Quota>>;
    /// The officers' workload in `units` (every unit when `None`), one row per unit and
    /// officer: one aggregate query, whatever the number of officers.
    fn workload(&self, units: Option<&[UnitId]>) -> StoreResult<Vec<WorkloadTally>>;
}

/// Writing the registry, in a transaction.
pub trait PersonnelTx {
    /// The person as this transaction sees them, locked against concurrent changes.
    fn person_for_update(&mut self, id: PersonId) -> StoreResult<Option<Person>>;
    /// Inserts an active person; `Duplicate` when their login is another active person's,
    /// `Invalid` when the unit or login does not exist.
    fn insert_person(&mut self, facts: &PersonFacts) -> StoreResult<PersonId>;
    /// Replaces a person's facts, status and end; `NotFound` if there is none.
    fn update_person(&mut self, person: &Person) -> StoreResult<()>;
    /// Sets a unit's posts, replacing them; returns the previous ones.
    fn set_quota(&mut self, quota: &Quota) -> StoreResult<Option<Quota>>;
}

/// The stored columns of one person, as both backends read them (dates already converted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonColumns {
    pub id: i64,
    pub unit_id: i64,
    pub full_name: String,
    pub title: String,
    pub rank: String,
    pub appointed_on: Option<Date>,
    pub term_ends_on: Option<Date>,
    pub staff_id: Option<i64>,
    pub status: String,
    pub ended_on: Option<Date>,
}

impl PersonColumns {
    /// The person these columns hold; a code that does not parse is corrupt data.
    pub fn into_person(self) -> StoreResult<Person> {
        let rank = Rank::parse(&self.rank).map_err(|_| StoreError::corrupt("personnel.rank", &self.rank))?;
        let status =
            Status::parse(&self.status).ok_or_else(|| StoreError::corrupt("personnel.status", &self.status))?;
        Ok(Person {
            id: PersonId(self.id),
            facts: PersonFacts {
                unit: UnitId(self.unit_id),
                full_name: self.full_name,
                title: self.title,
                rank,
                appointed_on: self.appointed_on,
                term_ends_on: self.term_ends_on,
                staff: self.staff_id.map(StaffId),
            },
            status,
            ended_on: self.ended_on,
        })
    }
}

/// The quotas of rows `(unit, rank or none for the total, posts)`, by unit.
pub fn quotas_of(rows: Vec<(i64, Option<String>, i64)>) -> StoreResult<Vec<Quota>> {
    let mut by_unit: BTreeMap<i64, Quota> = BTreeMap::new();
    for (unit, rank, posts) in rows {
        let posts = u32::try_from(posts).map_err(|_| StoreError::corrupt("staff_posts.posts", posts))?;
        let q = by_unit.entry(unit).or_insert_with(|| Quota { unit: UnitId(unit), total: 0, by_rank: BTreeMap::new() });
        match rank {
            None => q.total = posts,
            Some(code) => {
                let r = Rank::parse(&code).map_err(|_| StoreError::corrupt("staff_rank_posts.rank", &code))?;
                q.by_rank.insert(r, posts);
            }
        }
    }
    Ok(by_unit.into_values().collect())
}

/// The workload query over `units` (all when `None`): unit ids are numbers, written into the
/// text (no user text reaches it).
pub fn workload_sql(units: Option<&[UnitId]>) -> String {
    let filter = match units {
        None => String::new(),
        Some([]) => "where unit_id in (null)".to_string(),
        Some(list) => {
            let ids: Vec<String> = list.iter().map(|u| u.0.to_string()).collect();
            format!("where unit_id in ({})", ids.join(", "))
        }
    };
    format!(
        "select unit_id, officer_id,
            cast(sum(case when state in {OPEN_STATES} then 1 else 0 end) as bigint),
            cast(sum(case when state = 'with_means' then 1 else 0 end) as bigint),
            cast(sum(case when state = 'without_means' then 1 else 0 end) as bigint),
            cast(sum(case when state in {OPEN_STATES} then outstanding else 0 end) as bigint),
            cast(sum(case when state = 'completed' then 1 else 0 end) as bigint),
            cast(sum(case when state = 'terminated' then 1 else 0 end) as bigint)
         from cases {filter} group by unit_id, officer_id order by unit_id, officer_id"
    )
}

/// A workload row from its eight columns.
pub fn tally_of(unit: i64, officer: Option<i64>, counts: [i64; 6]) -> StoreResult<WorkloadTally> {
    let n = |v: i64| u64::try_from(v).map_err(|_| StoreError::corrupt("workload count", v));
    Ok(WorkloadTally {
        unit: UnitId(unit),
        officer: officer.map(StaffId),
        in_hand: n(counts[0])?,
        with_means: n(counts[1])?,
        without_means: n(counts[2])?,
        outstanding: i128::from(counts[3]),
        completed: n(counts[4])?,
        terminated: n(counts[5])?,
    })
}
