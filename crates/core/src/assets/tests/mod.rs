//! Tests of the asset chain: the table of every step in every state under both regimes, the
//! clocks and prices steps are checked against, a chain across 01/07/2026, the deadlines of a
//! chain and its measures.

use std::sync::OnceLock;

use time::{Date, Duration};

use super::*;
use crate::amount::Vnd;
use crate::calendar::{Announcements, WorkingCalendar};
use crate::case::CaseId;
use crate::money::{ReferenceAmounts, Text, WageRegion};

mod chains;
mod switch;
mod table;
mod timing;

/// The starting valuation of the test assets: 1 tỷ đồng.
const VALUE: i64 = 1_000_000_000;

fn calendar() -> &'static WorkingCalendar {
    static CALENDAR: OnceLock<WorkingCalendar> = OnceLock::new();
    CALENDAR.get_or_init(|| WorkingCalendar::vietnam(Announcements::none()).unwrap())
}

fn refs() -> &'static ReferenceAmounts {
    static REFS: OnceLock<ReferenceAmounts> = OnceLock::new();
    REFS.get_or_init(ReferenceAmounts::default)
}

fn vnd(d: i64) -> Vnd {
    Vnd::new(d).unwrap()
}

fn buyer() -> Text {
    Text::of(&crate::field::BUYER, "Công ty TNHH Minh Phát").unwrap()
}

/// A chain under construction: the asset's facts and its steps at day offsets from the seizure.
#[derive(Clone)]
struct Chain {
    facts: AssetFacts,
    rules: AssetRules,
    events: Vec<AssetEvent>,
}

impl Chain {
    fn seized(on: Date) -> Chain {
        let facts = AssetFacts {
            kind: AssetKind::PhuongTien,
            seized_on: on,
            perishable: false,
            for_state_budget: false,
            coercion_costs: vnd(5_000_000),
            region: WageRegion::I,
        };
        Chain { facts, rules: AssetRules::default(), events: Vec::new() }
    }

    fn day(&self, offset: i64) -> Date {
        self.facts.seized_on + Duration::days(offset)
    }

    fn then(mut self, offset: i64, step: AssetStep) -> Chain {
        let date = self.day(offset);
        self.events.push(AssetEvent { date, step });
        self
    }

    fn ctx(&self) -> AssetContext<'_> {
        AssetContext { facts: &self.facts, rules: &self.rules, refs: refs(), calendar: calendar() }
    }

    fn records(&self) -> Vec<AssetRecord> {
        replay(&self.ctx(), &self.events).unwrap_or_else(|r| panic!("prefix refused: {r:?}"))
    }

    fn now(&self) -> AssetSnapshot {
        self.records().last().map_or_else(|| AssetSnapshot::seized(self.facts.seized_on), |r| r.after.clone())
    }

    /// The state after `step` on day `offset`, or the code of the reason it is refused.
    fn attempt(&self, offset: i64, step: AssetStep) -> Result<AssetState, String> {
        let event = AssetEvent { date: self.day(offset), step };
        apply(&self.ctx(), &self.now(), &event).map(|s| s.state).map_err(|reason| code(&reason))
    }

    fn refusal(&self, offset: i64, step: AssetStep) -> AssetReason {
        let event = AssetEvent { date: self.day(offset), step };
        apply(&self.ctx(), &self.now(), &event).unwrap_err()
    }
}

/// The stable code of a reason (its serde tag).
fn code(reason: &AssetReason) -> String {
    serde_json::to_value(reason).unwrap()["code"].as_str().unwrap().to_string()
}

// Steps.

fn valued(method: ValuationMethod, value: i64) -> AssetStep {
    AssetStep::Valued { method, value: vnd(value) }
}

fn set(chain: &Chain, session_offset: i64, price: i64) -> AssetStep {
    AssetStep::AuctionSet { session_on: chain.day(session_offset), starting_price: vnd(price) }
}

fn sold(price: i64) -> AssetStep {
    AssetStep::Sold { price: vnd(price), buyer: buyer() }
}

fn failed(reason: FailureReason) -> AssetStep {
    AssetStep::Failed { reason }
}

fn reduced(price: i64, decided_by: DecidedBy) -> AssetStep {
    AssetStep::Reduced { starting_price: vnd(price), decided_by }
}

fn creditor(by_agreement: bool) -> AssetStep {
    AssetStep::CreditorTakes { case: CaseId(11), by_agreement }
}

/// A chain through two failed reductions: sessions on days 30, 70 and 110, the price reduced
/// by 10 % by the officer on days 50 and 90.
fn twice_reduced(chain: Chain) -> Chain {
    let c = chain.then(3, valued(ValuationMethod::Agreed, VALUE)).then(8, AssetStep::AuctionContracted);
    let c = {
        let s = set(&c, 30, VALUE);
        c.then(15, s)
    };
    let c = c.then(30, failed(FailureReason::KhongDangKy)).then(50, reduced(900_000_000, DecidedBy::Officer));
    let c = {
        let s = set(&c, 70, 900_000_000);
        c.then(55, s)
    };
    let c = c.then(70, failed(FailureReason::KhongTraGia)).then(90, reduced(810_000_000, DecidedBy::Officer));
    let c = {
        let s = set(&c, 110, 810_000_000);
        c.then(95, s)
    };
    c.then(110, failed(FailureReason::KhongDangKy))
}
