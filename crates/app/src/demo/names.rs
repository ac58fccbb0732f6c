//! Vietnamese names for demo parties and staff: family names with their rough frequencies,
//! middle and given names by gender, company names, banks and budget creditors.

use super::draw::{DemoRng, chance, pick, weighted};

/// Family names (họ) and their approximate share of the population, in per mille.
const FAMILY: [(&str, f64); 30] = [
    ("Nguyễn", 380.0),
    ("Trần", 110.0),
    ("Lê", 95.0),
    ("Phạm", 70.0),
    ("Hoàng", 30.0),
    ("Huỳnh", 20.0),
    ("Phan", 45.0),
    ("Vũ", 25.0),
    ("Võ", 15.0),
    ("Đặng", 20.0),
    ("Bùi", 20.0),
    ("Đỗ", 14.0),
    ("Hồ", 13.0),
    ("Ngô", 13.0),
    ("Dương", 10.0),
    ("Lý", 5.0),
    ("Đinh", 8.0),
    ("Mai", 6.0),
    ("Trịnh", 6.0),
    ("Đào", 6.0),
    ("Cao", 5.0),
    ("Lương", 4.0),
    ("Tạ", 3.0),
    ("Hà", 4.0),
    ("Lâm", 4.0),
    ("Tô", 3.0),
    ("Chu", 2.0),
    ("Kiều", 2.0),
    ("Quách", 2.0),
    ("Thái", 2.0),
];

const MIDDLE_MALE: [&str; 16] = [
    "Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Xuân", "Ngọc", "Đình", "Trọng", "Anh",
    "Quốc", "Thanh",
];

const MIDDLE_FEMALE: [&str; 14] =
    ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Phương", "Hồng", "Mỹ", "Thùy", "Hoài"];

const GIVEN_MALE: [&str; 40] = [
    "An", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khánh", "Khoa", "Kiên",
    "Long", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Thành", "Tiến", "Toàn",
    "Trung", "Tú", "Tuấn", "Việt", "Vinh", "Hưng", "Lâm", "Lực", "Thịnh", "Trí", "Bảo", "Quý",
];

const GIVEN_FEMALE: [&str; 36] = [
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan",
    "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thu", "Thủy", "Trang", "Tuyết",
    "Uyên", "Vân", "Yến", "Lý", "Hồng", "Diệp", "Xuân",
];

const COMPANY_FORM: [(&str, f64); 4] =
    [("Công ty TNHH", 55.0), ("Công ty Cổ phần", 30.0), ("Công ty TNHH MTV", 10.0), ("Doanh nghiệp tư nhân", 5.0)];

const COMPANY_TRADE: [&str; 14] = [
    "Thương mại",
    "Xây dựng",
    "Đầu tư",
    "Sản xuất",
    "Vận tải",
    "Dịch vụ",
    "Thương mại và Dịch vụ",
    "Đầu tư Xây dựng",
    "Bất động sản",
    "Xuất nhập khẩu",
    "Nông sản",
    "Thủy sản",
    "Vật liệu xây dựng",
    "Công nghệ",
];

const COMPANY_BRAND: [&str; 24] = [
    "Hoàng Phát",
    "Minh Long",
    "Thành Công",
    "Phú Thịnh",
    "An Khang",
    "Việt Hưng",
    "Đại Phát",
    "Tân Thành",
    "Hưng Thịnh",
    "Kim Ngân",
    "Sao Mai",
    "Trường Sơn",
    "Nam Việt",
    "Bình Minh",
    "Hải Đăng",
    "Phương Đông",
    "Thiên Long",
    "Hòa Bình",
    "Đông Á",
    "Tiến Phát",
    "Ngọc Lan",
    "Mekong",
    "Sông Hồng",
    "Trung Nam",
];

/// Credit institutions (tổ chức tín dụng) that appear as creditors.
const BANKS: [&str; 14] = [
    "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam",
    "Ngân hàng TMCP Ngoại thương Việt Nam",
    "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam",
    "Ngân hàng TMCP Công Thương Việt Nam",
    "Ngân hàng TMCP Á Châu",
    "Ngân hàng TMCP Kỹ Thương Việt Nam",
    "Ngân hàng TMCP Sài Gòn Thương Tín",
    "Ngân hàng TMCP Quân đội",
    "Ngân hàng TMCP Việt Nam Thịnh Vượng",
    "Ngân hàng TMCP Sài Gòn – Hà Nội",
    "Ngân hàng TMCP Phương Đông",
    "Ngân hàng Chính sách xã hội",
    "Công ty Tài chính TNHH Ngân hàng Việt Nam Thịnh Vượng SMBC",
    "Công ty Tài chính TNHH MTV Home Credit Việt Nam",
];

/// State enterprises owed money in corruption and economic cases.
const STATE_FIRMS: [&str; 5] = [
    "Tổng công ty Công nghiệp Tàu thủy",
    "Tập đoàn Dầu khí Việt Nam",
    "Tổng công ty Lương thực miền Nam",
    "Tổng công ty Đường sắt Việt Nam",
    "Tập đoàn Điện lực Việt Nam",
];

/// A man's or a woman's full name: họ, đệm, tên.
pub fn person(rng: &mut DemoRng) -> String {
    let family = weighted(rng, &FAMILY).unwrap_or("Nguyễn");
    let male = chance(rng, 0.6);
    let (middle, given): (&[&str], &[&str]) =
        if male { (&MIDDLE_MALE, &GIVEN_MALE) } else { (&MIDDLE_FEMALE, &GIVEN_FEMALE) };
    let middle = pick(rng, middle).copied().unwrap_or("Văn");
    let given = pick(rng, given).copied().unwrap_or("An");
    format!("{family} {middle} {given}")
}

/// `Công ty TNHH Thương mại Hoàng Phát`.
pub fn company(rng: &mut DemoRng) -> String {
    let form = weighted(rng, &COMPANY_FORM).unwrap_or("Công ty TNHH");
    let trade = pick(rng, &COMPANY_TRADE).copied().unwrap_or("Thương mại");
    let brand = pick(rng, &COMPANY_BRAND).copied().unwrap_or("Hoàng Phát");
    format!("{form} {trade} {brand}")
}

pub fn bank(rng: &mut DemoRng) -> String {
    pick(rng, &BANKS).copied().unwrap_or(BANKS[0]).to_string()
}

pub fn state_firm(rng: &mut DemoRng) -> String {
    pick(rng, &STATE_FIRMS).copied().unwrap_or(STATE_FIRMS[0]).to_string()
}

/// The creditor of a state-budget receipt: the budget itself or a tax office of the province.
pub fn budget(rng: &mut DemoRng, province: &str) -> String {
    if chance(rng, 0.7) {
        "Ngân sách nhà nước".to_string()
    } else {
        let roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
        let n = pick(rng, &roman).copied().unwrap_or("I");
        format!("Chi cục Thuế khu vực {n} ({province})")
    }
}

/// A login made from a name: `an.nv` for Nguyễn Văn An.
pub fn login_stem(full_name: &str) -> String {
    let folded = thads_core::text::fold(full_name);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    match words.split_last() {
        Some((given, rest)) => {
            let initials: String = rest.iter().filter_map(|w| w.chars().next()).collect();
            format!("{given}.{initials}")
        }
        None => "chv".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_ascii() {
        assert_eq!(login_stem("Nguyễn Văn An"), "an.nv");
        assert_eq!(login_stem("Đặng Thị Thủy"), "thuy.dt");
        assert!(thads_core::Login::new(&login_stem("Trần Thị Ngọc Ánh")).is_ok());
    }
}
