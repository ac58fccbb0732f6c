//! The state machine of a seized asset (domain §3.9): its chain is replayed from the seizure
//! step by step, and a step the state, the prices or the clock do not allow is refused with the
//! rule and its citation. The regime of each check is the one of the step's day (NĐ 152/2026
//! Điều 115), so a chain that spans 01/07/2026 changes rules in the middle.
//!
//! Notices to the parties are not recorded, so a window that runs from a notice is read both
//! ways: a step that must come *within* it (a party's agreement, a redemption, a re-valuation
//! request) is refused only after the latest day it could end (the notice sent on the last day
//! of its own limit); a step that must wait for it to end (the officer's reduction, the
//! handover to the creditor) is refused only before the earliest (the notice sent on the day
//! its limit starts). Nothing lawful is refused for want of a recorded notice.

use serde::{Deserialize, Serialize};
use time::Date;

use super::kind::{DecidedBy, FailureReason, ValuationMethod};
use super::limits::AssetLimit;
use super::refusal::{AssetReason, AssetRefusal};
use super::rules::AssetRules;
use super::state::{AssetSnapshot, AssetState, CreditorClaim, Sale};
use super::step::{AssetEvent, AssetFacts, AssetStep};
use crate::amount::Vnd;
use crate::calendar::WorkingCalendar;
use crate::case::CaseId;
use crate::deadlines::{Limit, Regime};
use crate::money::{ReferenceAmounts, Text};
use crate::versioned::{Version, Versions};

/// What every check of an asset needs.
#[derive(Debug, Clone, Copy)]
pub struct AssetContext<'a> {
    pub facts: &'a AssetFacts,
    pub rules: &'a AssetRules,
    pub refs: &'a ReferenceAmounts,
    pub calendar: &'a WorkingCalendar,
}

/// One replayed step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetRecord {
    pub date: Date,
    pub step: AssetStep,
    pub after: AssetSnapshot,
}

/// Replays `events` (in date order) from the seizure: one record per step, or the first
/// refusal.
pub fn replay(ctx: &AssetContext<'_>, events: &[AssetEvent]) -> Result<Vec<AssetRecord>, AssetRefusal> {
    let mut current = AssetSnapshot::seized(ctx.facts.seized_on);
    let mut records = Vec::with_capacity(events.len());
    for (index, event) in events.iter().enumerate() {
        let after = apply(ctx, &current, event).map_err(|reason| AssetRefusal {
            index,
            date: event.date,
            step: event.step.code().to_string(),
            reason,
        })?;
        current = after.clone();
        records.push(AssetRecord { date: event.date, step: event.step.clone(), after });
    }
    Ok(records)
}

/// The chain on `day`: after every step dated on or before it.
pub fn snapshot_on(facts: &AssetFacts, records: &[AssetRecord], day: Date) -> AssetSnapshot {
    records
        .iter()
        .take_while(|r| r.date <= day)
        .last()
        .map_or_else(|| AssetSnapshot::seized(facts.seized_on), |r| r.after.clone())
}

/// Whether the creditor may take the asset on `day`: the last session failed at the price of
/// the second reduction or a later one (Luật THADS 26/2008 Điều 104 khoản 2; NĐ 152/2026
/// Điều 65 khoản 6).
pub fn creditor_may_take(rules: &AssetRules, current: &AssetSnapshot, day: Date) -> bool {
    let needed = rules.creditor_after_reductions.on(day).map(|v| v.value);
    current.state == AssetState::Failed && needed.is_some_and(|n| current.reductions >= n)
}

