//! The JSON API of interchange §4. Same extractors and rules as the pages; a bearer token from
//! `POST /api/v1/session` instead of the cookie; errors as `{"code", "message"}`.

pub mod cases;
pub mod openapi;
pub mod reports;
pub mod session;

use axum::extract::FromRequest;
use axum::extract::Request;
use serde::de::DeserializeOwned;

use crate::error::WebError;

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
