//! The public API (interchange, citizens' portal): a case's state, steps, deadlines and money
//! with its code; who opened its file; the debtors without means as listed now. No sign-in, no
//! cookie; the OpenAPI document of this surface alone is `GET /api/public/openapi.json`.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};
use thads_core::dates::format_iso;
use thads_core::portal::{public_step, state_words};
use utoipa::{IntoParams, ToSchema};

use super::{CaseParams, Peer, PublicError, access_log, client, deadline_words, follow, lang_of};
use crate::i18n::Lang;
use crate::state::AppState;

/// A step of the case in plain words.
#[derive(Serialize, ToSchema)]
pub struct PublicStepJson {
    #[schema(format = Date)]
    pub date: String,
    pub label: String,
}

/// A deadline that concerns the parties.
#[derive(Serialize, ToSchema)]
pub struct PublicDeadlineJson {
    /// `notification`, `voluntary_period`, `payout` or `request_return`
    pub kind: &'static str,
    pub label: String,
    #[schema(format = Date)]
    pub due: String,
}

/// The money of the case, whole đồng.
#[derive(Serialize, ToSchema)]
pub struct PublicMoney {
    /// collected from the debtor so far
    pub collected_vnd: i64,
    /// paid out to the creditor so far
    pub paid_to_you_vnd: i64,
}

/// A case as its parties read it.
#[derive(Serialize, ToSchema)]
pub struct PublicCase {
    /// the state's code (`opened`, `with_means`, `without_means`, `postponed`, `suspended`, or a closing)
    pub state: &'static str,
    /// the state in plain words
    pub state_label: String,
    /// steps as the history now stands, oldest first (the case's acceptance first)
    pub steps: Vec<PublicStepJson>,
    pub deadlines: Vec<PublicDeadlineJson>,
    pub money: PublicMoney,
    /// the unit's code and name
    pub unit: String,
    pub office: String,
    pub case_no: String,
    /// the enforcement officer's name, if one is assigned
    pub officer: Option<String>,
}

pub fn case_json(f: &thads_app::portal::Followed, lang: Lang) -> PublicCase {
    let words = state_words(&f.state);
    let mut steps =
        vec![PublicStepJson { date: format_iso(f.accepted_on), label: lang.t("portal_step_accepted").into() }];
    steps.extend(f.steps.iter().filter_map(|(date, code)| {
        public_step(*code).map(|s| PublicStepJson { date: format_iso(*date), label: lang.pick(s.vi, s.en).into() })
    }));
    PublicCase {
        state: f.state.code(),
        state_label: lang.pick(words.vi, words.en).into(),
        steps,
        deadlines: f
            .deadlines
            .iter()
            .map(|d| PublicDeadlineJson {
                kind: d.kind,
                label: deadline_words(d.kind, lang).into(),
                due: format_iso(d.due),
            })
            .collect(),
        money: PublicMoney { collected_vnd: f.collected_vnd, paid_to_you_vnd: f.paid_to_you_vnd },
        unit: f.unit.code.to_string(),
        office: f.unit.name.clone(),
        case_no: f.case_no.to_string(),
        officer: f.officer.clone(),
    }
}

/// A party follows their case
///
/// With the unit, the decision number and the lookup code printed on the notices. An unknown
/// case and a wrong code have the same answer; too many failures from one address or on one
/// case are refused for a while.
#[utoipa::path(
    get,
    path = "/api/public/v1/cases",
    params(CaseParams),
    responses(
        (status = 200, description = "The case", body = PublicCase),
        (status = 400, description = "a field missing or too long"),
        (status = 404, description = "no such case, or not its code (one answer for both)"),
        (status = 429, description = "too many failures: wait (Retry-After)"),
    )
)]
pub async fn api_case(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    Query(p): Query<CaseParams>,
) -> Result<Json<PublicCase>, PublicError> {
    let lang = lang_of(&p.lang, &headers, true);
    let found = follow(&state, client(&state, &peer, &headers), &p).await?;
    Ok(Json(case_json(&found, lang)))
}

