//! Every route × every role × own unit / other unit, from the same table that builds the
//! router. The expected outcome is asked of `thads_core::access::authorize` with the route's
//! rule; a route added without a sample request here fails `every_route_has_a_sample`.

use reqwest::{Method, StatusCode};
use thads_core::access::{Principal, authorize};
use thads_core::admin_judgments::{AdminJudgment, BodyLevel, Point};
use thads_core::exemption::ReliefKind;
use thads_core::{CaseId, EventCode, Role, UnitTree};
use thads_store::NewProposal;
use thads_web::routes::{Rule, table};

use crate::common::{Session, TestApp, login_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Own,
    Other,
}

/// The request a route is tried with: its path (and body for posts) for a target on `side`.
fn sample(app: &TestApp, method: &Method, path: &str, side: Side) -> Option<(String, Vec<(String, String)>)> {
    let (case, unit, actor, job) = match side {
        Side::Own => (app.own_case, "BG-KV1", login_of(Role::Officer), &app.jobs[0]),
        Side::Other => (app.other_case, "BG-KV2", "officer.kv2".to_string(), &app.jobs[1]),
    };
    let id = case.0;
    // A person of the side's unit, for the administration of users.
    let person = app.staff[&actor].0;
    let collect = |v: i64| {
        vec![
            ("version".to_string(), v.to_string()),
            ("code".into(), "collected".into()),
            ("date".into(), "01/11/2025".into()),
            ("amount".into(), "1.000".into()),
        ]
    };
    let p = |s: String| Some((s, vec![]));
    let pairs = |v: &[(&str, &str)]| v.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
    // A number already in the unit's book: allowed callers are told 409, nothing is taken in.
    let taken = app.db(|s| s.case(case)).unwrap().unwrap().facts.case_no.to_string();
    let intake = pairs(&[
        ("unit", unit),
        ("case_no", &taken),
        ("accepted_on", "2025-10-01"),
        ("origin", "theo_yeu_cau"),
        ("judgment_type", "dan_su"),
        ("amount_vnd", "1000"),
        ("debtor", "Nguyễn Văn A"),
        ("creditor", "Trần Thị B"),
    ]);
    match (method.as_str(), path) {
        ("GET", "/health") => p("/health".into()),
        ("GET", "/health/details") => p("/health/details".into()),
        ("GET", "/audit/chain") => p("/audit/chain".into()),
        ("GET", "/api/v1/audit/chain") => p("/api/v1/audit/chain".into()),
        ("GET", "/assets/{file}") => p("/assets/app.css".into()),
        ("GET", "/lang/{code}") => p("/lang/en".into()),
        ("GET", "/favicon.ico") => p("/favicon.ico".into()),
        ("GET", "/login") => p("/login".into()),
        ("POST", "/login") => p("/login".into()),
        ("POST", "/logout") => p("/logout".into()),
        ("GET", "/account/password") => p("/account/password".into()),
        ("POST", "/account/password") => Some(("/account/password".into(), vec![("current".into(), "wrong".into())])),
        ("GET", "/") => p(format!("/?unit={unit}")),
        ("GET", "/cases") => p(format!("/cases?unit={unit}")),
        ("GET", "/cases/new") => p(format!("/cases/new?unit={unit}")),
        ("POST", "/cases/new") => Some((format!("/cases/new?unit={unit}"), intake)),
        ("GET", "/cases/{id}") => p(format!("/cases/{id}")),
        ("GET", "/cases/{id}/edit") => p(format!("/cases/{id}/edit")),
        // Stale versions: allowed callers get 409 and nothing changes.
        ("POST", "/cases/{id}/edit") => {
            Some((format!("/cases/{id}/edit"), pairs(&[("version", "0"), ("reason", "thử"), ("debtor", "A")])))
        }
        ("POST", "/cases/{id}/reassign") => {
            Some((format!("/cases/{id}/reassign"), pairs(&[("version", "0"), ("officer", ""), ("reason", "thử")])))
        }
        ("POST", "/api/v1/cases") => Some(("/api/v1/cases".into(), intake)),
        ("PATCH", "/api/v1/cases/{id}") => Some((
            format!("/api/v1/cases/{id}"),
            pairs(&[("version", "0"), ("reason", "thử"), ("debtor_address", "Thôn Đông")]),
        )),
        // A stale version: allowed callers get 409 and nothing changes.
        ("POST", "/cases/{id}/events") => Some((format!("/cases/{id}/events"), collect(0))),
        ("POST", "/cases/{id}/void") => Some((
            format!("/cases/{id}/void"),
            vec![
                ("version".into(), "0".into()),
                ("record".into(), first_record(app, case)),
                ("note".into(), "nhập nhầm".into()),
            ],
        )),
        ("POST", "/cases/{id}/correct") => Some((format!("/cases/{id}/correct"), {
            let mut fields = collect(0);
            fields.push(("record".into(), first_record(app, case)));
            fields.push(("note".into(), "nhập nhầm ngày".into()));
            fields
        })),
        ("GET", "/deadlines") => p(format!("/deadlines?unit={unit}")),
        ("GET", "/deadlines/export") => p(format!("/deadlines/export?unit={unit}&overdue=true")),
        ("GET", "/cases/{id}/audit") => p(format!("/cases/{id}/audit")),
        ("GET", "/audit") => p(format!("/audit?unit={unit}&actor={actor}")),
        ("GET", "/audit/sign-ins") => p(format!("/audit/sign-ins?unit={unit}")),
        ("GET", "/users") => p(format!("/users?unit={unit}")),
        // Invalid forms: allowed callers get the form back (422), nothing changes.
        ("POST", "/users") => Some((format!("/users?unit={unit}"), vec![("login".into(), "".into())])),
        ("GET", "/users/{id}") => p(format!("/users/{person}")),
        ("POST", "/users/{id}/role") => Some((format!("/users/{person}/role"), vec![("role".into(), "nope".into())])),
        ("POST", "/users/{id}/active") => {
            Some((format!("/users/{person}/active"), vec![("active".into(), "maybe".into())]))
        }
        ("POST", "/users/{id}/password") => Some((
            format!("/users/{person}/password"),
            vec![("password".into(), "short".into()), ("repeat".into(), "short".into())],
        )),
        ("GET", "/targets") => p(format!("/targets?unit={unit}")),
        ("POST", "/targets") => Some((format!("/targets?unit={unit}"), vec![("year".into(), "năm".into())])),
        ("GET", "/calendar") => p("/calendar".into()),
        ("POST", "/calendar") => Some(("/calendar".into(), vec![("date".into(), "32/13/2025".into())])),
        ("POST", "/calendar/remove") => Some(("/calendar/remove".into(), vec![("date".into(), "x".into())])),
        ("GET", "/api/v1/audit") => p(format!("/api/v1/audit?case={id}")),
        ("GET", "/stats") => p(format!("/stats?unit={unit}")),
        ("GET", "/stats/export") => p(format!("/stats/export?unit={unit}&format=csv")),
        ("GET", "/stats/cases") => p(format!("/stats/cases?unit={unit}&form=cases&column=with_means")),
        ("GET", "/stats/print") => p(format!("/stats/print?unit={unit}&form=01")),
        ("GET", "/import") => p(format!("/import?unit={unit}")),
        // Without a file: allowed callers get the form back (422), nothing is imported.
        ("POST", "/import") => p(format!("/import?unit={unit}")),
        ("GET", "/import/{job}") => p(format!("/import/{job}")),
        ("GET", "/import/{job}/progress") => p(format!("/import/{job}/progress")),
        ("POST", "/api/v1/session") => p("/api/v1/session".into()),
        ("DELETE", "/api/v1/session") => p("/api/v1/session".into()),
        ("GET", "/api/v1/cases") => p(format!("/api/v1/cases?unit={unit}")),
        ("GET", "/api/v1/cases/{id}") => p(format!("/api/v1/cases/{id}")),
        ("POST", "/api/v1/cases/{id}/events") => p(format!("/api/v1/cases/{id}/events")),
        ("GET", "/api/v1/deadlines") => p(format!("/api/v1/deadlines?unit={unit}&overdue=true")),
        ("GET", "/api/v1/reports") => p(format!("/api/v1/reports?unit={unit}")),
        ("GET", "/api/openapi.json") => p("/api/openapi.json".into()),
        // Administrative judgments and exemption: invalid forms or bodies, so allowed callers
        // get 422 and nothing changes; a judgment and a proposal on each side's unit and case.
        ("GET", "/admin-judgments") => p(format!("/admin-judgments?unit={unit}")),
        ("POST", "/admin-judgments") => {
            Some((format!("/admin-judgments?unit={unit}"), pairs(&[("court", "TAND"), ("judgment_on", "x")])))
        }
        ("GET", "/admin-judgments/export") => p(format!("/admin-judgments/export?unit={unit}")),
        ("GET", "/admin-judgments/{id}") => p(format!("/admin-judgments/{}", judgment_in(app, case))),
        ("POST", "/admin-judgments/{id}/steps") => Some((
            format!("/admin-judgments/{}/steps", judgment_in(app, case)),
            pairs(&[("step", "nope"), ("date", "2025-11-01")]),
        )),
        ("POST", "/api/v1/admin-judgments") => Some((
            "/api/v1/admin-judgments".into(),
            pairs(&[
                ("unit", unit),
                ("court", "TAND tỉnh Bắc Giang"),
                ("judgment_no", "01/2025/HC-ST"),
                ("judgment_on", "x"),
                ("body", "UBND huyện"),
                ("obligation", "Hủy quyết định"),
            ]),
        )),
        ("POST", "/api/v1/admin-judgments/{id}/result") => Some((
            format!("/api/v1/admin-judgments/{}/result", judgment_in(app, case)),
            pairs(&[("date", "2025-11-01"), ("result", "nope")]),
        )),
        ("GET", "/api/v1/reports/admin-judgments") => {
            p(format!("/api/v1/reports/admin-judgments?unit={unit}&year=2026"))
        }
        ("GET", "/exemptions") => p(format!("/exemptions?unit={unit}")),
        ("GET", "/exemptions/export") => p(format!("/exemptions/export?unit={unit}")),
        ("POST", "/cases/{id}/exemption") => Some((format!("/cases/{id}/exemption"), pairs(&[("proposed_on", "x")]))),
        ("POST", "/cases/{id}/exemption/{proposal}/decision") => Some((
            format!("/cases/{id}/exemption/{}/decision", proposal_on(app, case)),
            pairs(&[("result", "nope"), ("decided_on", "2025-11-01")]),
        )),
        // An undecided proposal: nothing to apply (422).
        ("POST", "/cases/{id}/exemption/{proposal}/apply") => {
            Some((format!("/cases/{id}/exemption/{}/apply", proposal_on(app, case)), vec![]))
        }
        ("GET", "/api/v1/cases/{id}/exemption") => p(format!("/api/v1/cases/{id}/exemption?on=2025-11-01")),
        // From 127.0.0.1, an allowed address by default: 200 whoever asks.
        ("GET", "/metrics") => p("/metrics".into()),
        ("GET", "/complaints") => p(format!("/complaints?unit={unit}&show=all")),
        ("GET", "/complaints/new") => p(format!("/complaints/new?unit={unit}")),
        // An unknown kind: allowed callers get the form back (422), nothing is registered.
        ("POST", "/complaints/new") => Some((format!("/complaints/new?unit={unit}"), pairs(&[("kind", "nope")]))),
        ("GET", "/complaints/stats") => p(format!("/complaints/stats?unit={unit}")),
        ("GET", "/complaints/stats/export") => p(format!("/complaints/stats/export?unit={unit}")),
        ("GET", "/complaints/{id}") => p(format!("/complaints/{}", letter_of(app, side))),
        // A decision dated in the future: allowed callers are told why (422), nothing changes.
        ("POST", "/complaints/{id}/step") => Some((
            format!("/complaints/{}/step", letter_of(app, side)),
            pairs(&[("step", "resolve"), ("date", "01/01/2099"), ("outcome", "dung")]),
        )),
        ("GET", "/reception") => p(format!("/reception?unit={unit}")),
        // No visitors: refused (422), nothing is recorded.
        ("POST", "/reception") => Some((
            format!("/reception?unit={unit}"),
            pairs(&[("date", "01/11/2025"), ("kind", "dinh_ky"), ("visitors", "0"), ("subject", "Hỏi")]),
        )),
        // No head chosen: refused (422), nothing is scheduled.
        ("POST", "/reception/schedule") => {
            Some((format!("/reception/schedule?unit={unit}"), pairs(&[("action", "add"), ("date", "01/12/2025")])))
        }
        ("GET", "/api/v1/complaints") => p(format!("/api/v1/complaints?unit={unit}")),
        ("POST", "/api/v1/complaints") => {
            Some(("/api/v1/complaints".into(), pairs(&[("unit", unit), ("kind", "nope")])))
        }
        ("POST", "/api/v1/complaints/{id}/resolution") => Some((
            format!("/api/v1/complaints/{}/resolution", letter_of(app, side)),
            pairs(&[("date", "2099-01-01"), ("outcome", "dung")]),
        )),
        ("GET", "/api/v1/reports/complaints") => p(format!("/api/v1/reports/complaints?unit={unit}")),
        ("GET", "/reception/export") => p(format!("/reception/export?unit={unit}")),
        ("GET", "/api/v1/reception") => p(format!("/api/v1/reception?unit={unit}")),
        // An unknown kind: refused (422), nothing is recorded.
        ("POST", "/api/v1/reception/sessions") => Some((
            "/api/v1/reception/sessions".into(),
            pairs(&[("unit", unit), ("date", "2025-11-01"), ("kind", "nope"), ("visitors", "1")]),
        )),
        // No head named: refused (422), nothing is scheduled.
        ("POST", "/api/v1/reception/schedule") => {
            Some(("/api/v1/reception/schedule".into(), pairs(&[("unit", unit), ("date", "2025-12-01")])))
        }
        // Assets: bodies refused (bad dates, missing fields), so allowed callers change nothing.
        ("GET", "/seized-assets") => p(format!("/seized-assets?unit={unit}")),
        ("GET", "/seized-assets/{id}") => p(format!("/seized-assets/{}", asset_of(app, case).0)),
        ("POST", "/seized-assets/{id}/steps") => Some((
            format!("/seized-assets/{}/steps", asset_of(app, case).0),
            pairs(&[("action", "valuation"), ("date", "x")]),
        )),
        ("GET", "/cases/{id}/assets") => p(format!("/cases/{id}/assets")),
        ("POST", "/cases/{id}/assets") => Some((format!("/cases/{id}/assets"), pairs(&[("kind", "x")]))),
        ("POST", "/cases/{id}/coercion-plans") => {
            Some((format!("/cases/{id}/coercion-plans"), pairs(&[("starts", "x")])))
        }
        ("POST", "/api/v1/cases/{id}/assets") => p(format!("/api/v1/cases/{id}/assets")),
        ("POST", "/api/v1/cases/{id}/coercion-plans") => p(format!("/api/v1/cases/{id}/coercion-plans")),
        ("GET", "/api/v1/assets/{id}") => p(format!("/api/v1/assets/{}", asset_of(app, case).0)),
        ("POST", "/api/v1/auctions/{id}/outcome") => {
            Some((format!("/api/v1/auctions/{}/outcome", asset_of(app, case).1), pairs(&[("date", "x")])))
        }
        ("POST", p) if p.starts_with("/api/v1/assets/{id}/") => {
            Some((p.replace("{id}", &asset_of(app, case).0.to_string()), pairs(&[("date", "x")])))
        }
        // Money: a zero amount or an empty reason, so allowed callers get 422 and nothing changes.
        ("POST", "/api/v1/receipts") => Some((
            "/api/v1/receipts".into(),
            pairs(&[
                ("unit", unit),
                ("debtor_id", "001085012345"),
                ("amount_vnd", "0"),
                ("payer", "A"),
                ("method", "cash"),
            ]),
        )),
        ("POST", "/api/v1/receipts/{id}/cancel") => {
            let receipt = crate::money::debtor_receipt(app, unit);
            Some((format!("/api/v1/receipts/{receipt}/cancel"), pairs(&[("reason", "")])))
        }
        ("POST", "/api/v1/distributions") => Some((
            "/api/v1/distributions".into(),
            pairs(&[("unit", unit), ("debtor_id", "001085012345"), ("amount_vnd", "0")]),
        )),
        ("POST", "/api/v1/payouts") => Some((
            "/api/v1/payouts".into(),
            pairs(&[("case_id", &id.to_string()), ("amount_vnd", "0"), ("method", "cash"), ("payee", "B")]),
        )),
        ("GET", "/api/v1/cases/{id}/money") => p(format!("/api/v1/cases/{id}/money")),
        ("GET", "/money") => p(format!("/money?unit={unit}")),
        ("POST", "/money/receipts") => Some((
            format!("/money/receipts?unit={unit}"),
            pairs(&[("debtor_id", "001085012345"), ("amount_vnd", "0"), ("payer", "A"), ("method", "cash")]),
        )),
        ("POST", "/money/receipts/{id}/cancel") => {
            let receipt = crate::money::debtor_receipt(app, unit);
            Some((format!("/money/receipts/{receipt}/cancel?unit={unit}"), pairs(&[("reason", "")])))
        }
        ("GET", "/money/receipts/{id}") => {
            let receipt = crate::money::debtor_receipt(app, unit);
            p(format!("/money/receipts/{receipt}"))
        }
        ("POST", "/money/distributions") => Some((
            format!("/money/distributions?unit={unit}"),
            pairs(&[("debtor_id", "001085012345"), ("amount_vnd", "0")]),
        )),
        ("POST", "/money/payouts") => Some((
            format!("/money/payouts?unit={unit}"),
            pairs(&[("case_no", &taken), ("amount_vnd", "0"), ("method", "cash"), ("payee", "B")]),
        )),
        ("POST", "/money/close") => Some((format!("/money/close?unit={unit}"), pairs(&[("date", "32/13/2025")]))),
        // Bank statements: an empty file, so allowed callers get 422 and nothing is kept.
        ("POST", "/api/v1/statements") => Some(("/api/v1/statements".into(), pairs(&[("unit", unit), ("csv", "")]))),
        ("GET", "/api/v1/statements/{id}") => {
            p(format!("/api/v1/statements/{}?unit={unit}", crate::money_order::statement_of(app, unit)))
        }
        ("POST", "/money/statements") => Some((format!("/money/statements?unit={unit}"), pairs(&[("csv", "")]))),
        ("GET", "/money/statements/{id}") => {
            p(format!("/money/statements/{}?unit={unit}", crate::money_order::statement_of(app, unit)))
        }
        // Unclaimed money: an unknown way of notice or a zero amount, so allowed callers get 422.
        ("POST", "/api/v1/savings/notices") => Some((
            "/api/v1/savings/notices".into(),
            pairs(&[("case_id", &id.to_string()), ("how", "fax"), ("payee", "B")]),
        )),
        ("POST", "/api/v1/savings") => Some((
            "/api/v1/savings".into(),
            pairs(&[("case_id", &id.to_string()), ("amount_vnd", "0"), ("bank", "B"), ("passbook", "1")]),
        )),
        ("GET", "/api/v1/savings") => p(format!("/api/v1/savings?unit={unit}")),
        ("POST", "/api/v1/savings/{id}/interest") | ("POST", "/api/v1/savings/{id}/withdraw") => Some((
            path.replace("{id}", &crate::money_savings::deposit_of(app, case).to_string()),
            pairs(&[("amount_vnd", "0")]),
        )),
        ("GET", "/money/savings") => p(format!("/money/savings?unit={unit}")),
        ("POST", "/money/savings/notices") => Some((
            format!("/money/savings/notices?unit={unit}"),
            pairs(&[("case_no", &taken), ("how", "fax"), ("payee", "B")]),
        )),
        ("POST", "/money/savings/deposits") => Some((
            format!("/money/savings/deposits?unit={unit}"),
            pairs(&[("case_no", &taken), ("amount_vnd", "0"), ("bank", "B"), ("passbook", "1")]),
        )),
        ("POST", "/money/savings/{id}/interest") | ("POST", "/money/savings/{id}/withdraw") => Some((
            format!("{}?unit={unit}", path.replace("{id}", &crate::money_savings::deposit_of(app, case).to_string())),
            pairs(&[("amount_vnd", "0")]),
        )),
        ("GET", "/cases/{id}/documents") => p(format!("/cases/{id}/documents?kind=thong_bao&format=pdf")),
        // A stale version: allowed callers are told 409, no number is taken.
        ("POST", "/cases/{id}/documents") => Some((
            format!("/cases/{id}/documents"),
            pairs(&[("version", "0"), ("kind", "qd_hoan"), ("date", "01/11/2025"), ("ground", "48.1.a")]),
        )),
        ("GET", "/api/v1/cases/{id}/documents/{kind}") => {
            p(format!("/api/v1/cases/{id}/documents/thong_bao?format=docx"))
        }
        // Without a reason: allowed callers are told 422, the number is not cancelled.
        ("POST", "/cases/{id}/documents/cancel") => Some((
            format!("/cases/{id}/documents/cancel"),
            pairs(&[("document", &document_of(app, case).to_string()), ("reason", "")]),
        )),
        ("POST", "/api/v1/cases/{id}/document-cancellations") => {
            p(format!("/api/v1/cases/{id}/document-cancellations"))
        }
        // An unknown step: allowed callers are told 422, nothing is recorded.
        ("POST", "/cases/{id}/coercion-plans/{plan}/police-steps")
        | ("POST", "/api/v1/cases/{id}/coercion-plans/{plan}/police-steps") => Some((
            path.replace("{id}", &id.to_string()).replace("{plan}", &plan_of(app, case).to_string()),
            pairs(&[("kind", "x"), ("done_on", "x")]),
        )),
        ("GET", "/coercion-measures") => p(format!("/coercion-measures?unit={unit}&year=2025")),
        ("GET", "/api/v1/reports/coercion") => p(format!("/api/v1/reports/coercion?unit={unit}&year=2025")),
        ("GET", "/asset-rules") | ("GET", "/api/v1/asset-rules") => p(path.to_string()),
        // An unknown rule: allowed callers are told 422, nothing is saved.
        ("POST", "/asset-rules") | ("POST", "/api/v1/asset-rules") => Some((
            path.to_string(),
            pairs(&[
                ("rule", "x"),
                ("valid_from", "2026-07-01"),
                ("value", "1"),
                ("citation", "x"),
                ("confidence", "confirmed"),
            ]),
        )),
        ("GET", "/money-rules") | ("GET", "/api/v1/money-rules") => p(path.to_string()),
        // A table without brackets: allowed callers are told 422, nothing is saved.
        ("POST", "/money-rules") | ("POST", "/api/v1/money-rules") => Some((
            path.to_string(),
            pairs(&[("valid_from", "2026-07-01"), ("value", "{}"), ("citation", "x"), ("confidence", "confirmed")]),
        )),
        // A selected case of the side's unit: allowed callers start a job (303 to its page).
        ("POST", "/documents/bulk/jobs") => Some((
            format!("/documents/bulk/jobs?unit={unit}"),
            pairs(&[("kind", "thong_bao"), ("date", "01/11/2025"), ("case_id", &id.to_string())]),
        )),
        ("GET", p) if p.starts_with("/documents/bulk/jobs/{job}") => {
            let doc_job = if side == Side::Own { &app.doc_jobs[0] } else { &app.doc_jobs[1] };
            Some((p.replace("{job}", doc_job), vec![]))
        }
        ("GET", "/documents/bulk") => p(format!("/documents/bulk?unit={unit}")),
        ("POST", "/documents/bulk") => Some((
            format!("/documents/bulk?unit={unit}"),
            pairs(&[("kind", "thong_bao"), ("date", "01/11/2025"), ("format", "pdf"), ("cases", &taken)]),
        )),
        ("GET", "/documents/templates") => p("/documents/templates".into()),
        // A template with an unknown field: allowed callers get the editor back (422), nothing is saved.
        ("POST", "/documents/templates") | ("POST", "/api/v1/document-templates") => Some((
            path.replace("{id}", ""),
            pairs(&[
                ("kind", "thong_bao"),
                ("from", "2026-07-01"),
                ("effective_from", "2026-07-01"),
                ("legal_basis", "Luật 106/2025/QH15"),
                ("citation", "Đ35"),
                ("confidence", "inferred"),
                ("text", "::: agency\n{unit_nmae}\n:::"),
            ]),
        )),
        ("GET", "/api/v1/document-templates") => p("/api/v1/document-templates".into()),
        // Months that do not parse: allowed callers get 422, nothing is closed or reopened.
        ("GET", "/periods") => p(format!("/periods?unit={unit}")),
        ("POST", "/periods/close") => Some((format!("/periods/close?unit={unit}"), pairs(&[("month", "x")]))),
        ("POST", "/periods/reopen") => {
            Some((format!("/periods/reopen?unit={unit}"), pairs(&[("month", "x"), ("reason", "thử")])))
        }
        ("POST", "/snapshots") => Some((format!("/snapshots?unit={unit}"), pairs(&[("year", "năm")]))),
        ("GET", "/snapshots/{id}") => p(format!("/snapshots/{}", snapshot_of(app, side))),
        ("GET", "/api/v1/periods") => p(format!("/api/v1/periods?unit={unit}")),
        ("POST", "/api/v1/periods/close") => {
            Some((format!("/api/v1/periods/close?unit={unit}"), pairs(&[("month", "x")])))
        }
        ("GET", "/units/reorg") => p(format!("/units/reorg?unit={unit}")),
        ("POST", "/units/reorg/merge") => {
            Some((format!("/units/reorg/merge?unit={unit}"), pairs(&[("from", "x"), ("into", "x"), ("on", "x")])))
        }
        ("POST", "/units/reorg/rename") => {
            Some((format!("/units/reorg/rename?unit={unit}"), pairs(&[("code", "x"), ("name", "x"), ("on", "x")])))
        }
        // Multipart with the CSRF token only: no list and no rule, refused for allowed callers.
        ("POST", "/units/reorg/split") => Some((format!("/units/reorg/split?unit={unit}"), Vec::new())),
        ("POST", "/units/reorg/move") => {
            Some((format!("/units/reorg/move?unit={unit}"), pairs(&[("code", "x"), ("parent", "x"), ("on", "x")])))
        }
        ("GET", "/api/v1/units/operations") => p(format!("/api/v1/units/operations?unit={unit}")),
        ("POST", "/api/v1/units/merge") => {
            Some((format!("/api/v1/units/merge?unit={unit}"), pairs(&[("into", "X-NEW"), ("from", "x"), ("on", "x")])))
        }
        ("POST", "/api/v1/units/split") => {
            Some((format!("/api/v1/units/split?unit={unit}"), pairs(&[("from", "x"), ("into", "x"), ("on", "x")])))
        }
        ("POST", "/api/v1/units/rename") => {
            Some((format!("/api/v1/units/rename?unit={unit}"), pairs(&[("unit", "x"), ("name", "x"), ("on", "x")])))
        }
        ("POST", "/api/v1/units/move") => {
            Some((format!("/api/v1/units/move?unit={unit}"), pairs(&[("unit", "x"), ("parent", "x"), ("on", "x")])))
        }
        ("POST", "/api/v1/periods/reopen") => {
            Some((format!("/api/v1/periods/reopen?unit={unit}"), pairs(&[("month", "x"), ("reason", "thử")])))
        }
        ("POST", "/api/v1/snapshots") => Some((format!("/api/v1/snapshots?unit={unit}"), pairs(&[("year", "x")]))),
        ("GET", "/api/v1/snapshots/{id}") => p(format!("/api/v1/snapshots/{}", snapshot_of(app, side))),
        ("GET", "/api/v1/snapshots/{id}/diff") => p(format!("/api/v1/snapshots/{}/diff", snapshot_of(app, side))),
        // The staff registry: a bad rank, posts or date, or a CSV without its header, so
        // allowed callers get 422 and nothing changes; a person of each side's unit.
        ("GET", "/staff") => p(format!("/staff?unit={unit}")),
        ("POST", "/staff") => Some((format!("/staff?unit={unit}"), pairs(&[("full_name", "A"), ("rank", "nope")]))),
        ("POST", "/staff/posts") => Some((format!("/staff/posts?unit={unit}"), pairs(&[("total", "x")]))),
        ("POST", "/staff/import") => Some((format!("/staff/import?unit={unit}"), pairs(&[("csv", "ten\n")]))),
        ("GET", "/staff/report") => p(format!("/staff/report?unit={unit}")),
        ("GET", "/staff/report/export") => p(format!("/staff/report/export?unit={unit}")),
        ("GET", "/staff/{id}") => p(format!("/staff/{}", person_of(app, side))),
        ("POST", "/staff/{id}") => Some((format!("/staff/{}", person_of(app, side)), pairs(&[("rank", "nope")]))),
        ("POST", "/staff/{id}/end") => Some((format!("/staff/{}/end", person_of(app, side)), pairs(&[("date", "x")]))),
        ("GET", "/workload") => p(format!("/workload?unit={unit}")),
        ("GET", "/api/v1/staff") => p(format!("/api/v1/staff?unit={unit}")),
        ("POST", "/api/v1/staff") => {
            Some(("/api/v1/staff".into(), pairs(&[("unit", unit), ("full_name", "A"), ("rank", "nope")])))
        }
        ("POST", "/api/v1/staff/import") => p(format!("/api/v1/staff/import?unit={unit}")),
        ("GET", "/api/v1/reports/staffing") => p(format!("/api/v1/reports/staffing?unit={unit}")),
        ("GET", "/api/v1/workload") => p(format!("/api/v1/workload?unit={unit}")),
        // The portal's staff parts: a rotation gives the case a new code (nothing else moves).
        ("POST", "/cases/{id}/lookup-code") => p(format!("/cases/{id}/lookup-code")),
        ("GET", "/portal/debtors-history") => p(format!("/portal/debtors-history?unit={unit}")),
        // Online requests: a request filed with each side's unit; the steps' forms are refused
        // (empty text, a bad amount), so allowed callers get 422 and nothing changes.
        ("GET", "/request-queue") => p(format!("/request-queue?unit={unit}")),
        ("GET", "/api/v1/requests") => p(format!("/api/v1/requests?unit={unit}")),
        ("GET", p) if p.starts_with("/request-queue/{id}") || p.starts_with("/api/v1/requests/{id}") => {
            let (request, file) = crate::requests::request_of(app, unit);
            Some((p.replace("{id}", &request.to_string()).replace("{file}", &file.to_string()), vec![]))
        }
        ("POST", p) if p.starts_with("/request-queue/{id}/") || p.starts_with("/api/v1/requests/{id}/") => {
            let (request, _) = crate::requests::request_of(app, unit);
            let form = pairs(&[("what", ""), ("reason", ""), ("amount_vnd", "nhiều")]);
            Some((p.replace("{id}", &request.to_string()), form))
        }
        _ => None,
    }
}

