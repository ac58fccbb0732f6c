//! The register's pages: `GET /complaints` (a scope's letters, open or overdue or all, with the
//! time limit each runs under), `GET|POST /complaints/new` (register a letter), `GET
//! /complaints/{id}` (a letter, its limits, its linked letters, the forms of its next steps)
//! and `POST /complaints/{id}/step` (accept, refer, extend, resolve or withdraw).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::Actor;
use thads_app::complaints::{ComplaintSetup, LetterDue, Step, apply_step, letters_due, register};
use thads_core::access::Action;
use thads_core::complaints::{
    Channel, ComplaintId, ComplaintKind, Object, Outcome, ReferralKind, Resolution, limitation,
};
use thads_core::dates::format_vn;
use thads_store::{ComplaintRow, Referral};

use super::api::status_of;
use super::{LetterInput, RecordComplaint, ViewComplaints, bad, date_of, visible_letter};
use crate::accounts::{Allowed, CsrfForm, User};
use crate::chrome::{Chrome, Flash};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::state::AppState;

/// `(code, label)` choices of a select.
type Choices = Vec<(String, String)>;

/// One letter in a list.
pub struct LetterLine {
    pub id: i64,
    pub received_on: String,
    pub unit: String,
    pub kind: String,
    pub complainant: String,
    pub subject: String,
    pub within: bool,
    pub status: String,
    pub due: String,
    pub overdue: bool,
    pub linked: bool,
}

/// The words of a status code.
fn status_words(code: &str, lang: Lang) -> String {
    match code {
        "open" => lang.t("complaint_status_open").into(),
        "accepted" => lang.t("complaint_status_accepted").into(),
        "referred" => lang.t("complaint_status_referred").into(),
        "linked" => lang.t("complaint_status_linked").into(),
        other => Outcome::parse(other).map_or_else(|_| other.to_string(), |o| outcome_words(o, lang)),
    }
}

pub fn outcome_words(o: Outcome, lang: Lang) -> String {
    match lang {
        Lang::Vi => o.label_vi().into(),
        Lang::En => match o {
            Outcome::Dung => "Right".into(),
            Outcome::DungMotPhan => "Partly right".into(),
            Outcome::Sai => "Wrong".into(),
            Outcome::Rut => "Withdrawn".into(),
        },
    }
}

pub fn kind_words(k: ComplaintKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (k, Lang::Vi) => k.label_vi(),
        (ComplaintKind::KhieuNai, Lang::En) => "Complaint",
        (ComplaintKind::ToCao, Lang::En) => "Denunciation",
    }
}

fn channel_words(c: Channel, lang: Lang) -> &'static str {
    match (c, lang) {
        (c, Lang::Vi) => c.label_vi(),
        (Channel::TrucTiep, Lang::En) => "In person",
        (Channel::BuuChinh, Lang::En) => "By mail",
        (Channel::TrucTuyen, Lang::En) => "Online",
        (Channel::ChuyenDen, Lang::En) => "Forwarded by another body",
    }
}

fn referral_words(r: ReferralKind, lang: Lang) -> &'static str {
    match (r, lang) {
        (r, Lang::Vi) => r.label_vi(),
        (ReferralKind::ChuyenDon, Lang::En) => "Forwarded",
        (ReferralKind::HuongDan, Lang::En) => "Guided",
    }
}

fn step_words(step: &str, lang: Lang) -> &'static str {
    match step {
        "acceptance" => lang.t("complaint_step_acceptance"),
        "resolution" => lang.t("complaint_step_resolution"),
        _ => lang.t("complaint_step_referral"),
    }
}

