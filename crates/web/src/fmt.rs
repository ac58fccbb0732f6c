//! How values read on a page: money as `761.546.547.000 đ`, dates as `dd/mm/yyyy`, rates with a
//! decimal comma, a deadline's distance in days («Hôm nay» on the day).

use thads_core::dates::format_vn;
use thads_core::money::group_thousands;
use thads_core::{Percent, Role, Vnd, VndSum};
use time::{Date, OffsetDateTime};

use crate::i18n::Lang;

pub fn money(v: Vnd) -> String {
    v.to_string()
}

pub fn money_sum(v: VndSum) -> String {
    v.to_string()
}

pub fn count(n: i128) -> String {
    group_thousands(n)
}

pub fn date(d: Date) -> String {
    format_vn(d)
}

/// `20/10/2025 16:30` in Vietnam's time.
pub fn instant(t: OffsetDateTime) -> String {
    let local = t.to_offset(thads_app::clock::VIETNAM);
    format!("{} {:02}:{:02}", format_vn(local.date()), local.hour(), local.minute())
}

/// `20/10/2025 16:30:05` in Vietnam's time, to the second (how old kept figures are).
pub fn instant_seconds(t: OffsetDateTime) -> String {
    let local = t.to_offset(thads_app::clock::VIETNAM);
    format!("{} {:02}:{:02}:{:02}", format_vn(local.date()), local.hour(), local.minute(), local.second())
}

/// `63,89%`, or `–` without a denominator.
pub fn rate(p: Option<Percent>) -> String {
    p.map_or_else(|| "–".to_string(), |p| format!("{}%", p.to_vi()))
}

/// `+1,09 điểm %` / `-3,10 điểm %`.
pub fn points(p: Option<Percent>) -> String {
    match p {
        Some(p) if p.hundredths() >= 0 => format!("+{} điểm %", p.to_vi()),
        Some(p) => format!("{} điểm %", p.to_vi()),
        None => "–".to_string(),
    }
}

/// The label of a role in the reader's language.
pub fn role(lang: Lang, role: Role) -> &'static str {
    match lang {
        Lang::Vi => role.label_vi(),
        Lang::En => match role {
            Role::Admin => "Administrator",
            Role::Head => "Head",
            Role::Officer => "Enforcement officer",
            Role::Clerk => "Clerk",
            Role::Accountant => "Accountant",
            Role::Statistician => "Statistician",
            Role::Inspector => "Inspector",
        },
    }
}

/// How far a deadline is: «3 ngày còn lại», «Hôm nay» (not «0 ngày còn lại»), «2 ngày quá hạn».
/// (References, as a template passes its values.)
pub fn due_words(days: &i64, overdue: &bool, lang: &Lang) -> String {
    let lang = *lang;
    match (*overdue, *days) {
        (true, d) => format!("{d} {}", lang.t("days_late")),
        (false, 0) => lang.t("due_today").to_string(),
        (false, d) => format!("{d} {}", lang.t("days_left")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_forms() {
        assert_eq!(money(Vnd::new(761_546_547_000).unwrap()), "761.546.547.000 đ");
        assert_eq!(date(time::macros::date!(2025 - 03 - 07)), "07/03/2025");
        assert_eq!(instant(time::macros::datetime!(2025-10-20 09:30 UTC)), "20/10/2025 16:30");
    }

    /// A deadline due today said «0 ngày còn lại» (dashboard, case page).
    #[test]
    fn a_deadline_due_today_says_today() {
        assert_eq!(due_words(&0, &false, &Lang::Vi), "Hôm nay");
        assert_eq!(due_words(&0, &false, &Lang::En), "Today");
        assert_eq!(due_words(&3, &false, &Lang::Vi), "3 ngày còn lại");
        assert_eq!(due_words(&2, &true, &Lang::En), "2 days overdue");
    }
}