/// The judgment monitored in the unit of `case` (registered on first use).
fn judgment_in(app: &TestApp, case: CaseId) -> i64 {
    app.db(|s| {
        let unit = s.case(case).unwrap().unwrap().facts.unit;
        if let Some(j) = s.admin_judgments(&[unit]).unwrap().first() {
            return j.id.0;
        }
        let judgment = AdminJudgment {
            unit,
            court: "Tòa án nhân dân tỉnh Bắc Giang".into(),
            judgment_no: format!("{}/2025/HC-ST", unit.0),
            judgment_on: time::macros::date!(2025 - 06 - 02),
            received_on: time::macros::date!(2025 - 06 - 20),
            body: "Ủy ban nhân dân huyện Lục Nam".into(),
            body_level: BodyLevel::Local,
            obligation: "Hủy quyết định thu hồi đất".into(),
            point: Point::B,
            body_received_on: None,
        };
        let mut tx = s.begin().unwrap();
        let id = tx.insert_admin_judgment(&judgment, "test", time::OffsetDateTime::now_utc()).unwrap();
        tx.commit().unwrap();
        id.0
    })
}

/// An undecided proposal on `case` (stored directly on first use).
fn proposal_on(app: &TestApp, case: CaseId) -> i64 {
    app.db(|s| {
        if let Some(p) = s.proposals_of_case(case).unwrap().first() {
            return p.id.0;
        }
        let unit = s.case(case).unwrap().unwrap().facts.unit;
        let mut tx = s.begin().unwrap();
        let id = tx
            .insert_proposal(&NewProposal {
                unit,
                case_id: case,
                kind: ReliefKind::Mien,
                proposed_on: time::macros::date!(2025 - 10 - 20),
                amount: thads_core::Vnd::new(1_000_000).unwrap(),
                procuracy_on: None,
                note: String::new(),
                by: "test".into(),
                at: time::OffsetDateTime::now_utc(),
            })
            .unwrap();
        tx.commit().unwrap();
        id.0
    })
}

