//! The pages of exemption and reduction: the section of the case page (eligibility today with
//! each condition, its reason and citation; the case's proposals; the forms to propose, to
//! record the court's decision and to record its effect), `POST /cases/{id}/exemption`,
//! `POST /cases/{id}/exemption/{proposal}/decision`, `POST …/apply`, the register of a
//! unit's scope with its figures (`GET /exemptions?unit=&year=`) and its XLSX export.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Deserialize;
use thads_app::Actor;
use thads_app::deadlines::DeadlineSetup;
use thads_app::exemption::{DecisionInput, ProposalInput, effect_of, eligibility_of, proposals_of, stats_of};
use thads_core::ReportingYear;
use thads_core::dates::{format_iso, parse_date};
use thads_core::exemption::{CourtDecision, CourtResult, ProposalId, ReliefKind, ReliefStats};
use thads_core::{CaseId, Vnd};
use thads_store::ProposalRecord;
use time::Date;

use super::{ViewProposals, may_propose};
use crate::accounts::{Allowed, CaseAccess, CaseChange};
use crate::admin_judgments::pages::xlsx;
use crate::chrome::{Chrome, Flash};
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::refusal::Refusal;
use crate::state::AppState;

pub struct ReasonRow {
    pub met: bool,
    pub detail: String,
    pub citation: String,
}

pub struct ProposalRow {
    pub id: i64,
    pub case_id: i64,
    pub case_no: String,
    pub unit: String,
    pub proposed_on: String,
    pub kind: &'static str,
    pub amount: String,
    pub procuracy_on: String,
    /// The decision as a line: number, day, result (empty while awaited).
    pub decision: String,
    pub effective_on: String,
    pub applied_on: String,
    /// Awaiting a (first, or after protest) decision.
    pub open: bool,
    /// Decided, in effect by today, not yet recorded on the case.
    pub to_apply: bool,
}

/// The exemption section of a case page.
pub struct CaseSection {
    pub eligible: bool,
    pub kind: &'static str,
    pub max: String,
    pub remainder: String,
    pub reasons: Vec<ReasonRow>,
    pub citation: String,
    pub eligible_from: String,
    pub must_verify: bool,
    pub proposals: Vec<ProposalRow>,
    pub may_propose: bool,
    pub today: String,
}

fn kind_key(kind: ReliefKind) -> &'static str {
    match kind {
        ReliefKind::Mien => "ex_kind_mien",
        ReliefKind::Giam => "ex_kind_giam",
    }
}

fn result_line(r: CourtResult) -> (&'static str, String) {
    match r {
        CourtResult::Mien => ("ex_result_mien", String::new()),
        CourtResult::Giam(v) => ("ex_result_giam", fmt::money(v)),
        CourtResult::Rejected => ("ex_result_rejected", String::new()),
    }
}

fn proposal_row(
    p: &ProposalRecord,
    case_no: String,
    unit: String,
    today: Date,
    lang: Lang,
    setup: &DeadlineSetup,
) -> ProposalRow {
    let (decision, effective, to_apply) = match &p.decision {
        None => (String::new(), None, false),
        Some(d) => {
            let (key, amount) = result_line(d.decision.result);
            let protested =
                if d.decision.protested { format!(" · {}", lang.t("ex_protested")) } else { String::new() };
            let line =
                format!("{} {} — {} {amount}{protested}", d.decision_no, fmt::date(d.decision.decided_on), lang.t(key));
            let effect = effect_of(&d.decision, &setup.calendar);
            let due = effect.event.as_ref().is_some_and(|e| e.date <= today) && p.applied_on.is_none();
            (line, effect.effective_on, due)
        }
    };
    ProposalRow {
        id: p.id.0,
        case_id: p.case_id.0,
        case_no,
        unit,
        proposed_on: fmt::date(p.proposed_on),
        kind: lang.t(kind_key(p.kind)),
        amount: fmt::money(p.amount),
        procuracy_on: p.procuracy_on.map_or_else(String::new, fmt::date),
        decision,
        effective_on: effective.map_or_else(String::new, fmt::date),
        applied_on: p.applied_on.map_or_else(String::new, fmt::date),
        open: p.decision.as_ref().is_none_or(|d| d.decision.protested),
        to_apply,
    }
}

