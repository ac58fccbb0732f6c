//! Seized assets (issue 19) as officers record them: the seizure of an asset for one or more
//! cases of the same debtor, each later step of its chain checked by `thads_core::assets` under
//! the regime of its day and appended on the count read (a chain changed meanwhile is refused),
//! the handover whose proceeds become `collected` events of the cases (through
//! `cases::record`), coercion plans checked by the calendar's coercion rules; and what is read:
//! an asset's page (state, prices, round, deadlines, history), the time limits of a unit's
//! assets for the worklist, and their measures for the statistics page. Every change is audited
//! on the asset's first case.

mod coercion;
pub mod proceeds;
pub mod rules;
mod view;

use std::sync::Arc;

use serde_json::json;
use thads_core::assets::{
    AssetContext, AssetEvent, AssetFacts, AssetId, AssetReason, AssetRecord, AssetRules, AssetStep, apply, replay,
};
use thads_core::calendar::WorkingCalendar;
use thads_core::dates::format_vn;
use thads_core::field::Field;
use thads_core::money::{ReferenceAmounts, WageRegion};
use thads_core::{Case, CaseId, Entry, Event, EventCode, Rules, Vnd};
use thads_store::{AssetRow, AssetStepRow, NewAsset, NewAssetStep, NewAudit, Store, StoreError};
use time::Date;

pub use coercion::{CoercionInput, MonthCounts, UnitMonths, coercion_by_month, plan_coercion, record_police_step};
pub use view::{AssetView, DeadlineLine, HistoryLine, UnitMeasures, measures_by_unit, view};

use crate::actor::Actor;
use crate::deadlines::DeadlineSetup;
use crate::error::AppError;

/// Why a change to an asset failed: a rule of the chain (typed, with its citation), or anything
/// a use case may fail with.
#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    #[error("{0}")]
    Refused(AssetReason),
    /// The coercion session may not take place then: every reason.
    #[error("{}", .0.join("; "))]
    Coercion(Vec<String>),
    /// Another step was recorded since the chain was read.
    #[error("tài sản đã có bước mới, hãy tải lại / the asset changed since it was read, reload")]
    Stale,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<StoreError> for AssetError {
    fn from(e: StoreError) -> Self {
        AssetError::App(AppError::Store(e))
    }
}

pub type AssetResult<T> = Result<T, AssetError>;

fn invalid(message: String) -> AssetError {
    AssetError::App(AppError::Invalid(message))
}

fn field(field: &'static str, rule: &Field, text: &str, required: bool) -> AssetResult<String> {
    if !required && text.trim().is_empty() {
        return Ok(String::new());
    }
    let cleaned = if required { rule.clean_required(text) } else { rule.clean(text) };
    cleaned.map_err(|e| AssetError::App(AppError::Field { field, message: e.to_string() }))
}

/// The rules, the reference amounts and the calendar every check of an asset needs.
pub struct AssetSetup {
    /// The built-in rules with an administrator's versions over them (`rules::load_rules`).
    pub rules: AssetRules,
    pub police: thads_core::assets::PoliceVersions,
    pub refs: ReferenceAmounts,
    pub deadlines: Arc<DeadlineSetup>,
}

impl AssetSetup {
    pub fn load(store: &dyn Store) -> Result<AssetSetup, AppError> {
        let (rules, police) = rules::load_rules(store)?;
        Ok(AssetSetup { rules, police, refs: ReferenceAmounts::default(), deadlines: DeadlineSetup::load(store)? })
    }

    pub fn calendar(&self) -> &WorkingCalendar {
        &self.deadlines.calendar
    }
}

/// What an officer records at the seizure.
#[derive(Debug, Clone)]
pub struct SeizeInput {
    pub cases: Vec<CaseId>,
    pub kind: thads_core::assets::AssetKind,
    pub description: String,
    pub location: String,
    pub owner: String,
    pub encumbrances: String,
    pub seized_on: Date,
    pub decision: String,
    pub perishable: bool,
    pub for_state_budget: bool,
}

fn debtor_key(case: &Case) -> String {
    case.facts.debtor.trim().to_lowercase()
}

