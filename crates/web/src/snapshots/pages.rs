//! `GET /snapshots/{id}`: a snapshot's figures as frozen, and its diff against today's
//! figures (or `?against=ID`, another snapshot): each moved figure, before and after, with the
//! records that moved it. `POST /snapshots?unit=`: saves the report of a reporting year's
//! cumulative months and shows it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_core::ReportingYear;
use thads_reports::{Column, FormKind};

use super::{AgainstParam, SaveSnapshot, diff_of, save_now, visible};
use crate::accounts::{Allowed, CsrfForm, User};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::state::AppState;

pub struct FigureLine {
    pub form: &'static str,
    pub key: &'static str,
    pub value: String,
}

pub struct WhyLine {
    pub unit: String,
    pub case_no: String,
    pub record: String,
    pub effective: String,
    pub entered_at: String,
    pub entered_by: String,
}

pub struct ChangeLine {
    pub form: &'static str,
    pub key: &'static str,
    pub before: String,
    pub after: String,
    pub cases: Vec<WhyLine>,
}

#[derive(Template, WebTemplate)]
#[template(path = "snapshots/snapshot.html")]
struct SnapshotPage {
    c: Chrome,
    id: i64,
    unit: String,
    from: String,
    to: String,
    kind_label: &'static str,
    taken_at: String,
    taken_by: String,
    against: String,
    figures: Vec<FigureLine>,
    changes: Vec<ChangeLine>,
}

/// `GET /snapshots/{id}?against=`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    user: User,
    Path(id): Path<String>,
    Query(p): Query<AgainstParam>,
) -> Result<Response, WebError> {
    let u = user.clone();
    let against = p.against.clone();
    let (head, diff) = state
        .blocking(move |s| {
            let head = visible(s, &u, &id)?;
            let diff = diff_of(s, &u, &head, &against)?;
            Ok((head, diff))
        })
        .await?;
    let figures: serde_json::Value = serde_json::from_str(&head.figures).map_err(WebError::internal)?;
    let mut lines = Vec::new();
    for (kind, form) in [(FormKind::Cases, "cases"), (FormKind::Money, "money")] {
        for column in Column::of(kind) {
            let value = figures[form][column.key()].as_i64().map_or_else(String::new, |v| fmt::count(i128::from(v)));
            lines.push(FigureLine { form, key: column.key(), value });
        }
    }
    let changes = diff
        .changes
        .into_iter()
        .map(|c| ChangeLine {
            form: c.form,
            key: c.key,
            before: fmt::count(c.before),
            after: fmt::count(c.after),
            cases: c
                .cases
                .into_iter()
                .map(|w| WhyLine {
                    unit: w.unit,
                    case_no: w.case_no,
                    record: w.record,
                    effective: w.effective,
                    entered_at: w.entered_at.unwrap_or_default(),
                    entered_by: w.entered_by.unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    let unit = state.directory().unit_label(head.unit);
    let body = SnapshotPage {
        c: user.chrome(&state, lang),
        id: head.id,
        unit,
        from: fmt::date(head.from),
        to: fmt::date(head.to),
        kind_label: super::kind_label(head.kind, lang),
        taken_at: fmt::instant(head.taken_at),
        taken_by: head.taken_by,
        against: if p.against.trim().is_empty() { "live".into() } else { p.against.trim().to_string() },
        figures: lines,
        changes,
    };
    Ok(body.into_response())
}

#[derive(Deserialize, Default, Clone)]
pub struct SaveForm {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub months: String,
}

/// `POST /snapshots?unit=`: saves the report and shows the new snapshot.
pub async fn create(
    State(state): State<AppState>,
    access: Allowed<SaveSnapshot>,
    CsrfForm { user, form }: CsrfForm<SaveForm>,
) -> Result<Response, WebError> {
    let year: i32 = form.year.trim().parse().map_err(|_| WebError::refused("năm không hợp lệ / invalid year"))?;
    let months: u8 = match form.months.trim() {
        "" => 12,
        m => m.parse().map_err(|_| WebError::refused("số tháng không hợp lệ / invalid months"))?,
    };
    let period =
        ReportingYear::new(year).and_then(|y| y.cumulative(months)).map_err(|e| WebError::refused(e.to_string()))?;
    let (login, unit) = (user.staff.login.to_string(), access.unit.id);
    let id = state.blocking(move |s| save_now(s, login, unit, period)).await?;
    Ok(see_other(&format!("/snapshots/{id}")))
}
