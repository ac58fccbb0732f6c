//! The audit trail's hash chain as an administrator of the whole installation sees it (issue
//! 24): whole (how many entries, the head's hash to keep outside the database) or the first
//! entry changed, removed or inserted behind THADS's back. The page `/audit/chain` and
//! `GET /api/v1/audit/chain` walk the whole chain when asked (a second or so per million
//! entries), never on another page.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use thads_store::{ChainCheck, ChainFault};
use utoipa::ToSchema;

use crate::accounts::User;
use crate::api;
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

/// The chain, checked by an administrator of the whole installation.
async fn checked(state: &AppState, user: &User) -> Result<ChainCheck, WebError> {
    user.may_administer_installation(state)?;
    state.blocking(|s| Ok(thads_app::audit::verify_chain(s.store.as_ref())?)).await
}

#[derive(Template, WebTemplate)]
#[template(path = "audit/chain.html")]
struct ChainPage {
    c: Chrome,
    entries: u64,
    head: String,
    /// The fault in the reader's language, and the entry it names.
    fault: Option<(String, Option<i64>)>,
}

fn fault_text(lang: Lang, fault: &ChainFault) -> String {
    let (text, id) = match fault {
        ChainFault::Changed { id } => (lang.t("audit_chain_changed"), *id),
        ChainFault::Unsealed { id } => (lang.t("audit_chain_unsealed"), *id),
        ChainFault::Broken { id } => (lang.t("audit_chain_broken"), *id),
        ChainFault::Head { head_id, .. } => (lang.t("audit_chain_head_moved"), *head_id),
    };
    text.replace("{id}", &id.to_string())
}

/// The chain's state, for an administrator of the whole installation.
pub async fn page(State(state): State<AppState>, lang: Lang, user: User) -> Result<Response, WebError> {
    let check = checked(&state, &user).await?;
    let page = ChainPage {
        c: user.chrome(&state, lang),
        entries: check.entries,
        head: check.head.clone().unwrap_or_default(),
        fault: check.fault.as_ref().map(|f| (fault_text(lang, f), f.id())),
    };
    Ok(page.into_response())
}

/// The audit chain's state.
#[derive(Serialize, ToSchema)]
#[schema(as = AuditChain)]
pub struct ChainJson {
    /// true when every entry follows the one before and the head names the last
    ok: bool,
    /// entries read (up to the fault, if any)
    entries: u64,
    /// the last entry's hash (SHA-256, hex) when whole: keep it outside the database to prove
    /// later that the chain was not rewritten
    head: Option<String>,
    /// the first fault: the entry it names and what was found
    fault: Option<FaultJson>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = AuditChainFault)]
pub struct FaultJson {
    /// the entry's id
    entry: Option<i64>,
    /// `changed`, `inserted`, `broken` (an entry removed or inserted before it) or `head` (the
    /// last entries removed)
    kind: &'static str,
    /// what was found, in Vietnamese and English
    message: String,
}

/// The audit chain's state (an administrator of the whole installation)
#[utoipa::path(
    get,
    path = "/api/v1/audit/chain",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The chain, walked whole", body = ChainJson),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
    )
)]
pub async fn api(State(state): State<AppState>, user: User) -> Result<Json<ChainJson>, WebError> {
    let check = checked(&state, &user).await?;
    let fault = check.fault.as_ref().map(|f| FaultJson {
        entry: f.id(),
        kind: match f {
            ChainFault::Changed { .. } => "changed",
            ChainFault::Unsealed { .. } => "inserted",
            ChainFault::Broken { .. } => "broken",
            ChainFault::Head { .. } => "head",
        },
        message: f.to_string(),
    });
    Ok(Json(ChainJson { ok: check.fault.is_none(), entries: check.entries, head: check.head, fault }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_names_its_entry_in_both_languages() {
        let fault = ChainFault::Broken { id: 42 };
        assert!(fault_text(Lang::Vi, &fault).contains("trước mục #42"));
        assert!(fault_text(Lang::En, &fault).contains("before entry #42"));
        let head = ChainFault::Head { head_id: 7, last_id: Some(6) };
        assert!(fault_text(Lang::En, &head).contains("entry #7"));
        assert!(!fault_text(Lang::Vi, &ChainFault::Changed { id: 3 }).contains("{id}"));
    }
}