/// Records a seizure: the cases must exist, be of one unit and one debtor, and be accepted on
/// or before the seizure, which is not after today.
pub fn seize(store: &dyn Store, actor: &Actor, input: &SeizeInput) -> AssetResult<AssetId> {
    use thads_core::assets::fields;
    let mut cases = Vec::new();
    for id in &input.cases {
        if cases.iter().any(|c: &Case| c.id == *id) {
            continue;
        }
        cases.push(store.case(*id)?.ok_or_else(|| AppError::NotFound(format!("việc / case #{}", id.0)))?);
    }
    let first = cases.first().ok_or_else(|| invalid("cần ít nhất một việc / at least one case".into()))?;
    if cases.iter().any(|c| c.facts.unit != first.facts.unit || debtor_key(c) != debtor_key(first)) {
        return Err(invalid(
            "một tài sản chỉ bảo đảm cho các việc của cùng một người phải thi hành án, cùng đơn vị / one asset answers \
             only for cases of the same debtor in one unit"
                .into(),
        ));
    }
    if input.seized_on > actor.today() {
        return Err(invalid(format!("ngày kê biên {} sau hôm nay / seized in the future", format_vn(input.seized_on))));
    }
    if let Some(late) = cases.iter().find(|c| c.facts.accepted_on > input.seized_on) {
        return Err(invalid(format!(
            "ngày kê biên {} trước ngày thụ lý việc {} / seized before the case was accepted",
            format_vn(input.seized_on),
            late.facts.case_no
        )));
    }
    let new = NewAsset {
        unit: first.facts.unit,
        cases: cases.iter().map(|c| c.id).collect(),
        kind: input.kind,
        description: field("description", &fields::DESCRIPTION, &input.description, true)?,
        location: field("location", &fields::LOCATION, &input.location, false)?,
        owner: field("owner", &fields::OWNER, &input.owner, false)?,
        encumbrances: field("encumbrances", &fields::ENCUMBRANCES, &input.encumbrances, false)?,
        seized_on: input.seized_on,
        decision: field("decision", &fields::DECISION, &input.decision, false)?,
        perishable: input.perishable,
        for_state_budget: input.for_state_budget,
    };
    let mut tx = store.begin()?;
    let id = tx.insert_asset(&new, &actor.login, actor.at)?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(first.id),
        action: "asset.seize".into(),
        before: None,
        after: Some(
            json!({
                "asset": id.0,
                "kind": new.kind.code(),
                "description": new.description,
                "seized_on": thads_core::dates::format_iso(new.seized_on),
                "decision": new.decision,
                "cases": new.cases.iter().map(|c| c.0).collect::<Vec<_>>(),
            })
            .to_string(),
        ),
    })?;
    tx.commit()?;
    Ok(id)
}

/// An asset with its steps replayed.
#[derive(Debug, Clone)]
pub struct Chain {
    pub row: AssetRow,
    pub steps: Vec<AssetStepRow>,
    pub facts: AssetFacts,
    pub records: Vec<AssetRecord>,
}

impl Chain {
    pub fn ctx<'a>(&'a self, setup: &'a AssetSetup) -> AssetContext<'a> {
        AssetContext { facts: &self.facts, rules: &setup.rules, refs: &setup.refs, calendar: setup.calendar() }
    }

    pub fn current(&self) -> thads_core::assets::AssetSnapshot {
        self.records
            .last()
            .map_or_else(|| thads_core::assets::AssetSnapshot::seized(self.facts.seized_on), |r| r.after.clone())
    }
}

/// The coercion costs recorded for the cases an asset answers for.
fn coercion_costs(store: &dyn Store, cases: &[CaseId]) -> AssetResult<Vnd> {
    let mut total = Vnd::ZERO;
    for case in cases {
        for plan in store.coercion_plans(*case)? {
            total = total.checked_add(plan.plan.costs).unwrap_or(total);
        }
    }
    Ok(total)
}

/// The facts of a stored asset. The low-value bound is that of wage region I (the agency's
/// seat is not stored yet): the highest bound, so nothing is sold without auction that region
/// I would not allow.
pub fn facts_of(store: &dyn Store, row: &AssetRow) -> AssetResult<AssetFacts> {
    Ok(AssetFacts {
        kind: row.kind,
        seized_on: row.seized_on,
        perishable: row.perishable,
        for_state_budget: row.for_state_budget,
        coercion_costs: coercion_costs(store, &row.cases)?,
        region: WageRegion::I,
    })
}

/// An asset and its replayed chain; `None` when there is no such asset.
pub fn load(store: &dyn Store, setup: &AssetSetup, id: AssetId) -> AssetResult<Option<Chain>> {
    let Some(row) = store.asset(id)? else { return Ok(None) };
    let steps = store.asset_steps(id)?;
    let facts = facts_of(store, &row)?;
    Ok(Some(chain_of(setup, row, steps, facts)?))
}

/// Replays the stored steps (a stored chain that no longer replays is told, not hidden).
pub fn chain_of(setup: &AssetSetup, row: AssetRow, steps: Vec<AssetStepRow>, facts: AssetFacts) -> AssetResult<Chain> {
    let events: Vec<AssetEvent> = steps.iter().map(|s| AssetEvent { date: s.date, step: s.step.clone() }).collect();
    let ctx = AssetContext { facts: &facts, rules: &setup.rules, refs: &setup.refs, calendar: setup.calendar() };
    let records = replay(&ctx, &events).map_err(|r| AssetError::Refused(r.reason))?;
    Ok(Chain { row, steps, facts, records })
}