/// A letter of the side's unit's register (registered the first time it is asked for).
fn letter_of(app: &TestApp, side: Side) -> i64 {
    let unit = if side == Side::Own { app.units.region1 } else { app.units.region2 };
    app.db(|s| {
        if let Some(r) = s.complaints().unwrap().iter().find(|r| r.record.facts.unit == unit) {
            return r.record.id.0;
        }
        let units = UnitTree::new(s.units().unwrap());
        let letter = thads_app::complaints::NewLetter {
            facts: thads_core::complaints::ComplaintFacts {
                unit,
                matter: thads_core::complaints::Matter::ToCao { level: thads_core::complaints::Level::First },
                channel: thads_core::complaints::Channel::BuuChinh,
                received_on: time::macros::date!(2025 - 11 - 03),
                complainant: "Lê Văn C".into(),
                subject: "Tố cáo cán bộ".into(),
                case_id: None,
                act_on: None,
                obstacle_days: 0,
                same_matter_as: None,
                within_authority: true,
            },
            authority: thads_app::complaints::AuthorityBasis::Stated(true),
            first_decision_of: None,
            session: None,
        };
        let actor = thads_app::Actor { login: "seed".into(), at: time::macros::datetime!(2025-11-20 03:00 UTC) };
        thads_app::complaints::register(s, &actor, &units, letter).unwrap().id.0
    })
}

