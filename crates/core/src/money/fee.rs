//! The enforcement fee (phí thi hành án dân sự) a creditor pays on the money or assets actually
//! received (Luật THADS 26/2008 Điều 60; NĐ 152/2026 Điều 30 khoản 1): a schedule of brackets
//! an administrator keeps as dated versions. The built-in one is Thông tư 216/2016/TT-BTC
//! Điều 4 khoản 1 as public summaries give it (3 % up to 5 billion đồng, then decreasing
//! marginal rates; nothing up to twice the base salary), unconfirmed: the spec asks to verify
//! the current rate.
//!
//! The fee is on what the creditor has received in all, so that paying in several times costs
//! the same as paying at once: each payout owes the fee on the new total less the fees already
//! charged, and withholds what it can of that.

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::date;

use super::obligation::Obligation;
use super::reference::{Basis, ReferenceAmounts, Threshold, WageRegion};
use crate::amount::Vnd;
use crate::confidence::Confidence;
use crate::dates::format_vn;
use crate::versioned::{Version, Versions};

/// Above `above` đồng received, the fee is `base` plus `rate` of the part above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeBracket {
    pub above: Vnd,
    pub base: Vnd,
    /// In hundredths of a percent (3 % = 300).
    pub rate_bp: u32,
}

/// One version of the fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeSchedule {
    /// A total received within this bound pays nothing.
    pub exempt_up_to: Threshold,
    /// In increasing order of `above`.
    pub brackets: Vec<FeeBracket>,
    /// Obligations on which no fee is charged.
    pub exempt_obligations: Vec<Obligation>,
    /// The most one case pays in all, if the schedule caps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Vnd>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeError {
    #[error("chưa có biểu phí thi hành án áp dụng ngày {} / no fee schedule in effect that day", format_vn(*.0))]
    NoSchedule(Date),
    #[error("chưa có mức lương cơ sở, lương tối thiểu áp dụng ngày {} / no reference amount that day", format_vn(*.0))]
    NoReference(Date),
    #[error("số tiền quá lớn / amount too large")]
    TooLarge,
}

/// A payout the fee is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeQuestion {
    pub day: Date,
    pub region: WageRegion,
    pub obligation: Obligation,
    /// What the creditor received in the case before this payout.
    pub received_before: Vnd,
    /// Fees already charged in the case.
    pub charged_before: Vnd,
    pub payment: Vnd,
}

/// The fee of a payout: what is owed now, and the part withheld from this payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Fee {
    pub due: Vnd,
    pub withheld: Vnd,
}

impl FeeSchedule {
    /// The fee on a total received of `received`; `exempt`: the total is within `exempt_up_to`.
    pub fn fee_on_total(&self, received: Vnd, exempt: bool) -> Vnd {
        if exempt {
            return Vnd::ZERO;
        }
        let Some(bracket) = self.brackets.iter().rev().find(|b| received > b.above) else {
            return Vnd::ZERO;
        };
        let excess = i128::from(received.dong() - bracket.above.dong());
        // Half up to the đồng.
        let variable = (excess * i128::from(bracket.rate_bp) * 2 + 10_000) / 20_000;
        let mut fee = i128::from(bracket.base.dong()) + variable;
        if let Some(cap) = self.cap {
            fee = fee.min(i128::from(cap.dong()));
        }
        Vnd::new(i64::try_from(fee.min(i128::from(received.dong()))).unwrap_or(0)).unwrap_or(Vnd::ZERO)
    }
}

/// The fee of a payout under the schedule in effect on its day.
pub fn fee_on_payment(
    schedules: &Versions<FeeSchedule>,
    refs: &ReferenceAmounts,
    q: &FeeQuestion,
) -> Result<Fee, FeeError> {
    let schedule = &schedules.on(q.day).ok_or(FeeError::NoSchedule(q.day))?.value;
    if schedule.exempt_obligations.contains(&q.obligation) {
        return Ok(Fee { due: Vnd::ZERO, withheld: Vnd::ZERO });
    }
    let total = q.received_before.checked_add(q.payment).ok_or(FeeError::TooLarge)?;
    let exempt = schedule.exempt_up_to.admits(total, q.day, q.region, refs).ok_or(FeeError::NoReference(q.day))?;
    let due = schedule.fee_on_total(total, exempt).checked_sub(q.charged_before).unwrap_or(Vnd::ZERO);
    Ok(Fee { due, withheld: due.min(q.payment) })
}

fn bracket(above: i64, base: i64, rate_bp: u32) -> FeeBracket {
    let vnd = |d| Vnd::new(d).unwrap_or(Vnd::ZERO);
    FeeBracket { above: vnd(above), base: vnd(base), rate_bp }
}

