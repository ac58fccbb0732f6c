//! Generated registers for the import benchmark: a national body, 34 provinces, 355 regional
//! sections with their officers, and cases with valid three-event histories, written as the
//! CSV files of interchange §1 (Vietnamese names, grouped money, both date formats).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use time::{Date, Duration, Month};

use super::names::{self, BANKS, PROVINCES, Rng};

const REGIONS: usize = 355;
const OFFICERS_PER_UNIT: u64 = 6;

/// How many rows each generated file holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generated {
    pub units: u64,
    pub cases: u64,
    pub events: u64,
}

/// The first day of the new law (Luật Thi hành án dân sự 2025): deadlines are computed for the
/// cases open under it, so a register with none accepted since holds almost no deadline rows.
const NEW_LAW_FROM: (i32, Month, u8) = (2026, Month::July, 1);
/// Cases accepted under the new law are accepted in its first 123 days (to 31/10/2026) and
/// their histories end by this day, so that no generated event lies in the future.
const HISTORY_UNTIL: (i32, Month, u8) = (2026, Month::November, 30);

/// Writes `units.csv`, `cases.csv` and `events.csv` into `dir`; `new_law_percent` of the cases
/// (0–100) are accepted since the new law took effect, the others from 2020 to mid-2025.
pub fn write(dir: &Path, cases: u64, seed: u64, new_law_percent: u64) -> std::io::Result<Generated> {
    let units = units(dir)?;
    let mut rng = Rng::new(seed);
    let mut case_out = BufWriter::with_capacity(1 << 20, File::create(dir.join("cases.csv"))?);
    let mut event_out = BufWriter::with_capacity(1 << 20, File::create(dir.join("events.csv"))?);
    writeln!(
        case_out,
        "unit,case_no,accepted_on,origin,received_by_delegation,judgment_type,categories,amount_vnd,debtor,creditor,officer"
    )?;
    writeln!(event_out, "unit,case_no,date,event,amount_vnd,ground")?;
    let mut numbers = vec![0u64; units.len()];
    let mut generated = Generated { units: units.len() as u64 + 1, cases, events: 0 };
    for _ in 0..cases {
        let at = case_unit(&mut rng, units.len());
        numbers[at] += 1;
        let new_law = new_law_percent > 0 && rng.chance(new_law_percent);
        let case = Case::new(&mut rng, &units[at], numbers[at], new_law);
        case.write(&mut rng, &mut case_out)?;
        generated.events += case.write_history(&mut rng, &mut event_out)?;
    }
    case_out.flush()?;
    event_out.flush()?;
    Ok(generated)
}

/// Regional sections hold most cases; provinces keep the large ones.
fn case_unit(rng: &mut Rng, units: usize) -> usize {
    if rng.chance(6) { rng.below(PROVINCES.len() as u64) as usize } else { rng.below(units as u64) as usize }
}

/// Writes the unit tree; returns the codes of the units that handle cases.
fn units(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut out = BufWriter::new(File::create(dir.join("units.csv"))?);
    writeln!(out, "code,name,parent,kind,valid_from,valid_to,successor")?;
    writeln!(out, "VN,Cục Quản lý Thi hành án dân sự,,national,,,")?;
    let mut codes: Vec<String> = Vec::with_capacity(PROVINCES.len() + REGIONS);
    for (code, name) in PROVINCES {
        writeln!(out, "{code},Thi hành án dân sự {name},VN,province,,,")?;
        codes.push(code.to_string());
    }
    for i in 0..REGIONS {
        let (province, name) = PROVINCES[i % PROVINCES.len()];
        let n = i / PROVINCES.len() + 1;
        writeln!(out, "{province}-KV{n},Phòng Thi hành án dân sự khu vực {n} – {name},{province},region,01/07/2025,,")?;
        codes.push(format!("{province}-KV{n}"));
    }
    out.flush()?;
    Ok(codes)
}

/// One generated case.
struct Case<'u> {
    unit: &'u str,
    number: String,
    accepted_on: Date,
    amount: i64,
    new_law: bool,
}

const JUDGMENT_TYPES: [&str; 9] = [
    "dan_su",
    "dan_su",
    "dan_su",
    "hinh_su",
    "hinh_su",
    "kinh_doanh_thuong_mai",
    "hon_nhan_gia_dinh",
    "hanh_chinh",
    "lao_dong",
];

