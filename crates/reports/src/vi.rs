//! Vietnamese wording of figures, as agencies write them: decimal comma, dot thousands,
//! "vượt 0,10%" / "còn thiếu 20,90%" against a target, "tăng 2,66% so với cùng kỳ".

use thads_core::Percent;
use thads_core::money::group_thousands;

/// `63,89%`, or `–` when there is no rate (nothing with means).
pub fn rate(value: Option<Percent>) -> String {
    value.map_or_else(|| "–".to_string(), |p| format!("{}%", p.to_vi()))
}

/// `761.546.547.000`.
pub fn number(value: i128) -> String {
    group_thousands(value)
}

fn points(delta: Percent) -> String {
    Percent(delta.hundredths().abs()).to_vi()
}

/// The rate against its target, in percentage points: "vượt 0,35%", "còn thiếu 20,90%" or
/// "đạt chỉ tiêu" when equal.
pub fn against_target(rate: Percent, target: Percent) -> String {
    let delta = rate.minus(target);
    match delta.hundredths() {
        0 => "đạt chỉ tiêu".to_string(),
        d if d > 0 => format!("vượt {}%", points(delta)),
        _ => format!("còn thiếu {}%", points(delta)),
    }
}

/// The rate against the same period of the previous year, in percentage points:
/// "tăng 2,66% so với cùng kỳ", "giảm 1,05% so với cùng kỳ" or "bằng cùng kỳ".
pub fn against_last_year(rate: Percent, previous: Percent) -> String {
    let delta = rate.minus(previous);
    match delta.hundredths() {
        0 => "bằng cùng kỳ".to_string(),
        d if d > 0 => format!("tăng {}% so với cùng kỳ", points(delta)),
        _ => format!("giảm {}% so với cùng kỳ", points(delta)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_of_targets_and_last_year() {
        assert_eq!(against_target(Percent(8425), Percent(8390)), "vượt 0,35%");
        assert_eq!(against_target(Percent(2120), Percent(4210)), "còn thiếu 20,90%");
        assert_eq!(against_target(Percent(8250), Percent(8250)), "đạt chỉ tiêu");
        assert_eq!(against_last_year(Percent(8386), Percent(8120)), "tăng 2,66% so với cùng kỳ");
        assert_eq!(against_last_year(Percent(8000), Percent(8105)), "giảm 1,05% so với cùng kỳ");
        assert_eq!(rate(Some(Percent(6389))), "63,89%");
        assert_eq!(rate(None), "–");
        assert_eq!(number(761_546_547_000), "761.546.547.000");
    }
}
