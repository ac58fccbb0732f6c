//! The clocks and prices steps are checked against, one rule at a time: dates, re-valuation,
//! the reduction cap and who may decide a reduction when, the buyer's payment and its
//! extension, the creditor's taking and the debtor's redemption, sales without auction, the
//! return to the debtor.

use time::macros::date;

use super::*;
use crate::confidence::Confidence;
use crate::versioned::Version;

const OLD: Date = date!(2025 - 03 - 03);
const NEW: Date = date!(2026 - 09 - 14);

fn contracted(seized_on: Date) -> Chain {
    Chain::seized(seized_on).then(3, valued(ValuationMethod::Agreed, VALUE)).then(8, AssetStep::AuctionContracted)
}

/// Contracted, a session on day 30 that fails.
fn failed_once(seized_on: Date) -> Chain {
    let c = contracted(seized_on);
    let s = set(&c, 30, VALUE);
    c.then(15, s).then(30, failed(FailureReason::KhongDangKy))
}

#[test]
fn steps_keep_to_the_calendar_of_the_chain() {
    let c = Chain::seized(OLD);
    assert_eq!(code(&c.refusal(-1, valued(ValuationMethod::Agreed, VALUE))), "before_seizure");
    let c = c.then(10, valued(ValuationMethod::Agreed, VALUE));
    assert_eq!(code(&c.refusal(9, AssetStep::AuctionContracted)), "before_previous");
    assert_eq!(code(&c.refusal(12, valued(ValuationMethod::Agreed, 0))), "not_allowed");
    assert_eq!(code(&Chain::seized(OLD).refusal(1, valued(ValuationMethod::Agreed, 0))), "zero_amount");
    // A refused step in a history is named by its position.
    let mut bad = c.clone();
    bad.events.push(AssetEvent { date: c.day(11), step: AssetStep::Paid });
    let refusal = replay(&bad.ctx(), &bad.events).unwrap_err();
    assert_eq!((refusal.index, refusal.step.as_str()), (1, "paid"));
}

#[test]
fn one_re_valuation_on_request_within_its_window() {
    // Valued on Thursday 06/03/2025: notice by 11/03 (3 working days), request by 18/03 (5 more).
    let c = Chain::seized(OLD).then(3, valued(ValuationMethod::Appraiser, VALUE));
    assert_eq!(c.attempt(15, AssetStep::RevaluationRequested), Ok(AssetState::Revaluing));
    assert_eq!(
        c.refusal(16, AssetStep::RevaluationRequested),
        AssetReason::RevaluationLate {
            last_day: date!(2025 - 03 - 18),
            citation: "Luật THADS 26/2008 Điều 99 khoản 1 điểm b".into()
        }
    );
    let again = c.then(5, AssetStep::RevaluationRequested).then(9, valued(ValuationMethod::Appraiser, 1_100_000_000));
    assert_eq!(again.now().starting_price, Some(vnd(1_100_000_000)), "the new price is the starting price");
    assert!(matches!(
        again.refusal(10, AssetStep::RevaluationRequested),
        AssetReason::RevaluationUsed { used: 1, allowed: 1, .. }
    ));
    // Requested after the auction contract: back to the contract once re-valued.
    let c = contracted(OLD).then(9, AssetStep::RevaluationRequested);
    assert_eq!(c.attempt(12, valued(ValuationMethod::Agreed, 950_000_000)), Ok(AssetState::Contracted));
}

#[test]
fn each_reduction_at_most_ten_percent_of_the_previous_starting_price() {
    let c = failed_once(OLD);
    assert_eq!(c.attempt(45, reduced(900_000_000, DecidedBy::Officer)), Ok(AssetState::Contracted));
    assert_eq!(
        c.refusal(45, reduced(899_999_999, DecidedBy::Officer)),
        AssetReason::ReductionTooLarge {
            asked: vnd(899_999_999),
            previous: vnd(VALUE),
            floor: vnd(900_000_000),
            cap_bp: 1_000,
            citation: "Luật THADS 26/2008 Điều 104 khoản 5".into()
        }
    );
    assert_eq!(code(&c.refusal(45, reduced(VALUE, DecidedBy::Officer))), "not_a_reduction");
    assert_eq!(code(&c.refusal(45, reduced(0, DecidedBy::Officer))), "zero_amount");
    // The floor is rounded up to the đồng: 10 % off 999 đ is 899.1 đ, so 900 đ.
    let mut odd =
        Chain::seized(OLD).then(3, valued(ValuationMethod::Agreed, 999)).then(8, AssetStep::AuctionContracted);
    let s = set(&odd, 30, 999);
    odd = odd.then(15, s).then(30, failed(FailureReason::KhongTraGia));
    assert_eq!(odd.attempt(45, reduced(900, DecidedBy::Officer)), Ok(AssetState::Contracted));
    assert_eq!(code(&odd.refusal(45, reduced(899, DecidedBy::Officer))), "reduction_too_large");
}

