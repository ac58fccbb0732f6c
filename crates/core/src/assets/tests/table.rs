//! Every step tried in every state, under each regime: a chain is built to each state (every
//! step of it in one regime), then each candidate step is tried on a day chosen to clear the
//! clocks, so that the table shows what the state and the prices allow. A cell not listed is
//! refused as not allowed in that state (or, once the chain has ended, as ended).

use time::Date;
use time::macros::date;

use super::*;
use crate::deadlines::Regime;

/// A state to reach: its name, the chain to it, and the day of its last step.
fn prefixes(seized_on: Date) -> Vec<(&'static str, Chain, i64)> {
    let base = Chain::seized(seized_on);
    let valued = base.clone().then(3, valued(ValuationMethod::Agreed, VALUE));
    let contracted = valued.clone().then(8, AssetStep::AuctionContracted);
    let auction_set = {
        let s = set(&contracted, 30, VALUE);
        contracted.clone().then(15, s)
    };
    let sold = auction_set.clone().then(30, sold(VALUE));
    let paid = sold.clone().then(45, AssetStep::Paid);
    let twice = twice_reduced(base.clone());
    vec![
        ("seized", base.clone(), 0),
        ("valued", valued.clone(), 3),
        ("revaluing", valued.then(5, AssetStep::RevaluationRequested), 5),
        ("contracted", contracted, 8),
        ("auction_set", auction_set.clone(), 15),
        ("sold", sold, 30),
        ("paid", paid.clone(), 45),
        ("failed", auction_set.then(30, failed(FailureReason::KhongDangKy)), 30),
        ("failed_twice_reduced", twice.clone(), 110),
        ("creditor_taking", twice.then(112, creditor(false)), 112),
        ("handed_over", paid.then(50, AssetStep::HandedOver), 50),
    ]
}

/// The candidate steps: name, days after the last step, step.
fn candidates(chain: &Chain, last: i64) -> Vec<(&'static str, i64, AssetStep)> {
    let now = chain.now();
    let price = now.starting_price.map_or(VALUE, Vnd::dong);
    let sold_on = now.sale.as_ref().map_or(chain.day(last), |s| s.on);
    vec![
        ("valued_agreed", 2, valued(ValuationMethod::Agreed, VALUE)),
        ("valued_council", 2, valued(ValuationMethod::Council, VALUE)),
        ("valued_officer", 2, valued(ValuationMethod::Officer, VALUE)),
        ("revaluation", 2, AssetStep::RevaluationRequested),
        ("contract", 2, AssetStep::AuctionContracted),
        ("set", 2, set(chain, last + 16, price)),
        ("set_other_price", 2, set(chain, last + 16, price + 1)),
        ("sold", 2, sold(price)),
        ("sold_below", 2, sold(price - 1)),
        ("extend", 2, AssetStep::PaymentExtended { until: sold_on + time::Duration::days(50) }),
        ("paid", 12, AssetStep::Paid),
        ("failed", 2, failed(FailureReason::KhongDangKy)),
        ("refused", 2, failed(FailureReason::TuChoiMua)),
        ("defaulted", 35, failed(FailureReason::KhongThanhToan)),
        ("withdrawn", 2, AssetStep::Withdrawn),
        ("reduced", 14, reduced(price / 10 * 9, DecidedBy::Officer)),
        ("reduced_too_far", 14, reduced(price / 10 * 9 - 1, DecidedBy::Officer)),
        ("reduced_by_parties", 2, reduced(price / 100 * 95, DecidedBy::Parties)),
        ("redeemed", 2, AssetStep::Redeemed),
        ("creditor", 2, creditor(false)),
        ("creditor_agreed", 2, creditor(true)),
        ("sold_direct", 2, AssetStep::SoldWithoutAuction { price: vnd(1_000_000), buyer: buyer() }),
        ("handed_over", 40, AssetStep::HandedOver),
        ("returned", 2, AssetStep::ReturnedToDebtor),
    ]
}