/// The built-in schedule.
pub fn default_fee_schedules() -> Versions<FeeSchedule> {
    const BILLION: i64 = 1_000_000_000;
    const MILLION: i64 = 1_000_000;
    let tt_216 = FeeSchedule {
        exempt_up_to: Threshold { basis: Basis::BaseSalary, multiple: 2, inclusive: true },
        brackets: vec![
            bracket(0, 0, 300),
            bracket(5 * BILLION, 150 * MILLION, 200),
            bracket(7 * BILLION, 190 * MILLION, 100),
            bracket(10 * BILLION, 220 * MILLION, 50),
            bracket(15 * BILLION, 245 * MILLION, 1),
        ],
        // Court fees are paid into the state budget: no creditor receives them [I].
        exempt_obligations: vec![Obligation::AnPhi],
        cap: None,
    };
    Versions::single(
        Version::new(date!(2017 - 01 - 01), tt_216, "Thông tư 216/2016/TT-BTC Điều 4 khoản 1", Confidence::Unconfirmed)
            .to_verify(
                "Theo các bản tóm tắt công khai, chưa đối chiếu văn bản; chưa rõ còn áp dụng từ 01/07/2026; các \
                 trường hợp miễn, giảm phí chưa đọc / from public summaries, not the text; whether it applies from \
                 01/07/2026 and its exemptions are not known",
            ),
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;

    fn vnd(d: i64) -> Vnd {
        Vnd::new(d).unwrap()
    }

    fn ask(received_before: i64, charged_before: i64, payment: i64) -> Fee {
        let q = FeeQuestion {
            day: date!(2026 - 03 - 02),
            region: WageRegion::I,
            obligation: Obligation::Khac,
            received_before: vnd(received_before),
            charged_before: vnd(charged_before),
            payment: vnd(payment),
        };
        fee_on_payment(&default_fee_schedules(), &ReferenceAmounts::default(), &q).unwrap()
    }

    #[test]
    fn the_schedule_of_tt_216() {
        // Twice the base salary (2 × 2,340,000) pays nothing; a đồng more pays 3 % of it all.
        assert_eq!(ask(0, 0, 4_680_000).due, Vnd::ZERO);
        assert_eq!(ask(0, 0, 4_680_001).due, vnd(140_400));
        assert_eq!(ask(0, 0, 100_000_000).due, vnd(3_000_000));
        assert_eq!(ask(0, 0, 5_000_000_000).due, vnd(150_000_000));
        assert_eq!(ask(0, 0, 6_000_000_000).due, vnd(170_000_000));
        assert_eq!(ask(0, 0, 12_000_000_000).due, vnd(230_000_000));
        assert_eq!(ask(0, 0, 115_000_000_000).due, vnd(255_000_000));
        // 3 % of 33 đồng is 0.99: half up.
        let schedules = default_fee_schedules();
        let schedule = &schedules.all()[0].value;
        assert_eq!(schedule.fee_on_total(vnd(33), false), vnd(1));
        assert_eq!(schedule.fee_on_total(vnd(16), false), Vnd::ZERO);
    }

    #[test]
    fn paying_in_parts_costs_the_same_and_a_shortfall_is_carried() {
        // First 4,000,000 đ: under the bound, no fee. Then 1,000,000 đ: the total passes it, 3 %
        // of 5,000,000 is due; all of it is withheld.
        let first = ask(0, 0, 4_000_000);
        assert_eq!(first, Fee { due: Vnd::ZERO, withheld: Vnd::ZERO });
        assert_eq!(ask(4_000_000, 0, 1_000_000), Fee { due: vnd(150_000), withheld: vnd(150_000) });
        // A payment smaller than the fee it triggers: the rest stays due on the next payout.
        assert_eq!(ask(4_680_000, 0, 1_000), Fee { due: vnd(140_430), withheld: vnd(1_000) });
        assert_eq!(ask(4_681_000, 1_000, 100_000).due, vnd(142_430));
        let mut q = FeeQuestion {
            day: date!(2016 - 12 - 31),
            region: WageRegion::I,
            obligation: Obligation::Khac,
            received_before: Vnd::ZERO,
            charged_before: Vnd::ZERO,
            payment: vnd(1),
        };
        let refs = ReferenceAmounts::default();
        assert_eq!(fee_on_payment(&default_fee_schedules(), &refs, &q), Err(FeeError::NoSchedule(q.day)));
        q.day = date!(2026 - 03 - 02);
        q.obligation = Obligation::AnPhi;
        assert_eq!(fee_on_payment(&default_fee_schedules(), &refs, &q).unwrap().due, Vnd::ZERO);
    }

    proptest! {
        #[test]
        fn the_fee_grows_with_what_is_received_and_never_exceeds_it(a in 0i64..40_000_000_000, b in 0i64..40_000_000_000) {
            let schedules = default_fee_schedules();
        let schedule = &schedules.all()[0].value;
            let (low, high) = (vnd(a.min(b)), vnd(a.max(b)));
            prop_assert!(schedule.fee_on_total(low, false) <= schedule.fee_on_total(high, false));
            prop_assert!(schedule.fee_on_total(high, false) <= high);
        }

        #[test]
        fn charging_each_payout_adds_up_to_the_fee_on_the_total(parts in prop::collection::vec(1i64..3_000_000_000, 1..8)) {
            let (mut received, mut charged) = (0i64, 0i64);
            for part in &parts {
                let fee = ask(received, charged, *part);
                received += part;
                charged += fee.due.dong();
            }
            prop_assert_eq!(charged, ask(0, 0, received).due.dong());
        }
    }
}
