//! The time limits of money in custody, as data in the shared step-limit table
//! (`deadlines::StepRules`): the payee's period to come after the notice (then post or
//! deposit), deposits during a postponement or suspension and before an auctioned asset is
//! handed over, the extended payout limits, the conversion into a foreign currency, and
//! forfeiture to the State. The payout limit itself (10 days from collection, or from the
//! handover of a sold asset) is the case rule `payout` of `deadlines::DeadlineRules`, used here
//! so that it lives in one place; money held past it is the accountant's alert.

use serde::{Deserialize, Serialize};
use time::Date;

use super::custody::HeldLot;
use crate::calendar::WorkingCalendar;
use crate::case::Origin;
use crate::deadlines::{
    DeadlineKind, DeadlineRule, DeadlineRules, Length, LimitKind, Regime, StepRules, StepSpec, Tracking,
};
use crate::rules::Confidence::{self, *};

/// A time limit of money in custody.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyLimit {
    /// Thông báo nhận tiền: the payee's period to come; then post (small sums) or deposit.
    ClaimPeriod,
    /// Gửi tiết kiệm khi hoãn, tạm đình chỉ thi hành án.
    DepositDuringStay,
    /// Gửi tiết kiệm tiền bán đấu giá chưa giao được tài sản.
    DepositBeforeHandover,
    /// Kéo dài thời hạn thanh toán: many creditors, little money, other assets being sold.
    PayoutExtended,
    /// Thanh toán sau khi căn cứ kéo dài không còn (authority order, complaint, emergency).
    PayoutAfterObstacle,
    /// Đổi tiền Việt Nam sang ngoại tệ để thanh toán.
    CurrencyConversion,
    /// Sung quỹ nhà nước tiền không có người nhận.
    Forfeiture,
}

impl MoneyLimit {
    pub const ALL: [MoneyLimit; 7] = [
        MoneyLimit::ClaimPeriod,
        MoneyLimit::DepositDuringStay,
        MoneyLimit::DepositBeforeHandover,
        MoneyLimit::PayoutExtended,
        MoneyLimit::PayoutAfterObstacle,
        MoneyLimit::CurrencyConversion,
        MoneyLimit::Forfeiture,
    ];
}

impl LimitKind for MoneyLimit {
    fn code(self) -> &'static str {
        match self {
            MoneyLimit::ClaimPeriod => "claim_period",
            MoneyLimit::DepositDuringStay => "deposit_during_stay",
            MoneyLimit::DepositBeforeHandover => "deposit_before_handover",
            MoneyLimit::PayoutExtended => "payout_extended",
            MoneyLimit::PayoutAfterObstacle => "payout_after_obstacle",
            MoneyLimit::CurrencyConversion => "currency_conversion",
            MoneyLimit::Forfeiture => "forfeiture",
        }
    }
}

const NOT_CHECKED: &str = "Giá trị của luật cũ; Luật 106/2025 Điều 59 chưa đối chiếu / the old value; Luật 106/2025 \
     Điều 59 not checked";

fn spec(
    id: &'static str,
    kind: MoneyLimit,
    names: (&'static str, &'static str),
    citation: &'static str,
    length: Length,
    confidence: Confidence,
) -> StepSpec<MoneyLimit> {
    let note = if confidence == Unconfirmed { NOT_CHECKED } else { "" };
    StepSpec { id, kind, names, citation, length, confidence, tracking: Tracking::UntilDue, note }
}

/// The built-in money limits, both regimes.
pub fn default_money_limits(new_law_from: Date) -> StepRules<MoneyLimit> {
    use MoneyLimit as M;
    let claim = ("Hết thời hạn thông báo nhận tiền", "Period for the payee to come");
    let stay = ("Gửi tiết kiệm khi hoãn, tạm đình chỉ", "Deposit money during a postponement or suspension");
    let handover = ("Gửi tiết kiệm tiền bán tài sản chưa giao", "Deposit sale money until the asset is handed over");
    let forfeit = ("Sung quỹ nhà nước tiền không có người nhận", "Forfeit unclaimed money to the State");
    let old = [
        spec(
            "old.money.claim_period",
            M::ClaimPeriod,
            claim,
            "NĐ 62/2015/NĐ-CP Điều 49 khoản 2, khoản 5; Luật THADS 26/2008 Điều 126 khoản 2",
            Length::days(15),
            Confirmed,
        ),
        spec(
            "old.money.deposit_before_handover",
            M::DepositBeforeHandover,
            handover,
            "NĐ 62/2015/NĐ-CP Điều 27 khoản 4; TTLT 11/2016/TTLT-BTP-TANDTC-VKSNDTC Điều 5 khoản 1",
            Length::days(10),
            Confirmed,
        ),
        spec(
            "old.money.forfeiture",
            M::Forfeiture,
            forfeit,
            "Luật THADS 26/2008 Điều 126 khoản 2; NĐ 62/2015/NĐ-CP Điều 49 khoản 5",
            Length::months(60),
            Confirmed,
        ),
    ];
    let new = [
        spec(
            "new.money.claim_period",
            M::ClaimPeriod,
            claim,
            "Luật THADS 106/2025 Điều 59 khoản 1 (chưa đối chiếu); NĐ 152/2026/NĐ-CP Điều 30 khoản 5",
            Length::days(15),
            Unconfirmed,
        ),
        spec(
            "new.money.deposit_during_stay",
            M::DepositDuringStay,
            stay,
            "NĐ 152/2026/NĐ-CP Điều 30 khoản 8",
            Length::working_days(5),
            Confirmed,
        ),
        spec(
            "new.money.deposit_before_handover",
            M::DepositBeforeHandover,
            handover,
            "NĐ 152/2026/NĐ-CP Điều 30 khoản 7, Điều 65 khoản 2",
            Length::days(10),
            Confirmed,
        ),
        spec(
            "new.money.payout_extended",
            M::PayoutExtended,
            ("Thanh toán trong thời hạn kéo dài", "Pay out within the extended limit"),
            "NĐ 152/2026/NĐ-CP Điều 30 khoản 3 điểm a",
            Length::days(45),
            Confirmed,
        ),
        spec(
            "new.money.payout_after_obstacle",
            M::PayoutAfterObstacle,
            ("Thanh toán khi căn cứ kéo dài không còn", "Pay out once the ground for delay ends"),
            "NĐ 152/2026/NĐ-CP Điều 30 khoản 4",
            Length::days(10),
            Confirmed,
        ),
        spec(
            "new.money.currency_conversion",
            M::CurrencyConversion,
            ("Đổi sang ngoại tệ để thanh toán", "Convert into the foreign currency to pay"),
            "NĐ 152/2026/NĐ-CP Điều 30 khoản 6 điểm b",
            Length::working_days(2),
            Confirmed,
        ),
        spec(
            "new.money.forfeiture",
            M::Forfeiture,
            forfeit,
            "Luật THADS 106/2025 Điều 59 (chưa đối chiếu)",
            Length::months(60),
            Unconfirmed,
        ),
    ];
    let rules =
        old.into_iter().map(|s| s.build(Regime::Old)).chain(new.into_iter().map(|s| s.build(Regime::New))).collect();
    // Ids and (kind, regime) pairs are distinct by construction (a test checks the table).
    StepRules::new(new_law_from, rules).unwrap_or_else(|_| StepRules::empty(new_law_from))
}

