//! The extractors through which a handler states what it requires. Each decides with
//! `thads_core::access::authorize`, the one pure authorization function:
//!
//! - `User`: someone signed in (cookie session for pages, `Authorization: Bearer` under `/api/`);
//! - `CaseAccess`: a case the user may see (`ViewCase`), else 404 — absence and invisibility
//!   look the same; changing it is checked once the requested change is known;
//! - `Allowed<N>`: an action `N` on the unit named by `?unit=` (the user's own by default; each
//!   room names its actions: `ListCases`, `ViewReports`…);
//! - `CsrfForm<T>`: a form posted with the session's CSRF token.

use std::marker::PhantomData;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use thads_core::access::{Action, Principal, authorize};
use thads_core::{Case, CaseId, EventCode, Staff, Unit, UnitId};

use super::{SESSION_COOKIE, same_secret, token_hash};
use crate::chrome::{Chrome, ChromeUser, Flash};
use crate::cookie::cookie;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

/// How the request proved who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Cookie,
    Bearer,
}

/// A signed-in person.
#[derive(Debug, Clone)]
pub struct User {
    pub staff: Staff,
    pub principal: Principal,
    pub csrf: String,
    pub token_hash: String,
    pub via: Via,
    /// What the form posted before this request did (`Flash`), to say on this page.
    pub flash: Option<Flash>,
}

impl User {
    /// Asks the domain whether this person may do `action`.
    pub fn may(&self, state: &AppState, action: Action) -> Result<(), WebError> {
        authorize(&self.principal, action, &state.directory().units).map_err(WebError::Forbidden)
    }

    pub fn unit(&self) -> UnitId {
        self.principal.unit
    }

    /// Whether this person administers the whole installation: `ManageUsers` on every root of
    /// the unit tree (a regional administrator does not). No units at all: not found.
    pub fn may_administer_installation(&self, state: &AppState) -> Result<(), WebError> {
        let directory = state.directory();
        let roots: Vec<_> = directory.units.all().iter().filter(|u| u.parent.is_none()).map(|u| u.id).collect();
        if roots.is_empty() {
            return Err(WebError::NotFound);
        }
        roots.into_iter().try_for_each(|unit| self.may(state, Action::ManageUsers { unit }))
    }

    /// What this person's pages show around their content: who they are, their unit, the menu
    /// entries they may use and the CSRF token of their forms.
    pub fn chrome(&self, state: &AppState, lang: Lang) -> Chrome {
        let directory = state.directory();
        let may_audit = self.may(state, Action::ViewAudit { unit: self.unit() }).is_ok();
        let may_import = self.may(state, Action::Import { unit: self.unit() }).is_ok();
        let may_users = self.may(state, Action::ManageUsers { unit: self.unit() }).is_ok();
        let may_targets = self.may(state, Action::SetTargets { unit: self.unit() }).is_ok();
        let may_money = self.may(state, Action::ViewMoney { unit: self.unit() }).is_ok();
        let may_take_in = self.may(state, Action::TakeIn { unit: self.unit() }).is_ok();
        Chrome {
            lang,
            flash: self.flash,
            user: Some(ChromeUser {
                name: self.staff.full_name.clone(),
                login: self.staff.login.to_string(),
                role: self.staff.role.label_vi().to_string(),
                unit: directory.unit_label(self.unit()),
                csrf: self.csrf.clone(),
                may_audit,
                may_import,
                may_users,
                may_targets,
                may_money,
                may_take_in,
            }),
        }
    }
}

fn bearer(parts: &Parts) -> Option<String> {
    let value = parts.headers.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string())
}

impl FromRequestParts<AppState> for User {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        if let Some(user) = parts.extensions.get::<User>() {
            return Ok(user.clone());
        }
        let (token, via) = if parts.uri.path().starts_with("/api/") {
            (bearer(parts), Via::Bearer)
        } else {
            (cookie(&parts.headers, SESSION_COOKIE), Via::Cookie)
        };
        let token = token.filter(|t| t.len() == 64).ok_or(WebError::NotSignedIn)?;
        let hash = token_hash(&token);
        let lookup = hash.clone();
        let session = state.lookup(move |s| Ok(s.store.session(&lookup, s.now())?)).await?;
        let session = session.filter(|s| s.staff.active).ok_or(WebError::NotSignedIn)?;
        let principal = Principal { staff: session.staff.id, role: session.staff.role, unit: session.staff.unit };
        let flash = cookie(&parts.headers, Flash::COOKIE).and_then(|code| Flash::parse(&code));
        let user = User { staff: session.staff, principal, csrf: session.csrf, token_hash: hash, via, flash };
        // The request's log line names who asked.
        if let Some(who) = parts.extensions.get::<crate::telemetry::Who>() {
            who.set(&user.staff.login.to_string(), user.principal.unit);
        }
        parts.extensions.insert(user.clone());
        Ok(user)
    }
}

