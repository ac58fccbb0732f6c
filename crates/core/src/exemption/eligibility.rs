//! Whether a case may be proposed to the court for exemption or reduction on a given day,
//! computed from its facts and replayed history: a state-budget obligation, still owed, the
//! debtor without means, not considered in the last year, and a band of Điều 61 reached
//! (or the hardship and merit ground). Every check is returned with its citation, met or not,
//! so the case page can show why.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use super::rules::{Band, Basis, ExemptionRules, ReliefKind, ReliefRules};
use crate::amount::Vnd;
use crate::calendar::{WorkingCalendar, add_months_clamped};
use crate::case::{CaseFacts, Category};
use crate::dates::format_vn;
use crate::deadlines::Regime;
use crate::event::EventCode;
use crate::lifecycle::{Step, state_on};
use crate::state::{CaseState, Snapshot};

/// The ground of Điều 61 khoản 4 for exempting the remainder of court fees and fines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialGround {
    /// Hoàn cảnh kinh tế đặc biệt khó khăn kéo dài (thiên tai, hỏa hoạn, tai nạn, ốm đau).
    Hardship,
    /// Lập công lớn.
    GreatMerit,
}

/// What the exemption register knows beyond the case file.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReliefHistory<'a> {
    /// The first enforcement decision of the judgment, when it precedes this case (a case
    /// received by delegation): it starts the years (Điều 61 khoản 5).
    pub first_decision_on: Option<Date>,
    /// Days a court considered an exemption or reduction of the same judgment, granted or not.
    pub considered_on: &'a [Date],
    /// A hardship or merit ground recorded with its evidence.
    pub special: Option<SpecialGround>,
}

/// One condition. The band finding is always given; the hardship or merit finding follows it
/// when such a ground is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    StateBudget,
    StillOwed,
    WithoutMeans,
    OncePerYear,
    /// A band of years and amounts (khoản 1–3).
    Band,
    /// Hardship or great merit (khoản 4).
    Special,
}

/// One condition, met or not, with why and where the law says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub check: Check,
    pub met: bool,
    pub detail: String,
    pub citation: String,
}

/// The answer for a case on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Eligibility {
    pub eligible: bool,
    pub kind: Option<ReliefKind>,
    /// The most the court may relieve: the whole remainder for an exemption, the share (and
    /// cap) for a reduction; `None` when not eligible.
    pub max_reduction: Option<Vnd>,
    /// Còn phải thi hành on the day.
    pub remainder: Vnd,
    pub reasons: Vec<Finding>,
    /// The clause that makes it eligible (or would, once its years have run).
    pub citation: Option<String>,
    pub regime: Regime,
    /// The new-law thresholds are the old ones until verified.
    pub must_verify: bool,
    /// When only the years are missing: the first day they have run.
    pub eligible_from: Option<Date>,
}

/// The eligibility of a case on `on`. `steps` is its replayed history (`lifecycle::replay`).
pub fn eligibility(
    facts: &CaseFacts,
    steps: &[Step],
    history: &ReliefHistory<'_>,
    on: Date,
    rules: &ExemptionRules,
    calendar: &WorkingCalendar,
) -> Eligibility {
    let r = rules.on(on);
    let snapshot = state_on(&facts.basis(), steps, on).map(|s| s.into_owned());
    let remainder = snapshot.as_ref().map_or(Vnd::ZERO, |s| s.outstanding);
    let mut reasons = vec![
        state_budget(facts, r),
        still_owed(snapshot.as_ref(), r),
        without_means(snapshot.as_ref(), r),
        once_per_year(steps, history, on, r, calendar),
    ];
    let first = history.first_decision_on.unwrap_or(facts.accepted_on);
    let partial = snapshot.as_ref().is_some_and(|s| r.partial_payment.reached(s.collected, facts.amount));
    let band = match_band(facts.amount, remainder, snapshot.as_ref(), partial, first, on, r);
    // The hardship or merit ground is another way in; when met it exempts the whole remainder,
    // more than any reduction band.
    let special = history.special.map(|ground| special(ground, partial, snapshot.as_ref(), r));
    let others_met = reasons.iter().all(|f| f.met);
    let eligible_from = band.from.filter(|_| others_met && !band.finding.met);
    reasons.push(band.finding.clone());
    let chosen = match special {
        Some(s) => {
            reasons.push(s.finding.clone());
            if s.finding.met || !band.finding.met { s } else { band }
        }
        None => band,
    };
    let eligible = others_met && chosen.finding.met;
    Eligibility {
        eligible,
        kind: chosen.kind.filter(|_| eligible),
        max_reduction: eligible.then(|| chosen.max.unwrap_or(remainder)),
        remainder,
        reasons,
        citation: chosen.citation,
        regime: r.regime,
        must_verify: r.must_verify,
        eligible_from: eligible_from.filter(|_| !eligible),
    }
}

fn finding(check: Check, met: bool, detail: String, citation: &str) -> Finding {
    Finding { check, met, detail, citation: citation.to_string() }
}

fn state_budget(facts: &CaseFacts, r: &ReliefRules) -> Finding {
    let met = facts.categories.contains(Category::NganSach);
    let detail = if met {
        "Khoản thu, nộp ngân sách nhà nước / a state-budget obligation"
    } else {
        "Không phải khoản thu, nộp ngân sách nhà nước (nhóm ngan_sach) / not a state-budget obligation"
    };
    finding(Check::StateBudget, met, detail.into(), &r.scope_citation)
}

