//! Seized assets (issue 19): an asset's record (kind, description, location, owner,
//! encumbrances, the seizure and the decision it executes), the cases it answers for (one asset
//! may answer for several cases of the same debtor), its dated steps, append-only like a case's
//! events, and the coercion plans of a case. The chain's rules are `thads_core::assets`; the
//! store keeps what was recorded and refuses a step appended on a stale count.

use serde::{Deserialize, Serialize};
use thads_core::assets::{AssetId, AssetKind, AssetStep};
use thads_core::{CaseId, UnitId, Vnd};
use time::{Date, OffsetDateTime, PrimitiveDateTime};

use crate::StoreResult;

/// A seized asset to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAsset {
    /// The unit of the cases it answers for.
    pub unit: UnitId,
    /// The cases it answers for (at least one; all of the same unit).
    pub cases: Vec<CaseId>,
    pub kind: AssetKind,
    pub description: String,
    pub location: String,
    pub owner: String,
    /// Mortgages, third-party rights (empty: none known).
    pub encumbrances: String,
    /// Ngày kê biên.
    pub seized_on: Date,
    /// The decision the seizure executes (quyết định cưỡng chế kê biên).
    pub decision: String,
    pub perishable: bool,
    pub for_state_budget: bool,
}

/// A stored asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetRow {
    pub id: AssetId,
    pub unit: UnitId,
    /// In the order they were linked (the first is the case it was seized for).
    pub cases: Vec<CaseId>,
    pub kind: AssetKind,
    pub description: String,
    pub location: String,
    pub owner: String,
    pub encumbrances: String,
    pub seized_on: Date,
    pub decision: String,
    pub perishable: bool,
    pub for_state_budget: bool,
    /// Steps recorded so far (the count a new step is appended on).
    pub steps: i64,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
}

/// A step to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssetStep {
    pub asset: AssetId,
    pub date: Date,
    pub step: AssetStep,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
}

/// A stored step: its id (an auction's id is the id of its `auction_set` step).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetStepRow {
    pub id: i64,
    pub asset: AssetId,
    /// 1, 2, … in the order recorded.
    pub seq: i64,
    pub date: Date,
    pub step: AssetStep,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
}

/// One step of the coordination with the police, and its last day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoliceStep {
    /// The code of the step (`thads_core::assets::PoliceStepKind`).
    pub kind: String,
    pub due: Date,
    pub done_on: Option<Date>,
}

/// A coercion plan (kế hoạch cưỡng chế) of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCoercionPlan {
    pub case: CaseId,
    pub unit: UnitId,
    /// Local time in Vietnam.
    pub starts: PrimitiveDateTime,
    pub ends: PrimitiveDateTime,
    pub place: String,
    /// Forces mobilised (lực lượng huy động): how many people.
    pub forces: i32,
    pub police_steps: Vec<PoliceStep>,
    /// Chi phí cưỡng chế.
    pub costs: Vnd,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
}

/// A stored coercion plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoercionPlanRow {
    pub id: i64,
    pub plan: NewCoercionPlan,
}

/// Where the proceeds of a sold asset went in the money room (schema 25): the receipt of the
/// price into the custody ledger, on the debtor, and its distribution across the debtor's
/// cases; the case whose creditor the asset secured, if one did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetProceeds {
    pub asset: AssetId,
    pub receipt: i64,
    pub distribution: Option<i64>,
    pub secured_case: Option<CaseId>,
    pub recorded_at: OffsetDateTime,
}

/// A version of a rule of the asset chain an administrator saved (schema 25): the rule's code
/// (`thads_core::assets::RuleKey`), the first day it applies, its value as JSON, where it comes
/// from and how sure that is. Saving the same rule and day again replaces it (the audit keeps
/// the one before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetRuleRecord {
    pub rule: String,
    pub valid_from: Date,
    pub value: String,
    pub citation: String,
    pub confidence: thads_core::confidence::Confidence,
    pub note: String,
    pub saved_by: String,
    pub saved_at: OffsetDateTime,
}

/// The columns of `asset_rule_versions`, in the order of an `AssetRuleRecord`.
pub const ASSET_RULE_COLUMNS: &str = "rule, valid_from, value, citation, confidence, note, saved_by, saved_at";

/// The columns of `coercion_plans`, in the order of a `CoercionPlanRow`.
pub const COERCION_PLAN_COLUMNS: &str =
    "id, case_id, unit_id, starts, ends, place, forces, police_steps, costs, recorded_by, recorded_at";