fn line(row: &ComplaintRow, due: &[LetterDue], state: &AppState, lang: Lang) -> LetterLine {
    let f = &row.record.facts;
    let mine: Vec<&LetterDue> = due.iter().filter(|d| d.id == row.record.id.0).collect();
    let next = mine.iter().find(|d| d.overdue).or(mine.last());
    let mut subject: String = f.subject.chars().take(90).collect();
    if f.subject.chars().count() > 90 {
        subject.push('…');
    }
    LetterLine {
        id: row.record.id.0,
        received_on: format_vn(f.received_on),
        unit: state.directory().units.get(f.unit).map(|u| u.code.to_string()).unwrap_or_default(),
        kind: kind_words(f.matter.kind(), lang).into(),
        complainant: f.complainant.clone(),
        subject,
        within: f.within_authority,
        status: status_words(&status_of(row), lang),
        due: next.map(|d| format!("{} ({})", format_vn(d.due), step_words(d.step, lang))).unwrap_or_default(),
        overdue: mine.iter().any(|d| d.overdue),
        linked: f.same_matter_as.is_some(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/list.html")]
struct ListPage {
    c: Chrome,
    unit: String,
    unit_name: String,
    show: String,
    rows: Vec<LetterLine>,
    may_record: bool,
    overdue: usize,
}

#[derive(Deserialize, Default)]
pub struct ListParams {
    /// open (default), overdue or all
    #[serde(default)]
    show: String,
}

/// `GET /complaints?unit=&show=open|overdue|all`.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewComplaints>,
    Query(p): Query<ListParams>,
) -> Result<Response, WebError> {
    let show = match p.show.trim() {
        "" | "open" => "open",
        "overdue" => "overdue",
        "all" => "all",
        other => return Err(WebError::BadRequest(format!("show: «{other}»"))),
    };
    let unit = access.unit.id;
    let today = state.today();
    let (rows, due) = state
        .blocking(move |s| {
            let directory = s.directory();
            let scope = directory.units.scope(unit);
            let mut rows: Vec<ComplaintRow> =
                s.store.complaints()?.into_iter().filter(|r| scope.contains(&r.record.facts.unit)).collect();
            rows.reverse();
            let setup = ComplaintSetup::load(s.store.as_ref())?;
            let due = letters_due(&rows, &setup, &directory.units, today);
            Ok((rows, due))
        })
        .await?;
    let overdue = rows.iter().filter(|r| due.iter().any(|d| d.id == r.record.id.0 && d.overdue)).count();
    let lines: Vec<LetterLine> = rows
        .iter()
        .filter(|r| match show {
            "open" => r.record.progress.resolution.is_none() && r.record.progress.referred_on.is_none(),
            "overdue" => due.iter().any(|d| d.id == r.record.id.0 && d.overdue),
            _ => true,
        })
        .take(1000)
        .map(|r| line(r, &due, &state, lang))
        .collect();
    let may_record = access.user.may(&state, Action::RecordComplaint { unit }).is_ok();
    Ok(ListPage {
        c: access.user.chrome(&state, lang),
        unit: access.unit.code.to_string(),
        unit_name: access.unit.name.clone(),
        show: show.into(),
        rows: lines,
        may_record,
        overdue,
    }
    .into_response())
}

/// What the registration form offers.
pub struct LetterChoices {
    pub kinds: Choices,
    pub channels: Choices,
    pub objects: Choices,
}

impl LetterChoices {
    fn new(lang: Lang) -> LetterChoices {
        LetterChoices {
            kinds: ComplaintKind::ALL.iter().map(|k| (k.code().into(), kind_words(*k, lang).into())).collect(),
            channels: Channel::ALL.iter().map(|c| (c.code().into(), channel_words(*c, lang).into())).collect(),
            objects: Object::ALL.iter().map(|o| (o.code().into(), o.label_vi().into())).collect(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/new.html")]
struct NewPage {
    c: Chrome,
    unit: String,
    unit_label: String,
    form: LetterInput,
    choices: LetterChoices,
    error: Option<String>,
}

fn new_page(
    state: &AppState,
    user: &User,
    lang: Lang,
    unit: &thads_core::Unit,
    form: LetterInput,
    error: Option<&WebError>,
) -> Response {
    let body = NewPage {
        c: user.chrome(state, lang),
        unit: unit.code.to_string(),
        unit_label: format!("{} — {}", unit.code, unit.name),
        form,
        choices: LetterChoices::new(lang),
        error: error.map(|e| e.message(lang)),
    };
    match error {
        Some(e) => (e.status(), body).into_response(),
        None => body.into_response(),
    }
}

/// `GET /complaints/new?unit=&session_id=`: the form, today's date filled in.
pub async fn form(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<RecordComplaint>,
    Query(p): Query<SessionParam>,
) -> Result<Response, WebError> {
    let form = LetterInput {
        received_on: format_vn(state.today()),
        kind: "khieu_nai".into(),
        channel: if p.session_id.is_empty() { String::new() } else { "truc_tiep".into() },
        session_id: p.session_id,
        ..LetterInput::default()
    };
    Ok(new_page(&state, &access.user, lang, &access.unit, form, None))
}

#[derive(Deserialize, Default)]
pub struct SessionParam {
    #[serde(default)]
    session_id: String,
}

/// `POST /complaints/new?unit=`: the letter's page, or the form again with the refusal.
pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<RecordComplaint>,
    CsrfForm { form, .. }: CsrfForm<LetterInput>,
) -> Result<Response, WebError> {
    let (user, unit, input) = (access.user.clone(), access.unit.clone(), form.clone());
    let result = state
        .blocking(move |s| {
            let letter = input.parse(s, &user, &unit)?;
            let actor = Actor { login: user.staff.login.to_string(), at: s.now() };
            Ok(register(s.store.as_ref(), &actor, &s.directory().units, letter)?)
        })
        .await;
    match result {
        Ok(done) => Ok(see_other_saying(&format!("/complaints/{}", done.id.0), Flash::Saved)),
        Err(e @ (WebError::Refused(_) | WebError::Forbidden(_))) => {
            Ok(new_page(&state, &access.user, lang, &access.unit, form, Some(&e)))
        }
        Err(e) => Err(e),
    }
}

/// A linked letter on a letter's page.
pub struct LinkLine {
    pub id: i64,
    pub received_on: String,
    pub what: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/show.html")]
struct ShowPage {
    c: Chrome,
    id: i64,
    unit: String,
    kind: String,
    level: &'static str,
    object: String,
    channel: String,
    received_on: String,
    complainant: String,
    subject: String,
    case_id: Option<i64>,
    act_on: String,
    within: bool,
    late: bool,
    limitation: String,
    status: String,
    accepted_on: String,
    referral: String,
    extension_days: u16,
    resolution: String,
    same_matter_as: Option<i64>,
    first_decision_of: Option<i64>,
    session: Option<i64>,
    links: Vec<LinkLine>,
    due: Vec<DueLine>,
    may_record: bool,
    can_accept: bool,
    can_refer: bool,
    can_extend: bool,
    can_resolve: bool,
    outcomes: Choices,
    referrals: Choices,
    today: String,
    error: Option<String>,
}

pub struct DueLine {
    pub step: &'static str,
    pub due: String,
    pub overdue: bool,
    pub citation: String,
}

async fn show_page(
    state: &AppState,
    user: &User,
    lang: Lang,
    id: i64,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let today = state.today();
    let (u, s2) = (user.clone(), state.clone());
    let (row, due, all) = s2
        .blocking(move |s| {
            let row = visible_letter(s, &u, id)?;
            let setup = ComplaintSetup::load(s.store.as_ref())?;
            let due = letters_due(std::slice::from_ref(&row), &setup, &s.directory().units, today);
            let late = limitation(&row.record.facts, &setup.limits, setup.calendar())
                .map(|l| (l.due, l.limit.citation.clone()));
            let all = s.store.complaints()?;
            Ok((row, (due, late), all))
        })
        .await?;
    let (due, late) = due;
    let f = &row.record.facts;
    let p = &row.record.progress;
    let may_record = user.may(state, Action::RecordComplaint { unit: f.unit }).is_ok();
    let open = p.resolution.is_none() && f.same_matter_as.is_none();
    let links = all
        .iter()
        .filter(|r| user.may(state, Action::ViewComplaints { unit: r.record.facts.unit }).is_ok())
        .filter_map(|r| {
            let what = if r.record.facts.same_matter_as == Some(ComplaintId(id)) {
                lang.t("complaint_repeat_letter")
            } else if r.first_decision_of == Some(ComplaintId(id)) {
                lang.t("complaint_second_level")
            } else {
                return None;
            };
            Some(LinkLine { id: r.record.id.0, received_on: format_vn(r.record.facts.received_on), what })
        })
        .collect();
    let object = match f.matter {
        thads_core::complaints::Matter::KhieuNai { object, .. } => object.label_vi().to_string(),
        thads_core::complaints::Matter::ToCao { .. } => String::new(),
    };
    let body = ShowPage {
        c: user.chrome(state, lang),
        id,
        unit: state.directory().unit_label(f.unit),
        kind: kind_words(f.matter.kind(), lang).into(),
        level: match f.matter.level() {
            thads_core::complaints::Level::First => lang.t("complaint_level_first"),
            thads_core::complaints::Level::Second => lang.t("complaint_level_second"),
        },
        object,
        channel: channel_words(f.channel, lang).into(),
        received_on: format_vn(f.received_on),
        complainant: f.complainant.clone(),
        subject: f.subject.clone(),
        case_id: f.case_id.map(|c| c.0),
        act_on: f.act_on.map(format_vn).unwrap_or_default(),
        within: f.within_authority,
        late: late.as_ref().is_some_and(|(d, _)| f.received_on > *d),
        limitation: late.map(|(d, c)| format!("{} — {c}", format_vn(d))).unwrap_or_default(),
        status: status_words(&status_of(&row), lang),
        accepted_on: p.accepted_on.map(format_vn).unwrap_or_default(),
        referral: match (&row.referral, p.referred_on) {
            (Some(r), Some(d)) => format!("{} {} — {}", referral_words(r.kind, lang), format_vn(d), r.to),
            _ => String::new(),
        },
        extension_days: p.extension_days,
        resolution: p
            .resolution
            .map(|r| format!("{} — {}", format_vn(r.date), outcome_words(r.outcome, lang)))
            .unwrap_or_default(),
        same_matter_as: f.same_matter_as.map(|c| c.0),
        first_decision_of: row.first_decision_of.map(|c| c.0),
        session: row.session.map(|s| s.0),
        links,
        due: due
            .iter()
            .map(|d| DueLine {
                step: step_words(d.step, lang),
                due: format_vn(d.due),
                overdue: d.overdue,
                citation: d.citation.clone(),
            })
            .collect(),
        may_record,
        can_accept: may_record && open && f.within_authority && p.accepted_on.is_none(),
        can_refer: may_record && open && !f.within_authority && p.referred_on.is_none(),
        can_extend: may_record && open && f.within_authority,
        // A letter outside authority is only withdrawn here (before it is referred).
        can_resolve: may_record && open && (f.within_authority || p.referred_on.is_none()),
        outcomes: Outcome::ALL
            .iter()
            .filter(|o| f.within_authority || **o == Outcome::Rut)
            .map(|o| (o.code().into(), outcome_words(*o, lang)))
            .collect(),
        referrals: ReferralKind::ALL.iter().map(|r| (r.code().into(), referral_words(*r, lang).into())).collect(),
        today: format_vn(today),
        error: error.map(|e| e.message(lang)),
    };
    Ok(match error {
        Some(e) => (e.status(), body).into_response(),
        None => body.into_response(),
    })
}

/// `GET /complaints/{id}`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    user: User,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    show_page(&state, &user, lang, id, None).await
}

/// The step form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StepForm {
    /// accept, refer, extend, resolve
    #[serde(default)]
    step: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    referral: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    outcome: String,
}

impl StepForm {
    fn parse(&self) -> Result<Step, WebError> {
        Ok(match self.step.trim() {
            "accept" => Step::Accept { date: date_of("date", &self.date)? },
            "refer" => Step::Refer {
                date: date_of("date", &self.date)?,
                referral: Referral {
                    kind: ReferralKind::parse(&self.referral).map_err(|e| bad("referral", e.to_string()))?,
                    to: self.to.clone(),
                },
            },
            "extend" => Step::Extend {
                days: self.days.trim().parse().map_err(|_| bad("days", format!("«{}»: 1–30", self.days.trim())))?,
            },
            "resolve" => Step::Resolve(Resolution {
                date: date_of("date", &self.date)?,
                outcome: Outcome::parse(&self.outcome).map_err(|e| bad("outcome", e.to_string()))?,
            }),
            other => return Err(WebError::BadRequest(format!("step: «{other}»"))),
        })
    }
}

/// `POST /complaints/{id}/step`: the letter's page again, saying saved or why not.
pub async fn step(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
    CsrfForm { user, form }: CsrfForm<StepForm>,
) -> Result<Response, WebError> {
    let u = user.clone();
    let result = state
        .blocking(move |s| {
            let row = visible_letter(s, &u, id)?;
            u.may(s, Action::RecordComplaint { unit: row.record.facts.unit })?;
            let step = form.parse()?;
            let actor = Actor { login: u.staff.login.to_string(), at: s.now() };
            Ok(apply_step(s.store.as_ref(), &actor, &s.directory().units, ComplaintId(id), &step)?)
        })
        .await;
    match result {
        Ok(_) => Ok(see_other_saying(&format!("/complaints/{id}"), Flash::Saved)),
        Err(e @ WebError::Refused(_)) => show_page(&state, &user, lang, id, Some(&e)).await,
        Err(e) => Err(e),
    }
}
