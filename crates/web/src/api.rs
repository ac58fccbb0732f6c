//! What the handlers of the JSON API (interchange §4) share; the handlers themselves live in
//! their rooms (`cases/api.rs`, `stats/api.rs`, `accounts/api.rs`). Same extractors and rules
//! as the pages; a bearer token from `POST /api/v1/session` instead of the cookie; errors as
//! `{"code", "message"}`. The OpenAPI document is kept as a file beside the code and checked by
//! a test against the route table.

use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::error::WebError;

pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    let mut response = OPENAPI.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// A JSON body whose parse failures are API errors (not axum's plain-text rejections).
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, WebError> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(v)) => Ok(JsonBody(v)),
            Err(e) => Err(WebError::BadRequest(format!("JSON không hợp lệ / invalid JSON: {}", e.body_text()))),
        }
    }
}
