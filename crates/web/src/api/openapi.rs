//! The OpenAPI document of the JSON API, kept as a file beside the code and checked by a test
//! against the route table.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

pub const DOCUMENT: &str = include_str!("../../assets/openapi.json");

pub async fn document() -> Response {
    let mut response = DOCUMENT.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
