//! An asset as people read it (the asset page and `GET /api/v1/assets/{id}`), its running time
//! limits as worklist items beside the cases' deadlines, and the chain's measures per unit for
//! the statistics page.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use thads_core::assets::{
    AssetDeadline, AssetMeasures, AssetState, AssetStep, MeasureSummary, asset_deadlines, creditor_may_take, measures,
    summarise,
};
use thads_core::deadlines::Regime;
use thads_core::{UnitId, Vnd};
use thads_store::{AssetRow, AssetStepRow, Store};
use time::{Date, OffsetDateTime};

use super::{AssetResult, AssetSetup, Chain, chain_of, facts_of};

/// One time limit of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineLine {
    pub kind: &'static str,
    pub label: String,
    pub started_on: Date,
    pub due: Date,
    pub met_on: Option<Date>,
    pub closed_on: Option<Date>,
    pub citation: String,
    /// `confirmed`, `inferred` or `unconfirmed`.
    pub confidence: &'static str,
    /// Open on the day read.
    pub running: bool,
    pub overdue: bool,
    /// Met after its last day.
    pub late: bool,
}

/// One recorded step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryLine {
    pub id: i64,
    pub date: Date,
    pub step: &'static str,
    pub label: &'static str,
    pub detail: String,
    pub state_after: AssetState,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
}

/// An asset as its page shows it.
#[derive(Debug, Clone)]
pub struct AssetView {
    pub row: AssetRow,
    pub state: AssetState,
    pub valuation: Option<Vnd>,
    pub starting_price: Option<Vnd>,
    pub round: u8,
    pub creditor_may_take: bool,
    /// The regime of the day read.
    pub regime: Regime,
    /// The auction announced and not yet ended (its id), for its outcome.
    pub open_auction: Option<i64>,
    pub deadlines: Vec<DeadlineLine>,
    pub history: Vec<HistoryLine>,
    pub measures: AssetMeasures,
    pub coercion_costs: Vnd,
    pub sale_price: Option<Vnd>,
    pub buyer: Option<String>,
}

fn confidence(c: thads_core::confidence::Confidence) -> &'static str {
    use thads_core::confidence::Confidence::*;
    match c {
        Confirmed => "confirmed",
        Inferred => "inferred",
        Unconfirmed => "unconfirmed",
    }
}

fn line(d: &AssetDeadline<'_>, today: Date) -> DeadlineLine {
    DeadlineLine {
        kind: d.kind.code(),
        label: d.rule.name_vi.clone(),
        started_on: d.started_on,
        due: d.due,
        met_on: d.met_on,
        closed_on: d.closed_on,
        citation: d.rule.citation.clone(),
        confidence: confidence(d.rule.confidence),
        running: d.running_on(today),
        overdue: d.overdue_on(today),
        late: d.late(),
    }
}

fn money(v: Vnd) -> String {
    thads_core::amount::group_thousands(i128::from(v.dong()))
}

/// The step's values in words (prices in đồng, reasons by their label).
pub fn detail(step: &AssetStep) -> String {
    match step {
        AssetStep::Valued { method, value } => format!("{method}: {} đ", money(*value)),
        AssetStep::AuctionSet { session_on, starting_price } => {
            format!("phiên {} · giá khởi điểm {} đ", thads_core::dates::format_vn(*session_on), money(*starting_price))
        }
        AssetStep::Sold { price, buyer } | AssetStep::SoldWithoutAuction { price, buyer } => {
            format!("{} đ · {}", money(*price), buyer.as_str())
        }
        AssetStep::PaymentExtended { until } => format!("đến {}", thads_core::dates::format_vn(*until)),
        AssetStep::Failed { reason } => format!("{} ({})", reason.label_vi(), reason.code()),
        AssetStep::Reduced { starting_price, decided_by } => format!("{} đ · {decided_by}", money(*starting_price)),
        AssetStep::CreditorTakes { case, by_agreement } => {
            format!("việc #{}{}", case.0, if *by_agreement { " · thỏa thuận" } else { "" })
        }
        _ => String::new(),
    }
}

