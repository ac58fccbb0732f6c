//! Whole chains: what the asset page shows on a day (state, price, round, whether the creditor
//! may take it, running and overdue limits), what the chain measures, and properties of random
//! chains (every accepted reduction within the cap, nothing after the end, replay reproduces).

use proptest::prelude::*;
use time::macros::date;

use super::*;
use crate::percent::Percent;

const SEIZED: Date = date!(2025 - 03 - 03);

/// Valued late (day 12, after the 5 working days), sold at 1.05 tỷ on day 40, paid, handed over.
fn sold_chain() -> Chain {
    let c = Chain::seized(SEIZED)
        .then(12, valued(ValuationMethod::Appraiser, VALUE))
        .then(15, AssetStep::AuctionContracted);
    let s = set(&c, 40, VALUE);
    c.then(20, s).then(40, sold(1_050_000_000)).then(55, AssetStep::Paid).then(70, AssetStep::HandedOver)
}

#[test]
fn what_the_asset_page_shows_on_a_day() {
    let c = twice_reduced(Chain::seized(SEIZED));
    let records = c.records();
    let now = snapshot_on(&c.facts, &records, c.day(111));
    assert_eq!(
        (now.state, now.starting_price, now.round(), now.sessions),
        (AssetState::Failed, Some(vnd(810_000_000)), 3, 3)
    );
    assert!(creditor_may_take(&c.rules, &now, c.day(111)));
    let before = snapshot_on(&c.facts, &records, c.day(60));
    assert_eq!((before.state, before.round()), (AssetState::AuctionSet, 2));
    assert!(!creditor_may_take(&c.rules, &before, c.day(60)));
    // Failed on Saturday 21/06/2025 (day 110): the notice runs until 27/06 (5 working days),
    // then the parties' window from it.
    let all = asset_deadlines(&c.ctx(), &records);
    let running =
        |offset| -> Vec<&str> { all.iter().filter(|d| d.running_on(c.day(offset))).map(|d| d.kind.code()).collect() };
    assert_eq!(running(111), ["failure_notice"]);
    assert_eq!(running(116), ["failure_notice", "reduction_agreement"]);
    assert_eq!(running(117), ["reduction_agreement"]);
    assert_eq!(snapshot_on(&c.facts, &records, c.day(0)).round(), 0, "no price yet");
}

#[test]
fn a_limit_not_met_is_overdue_and_one_met_late_is_counted() {
    let c = Chain::seized(SEIZED).then(3, valued(ValuationMethod::Agreed, VALUE));
    let records = c.records();
    let all = asset_deadlines(&c.ctx(), &records);
    let contract = all.iter().find(|d| d.kind == AssetLimit::AuctionContract).unwrap();
    // Valued on 06/03/2025: the auction contract is due on 16/03, a Sunday, so 17/03.
    assert_eq!(contract.due, date!(2025 - 03 - 17));
    assert!(!contract.overdue_on(date!(2025 - 03 - 17)) && contract.overdue_on(date!(2025 - 03 - 18)));
    let notice = all.iter().find(|d| d.kind == AssetLimit::ValuationNotice).unwrap();
    assert!(
        !notice.overdue_on(date!(2025 - 04 - 01)) && !notice.running_on(date!(2025 - 04 - 01)),
        "a notice is not tracked"
    );
    let chain = sold_chain();
    let all = asset_deadlines(&chain.ctx(), &chain.records());
    let late: Vec<&str> = all.iter().filter(|d| d.late()).map(|d| d.kind.code()).collect();
    assert_eq!(late, ["valuation_contract"]);
    assert!(all.iter().all(|d| !d.running_on(chain.day(70))), "nothing runs once handed over");
}

#[test]
fn what_a_chain_measures() {
    let chain = sold_chain();
    let records = chain.records();
    let m = measures(&chain.facts, &records, &asset_deadlines(&chain.ctx(), &records));
    assert_eq!(m.disposal, Some(Disposal::Auction));
    assert_eq!((m.days_to_sale, m.sessions, m.reductions, m.late_steps), (Some(40), 1, 0, 1));
    assert_eq!(m.price_share, Percent::ratio(105, 100));
    let taken = twice_reduced(Chain::seized(SEIZED)).then(112, creditor(false)).then(150, AssetStep::HandedOver);
    let records = taken.records();
    let t = measures(&taken.facts, &records, &asset_deadlines(&taken.ctx(), &records));
    assert_eq!(
        (t.disposal, t.days_to_sale, t.sessions, t.reductions, t.price_share),
        (Some(Disposal::Creditor), None, 3, 2, None)
    );
    // A buyer who defaults leaves no sale behind.
    let c = Chain::seized(SEIZED).then(3, valued(ValuationMethod::Agreed, VALUE)).then(8, AssetStep::AuctionContracted);
    let s = set(&c, 30, VALUE);
    let defaulted = c.then(15, s).then(30, sold(VALUE)).then(70, failed(FailureReason::KhongThanhToan));
    let d = measures(&defaulted.facts, &defaulted.records(), &[]);
    assert_eq!((d.disposal, d.days_to_sale, d.sessions), (None, None, 1));
    let summary = summarise(&[m, t, d]);
    assert_eq!(
        (summary.assets, summary.sold, summary.median_days_to_sale, summary.sessions_of_sold),
        (3, 1, Some(40), 1)
    );
    assert_eq!((summary.median_price_share, summary.late_steps), (Percent::ratio(105, 100), 1));
}

