//! The pages of cases. The list: the reader's unit scope, filters, sort, pages, and search
//! without diacritics. The case page: parties, obligation, money, its current legal deadlines,
//! the dated history as a timeline, and the events the case's state allows as a form with inline
//! errors; a record in force can be corrected (a new record with new values supersedes it) or
//! voided, with a note.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::Changed;
use thads_core::access::Action;
use thads_core::{CaseState, Category, Closing, EventCode, Origin, field};

use super::changes::{self, EventInput};
use super::edit::{may_edit, may_reassign};
use super::intake::TakeIn;
use super::listing::{CaseRow, ListCases, ListParams, PageLink, counted, found_text};
use super::view::{Detail, TimelineItem, detail, ordered};
use crate::accounts::{Allowed, CaseAccess, CaseChange};
use crate::chrome::Chrome;
use crate::chrome::Flash;
use crate::deadlines::{self, DueLine};
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::state::AppState;

/// `(code, label)` choices of a select.
pub type Choices = Vec<(String, String)>;

#[derive(Template, WebTemplate)]
#[template(path = "cases/list.html")]
struct CasesPage {
    c: Chrome,
    /// Whether the reader may take in cases in this unit (a link to the intake form).
    may_take_in: bool,
    p: ListParams,
    unit: String,
    rows: Vec<CaseRow>,
    /// «Tìm thấy 12 việc».
    found: String,
    pages: Vec<Option<PageLink>>,
    prev: Option<String>,
    next: Option<String>,
    states: Choices,
    origins: Choices,
    categories: Choices,
    sorts: Choices,
}

fn state_choices(lang: Lang) -> Choices {
    let mut out = vec![("open".to_string(), lang.t("open").to_string()), ("closed".into(), lang.t("closed").into())];
    let open = [CaseState::Opened, CaseState::WithMeans, CaseState::WithoutMeans];
    let held = [CaseState::Postponed(None), CaseState::Suspended(None)];
    for s in open.into_iter().chain(held).chain(Closing::ALL.into_iter().map(CaseState::Closed)) {
        out.push((s.code().to_string(), lang.pick(s.label_vi(), s.label_en()).to_string()));
    }
    out
}

#[derive(Template, WebTemplate)]
#[template(path = "cases/case.html")]
struct CasePage {
    c: Chrome,
    id: i64,
    version: i64,
    case_no: String,
    unit: String,
    officer: String,
    debtor: String,
    creditor: String,
    origin: String,
    judgment: String,
    categories: String,
    accepted_on: String,
    amount: String,
    collected: String,
    reduced: String,
    outstanding: String,
    state: String,
    timeline: Vec<TimelineItem>,
    /// `(code, label)` of the events offered.
    actions: Vec<(String, String)>,
    /// `(code, label)` of every event this reader may record on the case, for corrections
    /// (whether the corrected history holds is checked when it is sent).
    codes: Vec<(String, String)>,
    may_audit: bool,
    deadlines: Vec<DueLine>,
    /// The legal grounds each event may cite, offered as a choice.
    grounds: Vec<GroundGroup>,
    form: RecordForm,
    error: Option<String>,
    /// Identity numbers, addresses, the judgment and the request, as `(id, label, value)`.
    details: Vec<(&'static str, &'static str, String)>,
    may_edit: bool,
    /// `(login, label)` of who the case may be assigned to, when the reader may reassign it.
    officers: Option<Vec<(String, String)>>,
    officer_login: String,
    /// Exemption or reduction (state-budget obligations): eligibility, proposals, forms.
    exemption: Option<crate::exemption::pages::CaseSection>,
    /// The lookup code for the parties (its view of the page logged).
    portal: super::lookup::CaseSection,
    /// The documents issued, their downloads, and the forms to draft and issue one.
    docs: crate::documents::CaseDocuments,
}

/// The posted record form (also its values shown back after an error).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RecordForm {
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub ground: String,
    #[serde(default)]
    pub note: String,
}

impl RecordForm {
    /// The event typed in, its note cleaned (`field::NOTE`: size, invisible characters).
    fn input(&self) -> Result<EventInput, WebError> {
        Ok(EventInput {
            date: self.date.clone(),
            code: self.code.clone(),
            amount: Some(self.amount.clone()),
            ground: self.ground.clone(),
            note: field::NOTE.clean(&self.note)?,
        })
    }
}