impl<'u> Case<'u> {
    fn new(rng: &mut Rng, unit: &'u str, n: u64, new_law: bool) -> Case<'u> {
        let (first, days) = if new_law { (day(NEW_LAW_FROM), 123) } else { (day((2020, Month::January, 1)), 2008) };
        let accepted_on = first + Duration::days(rng.below(days) as i64);
        let number = format!("{n}/QĐ-THADS");
        Case { unit, number, accepted_on, amount: amount(rng), new_law }
    }

    fn write(&self, rng: &mut Rng, out: &mut impl Write) -> std::io::Result<()> {
        let origin = if rng.chance(45) { "chu_dong" } else { "theo_yeu_cau" };
        let delegated = if rng.chance(3) { "1" } else { "" };
        let categories = match rng.below(20) {
            0 | 1 => "tin_dung",
            2..=5 => "ngan_sach",
            6 => "pham_nhan;ngan_sach",
            7 => "tham_nhung",
            _ => "",
        };
        let creditor = if categories.contains("ngan_sach") {
            "Ngân sách nhà nước".to_string()
        } else if categories == "tin_dung" {
            rng.pick(&BANKS).to_string()
        } else {
            names::party(rng)
        };
        let officer = if rng.chance(90) {
            format!("chv.{}.{}", self.unit.to_lowercase(), rng.below(OFFICERS_PER_UNIT) + 1)
        } else {
            String::new()
        };
        writeln!(
            out,
            "{},{},{},{origin},{delegated},{},{categories},{},{},{creditor},{officer}",
            self.unit,
            self.number,
            names::date(rng, self.accepted_on),
            rng.pick(&JUDGMENT_TYPES),
            names::money(rng, self.amount),
            names::party(rng),
        )
    }

    /// Writes a valid three-event history (its first events only, for a case accepted lately:
    /// none after `HISTORY_UNTIL`); returns the number of events.
    fn write_history(&self, rng: &mut Rng, out: &mut impl Write) -> std::io::Result<u64> {
        let mut day = self.accepted_on;
        let steps = history(rng, self.amount, self.new_law);
        let until = self::day(HISTORY_UNTIL);
        let mut written = 0;
        for (code, amount) in &steps {
            day += Duration::days(3 + rng.below(60) as i64);
            if day > until {
                break;
            }
            written += 1;
            let money = amount.map_or(String::new(), |a| names::money(rng, a));
            let ground = if *code == "postponed" { "48.1.c" } else { "" };
            writeln!(out, "{},{},{},{code},{money},{ground}", self.unit, self.number, names::date(rng, day))?;
        }
        Ok(written)
    }
}

fn day((year, month, day): (i32, Month, u8)) -> Date {
    Date::from_calendar_date(year, month, day).unwrap_or(Date::MIN)
}

/// Skewed amounts: one case in ten without money, many small ones, a few very large.
fn amount(rng: &mut Rng) -> i64 {
    if rng.chance(10) {
        return 0;
    }
    let scale = [1_000_000i64, 1_000_000, 10_000_000, 10_000_000, 100_000_000, 1_000_000_000][rng.below(6) as usize];
    let big = if rng.chance(1) { 100 } else { 1 };
    scale * (1 + rng.below(99) as i64) * big
}

/// Three events that the state machine accepts in order, with their amounts. Under the new law
/// a case is not moved to the separate register (an on-request case is returned instead), so
/// a new-law case takes the last history in that one's place.
fn history(rng: &mut Rng, amount: i64, new_law: bool) -> [(&'static str, Option<i64>); 3] {
    let part = amount / 100 * (10 + rng.below(80) as i64);
    if amount == 0 {
        return if rng.chance(50) {
            [("with_means", None), ("postponed", None), ("terminated", None)]
        } else {
            [("no_means", None), ("with_means", None), ("completed", None)]
        };
    }
    match rng.below(20) {
        0..=5 => [("with_means", None), ("collected", Some(amount)), ("completed", None)],
        6..=9 => [("with_means", None), ("collected", Some(part)), ("collected", Some((amount - part) / 2))],
        10..=12 => [("no_means", None), ("with_means", None), ("collected", Some(part))],
        13 | 14 => [("with_means", None), ("postponed", None), ("resumed", None)],
        15 => [("no_means", None), ("suspended", None), ("resumed", None)],
        16 => [("with_means", None), ("collected", Some(part)), ("delegated_out", None)],
        17 => [("with_means", None), ("reduced", Some(part)), ("terminated", None)],
        18 if !new_law => [("no_means", None), ("no_means", None), ("separate_register", None)],
        _ => [("with_means", None), ("collected", Some(part)), ("withdrawn", None)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The acceptance days and event days of the files `write` generated, parsed back.
    fn days_of(dir: &Path, file: &str, column: usize) -> Vec<Date> {
        let text = std::fs::read_to_string(dir.join(file)).expect("generated file");
        text.lines()
            .skip(1)
            .map(|line| {
                let field = line.split(',').nth(column).expect("column");
                thads_core::dates::parse_date(field).unwrap_or_else(|e| panic!("{field}: {e}"))
            })
            .collect()
    }

    #[test]
    fn new_law_cases_are_accepted_since_the_law_and_no_event_lies_after_the_histories_end() {
        let dir = tempfile::tempdir().expect("tempdir");
        let generated = write(dir.path(), 4_000, 7, 10).expect("written");
        let accepted = days_of(dir.path(), "cases.csv", 2);
        let new_law = accepted.iter().filter(|d| **d >= day(NEW_LAW_FROM)).count();
        assert!((300..=500).contains(&new_law), "about a tenth of 4,000: {new_law}");
        assert!(accepted.iter().all(|d| *d <= day((2026, Month::October, 31))));
        let events = days_of(dir.path(), "events.csv", 2);
        assert_eq!(events.len() as u64, generated.events);
        assert!(events.len() < 3 * 4_000, "some late histories end early");
        assert!(events.iter().all(|d| *d <= day(HISTORY_UNTIL)));
    }

    #[test]
    fn without_new_law_cases_the_data_set_is_the_earlier_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let generated = write(dir.path(), 2_000, 7, 0).expect("written");
        assert_eq!(generated.events, 3 * 2_000);
        let accepted = days_of(dir.path(), "cases.csv", 2);
        assert!(accepted.iter().all(|d| *d <= day((2025, Month::June, 30))));
    }
}