#[test]
fn the_new_laws_cap_is_data_an_administrator_corrects() {
    let mut c = failed_once(NEW);
    let new_cap = c.rules.reduction_cap_bp.on(NEW).unwrap().clone();
    assert_eq!((new_cap.value, new_cap.confidence, new_cap.must_verify), (Some(1_000), Confidence::Unconfirmed, true));
    assert_eq!(code(&c.refusal(45, reduced(850_000_000, DecidedBy::Officer))), "reduction_too_large");
    let corrected =
        Version::new(new_cap.valid_from, Some(2_000), "Luật THADS 106/2025 Điều 83 khoản 3", Confidence::Confirmed);
    c.rules.reduction_cap_bp = c.rules.reduction_cap_bp.clone().with(corrected);
    assert_eq!(c.attempt(45, reduced(850_000_000, DecidedBy::Officer)), Ok(AssetState::Contracted));
    // The old law's cap is untouched.
    let mut old = failed_once(OLD);
    old.rules = c.rules.clone();
    assert_eq!(code(&old.refusal(45, reduced(850_000_000, DecidedBy::Officer))), "reduction_too_large");
}

#[test]
fn the_parties_agree_within_their_window_and_then_the_officer_decides() {
    // Failed on Wednesday 02/04/2025: the parties' 10 days run from the notice (due 5 working
    // days later, 10/04: 07/04 is Giỗ Tổ Hùng Vương), so they may agree until 21/04 (20/04 is a
    // Sunday); the officer decides only after 14/04, the earliest end (the notice sent the day
    // of the failure: 12/04, a Saturday, rolls over).
    let c = failed_once(OLD);
    assert_eq!(c.day(30), date!(2025 - 04 - 02));
    assert_eq!(c.attempt(49, reduced(950_000_000, DecidedBy::Parties)), Ok(AssetState::Contracted));
    assert_eq!(
        c.refusal(50, reduced(950_000_000, DecidedBy::Parties)),
        AssetReason::PartiesWindowClosed {
            last_day: date!(2025 - 04 - 21),
            citation: "Luật THADS 26/2008 Điều 104 khoản 1".into()
        }
    );
    assert_eq!(
        c.refusal(41, reduced(950_000_000, DecidedBy::Officer)),
        AssetReason::PartiesWindowOpen {
            until: date!(2025 - 04 - 14),
            citation: "Luật THADS 26/2008 Điều 104 khoản 1".into()
        }
    );
    assert_eq!(c.attempt(43, reduced(950_000_000, DecidedBy::Officer)), Ok(AssetState::Contracted));
    // State-budget assets: the officer reduces at once (Điều 104 khoản 4).
    let mut budget = failed_once(OLD);
    budget.facts.for_state_budget = true;
    assert_eq!(budget.attempt(31, reduced(950_000_000, DecidedBy::Officer)), Ok(AssetState::Contracted));
    // Once the creditor could have taken it, the officer reduces at once (Điều 104 khoản 3).
    let twice = twice_reduced(Chain::seized(OLD));
    assert_eq!(twice.attempt(111, reduced(729_000_000, DecidedBy::Officer)), Ok(AssetState::Contracted));
}

