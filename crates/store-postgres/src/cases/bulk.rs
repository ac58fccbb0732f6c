//! Many cases at once: inserted by binary COPY with ids reserved from their sequence first (so
//! the ids returned are in input order), updated by `unnest` of parameter arrays, one
//! statement per chunk.

use std::collections::{HashMap, HashSet};

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use thads_core::CaseId;
use thads_store::{CASE_INSERT_COLUMNS, CaseUpdate, NewCase, StoreError, StoreResult};

use super::{case_no_taken, event_count};
use crate::convert::get;
use crate::error::constraint;
use crate::tx::{CHUNK, PgTx};

const CASE_TYPES: &[Type] = &[
    Type::INT8,
    Type::INT8,
    Type::TEXT,
    Type::DATE,
    Type::TEXT,
    Type::BOOL,
    Type::TEXT,
    Type::INT2,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::INT8,
    Type::INT8,
    Type::DATE,
    Type::INT4,
    Type::INT8,
    Type::INT8,
];

pub fn copy_cases(tx: &mut PgTx<'_>, cases: &[NewCase]) -> StoreResult<Vec<CaseId>> {
    let mut seen = HashSet::with_capacity(cases.len());
    if let Some(dup) = cases.iter().find(|c| !seen.insert((c.facts.unit, c.facts.case_no.as_str()))) {
        return Err(StoreError::Duplicate(case_no_taken(dup)));
    }
    tx.defer_indexes()?;
    let ids = tx.reserve_ids("cases_id_seq", cases.len())?;
    // The search words are written by the insert trigger into `case_words` (schema 30); on a
    // first load their GIN index is built at the end (`defer_indexes`), otherwise each case's
    // words go straight into it (`fastupdate` off since schema 29: a pending list had to be
    // read in full by every search).
    // Numbers already taken are looked up first, so that the usual refusal names the case and
    // leaves the transaction usable. The COPY then runs without a savepoint: in a
    // subtransaction, each row's foreign-key check locks its unit and officer rows again as a
    // multixact, and looking those up made an import of a million cases CPU-bound in the
    // server for minutes. A number taken by a concurrent writer in between still fails the
    // COPY as a `Duplicate` (the transaction is then aborted and rolled back by the caller).
    if let Some(taken) = first_taken(tx, cases)? {
        return Err(StoreError::Duplicate(case_no_taken(taken)));
    }
    let sql = format!("copy cases (id, {CASE_INSERT_COLUMNS}) from stdin (format binary)");
    tx.with(|c| {
        let mut writer = BinaryCopyInWriter::new(c.client.copy_in(&sql)?, CASE_TYPES);
        for (id, case) in ids.iter().zip(cases) {
            write_case(&mut writer, *id, case)?;
        }
        writer.finish()
    })
    .map_err(constraint(|| "số quyết định / case number".to_string()))?;
    Ok(ids.into_iter().map(CaseId).collect())
}

fn write_case(w: &mut BinaryCopyInWriter, id: i64, c: &NewCase) -> Result<(), postgres::Error> {
    let f = &c.facts;
    w.write(&[
        &id,
        &f.unit.0,
        &f.case_no.as_str(),
        &f.accepted_on,
        &f.origin.code(),
        &f.received_by_delegation,
        &f.judgment_type.code(),
        &i16::from(f.categories.bits()),
        &f.amount.dong(),
        &f.debtor,
        &f.creditor,
        &f.officer.map(|o| o.0),
        &f.search_text(),
        &c.current.state.code(),
        &c.current.state.ground().map(|g| g.as_str()),
        &c.current.outstanding.dong(),
        &c.current.collected.dong(),
        &c.current.reduced.dong(),
        &c.last_event_on,
        &event_count(c.event_count),
        &1_i64,
        &c.batch,
    ])
}

/// The first case of `cases` whose number the database already has.
fn first_taken<'c>(tx: &mut PgTx<'_>, cases: &'c [NewCase]) -> StoreResult<Option<&'c NewCase>> {
    let units: Vec<i64> = cases.iter().map(|c| c.facts.unit.0).collect();
    let numbers: Vec<&str> = cases.iter().map(|c| c.facts.case_no.as_str()).collect();
    let rows = tx.query(
        "select k.i from unnest($1::bigint[], $2::text[]) with ordinality k(unit_id, case_no, i)
         join cases c on c.unit_id = k.unit_id and c.case_no = k.case_no order by k.i limit 1",
        &[&units, &numbers],
    )?;
    match rows.first() {
        Some(r) => Ok(usize::try_from(get::<i64>(r, 0)?).ok().and_then(|at| cases.get(at.saturating_sub(1)))),
        None => Ok(None),
    }
}