/// Checks one step against the chain so far and returns the chain after it.
pub fn apply(
    ctx: &AssetContext<'_>,
    current: &AssetSnapshot,
    event: &AssetEvent,
) -> Result<AssetSnapshot, AssetReason> {
    let date = event.date;
    if date < ctx.facts.seized_on {
        return Err(AssetReason::BeforeSeizure { date, seized_on: ctx.facts.seized_on });
    }
    if date < current.since {
        return Err(AssetReason::BeforePrevious { date, previous: current.since });
    }
    if current.state.is_final() {
        return Err(AssetReason::Ended { state: current.state });
    }
    let check = Check { ctx, current, date, step: &event.step };
    let mut next = match &event.step {
        AssetStep::Valued { method, value } => check.valued(*method, *value),
        AssetStep::RevaluationRequested => check.revaluation_requested(),
        AssetStep::AuctionContracted => check.contracted(),
        AssetStep::AuctionSet { session_on, starting_price } => check.auction_set(*session_on, *starting_price),
        AssetStep::Sold { price, buyer } => check.sold(*price, buyer),
        AssetStep::PaymentExtended { until } => check.payment_extended(*until),
        AssetStep::Paid => check.paid(),
        AssetStep::Failed { reason } => check.failed(*reason),
        AssetStep::Withdrawn => check.withdrawn(),
        AssetStep::Reduced { starting_price, decided_by } => check.reduced(*starting_price, *decided_by),
        AssetStep::Redeemed => check.redeemed(),
        AssetStep::CreditorTakes { case, by_agreement } => check.creditor_takes(*case, *by_agreement),
        AssetStep::SoldWithoutAuction { price, buyer } => check.sold_without_auction(*price, buyer),
        AssetStep::HandedOver => check.handed_over(),
        AssetStep::ReturnedToDebtor => check.returned_to_debtor(),
    }?;
    next.since = date;
    Ok(next)
}

/// One step being checked.
struct Check<'c, 'a> {
    ctx: &'c AssetContext<'a>,
    current: &'c AssetSnapshot,
    date: Date,
    step: &'c AssetStep,
}

type Checked = Result<AssetSnapshot, AssetReason>;