/// Checks `steps` in order after the chain and appends them in one transaction, on the count
/// read; returns the id of each appended step.
pub fn record_steps(
    store: &dyn Store,
    actor: &Actor,
    setup: &AssetSetup,
    chain: &Chain,
    steps: &[(Date, AssetStep)],
    note: &str,
) -> AssetResult<Vec<i64>> {
    let note = field("note", &thads_core::field::NOTE, note, false)?;
    let mut current = chain.current();
    for (date, step) in steps {
        if *date > actor.today() {
            return Err(invalid(format!("ngày {} sau hôm nay / dated in the future", format_vn(*date))));
        }
        let event = AssetEvent { date: *date, step: step.clone() };
        current = apply(&chain.ctx(setup), &current, &event).map_err(AssetError::Refused)?;
    }
    let mut tx = store.begin()?;
    let mut ids = Vec::new();
    for (n, (date, step)) in steps.iter().enumerate() {
        let new = NewAssetStep {
            asset: chain.row.id,
            date: *date,
            step: step.clone(),
            note: note.clone(),
            recorded_by: actor.login.clone(),
            recorded_at: actor.at,
        };
        let expected = chain.row.steps + i64::try_from(n).unwrap_or(i64::MAX);
        ids.push(tx.append_asset_step(&new, expected).map_err(stale)?);
        tx.insert_audit(&NewAudit {
            at: actor.at,
            actor: actor.login.clone(),
            case: chain.row.cases.first().copied(),
            action: format!("asset.{}", step.code()),
            before: Some(json!({ "asset": chain.row.id.0, "state": chain.current().state.code() }).to_string()),
            after: Some(
                json!({ "asset": chain.row.id.0, "date": thads_core::dates::format_iso(*date), "step": step })
                    .to_string(),
            ),
        })?;
    }
    tx.commit()?;
    Ok(ids)
}

/// A step appended on a stale count: somebody recorded a step meanwhile.
fn stale(e: StoreError) -> AssetError {
    match e {
        StoreError::Duplicate(_) => AssetError::Stale,
        other => other.into(),
    }
}

/// What the handover of an asset brings to each case: the creditor who takes it is credited
/// its starting price on their case; a sale's price, less the coercion costs, goes to the cases
/// in order, each up to what it still owes.
pub fn proceeds(store: &dyn Store, chain: &Chain) -> AssetResult<Vec<(Case, Vnd)>> {
    let now = chain.current();
    let mut out = Vec::new();
    if let Some(claim) = now.creditor {
        let case =
            store.case(claim.case)?.ok_or_else(|| AppError::NotFound(format!("việc / case #{}", claim.case.0)))?;
        let value = now.starting_price.unwrap_or(Vnd::ZERO).min(case.current.outstanding);
        out.push((case, value));
        return Ok(out);
    }
    let Some(sale) = now.sale.as_ref() else { return Ok(out) };
    let mut left = sale.price.checked_sub(chain.facts.coercion_costs).unwrap_or(Vnd::ZERO);
    for id in &chain.row.cases {
        let Some(case) = store.case(*id)? else { continue };
        let share = left.min(case.current.outstanding);
        left = left.checked_sub(share).unwrap_or(Vnd::ZERO);
        out.push((case, share));
    }
    Ok(out)
}

/// Hands the asset over. To the buyer who paid: its price is a receipt into custody and a
/// distribution by the money rules (`proceeds::hand_over_sale`, no secured creditor named).
/// To the creditor who takes it: its value is credited on their case as a `collected` event
/// (`cases::record`; no money enters custody), then the handover step. The step is checked
/// before any money is recorded.
pub fn hand_over(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    setup: &AssetSetup,
    chain: &Chain,
    date: Date,
) -> AssetResult<Vec<crate::Changed>> {
    if chain.current().creditor.is_none() && chain.current().sale.is_some() {
        proceeds::hand_over_sale(store, actor, rules, setup, chain, date, None)?;
        return Ok(Vec::new());
    }
    let event = AssetEvent { date, step: AssetStep::HandedOver };
    apply(&chain.ctx(setup), &chain.current(), &event).map_err(AssetError::Refused)?;
    if date > actor.today() {
        return Err(invalid(format!("ngày {} sau hôm nay / dated in the future", format_vn(date))));
    }
    let mut changed = Vec::new();
    for (case, amount) in proceeds(store, chain)? {
        if amount.is_zero() {
            continue;
        }
        let record = crate::NewRecord {
            entry: Entry::Event(Event { date, code: EventCode::Collected, amount: Some(amount), ground: None }),
            supersedes: None,
            note: format!("Tiền từ xử lý tài sản #{} / proceeds of asset #{}", chain.row.id.0, chain.row.id.0),
        };
        changed.push(crate::cases::record::record(store, actor, rules, case.id, case.version, record)?);
    }
    record_steps(store, actor, setup, chain, &[(date, AssetStep::HandedOver)], "")?;
    Ok(changed)
}

impl From<AssetError> for AppError {
    /// For readers that only list (the worklist): a rule of the chain as a message.
    fn from(e: AssetError) -> Self {
        match e {
            AssetError::App(app) => app,
            other => AppError::Invalid(other.to_string()),
        }
    }
}