/// The section of the case page, read in a blocking task with the case page's data; `None`
/// for a case that is not a state-budget obligation and was never proposed.
pub fn case_section(state: &AppState, access: &CaseAccess, lang: Lang) -> Result<Option<CaseSection>, WebError> {
    let today = state.today();
    let store = state.store.as_ref();
    // Most cases are not owed to the state budget: no replay for them.
    let budget = access.case.facts.categories.contains(thads_core::Category::NganSach);
    if !budget && store.proposals_of_case(access.case.id)?.is_empty() {
        return Ok(None);
    }
    let setup = DeadlineSetup::load(store)?;
    let (case, e, proposals) = eligibility_of(store, &state.rules, &setup.calendar, access.case.id, today, today)?;
    let unit = state.directory().unit_label(case.facts.unit);
    Ok(Some(CaseSection {
        eligible: e.eligible,
        kind: e.kind.map_or("", |k| lang.t(kind_key(k))),
        max: e.max_reduction.map_or_else(String::new, fmt::money),
        remainder: fmt::money(e.remainder),
        reasons: e
            .reasons
            .iter()
            .map(|f| ReasonRow { met: f.met, detail: f.detail.clone(), citation: f.citation.clone() })
            .collect(),
        citation: e.citation.clone().unwrap_or_default(),
        eligible_from: e.eligible_from.map_or_else(String::new, fmt::date),
        must_verify: e.must_verify,
        proposals: proposals
            .iter()
            .map(|p| proposal_row(p, case.facts.case_no.to_string(), unit.clone(), today, lang, &setup))
            .collect(),
        may_propose: may_propose(state, access).is_ok(),
        today: format_iso(today),
    }))
}

fn refuse(field: &'static str, message: impl Into<String>) -> WebError {
    WebError::Refused(Refusal::of_field(field, message))
}

fn day(field: &'static str, text: &str) -> Result<Date, WebError> {
    parse_date(text.trim()).map_err(|_| refuse(field, format!("ngày không hợp lệ «{}» / not a date", text.trim())))
}

fn optional_day(field: &'static str, text: &str) -> Result<Option<Date>, WebError> {
    Some(text.trim()).filter(|t| !t.is_empty()).map(|t| day(field, t)).transpose()
}

fn optional_money(field: &'static str, text: &str) -> Result<Option<Vnd>, WebError> {
    Some(text.trim())
        .filter(|t| !t.is_empty())
        .map(|t| Vnd::parse(t).map_err(|e| refuse(field, e.to_string())))
        .transpose()
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProposeForm {
    #[serde(default)]
    proposed_on: String,
    #[serde(default)]
    procuracy_on: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    note: String,
}

fn back(case: CaseId) -> Response {
    see_other_saying(&format!("/cases/{}#exemption", case.0), Flash::Saved)
}

/// `POST /cases/{id}/exemption`: the proposal file of an eligible case.
pub async fn propose(
    State(state): State<AppState>,
    CaseChange { access, form }: CaseChange<ProposeForm>,
) -> Result<Response, WebError> {
    may_propose(&state, &access)?;
    let input = ProposalInput {
        case_id: access.case.id,
        proposed_on: day("proposed_on", &form.proposed_on)?,
        procuracy_on: optional_day("procuracy_on", &form.procuracy_on)?,
        amount: optional_money("amount_vnd", &form.amount)?,
        note: form.note,
    };
    let actor = Actor { login: access.user.staff.login.to_string(), at: state.now() };
    state
        .blocking(move |s| {
            let setup = DeadlineSetup::load(s.store.as_ref())?;
            Ok(thads_app::exemption::propose(s.store.as_ref(), &actor, &s.rules, &setup.calendar, input)?)
        })
        .await?;
    Ok(back(access.case.id))
}

#[derive(Debug, Clone, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision_no: String,
    #[serde(default)]
    decided_on: String,
    #[serde(default)]
    result: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    received_on: String,
    #[serde(default)]
    protested: String,
    #[serde(default)]
    on_protest: String,
}

