//! The public pages: home, follow a case (form, answer, who opened the file), the list of
//! debtors without means, and the stylesheet. Each page is whole HTML (no script), escaped by
//! the templates; a failed lookup shows the form again with one message and the status of the
//! API's answer.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::api::{DebtorItem, DebtorParams, PublicCase, case_json, debtors};
use super::{CaseParams, Peer, SeenBy, access_log, client, follow, lang_of};
use crate::i18n::Lang;
use crate::state::AppState;

/// The portal's stylesheet, compiled in.
const CSS: &str = include_str!("../../../assets/portal.css");

/// `GET /portal.css`.
pub async fn stylesheet() -> Response {
    let mut response = CSS.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    response
}

#[derive(Deserialize, Default)]
pub struct LangParam {
    #[serde(default)]
    lang: String,
}

impl LangParam {
    pub fn lang(&self) -> &str {
        &self.lang
    }
}

/// A unit one can choose in a form.
pub struct UnitChoice {
    pub code: String,
    pub name: String,
}

fn unit_choices(state: &AppState) -> Vec<UnitChoice> {
    let directory = state.directory();
    let mut all: Vec<UnitChoice> =
        directory.units.all().iter().map(|u| UnitChoice { code: u.code.to_string(), name: u.name.clone() }).collect();
    all.sort_by(|a, b| a.code.cmp(&b.code));
    all
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/home.html")]
struct HomePage {
    lang: Lang,
    /// The path of this page in the other language.
    other: String,
}

/// `GET /`.
pub async fn home(Query(p): Query<LangParam>, headers: HeaderMap) -> Response {
    let lang = lang_of(&p.lang, &headers, false);
    HomePage { lang, other: switch("/", lang, &[]) }.into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/not_found.html")]
struct MissingPage {
    lang: Lang,
    other: String,
}

/// Any path the public site does not have: under `/api/` the API's JSON `not_found`, elsewhere a
/// page in Vietnamese (`?lang=en` for English) with the portal's frame; 404 either way.
pub async fn missing(uri: Uri, p: Result<Query<LangParam>, QueryRejection>, headers: HeaderMap) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        return super::PublicError::NotFound.into_response();
    }
    let asked = p.map(|Query(p)| p.lang).unwrap_or_default();
    let lang = lang_of(&asked, &headers, false);
    let mut response = MissingPage { lang, other: switch("/", lang, &[]) }.into_response();
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

/// The same page in the other language, with its query.
fn switch(path: &str, lang: Lang, pairs: &[(&str, &str)]) -> String {
    let other = if lang == Lang::Vi { "en" } else { "vi" };
    let mut query: Vec<String> =
        pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", encode(v))).collect();
    query.push(format!("lang={other}"));
    format!("{path}?{}", query.join("&"))
}

/// Percent-encodes a query value.
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One view as the page shows it.
pub struct SeenLine {
    pub at: String,
    pub unit: String,
    pub role: &'static str,
    pub name: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/case.html")]
struct CasePage {
    lang: Lang,
    other: String,
    units: Vec<UnitChoice>,
    asked: CaseParams,
    error: Option<&'static str>,
    found: Option<PublicCase>,
    seen: Vec<SeenLine>,
    lang_code: &'static str,
    collected: String,
    paid: String,
}

/// `GET /case?unit=&case_no=&code=`: the form, and the case when the three are given.
pub async fn case_page(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    Query(p): Query<CaseParams>,
) -> Response {
    let lang = lang_of(&p.lang, &headers, false);
    let other = switch("/case", lang, &[("unit", &p.unit), ("case_no", &p.case_no)]);
    let mut page = CasePage {
        lang,
        other,
        units: unit_choices(&state),
        asked: CaseParams { code: String::new(), ..p.clone() },
        error: None,
        found: None,
        seen: Vec::new(),
        lang_code: lang.code(),
        collected: String::new(),
        paid: String::new(),
    };
    if p.is_empty() {
        return page.into_response();
    }
    let address = client(&state, &peer, &headers);
    let answer = match follow(&state, address.clone(), &p).await {
        Ok(found) => access_log(&state, address, &p).await.map(|seen| (found, seen)),
        Err(e) => Err(e),
    };
    match answer {
        Ok((found, seen)) => {
            page.collected = crate::fmt::count(i128::from(found.collected_vnd));
            page.paid = crate::fmt::count(i128::from(found.paid_to_you_vnd));
            page.found = Some(case_json(&found, lang));
            page.seen = seen.into_iter().map(|v| seen_line(v, lang)).collect();
            page.into_response()
        }
        Err(e) => {
            page.error = Some(e.message(lang));
            let mut response = page.into_response();
            *response.status_mut() = e.status();
            response
        }
    }
}

fn seen_line(v: SeenBy, lang: Lang) -> SeenLine {
    SeenLine {
        at: crate::fmt::instant(v.at),
        unit: if v.unit_name.is_empty() { v.unit } else { format!("{} — {}", v.unit, v.unit_name) },
        role: crate::fmt::role(lang, v.role),
        name: v.name,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/debtors.html")]
struct DebtorsPage {
    lang: Lang,
    other: String,
    units: Vec<UnitChoice>,
    asked: DebtorParams,
    error: Option<&'static str>,
    items: Vec<DebtorItem>,
    lang_code: &'static str,
    searched: bool,
}

/// `GET /debtors?unit=&q=`.
pub async fn debtors_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(p): Query<DebtorParams>,
) -> Response {
    let lang = lang_of(&p.lang, &headers, false);
    let mut page = DebtorsPage {
        lang,
        other: switch("/debtors", lang, &[("unit", &p.unit), ("q", &p.q)]),
        units: unit_choices(&state),
        asked: p.clone(),
        error: None,
        items: Vec::new(),
        lang_code: lang.code(),
        searched: true,
    };
    match debtors(&state, &p, lang).await {
        Ok(items) => {
            page.items = items;
            page.into_response()
        }
        Err(e) => {
            page.error = Some(e.message(lang));
            page.searched = false;
            let mut response = page.into_response();
            *response.status_mut() = e.status();
            response
        }
    }
}
