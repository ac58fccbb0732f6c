//! Routes of the site as a whole rather than of a room: liveness, the installation's details
//! for an administrator of everything, switching the reader's language, and the error pages.

use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::accounts::User;
use crate::chrome::Chrome;
use crate::error::{self, WebError};
use crate::i18n::Lang;
use crate::state::AppState;

/// Liveness, for anyone: the server answers. Nothing about the installation, and no database
/// work that an anonymous caller could repeat at will.
pub async fn health() -> Response {
    (StatusCode::OK, axum::Json(serde_json::json!({ "status": "ok" }))).into_response()
}

/// The installation's details (backend, cases, generations), for an administrator of the whole
/// unit tree (`ManageUsers` on each root unit): a regional administrator does not see the
/// nation's case count.
pub async fn health_details(State(state): State<AppState>, user: User) -> Result<Response, WebError> {
    user.may_administer_installation(&state)?;
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

/// Middleware: gives every error response its body (`error::respond`), an error page in the
/// frame of every page (menu, who is signed in) when the reader is signed in, whichever handler
/// failed and however early (a path that is no route).
pub async fn render_errors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let (parts, body) = request.into_parts();
    let lang = Lang::of(&parts);
    let target = parts.uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default();
    let (mut reader, ()) = Request::new(()).into_parts();
    reader.uri = parts.uri.clone();
    reader.headers = parts.headers.clone();
    let response = next.run(Request::from_parts(parts, body)).await;
    let Some(error) = error::problem_of(&response) else { return response };
    let chrome = match (api, &error) {
        (true, _) | (_, WebError::NotSignedIn) => Chrome::anonymous(lang),
        _ => match User::from_request_parts(&mut reader, &state).await {
            Ok(user) => user.chrome(&state, lang),
            Err(_) => Chrome::anonymous(lang),
        },
    };
    error::respond(api, chrome, &target, &error)
}

/// Sets the `lang` cookie and goes back where the reader was (same site only), or to the page
/// above it when that was where a form was posted (a GET there would be 405): `is_page` says
/// which paths are pages (the route table does).
pub async fn set_language(
    Path(code): Path<String>,
    headers: HeaderMap,
    is_page: fn(&str) -> bool,
) -> Result<Response, WebError> {
    let lang = Lang::parse(&code).ok_or(WebError::NotFound)?;
    let back = headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
        .map_or("/", crate::redirect::local_target);
    let back = crate::redirect::to_page(back, is_page);
    let mut response = Redirect::to(&back).into_response();
    let cookie = format!("lang={}; Path=/; SameSite=Strict; Max-Age=31536000", lang.code());
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(WebError::internal)?);
    Ok(response)
}