/// One staff view of the file.
#[derive(Serialize, ToSchema)]
pub struct AccessItem {
    #[schema(format = DateTime)]
    pub at: String,
    /// the unit's code
    pub unit: String,
    pub unit_name: String,
    /// the role's code (`officer`, `head`, `clerk`…)
    pub role: &'static str,
    pub role_label: &'static str,
    /// the person's name, only when the agency publishes names
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Who opened the file.
#[derive(Serialize, ToSchema)]
pub struct AccessLog {
    pub items: Vec<AccessItem>,
}

/// Who opened my file
///
/// Every staff view of the case (page, API, document, export), newest first, with its unit
/// and role (names only if the agency enables it). Same code check and limits as the case.
#[utoipa::path(
    get,
    path = "/api/public/v1/cases/access-log",
    params(CaseParams),
    responses(
        (status = 200, description = "The views", body = AccessLog),
        (status = 400, description = "a field missing or too long"),
        (status = 404, description = "no such case, or not its code (one answer for both)"),
        (status = 429, description = "too many failures: wait (Retry-After)"),
    )
)]
pub async fn api_access_log(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    Query(p): Query<CaseParams>,
) -> Result<Json<AccessLog>, PublicError> {
    let lang = lang_of(&p.lang, &headers, true);
    let seen = access_log(&state, client(&state, &peer, &headers), &p).await?;
    let items = seen
        .into_iter()
        .map(|v| AccessItem {
            at: v
                .at
                .to_offset(thads_app::clock::VIETNAM)
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            unit: v.unit,
            unit_name: v.unit_name,
            role: v.role.code(),
            role_label: crate::fmt::role(lang, v.role),
            name: v.name,
        })
        .collect();
    Ok(Json(AccessLog { items }))
}

/// `?unit=&q=` (and `lang`).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DebtorParams {
    /// a unit's code: its cases and its units' (all units when empty)
    #[serde(default)]
    pub unit: String,
    /// words of the debtor's name or of the decision number, with or without diacritics
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub lang: String,
}

/// A debtor on the list: only what the law requires to publish.
#[derive(Serialize, ToSchema)]
pub struct DebtorItem {
    pub name: String,
    pub address: String,
    /// the unit's code
    pub unit: String,
    pub unit_name: String,
    pub case_no: String,
    /// the obligation that cannot be enforced, in words, with what is still owed
    pub obligation: String,
    pub outstanding_vnd: i64,
    #[schema(format = Date)]
    pub listed_on: String,
}

/// The debtors listed now.
#[derive(Serialize, ToSchema)]
pub struct DebtorList {
    pub items: Vec<DebtorItem>,
}

/// Debtors listed at most per answer.
pub const DEBTORS_SHOWN: u32 = 100;

/// The debtors of `p`, as the histories stand now.
pub async fn debtors(state: &AppState, p: &DebtorParams, lang: Lang) -> Result<Vec<DebtorItem>, PublicError> {
    if p.unit.chars().count() > 32 || p.q.chars().count() > 100 {
        return Err(PublicError::TooLong);
    }
    let directory = state.directory();
    let units: Vec<thads_core::UnitId> = if p.unit.trim().is_empty() {
        directory.units.all().iter().map(|u| u.id).collect()
    } else {
        let unit =
            directory.units.all().iter().find(|u| u.code.as_str() == p.unit.trim()).ok_or(PublicError::NotFound)?;
        directory.units.scope(unit.id).into_iter().collect()
    };
    let text = p.q.trim().to_string();
    let listed = state
        .blocking(move |s| {
            let query = thads_app::portal::DebtorQuery {
                units,
                text: (!text.is_empty()).then_some(text),
                limit: DEBTORS_SHOWN,
            };
            Ok(thads_app::portal::listed_debtors(s.store.as_ref(), &s.rules, &query, s.today())?)
        })
        .await?;
    Ok(listed
        .into_iter()
        .map(|d| {
            let unit = directory.units.get(d.unit);
            let owed = thads_core::Vnd::new(d.outstanding_vnd).map(crate::fmt::money).unwrap_or_default();
            DebtorItem {
                name: d.name,
                address: d.address,
                unit: unit.map(|u| u.code.to_string()).unwrap_or_default(),
                unit_name: unit.map(|u| u.name.clone()).unwrap_or_default(),
                case_no: d.case_no.to_string(),
                obligation: format!("{}: {owed}", lang.pick(d.obligation.label_vi(), d.obligation.label_en())),
                outstanding_vnd: d.outstanding_vnd,
                listed_on: format_iso(d.listed_on),
            }
        })
        .collect())
}

/// The public list of debtors without means
///
/// Computed from the case histories when asked: a debtor appears after the decision on lack of
/// means and the publication delay, and is gone as soon as the case leaves that state or
/// closes. At most 100 per answer; narrow with `q`.
#[utoipa::path(
    get,
    path = "/api/public/v1/debtors",
    params(DebtorParams),
    responses(
        (status = 200, description = "The debtors listed now", body = DebtorList),
        (status = 400, description = "a field too long"),
        (status = 404, description = "no such unit"),
    )
)]
pub async fn api_debtors(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(p): Query<DebtorParams>,
) -> Result<Json<DebtorList>, PublicError> {
    let lang = lang_of(&p.lang, &headers, true);
    Ok(Json(DebtorList { items: debtors(&state, &p, lang).await? }))
}
