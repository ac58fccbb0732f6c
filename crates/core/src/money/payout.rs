//! Payouts (chi trả tiền thi hành án): who may be paid how, and how much. Organisations are
//! paid only by transfer (NĐ 152/2026 Điều 30 khoản 5; NĐ 62/2015 Điều 49 khoản 3); an
//! individual who does not come after the notice may be sent a small sum by post (below one
//! regional minimum wage from 01/07/2026, below one base salary before); a payout and its fee
//! never exceed the money held for the case. The payee's identity document is recorded.

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::date;

use super::custody::{Account, CaseMoney};
use super::party::{IdNumber, Text};
use super::reference::{Basis, ReferenceAmounts, Threshold, WageRegion};
use super::regime::NEW_LAW_FROM;
use crate::amount::{Vnd, VndSum};
use crate::confidence::Confidence;
use crate::dates::format_vn;
use crate::versioned::{Version, Versions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayeeKind {
    Individual,
    Organisation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayoutMethod {
    /// Tiền mặt tại cơ quan thi hành án.
    Cash,
    /// Chuyển khoản.
    Transfer,
    /// Gửi qua dịch vụ bưu chính.
    Post,
}

impl PayoutMethod {
    pub fn parse(text: &str) -> Option<PayoutMethod> {
        match text.trim() {
            "cash" => Some(PayoutMethod::Cash),
            "transfer" => Some(PayoutMethod::Transfer),
            "post" => Some(PayoutMethod::Post),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            PayoutMethod::Cash => "cash",
            PayoutMethod::Transfer => "transfer",
            PayoutMethod::Post => "post",
        }
    }

    /// The account the money leaves from.
    pub fn through(self) -> Account {
        match self {
            PayoutMethod::Cash => Account::Cash,
            PayoutMethod::Transfer | PayoutMethod::Post => Account::Bank,
        }
    }
}

/// Who receives the money, as identified at the payout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payee {
    pub kind: PayeeKind,
    pub name: Text,
    /// VNeID, căn cước, hộ chiếu or (organisations) mã số thuế.
    pub id_number: IdNumber,
}

/// The bound of a small sum sent by post, by date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayoutRules {
    pub small_sum_by_post: Versions<Threshold>,
}

impl Default for PayoutRules {
    fn default() -> Self {
        let below = |basis| Threshold { basis, multiple: 1, inclusive: false };
        let small_sum_by_post = Versions::single(Version::new(
            date!(2015 - 09 - 01),
            below(Basis::BaseSalary),
            "NĐ 62/2015/NĐ-CP Điều 49 khoản 2",
            Confidence::Confirmed,
        ))
        .with(Version::new(
            NEW_LAW_FROM,
            below(Basis::RegionalMinimumWage),
            "NĐ 152/2026/NĐ-CP Điều 30 khoản 5",
            Confidence::Confirmed,
        ));
        PayoutRules { small_sum_by_post }
    }
}

/// A payout to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayoutRequest {
    pub day: Date,
    /// The wage region of the agency's seat.
    pub region: WageRegion,
    pub payee: PayeeKind,
    pub method: PayoutMethod,
    /// What the creditor receives.
    pub paid: Vnd,
    /// The fee withheld.
    pub fee: Vnd,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayoutRefusal {
    #[error("số tiền chi trả phải lớn hơn 0 / the payout must be more than zero")]
    ZeroAmount,
    #[error(
        "tổ chức chỉ được chi trả bằng chuyển khoản (NĐ 152/2026 Điều 30 khoản 5) / organisations are paid by transfer only"
    )]
    OrganisationByTransferOnly,
    #[error("chỉ gửi qua bưu chính cho cá nhân / only individuals are paid by post")]
    PostOnlyForIndividuals,
    #[error("chỉ gửi qua bưu chính khoản tiền dưới {bound} ({citation}) / only small sums go by post")]
    PostOnlyForSmallSums { bound: Vnd, citation: String },
    #[error("chưa có mức tham chiếu ngày {} / no reference amount that day", format_vn(*.0))]
    NoThreshold(Date),
    #[error("chi {asked} đ vượt số tiền đang giữ cho việc {held} đ / more than is held for the case")]
    MoreThanHeld { asked: i128, held: i128 },
}

