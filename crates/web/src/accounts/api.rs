//! The API's session: sign-in gives a bearer token for `Authorization: Bearer TOKEN`; sign-out
//! ends it. Each handler is annotated for the OpenAPI document and listed in `ApiDoc`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use thads_core::{Login, Role};
use utoipa::{OpenApi, ToSchema};

use super::{ClientAddr, User, end_session, sign_in};
use crate::api::{self, JsonBody};
use crate::error::WebError;
use crate::state::AppState;

/// The accounts room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(create, end))]
pub struct ApiDoc;

#[derive(Deserialize, ToSchema)]
pub struct Credentials {
    login: String,
    password: String,
}

/// A new API session.
#[derive(Serialize, ToSchema)]
pub struct Session {
    /// for `Authorization: Bearer TOKEN`
    token: String,
    #[schema(value_type = String)]
    login: Login,
    #[schema(value_type = String)]
    role: Role,
    /// the code of the person's unit
    unit: Option<String>,
}

/// Sign in; returns a bearer token
#[utoipa::path(
    post,
    path = "/api/v1/session",
    request_body = Credentials,
    responses(
        (status = 200, description = "Signed in", body = Session),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 429, response = api::RateLimited),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    JsonBody(c): JsonBody<Credentials>,
) -> Result<Json<Session>, WebError> {
    let (staff, token) = state.blocking(move |s| sign_in(s, &c.login, &c.password, &client)).await?;
    let unit = state.directory().units.get(staff.unit).map(|u| u.code.to_string());
    Ok(Json(Session { token, login: staff.login, role: staff.role, unit }))
}

/// Sign out (ends this token)
#[utoipa::path(
    delete,
    path = "/api/v1/session",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, response = api::NotSignedIn),
    )
)]
pub async fn end(State(state): State<AppState>, user: User) -> Result<StatusCode, WebError> {
    let hash = user.token_hash.clone();
    state.blocking(move |s| end_session(s, &hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}
