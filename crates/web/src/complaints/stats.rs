//! The register's statistics page (`GET /complaints/stats`) and its XLSX export
//! (`GET /complaints/stats/export`): for a unit and a reporting period (year and months, as the
//! report JSON), the figures of the unit's scope and a row per subordinate unit, complaints and
//! denunciations together or one kind.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Deserialize;
use thads_app::complaints::figures;
use thads_core::complaints::{ComplaintKind, ComplaintStats};
use thads_core::dates::format_vn;
use thads_core::{Unit, UnitId};

use super::ViewComplaints;
use super::pages::kind_words;
use super::period::PeriodQuery;
use crate::accounts::Allowed;
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct StatsParams {
    #[serde(default)]
    year: String,
    #[serde(default)]
    months: String,
    /// khieu_nai, to_cao or empty (both)
    #[serde(default)]
    kind: String,
}

/// One row: a unit and its figures.
pub struct FigureRow {
    pub unit: String,
    pub stats: ComplaintStats,
    pub total: bool,
}

impl FigureRow {
    pub fn cells(&self) -> [String; 7] {
        let s = &self.stats;
        let n = |v: u64| fmt::count(i128::from(v));
        [
            n(s.received),
            n(s.within_authority),
            n(s.carried_over),
            n(s.resolved),
            n(s.withdrawn),
            fmt::rate(s.resolved_rate),
            n(s.overdue),
        ]
    }
}

/// The headings of the figures, in the order of `FigureRow::cells`.
pub fn headings(lang: Lang) -> [&'static str; 7] {
    [
        lang.t("complaint_received"),
        lang.t("complaint_within_authority"),
        lang.t("complaint_carried_over"),
        lang.t("complaint_resolved"),
        lang.t("complaint_withdrawn"),
        lang.t("complaint_rate"),
        lang.t("complaint_overdue"),
    ]
}

/// What the page and the export show.
pub struct Figures {
    pub from: String,
    pub to: String,
    pub year: i32,
    pub months: u8,
    pub kind: Option<ComplaintKind>,
    pub rows: Vec<FigureRow>,
}

async fn compute(state: &AppState, lang: Lang, unit: &Unit, p: &StatsParams) -> Result<Figures, WebError> {
    let today = state.today();
    let ym = PeriodQuery { year: p.year.clone(), months: p.months.clone() }.asked(today)?;
    let period = ym.period;
    let kind = match p.kind.trim() {
        "" => None,
        k => Some(ComplaintKind::parse(k).map_err(|e| WebError::BadRequest(e.to_string()))?),
    };
    let id = unit.id;
    let rows = state
        .blocking(move |s| {
            let directory = s.directory();
            let mut units: Vec<(UnitId, bool)> = vec![(id, true)];
            let mut children = directory.units.children(id);
            children.sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
            units.extend(children.into_iter().map(|c| (c.id, false)));
            let mut rows = Vec::new();
            for (u, total) in units {
                // The unit's whole scope first, then each subordinate unit's.
                let scope = directory.units.scope(u);
                let stats = figures(s.store.as_ref(), &scope, period, today, kind)?;
                rows.push(FigureRow { unit: directory.unit_label(u), stats, total });
            }
            // The unit's own letters (received by itself), when it has subordinate units.
            if rows.len() > 1 {
                let own = std::collections::BTreeSet::from([id]);
                let stats = figures(s.store.as_ref(), &own, period, today, kind)?;
                let label = format!("{} — {}", directory.unit_label(id), lang.t("complaint_own_letters"));
                rows.insert(1, FigureRow { unit: label, stats, total: false });
            }
            Ok(rows)
        })
        .await?;
    Ok(Figures {
        from: format_vn(period.from()),
        to: format_vn(period.to().min(today)),
        year: ym.year.number(),
        months: ym.months,
        kind,
        rows,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/stats.html")]
struct StatsPage {
    c: Chrome,
    unit: String,
    unit_name: String,
    f: Figures,
    headings: [&'static str; 7],
    kinds: Vec<(String, String, bool)>,
    month_choices: Vec<u8>,
}

/// `GET /complaints/stats?unit=&year=&months=&kind=`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewComplaints>,
    Query(p): Query<StatsParams>,
) -> Result<Response, WebError> {
    let f = compute(&state, lang, &access.unit, &p).await?;
    let kinds = ComplaintKind::ALL
        .iter()
        .map(|k| (k.code().to_string(), kind_words(*k, lang).to_string(), f.kind == Some(*k)))
        .collect();
    Ok(StatsPage {
        c: access.user.chrome(&state, lang),
        unit: access.unit.code.to_string(),
        unit_name: access.unit.name.clone(),
        headings: headings(lang),
        kinds,
        month_choices: (1..=12).collect(),
        f,
    }
    .into_response())
}

/// `GET /complaints/stats/export?unit=&year=&months=&kind=`: the same table as XLSX.
pub async fn export(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewComplaints>,
    Query(p): Query<StatsParams>,
) -> Result<Response, WebError> {
    let f = compute(&state, lang, &access.unit, &p).await?;
    let body = workbook(&f, lang).map_err(WebError::internal)?;
    let name = format!("thads-khieu-nai-{}-{}-{}.xlsx", access.unit.code, f.year, f.months);
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// The statistics as an XLSX workbook: the period, then one row per unit (the scope's total
/// first), headings in the reader's language, counts as numbers, the rate as a number with two
/// decimals.
pub fn workbook(f: &Figures, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.t("complaint_sheet"))?;
    let bold = Format::new().set_bold();
    let rate = Format::new().set_num_format("0.00");
    sheet.write_string_with_format(0, 0, lang.t("complaint_stats"), &bold)?;
    sheet.write_string(1, 0, format!("{} – {}", f.from, f.to))?;
    if let Some(k) = f.kind {
        sheet.write_string(1, 1, kind_words(k, lang))?;
    }
    sheet.write_string_with_format(3, 0, lang.t("unit"), &bold)?;
    sheet.set_column_width(0, 48.0)?;
    for (col, h) in (1_u16..).zip(headings(lang)) {
        sheet.write_string_with_format(3, col, h, &bold)?;
        sheet.set_column_width(col, 14.0)?;
    }
    for (row, r) in (4_u32..).zip(&f.rows) {
        if r.total {
            sheet.write_string_with_format(row, 0, &r.unit, &bold)?;
        } else {
            sheet.write_string(row, 0, &r.unit)?;
        }
        let s = &r.stats;
        let counts = [s.received, s.within_authority, s.carried_over, s.resolved, s.withdrawn];
        for (col, v) in (1_u16..).zip(counts) {
            sheet.write_number(row, col, v as f64)?;
        }
        if let Some(p) = s.resolved_rate {
            sheet.write_number_with_format(row, 6, p.hundredths() as f64 / 100.0, &rate)?;
        }
        sheet.write_number(row, 7, s.overdue as f64)?;
    }
    sheet.set_freeze_panes(4, 1)?;
    book.save_to_buffer()
}
