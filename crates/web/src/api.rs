//! What the handlers of the JSON API (interchange §4) share; the handlers themselves live in
//! their rooms (`cases/api.rs`, `stats/api.rs`, `accounts/api.rs`), each annotated with
//! `#[utoipa::path]` and listed in its room's `ApiDoc`; `openapi.rs` assembles the document.
//! Same extractors and rules as the pages; a bearer token from `POST /api/v1/session` instead
//! of the cookie; errors as `{"code", "message"}` (`ApiError`), answered with the shared
//! responses below (`NotSignedIn`, `NotFound`…).

use std::borrow::Cow;

use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToResponse, ToSchema};

use crate::error::{self, WebError};
use crate::refusal::API_REFUSALS;

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

/// The body of every API error, `{"code", "message"}` (written by `error.rs`); its schema
/// lists every code, those of `WebError` and those of a refusal with what each means.
pub struct ApiError;

impl PartialSchema for ApiError {
    fn schema() -> RefOr<Schema> {
        let codes = error::CODES.iter().chain(API_REFUSALS.iter().map(|(code, _)| code));
        let meanings: Vec<String> = API_REFUSALS.iter().map(|(code, meaning)| format!("`{code}`: {meaning}")).collect();
        let described =
            format!("Status 422 (a refused change) comes with one of the refusal codes: {}.", meanings.join("; "));
        let code = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(codes.copied()))
            .description(Some(described));
        let message = ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("in the caller's language: the `lang` cookie, else `Accept-Language`, else Vietnamese"));
        let field = ObjectBuilder::new().schema_type(Type::String).description(Some(
            "422 on a fact of a case (taking in, editing): the field refused, by its name in the request (`debtor_id`, `reason`…)",
        ));
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("code", code)
            .required("code")
            .property("message", message)
            .required("message")
            .property("field", field)
            .into()
    }
}

impl ToSchema for ApiError {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Error")
    }
}

/// Bad request
#[derive(ToResponse)]
pub struct BadRequest(#[allow(dead_code)] ApiError);

/// Not signed in
#[derive(ToResponse)]
pub struct NotSignedIn(#[allow(dead_code)] ApiError);

/// Forbidden
#[derive(ToResponse)]
pub struct Forbidden(#[allow(dead_code)] ApiError);

/// Not found or not visible
#[derive(ToResponse)]
pub struct NotFound(#[allow(dead_code)] ApiError);

/// Stale version: the case changed since it was read
#[derive(ToResponse)]
pub struct Stale(#[allow(dead_code)] ApiError);

/// Refused: `code` says why (the refusal codes of the Error schema)
#[derive(ToResponse)]
pub struct Refused(#[allow(dead_code)] ApiError);

/// Too many failed sign-ins
#[derive(ToResponse)]
pub struct RateLimited(#[allow(dead_code)] ApiError);
