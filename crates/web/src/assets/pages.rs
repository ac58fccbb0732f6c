//! The pages of seized assets: a unit's assets (`/seized-assets`), one asset with its state,
//! valuation, current starting price, round, whether the creditor may take it, its deadlines and
//! history, and the form of its next step (`/seized-assets/{id}`); a case's assets and coercion
//! plans with the seizure and plan forms (`/cases/{id}/assets`). (`/assets/{file}` serves the
//! stylesheet and script.)

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::assets::{AssetSetup, AssetView, CoercionInput, SeizeInput};
use thads_core::assets::{AssetKind, AssetStep, DecidedBy, FailureReason, ValuationMethod};
use thads_core::{Case, Vnd};
use thads_store::CoercionPlanRow;

use super::api::{amount, date, hand_over, instant, outcome_step};
use super::{AssetAccess, AssetChange, CaseEditor};
use crate::accounts::{Allowed, CaseAccess, CsrfForm, User};
use crate::cases::listing::ListCases;
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::state::AppState;

/// A line of a list of assets.
pub struct AssetLine {
    pub id: i64,
    pub case_id: i64,
    pub case_no: String,
    pub kind: &'static str,
    pub description: String,
    pub seized_on: String,
    pub state: &'static str,
    pub starting_price: String,
    pub round: u8,
    pub next_due: String,
    pub overdue: bool,
}

fn price(v: Option<Vnd>) -> String {
    v.map_or_else(|| "—".to_string(), fmt::money)
}

fn line(v: &AssetView, case: Option<&Case>) -> AssetLine {
    let next = v.deadlines.iter().filter(|d| d.running).min_by_key(|d| d.due);
    AssetLine {
        id: v.row.id.0,
        case_id: case.map_or(0, |c| c.id.0),
        case_no: case.map(|c| c.facts.case_no.to_string()).unwrap_or_default(),
        kind: v.row.kind.label_vi(),
        description: v.row.description.clone(),
        seized_on: fmt::date(v.row.seized_on),
        state: v.state.label_vi(),
        starting_price: price(v.starting_price),
        round: v.round,
        next_due: next.map(|d| format!("{} · {}", fmt::date(d.due), d.label)).unwrap_or_default(),
        overdue: next.is_some_and(|d| d.overdue),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "assets/list.html")]
struct ListPage {
    c: Chrome,
    unit: String,
    lines: Vec<AssetLine>,
}

/// `GET /seized-assets?unit=`: the assets of a unit's scope.
pub async fn list(State(state): State<AppState>, lang: Lang, access: Allowed<ListCases>) -> Result<Response, WebError> {
    let scope: Vec<_> = state.directory().units.scope(access.unit.id).into_iter().collect();
    let lines = state
        .blocking(move |s| {
            let store = s.store.as_ref();
            let setup = AssetSetup::load(store)?;
            let today = s.today();
            let mut out = Vec::new();
            for row in store.assets_of_units(&scope)? {
                if let Some(chain) = thads_app::assets::load(store, &setup, row.id)? {
                    let case = match row.cases.first() {
                        Some(id) => store.case(*id)?,
                        None => None,
                    };
                    out.push(line(&thads_app::assets::view(&chain, &setup, today), case.as_ref()));
                }
            }
            Ok(out)
        })
        .await?;
    let body = ListPage { c: access.user.chrome(&state, lang), unit: access.unit.code.to_string(), lines };
    Ok(body.into_response())
}

/// A deadline line as shown.
pub struct DeadlineRow {
    pub label: String,
    pub started: String,
    pub due: String,
    pub met: String,
    pub status: &'static str,
    pub status_text: &'static str,
    pub citation: String,
    pub confidence: &'static str,
}

