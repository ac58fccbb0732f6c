//! THADS staff web application: server-rendered pages (askama, Vietnamese first) and the JSON
//! API of interchange §4, over any store. Every route is declared with its authorization rule
//! in `routes::table`; every handler states what it requires through an extractor of
//! `accounts` that asks `thads_core::access::authorize`.
//!
//! One room per capability, each with its pages, its API handlers and what they share:
//! `accounts`, `cases`, `stats`, `imports`, `deadlines`, `audit`. Below them the shared
//! infrastructure, which names no room: `state` (and the statistics `engine`), `error` (and the
//! typed `refusal`s), `i18n`, `chrome`, `fmt`, `memo`, `redirect`, `cookie`, `config`, `api`,
//! `telemetry` (request logs and counters).
//! Above them `routes` (the one route table), `site`, `static_files` (served at `/assets/{file}`)
//! and `metrics` (`GET /metrics`).

pub mod accounts;
pub mod admin_judgments;
pub mod api;
pub mod assets;
pub mod audit;
pub mod calendar;
pub mod case_views;
pub mod cases;
pub mod chrome;
pub mod complaints;
pub mod config;
pub mod cookie;
pub mod deadlines;
pub mod documents;
pub mod engine;
pub mod error;
pub mod exemption;
pub mod fmt;
pub mod i18n;
pub mod imports;
pub mod memo;
pub mod metrics;
pub mod money;
pub mod openapi;
pub mod periods;
pub mod personnel;
pub mod portal;
pub mod public_guard;
pub mod reception;
pub mod redirect;
pub mod refusal;
pub mod reorg;
pub mod requests;
pub mod routes;
pub mod site;
pub mod snapshots;
pub mod state;
pub mod static_files;
pub mod stats;
pub mod targets;
pub mod telemetry;

use std::net::SocketAddr;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tokio::net::TcpListener;

pub use config::WebConfig;
pub use error::WebError;
pub use state::AppState;

/// The application: every route of `routes::table`, error rendering and security headers.
pub fn router(state: AppState) -> Router {
    routes::table()
        .into_iter()
        .fold(Router::new(), |router, route| router.route(route.path, route.handler))
        .fallback(|| async { WebError::NotFound })
        .layer(middleware::from_fn_with_state(state.clone(), site::render_errors))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn(said_once))
        .layer(middleware::from_fn_with_state(state.clone(), telemetry::observe))
        .with_state(state)
}

/// Serves on an already bound listener (tests bind port 0) until Ctrl-C or SIGTERM, following
/// changes of the reference data made by other processes meanwhile.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    let follower = tokio::spawn(follow_reference(state.clone()));
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let served = axum::serve(listener, app).with_graceful_shutdown(shutdown()).await;
    follower.abort();
    // The views of the last requests are written before the process ends.
    let _ = state
        .blocking(|s| {
            case_views::flush(s);
            Ok(())
        })
        .await;
    served
}

/// Checks the store's reference generation every `reference_check_ms` on the blocking pool
/// (one read of a number; a request never waits for it) and reloads what moved.
async fn follow_reference(state: AppState) {
    let period = std::time::Duration::from_millis(u64::from(state.config.reference_check_ms));
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        // A failure is logged where it happens; the next tick tries again.
        let _ = state.blocking(AppState::follow_reference).await;
    }
}

/// Ctrl-C or SIGTERM, for a listener of another room (the portal's).
pub(crate) async fn shutdown_signal() {
    shutdown().await;
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}

/// A confirmation (`chrome::Flash`) is said once: the first answer that is not a redirect
/// (the page the form led to) clears its cookie.
async fn said_once(request: Request, next: Next) -> Response {
    let carried = cookie::cookie(request.headers(), chrome::Flash::COOKIE).is_some();
    let mut response = next.run(request).await;
    if carried && !response.status().is_redirection() {
        let expired = format!("{}=; Path=/; Max-Age=0; SameSite=Strict; HttpOnly", chrome::Flash::COOKIE);
        if let Ok(value) = HeaderValue::from_str(&expired) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Pages come only from this server: no framing, no sniffing, scripts and styles from here.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        ),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
