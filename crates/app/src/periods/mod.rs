//! Monthly closing (chốt số liệu) as people do it: a head closes a month of their unit (its
//! report is frozen as a snapshot in the same step), reopens it with a reason; both audited.
//! Every path that writes a dated record asks `ensure_open` (or `Closings` for a whole file) in
//! its transaction, so an event, a receipt or a change of counted facts dated in a closed
//! month is refused for everyone, naming the month and the unit that closed it.

use serde::Serialize;
use serde_json::json;
use thads_core::dates::MonthKey;
use thads_core::periods::{DueRule, MonthStatus, covering_closing, is_over, month_code, operating_in};
use thads_core::{CaseFacts, Period, ReportingYear, Rules, UnitId, UnitTree};
use thads_store::{NewAudit, PeriodClosing, SnapshotKind, Store, WriteTx};
use time::Date;

use crate::actor::Actor;
pub use crate::error::PeriodClosed;
use crate::error::{AppError, AppResult};

/// The months closed among those a batch of records falls in, with the tree to tell whose
/// closing covers which unit: read once per file or per change.
pub struct Closings {
    closed: Vec<(UnitId, MonthKey)>,
    units: UnitTree,
}

impl Closings {
    /// The closings of the months of `dates`, as `tx` sees them.
    pub fn load(tx: &mut dyn WriteTx, dates: impl IntoIterator<Item = Date>) -> AppResult<Closings> {
        let mut months: Vec<MonthKey> = dates.into_iter().map(MonthKey::of).collect();
        months.sort_unstable();
        months.dedup();
        let closed = if months.is_empty() { Vec::new() } else { tx.closed_in(&months)? };
        let units = if closed.is_empty() { UnitTree::default() } else { UnitTree::new(tx.units()?) };
        Ok(Closings { closed, units })
    }

    /// Refused when a closing covers a record of `unit` dated `date`.
    pub fn check(&self, unit: UnitId, date: Date) -> Result<(), PeriodClosed> {
        match covering_closing(&self.closed, &self.units, unit, date) {
            None => Ok(()),
            Some((closer, month)) => {
                let unit = self.units.get(closer).map_or_else(|| format!("#{}", closer.0), |u| u.code.to_string());
                Err(PeriodClosed { unit, month })
            }
        }
    }
}

/// Refuses a record of `unit` dated `date` when its month is closed for that unit (by the unit
/// itself or by a unit above it). For every path that writes a dated record: events, receipts,
/// changes of facts.
pub fn ensure_open(tx: &mut dyn WriteTx, unit: UnitId, date: Date) -> AppResult<()> {
    Closings::load(tx, [date])?.check(unit, date).map_err(AppError::from)
}

/// A change of the facts that the forms count (not the names, not the officer: a reassignment
/// moves only the per-officer breakdown and is not held to the closing) is dated on the day
/// the case was accepted: its figures move from that month on.
pub fn ensure_facts_open(tx: &mut dyn WriteTx, before: &CaseFacts, after: &CaseFacts) -> AppResult<()> {
    let counted = |f: &CaseFacts| {
        (f.unit, f.accepted_on, f.origin, f.received_by_delegation, f.judgment_type, f.categories, f.amount)
    };
    if counted(before) == counted(after) {
        return Ok(());
    }
    let closings = Closings::load(tx, [before.accepted_on, after.accepted_on])?;
    closings.check(before.unit, before.accepted_on)?;
    Ok(closings.check(after.unit, after.accepted_on)?)
}

/// The period whose report a closing of `month` freezes: the reporting year's cumulative months
/// up to and including it (what agencies file each month).
pub fn report_period(month: MonthKey) -> AppResult<Period> {
    let last = month.last_day();
    let year = ReportingYear::containing(last);
    let first = year.first_day();
    let months = (MonthKey::of(last).0 - MonthKey::of(first).0 + 1).clamp(1, 12);
    let months = u8::try_from(months).map_err(|_| AppError::Invalid("months".into()))?;
    year.cumulative(months).map_err(|e| AppError::Invalid(e.to_string()))
}

/// What closing a month did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Closed {
    pub closing: i64,
    pub snapshot: i64,
}

/// Closes `month` of `unit` and freezes its report as a snapshot, audited. The caller has
/// checked that the person is the unit's head (`Action::ClosePeriod`). A month not yet over
/// cannot be closed; a closed month is refused (`Duplicate`).
pub fn close(store: &dyn Store, actor: &Actor, rules: &Rules, unit: UnitId, month: MonthKey) -> AppResult<Closed> {
    close_with(store, actor, rules, (unit, month), None)
}