/// The asset seized for `case` (seized and valued here the first time), and its first step's id.
fn asset_of(app: &TestApp, case: CaseId) -> (i64, i64) {
    use thads_core::assets::{AssetKind, AssetStep, ValuationMethod};
    app.db(|s| {
        if let Some(a) = s.assets_of_case(case).unwrap().first() {
            return (a.id.0, s.asset_steps(a.id).unwrap()[0].id);
        }
        let unit = s.case(case).unwrap().unwrap().facts.unit;
        let mut tx = s.begin().unwrap();
        let new = thads_store::NewAsset {
            unit,
            cases: vec![case],
            kind: AssetKind::PhuongTien,
            description: "Xe ô tô 98A-123.45".into(),
            location: String::new(),
            owner: String::new(),
            encumbrances: String::new(),
            seized_on: time::macros::date!(2025 - 11 - 03),
            decision: String::new(),
            perishable: false,
            for_state_budget: false,
        };
        let at = time::OffsetDateTime::now_utc();
        let id = tx.insert_asset(&new, "test", at).unwrap();
        let step = thads_store::NewAssetStep {
            asset: id,
            date: time::macros::date!(2025 - 11 - 05),
            step: AssetStep::Valued {
                method: ValuationMethod::Agreed,
                value: thads_core::Vnd::new(300_000_000).unwrap(),
            },
            note: String::new(),
            recorded_by: "test".into(),
            recorded_at: at,
        };
        let step = tx.append_asset_step(&step, 0).unwrap();
        tx.commit().unwrap();
        (id.0, step)
    })
}

