//! The steps of a letter after registration, each checked against the letter as the
//! transaction reads it (locked), written and audited with the letter before and after.

use thads_core::UnitTree;
use thads_core::complaints::{
    ComplaintId, Progress, Resolution, check_acceptance, check_extension, check_referral, check_resolution,
};
use thads_store::{ComplaintRow, NewAudit, Referral, Store};
use time::Date;

use super::{ComplaintSetup, refused, view};
use crate::actor::Actor;
use crate::error::{AppError, AppResult};

/// One step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Thụ lý.
    Accept { date: Date },
    /// Chuyển đơn or hướng dẫn, for a letter outside authority.
    Refer { date: Date, referral: Referral },
    /// Gia hạn by `days` in all.
    Extend { days: u16 },
    /// The decision (first or second level, as the letter is) or the withdrawal.
    Resolve(Resolution),
}

impl Step {
    /// The audit action.
    pub fn action(&self) -> &'static str {
        match self {
            Step::Accept { .. } => "complaint.accept",
            Step::Refer { .. } => "complaint.refer",
            Step::Extend { .. } => "complaint.extend",
            Step::Resolve(_) => "complaint.resolve",
        }
    }
}

/// The letter after a step.
#[derive(Debug, Clone)]
pub struct StepDone {
    pub row: ComplaintRow,
}

/// Applies `step` to letter `id`: `NotFound` if there is none; the domain's refusal otherwise.
pub fn apply_step(
    store: &dyn Store,
    actor: &Actor,
    units: &UnitTree,
    id: ComplaintId,
    step: &Step,
) -> AppResult<StepDone> {
    let today = actor.today();
    let setup = ComplaintSetup::load(store)?;
    let mut tx = store.begin()?;
    let before = tx.complaint_for_update(id)?.ok_or_else(|| AppError::NotFound(format!("đơn / letter #{}", id.0)))?;
    let record = &before.record;
    let mut progress: Progress = record.progress;
    let mut referral = before.referral.clone();
    match step {
        Step::Accept { date } => {
            check_acceptance(record, *date, today).map_err(refused)?;
            progress.accepted_on = Some(*date);
        }
        Step::Refer { date, referral: r } => {
            check_referral(record, *date, today).map_err(refused)?;
            let to = thads_core::field::BODY
                .clean(&r.to)
                .map_err(|e| AppError::Field { field: "to", message: e.to_string() })?;
            progress.referred_on = Some(*date);
            referral = Some(Referral { kind: r.kind, to });
        }
        Step::Extend { days } => {
            check_extension(record, *days, &setup.limits, today).map_err(refused)?;
            progress.extension_days = *days;
        }
        Step::Resolve(resolution) => {
            check_resolution(record, *resolution, today).map_err(refused)?;
            progress.resolution = Some(*resolution);
        }
    }
    tx.update_complaint_progress(id, &progress, referral.as_ref())?;
    let mut after = before.clone();
    after.record.progress = progress;
    after.referral = referral;
    let entry = NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: step.action().into(),
        before: Some(view(id, &before, units).to_string()),
        after: Some(view(id, &after, units).to_string()),
    };
    tx.insert_unit_audit(&entry, after.record.facts.unit)?;
    tx.commit()?;
    Ok(StepDone { row: after })
}