/// The history in the reader's language: the case view words it in Vietnamese (the API's
/// labels), an English page names each event and state in English.
fn in_language(timeline: Vec<TimelineItem>, lang: Lang) -> Vec<TimelineItem> {
    if lang == Lang::Vi {
        return timeline;
    }
    let states: Vec<CaseState> = [CaseState::Opened, CaseState::WithMeans, CaseState::WithoutMeans]
        .into_iter()
        .chain([CaseState::Postponed(None), CaseState::Suspended(None)])
        .chain(Closing::ALL.into_iter().map(CaseState::Closed))
        .collect();
    let english = |vi: &str| states.iter().find(|s| s.label_vi() == vi).map_or(vi, |s| s.label_en()).to_string();
    timeline
        .into_iter()
        .map(|item| TimelineItem {
            label: match EventCode::parse(&item.code) {
                Ok(code) => code.label_en().to_string(),
                Err(_) if item.code == "void" => "Record voided".to_string(),
                Err(_) => item.label.clone(),
            },
            state_after: item.state_after.as_deref().map(english),
            ..item
        })
        .collect()
}

/// What the page shows of a case: its detail and its current deadlines.
type Loaded = (Detail, Vec<DueLine>, Option<crate::exemption::pages::CaseSection>, super::lookup::CaseSection);

fn load(state: &AppState, access: &CaseAccess, lang: Lang) -> Result<Loaded, WebError> {
    let exemption = crate::exemption::pages::case_section(state, access, lang)?;
    let portal = super::lookup::case_section(state, access)?;
    Ok((detail(state, access)?, deadlines::of_case(state, &access.case, state.today())?, exemption, portal))
}

fn page(
    state: &AppState,
    access: &CaseAccess,
    lang: Lang,
    (d, deadlines, exemption, portal): Loaded,
    form: RecordForm,
    error: Option<String>,
) -> CasePage {
    let directory = state.directory();
    let f = &d.case.facts;
    let form = RecordForm { date: if form.date.is_empty() { fmt::date(state.today()) } else { form.date }, ..form };
    let may_audit = access.user.may(state, Action::ViewAudit { unit: f.unit }).is_ok();
    let officers = may_reassign(state, access).is_ok().then(|| {
        let all = directory.assignable(f.unit).into_iter();
        all.map(|s| (s.login.to_string(), format!("{} ({})", s.full_name, s.login))).collect()
    });
    CasePage {
        exemption,
        portal,
        docs: crate::documents::case_documents(state, access, lang, &d.documents),
        details: details_shown(&d.details, lang),
        may_edit: may_edit(state, access).is_ok(),
        officers,
        officer_login: f.officer.and_then(|o| directory.staff.get(&o)).map(|s| s.login.to_string()).unwrap_or_default(),
        c: access.user.chrome(state, lang),
        id: d.case.id.0,
        version: d.case.version,
        case_no: f.case_no.to_string(),
        unit: directory.unit_label(f.unit),
        officer: directory.staff_name(f.officer),
        debtor: f.debtor.clone(),
        creditor: f.creditor.clone(),
        origin: lang.pick(f.origin.label_vi(), f.origin.label_en()).into(),
        judgment: lang.pick(f.judgment_type.label_vi(), f.judgment_type.label_en()).into(),
        categories: f.categories.iter().map(|c| lang.pick(c.label_vi(), c.label_en())).collect::<Vec<_>>().join("; "),
        accepted_on: fmt::date(f.accepted_on),
        amount: fmt::money(f.amount),
        collected: fmt::money(d.case.current.collected),
        reduced: fmt::money(d.case.current.reduced),
        outstanding: fmt::money(d.case.current.outstanding),
        state: lang.pick(d.case.current.state.label_vi(), d.case.current.state.label_en()).into(),
        timeline: in_language(ordered(&d), lang).into_iter().map(|i| named_changes(i, lang)).collect(),
        codes: EventCode::ALL
            .into_iter()
            .filter(|c| access.may_record(state, *c).is_ok())
            .map(|c| (c.code().to_string(), lang.pick(c.label_vi(), c.label_en()).to_string()))
            .collect(),
        actions: d
            .allowed
            .iter()
            .map(|c| (c.code().to_string(), lang.pick(c.label_vi(), c.label_en()).to_string()))
            .collect(),
        may_audit,
        deadlines,
        grounds: ground_groups(lang),
        form,
        error,
    }
}