/// A history line as shown.
pub struct HistoryRow {
    pub date: String,
    pub label: &'static str,
    pub detail: String,
    pub state: &'static str,
    pub by: String,
    pub at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assets/asset.html")]
struct AssetPage {
    c: Chrome,
    id: i64,
    case_id: i64,
    case_no: String,
    kind: &'static str,
    description: String,
    location: String,
    owner: String,
    encumbrances: String,
    seized_on: String,
    decision: String,
    cases: Vec<(i64, String)>,
    state: &'static str,
    state_code: &'static str,
    valuation: String,
    starting_price: String,
    round: u8,
    creditor_may_take: bool,
    regime: &'static str,
    coercion_costs: String,
    sale: String,
    open_auction: Option<i64>,
    deadlines: Vec<DeadlineRow>,
    history: Vec<HistoryRow>,
    may_change: bool,
    today: String,
    methods: Vec<&'static str>,
    reasons: Vec<(&'static str, &'static str)>,
    error: Option<String>,
    done: bool,
    /// Where a sale's money went in the money room.
    proceeds: Option<ProceedsLine>,
}

/// The receipt and distribution of an asset's proceeds, formatted.
pub struct ProceedsLine {
    pub receipt_href: String,
    pub receipt_number: String,
    pub amount: String,
    pub cancelled: bool,
    pub distribution: Option<i64>,
    pub costs: String,
    pub returned: String,
    /// `(case href, case number, rank, amount)`.
    pub allocations: Vec<(String, String, u8, String)>,
    pub secured: Option<String>,
}

fn proceeds_line(state: &AppState, p: &thads_app::assets::proceeds::ProceedsView) -> ProceedsLine {
    let books = state.directory().units.get(p.books).map(|u| u.code.to_string()).unwrap_or_default();
    let dong = |d: i64| fmt::money(Vnd::new(d).unwrap_or(Vnd::ZERO));
    ProceedsLine {
        receipt_href: format!("/money/receipts/{}?unit={books}", p.receipt),
        receipt_number: p.receipt_number.clone(),
        amount: dong(p.amount_vnd),
        cancelled: p.cancelled,
        distribution: p.distribution,
        costs: dong(p.costs_vnd),
        returned: dong(p.returned_vnd),
        allocations: p
            .allocations
            .iter()
            .map(|(id, no, rank, amount)| (format!("/cases/{id}"), no.clone(), *rank, dong(*amount)))
            .collect(),
        secured: p.secured_case.and_then(|id| p.allocations.iter().find(|a| a.0 == id).map(|a| a.1.clone())),
    }
}

async fn asset_page(
    state: &AppState,
    lang: Lang,
    access: &AssetAccess,
    error: Option<&WebError>,
    done: bool,
) -> Result<Response, WebError> {
    let a = access.clone();
    let (view, cases, proceeds) = state
        .blocking(move |s| {
            let store = s.store.as_ref();
            let setup = AssetSetup::load(store)?;
            // Re-read: the chain may have moved since the request's extractor read it.
            let chain = thads_app::assets::load(store, &setup, a.chain.row.id)?.ok_or(WebError::NotFound)?;
            let mut cases = Vec::new();
            for id in &chain.row.cases {
                if let Some(c) = store.case(*id)? {
                    cases.push((c.id.0, c.facts.case_no.to_string()));
                }
            }
            let proceeds = thads_app::assets::proceeds::proceeds_of(store, chain.row.id)?;
            Ok((thads_app::assets::view(&chain, &setup, s.today()), cases, proceeds))
        })
        .await?;
    let (view, cases, proceeds) = (view, cases, proceeds.map(|p| proceeds_line(state, &p)));
    let f = &access.case.facts;
    let may_change =
        access.user.may(state, thads_core::access::Action::EditCase { unit: f.unit, assigned: f.officer }).is_ok();
    let status = |d: &thads_app::assets::DeadlineLine| match (d.met_on, d.running, d.overdue, d.late) {
        (_, true, true, _) => ("overdue", lang.t("asset_st_overdue")),
        (_, true, false, _) => ("running", lang.t("asset_st_running")),
        (Some(_), _, _, true) => ("late", lang.t("asset_st_late")),
        (Some(_), _, _, false) => ("met", lang.t("asset_st_met")),
        _ => ("closed", lang.t("asset_st_closed")),
    };
    let body = AssetPage {
        c: access.user.chrome(state, lang),
        id: view.row.id.0,
        case_id: access.case.id.0,
        case_no: access.case.facts.case_no.to_string(),
        kind: view.row.kind.label_vi(),
        description: view.row.description.clone(),
        location: view.row.location.clone(),
        owner: view.row.owner.clone(),
        encumbrances: view.row.encumbrances.clone(),
        seized_on: fmt::date(view.row.seized_on),
        decision: view.row.decision.clone(),
        cases,
        state: view.state.label_vi(),
        state_code: view.state.code(),
        valuation: price(view.valuation),
        starting_price: price(view.starting_price),
        round: view.round,
        creditor_may_take: view.creditor_may_take,
        regime: view.regime.label_vi(),
        coercion_costs: fmt::money(view.coercion_costs),
        sale: match (&view.sale_price, &view.buyer) {
            (Some(p), Some(b)) => format!("{} · {b}", fmt::money(*p)),
            _ => String::new(),
        },
        open_auction: view.open_auction,
        deadlines: view
            .deadlines
            .iter()
            .rev()
            .map(|d| DeadlineRow {
                label: d.label.clone(),
                started: fmt::date(d.started_on),
                due: fmt::date(d.due),
                met: d.met_on.map(fmt::date).unwrap_or_default(),
                status: status(d).0,
                status_text: status(d).1,
                citation: d.citation.clone(),
                confidence: d.confidence,
            })
            .collect(),
        history: view
            .history
            .iter()
            .map(|h| HistoryRow {
                date: fmt::date(h.date),
                label: h.label,
                detail: h.detail.clone(),
                state: h.state_after.label_vi(),
                by: h.recorded_by.clone(),
                at: fmt::instant(h.recorded_at),
            })
            .collect(),
        may_change,
        today: fmt::date(state.today()),
        methods: ValuationMethod::ALL.iter().map(|m| m.code()).collect(),
        reasons: FailureReason::ALL.iter().map(|r| (r.code(), r.label_vi())).collect(),
        error: error.map(|e| e.message(lang)),
        done,
        proceeds,
    };
    let code = error.map_or(StatusCode::OK, WebError::status);
    Ok((code, body).into_response())
}

#[derive(Deserialize, Default)]
pub struct DoneParam {
    #[serde(default)]
    done: String,
}

/// `GET /seized-assets/{id}`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: AssetAccess,
    axum::extract::Query(p): axum::extract::Query<DoneParam>,
) -> Result<Response, WebError> {
    asset_page(&state, lang, &access, None, p.done == "1").await
}