#[test]
fn the_limit_tables_are_complete_and_their_unconfirmed_cells_are_to_verify() {
    let rules = AssetRules::default();
    assert_eq!(rules.limits.rows().len(), 31);
    for rule in rules.limits.rows() {
        assert!(rule.id.starts_with(rule.regime.code()), "{}", rule.id);
        assert_eq!(rule.must_verify, rule.confidence == crate::confidence::Confidence::Unconfirmed, "{}", rule.id);
    }
    let json = serde_json::to_string(&rules).unwrap();
    assert_eq!(serde_json::from_str::<AssetRules>(&json).unwrap(), rules);
}

// ---- random chains ----

/// A step to try, with what depends on the chain (prices, days) left relative.
#[derive(Debug, Clone)]
enum Intent {
    Valued(ValuationMethod, i64),
    Revalue,
    Contract,
    /// Session days ahead; price offset from the current starting price (−1, 0, +1).
    Set(i64, i64),
    Sold(i64),
    Paid,
    Failed(FailureReason),
    Withdrawn,
    /// The new price in thousandths of the current one; by the parties or not.
    Reduced(i64, bool),
    Redeemed,
    Creditor(bool),
    HandedOver,
    Returned,
}

fn arb_intent() -> impl Strategy<Value = (i64, Intent)> {
    let intent = prop_oneof![
        (prop::sample::select(ValuationMethod::ALL.to_vec()), 1i64..2_000_000_000)
            .prop_map(|(m, v)| Intent::Valued(m, v)),
        Just(Intent::Revalue),
        Just(Intent::Contract),
        (0i64..30, -1i64..2).prop_map(|(s, off)| Intent::Set(s, off)),
        (-1i64..2).prop_map(Intent::Sold),
        Just(Intent::Paid),
        prop::sample::select(FailureReason::ALL.to_vec()).prop_map(Intent::Failed),
        Just(Intent::Withdrawn),
        (850i64..1_000, any::<bool>()).prop_map(|(permille, parties)| Intent::Reduced(permille, parties)),
        Just(Intent::Redeemed),
        any::<bool>().prop_map(Intent::Creditor),
        Just(Intent::HandedOver),
        Just(Intent::Returned),
    ];
    (0i64..40, intent)
}

fn realise(intent: &Intent, price: i64, on: Date) -> AssetStep {
    match intent {
        Intent::Valued(m, v) => valued(*m, *v),
        Intent::Revalue => AssetStep::RevaluationRequested,
        Intent::Contract => AssetStep::AuctionContracted,
        Intent::Set(ahead, off) => {
            AssetStep::AuctionSet { session_on: on + time::Duration::days(*ahead), starting_price: vnd(price + off) }
        }
        Intent::Sold(off) => sold(price + off),
        Intent::Paid => AssetStep::Paid,
        Intent::Failed(reason) => failed(*reason),
        Intent::Withdrawn => AssetStep::Withdrawn,
        Intent::Reduced(permille, parties) => {
            reduced(price / 1_000 * permille, if *parties { DecidedBy::Parties } else { DecidedBy::Officer })
        }
        Intent::Redeemed => AssetStep::Redeemed,
        Intent::Creditor(agreed) => creditor(*agreed),
        Intent::HandedOver => AssetStep::HandedOver,
        Intent::Returned => AssetStep::ReturnedToDebtor,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_chains_keep_the_rules(intents in prop::collection::vec(arb_intent(), 1..60), new_law in any::<bool>()) {
        let mut chain = Chain::seized(if new_law { date!(2026 - 09 - 14) } else { SEIZED });
        let mut day = 0i64;
        for (gap, intent) in &intents {
            let before = chain.now();
            let price = before.starting_price.map_or(VALUE, Vnd::dong);
            let step = realise(intent, price, chain.day(day + gap));
            if chain.attempt(day + gap, step.clone()).is_err() {
                continue;
            }
            prop_assert!(!before.state.is_final(), "a step after the end");
            if let AssetStep::Reduced { starting_price, .. } = &step {
                let previous = before.starting_price.map_or(0, Vnd::dong);
                prop_assert!(starting_price.dong() * 10 >= previous * 9 && starting_price.dong() < previous);
            }
            day += gap;
            chain = chain.then(day, step);
            let now = chain.now();
            if now.state == AssetState::CreditorTaking && now.creditor.is_some_and(|c| !c.by_agreement) {
                prop_assert!(now.reductions >= 2, "the creditor took it after {} reductions", now.reductions);
            }
        }
        let records = chain.records();
        for d in asset_deadlines(&chain.ctx(), &records) {
            prop_assert!(d.due >= d.started_on);
        }
    }
}