/// The cells that are not "not allowed": (state, step, state after or reason code).
fn expected(regime: Regime) -> Vec<(&'static str, &'static str, &'static str)> {
    let (council, officer, extend) = match regime {
        Regime::Old => ("err:method_not_in_regime", "ok:valued", "err:extension_not_in_regime"),
        Regime::New => ("ok:valued", "err:method_not_in_regime", "ok:sold"),
    };
    let agreed = "ok:creditor_taking";
    vec![
        ("seized", "valued_agreed", "ok:valued"),
        ("seized", "valued_council", council),
        ("seized", "valued_officer", officer),
        ("seized", "sold_direct", "err:not_for_sale_without_auction"),
        ("seized", "redeemed", "ok:redeemed"),
        ("seized", "creditor_agreed", agreed),
        ("valued", "revaluation", "ok:revaluing"),
        ("valued", "contract", "ok:contracted"),
        ("valued", "sold_direct", "err:not_low_value"),
        ("valued", "redeemed", "ok:redeemed"),
        ("valued", "creditor_agreed", agreed),
        ("revaluing", "valued_agreed", "ok:valued"),
        ("revaluing", "valued_council", council),
        ("revaluing", "valued_officer", officer),
        ("revaluing", "redeemed", "ok:redeemed"),
        ("revaluing", "creditor_agreed", agreed),
        ("contracted", "revaluation", "ok:revaluing"),
        ("contracted", "set", "ok:auction_set"),
        ("contracted", "set_other_price", "err:not_the_starting_price"),
        ("contracted", "sold_direct", "err:not_low_value"),
        ("contracted", "redeemed", "ok:redeemed"),
        ("contracted", "creditor_agreed", agreed),
        ("contracted", "returned", "err:above_costs"),
        ("auction_set", "sold", "ok:sold"),
        ("auction_set", "sold_below", "err:below_starting_price"),
        ("auction_set", "failed", "ok:failed"),
        ("auction_set", "refused", "ok:failed"),
        ("auction_set", "defaulted", "err:reason_not_allowed"),
        ("auction_set", "withdrawn", "ok:contracted"),
        ("auction_set", "redeemed", "ok:redeemed"),
        ("auction_set", "returned", "err:above_costs"),
        ("sold", "extend", extend),
        ("sold", "paid", "ok:paid"),
        ("sold", "failed", "err:reason_not_allowed"),
        ("sold", "refused", "ok:failed"),
        ("sold", "defaulted", "ok:failed"),
        ("paid", "handed_over", "ok:handed_over"),
        ("failed", "reduced", "ok:contracted"),
        ("failed", "reduced_too_far", "err:reduction_too_large"),
        ("failed", "reduced_by_parties", "ok:contracted"),
        ("failed", "creditor", "err:creditor_not_yet"),
        ("failed", "creditor_agreed", agreed),
        ("failed", "redeemed", "ok:redeemed"),
        ("failed", "returned", "err:above_costs"),
        ("failed_twice_reduced", "reduced", "ok:contracted"),
        ("failed_twice_reduced", "reduced_too_far", "err:reduction_too_large"),
        ("failed_twice_reduced", "reduced_by_parties", "ok:contracted"),
        ("failed_twice_reduced", "creditor", "ok:creditor_taking"),
        ("failed_twice_reduced", "creditor_agreed", agreed),
        ("failed_twice_reduced", "redeemed", "ok:redeemed"),
        ("failed_twice_reduced", "returned", "err:above_costs"),
        ("creditor_taking", "redeemed", "ok:redeemed"),
        ("creditor_taking", "handed_over", "ok:handed_over"),
    ]
}

fn check_regime(seized_on: Date, regime: Regime) {
    let expected = expected(regime);
    let mut wrong = Vec::new();
    let mut cells = 0;
    for (state, chain, last) in prefixes(seized_on) {
        assert_eq!(
            AssetRules::default().limits.regime_on(chain.day(last + 40)),
            regime,
            "{state}: the whole chain in one regime"
        );
        for (step, gap, candidate) in candidates(&chain, last) {
            let default = if state == "handed_over" { "err:ended" } else { "err:not_allowed" };
            let want = expected.iter().find(|(s, c, _)| *s == state && *c == step).map_or(default, |(_, _, w)| w);
            let got = match chain.attempt(last + gap, candidate) {
                Ok(after) => format!("ok:{}", after.code()),
                Err(code) => format!("err:{code}"),
            };
            cells += 1;
            if got != want {
                wrong.push(format!("{state} + {step}: want {want}, got {got}"));
            }
        }
    }
    assert_eq!(cells, 11 * 24);
    assert!(wrong.is_empty(), "{regime:?}:\n{}", wrong.join("\n"));
}

#[test]
fn every_step_in_every_state_under_the_old_law() {
    check_regime(date!(2025 - 03 - 03), Regime::Old);
}

#[test]
fn every_step_in_every_state_under_the_new_law() {
    check_regime(date!(2026 - 09 - 14), Regime::New);
}