/// A coercion plan of `case` (planned here the first time), for the police steps' samples.
fn plan_of(app: &TestApp, case: CaseId) -> i64 {
    app.db(|s| {
        if let Some(p) = s.coercion_plans(case).unwrap().first() {
            return p.id;
        }
        let unit = s.case(case).unwrap().unwrap().facts.unit;
        let mut tx = s.begin().unwrap();
        let id = tx
            .insert_coercion_plan(&thads_store::NewCoercionPlan {
                case,
                unit,
                starts: time::macros::datetime!(2025-11-20 08:00),
                ends: time::macros::datetime!(2025-11-20 11:00),
                place: "Xã Tân Dĩnh".into(),
                forces: 4,
                police_steps: vec![thads_store::PoliceStep {
                    kind: "plan_sent".into(),
                    due: time::macros::date!(2025 - 11 - 13),
                    done_on: None,
                }],
                costs: thads_core::Vnd::ZERO,
                recorded_by: "test".into(),
                recorded_at: time::OffsetDateTime::now_utc(),
            })
            .unwrap();
        tx.commit().unwrap();
        id
    })
}

/// A notice issued on `case` (issued here the first time), for the cancellation's samples.
fn document_of(app: &TestApp, case: CaseId) -> i64 {
    app.db(|s| {
        if let Some(d) = s.documents_of_case(case).unwrap().into_iter().find(|d| d.kind == "thong_bao") {
            return d.id.0;
        }
        let unit = s.case(case).unwrap().unwrap().facts.unit;
        let mut tx = s.begin().unwrap();
        let d = tx
            .issue_document(&thads_store::NewIssuedDocument {
                unit,
                kind: "thong_bao".into(),
                year: 2025,
                symbol: "TB-THADS".into(),
                case: Some(case),
                event: None,
                issued_on: time::macros::date!(2025 - 11 - 05),
                issued_by: "test".into(),
                issued_at: time::OffsetDateTime::now_utc(),
            })
            .unwrap();
        tx.commit().unwrap();
        d.id.0
    })
}