/// Checks a payout of a case against its money and the rules of payment.
pub fn check_payout(
    money: &CaseMoney,
    request: &PayoutRequest,
    rules: &PayoutRules,
    refs: &ReferenceAmounts,
) -> Result<(), PayoutRefusal> {
    if request.paid.is_zero() {
        return Err(PayoutRefusal::ZeroAmount);
    }
    match (request.payee, request.method) {
        (PayeeKind::Organisation, PayoutMethod::Transfer) | (PayeeKind::Individual, _) => {}
        (PayeeKind::Organisation, PayoutMethod::Post) => return Err(PayoutRefusal::PostOnlyForIndividuals),
        (PayeeKind::Organisation, PayoutMethod::Cash) => return Err(PayoutRefusal::OrganisationByTransferOnly),
    }
    if request.method == PayoutMethod::Post {
        check_small_sum(request, rules, refs)?;
    }
    let asked = i128::from(request.paid.dong()) + i128::from(request.fee.dong());
    let held = money.payable_now();
    if VndSum(asked) > held {
        return Err(PayoutRefusal::MoreThanHeld { asked, held: held.dong() });
    }
    Ok(())
}

fn check_small_sum(request: &PayoutRequest, rules: &PayoutRules, refs: &ReferenceAmounts) -> Result<(), PayoutRefusal> {
    let no_threshold = || PayoutRefusal::NoThreshold(request.day);
    let version = rules.small_sum_by_post.on(request.day).ok_or_else(no_threshold)?;
    let admitted = version.value.admits(request.paid, request.day, request.region, refs).ok_or_else(no_threshold)?;
    if admitted {
        return Ok(());
    }
    let bound = version.value.amount(request.day, request.region, refs).ok_or_else(no_threshold)?;
    Err(PayoutRefusal::PostOnlyForSmallSums { bound, citation: version.citation.clone() })
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn vnd(d: i64) -> Vnd {
        Vnd::new(d).unwrap()
    }

    fn held(amount: i128) -> CaseMoney {
        CaseMoney { collected: VndSum(amount), held: VndSum(amount), ..CaseMoney::default() }
    }

    fn request(day: Date, payee: PayeeKind, method: PayoutMethod, paid: i64) -> PayoutRequest {
        PayoutRequest { day, region: WageRegion::II, payee, method, paid: vnd(paid), fee: Vnd::ZERO }
    }

    #[test]
    fn who_is_paid_how() {
        let (rules, refs) = (PayoutRules::default(), ReferenceAmounts::default());
        let check = |r: PayoutRequest| check_payout(&held(100_000_000), &r, &rules, &refs);
        let day = date!(2026 - 07 - 15);
        assert_eq!(check(request(day, PayeeKind::Organisation, PayoutMethod::Transfer, 1_000)), Ok(()));
        assert_eq!(
            check(request(day, PayeeKind::Organisation, PayoutMethod::Cash, 1_000)),
            Err(PayoutRefusal::OrganisationByTransferOnly)
        );
        assert_eq!(
            check(request(day, PayeeKind::Organisation, PayoutMethod::Post, 1_000)),
            Err(PayoutRefusal::PostOnlyForIndividuals)
        );
        assert_eq!(check(request(day, PayeeKind::Individual, PayoutMethod::Cash, 1_000)), Ok(()));
        // By post: below one regional minimum wage (region II: 4,730,000 in 2026) …
        assert_eq!(check(request(day, PayeeKind::Individual, PayoutMethod::Post, 4_729_999)), Ok(()));
        assert!(matches!(
            check(request(day, PayeeKind::Individual, PayoutMethod::Post, 4_730_000)),
            Err(PayoutRefusal::PostOnlyForSmallSums { bound, .. }) if bound == vnd(4_730_000)
        ));
        // … and before 01/07/2026 below one base salary (2,340,000).
        let old = date!(2026 - 06 - 30);
        assert_eq!(check(request(old, PayeeKind::Individual, PayoutMethod::Post, 2_339_999)), Ok(()));
        assert!(check(request(old, PayeeKind::Individual, PayoutMethod::Post, 2_340_000)).is_err());
        assert_eq!(check(request(day, PayeeKind::Individual, PayoutMethod::Cash, 0)), Err(PayoutRefusal::ZeroAmount));
    }

    #[test]
    fn a_payout_and_its_fee_never_exceed_what_is_held() {
        let (rules, refs) = (PayoutRules::default(), ReferenceAmounts::default());
        let mut r = request(date!(2026 - 03 - 02), PayeeKind::Individual, PayoutMethod::Cash, 970);
        r.fee = vnd(30);
        assert_eq!(check_payout(&held(1_000), &r, &rules, &refs), Ok(()));
        r.fee = vnd(31);
        assert_eq!(
            check_payout(&held(1_000), &r, &rules, &refs),
            Err(PayoutRefusal::MoreThanHeld { asked: 1_001, held: 1_000 })
        );
        assert!(
            check_payout(&held(-5), &request(r.day, PayeeKind::Individual, PayoutMethod::Cash, 1), &rules, &refs)
                .is_err()
        );
    }
}