/// The form of the next step: `action` says which, the other fields what it needs.
#[derive(Deserialize, Default, Clone)]
pub struct StepForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    session_on: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    buyer: String,
    #[serde(default)]
    decided_by: String,
    #[serde(default)]
    case_id: String,
    #[serde(default)]
    extended_until: String,
    #[serde(default)]
    requested_on: String,
    /// At the handover of a sold asset: the case whose creditor the asset secured.
    #[serde(default)]
    secured_case_id: String,
}

/// `1.000.000` or `1000000` → đồng.
fn typed_amount(text: &str) -> Result<Vnd, WebError> {
    let digits: String = text.trim().chars().filter(|c| !matches!(c, '.' | ' ' | ',')).collect();
    let n: i64 =
        digits.parse().map_err(|_| WebError::refused(format!("số tiền không hợp lệ «{text}» / invalid amount")))?;
    amount(n)
}

fn optional_amount(text: &str) -> Result<Option<i64>, WebError> {
    if text.trim().is_empty() { Ok(None) } else { typed_amount(text).map(|v| Some(v.dong())) }
}

/// The steps a form records.
fn steps_of(access: &AssetAccess, f: &StepForm, today: time::Date) -> Result<Vec<(time::Date, AssetStep)>, WebError> {
    let day = date(&f.date)?;
    let steps = match f.action.as_str() {
        "valuation" => {
            let method = ValuationMethod::parse(&f.method).map_err(|e| WebError::refused(e.to_string()))?;
            let mut steps = Vec::new();
            if !f.requested_on.trim().is_empty() {
                steps.push((date(&f.requested_on)?, AssetStep::RevaluationRequested));
            }
            steps.push((day, AssetStep::Valued { method, value: typed_amount(&f.value)? }));
            steps
        }
        "auction" => {
            let session_on = date(&f.session_on)?;
            let starting_price = typed_amount(&f.value)?;
            let mut steps = Vec::new();
            if access.chain.current().state == thads_core::assets::AssetState::Valued
                || access.chain.current().valuation.is_none()
            {
                steps.push((day, AssetStep::AuctionContracted));
            }
            steps.push((day.min(today), AssetStep::AuctionSet { session_on, starting_price }));
            steps
        }
        "outcome" => {
            let step = outcome_step(&f.outcome, Some(&f.reason), optional_amount(&f.value)?, Some(&f.buyer))?;
            vec![(day, step)]
        }
        "reduction" => {
            let decided_by = DecidedBy::parse(&f.decided_by).map_err(|e| WebError::refused(e.to_string()))?;
            vec![(day, AssetStep::Reduced { starting_price: typed_amount(&f.value)?, decided_by })]
        }
        "creditor" => {
            let case = match f.case_id.trim().parse::<i64>() {
                Ok(id) => thads_core::CaseId(id),
                Err(_) => access.case.id,
            };
            if !access.chain.row.cases.contains(&case) {
                return Err(WebError::refused(
                    "tài sản không bảo đảm cho việc này / the asset does not answer for that case",
                ));
            }
            vec![(day, AssetStep::CreditorTakes { case, by_agreement: false })]
        }
        "payment" if f.extended_until.trim().is_empty() => vec![(day, AssetStep::Paid)],
        "payment" => vec![(day, AssetStep::PaymentExtended { until: date(&f.extended_until)? })],
        "sale" => {
            let buyer = thads_core::money::Text::of(&thads_core::field::BUYER, &f.buyer)
                .map_err(|e| WebError::refused(e.to_string()))?;
            vec![(day, AssetStep::SoldWithoutAuction { price: typed_amount(&f.value)?, buyer })]
        }
        "returned" => vec![(day, AssetStep::ReturnedToDebtor)],
        "redeemed" => vec![(day, AssetStep::Redeemed)],
        other => return Err(WebError::refused(format!("bước không hợp lệ «{other}» / unknown step"))),
    };
    Ok(steps)
}

