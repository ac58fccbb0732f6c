//! Every time limit of an asset's chain, from its replayed history: when each started, when it
//! was due, and whether a recorded step met it (and how late). The limits running on a day are
//! the asset page's and the worklist's; the whole list is what an inspector reads (valuation
//! late, auction late). A step closes the limits of the state it leaves and opens those of the
//! state it enters, under the regime of the day each clock starts.

use serde::Serialize;
use time::Date;

use super::limits::AssetLimit;
use super::machine::{AssetContext, AssetRecord};
use super::state::{AssetSnapshot, AssetState};
use super::step::AssetStep;
use crate::deadlines::{Limit, Regime};

/// One time limit of the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AssetDeadline<'r> {
    pub kind: AssetLimit,
    pub started_on: Date,
    /// The last day to act (or the last day of a party's window).
    pub due: Date,
    pub rule: &'r Limit<AssetLimit>,
    /// The day a recorded step met it.
    pub met_on: Option<Date>,
    /// The day the chain moved on without meeting it.
    pub closed_on: Option<Date>,
}

impl AssetDeadline<'_> {
    /// Met after its due date.
    pub fn late(&self) -> bool {
        self.met_on.is_some_and(|d| d > self.due)
    }

    /// Started and not yet met or closed on `day`.
    pub fn open_on(&self, day: Date) -> bool {
        let ended = self.met_on.or(self.closed_on);
        self.started_on <= day && ended.is_none_or(|e| e > day)
    }

    /// Open and past due on `day`, for a limit a recorded step can meet.
    pub fn overdue_on(&self, day: Date) -> bool {
        self.kind.tracked() && self.open_on(day) && day > self.due
    }

    /// Shown on `day`: open, and either tracked or not yet past its last day.
    pub fn running_on(&self, day: Date) -> bool {
        self.open_on(day) && (self.kind.tracked() || day <= self.due)
    }
}

/// Every limit of the chain, in the order they started.
pub fn asset_deadlines<'r>(ctx: &AssetContext<'r>, records: &[AssetRecord]) -> Vec<AssetDeadline<'r>> {
    let mut walk = Walk { ctx, all: Vec::new(), open: Vec::new() };
    let seized = AssetSnapshot::seized(ctx.facts.seized_on);
    walk.enter(&seized, ctx.facts.seized_on, None);
    for record in records {
        walk.leave(record);
        walk.enter(&record.after, record.date, Some(&record.step));
    }
    walk.all
}

struct Walk<'c, 'r> {
    ctx: &'c AssetContext<'r>,
    all: Vec<AssetDeadline<'r>>,
    /// Indices into `all`.
    open: Vec<usize>,
}

impl<'r> Walk<'_, 'r> {
    fn regime(&self, day: Date) -> Regime {
        self.ctx.rules.limits.regime_on(day)
    }

    /// Opens `kind` started on `start`; returns its due date.
    fn start(&mut self, kind: AssetLimit, start: Date) -> Option<Date> {
        let d = self.ctx.rules.limits.from(kind, start, self.ctx.calendar)?;
        let due = d.due;
        self.open.push(self.all.len());
        self.all.push(AssetDeadline { kind, started_on: start, due, rule: d.limit, met_on: None, closed_on: None });
        Some(due)
    }

    /// Every open limit is met by the step, or closed by it.
    fn leave(&mut self, record: &AssetRecord) {
        for index in std::mem::take(&mut self.open) {
            let deadline = &mut self.all[index];
            match met_by(deadline.kind, &record.step, record.date) {
                Some(day) if deadline.kind.tracked() => deadline.met_on = Some(day),
                _ => deadline.closed_on = Some(record.date),
            }
        }
    }

    /// The limits of the state the chain enters on `day`.
    fn enter(&mut self, after: &AssetSnapshot, day: Date, step: Option<&AssetStep>) {
        let facts = self.ctx.facts;
        match (after.state, step) {
            (AssetState::Seized, _) => {
                self.start(AssetLimit::ValuationContract, day);
                if facts.perishable {
                    self.start(AssetLimit::SaleWithoutAuction, day);
                }
            }
            (AssetState::Valued | AssetState::Contracted, Some(AssetStep::Valued { .. })) => {
                if let Some(notified) = self.start(AssetLimit::ValuationNotice, day) {
                    self.start(AssetLimit::RevaluationRequest, notified);
                }
                if after.state == AssetState::Valued {
                    self.start(AssetLimit::AuctionContract, day);
                }
            }
            (AssetState::Contracted, Some(AssetStep::AuctionContracted)) => {
                let kind = if facts.kind.is_real_estate() {
                    AssetLimit::AuctionRealEstate
                } else {
                    AssetLimit::AuctionMovable
                };
                self.start(kind, day);
            }
            (AssetState::Sold, Some(AssetStep::Sold { .. })) => {
                self.start(AssetLimit::BuyerPayment, day);
            }
            (AssetState::Sold, Some(AssetStep::PaymentExtended { .. })) => {
                let sold_on = after.sale.as_ref().map_or(day, |s| s.on);
                self.start(AssetLimit::BuyerPaymentExtended, sold_on);
            }
            (AssetState::Paid, _) => {
                self.start(AssetLimit::Handover, day);
            }
            (AssetState::Failed, _) => self.failed(day),
            (AssetState::CreditorTaking, _) => self.creditor_taking(after, day),
            _ => {}
        }
    }

    fn failed(&mut self, day: Date) {
        let notified = self.start(AssetLimit::FailureNotice, day);
        if self.ctx.facts.for_state_budget {
            self.start(AssetLimit::BudgetReduction, day);
        } else if let Some(notified) = notified {
            self.start(AssetLimit::ReductionAgreement, notified);
        }
    }

    fn creditor_taking(&mut self, after: &AssetSnapshot, day: Date) {
        let Some(claim) = after.creditor else { return };
        if claim.by_agreement {
            self.start(AssetLimit::AgreedHandover, day);
            return;
        }
        // Old law: the debtor is told within 10 days of the failure; new: within 3 working days
        // of the creditor's acceptance.
        let notice_from = match self.regime(day) {
            Regime::Old => after.last_failure.map_or(day, |(failed_on, _)| failed_on),
            Regime::New => day,
        };
        let Some(notified) = self.start(AssetLimit::DebtorNotice, notice_from) else { return };
        if let Some(redeem_until) = self.start(AssetLimit::DebtorRedemption, notified.max(day)) {
            self.start(AssetLimit::CreditorSurplus, redeem_until);
        }
    }
}

/// The day `step` (taken on `day`) meets a limit of `kind`, if it does.
fn met_by(kind: AssetLimit, step: &AssetStep, day: Date) -> Option<Date> {
    use AssetLimit as L;
    match (kind, step) {
        (L::ValuationContract, AssetStep::Valued { .. })
        | (L::SaleWithoutAuction, AssetStep::SoldWithoutAuction { .. })
        | (L::AuctionContract, AssetStep::AuctionContracted)
        | (L::BuyerPayment | L::BuyerPaymentExtended, AssetStep::Paid)
        | (L::Handover | L::AgreedHandover, AssetStep::HandedOver)
        | (L::BudgetReduction, AssetStep::Reduced { .. }) => Some(day),
        (L::AuctionMovable | L::AuctionRealEstate, AssetStep::AuctionSet { session_on, .. }) => Some(*session_on),
        _ => None,
    }
}
