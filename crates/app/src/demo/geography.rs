//! The 34 provinces and centrally-governed cities after the 2025 merger (Nghị quyết
//! 202/2025/QH15, 63 → 34), with approximate populations used to size their enforcement
//! agencies, and the apportionment of the 355 regional sections (Phòng THADS khu vực) among them.

/// One province or city of the post-2025 map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Province {
    /// Short ASCII unit code, e.g. `HN`.
    pub code: &'static str,
    /// The name without its administrative prefix, e.g. `Hà Nội`.
    pub name: &'static str,
    /// Thành phố trực thuộc trung ương (a centrally-governed city) rather than a tỉnh.
    pub city: bool,
    /// Approximate population after the merger, in thousands (weights only).
    pub population_k: u32,
    /// The provinces merged into it in 2025 (empty when unchanged), for the record.
    pub merged_from: &'static [&'static str],
}

const fn city(
    code: &'static str,
    name: &'static str,
    population_k: u32,
    merged_from: &'static [&'static str],
) -> Province {
    Province { code, name, city: true, population_k, merged_from }
}

const fn tinh(
    code: &'static str,
    name: &'static str,
    population_k: u32,
    merged_from: &'static [&'static str],
) -> Province {
    Province { code, name, city: false, population_k, merged_from }
}

/// The 6 cities, then the 28 provinces, north to south.
pub const PROVINCES: [Province; 34] = [
    city("HN", "Hà Nội", 8_720, &[]),
    city("HP", "Hải Phòng", 4_660, &["Hải Phòng", "Hải Dương"]),
    city("HUE", "Huế", 1_430, &[]),
    city("DN", "Đà Nẵng", 3_070, &["Đà Nẵng", "Quảng Nam"]),
    city("HCM", "Hồ Chí Minh", 14_000, &["TP. Hồ Chí Minh", "Bình Dương", "Bà Rịa – Vũng Tàu"]),
    city("CT", "Cần Thơ", 4_200, &["Cần Thơ", "Sóc Trăng", "Hậu Giang"]),
    tinh("CB", "Cao Bằng", 570, &[]),
    tinh("LCH", "Lai Châu", 490, &[]),
    tinh("DB", "Điện Biên", 640, &[]),
    tinh("LS", "Lạng Sơn", 880, &[]),
    tinh("SL", "Sơn La", 1_300, &[]),
    tinh("QNI", "Quảng Ninh", 1_430, &[]),
    tinh("TQ", "Tuyên Quang", 1_870, &["Tuyên Quang", "Hà Giang"]),
    tinh("LCA", "Lào Cai", 1_780, &["Lào Cai", "Yên Bái"]),
    tinh("TN", "Thái Nguyên", 1_800, &["Thái Nguyên", "Bắc Kạn"]),
    tinh("PT", "Phú Thọ", 4_020, &["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"]),
    tinh("BN", "Bắc Ninh", 3_620, &["Bắc Ninh", "Bắc Giang"]),
    tinh("HY", "Hưng Yên", 3_570, &["Hưng Yên", "Thái Bình"]),
    tinh("NB", "Ninh Bình", 4_410, &["Ninh Bình", "Hà Nam", "Nam Định"]),
    tinh("TH", "Thanh Hóa", 4_300, &[]),
    tinh("NA", "Nghệ An", 3_830, &[]),
    tinh("HT", "Hà Tĩnh", 1_620, &[]),
    tinh("QT", "Quảng Trị", 1_870, &["Quảng Trị", "Quảng Bình"]),
    tinh("QNG", "Quảng Ngãi", 2_160, &["Quảng Ngãi", "Kon Tum"]),
    tinh("GL", "Gia Lai", 3_580, &["Gia Lai", "Bình Định"]),
    tinh("DLK", "Đắk Lắk", 3_350, &["Đắk Lắk", "Phú Yên"]),
    tinh("KH", "Khánh Hòa", 2_240, &["Khánh Hòa", "Ninh Thuận"]),
    tinh("LD", "Lâm Đồng", 3_870, &["Lâm Đồng", "Đắk Nông", "Bình Thuận"]),
    tinh("DNA", "Đồng Nai", 4_490, &["Đồng Nai", "Bình Phước"]),
    tinh("TNI", "Tây Ninh", 3_250, &["Tây Ninh", "Long An"]),
    tinh("DT", "Đồng Tháp", 4_370, &["Đồng Tháp", "Tiền Giang"]),
    tinh("VL", "Vĩnh Long", 4_260, &["Vĩnh Long", "Bến Tre", "Trà Vinh"]),
    tinh("AG", "An Giang", 4_950, &["An Giang", "Kiên Giang"]),
    tinh("CM", "Cà Mau", 2_600, &["Cà Mau", "Bạc Liêu"]),
];

