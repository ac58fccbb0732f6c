//! The API's OpenAPI document, generated from the handlers: each room's `api.rs` annotates its
//! handlers with `#[utoipa::path]` (method, path, parameters, body and response types) and lists
//! them in its `ApiDoc`; `document` merges the rooms' documents into this one, which holds what
//! they share (the `Error` schema, the error responses, the bearer scheme). A test walks the
//! route table against it both ways, and a golden snapshot shows every change to it.

use std::sync::LazyLock;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::api::{ApiError, BadRequest, Forbidden, NotFound, NotSignedIn, RateLimited, Refused, Stale};
use crate::{
    accounts, admin_judgments, assets, audit, cases, complaints, deadlines, exemption, money, periods, snapshots, stats,
};

const DESCRIPTION: &str = "Civil judgment enforcement cases and statistics (interchange §4). Errors are \
{\"code\", \"message\"}: the code is stable, for programs; the message is in the caller's language (the \
`lang` cookie, else `Accept-Language`, else Vietnamese).";

#[derive(OpenApi)]
#[openapi(
    info(title = "THADS API", version = "1", description = DESCRIPTION),
    paths(serve),
    components(
        schemas(ApiError),
        responses(BadRequest, NotSignedIn, Forbidden, NotFound, Stale, Refused, RateLimited)
    ),
    modifiers(&Bearer)
)]
struct Shared;

/// `Authorization: Bearer TOKEN`, the token of `POST /api/v1/session`.
struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build();
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// The whole document: what the rooms share, then each room's paths and schemas, its
/// operations tagged with the room's name. A new room adds its line here.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = Shared::openapi();
    // The crate's licence is not the API's concern; the derive fills it from Cargo.toml.
    doc.info.license = None;
    tag(&mut doc, "api");
    let rooms = [
        ("accounts", accounts::api::ApiDoc::openapi()),
        ("audit", audit::api::ApiDoc::openapi()),
        ("cases", cases::api::ApiDoc::openapi()),
        ("deadlines", deadlines::api::ApiDoc::openapi()),
        ("stats", stats::api::ApiDoc::openapi()),
        ("admin_judgments", admin_judgments::api::ApiDoc::openapi()),
        ("exemption", exemption::api::ApiDoc::openapi()),
        ("complaints", complaints::api::ApiDoc::openapi()),
        ("assets", assets::api::ApiDoc::openapi()),
        ("assets", assets::coercion::ApiDoc::openapi()),
        ("assets", assets::rules::ApiDoc::openapi()),
        ("money", money::api::ApiDoc::openapi()),
        ("money", money::statements::StatementsApiDoc::openapi()),
        ("money", money::fee_rules::FeeRulesApiDoc::openapi()),
        ("money", money::savings::SavingsApiDoc::openapi()),
        ("documents", crate::documents::api::ApiDoc::openapi()),
        ("documents", crate::documents::cancel::ApiDoc::openapi()),
        ("periods", periods::api::ApiDoc::openapi()),
        ("snapshots", snapshots::api::ApiDoc::openapi()),
        ("reception", crate::reception::api::ApiDoc::openapi()),
        ("reorg", crate::reorg::api::ApiDoc::openapi()),
        ("personnel", crate::personnel::api::ApiDoc::openapi()),
        ("requests", crate::requests::api::ApiDoc::openapi()),
    ];
    for (name, mut room) in rooms {
        tag(&mut room, name);
        doc.merge(room);
    }
    doc
}

/// Tags every operation of `doc` with `room` and prefixes its id (the handler's name) with it,
/// so that `cases.show` and `stats.show` stay two operations.
fn tag(doc: &mut utoipa::openapi::OpenApi, room: &str) {
    for item in doc.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            operation.tags = Some(vec![room.to_string()]);
            let handler = operation.operation_id.take().unwrap_or_default();
            operation.operation_id = Some(format!("{room}.{handler}"));
        }
    }
}

static JSON: LazyLock<String> = LazyLock::new(|| document().to_pretty_json().unwrap_or_else(|_| String::from("{}")));

/// `GET /api/openapi.json`: this document.
#[utoipa::path(get, path = "/api/openapi.json", summary = "This document", responses((status = 200, description = "OpenAPI 3.1")))]
pub async fn serve() -> Response {
    let mut response = JSON.as_str().into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
