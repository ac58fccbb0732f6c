//! Chains that span 01/07/2026: each step is checked under the regime of its own day (NĐ
//! 152/2026 Điều 115: results achieved stand, every further step follows the new law), and
//! each clock under the regime of the day it starts.

use time::macros::date;

use super::*;
use crate::confidence::Confidence;
use crate::versioned::Version;

const SEIZED: Date = date!(2026 - 06 - 01);

fn at(chain: &Chain, day: Date) -> i64 {
    (day - chain.facts.seized_on).whole_days()
}

/// Adds a step on a calendar day.
fn on(chain: Chain, day: Date, step: AssetStep) -> Chain {
    let offset = at(&chain, day);
    chain.then(offset, step)
}

#[test]
fn a_council_prices_the_asset_from_the_first_of_july() {
    let c = on(Chain::seized(SEIZED), date!(2026 - 06 - 04), valued(ValuationMethod::Officer, VALUE));
    assert_eq!(code(&c.refusal(at(&c, date!(2026 - 06 - 04)), valued(ValuationMethod::Council, VALUE))), "not_allowed");
    let c = on(c, date!(2026 - 06 - 10), AssetStep::RevaluationRequested);
    assert_eq!(
        c.refusal(at(&c, date!(2026 - 06 - 30)), valued(ValuationMethod::Council, 1_200_000_000)),
        AssetReason::MethodNotInRegime {
            method: ValuationMethod::Council,
            regime: crate::deadlines::Regime::Old,
            citation: "Luật THADS 26/2008 Điều 98".into()
        }
    );
    assert_eq!(
        c.attempt(at(&c, date!(2026 - 07 - 01)), valued(ValuationMethod::Council, 1_200_000_000)),
        Ok(AssetState::Valued)
    );
    // … and the officer no longer sets a price himself.
    assert_eq!(
        code(&c.refusal(at(&c, date!(2026 - 07 - 01)), valued(ValuationMethod::Officer, 1_200_000_000))),
        "method_not_in_regime"
    );
}

/// Seized 01/06, valued 04/06, contracted 08/06, a session on 26/06 that fails.
fn failed_in_june() -> Chain {
    let c = on(Chain::seized(SEIZED), date!(2026 - 06 - 04), valued(ValuationMethod::Appraiser, VALUE));
    let c = on(c, date!(2026 - 06 - 08), AssetStep::AuctionContracted);
    let s = AssetStep::AuctionSet { session_on: date!(2026 - 06 - 26), starting_price: vnd(VALUE) };
    let c = on(c, date!(2026 - 06 - 12), s);
    on(c, date!(2026 - 06 - 26), failed(FailureReason::KhongTraGia))
}

#[test]
fn a_reduction_takes_the_cap_of_its_own_day_and_the_window_of_the_failures() {
    let mut c = failed_in_june();
    let new_cap = c.rules.reduction_cap_bp.on(date!(2026 - 07 - 01)).unwrap().valid_from;
    let corrected = Version::new(new_cap, Some(2_000), "Luật THADS 106/2025 Điều 83 khoản 3", Confidence::Confirmed);
    c.rules.reduction_cap_bp = c.rules.reduction_cap_bp.clone().with(corrected);
    // By the parties, 15 % off: refused on 30/06 (old cap 10 %), allowed on 01/07 (new cap 20 %).
    let by_parties = reduced(850_000_000, DecidedBy::Parties);
    assert!(matches!(
        c.refusal(at(&c, date!(2026 - 06 - 30)), by_parties.clone()),
        AssetReason::ReductionTooLarge { cap_bp: 1_000, .. }
    ));
    assert_eq!(c.attempt(at(&c, date!(2026 - 07 - 01)), by_parties.clone()), Ok(AssetState::Contracted));
    // The notice of the failure of 26/06 is the old law's (5 working days: 03/07); the
    // parties' window starts on 03/07, under the new law (10 days, unconfirmed: 13/07).
    assert_eq!(c.attempt(at(&c, date!(2026 - 07 - 13)), by_parties.clone()), Ok(AssetState::Contracted));
    assert!(matches!(
        c.refusal(at(&c, date!(2026 - 07 - 14)), by_parties),
        AssetReason::PartiesWindowClosed { last_day, .. } if last_day == date!(2026 - 07 - 13)
    ));
}

