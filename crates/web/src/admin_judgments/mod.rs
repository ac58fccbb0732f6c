//! Monitoring of administrative judgments (theo dõi thi hành án hành chính): the register of a
//! unit's scope with its figures and the table of late bodies, a judgment's page with its steps
//! and what is due, the forms that register a judgment and record a step, the XLSX export, and
//! the API of interchange §4 (`POST /api/v1/admin-judgments`, `…/{id}/result`, `GET
//! /api/v1/reports/admin-judgments`). A judgment is seen by whoever sees its unit's cases
//! (404 otherwise) and changed with `Action::MonitorAdminJudgments` on its unit.

pub mod api;
pub mod pages;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::Deserialize;
use thads_core::UnitId;
use thads_core::access::Action;
use thads_core::admin_judgments::AdminJudgmentId;
use thads_store::AdminJudgmentRecord;

use crate::accounts::{Need, User};
use crate::error::WebError;
use crate::state::AppState;

/// Registering judgments and recording steps in a unit.
#[derive(Debug)]
pub struct MonitorAdminJudgments;
impl Need for MonitorAdminJudgments {
    fn action(unit: UnitId) -> Action {
        Action::MonitorAdminJudgments { unit }
    }
}

/// Reading a unit's register: whoever sees its cases.
#[derive(Debug)]
pub struct ViewAdminJudgments;
impl Need for ViewAdminJudgments {
    fn action(unit: UnitId) -> Action {
        Action::ViewCase { unit }
    }
}

/// Reading a unit's figures.
#[derive(Debug)]
pub struct ViewRegisterReports;
impl Need for ViewRegisterReports {
    fn action(unit: UnitId) -> Action {
        Action::ViewReports { unit }
    }
}

/// A judgment the user may see (`ViewCase` on its unit), else 404.
#[derive(Debug, Clone)]
pub struct JudgmentAccess {
    pub user: User,
    pub judgment: AdminJudgmentRecord,
}

impl JudgmentAccess {
    pub fn may_change(&self, state: &AppState) -> Result<(), WebError> {
        self.user.may(state, Action::MonitorAdminJudgments { unit: self.judgment.judgment.unit })
    }
}

#[derive(Deserialize)]
struct IdPath {
    id: i64,
}

impl FromRequestParts<AppState> for JudgmentAccess {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let user = User::from_request_parts(parts, state).await?;
        let axum::extract::Path(IdPath { id }) =
            axum::extract::Path::<IdPath>::from_request_parts(parts, state).await.map_err(|_| WebError::NotFound)?;
        let judgment =
            state.lookup(move |s| Ok(s.store.admin_judgment(AdminJudgmentId(id))?)).await?.ok_or(WebError::NotFound)?;
        user.may(state, Action::ViewCase { unit: judgment.judgment.unit }).map_err(|_| WebError::NotFound)?;
        Ok(JudgmentAccess { user, judgment })
    }
}
