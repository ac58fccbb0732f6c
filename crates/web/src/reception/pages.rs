//! `GET /reception` (the page), `POST /reception` (a session held) and `POST
//! /reception/schedule` (a scheduled day, or a year planned once a month per head).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::Actor;
use thads_app::reception::{ReceptionFigures, figures, plan_months, record_session, schedule_day, sessions_of};
use thads_core::access::Action;
use thads_core::dates::{MonthKey, format_vn};
use thads_core::reception::{Session, SessionKind};
use thads_core::{Role, Staff, StaffId, Unit};
use thads_store::ScheduledDay;

use crate::accounts::{Allowed, CsrfForm, User};
use crate::chrome::{Chrome, Flash};
use crate::complaints::period::PeriodQuery;
use crate::complaints::{ViewComplaints, bad, date_of};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::state::AppState;

pub struct SessionLine {
    pub id: i64,
    pub date: String,
    pub unit: String,
    pub head: String,
    pub kind: &'static str,
    pub visitors: u32,
    pub subject: String,
    pub result: String,
    pub complaints: Vec<i64>,
}

pub struct DayLine {
    pub date: String,
    pub head: String,
    pub unit: String,
    pub place: String,
}

pub struct MissedLine {
    pub head: String,
    pub unit: String,
    pub month: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reception/reception.html")]
struct ReceptionPage {
    c: Chrome,
    unit: String,
    unit_name: String,
    year: i32,
    months: u8,
    from: String,
    to: String,
    figures: ReceptionFigures,
    missed: Vec<MissedLine>,
    sessions: Vec<SessionLine>,
    schedule: Vec<DayLine>,
    heads: Vec<(i64, String)>,
    may_record: bool,
    today: String,
    form: SessionForm,
    error: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
pub struct PageParams {
    #[serde(default)]
    year: String,
    #[serde(default)]
    months: String,
}

#[derive(Deserialize, Default, Clone)]
pub struct SessionForm {
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub head: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub visitors: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub result: String,
}

/// The heads of a unit's scope, by name.
pub(crate) fn heads_of(state: &AppState, unit: &Unit) -> Vec<Staff> {
    let directory = state.directory();
    let scope = directory.units.scope(unit.id);
    let mut heads: Vec<Staff> = directory
        .staff
        .values()
        .filter(|s| s.role == Role::Head && s.active && scope.contains(&s.unit))
        .cloned()
        .collect();
    heads.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    heads
}

async fn page(
    state: &AppState,
    user: &User,
    lang: Lang,
    unit: &Unit,
    p: &PageParams,
    form: SessionForm,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let today = state.today();
    let ym = PeriodQuery { year: p.year.clone(), months: p.months.clone() }.asked(today)?;
    let period = ym.period;
    let heads = heads_of(state, unit);
    let (id, h) = (unit.id, heads.clone());
    let (figures, sessions, schedule) = state
        .blocking(move |s| {
            let scope = s.directory().units.scope(id);
            let f = figures(s.store.as_ref(), &scope, &h, period, today)?;
            let sessions: Vec<_> = sessions_of(s.store.as_ref(), &scope)?
                .into_iter()
                .filter(|x| period.contains(x.session.date))
                .collect();
            let schedule: Vec<ScheduledDay> = s
                .store
                .reception_schedule()?
                .into_iter()
                .filter(|d| {
                    scope.contains(&d.unit)
                        && d.date >= period.from()
                        && d.date <= period.from().replace_year(period.from().year() + 1).unwrap_or(period.to())
                })
                .collect();
            Ok((f, sessions, schedule))
        })
        .await?;
    let directory = state.directory();
    let name = |id: Option<StaffId>| {
        id.map(|i| directory.staff_name(Some(i))).unwrap_or_else(|| lang.t("reception_staff").into())
    };
    let code = |u| directory.units.get(u).map(|x| x.code.to_string()).unwrap_or_default();
    let kind = |k: SessionKind| match k {
        SessionKind::DinhKy => lang.t("reception_kind_dinh_ky"),
        SessionKind::DotXuat => lang.t("reception_kind_dot_xuat"),
    };
    let body = ReceptionPage {
        c: user.chrome(state, lang),
        unit: unit.code.to_string(),
        unit_name: unit.name.clone(),
        year: ym.year.number(),
        months: ym.months,
        from: format_vn(period.from()),
        to: format_vn(period.to()),
        missed: figures
            .missed
            .iter()
            .map(|m| MissedLine {
                head: name(Some(m.staff)),
                unit: code(m.unit),
                month: format!("{:02}/{}", m.month.month(), m.month.year()),
            })
            .collect(),
        figures,
        sessions: sessions
            .iter()
            .rev()
            .take(500)
            .map(|r| SessionLine {
                id: r.id.0,
                date: format_vn(r.session.date),
                unit: code(r.session.unit),
                head: name(r.session.head),
                kind: kind(r.session.kind),
                visitors: r.session.visitors,
                subject: r.session.subject.clone(),
                result: r.session.result.clone(),
                complaints: r.session.complaints.iter().map(|c| c.0).collect(),
            })
            .collect(),
        schedule: schedule
            .iter()
            .map(|d| DayLine {
                date: format_vn(d.date),
                head: name(Some(d.head)),
                unit: code(d.unit),
                place: d.place.clone(),
            })
            .collect(),
        heads: heads.iter().map(|h| (h.id.0, h.full_name.clone())).collect(),
        may_record: user.may(state, Action::RecordComplaint { unit: unit.id }).is_ok(),
        today: format_vn(today),
        form,
        error: error.map(|e| e.message(lang)),
    };
    Ok(match error {
        Some(e) => (e.status(), body).into_response(),
        None => body.into_response(),
    })
}

/// `GET /reception?unit=&year=&months=`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewComplaints>,
    Query(p): Query<PageParams>,
) -> Result<Response, WebError> {
    page(&state, &access.user, lang, &access.unit, &p, SessionForm::default(), None).await
}

fn head_of(heads: &[Staff], text: &str) -> Result<Option<StaffId>, WebError> {
    match text.trim() {
        "" => Ok(None),
        t => {
            let id: i64 = t.parse().map_err(|_| bad("head", format!("«{t}»")))?;
            heads
                .iter()
                .find(|h| h.id.0 == id)
                .map(|h| Some(h.id))
                .ok_or_else(|| bad("head", "không phải thủ trưởng của đơn vị / not a head of this unit"))
        }
    }
}

/// `POST /reception?unit=`: records a session held in the unit.
pub async fn record(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<crate::complaints::RecordComplaint>,
    CsrfForm { form, .. }: CsrfForm<SessionForm>,
) -> Result<Response, WebError> {
    let heads = heads_of(&state, &access.unit);
    let (user, unit, f) = (access.user.clone(), access.unit.clone(), form.clone());
    let result = state
        .blocking(move |s| {
            let session = Session {
                unit: unit.id,
                date: date_of("date", &f.date)?,
                head: head_of(&heads, &f.head)?,
                kind: SessionKind::parse(&f.kind).ok_or_else(|| bad("kind", "dinh_ky, dot_xuat"))?,
                visitors: f.visitors.trim().parse().map_err(|_| bad("visitors", format!("«{}»", f.visitors.trim())))?,
                subject: f.subject.clone(),
                result: f.result.clone(),
                complaints: vec![],
            };
            let actor = Actor { login: user.staff.login.to_string(), at: s.now() };
            Ok(record_session(s.store.as_ref(), &actor, session)?)
        })
        .await;
    match result {
        Ok(_) => Ok(see_other_saying(&format!("/reception?unit={}", access.unit.code), Flash::Saved)),
        Err(e @ WebError::Refused(_)) => {
            page(&state, &access.user, lang, &access.unit, &PageParams::default(), form, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct ScheduleForm {
    /// add (one day) or plan (the reporting year, once a month per head)
    #[serde(default)]
    action: String,
    #[serde(default)]
    head: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    year: String,
}

/// `POST /reception/schedule?unit=`: a scheduled day, or the year planned.
pub async fn schedule(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<crate::complaints::RecordComplaint>,
    CsrfForm { form, .. }: CsrfForm<ScheduleForm>,
) -> Result<Response, WebError> {
    let heads = heads_of(&state, &access.unit);
    let (user, unit, f) = (access.user.clone(), access.unit.clone(), form.clone());
    let today = state.today();
    let result = state
        .blocking(move |s| {
            let actor = Actor { login: user.staff.login.to_string(), at: s.now() };
            match f.action.trim() {
                "plan" => {
                    let ym = PeriodQuery { year: f.year.clone(), months: String::new() }.asked(today)?;
                    let first = MonthKey::of(ym.year.first_day());
                    let months: Vec<MonthKey> = (0..12).map(|i| MonthKey(first.0 + i)).collect();
                    let own: Vec<Staff> = heads.iter().filter(|h| h.unit == unit.id).cloned().collect();
                    plan_months(s.store.as_ref(), &actor, unit.id, &own, &months, &f.place)?;
                    Ok(())
                }
                _ => {
                    let head =
                        head_of(&heads, &f.head)?.ok_or_else(|| bad("head", "chọn thủ trưởng / choose a head"))?;
                    let head_unit = heads.iter().find(|h| h.id == head).map_or(unit.id, |h| h.unit);
                    let day =
                        ScheduledDay { unit: head_unit, head, date: date_of("date", &f.date)?, place: f.place.clone() };
                    Ok(schedule_day(s.store.as_ref(), &actor, day)?)
                }
            }
        })
        .await;
    match result {
        Ok(()) => Ok(see_other_saying(&format!("/reception?unit={}", access.unit.code), Flash::Saved)),
        Err(e @ WebError::Refused(_)) => {
            page(&state, &access.user, lang, &access.unit, &PageParams::default(), SessionForm::default(), Some(&e))
                .await
        }
        Err(e) => Err(e),
    }
}