fn still_owed(snapshot: Option<&Snapshot>, r: &ReliefRules) -> Finding {
    let (met, detail): (bool, String) = match snapshot {
        None => (false, "Trước ngày thụ lý / before the case was accepted".into()),
        Some(Snapshot { state: CaseState::Closed(c), .. }) => {
            (false, format!("Việc đã kết thúc: {} / the case is closed", c.label_vi()))
        }
        Some(s) if s.outstanding.is_zero() => (false, "Không còn khoản phải thi hành / nothing is owed".into()),
        Some(s) => (true, format!("Còn phải thi hành {} / still owed", s.outstanding)),
    };
    finding(Check::StillOwed, met, detail, &r.scope_citation)
}

fn without_means(snapshot: Option<&Snapshot>, r: &ReliefRules) -> Finding {
    let state = snapshot.map(|s| &s.state);
    let met = state == Some(&CaseState::WithoutMeans);
    let detail = match state {
        _ if met => "Chưa có điều kiện thi hành: không có tài sản, thu nhập ngoài mức tối thiểu / without means".into(),
        Some(s) => format!(
            "Trạng thái «{}»: cần quyết định về việc chưa có điều kiện thi hành án / needs a decision on lack of means",
            s.label_vi()
        ),
        None => "Chưa thụ lý / not accepted".into(),
    };
    finding(Check::WithoutMeans, met, detail, &r.without_means_citation)
}

/// The first day after a period of `months` counted from `start` has run (it runs to the end
/// of the same day `months` later, Bộ luật Dân sự 2015 Điều 148; "hết thời hạn" is the day
/// after).
fn after_months(start: Date, months: u32) -> Date {
    add_months_clamped(start, months).checked_add(Duration::days(1)).unwrap_or(Date::MAX)
}

fn once_per_year(
    steps: &[Step],
    history: &ReliefHistory<'_>,
    on: Date,
    r: &ReliefRules,
    calendar: &WorkingCalendar,
) -> Finding {
    let reductions = steps.iter().filter(|s| s.code == EventCode::Reduced).map(|s| s.date);
    let last = history.considered_on.iter().copied().chain(reductions).filter(|d| *d <= on).max();
    let next = last.map(|d| {
        let end = r.interval.plain_end_jd(d.to_julian_day(), calendar);
        Date::from_julian_day(end + 1).unwrap_or(Date::MAX)
    });
    let (met, detail) = match (last, next) {
        (Some(last), Some(next)) if on < next => (
            false,
            format!(
                "Đã xét ngày {}; chỉ xét lại từ ngày {} / considered on that day; again from the later one",
                format_vn(last),
                format_vn(next)
            ),
        ),
        (Some(last), _) => (true, format!("Lần xét trước ngày {} / last considered then", format_vn(last))),
        (None, _) => (true, "Chưa được xét miễn, giảm / never considered".into()),
    };
    finding(Check::OncePerYear, met, detail, &r.interval_citation)
}

/// The band check and what it decides.
struct BandOutcome {
    finding: Finding,
    kind: Option<ReliefKind>,
    max: Option<Vnd>,
    citation: Option<String>,
    from: Option<Date>,
}

fn match_band(
    amount: Vnd,
    remainder: Vnd,
    snapshot: Option<&Snapshot>,
    partial: bool,
    first: Date,
    on: Date,
    r: &ReliefRules,
) -> BandOutcome {
    let basis = if partial { Basis::Remainder } else { Basis::Whole };
    let value = if partial { remainder } else { amount };
    let paid = snapshot.map_or(Vnd::ZERO, |s| s.collected);
    let payment = if partial {
        format!("đã thi hành {paid} (từ 1/50 trở lên), còn lại {remainder}")
    } else {
        format!("đã thi hành {paid} (dưới 1/50), khoản phải thi hành {amount}")
    };
    let Some(band) = r.bands.iter().find(|b| b.basis == basis && b.contains(value)) else {
        let detail = format!("{payment}: không thuộc mức nào của Điều 61 / no band of Article 61 applies");
        let citation = format!("{}; {}", r.scope_citation, r.partial_payment_citation);
        return BandOutcome {
            finding: finding(Check::Band, false, detail, &citation),
            kind: None,
            max: None,
            citation: None,
            from: None,
        };
    };
    let from = after_months(first, u32::from(band.years) * 12);
    let met = on >= from;
    BandOutcome {
        finding: finding(Check::Band, met, band_detail(band, &payment, first, from, met), &band.citation),
        kind: Some(band.kind),
        max: Some(band.max_relief(remainder)),
        citation: Some(band.citation.clone()),
        from: Some(from),
    }
}

fn band_detail(band: &Band, payment: &str, first: Date, from: Date, met: bool) -> String {
    let years = band.years;
    let first = format_vn(first);
    if met {
        format!(
            "{}: {payment}; đã hết {years} năm từ quyết định thi hành án lần đầu ngày {first}",
            band.kind.label_vi()
        )
    } else {
        format!(
            "{payment}: cần hết {years} năm từ quyết định thi hành án lần đầu ngày {first}, tức từ ngày {} / the years \
             have not yet run",
            format_vn(from)
        )
    }
}

fn special(ground: SpecialGround, partial: bool, snapshot: Option<&Snapshot>, r: &ReliefRules) -> BandOutcome {
    let what = match ground {
        SpecialGround::Hardship => "hoàn cảnh kinh tế đặc biệt khó khăn kéo dài",
        SpecialGround::GreatMerit => "lập công lớn",
    };
    let paid = snapshot.map_or(Vnd::ZERO, |s| s.collected);
    let detail = if partial {
        format!("Miễn phần còn lại do {what}; đã thi hành {paid} / exemption of the remainder on this ground")
    } else {
        format!("{what}: cần đã thi hành được một phần (từ 1/50) / needs a partial payment first")
    };
    BandOutcome {
        finding: finding(Check::Special, partial, detail, &r.special_citation),
        kind: Some(ReliefKind::Mien),
        max: None,
        citation: Some(r.special_citation.clone()),
        from: None,
    }
}