/// `POST /seized-assets/{id}/steps`: records the step of the form (a handover records the
/// proceeds on the cases too); a refused step shows the page again with the rule.
pub async fn step(
    State(state): State<AppState>,
    lang: Lang,
    AssetChange(access): AssetChange,
    CsrfForm { form, .. }: CsrfForm<StepForm>,
) -> Result<Response, WebError> {
    let result = if form.action == "handover" {
        let secured = form.secured_case_id.trim().parse::<i64>().ok();
        match date(&form.date) {
            Ok(day) => hand_over(&state, &access, day, secured).await,
            Err(e) => Err(e),
        }
    } else {
        let a = access.clone();
        let today = state.today();
        state
            .blocking(move |s| {
                let steps = steps_of(&a, &form, today)?;
                let setup = AssetSetup::load(s.store.as_ref())?;
                thads_app::assets::record_steps(s.store.as_ref(), &a.actor(s), &setup, &a.chain, &steps, "")?;
                Ok(())
            })
            .await
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/seized-assets/{}?done=1", access.chain.row.id.0))),
        Err(e @ (WebError::Refused(_) | WebError::Stale | WebError::BadRequest(_))) => {
            asset_page(&state, lang, &access, Some(&e), false).await
        }
        Err(e) => Err(e),
    }
}

/// A coercion plan as shown.
pub struct PlanRow {
    pub id: i64,
    pub starts: String,
    pub ends: String,
    pub place: String,
    pub forces: i32,
    pub costs: String,
    pub police: Vec<PoliceLine>,
}

/// A police step of a plan: its code, name, last day, and the day it was done.
pub struct PoliceLine {
    pub code: String,
    pub label: String,
    pub due: String,
    pub done: Option<String>,
    pub late: bool,
}

