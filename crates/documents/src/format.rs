//! How values are written in an administrative document: amounts in figures grouped by dots,
//! dates in the words-and-figures style of NĐ 30/2020/NĐ-CP.

use time::Date;

/// `761.546.547.000`: whole đồng grouped by three with dots, the Vietnamese convention.
pub fn grouped(dong: u64) -> String {
    let digits = dong.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// `761.546.547.000 đồng`.
pub fn money_figures(dong: u64) -> String {
    format!("{} đồng", grouped(dong))
}

/// "ngày 05 tháng 10 năm 2025": the date of issue as NĐ 30/2020/NĐ-CP (Phụ lục I) writes it.
/// A day below 10 and the months 1 and 2 take a leading zero, so that no digit can be put in
/// front of them afterwards (05 cannot become 15, 01 cannot become 11); months 3 to 9 cannot
/// be turned into another month that way and are written without one.
pub fn admin_date(date: Date) -> String {
    format!("ngày {} tháng {} năm {}", admin_day(date), admin_month(date), date.year())
}

/// `05/10/2025`: the short form, used inside sentences where the form prints figures.
pub fn short_date(date: Date) -> String {
    thads_core::dates::format_vn(date)
}

fn admin_day(date: Date) -> String {
    format!("{:02}", date.day())
}

fn admin_month(date: Date) -> String {
    let month = u8::from(date.month());
    if month < 3 { format!("{month:02}") } else { month.to_string() }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn grouping() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1.000");
        assert_eq!(grouped(761_546_547_000), "761.546.547.000");
        assert_eq!(grouped(u64::try_from(i64::MAX).unwrap_or(0)), "9.223.372.036.854.775.807");
        assert_eq!(money_figures(15_000_000), "15.000.000 đồng");
    }

    #[test]
    fn administrative_dates_follow_the_decree() {
        assert_eq!(admin_date(date!(2025 - 10 - 05)), "ngày 05 tháng 10 năm 2025");
        assert_eq!(admin_date(date!(2026 - 01 - 15)), "ngày 15 tháng 01 năm 2026");
        assert_eq!(admin_date(date!(2026 - 02 - 01)), "ngày 01 tháng 02 năm 2026");
        assert_eq!(admin_date(date!(2026 - 03 - 09)), "ngày 09 tháng 3 năm 2026");
        assert_eq!(admin_date(date!(2026 - 07 - 01)), "ngày 01 tháng 7 năm 2026");
        assert_eq!(admin_date(date!(2026 - 12 - 31)), "ngày 31 tháng 12 năm 2026");
        assert_eq!(short_date(date!(2026 - 03 - 09)), "09/03/2026");
    }
}
