//! The stylesheet, the script and the icon, compiled into the binary: the agencies' network
//! reaches no CDN.

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::WebError;

/// `(name, content type, bytes)`.
const FILES: &[(&str, &str, &str)] = &[
    ("app.css", "text/css; charset=utf-8", include_str!("../assets/app.css")),
    ("app.js", "text/javascript; charset=utf-8", include_str!("../assets/app.js")),
];

pub async fn serve(Path(file): Path<String>) -> Result<Response, WebError> {
    let (_, kind, body) = FILES.iter().find(|(name, _, _)| *name == file).ok_or(WebError::NotFound)?;
    let mut response = (*body).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    Ok(response)
}

/// The site's icon (32 × 32, a white T on the accent blue), which browsers ask for by itself.
const FAVICON: &[u8] = include_bytes!("../assets/favicon.ico");

/// `GET /favicon.ico`.
pub async fn favicon() -> Response {
    let mut response = FAVICON.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("image/x-icon"));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400"));
    response
}