fn plan_row(p: &CoercionPlanRow) -> PlanRow {
    let minute = |t: time::PrimitiveDateTime| format!("{} {:02}:{:02}", fmt::date(t.date()), t.hour(), t.minute());
    PlanRow {
        id: p.id,
        starts: minute(p.plan.starts),
        ends: minute(p.plan.ends),
        place: p.plan.place.clone(),
        forces: p.plan.forces,
        costs: fmt::money(p.plan.costs),
        police: p
            .plan
            .police_steps
            .iter()
            .map(|s| {
                let label = thads_core::assets::PoliceStepKind::parse(&s.kind).map_or("", |k| k.label_vi());
                PoliceLine {
                    code: s.kind.clone(),
                    label: label.to_string(),
                    due: fmt::date(s.due),
                    done: s.done_on.map(fmt::date),
                    late: s.done_on.is_some_and(|d| d > s.due),
                }
            })
            .collect(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "assets/case.html")]
struct CasePage {
    c: Chrome,
    case_id: i64,
    case_no: String,
    debtor: String,
    lines: Vec<AssetLine>,
    plans: Vec<PlanRow>,
    may_change: bool,
    kinds: Vec<(&'static str, &'static str)>,
    today: String,
    error: Option<String>,
}

pub(super) async fn case_page(
    state: &AppState,
    lang: Lang,
    user: &User,
    case: &Case,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let id = case.id;
    let (lines, plans) = state
        .blocking(move |s| {
            let store = s.store.as_ref();
            let setup = AssetSetup::load(store)?;
            let today = s.today();
            let case = store.case(id)?;
            let mut lines = Vec::new();
            for row in store.assets_of_case(id)? {
                if let Some(chain) = thads_app::assets::load(store, &setup, row.id)? {
                    lines.push(line(&thads_app::assets::view(&chain, &setup, today), case.as_ref()));
                }
            }
            let plans = store.coercion_plans(id)?.iter().map(plan_row).collect::<Vec<_>>();
            Ok((lines, plans))
        })
        .await?;
    let f = &case.facts;
    let may_change =
        user.may(state, thads_core::access::Action::EditCase { unit: f.unit, assigned: f.officer }).is_ok();
    let body = CasePage {
        c: user.chrome(state, lang),
        case_id: case.id.0,
        case_no: f.case_no.to_string(),
        debtor: f.debtor.clone(),
        lines,
        plans,
        may_change,
        kinds: AssetKind::ALL.iter().map(|k| (k.code(), k.label_vi())).collect(),
        today: fmt::date(state.today()),
        error: error.map(|e| e.message(lang)),
    };
    let code = error.map_or(StatusCode::OK, WebError::status);
    Ok((code, body).into_response())
}

/// `GET /cases/{id}/assets`: the case's assets, its coercion plans and their forms.
pub async fn of_case(State(state): State<AppState>, lang: Lang, access: CaseAccess) -> Result<Response, WebError> {
    case_page(&state, lang, &access.user, &access.case, None).await
}

#[derive(Deserialize, Default, Clone)]
pub struct SeizeForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    encumbrances: String,
    #[serde(default)]
    seized_on: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    perishable: Option<String>,
    #[serde(default)]
    for_state_budget: Option<String>,
}