/// Many `update_case`s in one statement per chunk (the unnest of one array per column): an
/// import that moves a million cases sends a few hundred statements instead of a million, and
/// the statement-level triggers (cohorts) run once per chunk. Each case at most once per call
/// (otherwise they go one by one); the first one whose version moved is `Stale`.
pub fn update_cases(tx: &mut PgTx<'_>, updates: &[(CaseId, i64, &CaseUpdate)]) -> StoreResult<Vec<i64>> {
    let mut ids = HashSet::with_capacity(updates.len());
    if !updates.iter().all(|(id, _, _)| ids.insert(*id)) {
        return updates.iter().map(|(id, version, u)| super::update_case(tx, *id, *version, u)).collect();
    }
    if updates.len() > CHUNK {
        tx.roomy_work_mem()?;
    }
    let mut versions = Vec::with_capacity(updates.len());
    for chunk in updates.chunks(CHUNK) {
        versions.extend(update_chunk(tx, chunk)?);
    }
    Ok(versions)
}

fn update_chunk(tx: &mut PgTx<'_>, updates: &[(CaseId, i64, &CaseUpdate)]) -> StoreResult<Vec<i64>> {
    let mut new_versions = update_states(tx, updates)?;
    let rest: Vec<(CaseId, i64, &CaseUpdate)> =
        updates.iter().filter(|(id, _, _)| !new_versions.contains_key(&id.0)).copied().collect();
    if !rest.is_empty() {
        new_versions.extend(update_all_columns(tx, &rest)?);
    }
    updates
        .iter()
        .map(|(id, _, u)| {
            new_versions.get(&id.0).copied().ok_or_else(|| StoreError::Stale { case: u.facts.case_no.clone() })
        })
        .collect()
}

/// The parameter arrays of an update of cases, one per column: the key and the version, the
/// facts, the derived state and the search text.
struct UpdateColumns<'u> {
    id: Vec<i64>,
    version: Vec<i64>,
    unit: Vec<i64>,
    case_no: Vec<&'u str>,
    accepted: Vec<time::Date>,
    origin: Vec<&'static str>,
    delegated: Vec<bool>,
    judgment: Vec<&'static str>,
    categories: Vec<i16>,
    amount: Vec<i64>,
    debtor: Vec<&'u str>,
    creditor: Vec<&'u str>,
    officer: Vec<Option<i64>>,
    state: Vec<&'static str>,
    ground: Vec<Option<&'u str>>,
    outstanding: Vec<i64>,
    collected: Vec<i64>,
    reduced: Vec<i64>,
    last_event: Vec<Option<time::Date>>,
    events: Vec<i32>,
    search: Vec<String>,
}