#[derive(Debug, Deserialize)]
pub struct ProposalPath {
    proposal: i64,
}

/// The proposal of the path, when it is one of the case's.
fn proposal_of_case(state: &AppState, access: &CaseAccess, id: i64) -> Result<ProposalRecord, WebError> {
    let p = state.store.proposal(ProposalId(id))?.ok_or(WebError::NotFound)?;
    if p.case_id == access.case.id { Ok(p) } else { Err(WebError::NotFound) }
}

/// `POST /cases/{id}/exemption/{proposal}/decision`: the court's decision, and its effect on
/// the case when it is in effect by today.
pub async fn decide(
    State(state): State<AppState>,
    Path(path): Path<ProposalPath>,
    CaseChange { access, form }: CaseChange<DecisionForm>,
) -> Result<Response, WebError> {
    may_propose(&state, &access)?;
    let result = match form.result.trim() {
        "mien" => CourtResult::Mien,
        "giam" => CourtResult::Giam(
            optional_money("amount_vnd", &form.amount)?
                .ok_or_else(|| refuse("amount_vnd", "cần số tiền được giảm / the amount reduced is required"))?,
        ),
        "rejected" => CourtResult::Rejected,
        other => return Err(refuse("result", format!("kết quả không hợp lệ «{other}» / mien, giam or rejected"))),
    };
    let decision = CourtDecision {
        decided_on: day("decided_on", &form.decided_on)?,
        result,
        on_protest: form.on_protest == "true",
        protested: form.protested == "true",
        received_by_higher_procuracy_on: optional_day("received_on", &form.received_on)?,
    };
    let input = DecisionInput { decision_no: form.decision_no, decision };
    let actor = Actor { login: access.user.staff.login.to_string(), at: state.now() };
    let a = access.clone();
    let today = state.today();
    state
        .blocking(move |s| {
            let p = proposal_of_case(s, &a, path.proposal)?;
            let setup = DeadlineSetup::load(s.store.as_ref())?;
            let store = s.store.as_ref();
            let decide = || thads_app::exemption::decide(store, &actor, &s.rules, &setup.calendar, p.id, input.clone());
            // A decision in effect by today changes the case: the statistics engine follows it.
            if effect_of(&input.decision, &setup.calendar).event.is_some_and(|e| e.date <= today) {
                s.engine.write(s.store.as_ref(), &s.rules, || decide()?.changed.ok_or(WebError::Internal))?;
            } else {
                decide()?;
            }
            Ok(())
        })
        .await?;
    Ok(back(access.case.id))
}

/// `POST /cases/{id}/exemption/{proposal}/apply`: records on the case a decision that has
/// taken effect since it was entered.
pub async fn apply(
    State(state): State<AppState>,
    Path(path): Path<ProposalPath>,
    CaseChange { access, .. }: CaseChange<serde_json::Map<String, serde_json::Value>>,
) -> Result<Response, WebError> {
    may_propose(&state, &access)?;
    let actor = Actor { login: access.user.staff.login.to_string(), at: state.now() };
    let a = access.clone();
    state
        .blocking(move |s| {
            let p = proposal_of_case(s, &a, path.proposal)?;
            let setup = DeadlineSetup::load(s.store.as_ref())?;
            s.engine.write(s.store.as_ref(), &s.rules, || {
                Ok(thads_app::exemption::apply_effect(s.store.as_ref(), &actor, &s.rules, &setup.calendar, p.id)?)
            })
        })
        .await?;
    Ok(back(access.case.id))
}

#[derive(Deserialize, Default)]
pub struct ListParams {
    pub year: Option<i32>,
}

#[derive(Template, WebTemplate)]
#[template(path = "exemption/list.html")]
pub struct ListPage {
    c: Chrome,
    unit: String,
    unit_name: String,
    year: i32,
    stats: ReliefStats,
    amount_proposed: String,
    amount_granted: String,
    rows: Vec<ProposalRow>,
}

