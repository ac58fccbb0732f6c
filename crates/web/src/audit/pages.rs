//! The pages of the audit trail: who changed what and when, before and after, per case and per
//! person. Read-only: the store refuses to change or delete it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_core::access::Action;
use thads_store::AuditEntry;

use super::ViewAudit;
use crate::accounts::{Allowed, CaseAccess};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::state::AppState;

pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub case: Option<i64>,
    pub action: String,
    pub before: String,
    pub after: String,
}

fn row(a: &AuditEntry) -> AuditRow {
    AuditRow {
        at: fmt::instant(a.at),
        actor: a.actor.clone(),
        case: a.case.map(|c| c.0),
        action: a.action.clone(),
        before: a.before.clone().unwrap_or_default(),
        after: a.after.clone().unwrap_or_default(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "audit/trail.html")]
struct AuditPage {
    c: Chrome,
    title: String,
    rows: Vec<AuditRow>,
}

/// The audit trail of one case: the reader sees the case and may read its unit's audit.
pub async fn of_case(State(state): State<AppState>, lang: Lang, access: CaseAccess) -> Result<Response, WebError> {
    access.user.may(&state, Action::ViewAudit { unit: access.case.facts.unit })?;
    let id = access.case.id;
    let entries = state.blocking(move |s| Ok(s.store.audit_of_case(id)?)).await?;
    let title = format!("{} · {}", lang.t("audit"), access.case.facts.case_no);
    let page = AuditPage { c: access.user.chrome(&state, lang), title, rows: entries.iter().map(row).collect() };
    Ok(page.into_response())
}

#[derive(Deserialize)]
pub struct ActorParam {
    #[serde(default)]
    actor: String,
}

/// The audit trail of one person of the unit's scope (the newest 500 entries).
pub async fn of_actor(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewAudit>,
    Query(p): Query<ActorParam>,
) -> Result<Response, WebError> {
    let actor = p.actor.trim().to_ascii_lowercase();
    let directory = state.directory();
    // A person outside the unit's scope is not there; names that are not logins (the command
    // line, imports) belong to the whole system.
    let known = directory.staff.values().find(|s| s.login.as_str() == actor);
    let visible = match known {
        Some(s) => directory.units.covers(access.unit.id, s.unit),
        None => access.unit.parent.is_none(),
    };
    if !visible || actor.is_empty() {
        return Err(WebError::NotFound);
    }
    let who = actor.clone();
    let entries = state.blocking(move |s| Ok(s.store.audit_of_actor(&who, 500)?)).await?;
    let title = format!("{} · {actor}", lang.t("audit_of_user"));
    let page = AuditPage { c: access.user.chrome(&state, lang), title, rows: entries.iter().map(row).collect() };
    Ok(page.into_response())
}