impl<'u> UpdateColumns<'u> {
    fn of(updates: &[(CaseId, i64, &'u CaseUpdate)]) -> UpdateColumns<'u> {
        UpdateColumns {
            id: column(updates, |(id, _, _)| id.0),
            version: column(updates, |(_, version, _)| *version),
            unit: column(updates, |(_, _, u)| u.facts.unit.0),
            case_no: column(updates, |(_, _, u)| u.facts.case_no.as_str()),
            accepted: column(updates, |(_, _, u)| u.facts.accepted_on),
            origin: column(updates, |(_, _, u)| u.facts.origin.code()),
            delegated: column(updates, |(_, _, u)| u.facts.received_by_delegation),
            judgment: column(updates, |(_, _, u)| u.facts.judgment_type.code()),
            categories: column(updates, |(_, _, u)| i16::from(u.facts.categories.bits())),
            amount: column(updates, |(_, _, u)| u.facts.amount.dong()),
            debtor: column(updates, |(_, _, u)| u.facts.debtor.as_str()),
            creditor: column(updates, |(_, _, u)| u.facts.creditor.as_str()),
            officer: column(updates, |(_, _, u)| u.facts.officer.map(|o| o.0)),
            state: column(updates, |(_, _, u)| u.current.state.code()),
            ground: column(updates, |(_, _, u)| u.current.state.ground().map(|g| g.as_str())),
            outstanding: column(updates, |(_, _, u)| u.current.outstanding.dong()),
            collected: column(updates, |(_, _, u)| u.current.collected.dong()),
            reduced: column(updates, |(_, _, u)| u.current.reduced.dong()),
            last_event: column(updates, |(_, _, u)| u.last_event_on),
            events: column(updates, |(_, _, u)| event_count(u.event_count)),
            search: Vec::new(),
        }
    }

    /// `$1` to `$20`: the key, the version, the facts and the derived state.
    fn params(&self) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
        vec![
            &self.id,
            &self.version,
            &self.unit,
            &self.case_no,
            &self.accepted,
            &self.origin,
            &self.delegated,
            &self.judgment,
            &self.categories,
            &self.amount,
            &self.debtor,
            &self.creditor,
            &self.officer,
            &self.state,
            &self.ground,
            &self.outstanding,
            &self.collected,
            &self.reduced,
            &self.last_event,
            &self.events,
        ]
    }
}

/// The `unnest` of `UpdateColumns::params` (and `$21`, the search text, when `search`).
fn unnest_columns(search: bool) -> String {
    let (search_type, search_name) = if search { (", $21::text[]", ", search_text") } else { ("", "") };
    format!(
        "unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::date[], $6::text[], $7::boolean[],
                $8::text[], $9::smallint[], $10::bigint[], $11::text[], $12::text[], $13::bigint[],
                $14::text[], $15::text[], $16::bigint[], $17::bigint[], $18::bigint[], $19::date[], $20::int[]{search_type})
         as u(id, version, unit_id, case_no, accepted_on, origin, received_by_delegation, judgment_type,
              categories, amount, debtor, creditor, officer_id, state, state_ground,
              outstanding, collected, reduced, last_event_on, event_count{search_name})"
    )
}

/// Stores the new derived state of the cases whose stored facts equal the update's (new events
/// only, as a receipt or a distribution records them); returns their new versions. Only the
/// derived columns are set: `search_text` is not, so the words' trigger (schema 30) does not
/// fire. The others are left to `update_all_columns`.
fn update_states(tx: &mut PgTx<'_>, updates: &[(CaseId, i64, &CaseUpdate)]) -> StoreResult<HashMap<i64, i64>> {
    let c = UpdateColumns::of(updates);
    let sql = format!(
        "update cases c set state = u.state, state_ground = u.state_ground, outstanding = u.outstanding,
            collected = u.collected, reduced = u.reduced, last_event_on = u.last_event_on,
            event_count = u.event_count, version = c.version + 1
         from {}
         where c.id = u.id and c.version = u.version and c.unit_id = u.unit_id and c.case_no = u.case_no
            and c.accepted_on = u.accepted_on and c.origin = u.origin
            and c.received_by_delegation = u.received_by_delegation and c.judgment_type = u.judgment_type
            and c.categories = u.categories and c.amount = u.amount and c.debtor = u.debtor
            and c.creditor = u.creditor and c.officer_id is not distinct from u.officer_id
         returning c.id, c.version",
        unnest_columns(false)
    );
    let rows = tx.query(&sql, &c.params())?;
    rows.iter().map(|r| Ok((get::<i64>(r, 0)?, get::<i64>(r, 1)?))).collect()
}

/// One case's `update_states` (a receipt, an event recorded by hand): its new version, or
/// `None` when its facts changed or its version moved (the caller's full update decides).
pub fn update_state(tx: &mut PgTx<'_>, id: CaseId, expected_version: i64, u: &CaseUpdate) -> StoreResult<Option<i64>> {
    Ok(update_states(tx, &[(id, expected_version, u)])?.get(&id.0).copied())
}

/// Stores every column of the updates whose version is still the expected one; returns their
/// new versions (a case missing from the answer is stale).
fn update_all_columns(tx: &mut PgTx<'_>, updates: &[(CaseId, i64, &CaseUpdate)]) -> StoreResult<HashMap<i64, i64>> {
    let c = UpdateColumns { search: column(updates, |(_, _, u)| u.facts.search_text()), ..UpdateColumns::of(updates) };
    let sql = format!(
        "update cases c set unit_id = u.unit_id, case_no = u.case_no, accepted_on = u.accepted_on, origin = u.origin,
            received_by_delegation = u.received_by_delegation, judgment_type = u.judgment_type,
            categories = u.categories, amount = u.amount, debtor = u.debtor, creditor = u.creditor,
            officer_id = u.officer_id, search_text = u.search_text, state = u.state, state_ground = u.state_ground,
            outstanding = u.outstanding, collected = u.collected, reduced = u.reduced,
            last_event_on = u.last_event_on, event_count = u.event_count, version = c.version + 1
         from {}
         where c.id = u.id and c.version = u.version
         returning c.id, c.version",
        unnest_columns(true)
    );
    let mut params = c.params();
    params.push(&c.search);
    let rows = tx.query_mapped(&sql, &params, constraint(|| "số quyết định / case number".to_string()))?;
    rows.iter().map(|r| Ok((get::<i64>(r, 0)?, get::<i64>(r, 1)?))).collect()
}

/// One parameter array of an `unnest`: `value` of every update, in order.
fn column<'u, T>(
    updates: &[(CaseId, i64, &'u CaseUpdate)],
    value: impl Fn(&(CaseId, i64, &'u CaseUpdate)) -> T,
) -> Vec<T> {
    updates.iter().map(value).collect()
}
