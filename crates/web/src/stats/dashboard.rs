//! The dashboard of a unit: completion rates in cases and money against the target (gap in
//! percentage points), the same period last year, the monthly trend, the ranking of the units
//! below, from the live statistics engine; and the legal deadlines due this week and overdue
//! in the unit's scope, by officer. The figures are kept between requests while the data
//! they come from has not changed.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

use thads_app::stats;
use thads_core::UnitId;
use thads_core::dates::Period;
use thads_reports::{FullReport, Report};
use time::Date;

use super::ViewReports;
use super::period::{AnyPeriodParams, ChosenPeriod};
use super::svg;
use crate::accounts::Allowed;
use crate::chrome::Chrome;
use crate::deadlines::Panel;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::memo::Memo;
use crate::state::AppState;

/// The headline figures of one report.
pub struct Headline {
    pub cases_rate: String,
    pub money_rate: String,
    pub cases_target: String,
    pub money_target: String,
    pub cases_gap: String,
    pub money_gap: String,
    pub cases_gap_negative: bool,
    pub money_gap_negative: bool,
    pub completed: String,
    pub with_means: String,
    pub money_completed: String,
    pub money_with_means: String,
    pub period: String,
}

impl Headline {
    pub fn of(r: &Report) -> Headline {
        let pct = |p: Option<thads_core::Percent>| p.is_some_and(|p| p.hundredths() < 0);
        Headline {
            cases_rate: fmt::rate(r.cases.completion_rate()),
            money_rate: fmt::rate(r.money.completion_rate()),
            cases_target: fmt::rate(r.target.map(|t| t.cases)),
            money_target: fmt::rate(r.target.map(|t| t.money)),
            cases_gap: fmt::points(r.cases_delta_pp()),
            money_gap: fmt::points(r.money_delta_pp()),
            cases_gap_negative: pct(r.cases_delta_pp()),
            money_gap_negative: pct(r.money_delta_pp()),
            completed: fmt::count(r.cases.completed + r.cases.terminated),
            with_means: fmt::count(r.cases.with_means),
            money_completed: fmt::money_sum(thads_core::VndSum(
                r.money.completed + r.money.terminated + r.money.reduced,
            )),
            money_with_means: fmt::money_sum(thads_core::VndSum(r.money.with_means)),
            period: format!("{} – {}", fmt::date(r.period.from()), fmt::date(r.period.to())),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "stats/dashboard.html")]
struct DashboardPage {
    c: Chrome,
    unit_code: String,
    unit_name: String,
    now: Headline,
    before: Headline,
    trend_svg: String,
    ranking_svg: String,
    has_children: bool,
    deadlines: Arc<Panel>,
    /// The period picker as the reader left it (any period, issue 17 item 3).
    unit_query: String,
    kind: &'static str,
    year: i32,
    months: u8,
    month: String,
    quarter: String,
    from: String,
    to: String,
    /// The worklist's "due this week" filter the counts link to: from today, before a week on.
    week_from: String,
    week_before: String,
}

/// What a dashboard shows, before it is put into words of one language.
struct Figures {
    full: FullReport,
    /// The report of each month of the period so far, for the trend: from the period's first
    /// day to each month's end (the period's last day for the last).
    trend: Vec<Report>,
    /// `03/2026`: the month of each point of the trend.
    labels: Vec<String>,
    deadlines: Arc<Panel>,
}

/// A unit's dashboard for a period (first and last day), on a day.
type FiguresKey = (UnitId, Date, Date, Date);
/// The reference generation (units, targets), the ledger generation, the deadlines table's
/// stamp and the last entry of the custody books (a payout moves no ledger, but clears a
/// payout limit the deadlines count) the figures were computed from.
type FiguresVersion = (i64, i64, Option<String>, i64);

/// Dashboards' figures, kept between requests while the data they come from stays as it was
/// (a part of the server's state).
type Dashboards = Memo<FiguresKey, FiguresVersion, Figures>;

/// The figures of `unit`, kept between requests while neither the reference data, the ledger,
/// the deadline rules nor the custody books change (every change of a case moves the ledger
/// generation in its transaction), or while younger than `THADS_REPORT_MAX_AGE_MS` after they
/// did.
fn figures(state: &AppState, unit: UnitId, period: Period) -> Result<Arc<Figures>, WebError> {
    let store = state.store.as_ref();
    let key = (unit, period.from(), period.to(), state.today());
    let dashboards = state.part(|_| Dashboards::default());
    let (max_age, now) = (state.report_max_age(), std::time::Instant::now());
    // Figures younger than the age allowed are shown whatever moved since, without asking the
    // store or the engine anything.
    if let Some(young) = dashboards.young(&key, max_age, now) {
        return Ok(young);
    }
    // Read before the engine and the directory: what is computed is at least this new.
    let reference = state.reference();
    let generation = state.engine.refresh(store, &state.rules, false)?;
    let (stamp, books) = (store.deadlines_stamp()?, store.last_entry_id()?);
    let version = (reference, generation, stamp, books);
    dashboards.get_within(&key, &version, max_age, now, || compute(state, unit, period, key.3))
}

/// The report of the period with everything, the rates of each month, and the deadlines.
fn compute(state: &AppState, unit: UnitId, period: Period, today: Date) -> Result<Figures, WebError> {
    let (store, rules) = (state.store.as_ref(), &state.rules);
    let points = trend_points(period);
    let (full, trend) = state.engine.read(|engine, targets| {
        let full = stats::full_report(store, rules, engine, targets, unit, period, today)?;
        let mut trend = Vec::new();
        for p in &points {
            trend.push(stats::report(store, rules, engine, targets, unit, *p, today)?);
        }
        Ok::<_, WebError>((full, trend))
    })??;
    let labels = points.iter().map(|p| format!("{:02}/{}", u8::from(p.to().month()), p.to().year())).collect();
    let scope: Vec<UnitId> = state.directory().units.scope(unit).into_iter().collect();
    let deadlines = Arc::new(crate::deadlines::panel(state, &scope, today)?);
    Ok(Figures { full, trend, labels, deadlines })
}

/// The most points a trend shows: a longer period shows its last `TREND_MAX` months.
const TREND_MAX: usize = 24;

/// The periods of the trend: from the period's first day to the end of each month it covers
/// (its last day for the last month), at most the last `TREND_MAX`.
fn trend_points(period: Period) -> Vec<Period> {
    let mut points = Vec::new();
    let mut day = period.from();
    while day <= period.to() {
        let end = thads_core::dates::end_of_month(day).min(period.to());
        if let Ok(p) = Period::new(period.from(), end) {
            points.push(p);
        }
        match end.next_day() {
            Some(next) => day = next,
            None => break,
        }
    }
    let skip = points.len().saturating_sub(TREND_MAX);
    points.split_off(skip)
}

pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewReports>,
    Query(p): Query<AnyPeriodParams>,
) -> Result<Response, WebError> {
    let chosen = ChosenPeriod::parse(&p, state.today())?;
    let (unit, period) = (access.unit.id, chosen.period);
    let f = state.blocking(move |s| figures(s, unit, period)).await?;
    let labels = &f.labels;
    let series = [
        svg::Series {
            label: lang.t("completion_cases"),
            class: "cases",
            points: f.trend.iter().map(|r| r.cases.completion_rate().map(|p| p.hundredths())).collect(),
        },
        svg::Series {
            label: lang.t("completion_money"),
            class: "money",
            points: f.trend.iter().map(|r| r.money.completion_rate().map(|p| p.hundredths())).collect(),
        },
    ];
    let targets: Vec<svg::Target<'_>> = f
        .full
        .report
        .target
        .map(|t| {
            vec![
                svg::Target { label: lang.t("trend_target_cases"), class: "cases", value: t.cases.hundredths() },
                svg::Target { label: lang.t("trend_target_money"), class: "money", value: t.money.hundredths() },
            ]
        })
        .unwrap_or_default();
    let ranking: Vec<(String, Option<i64>)> =
        f.full.breakdowns.ranking.iter().map(|e| (e.unit.clone(), e.cases_rate.map(|p| p.hundredths()))).collect();
    let page = DashboardPage {
        c: access.user.chrome(&state, lang),
        unit_code: access.unit.code.to_string(),
        unit_name: access.unit.name.clone(),
        now: Headline::of(&f.full.report),
        before: Headline::of(&f.full.previous_year),
        trend_svg: svg::rate_chart(lang.t("trend"), labels, &series, &targets),
        has_children: !ranking.is_empty(),
        ranking_svg: svg::bar_chart(lang.t("ranking"), &ranking),
        deadlines: Arc::clone(&f.deadlines),
        unit_query: access.unit.code.to_string(),
        kind: chosen.kind.code(),
        year: chosen.ym.year.number(),
        months: chosen.ym.months,
        month: chosen.month_value(),
        quarter: chosen.quarter_value(),
        from: range_day(&chosen, chosen.period.from()),
        to: range_day(&chosen, chosen.period.to()),
        week_from: thads_core::dates::format_iso(state.today()),
        week_before: thads_core::dates::format_iso(
            state.today().saturating_add(time::Duration::days(thads_app::deadlines::WEEK)),
        ),
    };
    Ok(page.into_response())
}

/// A day of the picker's from–to fields: shown only when the period was named that way.
fn range_day(chosen: &ChosenPeriod, day: Date) -> String {
    if chosen.kind == super::period::PeriodKind::Range { thads_core::dates::format_vn(day) } else { String::new() }
}
