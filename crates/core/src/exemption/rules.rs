//! The conditions of exemption and reduction of state-budget obligations as data (Luật THADS
//! 2008 Điều 61, as amended in 2014; TTLT 12/2015/TTLT-BTP-BTC-TANDTC-VKSNDTC): the bands of
//! years and amounts, the share and cap of a reduction, what counts as partial payment, and how
//! often a judgment may be considered. Luật THADS 106/2025's thresholds were not retrieved: the
//! new-law set carries the old values, `Unconfirmed` and `must_verify`.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::amount::Vnd;
use crate::confidence::Confidence;
use crate::deadlines::{Length, Regime};
use crate::rules::LifecycleRules;

/// Miễn (the whole remainder) or giảm (a part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReliefKind {
    Mien,
    Giam,
}

impl ReliefKind {
    pub fn code(self) -> &'static str {
        match self {
            ReliefKind::Mien => "mien",
            ReliefKind::Giam => "giam",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            ReliefKind::Mien => "Miễn thi hành án",
            ReliefKind::Giam => "Giảm thi hành án",
        }
    }
}

/// What amount a band looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Nothing (or less than the partial-payment share) paid: the value of the obligation.
    Whole,
    /// Partly paid: what remains.
    Remainder,
}

/// One end of an amount band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "bound", content = "vnd")]
pub enum Bound {
    Open,
    Inclusive(Vnd),
    Exclusive(Vnd),
}

/// A fraction, e.g. ¼.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Share {
    pub numerator: u32,
    pub denominator: u32,
}

impl Share {
    /// `amount × share`, rounded down to whole đồng ("không quá": never more).
    pub fn of(self, amount: Vnd) -> Vnd {
        let part = i128::from(amount.dong()) * i128::from(self.numerator) / i128::from(self.denominator.max(1));
        Vnd::new(i64::try_from(part).unwrap_or(amount.dong())).unwrap_or(amount)
    }

    /// `paid ≥ whole × share`, exactly.
    pub fn reached(self, paid: Vnd, whole: Vnd) -> bool {
        i128::from(paid.dong()) * i128::from(self.denominator) >= i128::from(whole.dong()) * i128::from(self.numerator)
    }
}

/// One band of Điều 61: after `years` from the first enforcement decision, an amount between
/// `lower` and `upper` may be exempted (miễn) or reduced (giảm) by at most `share`, and at most
/// `cap`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    pub id: String,
    pub kind: ReliefKind,
    pub basis: Basis,
    pub years: u16,
    pub lower: Bound,
    pub upper: Bound,
    pub share: Option<Share>,
    pub cap: Option<Vnd>,
    pub citation: String,
    pub confidence: Confidence,
    pub must_verify: bool,
}

impl Band {
    pub fn contains(&self, amount: Vnd) -> bool {
        let above = match self.lower {
            Bound::Open => true,
            Bound::Inclusive(v) => amount >= v,
            Bound::Exclusive(v) => amount > v,
        };
        let below = match self.upper {
            Bound::Open => true,
            Bound::Inclusive(v) => amount <= v,
            Bound::Exclusive(v) => amount < v,
        };
        above && below
    }

    /// The most this band relieves of `remainder`: all of it for an exemption, the share
    /// (then the cap) for a reduction.
    pub fn max_relief(&self, remainder: Vnd) -> Vnd {
        let share = self.share.map_or(remainder, |s| s.of(remainder));
        self.cap.map_or(share, |cap| share.min(cap))
    }
}

/// The conditions under one regime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReliefRules {
    pub regime: Regime,
    pub bands: Vec<Band>,
    /// Paid at least this share of the obligation counts as "đã thi hành được một phần".
    pub partial_payment: Share,
    pub partial_payment_citation: String,
    /// A judgment is considered at most once in this interval.
    pub interval: Length,
    pub interval_citation: String,
    pub interval_confidence: Confidence,
    /// Exemption of the remainder for hardship or a great merit (Điều 61 khoản 4).
    pub special_citation: String,
    /// Without means: the case stands under a decision on lack of means (chưa có điều kiện).
    pub without_means_citation: String,
    /// Which obligations qualify: state-budget receipts.
    pub scope_citation: String,
    pub must_verify: bool,
}

/// Both regimes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExemptionRules {
    pub new_law_from: Date,
    pub old: ReliefRules,
    pub new: ReliefRules,
}

impl ExemptionRules {
    /// The conditions for a consideration on `day` (NĐ 152/2026 Điều 115: a step from
    /// 01/07/2026 follows the new law).
    pub fn on(&self, day: Date) -> &ReliefRules {
        match Regime::on(day, self.new_law_from) {
            Regime::Old => &self.old,
            Regime::New => &self.new,
        }
    }
}

impl Default for ExemptionRules {
    fn default() -> Self {
        let old = old_rules();
        ExemptionRules { new_law_from: LifecycleRules::default().new_law_from, new: unverified(&old), old }
    }
}

const MILLION: i64 = 1_000_000;

fn vnd(dong: i64) -> Vnd {
    Vnd::new(dong).unwrap_or(Vnd::ZERO)
}