/// The asset on `today`.
pub fn view(chain: &Chain, setup: &AssetSetup, today: Date) -> AssetView {
    let ctx = chain.ctx(setup);
    let now = chain.current();
    let deadlines = asset_deadlines(&ctx, &chain.records);
    let measured = measures(&chain.facts, &chain.records, &deadlines);
    let open_auction = match now.state {
        AssetState::AuctionSet | AssetState::Sold => {
            chain.steps.iter().rev().find(|s| matches!(s.step, AssetStep::AuctionSet { .. })).map(|s| s.id)
        }
        _ => None,
    };
    let history = chain
        .steps
        .iter()
        .zip(&chain.records)
        .map(|(s, r)| HistoryLine {
            id: s.id,
            date: s.date,
            step: s.step.code(),
            label: s.step.label_vi(),
            detail: detail(&s.step),
            state_after: r.after.state,
            note: s.note.clone(),
            recorded_by: s.recorded_by.clone(),
            recorded_at: s.recorded_at,
        })
        .collect();
    AssetView {
        row: chain.row.clone(),
        state: now.state,
        valuation: now.valuation,
        starting_price: now.starting_price,
        round: now.round(),
        creditor_may_take: creditor_may_take(&setup.rules, &now, today),
        regime: Regime::on(today, setup.rules.new_law_from()),
        open_auction,
        deadlines: deadlines.iter().map(|d| line(d, today)).collect(),
        history,
        measures: measured,
        coercion_costs: chain.facts.coercion_costs,
        sale_price: now.sale.as_ref().map(|s| s.price),
        buyer: now.sale.as_ref().map(|s| s.buyer.as_str().to_string()),
    }
}

/// The chains of the assets of `units` (a chain that no longer replays is left out: its page
/// says why).
fn chains(store: &dyn Store, setup: &AssetSetup, units: &[UnitId]) -> AssetResult<Vec<Chain>> {
    let rows = store.assets_of_units(units)?;
    let mut steps: HashMap<i64, Vec<AssetStepRow>> = HashMap::new();
    for s in store.asset_steps_of_units(units)? {
        steps.entry(s.asset.0).or_default().push(s);
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let facts = facts_of(store, &row)?;
        let own = steps.remove(&row.id.0).unwrap_or_default();
        if let Ok(chain) = chain_of(setup, row, own, facts) {
            out.push(chain);
        }
    }
    Ok(out)
}

/// The measures of the assets of each row's units (a unit and its subtree), in the rows' order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitMeasures {
    pub unit: UnitId,
    pub summary: MeasureSummary,
}

///
/// The assets of all the rows' units are read once (two statements, whatever the number of
/// rows: a national page has a row per province) and each row sums those of its units.
pub fn measures_by_unit(store: &dyn Store, rows: &[(UnitId, Vec<UnitId>)]) -> AssetResult<Vec<UnitMeasures>> {
    let setup = AssetSetup::load(store)?;
    let mut units: Vec<UnitId> = rows.iter().flat_map(|(_, scope)| scope.iter().copied()).collect();
    units.sort_unstable();
    units.dedup();
    let measured: Vec<(UnitId, AssetMeasures)> = chains(store, &setup, &units)?
        .iter()
        .map(|c| (c.row.unit, measures(&c.facts, &c.records, &asset_deadlines(&c.ctx(&setup), &c.records))))
        .collect();
    let out = rows
        .iter()
        .map(|(unit, scope)| {
            let scope: HashSet<UnitId> = scope.iter().copied().collect();
            let own: Vec<AssetMeasures> = measured.iter().filter(|(u, _)| scope.contains(u)).map(|(_, m)| *m).collect();
            UnitMeasures { unit: *unit, summary: summarise(&own) }
        })
        .collect();
    Ok(out)
}
