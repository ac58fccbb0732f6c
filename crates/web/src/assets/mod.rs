//! Seized assets (issue 19) in the browser and through the API: an asset answers for cases, so
//! who may read it is who may read its first case (`ViewCase`, 404 otherwise), and who may record
//! its steps is who may edit that case (`EditCase`: an officer their own cases), asked before the
//! request's body is read. The rules of the chain are `thads_core::assets`; the use cases are
//! `thads_app::assets`.

pub mod api;
pub mod coercion;
pub mod pages;
pub mod rules;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::Deserialize;
use thads_app::Actor;
use thads_app::assets::{AssetError, AssetSetup, Chain};
use thads_core::access::Action;
use thads_core::assets::AssetId;
use thads_core::{Case, CaseId};

use crate::accounts::{CaseAccess, User};
use crate::error::WebError;
use crate::refusal::Refusal;
use crate::state::AppState;

impl From<AssetError> for WebError {
    fn from(e: AssetError) -> Self {
        match e {
            AssetError::Refused(reason) => WebError::Refused(Refusal::AssetStep(reason)),
            AssetError::Coercion(reasons) => WebError::refused(reasons.join("; ")),
            AssetError::Stale => WebError::Stale,
            AssetError::App(app) => app.into(),
        }
    }
}

#[derive(Deserialize)]
struct IdPath {
    id: i64,
}

async fn path_id(parts: &mut Parts, state: &AppState) -> Result<i64, WebError> {
    let axum::extract::Path(IdPath { id }) =
        axum::extract::Path::<IdPath>::from_request_parts(parts, state).await.map_err(|_| WebError::NotFound)?;
    Ok(id)
}

/// An asset the user may see: its replayed chain and its first case.
#[derive(Debug, Clone)]
pub struct AssetAccess {
    pub user: User,
    pub chain: Chain,
    pub case: Case,
}

impl AssetAccess {
    fn may_change(&self, state: &AppState) -> Result<(), WebError> {
        let f = &self.case.facts;
        self.user.may(state, Action::EditCase { unit: f.unit, assigned: f.officer })
    }

    pub fn actor(&self, state: &AppState) -> Actor {
        Actor { login: self.user.staff.login.to_string(), at: state.now() }
    }
}

/// Resolves asset `id` for `user`: 404 when absent or not visible.
async fn asset_for(state: &AppState, user: User, id: i64) -> Result<AssetAccess, WebError> {
    let (chain, case) = state
        .lookup(move |s| {
            let setup = AssetSetup::load(s.store.as_ref())?;
            let Some(chain) = thads_app::assets::load(s.store.as_ref(), &setup, AssetId(id))? else {
                return Err(WebError::NotFound);
            };
            let first = chain.row.cases.first().copied().ok_or(WebError::NotFound)?;
            let case = s.store.case(first)?.ok_or(WebError::NotFound)?;
            Ok((chain, case))
        })
        .await?;
    user.may(state, Action::ViewCase { unit: case.facts.unit }).map_err(|_| WebError::NotFound)?;
    Ok(AssetAccess { user, chain, case })
}

impl FromRequestParts<AppState> for AssetAccess {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let user = User::from_request_parts(parts, state).await?;
        let id = path_id(parts, state).await?;
        asset_for(state, user, id).await
    }
}

/// An asset whose steps the user may record (`EditCase` on its first case).
#[derive(Debug, Clone)]
pub struct AssetChange(pub AssetAccess);

impl FromRequestParts<AppState> for AssetChange {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let access = AssetAccess::from_request_parts(parts, state).await?;
        access.may_change(state)?;
        Ok(AssetChange(access))
    }
}

/// An auction (the id of its `auction_set` step) whose outcome the user may record.
#[derive(Debug, Clone)]
pub struct AuctionChange {
    pub access: AssetAccess,
    pub auction: i64,
}

impl FromRequestParts<AppState> for AuctionChange {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let user = User::from_request_parts(parts, state).await?;
        let auction = path_id(parts, state).await?;
        let step = state.lookup(move |s| Ok(s.store.asset_step(auction)?)).await?.ok_or(WebError::NotFound)?;
        let access = asset_for(state, user, step.asset.0).await?;
        access.may_change(state)?;
        Ok(AuctionChange { access, auction })
    }
}

/// A case whose assets and coercion plans the user may record (`EditCase`).
#[derive(Debug, Clone)]
pub struct CaseEditor(pub CaseAccess);

impl FromRequestParts<AppState> for CaseEditor {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let access = CaseAccess::from_request_parts(parts, state).await?;
        let f = &access.case.facts;
        access.user.may(state, Action::EditCase { unit: f.unit, assigned: f.officer })?;
        Ok(CaseEditor(access))
    }
}

/// A case of the same unit the user may see, named in a body (`case_id`).
pub fn visible_case(state: &AppState, user: &User, id: i64) -> Result<Case, WebError> {
    let case = state.store.case(CaseId(id))?.ok_or(WebError::NotFound)?;
    user.may(state, Action::ViewCase { unit: case.facts.unit }).map_err(|_| WebError::NotFound)?;
    Ok(case)
}
