//! What an asset's chain measures, which no public auction system reports: how the asset left
//! the agency's hands, the days from seizure to sale, the sessions it took, the price as a share
//! of its valuation, and how many of its time limits were met late; and their summary over a
//! unit's assets for the statistics page.

use serde::Serialize;
use time::Date;

use super::deadlines::AssetDeadline;
use super::machine::AssetRecord;
use super::state::AssetState;
use super::step::{AssetFacts, AssetStep};
use crate::amount::Vnd;
use crate::percent::Percent;

/// How the chain ended, if it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposal {
    Auction,
    WithoutAuction,
    Creditor,
    Redeemed,
    ReturnedToDebtor,
}

/// The measures of one asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AssetMeasures {
    pub disposal: Option<Disposal>,
    /// Days from the seizure to the sale (the auction won, or the sale without auction).
    pub days_to_sale: Option<i64>,
    pub sale_price: Option<Vnd>,
    /// Auction sessions held (sold or failed) up to now.
    pub sessions: u8,
    pub reductions: u8,
    /// The sale price as a share of the first valuation.
    pub price_share: Option<Percent>,
    /// Limits met after their due date.
    pub late_steps: u16,
}

/// The measures of an asset from its replayed history and its deadlines.
pub fn measures(facts: &AssetFacts, records: &[AssetRecord], deadlines: &[AssetDeadline<'_>]) -> AssetMeasures {
    let first_valuation = records.iter().find_map(|r| match r.step {
        AssetStep::Valued { value, .. } => Some(value),
        _ => None,
    });
    let last = records.last().map(|r| &r.after);
    // The snapshot keeps a sale until it fails (the buyer defaulted): then it is no sale.
    let sale = last.and_then(|a| a.sale.as_ref()).map(|s| (s.on, s.price));
    AssetMeasures {
        disposal: last.and_then(disposal),
        days_to_sale: sale.map(|(on, _)| days_between(facts.seized_on, on)),
        sale_price: sale.map(|(_, price)| price),
        sessions: last.map_or(0, |a| a.sessions),
        reductions: last.map_or(0, |a| a.reductions),
        price_share: sale
            .zip(first_valuation)
            .and_then(|((_, price), valuation)| Percent::ratio(price.dong().into(), valuation.dong().into())),
        late_steps: u16::try_from(deadlines.iter().filter(|d| d.late()).count()).unwrap_or(u16::MAX),
    }
}

fn disposal(after: &super::state::AssetSnapshot) -> Option<Disposal> {
    match after.state {
        AssetState::HandedOver if after.creditor.is_some() => Some(Disposal::Creditor),
        AssetState::HandedOver | AssetState::Paid => {
            after.sale.as_ref().map(|s| if s.by_auction { Disposal::Auction } else { Disposal::WithoutAuction })
        }
        AssetState::Redeemed => Some(Disposal::Redeemed),
        AssetState::ReturnedToDebtor => Some(Disposal::ReturnedToDebtor),
        _ => None,
    }
}

fn days_between(from: Date, to: Date) -> i64 {
    i64::from(to.to_julian_day() - from.to_julian_day())
}

/// A unit's assets summed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct MeasureSummary {
    pub assets: u32,
    pub sold: u32,
    pub median_days_to_sale: Option<i64>,
    /// Sessions held by the sold assets (divided by `sold`: sessions per sale).
    pub sessions_of_sold: u32,
    pub median_price_share: Option<Percent>,
    pub late_steps: u32,
}

/// Sums up the measures of a unit's assets (medians take the lower middle).
pub fn summarise(all: &[AssetMeasures]) -> MeasureSummary {
    let sold: Vec<&AssetMeasures> = all.iter().filter(|m| m.days_to_sale.is_some()).collect();
    let mut days: Vec<i64> = sold.iter().filter_map(|m| m.days_to_sale).collect();
    let mut shares: Vec<Percent> = sold.iter().filter_map(|m| m.price_share).collect();
    let sessions: u32 = sold.iter().map(|m| u32::from(m.sessions)).sum();
    MeasureSummary {
        assets: u32::try_from(all.len()).unwrap_or(u32::MAX),
        sold: u32::try_from(sold.len()).unwrap_or(u32::MAX),
        median_days_to_sale: median(&mut days),
        sessions_of_sold: sessions,
        median_price_share: median(&mut shares),
        late_steps: all.iter().map(|m| u32::from(m.late_steps)).sum(),
    }
}

fn median<T: Ord + Copy>(values: &mut [T]) -> Option<T> {
    values.sort_unstable();
    values.get(values.len().saturating_sub(1) / 2).copied()
}
