//! Seized assets (kê biên, xử lý tài sản, domain §3.9): the chain of an asset from its seizure
//! through valuation, auctions, price reductions, the creditor taking it, the handover or its
//! return to the debtor, checked step by step under the regime of each step's day; every step's
//! time limit as data in the shared table of time limits; and what the chain measures. Pure
//! functions over an asset's facts and its recorded steps: the store keeps the steps, the app
//! turns a sale's proceeds into receipts and a distribution (`money`).

mod coercion;
mod deadlines;
mod editable;
pub mod fields;
mod kind;
mod limits;
mod machine;
mod measures;
mod refusal;
mod rules;
mod state;
mod step;

pub use coercion::{PoliceRules, PoliceStepKind, police_steps};
pub use deadlines::{AssetDeadline, asset_deadlines};
pub use editable::{PoliceVersions, RuleKey, RuleLine, RuleValueError, SavedRule, apply_saved, rule_lines};
pub use kind::{AssetId, AssetKind, CodeError, DecidedBy, FailureReason, ValuationMethod};
pub use limits::{AssetLimit, default_asset_limits};
pub use machine::{AssetContext, AssetRecord, apply, creditor_may_take, replay, snapshot_on};
pub use measures::{AssetMeasures, Disposal, MeasureSummary, measures, summarise};
pub use refusal::{AssetReason, AssetRefusal};
pub use rules::AssetRules;
pub use state::{AssetSnapshot, AssetState, CreditorClaim, Sale};
pub use step::{AssetEvent, AssetFacts, AssetStep};

#[cfg(test)]
mod tests;
