//! Administrative judgments the agency monitors (theo dõi thi hành án hành chính): the judgment
//! with the body that must comply, and its monitoring steps, append-only, each with who
//! recorded it and when.

use thads_core::UnitId;
use thads_core::admin_judgments::{AdminJudgment, AdminJudgmentId, Monitored, Step, StepRecord};
use time::{Date, OffsetDateTime};

use crate::StoreResult;

/// A recorded monitoring step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepEntry {
    pub id: i64,
    pub date: Date,
    pub step: Step,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
}

/// A monitored judgment as stored, its steps in order of date then entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminJudgmentRecord {
    pub id: AdminJudgmentId,
    pub judgment: AdminJudgment,
    pub steps: Vec<StepEntry>,
    pub created_by: String,
    pub created_at: OffsetDateTime,
}

impl AdminJudgmentRecord {
    /// The domain's view: the judgment and its dated steps.
    pub fn monitored(&self) -> Monitored {
        Monitored {
            id: self.id,
            judgment: self.judgment.clone(),
            steps: self.steps.iter().map(|s| StepRecord { date: s.date, step: s.step }).collect(),
        }
    }
}

/// A step to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStep {
    pub date: Date,
    pub step: Step,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
}

/// Reading monitored judgments.
pub trait AdminJudgments {
    /// The judgments of these units with their steps, by unit, judgment date and id.
    fn admin_judgments(&self, units: &[UnitId]) -> StoreResult<Vec<AdminJudgmentRecord>>;
    fn admin_judgment(&self, id: AdminJudgmentId) -> StoreResult<Option<AdminJudgmentRecord>>;
}

/// Writing monitored judgments, in a transaction.
pub trait AdminJudgmentsTx {
    /// `Duplicate` when the unit already monitors that court's judgment number.
    fn insert_admin_judgment(
        &mut self,
        judgment: &AdminJudgment,
        by: &str,
        at: OffsetDateTime,
    ) -> StoreResult<AdminJudgmentId>;
    /// The judgment and its steps, locked until the transaction ends.
    fn admin_judgment_for_update(&mut self, id: AdminJudgmentId) -> StoreResult<Option<AdminJudgmentRecord>>;
    fn insert_admin_judgment_step(&mut self, id: AdminJudgmentId, step: &NewStep) -> StoreResult<i64>;
}

/// The stored code of a body's level.
pub fn body_level_code(level: thads_core::admin_judgments::BodyLevel) -> &'static str {
    use thads_core::admin_judgments::BodyLevel::*;
    match level {
        Central => "central",
        Provincial => "provincial",
        Local => "local",
    }
}

pub fn body_level_of(code: &str) -> Option<thads_core::admin_judgments::BodyLevel> {
    use thads_core::admin_judgments::BodyLevel::*;
    [Central, Provincial, Local].into_iter().find(|l| body_level_code(*l) == code)
}

/// Groups step rows (judgment id first) under their judgments, in the judgments' order.
pub fn attach_steps(judgments: &mut [AdminJudgmentRecord], steps: Vec<(AdminJudgmentId, StepEntry)>) {
    for (id, step) in steps {
        if let Some(j) = judgments.iter_mut().find(|j| j.id == id) {
            j.steps.push(step);
        }
    }
    for j in judgments {
        j.steps.sort_by_key(|s| (s.date, s.id));
    }
}
