//! Server-rendered pages. Each page's template receives `Chrome` (language, who is signed in,
//! the CSRF token of their forms) and values already formatted the Vietnamese way; askama
//! escapes everything it prints.

pub mod account;
pub mod audit;
pub mod case;
pub mod case_view;
pub mod cases;
pub mod dashboard;
pub mod import;
pub mod login;
pub mod stats;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use thads_core::access::Action;

use crate::auth::User;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

/// What every page around its content shows.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub lang: Lang,
    /// `None` on the sign-in page.
    pub user: Option<ChromeUser>,
}

#[derive(Debug, Clone)]
pub struct ChromeUser {
    pub name: String,
    pub login: String,
    pub role: String,
    pub unit: String,
    pub csrf: String,
    pub may_audit: bool,
    pub may_import: bool,
}

impl Chrome {
    pub fn anonymous(lang: Lang) -> Chrome {
        Chrome { lang, user: None }
    }

    pub fn of(state: &AppState, user: &User, lang: Lang) -> Chrome {
        let directory = state.directory();
        let may_audit = user.may(state, Action::ViewAudit { unit: user.unit() }).is_ok();
        let may_import = user.may(state, Action::Import { unit: user.unit() }).is_ok();
        Chrome {
            lang,
            user: Some(ChromeUser {
                name: user.staff.full_name.clone(),
                login: user.staff.login.to_string(),
                role: user.staff.role.label_vi().to_string(),
                unit: directory.unit_label(user.unit()),
                csrf: user.csrf.clone(),
                may_audit,
                may_import,
            }),
        }
    }

    pub fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    pub fn other_lang(&self) -> &'static str {
        match self.lang {
            Lang::Vi => "en",
            Lang::En => "vi",
        }
    }

    pub fn other_lang_label(&self) -> &'static str {
        match self.lang {
            Lang::Vi => "English",
            Lang::En => "Tiếng Việt",
        }
    }

    pub fn csrf(&self) -> &str {
        self.user.as_ref().map_or("", |u| u.csrf.as_str())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    code: String,
    message: String,
}

/// The page of an error: its status, a message in the reader's language, nothing internal.
pub fn error_page(lang: Lang, error: &WebError) -> Response {
    let page = ErrorPage { c: Chrome::anonymous(lang), code: error.code().to_string(), message: error.message(lang) };
    (error.status(), page).into_response()
}

/// Liveness, for anyone: the server answers. Nothing about the installation, and no database
/// work that an anonymous caller could repeat at will.
pub async fn health() -> Response {
    (StatusCode::OK, axum::Json(serde_json::json!({ "status": "ok" }))).into_response()
}

/// The installation's details (backend, cases, generations), for an administrator of the whole
/// unit tree (`ManageUsers` on each root unit): a regional administrator does not see the
/// nation's case count.
pub async fn health_details(
    axum::extract::State(state): axum::extract::State<AppState>,
    user: User,
) -> Result<Response, WebError> {
    let roots: Vec<_> = state.directory().units.all().iter().filter(|u| u.parent.is_none()).map(|u| u.id).collect();
    if roots.is_empty() {
        return Err(WebError::NotFound);
    }
    for unit in roots {
        user.may(&state, Action::ManageUsers { unit })?;
    }
    let body = state
        .blocking(|s| {
            Ok(serde_json::json!({
                "status": "ok",
                "version": env!("CARGO_PKG_VERSION"),
                "backend": s.store.backend(),
                "cases": s.store.case_count()?,
                "ledger_generation": s.store.ledger_state()?.generation,
                "reference_generation": s.store.reference_generation()?,
            }))
        })
        .await?;
    Ok((StatusCode::OK, axum::Json(body)).into_response())
}

/// Sets the `lang` cookie and goes back where the reader was (same site only).
pub async fn set_language(Path(code): Path<String>, headers: HeaderMap) -> Result<Response, WebError> {
    let lang = Lang::parse(&code).ok_or(WebError::NotFound)?;
    let back = headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
        .map_or("/", crate::redirect::local_target)
        .to_string();
    let mut response = Redirect::to(&back).into_response();
    let cookie = format!("lang={}; Path=/; SameSite=Strict; Max-Age=31536000", lang.code());
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(WebError::internal)?);
    Ok(response)
}

/// A 303 to `to` (after a form POST).
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}