#[test]
fn a_sale_of_june_may_be_extended_in_july() {
    let c = on(Chain::seized(SEIZED), date!(2026 - 06 - 04), valued(ValuationMethod::Appraiser, VALUE));
    let c = on(c, date!(2026 - 06 - 08), AssetStep::AuctionContracted);
    let s = AssetStep::AuctionSet { session_on: date!(2026 - 06 - 25), starting_price: vnd(VALUE) };
    let c = on(on(c, date!(2026 - 06 - 12), s), date!(2026 - 06 - 25), sold(VALUE));
    let extend = AssetStep::PaymentExtended { until: date!(2026 - 08 - 20) };
    assert_eq!(
        c.refusal(at(&c, date!(2026 - 06 - 30)), extend.clone()),
        AssetReason::ExtensionNotInRegime { regime: crate::deadlines::Regime::Old }
    );
    let c = on(c, date!(2026 - 07 - 02), extend);
    // Paid on 10/08: after the old 30 days (27/07), within the extension.
    assert_eq!(c.attempt(at(&c, date!(2026 - 08 - 10)), AssetStep::Paid), Ok(AssetState::Paid));
}

#[test]
fn the_creditor_of_june_keeps_the_old_debtors_window() {
    // Three failures and two reductions, all in spring; the creditor accepts on 29/06.
    let c = twice_reduced(Chain::seized(date!(2026 - 03 - 02)));
    let c = on(c, date!(2026 - 06 - 29), creditor(false));
    // Old law: 30 days from the notice: not before 29/07 (earliest), whatever the day of handover.
    assert!(matches!(
        c.refusal(at(&c, date!(2026 - 07 - 10)), AssetStep::HandedOver),
        AssetReason::DebtorWindowOpen { until, .. } if until == date!(2026 - 07 - 29)
    ));
    assert_eq!(c.attempt(at(&c, date!(2026 - 07 - 30)), AssetStep::HandedOver), Ok(AssetState::HandedOver));
}

#[test]
fn each_clock_runs_under_the_regime_of_the_day_it_starts() {
    let c = failed_in_june();
    // The officer decides after the parties' 10 days from the failure of 26/06 (06/07).
    assert!(matches!(
        c.refusal(at(&c, date!(2026 - 07 - 06)), reduced(900_000_000, DecidedBy::Officer)),
        AssetReason::PartiesWindowOpen { .. }
    ));
    let c = on(c, date!(2026 - 07 - 07), reduced(900_000_000, DecidedBy::Officer));
    let s = AssetStep::AuctionSet { session_on: date!(2026 - 07 - 20), starting_price: vnd(900_000_000) };
    let c = on(on(c, date!(2026 - 07 - 08), s), date!(2026 - 07 - 20), failed(FailureReason::KhongDangKy));
    let records = c.records();
    let all = asset_deadlines(&c.ctx(), &records);
    let rows: Vec<(&str, Date, Date, Option<Date>)> =
        all.iter().map(|d| (d.rule.id.as_str(), d.started_on, d.due, d.met_on)).collect();
    assert_eq!(
        rows,
        [
            ("old.asset.valuation_contract", date!(2026 - 06 - 01), date!(2026 - 06 - 08), Some(date!(2026 - 06 - 04))),
            ("old.asset.valuation_notice", date!(2026 - 06 - 04), date!(2026 - 06 - 09), None),
            ("old.asset.revaluation_window", date!(2026 - 06 - 09), date!(2026 - 06 - 16), None),
            ("old.asset.auction_contract", date!(2026 - 06 - 04), date!(2026 - 06 - 15), Some(date!(2026 - 06 - 08))),
            ("old.asset.auction_movable", date!(2026 - 06 - 08), date!(2026 - 07 - 08), Some(date!(2026 - 06 - 26))),
            ("old.asset.failure_notice", date!(2026 - 06 - 26), date!(2026 - 07 - 03), None),
            ("new.asset.reduction_window", date!(2026 - 07 - 03), date!(2026 - 07 - 13), None),
            ("new.asset.failure_notice", date!(2026 - 07 - 20), date!(2026 - 07 - 22), None),
            ("new.asset.reduction_window", date!(2026 - 07 - 22), date!(2026 - 08 - 03), None),
        ]
    );
}