/// A case the user may see.
#[derive(Debug, Clone)]
pub struct CaseAccess {
    pub user: User,
    pub case: Case,
}

impl CaseAccess {
    /// May the user record `code` on this case? (role, unit, and an officer's own cases)
    pub fn may_record(&self, state: &AppState, code: EventCode) -> Result<(), WebError> {
        let f = &self.case.facts;
        self.user.may(state, Action::RecordEvent { unit: f.unit, assigned: f.officer, code })
    }
}

#[derive(Deserialize)]
struct IdPath {
    id: i64,
}

impl FromRequestParts<AppState> for CaseAccess {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let user = User::from_request_parts(parts, state).await?;
        let axum::extract::Path(IdPath { id }) =
            axum::extract::Path::<IdPath>::from_request_parts(parts, state).await.map_err(|_| WebError::NotFound)?;
        let case = state.lookup(move |s| Ok(s.store.case(CaseId(id))?)).await?.ok_or(WebError::NotFound)?;
        user.may(state, Action::ViewCase { unit: case.facts.unit }).map_err(|_| WebError::NotFound)?;
        Ok(CaseAccess { user, case })
    }
}

/// An action on a whole unit, named in a handler's signature as `Allowed<ViewReports>`.
pub trait Need: Send + Sync + 'static {
    fn action(unit: UnitId) -> Action;
}

/// The user, and the unit of `?unit=CODE` (their own by default) on which they may do `N`.
#[derive(Debug)]
pub struct Allowed<N: Need> {
    pub user: User,
    pub unit: Unit,
    need: PhantomData<N>,
}

#[derive(Deserialize)]
struct UnitParam {
    unit: Option<String>,
}

impl<N: Need> FromRequestParts<AppState> for Allowed<N> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let user = User::from_request_parts(parts, state).await?;
        let param: UnitParam =
            serde_urlencoded::from_str(parts.uri.query().unwrap_or("")).unwrap_or(UnitParam { unit: None });
        let directory = state.directory();
        let unit = match param.unit.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(code) => directory.units.by_code(&code.to_ascii_uppercase()).cloned().ok_or(WebError::NotFound)?,
            None => directory.units.get(user.unit()).cloned().ok_or(WebError::NotFound)?,
        };
        user.may(state, N::action(unit.id))?;
        Ok(Allowed { user, unit, need: PhantomData })
    }
}

/// A form of a signed-in page, posted with the session's CSRF token in its `csrf` field.
#[derive(Debug)]
pub struct CsrfForm<T> {
    pub user: User,
    pub form: T,
}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, WebError> {
        let (mut parts, body) = request.into_parts();
        let user = User::from_request_parts(&mut parts, state).await?;
        let bytes = axum::body::to_bytes(body, 1 << 20).await.map_err(|_| WebError::BadRequest("body".into()))?;
        let field: CsrfField = serde_urlencoded::from_bytes(&bytes).map_err(|_| WebError::Csrf)?;
        if !same_secret(&field.csrf, &user.csrf) {
            return Err(WebError::Csrf);
        }
        let form = serde_urlencoded::from_bytes(&bytes)
            .map_err(|e| WebError::BadRequest(format!("biểu mẫu không hợp lệ / invalid form: {e}")))?;
        Ok(CsrfForm { user, form })
    }
}

/// A change to a visible case posted as a CSRF-checked form. What the change needs (recording
/// this event code on this case) is asked with `CaseAccess::may_record` once the form is read.
#[derive(Debug)]
pub struct CaseChange<T> {
    pub access: CaseAccess,
    pub form: T,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CaseChange<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, WebError> {
        let (mut parts, body) = request.into_parts();
        let access = CaseAccess::from_request_parts(&mut parts, state).await?;
        let CsrfForm { form, .. } = CsrfForm::<T>::from_request(Request::from_parts(parts, body), state).await?;
        Ok(CaseChange { access, form })
    }
}
