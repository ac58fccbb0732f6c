//! The time limits of money in custody, as data in the shared table of time limits
//! (`deadlines::Limits`): the payee's period to come after the notice (then post or
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
use crate::deadlines::{DeadlineKind, DeadlineRule, DeadlineRules, Length, LimitSpec, Limits};

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

impl MoneyLimit {
    /// The stable code (storage, API).
    pub fn code(self) -> &'static str {
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

use MoneyLimit as M;

const CLAIM: &str = "Hết thời hạn thông báo nhận tiền";
const HANDOVER: &str = "Gửi tiết kiệm tiền bán tài sản chưa giao";

/// Old-law limits whose Luật 106/2025 value (its Điều 59) was not retrieved: the new-law row
/// keeps the old value, unconfirmed and to verify.
const KEPT: [LimitSpec<MoneyLimit>; 2] = [
    LimitSpec::confirmed(
        "money.claim_period",
        M::ClaimPeriod,
        CLAIM,
        Length::days(15),
        "NĐ 62/2015/NĐ-CP Điều 49 khoản 2, khoản 5; Luật THADS 26/2008 Điều 126 khoản 2",
    ),
    LimitSpec::confirmed(
        "money.forfeiture",
        M::Forfeiture,
        "Sung quỹ nhà nước tiền không có người nhận",
        Length::months(60),
        "Luật THADS 26/2008 Điều 126 khoản 2; NĐ 62/2015/NĐ-CP Điều 49 khoản 5",
    ),
];

const OLD: [LimitSpec<MoneyLimit>; 1] = [LimitSpec::confirmed(
    "money.deposit_before_handover",
    M::DepositBeforeHandover,
    HANDOVER,
    Length::days(10),
    "NĐ 62/2015/NĐ-CP Điều 27 khoản 4; TTLT 11/2016/TTLT-BTP-TANDTC-VKSNDTC Điều 5 khoản 1",
)];

const NEW: [LimitSpec<MoneyLimit>; 5] = [
    LimitSpec::confirmed(
        "money.deposit_during_stay",
        M::DepositDuringStay,
        "Gửi tiết kiệm khi hoãn, tạm đình chỉ",
        Length::working_days(5),
        "NĐ 152/2026/NĐ-CP Điều 30 khoản 8",
    ),
    LimitSpec::confirmed(
        "money.deposit_before_handover",
        M::DepositBeforeHandover,
        HANDOVER,
        Length::days(10),
        "NĐ 152/2026/NĐ-CP Điều 30 khoản 7, Điều 65 khoản 2",
    ),
    LimitSpec::confirmed(
        "money.payout_extended",
        M::PayoutExtended,
        "Thanh toán trong thời hạn kéo dài",
        Length::days(45),
        "NĐ 152/2026/NĐ-CP Điều 30 khoản 3 điểm a",
    ),
    LimitSpec::confirmed(
        "money.payout_after_obstacle",
        M::PayoutAfterObstacle,
        "Thanh toán khi căn cứ kéo dài không còn",
        Length::days(10),
        "NĐ 152/2026/NĐ-CP Điều 30 khoản 4",
    ),
    LimitSpec::confirmed(
        "money.currency_conversion",
        M::CurrencyConversion,
        "Đổi sang ngoại tệ để thanh toán",
        Length::working_days(2),
        "NĐ 152/2026/NĐ-CP Điều 30 khoản 6 điểm b",
    ),
];

/// The built-in money limits, both regimes.
pub fn default_money_limits(new_law_from: Date) -> Limits<MoneyLimit> {
    Limits::from_specs(new_law_from, &KEPT, &OLD, &NEW)
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
    use crate::amount::Vnd;
    use crate::calendar::Announcements;
    use crate::confidence::Confidence;
    use crate::deadlines::Regime;

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::vietnam(Announcements::none()).unwrap()
    }

    #[test]
    fn the_table_is_complete_and_its_unconfirmed_cells_are_to_verify() {
        let limits = default_money_limits(date!(2026 - 07 - 01));
        assert_eq!(limits.rows().len(), 10);
        for rule in limits.rows() {
            assert!(rule.id.starts_with(rule.regime.code()), "{}", rule.id);
            assert_eq!(rule.must_verify, rule.confidence == Confidence::Unconfirmed, "{}", rule.id);
            assert!(!rule.citation.is_empty());
        }
        for kind in MoneyLimit::ALL {
            assert!(limits.get(kind, Regime::New).is_some(), "{kind:?}");
        }
    }

    #[test]
    fn limits_by_the_day_their_clock_starts() {
        let (limits, cal) = (default_money_limits(date!(2026 - 07 - 01)), calendar());
        // A postponement on Friday 03/07/2026: deposit within 5 working days, by Friday 10/07.
        let stay = limits.from(MoneyLimit::DepositDuringStay, date!(2026 - 07 - 03), &cal).unwrap();
        assert_eq!(
            (stay.due, stay.limit.citation.as_str()),
            (date!(2026 - 07 - 10), "NĐ 152/2026/NĐ-CP Điều 30 khoản 8")
        );
        assert!(limits.from(MoneyLimit::DepositDuringStay, date!(2026 - 06 - 30), &cal).is_none(), "no old limit");
        let notice = limits.from(MoneyLimit::ClaimPeriod, date!(2026 - 06 - 19), &cal).unwrap();
        assert_eq!((notice.due, notice.limit.id.as_str()), (date!(2026 - 07 - 06), "old.money.claim_period"));
        let unread = limits.get(MoneyLimit::Forfeiture, Regime::New).unwrap();
        assert!(unread.must_verify && unread.citation.starts_with("Luật THADS 106/2025 (chưa đối chiếu)"));
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