/// A snapshot of the side's unit (the reporting year 2026), saved for the sample.
fn snapshot_of(app: &TestApp, side: Side) -> i64 {
    let unit = if side == Side::Own { app.units.region1 } else { app.units.region2 };
    let actor = thads_app::Actor { login: "tk.test".into(), at: time::OffsetDateTime::now_utc() };
    let period = thads_core::ReportingYear::new(2026).unwrap().cumulative(12).unwrap();
    app.db(|s| thads_app::snapshots::save(s, &actor, &thads_core::Rules::default(), unit, period)).unwrap()
}

/// A person of the side's unit's registry (added the first time it is asked for).
fn person_of(app: &TestApp, side: Side) -> i64 {
    let unit = if side == Side::Own { app.units.region1 } else { app.units.region2 };
    app.db(|s| {
        if let Some(p) = s.people(Some(&[unit])).unwrap().first() {
            return p.id.0;
        }
        let mut tx = s.begin().unwrap();
        let id = tx
            .insert_person(&thads_core::personnel::PersonFacts {
                unit,
                full_name: "Vũ Thị Hạnh".into(),
                title: "Thư ký".into(),
                rank: thads_core::personnel::Rank::ThuKy,
                appointed_on: None,
                term_ends_on: None,
                staff: None,
            })
            .unwrap();
        tx.commit().unwrap();
        id.0
    })
}

