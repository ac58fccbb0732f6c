//! The details of a demo case taken in during the years shown (the backlog, as from an older
//! register, has none): the parties' identity numbers (a CCCD for a person, a mã số thuế for a
//! company), their addresses in the case's province, the judgment enforced (the court, a number
//! of the judgment's kind and year, weeks before the acceptance) and, for an on-request case,
//! the creditor's request a few days before it. Drawn from a stream of their own, so that the
//! facts and histories of the demo are those of a demo without details.

use thads_core::case::{CaseDetails, Judgment, PartyId, Request};
use thads_core::{CaseFacts, Category, JudgmentType, Origin, field};
use time::Duration;

use super::draw::{DemoRng, between, chance, pick, working_day};
use super::org::CaseUnit;

const STREETS: [&str; 10] = [
    "Trần Hưng Đạo",
    "Lê Lợi",
    "Nguyễn Trãi",
    "Hùng Vương",
    "Quang Trung",
    "Lý Thường Kiệt",
    "Ngô Quyền",
    "Hai Bà Trưng",
    "Nguyễn Văn Cừ",
    "Phan Đình Phùng",
];

const COMMUNES: [&str; 10] = [
    "Tân An",
    "Hòa Bình",
    "Phú Lợi",
    "An Thịnh",
    "Đông Phong",
    "Yên Mỹ",
    "Thanh Sơn",
    "Xuân Lộc",
    "Minh Khai",
    "Đồng Tâm",
];

/// Draws the details of a case of `unit` with `facts`.
pub fn draw(rng: &mut DemoRng, unit: &CaseUnit, facts: &CaseFacts) -> CaseDetails {
    let province = province_number(unit.province.code);
    let debtor_id = identity(rng, &facts.debtor, province);
    let budget = facts.categories.contains(Category::NganSach) && facts.creditor.starts_with("Ngân sách");
    let creditor_id = if budget || !chance(rng, 0.7) { None } else { identity(rng, &facts.creditor, province) };
    let judgment = judgment(rng, unit, facts);
    let request = (facts.origin == Origin::TheoYeuCau).then(|| Request {
        date: working_day(facts.accepted_on - Duration::days(between(rng, 3, 20))).min(facts.accepted_on),
        requester: facts.creditor.clone(),
    });
    CaseDetails {
        debtor_id,
        debtor_address: address(rng, unit),
        creditor_id,
        creditor_address: if budget { String::new() } else { address(rng, unit) },
        judgment: Some(judgment),
        request,
        obligation: obligation(facts, budget),
    }
}

/// What the case's money is owed for, without drawing from `rng` (so that the rest of the demo
/// stays as it was): court fees for the state budget, otherwise about one case in twelve of
/// rank 1 (maintenance, wages, compensation for life or health), picked by the case number.
fn obligation(facts: &CaseFacts, budget: bool) -> thads_core::case::Obligation {
    use thads_core::case::Obligation;
    if budget {
        return Obligation::AnPhi;
    }
    let h = facts.case_no.as_str().bytes().fold(11u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    match h % 100 {
        0..=3 => Obligation::CapDuong,
        4..=5 => Obligation::TienLuong,
        6..=7 => Obligation::BoiThuongTinhMang,
        _ => Obligation::Khac,
    }
}

/// A 3-digit code standing for the province (CCCD numbers start with one; 001–096).
fn province_number(code: &str) -> u32 {
    code.bytes().fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b))) % 96 + 1
}

/// A CCCD (province, century and sex, year of birth, six digits) for a person; a mã số thuế
/// for an organisation.
fn identity(rng: &mut DemoRng, party: &str, province: u32) -> Option<PartyId> {
    let organisation = ["Công ty", "Ngân hàng", "Tổng công ty", "Tập đoàn", "Chi cục", "Doanh nghiệp", "Hợp tác xã"]
        .iter()
        .any(|p| party.starts_with(p));
    let text = if organisation {
        format!("{:02}{:08}", province % 100, between(rng, 0, 99_999_999))
    } else {
        let born = between(rng, 1955, 2004);
        let century_sex = if born >= 2000 { 2 } else { 0 } + i64::from(chance(rng, 0.4));
        format!("{province:03}{century_sex}{:02}{:06}", born % 100, between(rng, 0, 999_999))
    };
    PartyId::parse("debtor_id", field::DEBTOR_ID, &text).ok().flatten()
}

fn address(rng: &mut DemoRng, unit: &CaseUnit) -> String {
    let commune = pick(rng, &COMMUNES).copied().unwrap_or("Tân An");
    let place = if chance(rng, 0.5) {
        let street = pick(rng, &STREETS).copied().unwrap_or("Lê Lợi");
        format!("Số {} đường {street}, phường {commune}", between(rng, 1, 350))
    } else {
        format!("Thôn {}, xã {commune}", between(rng, 1, 12))
    };
    format!("{place}, {}", unit.province.short_name())
}

/// The judgment enforced: first instance (sơ thẩm) mostly, some appeals (phúc thẩm), 1–6
/// months before the acceptance.
fn judgment(rng: &mut DemoRng, unit: &CaseUnit, facts: &CaseFacts) -> Judgment {
    let date = working_day(facts.accepted_on - Duration::days(between(rng, 30, 180))).min(facts.accepted_on);
    let appeal = chance(rng, 0.2);
    let kind = match facts.judgment_type {
        JudgmentType::DanSu => "DS",
        JudgmentType::HinhSu => "HS",
        JudgmentType::HanhChinh => "HC",
        JudgmentType::HonNhanGiaDinh => "HNGĐ",
        JudgmentType::KinhDoanhThuongMai => "KDTM",
        JudgmentType::LaoDong => "LĐ",
        JudgmentType::PhaSan => "PS",
        JudgmentType::TrongTai => "TT",
        JudgmentType::Khac => "QĐ",
    };
    let instance = if appeal { "PT" } else { "ST" };
    let court = if appeal || chance(rng, 0.3) {
        format!("Tòa án nhân dân {}", unit.province.short_name())
    } else {
        format!("Tòa án nhân dân khu vực {} - {}", between(rng, 1, 9), unit.province.short_name())
    };
    Judgment { court, number: format!("{}/{}/{kind}-{instance}", between(rng, 1, 480), date.year()), date }
}

#[cfg(test)]
mod tests {
    #[test]
    fn province_numbers_are_those_of_cccd() {
        for code in ["HN", "HCM", "BG", "QN", "CT"] {
            assert!((1..=96).contains(&super::province_number(code)), "{code}");
        }
    }
}
