//! The citizens' portal (issue 21): a public site on a listener of its own (`thads serve
//! --public-addr`), so that an agency can expose it alone. It has its own small route table,
//! stylesheet and frame, reads no session and sets no cookie: nothing of the staff application
//! (routes, cookies, assets) is reachable from it, and none of its paths answers on the staff
//! listener. Vietnamese first (`?lang=en` for English), usable 390 px wide, no script at all.
//!
//! `public`: the pages and the public API (a party follows their case with its lookup code and
//! sees who opened the file; the list of debtors without means); `open_data`: the published
//! statistics, computed once a day; `limiter`: failed lookups per address and per case;
//! `staff`: what the staff application adds (the code and its rotation on the case page, views
//! logged, the list's history).

pub mod open_data;
pub mod public;
pub mod staff;

use std::net::SocketAddr;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{MethodRouter, get};
use tokio::net::TcpListener;

use crate::state::AppState;

/// The public API's OpenAPI document (served on the public listener only): the portal's
/// endpoints, the open statistics and the online requests' endpoints.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "THADS public API", description = "Cổng thông tin cho đương sự / the citizens' portal (issue 21)"),
    paths(
        public::api::api_case,
        public::api::api_access_log,
        public::api::api_debtors,
        open_data::json,
        crate::requests::public::api_file,
        crate::requests::public::api_status
    )
)]
pub struct PublicApiDoc;

/// `GET /api/public/openapi.json`.
pub async fn openapi() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(<PublicApiDoc as utoipa::OpenApi>::openapi())
}

/// One public route: method, path, a line for the reader, the handler.
pub struct PublicRoute {
    pub method: Method,
    pub path: &'static str,
    pub what: &'static str,
    pub handler: MethodRouter<AppState>,
}

fn r(method: Method, path: &'static str, what: &'static str, handler: MethodRouter<AppState>) -> PublicRoute {
    PublicRoute { method, path, what, handler }
}

/// Every route of the public site. The security tests walk it against the staff listener, and
/// the staff table against this one.
pub fn public_table() -> Vec<PublicRoute> {
    use Method as M;
    vec![
        r(M::GET, "/", "the portal's home", get(public::home)),
        r(M::GET, "/portal.css", "the portal's own stylesheet", get(public::stylesheet)),
        r(M::GET, "/case", "follow a case: form and answer", get(public::case_page)),
        r(M::GET, "/debtors", "the list of debtors without means", get(public::debtors_page)),
        r(M::GET, "/open-data", "open statistics: what they are", get(open_data::page)),
        r(M::GET, "/open-data/statistics.csv", "open statistics as CSV", get(open_data::csv)),
        r(M::GET, "/open-data/statistics.json", "open statistics as JSON", get(open_data::json)),
        r(M::GET, "/api/public/v1/cases", "a case's state, steps, deadlines, money", get(public::api_case)),
        r(M::GET, "/api/public/v1/cases/access-log", "who opened the file", get(public::api_access_log)),
        r(M::GET, "/api/public/v1/debtors", "debtors without means, as listed now", get(public::api_debtors)),
        r(M::GET, "/api/public/openapi.json", "the public API's OpenAPI document", get(openapi)),
    ]
}

/// The public site: the portal's table and the `requests` room's `public_routes()`.
pub fn public_router(state: AppState) -> Router {
    let router =
        public_table().into_iter().fold(Router::new(), |router, route| router.route(route.path, route.handler));
    // Online enforcement requests (issue 21 item 3): the `requests` room's public part.
    let router = router.merge(crate::requests::public_routes());
    router
        .fallback(public::pages::missing)
        .layer(middleware::from_fn(public_headers))
        .layer(middleware::from_fn_with_state(state.clone(), crate::telemetry::observe))
        .with_state(state)
}

/// Serves the public site on its own listener until Ctrl-C or SIGTERM.
pub async fn serve_public(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    let app = public_router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(crate::shutdown_signal()).await
}

/// No framing, no sniffing, no script, styles only from here, no referrer leaving the site.
async fn public_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
