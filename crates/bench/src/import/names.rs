//! Deterministic pseudo-random choices and Vietnamese names for generated registers.

/// SplitMix64: tiny, fast and the same on every machine, which is all a benchmark needs.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

pub const FAMILY: [&str; 14] =
    ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"];
pub const MIDDLE: [&str; 8] = ["Văn", "Thị", "Hữu", "Đức", "Thanh", "Minh", "Ngọc", "Quốc"];
pub const GIVEN: [&str; 16] = [
    "An", "Bình", "Cường", "Dung", "Em", "Giang", "Hoa", "Hùng", "Khánh", "Lan", "Long", "Mai", "Nam", "Phương",
    "Quân", "Thảo",
];
pub const COMPANIES: [&str; 6] = [
    "Công ty TNHH Hòa Bình",
    "Công ty CP Xây dựng Đông Á",
    "Công ty TNHH Thương mại Sông Hồng",
    "Doanh nghiệp tư nhân Phú Quý",
    "Công ty CP Vận tải Trường Sơn",
    "Hợp tác xã Nông nghiệp Tân Tiến",
];
pub const BANKS: [&str; 5] = [
    "Ngân hàng TMCP Á Châu",
    "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam",
    "Ngân hàng TMCP Ngoại thương Việt Nam",
    "Ngân hàng TMCP Công thương Việt Nam",
    "Ngân hàng TMCP Quân đội",
];

/// 34 provinces after the 2025 merger: code and name.
pub const PROVINCES: [(&str, &str); 34] = [
    ("HN", "Hà Nội"),
    ("HCM", "Thành phố Hồ Chí Minh"),
    ("HP", "Hải Phòng"),
    ("DN", "Đà Nẵng"),
    ("CT", "Cần Thơ"),
    ("HUE", "Huế"),
    ("BN", "Bắc Ninh"),
    ("QN", "Quảng Ninh"),
    ("TN", "Thái Nguyên"),
    ("LS", "Lạng Sơn"),
    ("CB", "Cao Bằng"),
    ("TQ", "Tuyên Quang"),
    ("LC", "Lào Cai"),
    ("DB", "Điện Biên"),
    ("LCH", "Lai Châu"),
    ("SL", "Sơn La"),
    ("PT", "Phú Thọ"),
    ("HY", "Hưng Yên"),
    ("NB", "Ninh Bình"),
    ("TH", "Thanh Hóa"),
    ("NA", "Nghệ An"),
    ("HT", "Hà Tĩnh"),
    ("QT", "Quảng Trị"),
    ("QNG", "Quảng Ngãi"),
    ("GL", "Gia Lai"),
    ("KH", "Khánh Hòa"),
    ("DL", "Đắk Lắk"),
    ("LD", "Lâm Đồng"),
    ("DNA", "Đồng Nai"),
    ("TNI", "Tây Ninh"),
    ("VL", "Vĩnh Long"),
    ("DT", "Đồng Tháp"),
    ("AG", "An Giang"),
    ("CM", "Cà Mau"),
];

/// A person's name, or now and then a company.
pub fn party(rng: &mut Rng) -> String {
    if rng.chance(8) {
        return rng.pick(&COMPANIES).to_string();
    }
    format!("{} {} {}", rng.pick(&FAMILY), rng.pick(&MIDDLE), rng.pick(&GIVEN))
}

/// Whole đồng as registers write it: plain, grouped, or grouped with the currency.
pub fn money(rng: &mut Rng, dong: i64) -> String {
    let grouped = || thads_core::money::group_thousands(i128::from(dong));
    match rng.below(4) {
        0 => dong.to_string(),
        1 => grouped(),
        2 => format!("{} đ", grouped()),
        _ => format!("{} đồng", grouped()),
    }
}

/// A date in one of the two register formats.
pub fn date(rng: &mut Rng, day: time::Date) -> String {
    if rng.chance(50) { thads_core::dates::format_vn(day) } else { thads_core::dates::format_iso(day) }
}