impl<'a> Check<'_, 'a> {
    fn regime(&self, day: Date) -> Regime {
        Regime::on(day, self.ctx.rules.new_law_from())
    }

    fn rule<T>(&self, versions: &'a Versions<T>, what: &str) -> Result<&'a Version<T>, AssetReason> {
        versions.on(self.date).ok_or_else(|| AssetReason::NoRule { what: what.to_string(), date: self.date })
    }

    fn limit(&self, kind: AssetLimit, regime: Regime) -> Option<&'a Limit<AssetLimit>> {
        self.ctx.rules.limits.get(kind, regime)
    }

    /// The last day of `kind` started on `start`, under the regime of that day, and its rule.
    fn due(&self, kind: AssetLimit, start: Date) -> Option<(Date, &'a Limit<AssetLimit>)> {
        let d = self.ctx.rules.limits.from(kind, start, self.ctx.calendar)?;
        Some((d.due, d.limit))
    }

    /// A window that runs from a notice: its last day when the notice is sent on the last day
    /// of its own limit started on `start`.
    fn after_notice(&self, notice: AssetLimit, window: AssetLimit, start: Date) -> Option<(Date, String)> {
        let (notified, _) = self.due(notice, start)?;
        let (last_day, rule) = self.due(window, notified)?;
        Some((last_day, rule.citation.clone()))
    }

    fn not_allowed(&self) -> AssetReason {
        AssetReason::NotAllowed { step: self.step.label_vi().to_string(), state: self.current.state }
    }

    fn in_states(&self, states: &[AssetState]) -> Result<AssetSnapshot, AssetReason> {
        if states.contains(&self.current.state) { Ok(self.current.clone()) } else { Err(self.not_allowed()) }
    }

    fn valued(&self, method: ValuationMethod, value: Vnd) -> Checked {
        let mut next = self.in_states(&[AssetState::Seized, AssetState::Revaluing])?;
        let methods = self.rule(&self.ctx.rules.valuation_methods, "valuation_methods")?;
        if !methods.value.contains(&method) {
            let (regime, citation) = (self.regime(self.date), methods.citation.clone());
            return Err(AssetReason::MethodNotInRegime { method, regime, citation });
        }
        if value.is_zero() {
            return Err(AssetReason::ZeroAmount);
        }
        next.state = match (self.current.state, self.current.contracted_on) {
            (AssetState::Revaluing, Some(_)) => AssetState::Contracted,
            _ => AssetState::Valued,
        };
        (next.valuation, next.valued_on, next.starting_price) = (Some(value), Some(self.date), Some(value));
        Ok(next)
    }

    fn revaluation_requested(&self) -> Checked {
        let mut next = self.in_states(&[AssetState::Valued, AssetState::Contracted])?;
        let allowed = self.rule(&self.ctx.rules.revaluations, "revaluations")?;
        if self.current.revaluations >= allowed.value {
            let citation = allowed.citation.clone();
            return Err(AssetReason::RevaluationUsed {
                used: self.current.revaluations,
                allowed: allowed.value,
                citation,
            });
        }
        if let Some((last_day, citation)) = self.revaluation_window()
            && self.date > last_day
        {
            return Err(AssetReason::RevaluationLate { last_day, citation });
        }
        next.state = AssetState::Revaluing;
        next.revaluations += 1;
        Ok(next)
    }

    /// The latest day to ask for a re-valuation: the window after the notice, the notice sent
    /// on the last day of its limit.
    fn revaluation_window(&self) -> Option<(Date, String)> {
        self.after_notice(AssetLimit::ValuationNotice, AssetLimit::RevaluationRequest, self.current.valued_on?)
    }

    fn contracted(&self) -> Checked {
        let mut next = self.in_states(&[AssetState::Valued])?;
        next.state = AssetState::Contracted;
        next.contracted_on = Some(self.date);
        Ok(next)
    }

    fn auction_set(&self, session_on: Date, asked: Vnd) -> Checked {
        let mut next = self.in_states(&[AssetState::Contracted])?;
        if session_on < self.date {
            return Err(AssetReason::SessionBeforeNotice { session_on });
        }
        let starting = self.current.starting_price.unwrap_or(Vnd::ZERO);
        if asked != starting {
            return Err(AssetReason::NotTheStartingPrice { asked, starting });
        }
        next.state = AssetState::AuctionSet;
        next.session_on = Some(session_on);
        Ok(next)
    }

    fn sold(&self, price: Vnd, buyer: &Text) -> Checked {
        let mut next = self.in_states(&[AssetState::AuctionSet])?;
        let starting = self.current.starting_price.unwrap_or(Vnd::ZERO);
        if price.is_zero() || price < starting {
            return Err(AssetReason::BelowStartingPrice { price, starting });
        }
        next.state = AssetState::Sold;
        next.sessions = next.sessions.saturating_add(1);
        next.sale = Some(Sale {
            on: self.date,
            price,
            buyer: buyer.clone(),
            by_auction: true,
            extended_until: None,
            paid_on: None,
        });
        Ok(next)
    }

    /// The last day the buyer may pay, and the rule that sets it.
    fn payment_due(&self, sale: &Sale) -> Option<(Date, String)> {
        let (due, rule) = self.due(AssetLimit::BuyerPayment, sale.on)?;
        match sale.extended_until {
            Some(until) => {
                let extended = self.limit(AssetLimit::BuyerPaymentExtended, self.regime(self.date));
                Some((until, extended.map_or_else(|| rule.citation.clone(), |r| r.citation.clone())))
            }
            None => Some((due, rule.citation.clone())),
        }
    }

    fn payment_extended(&self, until: Date) -> Checked {
        let mut next = self.in_states(&[AssetState::Sold])?;
        let Some(sale) = next.sale.as_mut() else { return Err(self.not_allowed()) };
        let regime = self.regime(self.date);
        let rule =
            self.limit(AssetLimit::BuyerPaymentExtended, regime).ok_or(AssetReason::ExtensionNotInRegime { regime })?;
        if sale.extended_until.is_some() {
            return Err(AssetReason::ExtensionUsed);
        }
        let latest = rule.due(sale.on, self.ctx.calendar);
        if until > latest {
            return Err(AssetReason::ExtensionTooLong { until, latest, citation: rule.citation.clone() });
        }
        if let Some((due, _)) = self.payment_due(sale)
            && until <= due
        {
            return Err(AssetReason::ExtensionNotLater { until, due });
        }
        sale.extended_until = Some(until);
        Ok(next)
    }

    fn paid(&self) -> Checked {
        let mut next = self.in_states(&[AssetState::Sold])?;
        let Some(sale) = next.sale.as_mut() else { return Err(self.not_allowed()) };
        if let Some((due, citation)) = self.payment_due(sale)
            && self.date > due
        {
            return Err(AssetReason::PaymentLate { due, citation });
        }
        sale.paid_on = Some(self.date);
        next.state = AssetState::Paid;
        Ok(next)
    }

    fn failed(&self, reason: FailureReason) -> Checked {
        let mut next = self.in_states(&[AssetState::AuctionSet, AssetState::Sold])?;
        match (self.current.state, reason) {
            (AssetState::AuctionSet, FailureReason::KhongThanhToan)
            | (AssetState::Sold, FailureReason::KhongDangKy | FailureReason::KhongTraGia) => {
                return Err(AssetReason::ReasonNotAllowed { reason, state: self.current.state });
            }
            (AssetState::Sold, FailureReason::KhongThanhToan) => self.default_is_due()?,
            (AssetState::AuctionSet, _) => next.sessions = next.sessions.saturating_add(1),
            _ => {}
        }
        next.state = AssetState::Failed;
        next.last_failure = Some((self.date, reason));
        (next.sale, next.session_on) = (None, None);
        Ok(next)
    }

    /// A default is recorded only once the payment limit has run out.
    fn default_is_due(&self) -> Result<(), AssetReason> {
        let due = self.current.sale.as_ref().and_then(|sale| self.payment_due(sale));
        match due {
            Some((due, citation)) if self.date <= due => Err(AssetReason::PaymentNotDue { due, citation }),
            _ => Ok(()),
        }
    }

    fn withdrawn(&self) -> Checked {
        let mut next = self.in_states(&[AssetState::AuctionSet])?;
        next.state = AssetState::Contracted;
        next.session_on = None;
        Ok(next)
    }

    fn reduced(&self, asked: Vnd, decided_by: DecidedBy) -> Checked {
        let mut next = self.in_states(&[AssetState::Failed])?;
        let previous = self.current.starting_price.unwrap_or(Vnd::ZERO);
        if asked.is_zero() {
            return Err(AssetReason::ZeroAmount);
        }
        if asked >= previous {
            return Err(AssetReason::NotAReduction { asked, previous });
        }
        self.within_cap(asked, previous)?;
        match decided_by {
            DecidedBy::Parties => self.parties_in_window()?,
            DecidedBy::Officer => self.officer_after_window()?,
        }
        next.state = AssetState::Contracted;
        next.starting_price = Some(asked);
        next.reductions = next.reductions.saturating_add(1);
        Ok(next)
    }

    fn within_cap(&self, asked: Vnd, previous: Vnd) -> Result<(), AssetReason> {
        let cap = self.rule(&self.ctx.rules.reduction_cap_bp, "reduction_cap")?;
        let Some(cap_bp) = cap.value else { return Ok(()) };
        // floor = ⌈previous × (1 − cap)⌉, in whole đồng.
        let kept = i128::from(10_000u32.saturating_sub(cap_bp));
        let floor = (i128::from(previous.dong()) * kept + 9_999) / 10_000;
        if i128::from(asked.dong()) >= floor {
            return Ok(());
        }
        let floor = Vnd::new(i64::try_from(floor).unwrap_or(0)).unwrap_or(Vnd::ZERO);
        Err(AssetReason::ReductionTooLarge { asked, previous, floor, cap_bp, citation: cap.citation.clone() })
    }

    /// The parties agree within their window after the notice of the failure.
    fn parties_in_window(&self) -> Result<(), AssetReason> {
        let Some((failed_on, _)) = self.current.last_failure else { return Ok(()) };
        let window = self.after_notice(AssetLimit::FailureNotice, AssetLimit::ReductionAgreement, failed_on);
        match window {
            Some((last_day, citation)) if self.date > last_day => {
                Err(AssetReason::PartiesWindowClosed { last_day, citation })
            }
            _ => Ok(()),
        }
    }

    /// The officer decides once the parties' window has run, except for state-budget assets
    /// (Điều 104 khoản 4) and after the creditor was offered the asset (Điều 104 khoản 3).
    fn officer_after_window(&self) -> Result<(), AssetReason> {
        let creditor_was_offered = creditor_may_take(self.ctx.rules, self.current, self.date);
        let Some((failed_on, _)) = self.current.last_failure else { return Ok(()) };
        if self.ctx.facts.for_state_budget || creditor_was_offered {
            return Ok(());
        }
        match self.due(AssetLimit::ReductionAgreement, failed_on) {
            Some((until, window)) if self.date <= until => {
                Err(AssetReason::PartiesWindowOpen { until, citation: window.citation.clone() })
            }
            _ => Ok(()),
        }
    }

    fn creditor_takes(&self, case: CaseId, by_agreement: bool) -> Checked {
        let mut next = if by_agreement {
            use AssetState::*;
            self.in_states(&[Seized, Valued, Revaluing, Contracted, Failed])?
        } else {
            self.in_states(&[AssetState::Failed])?
        };
        if !by_agreement && !creditor_may_take(self.ctx.rules, self.current, self.date) {
            let needed = self.rule(&self.ctx.rules.creditor_after_reductions, "creditor_after_reductions")?;
            let citation = needed.citation.clone();
            return Err(AssetReason::CreditorNotYet {
                reductions: self.current.reductions,
                needed: needed.value,
                citation,
            });
        }
        next.state = AssetState::CreditorTaking;
        next.creditor = Some(CreditorClaim { case, accepted_on: self.date, by_agreement });
        Ok(next)
    }

    /// The debtor's window to redeem once the creditor accepted: (earliest end, latest end,
    /// citation). Old law: the notice is due 10 days from the failure; new: 3 working days
    /// from the acceptance.
    fn debtor_window(&self, claim: &CreditorClaim) -> Option<(Date, Date, String)> {
        let notice_from = match self.regime(claim.accepted_on) {
            Regime::Old => self.current.last_failure.map_or(claim.accepted_on, |(d, _)| d),
            Regime::New => claim.accepted_on,
        };
        let (notified, _) = self.due(AssetLimit::DebtorNotice, notice_from)?;
        let (earliest, rule) = self.due(AssetLimit::DebtorRedemption, claim.accepted_on)?;
        let (latest, _) = self.due(AssetLimit::DebtorRedemption, notified.max(claim.accepted_on))?;
        Some((earliest, latest, rule.citation.clone()))
    }

    fn redeemed(&self) -> Checked {
        use AssetState::*;
        let mut next = self.in_states(&[Seized, Valued, Revaluing, Contracted, AuctionSet, Failed, CreditorTaking])?;
        match (self.current.state, self.current.creditor, self.current.session_on) {
            (CreditorTaking, Some(claim), _) if !claim.by_agreement => {
                if let Some((_, last_day, citation)) = self.debtor_window(&claim)
                    && self.date > last_day
                {
                    return Err(AssetReason::RedemptionLate { last_day, citation });
                }
            }
            (AuctionSet, _, Some(session_on)) => self.before_session(session_on)?,
            _ => {}
        }
        next.state = AssetState::Redeemed;
        Ok(next)
    }

    /// The debtor may redeem until some working days before the session.
    fn before_session(&self, session_on: Date) -> Result<(), AssetReason> {
        let rule = self.rule(&self.ctx.rules.redeem_before_session, "redeem_before_session")?;
        let Some(days) = rule.value else { return Ok(()) };
        let needed = u32::from(days);
        if self.ctx.calendar.working_days_between(self.date, session_on) >= needed {
            return Ok(());
        }
        // The last working day that still leaves the days needed (for the message).
        let calendar = self.ctx.calendar;
        let mut last_day = session_on;
        for _ in 0..60 {
            last_day = last_day.previous_day().unwrap_or(last_day);
            if calendar.is_working_day(last_day) && calendar.working_days_between(last_day, session_on) >= needed {
                break;
            }
        }
        Err(AssetReason::RedemptionLate { last_day, citation: rule.citation.clone() })
    }

    fn sold_without_auction(&self, price: Vnd, buyer: &Text) -> Checked {
        use AssetState::*;
        let mut next = self.in_states(&[Seized, Valued, Contracted])?;
        if price.is_zero() {
            return Err(AssetReason::ZeroAmount);
        }
        self.may_sell_without_auction()?;
        next.state = AssetState::Paid;
        next.sale = Some(Sale {
            on: self.date,
            price,
            buyer: buyer.clone(),
            by_auction: false,
            extended_until: None,
            paid_on: Some(self.date),
        });
        Ok(next)
    }

    /// Perishables, and movables whose valuation is within the low-value bound of the day.
    fn may_sell_without_auction(&self) -> Result<(), AssetReason> {
        let facts = self.ctx.facts;
        let perishable = self.rule(&self.ctx.rules.perishable_sale, "perishable_sale")?;
        if facts.perishable && perishable.value {
            return Ok(());
        }
        let low_value = self.rule(&self.ctx.rules.low_value_sale, "low_value_sale")?;
        let citation = low_value.citation.clone();
        let (Some(bound), Some(value)) = (low_value.value, self.current.valuation) else {
            return Err(AssetReason::NotForSaleWithoutAuction { citation });
        };
        if facts.kind.is_real_estate() {
            return Err(AssetReason::NotForSaleWithoutAuction { citation });
        }
        let no_rule = || AssetReason::NoRule { what: "reference_amounts".into(), date: self.date };
        if bound.admits(value, self.date, facts.region, self.ctx.refs).ok_or_else(no_rule)? {
            return Ok(());
        }
        let limit = bound.amount(self.date, facts.region, self.ctx.refs).ok_or_else(no_rule)?;
        Err(AssetReason::NotLowValue { value, bound: limit, citation })
    }

    fn handed_over(&self) -> Checked {
        let mut next = self.in_states(&[AssetState::Paid, AssetState::CreditorTaking])?;
        if let (AssetState::CreditorTaking, Some(claim)) = (self.current.state, self.current.creditor)
            && !claim.by_agreement
            && let Some((until, _, citation)) = self.debtor_window(&claim)
            && self.date <= until
        {
            return Err(AssetReason::DebtorWindowOpen { until, citation });
        }
        next.state = AssetState::HandedOver;
        Ok(next)
    }

    fn returned_to_debtor(&self) -> Checked {
        let mut next = self.in_states(&[AssetState::Failed, AssetState::Contracted, AssetState::AuctionSet])?;
        let rule = self.rule(&self.ctx.rules.return_at_costs, "return_at_costs")?;
        let price = self.current.starting_price.unwrap_or(Vnd::ZERO);
        let costs = self.ctx.facts.coercion_costs;
        if !rule.value || price > costs {
            return Err(AssetReason::AboveCosts { price, costs, citation: rule.citation.clone() });
        }
        next.state = AssetState::ReturnedToDebtor;
        Ok(next)
    }
}