/// The grounds of one event, as a group of the ground's choice.
pub struct GroundGroup {
    pub event: &'static str,
    pub label: &'static str,
    /// `(ground, name, citation)`.
    pub options: Vec<(String, String, String)>,
}

/// Every event's grounds the rules know (`thads_core::grounds`), in the reader's language.
fn ground_groups(lang: Lang) -> Vec<GroundGroup> {
    let rules = thads_core::grounds::GroundRules::built_in();
    EventCode::ALL
        .into_iter()
        .map(|code| GroundGroup {
            event: code.code(),
            label: lang.pick(code.label_vi(), code.label_en()),
            options: rules
                .for_event(code)
                .map(|g| (g.ground.to_string(), lang.pick(&g.name_vi, &g.name_en).to_string(), g.citation.clone()))
                .collect(),
        })
        .filter(|g| !g.options.is_empty())
        .collect()
}

/// A change of facts says which facts it changed, in the reader's words, after its reason.
fn named_changes(mut item: TimelineItem, lang: Lang) -> TimelineItem {
    if item.changed.is_empty() {
        return item;
    }
    let names: Vec<&str> = item.changed.iter().map(|f| fact_label(f, lang)).collect();
    item.note = format!("{} ({})", item.note, names.join(", "));
    item
}

/// The words for a fact of a case, by its API name.
fn fact_label(field: &str, lang: Lang) -> &'static str {
    match field {
        "case_no" => lang.t("case_no"),
        "accepted_on" => lang.t("accepted_on"),
        "origin" => lang.t("origin"),
        "received_by_delegation" => lang.t("delegation"),
        "judgment_type" => lang.t("judgment_type"),
        "categories" => lang.t("category"),
        "amount_vnd" => lang.t("amount"),
        "debtor" => lang.t("debtor"),
        "debtor_id" => lang.t("debtor_id"),
        "debtor_address" => lang.t("debtor_address"),
        "creditor" => lang.t("creditor"),
        "creditor_id" => lang.t("creditor_id"),
        "creditor_address" => lang.t("creditor_address"),
        "judgment_court" | "judgment_no" | "judgment_date" => lang.t("judgment"),
        "request_date" | "request_by" => lang.t("request"),
        "officer" => lang.t("officer"),
        _ => lang.t("fact_other"),
    }
}

/// The details a case has, as `(id, label, value)` lines of its page.
fn details_shown(d: &thads_core::CaseDetails, lang: Lang) -> Vec<(&'static str, &'static str, String)> {
    let mut out = Vec::new();
    let mut line = |id: &'static str, label: &'static str, value: String| {
        if !value.is_empty() {
            out.push((id, label, value));
        }
    };
    line("debtor_id", lang.t("debtor_id"), d.debtor_id.as_ref().map(|i| i.to_string()).unwrap_or_default());
    line("debtor_address", lang.t("debtor_address"), d.debtor_address.clone());
    line("creditor_id", lang.t("creditor_id"), d.creditor_id.as_ref().map(|i| i.to_string()).unwrap_or_default());
    line("creditor_address", lang.t("creditor_address"), d.creditor_address.clone());
    if let Some(j) = &d.judgment {
        line("judgment", lang.t("judgment"), format!("{} · {} · {}", j.number, fmt::date(j.date), j.court));
    }
    if let Some(r) = &d.request {
        line("request", lang.t("request"), format!("{} · {}", fmt::date(r.date), r.requester));
    }
    out
}

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ListCases>,
    Query(p): Query<ListParams>,
) -> Result<Response, WebError> {
    let directory = state.directory();
    let query = p.query(&access.unit, &directory, state.config.page_size)?;
    let page_no = p.page()?;
    let found = state.blocking(move |s| Ok(s.store.list_cases(&query)?)).await?;
    let rows = found.cases.iter().map(|c| CaseRow::of(c, &directory, lang)).collect();
    let may_take_in = access.user.may(&state, <TakeIn as crate::accounts::Need>::action(access.unit.id)).is_ok();
    let page = CasesPage {
        may_take_in,
        c: access.user.chrome(&state, lang),
        unit: access.unit.code.to_string(),
        rows,
        found: found_text(counted(&found), lang),
        pages: p.page_links(page_no, state.config.page_size, counted(&found), found.more),
        prev: (page_no > 1).then(|| p.with_page(page_no - 1)),
        next: found.more.then(|| p.with_page(page_no + 1)),
        states: state_choices(lang),
        origins: Origin::ALL.iter().map(|o| (o.code().into(), lang.pick(o.label_vi(), o.label_en()).into())).collect(),
        categories: Category::ALL
            .iter()
            .map(|o| (o.code().into(), lang.pick(o.label_vi(), o.label_en()).into()))
            .collect(),
        sorts: [
            ("newest", lang.t("sort_newest")),
            ("accepted_desc", lang.t("sort_accepted_desc")),
            ("accepted_asc", lang.t("sort_accepted_asc")),
            ("outstanding", lang.t("sort_outstanding")),
        ]
        .map(|(code, label)| (code.to_string(), label.to_string()))
        .into(),
        p,
    };
    Ok(page.into_response())
}