/// Regional sections nationwide (domain §5.2).
pub const REGIONS: usize = 355;

/// Every province keeps at least this many sections, however small.
const MIN_REGIONS: usize = 3;

impl Province {
    /// `Thi hành án dân sự thành phố Hà Nội`, `Thi hành án dân sự tỉnh Bắc Ninh`.
    pub fn agency_name(&self) -> String {
        match (self.city, self.code) {
            (true, "HCM") => "Thi hành án dân sự Thành phố Hồ Chí Minh".to_string(),
            (true, _) => format!("Thi hành án dân sự thành phố {}", self.name),
            (false, _) => format!("Thi hành án dân sự tỉnh {}", self.name),
        }
    }

    /// `TP. Hồ Chí Minh`, `Hà Nội`: the name as people write it.
    pub fn short_name(&self) -> String {
        if self.code == "HCM" { format!("TP. {}", self.name) } else { self.name.to_string() }
    }
}

/// How many regional sections each province gets: proportional to population (largest
/// remainder), at least `MIN_REGIONS` each, `total` in all.
pub fn region_counts(total: usize) -> Vec<usize> {
    let people: u64 = PROVINCES.iter().map(|p| u64::from(p.population_k)).sum();
    let quota: Vec<f64> =
        PROVINCES.iter().map(|p| total as f64 * f64::from(p.population_k) / people.max(1) as f64).collect();
    let mut counts: Vec<usize> = quota.iter().map(|q| (q.floor() as usize).max(MIN_REGIONS)).collect();
    // Give or take one section at a time from the province furthest from its quota.
    loop {
        let sum: usize = counts.iter().sum();
        let gap = |i: usize| quota[i] - counts[i] as f64;
        let order = |a: &usize, b: &usize| gap(*a).total_cmp(&gap(*b)).then(b.cmp(a));
        let indexes = 0..counts.len();
        if sum < total {
            if let Some(i) = indexes.max_by(order) {
                counts[i] += 1;
            }
        } else if sum > total {
            match indexes.filter(|i| counts[*i] > MIN_REGIONS).min_by(order) {
                Some(i) => counts[i] -= 1,
                None => break,
            }
        } else {
            break;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_four_provinces_with_unique_codes_and_63_predecessors() {
        let mut codes: Vec<&str> = PROVINCES.iter().map(|p| p.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 34);
        assert_eq!(PROVINCES.iter().filter(|p| p.city).count(), 6);
        let old: usize = PROVINCES.iter().map(|p| p.merged_from.len().max(1)).sum();
        assert_eq!(old, 63);
    }

    #[test]
    fn the_reform_file_names_the_same_34_provinces_with_their_predecessors() {
        use crate::reorg::reform::{PROVINCES_2025, parse};
        let rows = parse(PROVINCES_2025).unwrap();
        for p in PROVINCES {
            let row = rows.iter().find(|r| r.into == p.code).unwrap();
            assert_eq!(row.from.len(), p.merged_from.len().max(1), "{}", p.code);
        }
    }

    #[test]
    fn sections_follow_population() {
        let counts = region_counts(REGIONS);
        assert_eq!(counts.iter().sum::<usize>(), REGIONS);
        assert!(counts.iter().all(|c| *c >= MIN_REGIONS));
        let of = |code: &str| PROVINCES.iter().position(|p| p.code == code).map(|i| counts[i]).unwrap_or(0);
        assert!(of("HCM") > 3 * of("QNI"));
        assert!(of("HN") > of("BN"));
    }
}