/// `POST /cases/{id}/assets`: the seizure form.
pub async fn seize(
    State(state): State<AppState>,
    lang: Lang,
    CaseEditor(access): CaseEditor,
    CsrfForm { form, .. }: CsrfForm<SeizeForm>,
) -> Result<Response, WebError> {
    let a = access.clone();
    let result = state
        .blocking(move |s| {
            let kind = AssetKind::parse(&form.kind).map_err(|e| WebError::refused(e.to_string()))?;
            let input = SeizeInput {
                cases: vec![a.case.id],
                kind,
                description: form.description,
                location: form.location,
                owner: form.owner,
                encumbrances: form.encumbrances,
                seized_on: date(&form.seized_on)?,
                decision: form.decision,
                perishable: form.perishable.is_some(),
                for_state_budget: form.for_state_budget.is_some(),
            };
            let actor = thads_app::Actor { login: a.user.staff.login.to_string(), at: s.now() };
            Ok(thads_app::assets::seize(s.store.as_ref(), &actor, &input)?)
        })
        .await;
    match result {
        Ok(id) => Ok(see_other(&format!("/seized-assets/{}?done=1", id.0))),
        Err(e @ WebError::Refused(_)) => case_page(&state, lang, &access.user, &access.case, Some(&e)).await,
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct PlanForm {
    #[serde(default)]
    starts: String,
    #[serde(default)]
    ends: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    forces: String,
    #[serde(default)]
    costs: String,
}

/// `POST /cases/{id}/coercion-plans`: a coercion plan, refused with every reason its time
/// breaks.
pub async fn plan(
    State(state): State<AppState>,
    lang: Lang,
    CaseEditor(access): CaseEditor,
    CsrfForm { form, .. }: CsrfForm<PlanForm>,
) -> Result<Response, WebError> {
    let a = access.clone();
    let result = state
        .blocking(move |s| {
            let forces = if form.forces.trim().is_empty() {
                0
            } else {
                form.forces.trim().parse().map_err(|_| WebError::refused("số người không hợp lệ / invalid number"))?
            };
            let input = CoercionInput {
                starts: instant(&form.starts)?,
                ends: instant(&form.ends)?,
                place: form.place,
                forces,
                costs: optional_amount(&form.costs)?.map_or(Ok(Vnd::ZERO), amount)?,
            };
            let actor = thads_app::Actor { login: a.user.staff.login.to_string(), at: s.now() };
            Ok(thads_app::assets::plan_coercion(s.store.as_ref(), &actor, &a.case, &input)?)
        })
        .await;
    match result {
        Ok(_) => Ok(see_other(&format!("/cases/{}/assets", access.case.id.0))),
        Err(e @ WebError::Refused(_)) => case_page(&state, lang, &access.user, &access.case, Some(&e)).await,
        Err(e) => Err(e),
    }
}

/// A row of the statistics page's section on seized assets.
pub struct MeasureLine {
    pub code: String,
    pub label: String,
    pub total: bool,
    pub assets: u32,
    pub sold: u32,
    pub median_days: String,
    pub sessions_per_sale: String,
    pub median_share: String,
    pub late_steps: u32,
}

/// The measures of a unit's assets no public system reports (issue 19): a row for the unit's
/// own assets, one per subordinate unit (its subtree), and the total; over every asset seized.
pub fn measure_lines(state: &AppState, unit: thads_core::UnitId) -> Result<Vec<MeasureLine>, WebError> {
    let directory = state.directory();
    let tree = &directory.units;
    let mut rows: Vec<(thads_core::UnitId, Vec<thads_core::UnitId>, bool)> = vec![(unit, vec![unit], false)];
    for child in tree.children(unit) {
        rows.push((child.id, tree.scope(child.id).into_iter().collect(), false));
    }
    rows.push((unit, tree.scope(unit).into_iter().collect(), true));
    let scopes: Vec<_> = rows.iter().map(|(u, s, _)| (*u, s.clone())).collect();
    let measured = thads_app::assets::measures_by_unit(state.store.as_ref(), &scopes)?;
    Ok(rows
        .iter()
        .zip(measured)
        .map(|((u, _, total), m)| {
            let s = m.summary;
            let code = tree.get(*u).map(|x| x.code.to_string()).unwrap_or_default();
            MeasureLine {
                label: if *total { "Tổng / Total".to_string() } else { directory.unit_label(*u) },
                code,
                total: *total,
                assets: s.assets,
                sold: s.sold,
                median_days: s.median_days_to_sale.map(|d| d.to_string()).unwrap_or_default(),
                sessions_per_sale: if s.sold == 0 {
                    String::new()
                } else {
                    format!("{:.1}", f64::from(s.sessions_of_sold) / f64::from(s.sold)).replace('.', ",")
                },
                median_share: fmt::rate(s.median_price_share),
                late_steps: s.late_steps,
            }
        })
        .collect())
}