#[test]
fn the_buyer_pays_in_thirty_days_extendable_to_sixty_under_the_new_law() {
    for seized_on in [OLD, NEW] {
        let c = contracted(seized_on);
        let s = set(&c, 30, VALUE);
        let sold = c.then(15, s).then(30, sold(VALUE));
        let due = sold.now().sale.map(|s| s.on + time::Duration::days(30)).unwrap();
        let due = calendar().on_or_next_working_day(due);
        let late = (due - sold.day(0)).whole_days() + 1;
        assert!(matches!(sold.refusal(late, AssetStep::Paid), AssetReason::PaymentLate { due: d, .. } if d == due));
        assert!(matches!(
            sold.refusal(late - 1, failed(FailureReason::KhongThanhToan)),
            AssetReason::PaymentNotDue { .. }
        ));
        assert_eq!(sold.attempt(late, failed(FailureReason::KhongThanhToan)), Ok(AssetState::Failed));
    }
    let c = contracted(NEW);
    let s = set(&c, 30, VALUE);
    let sold = c.then(15, s).then(30, sold(VALUE));
    let extend = |days: i64| AssetStep::PaymentExtended { until: sold.day(30 + days) };
    // 60 days from Wednesday 14/10/2026 end on Sunday 13/12, rolled to Monday 14/12.
    assert!(
        matches!(sold.refusal(35, extend(62)), AssetReason::ExtensionTooLong { latest, .. } if latest == date!(2026 - 12 - 14))
    );
    assert!(matches!(sold.refusal(35, extend(20)), AssetReason::ExtensionNotLater { .. }));
    let extended = sold.clone().then(35, extend(60));
    assert!(matches!(extended.refusal(36, extend(60)), AssetReason::ExtensionUsed));
    assert_eq!(extended.attempt(85, AssetStep::Paid), Ok(AssetState::Paid));
    assert!(matches!(extended.refusal(85, failed(FailureReason::KhongThanhToan)), AssetReason::PaymentNotDue { .. }));
    assert!(matches!(contracted(OLD).refusal(9, extend(60)), AssetReason::NotAllowed { .. }));
}

#[test]
fn the_creditor_takes_after_the_second_reduction_fails_and_the_debtor_may_still_redeem() {
    // Old law: accepted on day 112; the debtor has 30 days from the notice.
    let old = twice_reduced(Chain::seized(OLD)).then(112, creditor(false));
    let accepted = old.day(112);
    let earliest = calendar().on_or_next_working_day(accepted + time::Duration::days(30));
    assert!(matches!(
        old.refusal(112, AssetStep::HandedOver),
        AssetReason::DebtorWindowOpen { until, .. } if until == earliest
    ));
    let after = (earliest - old.day(0)).whole_days() + 1;
    assert!(
        matches!(old.refusal(after - 1, AssetStep::HandedOver), AssetReason::DebtorWindowOpen { .. }),
        "its last day"
    );
    assert_eq!(old.attempt(after, AssetStep::HandedOver), Ok(AssetState::HandedOver));
    assert_eq!(old.attempt(after, AssetStep::Redeemed), Ok(AssetState::Redeemed), "the notice may have come later");
    assert!(matches!(old.refusal(200, AssetStep::Redeemed), AssetReason::RedemptionLate { .. }));
    // New law: 5 working days, then the creditor's 5 to pay any surplus.
    let new = twice_reduced(Chain::seized(NEW)).then(112, creditor(false));
    let until = calendar().add_working_days(new.day(112), 5);
    assert!(
        matches!(new.refusal(113, AssetStep::HandedOver), AssetReason::DebtorWindowOpen { until: u, .. } if u == until)
    );
    assert_eq!(new.attempt((until - new.day(0)).whole_days() + 1, AssetStep::HandedOver), Ok(AssetState::HandedOver));
    assert!(matches!(new.refusal(140, AssetStep::Redeemed), AssetReason::RedemptionLate { .. }));
    // One reduction is not enough under either law.
    for seized_on in [OLD, NEW] {
        let once = failed_once(seized_on).then(45, reduced(900_000_000, DecidedBy::Officer));
        let s = set(&once, 70, 900_000_000);
        let once = once.then(50, s).then(70, failed(FailureReason::KhongDangKy));
        assert!(matches!(
            once.refusal(72, creditor(false)),
            AssetReason::CreditorNotYet { reductions: 1, needed: 2, .. }
        ));
        assert!(!creditor_may_take(&once.rules, &once.now(), once.day(72)));
    }
    // By agreement of the parties the creditor takes it at once, and it is handed over.
    let agreed = Chain::seized(OLD).then(3, valued(ValuationMethod::Agreed, VALUE)).then(4, creditor(true));
    assert_eq!(agreed.attempt(5, AssetStep::HandedOver), Ok(AssetState::HandedOver));
}