/// Reading assets.
pub trait Assets {
    fn asset(&self, id: AssetId) -> StoreResult<Option<AssetRow>>;
    /// The assets answering for a case, oldest first.
    fn assets_of_case(&self, case: CaseId) -> StoreResult<Vec<AssetRow>>;
    /// The assets of these units, oldest first.
    fn assets_of_units(&self, units: &[UnitId]) -> StoreResult<Vec<AssetRow>>;
    /// An asset's steps in the order recorded.
    fn asset_steps(&self, asset: AssetId) -> StoreResult<Vec<AssetStepRow>>;
    /// The steps of the assets of these units, by asset then order (for lists and measures).
    fn asset_steps_of_units(&self, units: &[UnitId]) -> StoreResult<Vec<AssetStepRow>>;
    /// One step by its id (an auction).
    fn asset_step(&self, id: i64) -> StoreResult<Option<AssetStepRow>>;
    /// A case's coercion plans, oldest first.
    fn coercion_plans(&self, case: CaseId) -> StoreResult<Vec<CoercionPlanRow>>;
    /// The coercion plans of the cases of these units, oldest first (the worklist, the counts
    /// per month).
    fn coercion_plans_of_units(&self, units: &[UnitId]) -> StoreResult<Vec<CoercionPlanRow>>;
    fn coercion_plan(&self, id: i64) -> StoreResult<Option<CoercionPlanRow>>;
    /// Where a sold asset's proceeds went in the money room.
    fn asset_proceeds(&self, asset: AssetId) -> StoreResult<Option<AssetProceeds>>;
    /// The versions of the chain's rules an administrator saved, by rule and day.
    fn asset_rule_versions(&self) -> StoreResult<Vec<AssetRuleRecord>>;
}

/// Writing assets, in a transaction.
pub trait AssetsTx {
    fn insert_asset(&mut self, asset: &NewAsset, recorded_by: &str, at: OffsetDateTime) -> StoreResult<AssetId>;
    /// Another case of the same debtor the asset answers for; `Duplicate` if it already does.
    fn link_asset_case(&mut self, asset: AssetId, case: CaseId) -> StoreResult<()>;
    /// Appends a step to an asset that had `expected` steps; `Duplicate` when another step was
    /// appended since (the caller read a stale chain). Returns the step's id.
    fn append_asset_step(&mut self, step: &NewAssetStep, expected: i64) -> StoreResult<i64>;
    fn insert_coercion_plan(&mut self, plan: &NewCoercionPlan) -> StoreResult<i64>;
    /// Replaces a plan's police steps (a step recorded as done); `NotFound` without the plan.
    fn set_police_steps(&mut self, plan: i64, steps: &[PoliceStep]) -> StoreResult<()>;
    /// Records where an asset's proceeds went; `Duplicate` if they were recorded already.
    fn insert_asset_proceeds(&mut self, proceeds: &AssetProceeds) -> StoreResult<()>;
    /// Saves a version of a rule; returns the one it replaced (same rule and day).
    fn put_asset_rule_version(&mut self, record: &AssetRuleRecord) -> StoreResult<Option<AssetRuleRecord>>;
}

/// The columns both backends select for an `AssetRow`, in its order (the linked cases apart).
pub const ASSET_COLUMNS: &str = "a.id, a.unit_id, a.kind, a.description, a.location, a.owner, a.encumbrances, \
     a.seized_on, a.decision, a.perishable, a.for_state_budget, \
     (select count(*) from asset_steps s where s.asset_id = a.id), a.recorded_by, a.recorded_at";

/// The columns of an `AssetStepRow`, in its order.
pub const STEP_COLUMNS: &str = "s.id, s.asset_id, s.seq, s.date, s.data, s.note, s.recorded_by, s.recorded_at";

/// A step as stored: its JSON.
pub fn step_text(step: &AssetStep) -> String {
    serde_json::to_string(step).unwrap_or_default()
}

/// A stored step's JSON read back.
pub fn step_of_text(text: &str) -> StoreResult<AssetStep> {
    serde_json::from_str(text).map_err(|_| crate::StoreError::corrupt("asset_steps.data", text))
}

/// The police steps of a plan as stored.
pub fn police_text(steps: &[PoliceStep]) -> String {
    serde_json::to_string(steps).unwrap_or_default()
}

pub fn police_of_text(text: &str) -> StoreResult<Vec<PoliceStep>> {
    serde_json::from_str(text).map_err(|_| crate::StoreError::corrupt("coercion_plans.police_steps", text))
}

pub fn kind_of_text(text: &str) -> StoreResult<AssetKind> {
    AssetKind::parse(text).map_err(|_| crate::StoreError::corrupt("assets.kind", text))
}

/// Groups `(asset, case)` links in order onto the rows, in one pass over the links (a scan of
/// every link per asset made the statistics page's asset measures quadratic: 0.1 s at 10,000
/// assets).
pub fn attach_cases(rows: &mut [AssetRow], links: &[(i64, i64)]) {
    let mut by_asset: std::collections::HashMap<i64, Vec<CaseId>> = std::collections::HashMap::new();
    for (asset, case) in links {
        by_asset.entry(*asset).or_default().push(CaseId(*case));
    }
    for row in rows.iter_mut() {
        row.cases = by_asset.get(&row.id.0).cloned().unwrap_or_default();
    }
}