fn first_record(app: &TestApp, case: CaseId) -> String {
    app.db(|s| s.records(case)).unwrap()[0].id.0.to_string()
}

#[tokio::test]
async fn every_route_has_a_sample() {
    let app = TestApp::spawn().await;
    let missing: Vec<String> = table()
        .iter()
        .filter(|r| sample(&app, &r.method, r.path, Side::Own).is_none())
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(missing.is_empty(), "routes without a sample (add one and its rule is tested): {missing:?}");
}

/// Sends the sample as `role` (a fresh session or token: some samples sign out).
async fn send(
    app: &TestApp,
    role: Option<Role>,
    method: &Method,
    path: &str,
    form: &[(String, String)],
) -> (StatusCode, String) {
    let api = path.starts_with("/api/");
    let login = role.map(login_of);
    let session: Option<Session> = match (&login, api) {
        (Some(l), false) => Some(app.sign_in(l).await),
        _ => None,
    };
    let token = match (&login, api) {
        (Some(l), true) => Some(app.token(l).await),
        _ => None,
    };
    let mut request = app.client.request(method.clone(), app.url(path));
    if let Some(s) = &session {
        request = request.header(reqwest::header::COOKIE, &s.cookie);
    }
    if let Some(t) = &token {
        request = request.bearer_auth(t);
    }
    if path.starts_with("/api/v1/cases/") && method == Method::POST {
        request = request
            .json(&serde_json::json!({ "date": "2025-11-01", "event": "collected", "amount_vnd": 1000, "version": 0 }));
    } else if api && !form.is_empty() {
        // A JSON body from the sample's pairs; versions and amounts are numbers.
        let body: serde_json::Map<String, serde_json::Value> = form
            .iter()
            .map(|(k, v)| {
                let value = match (k.as_str(), v.parse::<i64>()) {
                    ("version" | "amount_vnd", Ok(n)) => serde_json::json!(n),
                    _ => serde_json::json!(v),
                };
                (k.clone(), value)
            })
            .collect();
        request = request.json(&body);
    } else if path == "/api/v1/session" && method == Method::POST {
        request =
            request.json(&serde_json::json!({ "login": login_of(Role::Clerk), "password": crate::common::PASSWORD }));
    } else if (path.starts_with("/import") || path.starts_with("/units/reorg/split")) && method == Method::POST {
        let csrf = session.as_ref().map(|s| s.csrf.clone()).unwrap_or_default();
        let boundary = "route-test-boundary";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}--\r\n"
        );
        request = request
            .header(reqwest::header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .body(body);
    } else if method == Method::POST {
        let mut fields: Vec<(String, String)> =
            vec![("csrf".into(), session.as_ref().map(|s| s.csrf.clone()).unwrap_or_default())];
        fields.extend_from_slice(form);
        request = request.form(&fields);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let location = response.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or("").to_string();
    (status, location)
}