#[test]
fn the_debtor_redeems_until_one_working_day_before_the_session() {
    // Session on Tuesday 08/04/2025; Monday 07/04 is Giỗ Tổ Hùng Vương: the last day is Friday.
    let c = contracted(OLD);
    let session = date!(2025 - 04 - 08);
    let set_on = AssetStep::AuctionSet { session_on: session, starting_price: vnd(VALUE) };
    let c = c.then(15, set_on);
    let offset = |d: Date| (d - c.day(0)).whole_days();
    assert_eq!(c.attempt(offset(date!(2025 - 04 - 04)), AssetStep::Redeemed), Ok(AssetState::Redeemed));
    assert_eq!(
        c.refusal(offset(session), AssetStep::Redeemed),
        AssetReason::RedemptionLate {
            last_day: date!(2025 - 04 - 04),
            citation: "Luật THADS 26/2008 Điều 101 khoản 5".into()
        }
    );
    assert_eq!(
        code(&c.refusal(15, AssetStep::AuctionSet { session_on: c.day(14), starting_price: vnd(VALUE) })),
        "not_allowed"
    );
    let early = contracted(OLD);
    assert_eq!(
        code(&early.refusal(15, AssetStep::AuctionSet { session_on: early.day(14), starting_price: vnd(VALUE) })),
        "session_before_notice"
    );
}

#[test]
fn low_value_and_perishable_assets_are_sold_without_auction() {
    let mut perishable = Chain::seized(OLD);
    perishable.facts.perishable = true;
    assert_eq!(
        perishable.attempt(1, AssetStep::SoldWithoutAuction { price: vnd(300_000_000), buyer: buyer() }),
        Ok(AssetState::Paid)
    );
    let direct = |value: i64, seized_on: Date| {
        let c = Chain::seized(seized_on).then(3, valued(ValuationMethod::Agreed, value));
        c.attempt(5, AssetStep::SoldWithoutAuction { price: vnd(value), buyer: buyer() })
    };
    // Old law: below 2,000,000 đ.
    assert_eq!(direct(1_999_999, OLD), Ok(AssetState::Paid));
    assert_eq!(direct(2_000_000, OLD), Err("not_low_value".into()));
    // New law: at most 5 regional minimum wages (region I, 2026: 5 × 5,310,000).
    assert_eq!(direct(26_550_000, NEW), Ok(AssetState::Paid));
    assert_eq!(direct(26_550_001, NEW), Err("not_low_value".into()));
    let mut land = Chain::seized(NEW).then(3, valued(ValuationMethod::Agreed, 1_000_000));
    land.facts.kind = AssetKind::DatNha;
    assert_eq!(
        code(&land.refusal(5, AssetStep::SoldWithoutAuction { price: vnd(1_000_000), buyer: buyer() })),
        "not_for_sale_without_auction"
    );
    let sold = Chain::seized(OLD)
        .then(3, valued(ValuationMethod::Agreed, 1_000_000))
        .then(5, AssetStep::SoldWithoutAuction { price: vnd(1_000_000), buyer: buyer() });
    assert_eq!(sold.attempt(6, AssetStep::HandedOver), Ok(AssetState::HandedOver));
}

#[test]
fn an_asset_whose_price_fell_to_the_coercion_costs_returns_to_the_debtor() {
    let mut c = twice_reduced(Chain::seized(OLD));
    assert!(
        matches!(c.refusal(111, AssetStep::ReturnedToDebtor), AssetReason::AboveCosts { price, .. } if price == vnd(810_000_000))
    );
    c.facts.coercion_costs = vnd(810_000_000);
    assert_eq!(c.attempt(111, AssetStep::ReturnedToDebtor), Ok(AssetState::ReturnedToDebtor));
    let ended = c.then(111, AssetStep::ReturnedToDebtor);
    assert_eq!(code(&ended.refusal(112, AssetStep::Redeemed)), "ended");
}
