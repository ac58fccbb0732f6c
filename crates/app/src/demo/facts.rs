//! The facts of one demo case: origin, kind of judgment, categories, a skewed amount (many court
//! fees of a few hundred thousand đồng, a few obligations of thousands of tỷ), the parties, the
//! officer; and the case's propensity to have means, which shapes its history.

use thads_core::{CaseFacts, CaseNo, Categories, Category, JudgmentType, Origin, Vnd};
use time::Date;

use super::draw::{DemoRng, chance, log_normal, pareto, weighted};
use super::names;
use super::org::{CaseUnit, draw_officer};

/// 1 tỷ đồng.
const TY: f64 = 1e9;

/// No single demo obligation exceeds 50,000 tỷ (national sums stay far inside an i64).
const MAX_AMOUNT: f64 = 5e4 * TY;

/// What the history generator needs beyond the facts.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    /// Chance that verification finds means.
    pub means: f64,
    /// Accepted before the first reporting year shown, and still open when it began.
    pub backlog: bool,
}

const CHU_DONG_TYPES: [(JudgmentType, f64); 7] = [
    (JudgmentType::HinhSu, 55.0),
    (JudgmentType::DanSu, 30.0),
    (JudgmentType::HonNhanGiaDinh, 4.0),
    (JudgmentType::KinhDoanhThuongMai, 4.0),
    (JudgmentType::HanhChinh, 3.0),
    (JudgmentType::LaoDong, 1.0),
    (JudgmentType::Khac, 3.0),
];

const THEO_YEU_CAU_TYPES: [(JudgmentType, f64); 9] = [
    (JudgmentType::DanSu, 55.0),
    (JudgmentType::KinhDoanhThuongMai, 15.0),
    (JudgmentType::HonNhanGiaDinh, 12.0),
    (JudgmentType::HinhSu, 10.0),
    (JudgmentType::LaoDong, 4.0),
    (JudgmentType::PhaSan, 1.0),
    (JudgmentType::TrongTai, 1.0),
    (JudgmentType::HanhChinh, 1.0),
    (JudgmentType::Khac, 1.0),
];

/// Draws the facts of a case of `unit` (its number already chosen) and its profile.
pub fn draw(
    rng: &mut DemoRng,
    unit: &CaseUnit,
    case_no: CaseNo,
    accepted_on: Date,
    backlog: bool,
) -> (CaseFacts, Profile) {
    let origin = if chance(rng, 0.58) { Origin::ChuDong } else { Origin::TheoYeuCau };
    let table: &[(JudgmentType, f64)] = match origin {
        Origin::ChuDong => &CHU_DONG_TYPES,
        Origin::TheoYeuCau => &THEO_YEU_CAU_TYPES,
    };
    let judgment_type = weighted(rng, table).unwrap_or(JudgmentType::DanSu);
    let categories = draw_categories(rng, origin, judgment_type);
    let amount = draw_amount(rng, origin, judgment_type, categories);
    let (debtor, creditor) = draw_parties(rng, unit, judgment_type, categories, origin);
    let facts = CaseFacts {
        unit: unit.id,
        case_no,
        accepted_on,
        origin,
        received_by_delegation: chance(rng, 0.015),
        judgment_type,
        categories,
        amount: Vnd::new(amount).unwrap_or(Vnd::ZERO),
        debtor,
        creditor,
        officer: draw_officer(rng, unit),
    };
    let means = means_propensity(amount, categories);
    (facts, Profile { means, backlog })
}

fn draw_categories(rng: &mut DemoRng, origin: Origin, judgment: JudgmentType) -> Categories {
    let mut set = Categories::empty();
    let criminal = judgment == JudgmentType::HinhSu;
    if origin == Origin::ChuDong && chance(rng, 0.85) {
        set.insert(Category::NganSach);
    }
    if criminal && chance(rng, 0.25) {
        set.insert(Category::PhamNhan);
    }
    if criminal && origin == Origin::ChuDong && chance(rng, 0.02) {
        set.insert(Category::ThamNhung);
    }
    let lending = matches!(judgment, JudgmentType::DanSu | JudgmentType::KinhDoanhThuongMai);
    if origin == Origin::TheoYeuCau && lending && chance(rng, 0.025) {
        set.insert(Category::TinDung);
    }
    set
}

/// Whole đồng, rounded to thousands: the obligation's size depends on what it is.
fn draw_amount(rng: &mut DemoRng, origin: Origin, judgment: JudgmentType, cats: Categories) -> i64 {
    use JudgmentType as J;
    if origin == Origin::TheoYeuCau && chance(rng, 0.06) {
        return 0; // giao nhà, trả đất, nuôi con: obligations that are not money
    }
    let x = if cats.contains(Category::ThamNhung) {
        pareto(rng, 0.8 * TY, 1.1)
    } else if cats.contains(Category::TinDung) {
        log_normal(rng, 1.5 * TY, 1.4)
    } else if cats.contains(Category::NganSach) && judgment == J::HinhSu {
        log_normal(rng, 4e6, 1.5) // fines, confiscation, court fees of criminal cases
    } else if cats.contains(Category::NganSach) {
        log_normal(rng, 9e5, 1.2) // án phí: a few hundred thousand đồng upwards
    } else {
        match judgment {
            J::KinhDoanhThuongMai => log_normal(rng, 8e8, 1.6),
            J::PhaSan => log_normal(rng, 5.0 * TY, 1.5),
            J::TrongTai => log_normal(rng, 2.0 * TY, 1.5),
            J::HonNhanGiaDinh | J::LaoDong => log_normal(rng, 4e7, 1.0),
            _ => log_normal(rng, 1.2e8, 1.6),
        }
    };
    // A few obligations of any kind are enormous (land, fraud, bank losses).
    let x = if chance(rng, 0.002) { x.max(pareto(rng, 20.0 * TY, 1.0)) } else { x };
    let thousands = (x.clamp(2e5, MAX_AMOUNT) / 1e3).round() as i64;
    thousands * 1_000
}

fn draw_parties(
    rng: &mut DemoRng,
    unit: &CaseUnit,
    judgment: JudgmentType,
    cats: Categories,
    origin: Origin,
) -> (String, String) {
    let firm_debtor = match judgment {
        JudgmentType::PhaSan => 1.0,
        JudgmentType::KinhDoanhThuongMai => 0.7,
        _ if cats.contains(Category::TinDung) => 0.3,
        _ => 0.04,
    };
    let debtor = if chance(rng, firm_debtor) { names::company(rng) } else { names::person(rng) };
    let creditor = if cats.contains(Category::NganSach) {
        names::budget(rng, &unit.province.short_name())
    } else if cats.contains(Category::TinDung) {
        names::bank(rng)
    } else if cats.contains(Category::ThamNhung) {
        if chance(rng, 0.6) { "Ngân sách nhà nước".to_string() } else { names::state_firm(rng) }
    } else if origin == Origin::TheoYeuCau && judgment == JudgmentType::KinhDoanhThuongMai && chance(rng, 0.6) {
        names::company(rng)
    } else {
        names::person(rng)
    };
    (debtor, creditor)
}

/// Small debts are paid more often than large ones; prisoners rarely have means.
fn means_propensity(amount: i64, cats: Categories) -> f64 {
    let base = match amount {
        0 => 0.88,
        a if a < 5_000_000 => 0.82,
        a if a < 100_000_000 => 0.74,
        a if a < 1_000_000_000 => 0.62,
        a if a < 10_000_000_000 => 0.50,
        _ => 0.40,
    };
    if cats.contains(Category::PhamNhan) { base * 0.7 } else { base }
}