async fn rows_and_stats(
    state: &AppState,
    lang: Lang,
    unit: thads_core::UnitId,
    year: ReportingYear,
) -> Result<(Vec<ProposalRow>, ReliefStats), WebError> {
    let scope: Vec<_> = state.directory().units.scope(unit).into_iter().collect();
    let period = year.cumulative(12).map_err(|e| WebError::BadRequest(e.to_string()))?;
    let today = state.today();
    state
        .blocking(move |s| {
            let store = s.store.as_ref();
            let setup = DeadlineSetup::load(store)?;
            let directory = s.directory();
            let mut rows = Vec::new();
            for p in proposals_of(store, &scope)? {
                let case_no = store.case(p.case_id)?.map_or_else(String::new, |c| c.facts.case_no.to_string());
                let unit = directory.units.get(p.unit).map_or_else(String::new, |u| u.code.to_string());
                rows.push(proposal_row(&p, case_no, unit, today, lang, &setup));
            }
            rows.reverse();
            Ok((rows, stats_of(store, &scope, period)?))
        })
        .await
}

fn year_of(state: &AppState, year: Option<i32>) -> Result<ReportingYear, WebError> {
    match year {
        Some(y) => ReportingYear::new(y).map_err(|e| WebError::BadRequest(e.to_string())),
        None => Ok(ReportingYear::containing(state.today())),
    }
}

/// `GET /exemptions?unit=&year=`: the register of proposals and its figures.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewProposals>,
    Query(p): Query<ListParams>,
) -> Result<ListPage, WebError> {
    let year = year_of(&state, p.year)?;
    let (rows, stats) = rows_and_stats(&state, lang, access.unit.id, year).await?;
    Ok(ListPage {
        c: access.user.chrome(&state, lang),
        unit: access.unit.code.to_string(),
        unit_name: access.unit.name.clone(),
        year: year.number(),
        amount_proposed: fmt::money_sum(stats.amount_proposed),
        amount_granted: fmt::money_sum(stats.amount_granted),
        stats,
        rows,
    })
}

fn workbook(rows: &[ProposalRow], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.t("ex_sheet"))?;
    let bold = Format::new().set_bold();
    let headings = [
        "case_no",
        "unit",
        "ex_proposed_on",
        "ex_kind",
        "ex_amount",
        "ex_procuracy_on",
        "ex_decision",
        "ex_effective_on",
        "ex_applied_on",
    ];
    for (col, h) in (0_u16..).zip(headings) {
        sheet.write_string_with_format(0, col, lang.t(h), &bold)?;
        sheet.set_column_width(col, if col == 6 { 40.0 } else { 16.0 })?;
    }
    for (row, r) in (1_u32..).zip(rows) {
        let cells = [
            r.case_no.as_str(),
            &r.unit,
            &r.proposed_on,
            r.kind,
            &r.amount,
            &r.procuracy_on,
            &r.decision,
            &r.effective_on,
            &r.applied_on,
        ];
        for (col, text) in (0_u16..).zip(cells) {
            sheet.write_string(row, col, text)?;
        }
    }
    sheet.autofilter(0, 0, u32::try_from(rows.len()).unwrap_or(u32::MAX - 1), 8)?;
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

/// `GET /exemptions/export?unit=&year=`: the register as XLSX.
pub async fn export(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewProposals>,
    Query(p): Query<ListParams>,
) -> Result<Response, WebError> {
    let year = year_of(&state, p.year)?;
    let (rows, _) = rows_and_stats(&state, lang, access.unit.id, year).await?;
    let listed = rows.iter().map(|r| thads_core::CaseId(r.case_id));
    crate::case_views::log_export(&state, &access.user, listed, "export:exemptions");
    let body = workbook(&rows, lang).map_err(WebError::internal)?;
    xlsx(body, &format!("thads-mien-giam-{}-{}.xlsx", access.unit.code, format_iso(state.today())))
}
