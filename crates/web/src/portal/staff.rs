//! What the staff application adds for the portal: the list's history for the agency
//! (`GET /portal/debtors-history`): every spell of a case on the public list of debtors
//! without means, computed from the histories, never shown to the public. (The case page's
//! lookup code is `cases::lookup`; the log of staff views, `case_views`.)

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::accounts::Allowed;
use crate::cases::listing::ListCases;
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::state::AppState;

pub struct SpellLine {
    pub unit: String,
    pub case_no: String,
    pub case_id: i64,
    pub debtor: String,
    pub decided_on: String,
    pub listed_on: String,
    pub ended_on: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/history.html")]
struct HistoryPage {
    c: Chrome,
    unit: String,
    lines: Vec<SpellLine>,
}

/// Spells shown at most.
const HISTORY_SHOWN: usize = 500;

/// `GET /portal/debtors-history?unit=`: the list's history of a unit's scope.
pub async fn history(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ListCases>,
) -> Result<Response, WebError> {
    let directory = state.directory();
    let units: Vec<_> = directory.units.scope(access.unit.id).into_iter().collect();
    let spells = state
        .blocking(move |s| {
            thads_app::portal::list_history(s.store.as_ref(), &s.rules, &units, s.today(), HISTORY_SHOWN)
                .map_err(WebError::internal)
        })
        .await?;
    let lines = spells
        .into_iter()
        .map(|r| SpellLine {
            unit: directory.units.get(r.unit).map(|u| u.code.to_string()).unwrap_or_default(),
            case_no: r.case_no.to_string(),
            case_id: r.case.0,
            debtor: r.debtor,
            decided_on: fmt::date(r.spell.decided_on),
            listed_on: fmt::date(r.spell.listed_on),
            ended_on: r.spell.ended_on.map(fmt::date),
        })
        .collect();
    Ok(HistoryPage { c: access.user.chrome(&state, lang), unit: access.unit.code.to_string(), lines }.into_response())
}