/// As `close`, the report frozen from `live` (the server's engine) when it is exactly the
/// stored ledger (`snapshots::freeze_with`): one report instead of an engine built from the
/// ledger, which at national scale is the difference between milliseconds and seconds.
pub fn close_with(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    (unit, month): (UnitId, MonthKey),
    live: Option<&crate::stats::LiveStatistics>,
) -> AppResult<Closed> {
    let units = UnitTree::new(store.units()?);
    let code = units.get(unit).map(|u| u.code.to_string()).ok_or_else(|| AppError::NotFound("đơn vị / unit".into()))?;
    if !is_over(month, actor.today()) {
        return Err(AppError::Invalid(format!(
            "tháng {month} chưa kết thúc, chưa chốt được / month {} is not over yet",
            month_code(month)
        )));
    }
    let period = report_period(month)?;
    let mut tx = store.begin()?;
    // Asked before the report is frozen (the unique index refuses a second closing anyway).
    if tx.closed_in(&[month])?.contains(&(unit, month)) {
        return Err(thads_store::StoreError::Duplicate(format!(
            "tháng {month} của {code} đã chốt / month {} of {code} is closed already",
            month_code(month)
        ))
        .into());
    }
    // The write transaction is open: on SQLite no other writer adds a record meanwhile; on
    // PostgreSQL one committed meanwhile is above the snapshot's marks, so its diff shows it.
    let frozen = crate::snapshots::freeze_with(store, tx.as_mut(), rules, &units, (unit, period), actor, live)?;
    let snapshot = crate::snapshots::store_frozen(tx.as_mut(), &frozen, SnapshotKind::Closing, actor)?;
    let closing = tx.close_month(unit, month, actor.at, &actor.login, Some(snapshot))?;
    tx.insert_unit_audit(
        &NewAudit {
            at: actor.at,
            actor: actor.login.clone(),
            case: None,
            action: "period.close".into(),
            before: None,
            after: Some(json!({ "unit": code, "month": month_code(month), "snapshot": snapshot }).to_string()),
        },
        unit,
    )?;
    tx.commit()?;
    Ok(Closed { closing, snapshot })
}

/// Reopens `month` of `unit` with a reason (required), audited. The caller has checked that
/// the person is the unit's head.
pub fn reopen(
    store: &dyn Store,
    actor: &Actor,
    unit: UnitId,
    month: MonthKey,
    reason: &str,
) -> AppResult<PeriodClosing> {
    let reason = thads_core::field::REASON
        .clean_required(reason)
        .map_err(|e| AppError::Field { field: "reason", message: e.to_string() })?;
    let units = UnitTree::new(store.units()?);
    let code = units.get(unit).map(|u| u.code.to_string()).ok_or_else(|| AppError::NotFound("đơn vị / unit".into()))?;
    let mut tx = store.begin()?;
    let reopened = tx.reopen_month(unit, month, actor.at, &actor.login, &reason)?.ok_or_else(|| {
        AppError::NotFound(format!(
            "tháng {month} của {code} chưa chốt / month {} of {code} is not closed",
            month_code(month)
        ))
    })?;
    tx.insert_unit_audit(
        &NewAudit {
            at: actor.at,
            actor: actor.login.clone(),
            case: None,
            action: "period.reopen".into(),
            before: Some(
                json!({ "unit": code, "month": month_code(month), "closed_by": reopened.closed_by }).to_string(),
            ),
            after: Some(json!({ "unit": code, "month": month_code(month), "reason": reason }).to_string()),
        },
        unit,
    )?;
    tx.commit()?;
    Ok(reopened)
}

/// One unit's months as a province sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitMonths {
    pub unit: UnitId,
    pub code: String,
    pub name: String,
    /// Oldest first, one per month asked.
    pub months: Vec<(MonthKey, MonthStatus, Option<PeriodClosing>)>,
}

/// The unit and each of its direct subordinate units, with the status of each of the `count`
/// months that ended before `today` (oldest first): closed, open (not yet due) or late.
pub fn overview(
    store: &dyn Store,
    units: &UnitTree,
    unit: UnitId,
    count: u8,
    today: Date,
) -> AppResult<Vec<UnitMonths>> {
    let top = units.get(unit).ok_or_else(|| AppError::NotFound("đơn vị / unit".into()))?;
    let last = MonthKey::of(today).previous();
    let months: Vec<MonthKey> = (0..i32::from(count.max(1))).rev().map(|i| MonthKey(last.0 - i)).collect();
    // A subordinate unit that did not exist in any month shown (merged away before them, or
    // opened after) is not listed: it has nothing to close.
    let listed = |u: &&thads_core::Unit| months.iter().any(|m| operating_in(u, *m));
    let rows: Vec<&thads_core::Unit> =
        std::iter::once(top).chain(units.children(unit).into_iter().filter(listed)).collect();
    // The units above count too: a province's closing covers its sections' months.
    let above = units.ancestry(unit).into_iter().map(|u| u.id);
    let ids: Vec<UnitId> = rows.iter().map(|u| u.id).chain(above).collect();
    let closings = store.closings_of(&ids)?;
    let rule = DueRule::default();
    Ok(rows
        .into_iter()
        .map(|u| UnitMonths {
            unit: u.id,
            code: u.code.to_string(),
            name: u.name.clone(),
            months: months
                .iter()
                .map(|m| {
                    let current = closings
                        .iter()
                        .filter(|c| c.month == *m && c.is_closed() && units.covers(c.unit, u.id))
                        .min_by_key(|c| c.unit != u.id)
                        .cloned();
                    let status = if operating_in(u, *m) {
                        rule.status(*m, current.is_some(), today)
                    } else {
                        MonthStatus::Inactive
                    };
                    (*m, status, current)
                })
                .collect(),
        })
        .collect())
}