/// The officer's chain of the API and browser tests, as a table: seized in May, two sessions
/// under the old law, the third and the creditor under the new. Each row is tried on the chain
/// so far; a refused row is not kept.
#[test]
fn an_officers_chain_from_may_to_september_step_by_step() {
    use AssetState::*;
    let set = |session: Date, price: i64| AssetStep::AuctionSet { session_on: session, starting_price: vnd(price) };
    let rows: Vec<(Date, AssetStep, Result<AssetState, &str>)> = vec![
        (date!(2026 - 05 - 12), set(date!(2026 - 06 - 03), VALUE), Err("not_allowed")),
        (date!(2026 - 05 - 07), valued(ValuationMethod::Council, VALUE), Err("method_not_in_regime")),
        (date!(2026 - 05 - 07), valued(ValuationMethod::Appraiser, VALUE), Ok(Valued)),
        (date!(2026 - 05 - 12), AssetStep::AuctionContracted, Ok(Contracted)),
        (date!(2026 - 05 - 19), set(date!(2026 - 06 - 03), 900_000_000), Err("not_the_starting_price")),
        (date!(2026 - 05 - 19), set(date!(2026 - 06 - 03), VALUE), Ok(AuctionSet)),
        (date!(2026 - 06 - 03), failed(FailureReason::KhongThanhToan), Err("reason_not_allowed")),
        (date!(2026 - 06 - 03), failed(FailureReason::KhongDangKy), Ok(Failed)),
        (date!(2026 - 06 - 10), creditor(false), Err("creditor_not_yet")),
        (date!(2026 - 06 - 10), reduced(900_000_000, DecidedBy::Officer), Err("parties_window_open")),
        (date!(2026 - 06 - 23), reduced(850_000_000, DecidedBy::Officer), Err("reduction_too_large")),
        (date!(2026 - 06 - 23), reduced(900_000_000, DecidedBy::Officer), Ok(Contracted)),
        (date!(2026 - 06 - 28), set(date!(2026 - 07 - 13), 900_000_000), Ok(AuctionSet)),
        (date!(2026 - 07 - 13), failed(FailureReason::KhongTraGia), Ok(Failed)),
        (date!(2026 - 07 - 14), creditor(false), Err("creditor_not_yet")),
        (date!(2026 - 08 - 03), reduced(810_000_000, DecidedBy::Officer), Ok(Contracted)),
        (date!(2026 - 08 - 07), set(date!(2026 - 08 - 24), 810_000_000), Ok(AuctionSet)),
        (date!(2026 - 08 - 24), failed(FailureReason::KhongDangKy), Ok(Failed)),
        (date!(2026 - 08 - 25), creditor(false), Ok(CreditorTaking)),
        // New law: the debtor has 5 working days to redeem (counted, at the earliest, from the
        // acceptance: the notice is not recorded), so no handover in the week of the acceptance.
        (date!(2026 - 08 - 28), AssetStep::HandedOver, Err("debtor_window_open")),
        (date!(2026 - 09 - 21), AssetStep::HandedOver, Ok(HandedOver)),
        (date!(2026 - 09 - 22), AssetStep::ReturnedToDebtor, Err("ended")),
    ];
    let mut c = Chain::seized(date!(2026 - 05 - 04));
    for (n, (day, step, expected)) in rows.into_iter().enumerate() {
        let got = c.attempt(at(&c, day), step.clone());
        assert_eq!(got, expected.map_err(str::to_string), "row {n}: {step:?} on {day}");
        if got.is_ok() {
            c = on(c, day, step);
        }
    }
    let now = c.now();
    assert_eq!((now.round(), now.sessions, now.creditor.map(|k| k.case)), (3, 3, Some(CaseId(11))));
}