pub async fn show(State(state): State<AppState>, lang: Lang, access: CaseAccess) -> Result<Response, WebError> {
    let a = access.clone();
    let d = state.blocking(move |s| load(s, &a, lang)).await?;
    Ok(page(&state, &access, lang, d, RecordForm::default(), None).into_response())
}

pub async fn record(
    State(state): State<AppState>,
    lang: Lang,
    CaseChange { access, form }: CaseChange<RecordForm>,
) -> Result<Response, WebError> {
    let (a, f) = (access.clone(), form.clone());
    let result = state.blocking(move |s| changes::record(s, &a, Some(f.version), &f.input()?)).await;
    outcome(state, lang, access, result, form).await
}

#[derive(Debug, Clone, Deserialize)]
pub struct VoidForm {
    version: i64,
    record: i64,
    #[serde(default)]
    note: String,
}

pub async fn void(
    State(state): State<AppState>,
    lang: Lang,
    CaseChange { access, form }: CaseChange<VoidForm>,
) -> Result<Response, WebError> {
    let a = access.clone();
    let result =
        state.blocking(move |s| changes::void(s, &a, form.version, form.record, &field::NOTE.clean(&form.note)?)).await;
    outcome(state, lang, access, result, RecordForm::default()).await
}

/// A correction: the record it replaces and the new values (fields spelled out: a flattened
/// struct would read every value as text and refuse the numbers).
#[derive(Debug, Clone, Deserialize)]
pub struct CorrectForm {
    version: i64,
    record: i64,
    #[serde(default)]
    code: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    ground: String,
    #[serde(default)]
    note: String,
}

impl CorrectForm {
    fn values(&self) -> RecordForm {
        let (code, date, amount) = (self.code.clone(), self.date.clone(), self.amount.clone());
        RecordForm { version: self.version, code, date, amount, ground: self.ground.clone(), note: self.note.clone() }
    }
}

pub async fn correct(
    State(state): State<AppState>,
    lang: Lang,
    CaseChange { access, form }: CaseChange<CorrectForm>,
) -> Result<Response, WebError> {
    let (a, f) = (access.clone(), form.clone());
    let result = state.blocking(move |s| changes::correct(s, &a, f.version, f.record, &f.values().input()?)).await;
    outcome(state, lang, access, result, RecordForm::default()).await
}

/// Back to the case after a change, or the case again with the refusal in words (and the
/// values of a refused new record, to fix and send again).
async fn outcome(
    state: AppState,
    lang: Lang,
    access: CaseAccess,
    result: Result<Changed, WebError>,
    form: RecordForm,
) -> Result<Response, WebError> {
    match result {
        Ok(_) => Ok(see_other_saying(&format!("/cases/{}", access.case.id.0), Flash::Saved)),
        Err(
            e @ (WebError::Refused(_)
            | WebError::Stale
            | WebError::AlreadySuperseded { .. }
            | WebError::Forbidden(_)
            | WebError::PeriodClosed { .. }),
        ) => {
            let a = access.clone();
            let d = state.blocking(move |s| load(s, &a, lang)).await?;
            let body = page(&state, &access, lang, d, form, Some(e.message(lang)));
            Ok((e.status(), body).into_response())
        }
        Err(e) => Err(e),
    }
}
