//! The API's session: sign-in gives a bearer token for `Authorization: Bearer TOKEN`; sign-out
//! ends it.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ClientAddr, User, end_session, sign_in};
use crate::api::JsonBody;
use crate::error::WebError;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct Credentials {
    login: String,
    password: String,
}

pub async fn create(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    JsonBody(c): JsonBody<Credentials>,
) -> Result<Json<Value>, WebError> {
    let (staff, token) = state.blocking(move |s| sign_in(s, &c.login, &c.password, &client)).await?;
    Ok(Json(
        json!({ "token": token, "login": staff.login, "role": staff.role, "unit": state.directory().units.get(staff.unit).map(|u| u.code.to_string()) }),
    ))
}

pub async fn end(State(state): State<AppState>, user: User) -> Result<StatusCode, WebError> {
    let hash = user.token_hash.clone();
    state.blocking(move |s| end_session(s, &hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}