/// The last day to pay out money collected (or handed over, for a sold asset) on `start`,
/// under the case rule `payout` of the regime of that day.
pub fn payout_deadline<'r>(
    rules: &'r DeadlineRules,
    start: Date,
    calendar: &WorkingCalendar,
) -> Option<(Date, &'r DeadlineRule)> {
    // The payout rules apply to every case: any origin picks them.
    let rule = rules.pick(DeadlineKind::Payout, rules.regime_on(start), Origin::TheoYeuCau, false)?;
    Some((rule.length.end(start, calendar), rule))
}

/// Money held past its payout limit (the accountant's alert).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HeldTooLong {
    pub lot: HeldLot,
    pub due: Date,
}

/// The lots of a case's money still held on `on` after their payout limit ran out.
pub fn held_too_long(
    lots: &[HeldLot],
    on: Date,
    rules: &DeadlineRules,
    calendar: &WorkingCalendar,
) -> Vec<HeldTooLong> {
    lots.iter()
        .filter_map(|lot| {
            let (due, _) = payout_deadline(rules, lot.since, calendar)?;
            (on > due).then_some(HeldTooLong { lot: *lot, due })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::calendar::Announcements;
    use crate::money::amount::Vnd;

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::vietnam(Announcements::none()).unwrap()
    }

    #[test]
    fn the_table_is_complete_and_its_unconfirmed_cells_are_to_verify() {
        let limits = default_money_limits(date!(2026 - 07 - 01));
        assert_eq!(limits.rules().len(), 10);
        for rule in limits.rules() {
            assert!(rule.id.starts_with(rule.regime.code()), "{}", rule.id);
            assert_eq!(rule.must_verify, rule.confidence == Unconfirmed, "{}", rule.id);
            assert!(!rule.citation.is_empty());
        }
        for kind in MoneyLimit::ALL {
            assert!(limits.pick(kind, Regime::New).is_some(), "{kind:?}");
        }
    }

    #[test]
    fn limits_by_the_day_their_clock_starts() {
        let (limits, cal) = (default_money_limits(date!(2026 - 07 - 01)), calendar());
        // A postponement on Friday 03/07/2026: deposit within 5 working days, by Friday 10/07.
        let stay = limits.starting(MoneyLimit::DepositDuringStay, date!(2026 - 07 - 03), &cal).unwrap();
        assert_eq!(
            (stay.due, stay.rule.citation.as_str()),
            (date!(2026 - 07 - 10), "NĐ 152/2026/NĐ-CP Điều 30 khoản 8")
        );
        assert!(limits.starting(MoneyLimit::DepositDuringStay, date!(2026 - 06 - 30), &cal).is_none(), "no old limit");
        let notice = limits.starting(MoneyLimit::ClaimPeriod, date!(2026 - 06 - 19), &cal).unwrap();
        assert_eq!((notice.due, notice.rule.id.as_str()), (date!(2026 - 07 - 06), "old.money.claim_period"));
    }

    #[test]
    fn money_held_past_ten_days_is_an_alert() {
        let (rules, cal) = (DeadlineRules::default(), calendar());
        let (due, rule) = payout_deadline(&rules, date!(2026 - 03 - 02), &cal).unwrap();
        assert_eq!((due, rule.id.as_str()), (date!(2026 - 03 - 12), "old.payout"));
        let lots = [
            HeldLot { since: date!(2026 - 03 - 02), amount: Vnd::new(50).unwrap() },
            HeldLot { since: date!(2026 - 03 - 05), amount: Vnd::new(30).unwrap() },
        ];
        assert_eq!(held_too_long(&lots, date!(2026 - 03 - 12), &rules, &cal), []);
        let late = held_too_long(&lots, date!(2026 - 03 - 13), &rules, &cal);
        assert_eq!(late, [HeldTooLong { lot: lots[0], due: date!(2026 - 03 - 12) }]);
    }
}