fn denied(status: StatusCode, location: &str) -> bool {
    matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND)
        || location.starts_with("/login?next")
}

#[tokio::test]
async fn every_route_every_role_own_and_other_unit() {
    let app = TestApp::spawn().await;
    let tree = UnitTree::new(app.db(|s| s.units()).unwrap());
    let mut failures = Vec::new();
    let mut checked = 0;
    for route in table() {
        // The public sign-in form posts need no session; they are tested in `security`.
        if route.rule == Rule::Public && route.method == Method::POST {
            continue;
        }
        for side in [Side::Own, Side::Other] {
            let (path, form) = sample(&app, &route.method, route.path, side).unwrap();
            let id = if side == Side::Own { app.own_case } else { app.other_case };
            let case = app.db(|s| s.case(id)).unwrap().unwrap();
            let anonymous = send(&app, None, &route.method, &path, &form).await;
            if route.rule != Rule::Public && !denied(anonymous.0, &anonymous.1) {
                failures.push(format!("anonymous {} {path}: {:?}", route.method, anonymous));
            }
            for role in Role::ALL {
                let who = app.staff[&login_of(role)];
                let principal = Principal { staff: who, role, unit: app.units.region1 };
                // The void and correct samples replace the case's verification; the other changes
                // collect money (a correction needs both events).
                let codes = match route.path {
                    p if p.ends_with("/void") => vec![EventCode::WithMeans],
                    p if p.ends_with("/correct") => vec![EventCode::WithMeans, EventCode::Collected],
                    // The sample issues a decision to postpone.
                    "/cases/{id}/documents" if route.method == Method::POST => vec![EventCode::Postponed],
                    _ => vec![EventCode::Collected],
                };
                let expected = codes.iter().all(|code| {
                    // The installation's rule is asked about its root, whatever the side.
                    let unit = if route.rule == Rule::Installation { app.units.national } else { case.facts.unit };
                    let actions = route.rule.actions(unit, case.facts.officer, *code);
                    actions.iter().all(|a| authorize(&principal, *a, &tree).is_ok())
                });
                let (status, location) = send(&app, Some(role), &route.method, &path, &form).await;
                checked += 1;
                if expected == denied(status, &location) || status.is_server_error() {
                    failures.push(format!(
                        "{role} {} {path} ({side:?}): expected allowed={expected}, got {status} {location}",
                        route.method
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} checks failed:\n{}", failures.len(), failures.join("\n"));
    assert!(checked >= table().len() * 7, "every role was tried on every route");
}