/// (id, kind, basis, years, lower, upper, share, cap, citation).
type BandRow = (&'static str, ReliefKind, Basis, u16, Bound, Bound, Option<Share>, Option<i64>, &'static str);

fn old_rules() -> ReliefRules {
    use Basis::{Remainder, Whole};
    use Bound::{Exclusive as Ex, Inclusive as In, Open};
    use ReliefKind::{Giam, Mien};
    let m = |millions: i64| vnd(millions * MILLION);
    let quarter = Some(Share { numerator: 1, denominator: 4 });
    let fifth = Some(Share { numerator: 1, denominator: 5 });
    let rows: [BandRow; 6] = [
        (
            "61.1.b.5y",
            Mien,
            Whole,
            5,
            Open,
            Ex(m(2)),
            None,
            None,
            "Luật THADS 2008 Điều 61 khoản 1 điểm b (05 năm, dưới 2.000.000 đồng)",
        ),
        (
            "61.1.b.10y",
            Mien,
            Whole,
            10,
            In(m(2)),
            Ex(m(5)),
            None,
            None,
            "Luật THADS 2008 Điều 61 khoản 1 điểm b (10 năm, từ 2.000.000 đến dưới 5.000.000 đồng)",
        ),
        (
            "61.2.b.5y",
            Mien,
            Remainder,
            5,
            Open,
            Ex(m(5)),
            None,
            None,
            "Luật THADS 2008 (sửa đổi 2014) Điều 61 khoản 2 điểm b (05 năm, còn lại dưới 5.000.000 đồng)",
        ),
        (
            "61.2.b.10y",
            Mien,
            Remainder,
            10,
            In(m(5)),
            Ex(m(10)),
            None,
            None,
            "Luật THADS 2008 (sửa đổi 2014) Điều 61 khoản 2 điểm b (10 năm, còn lại từ 5.000.000 đến dưới 10.000.000 đồng)",
        ),
        (
            "61.3.a",
            Giam,
            Remainder,
            5,
            In(m(10)),
            In(m(100)),
            quarter,
            None,
            "Luật THADS 2008 (sửa đổi 2014) Điều 61 khoản 3 điểm a (05 năm, còn lại từ 10.000.000 đến 100.000.000 đồng, mỗi lần không quá 1/4)",
        ),
        (
            "61.3.b",
            Giam,
            Remainder,
            10,
            Ex(m(100)),
            Open,
            fifth,
            Some(50),
            "Luật THADS 2008 (sửa đổi 2014) Điều 61 khoản 3 điểm b (10 năm, còn lại trên 100.000.000 đồng, mỗi lần không quá 1/5, tối đa 50.000.000 đồng)",
        ),
    ];
    let bands = rows
        .into_iter()
        .map(|(id, kind, basis, years, lower, upper, share, cap, citation)| Band {
            id: format!("old.{id}"),
            kind,
            basis,
            years,
            lower,
            upper,
            share,
            cap: cap.map(m),
            citation: citation.to_string(),
            confidence: Confidence::Confirmed,
            must_verify: false,
        })
        .collect();
    ReliefRules {
        regime: Regime::Old,
        bands,
        partial_payment: Share { numerator: 1, denominator: 50 },
        partial_payment_citation:
            "TTLT 12/2015/TTLT-BTP-BTC-TANDTC-VKSNDTC Điều 4 khoản 1 (ít nhất 1/50 khoản phải thi hành)".into(),
        interval: Length::months(12),
        interval_citation:
            "Luật THADS 2008 Điều 61 khoản 5 (một lần trong 01 năm đối với mỗi bản án, quyết định; năm tính từ \
                            lần xét trước — cách tính suy ra)"
                .into(),
        interval_confidence: Confidence::Inferred,
        special_citation: "Luật THADS 2008 Điều 61 khoản 4; TTLT 12/2015 Điều 4 khoản 2 (án phí, tiền phạt)".into(),
        without_means_citation:
            "Luật THADS 2008 Điều 61 khoản 1 điểm a; TTLT 12/2015 Điều 5 khoản 1 điểm a (đã có quyết định \
                                 về việc chưa có điều kiện thi hành án)"
                .into(),
        scope_citation: "Luật THADS 2008 Điều 61; TTLT 12/2015 Điều 2 (khoản thu, nộp ngân sách nhà nước)".into(),
        must_verify: false,
    }
}

/// The new-law conditions: the old values until Luật 106/2025 is read.
fn unverified(old: &ReliefRules) -> ReliefRules {
    let cite = |c: &str| format!("Luật THADS 106/2025 (chưa đối chiếu); giá trị theo {c}");
    let bands = old
        .bands
        .iter()
        .map(|b| Band {
            id: b.id.replacen("old.", "new.", 1),
            citation: cite(&b.citation),
            confidence: Confidence::Unconfirmed,
            must_verify: true,
            ..b.clone()
        })
        .collect();
    ReliefRules {
        regime: Regime::New,
        bands,
        partial_payment_citation: cite(&old.partial_payment_citation),
        interval_citation: cite(&old.interval_citation),
        interval_confidence: Confidence::Unconfirmed,
        special_citation: cite(&old.special_citation),
        without_means_citation: cite(&old.without_means_citation),
        scope_citation: cite(&old.scope_citation),
        must_verify: true,
        ..old.clone()
    }
}
