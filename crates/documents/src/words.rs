//! Amounts read out in Vietnamese words, as a decision writes them after "Bằng chữ:".
//!
//! The number is read in groups of three digits (trăm, mươi, đơn vị) named nghìn, triệu and
//! tỷ; above a tỷ the count of tỷ is itself read the same way ("một nghìn tỷ", "chín tỷ tỷ"),
//! which is how amounts past 10¹² are said in Vietnamese. The spoken rules:
//! - tens: "mười" for 1, "X mươi" from 2 on;
//! - ones after "mươi": 1 is "mốt", 4 is "tư", 5 is "lăm"; after "mười" 5 is "lăm" too, but
//!   1 stays "một" and 4 stays "bốn" ("mười một", "mười bốn");
//! - a zero tens digit before a non-zero one reads "linh" ("một trăm linh năm");
//! - a group after the first one that has no hundreds reads "không trăm" ("một nghìn không
//!   trăm linh năm"), so the size of every group is heard; a group of three zeros is skipped.
//!
//! Groups are separated by a comma, as the forms print them ("bảy trăm sáu mươi mốt tỷ, năm
//! trăm bốn mươi sáu triệu, …").

const DIGITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/// The words of a whole number, lower case ("không" for zero).
pub fn number_words(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let mut parts = Vec::new();
    push_number(n, true, &mut parts);
    parts.join(", ")
}

/// "Bảy trăm sáu mươi mốt tỷ, … đồng": the words of an amount with its first letter capital,
/// followed by the currency, as written after "Bằng chữ:".
pub fn money_words(dong: u64) -> String {
    let words = number_words(dong);
    let mut chars = words.chars();
    let capital: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    format!("{capital}{} đồng", chars.as_str())
}

/// Appends the comma-separated groups of `n` (> 0); `leading` says nothing was read before it,
/// so a missing hundreds digit is not read as "không trăm".
fn push_number(n: u64, leading: bool, parts: &mut Vec<String>) {
    const BILLION: u64 = 1_000_000_000;
    if n >= BILLION {
        let (billions, rest) = (n / BILLION, n % BILLION);
        let mut high = Vec::new();
        push_number(billions, leading, &mut high);
        if let Some(last) = high.last_mut() {
            last.push_str(" tỷ");
        }
        parts.extend(high);
        if rest > 0 {
            push_below_billion(rest, false, parts);
        }
    } else {
        push_below_billion(n, leading, parts);
    }
}

/// Appends the groups of `n` < 10⁹ (> 0): triệu, nghìn and the last three digits.
fn push_below_billion(n: u64, leading: bool, parts: &mut Vec<String>) {
    let groups = [(n / 1_000_000, " triệu"), (n / 1_000 % 1_000, " nghìn"), (n % 1_000, "")];
    let mut first = leading;
    for (value, name) in groups {
        if value == 0 {
            continue;
        }
        // A group is "leading" only when nothing has been read before it at all; after a
        // skipped zero group it still reads its hundreds ("không trăm").
        parts.push(format!("{}{name}", group_words(value as u16, first)));
        first = false;
    }
}

/// The words of 1..=999; `leading` drops a zero hundreds digit ("năm" rather than "không
/// trăm linh năm").
fn group_words(n: u16, leading: bool) -> String {
    let (hundreds, tens, ones) = (usize::from(n / 100), usize::from(n / 10 % 10), usize::from(n % 10));
    let mut words: Vec<&str> = Vec::with_capacity(5);
    let says_hundreds = hundreds > 0 || !leading;
    if says_hundreds {
        words.extend([DIGITS[hundreds], "trăm"]);
    }
    match tens {
        0 if ones > 0 && says_hundreds => words.push("linh"),
        0 => {}
        1 => words.push("mười"),
        t => words.extend([DIGITS[t], "mươi"]),
    }
    if ones > 0 {
        words.push(ones_word(tens, ones));
    }
    words.join(" ")
}

/// The ones digit after a tens digit: the spoken forms mốt, tư and lăm.
fn ones_word(tens: usize, ones: usize) -> &'static str {
    match (tens, ones) {
        (t, 1) if t >= 2 => "mốt",
        (t, 4) if t >= 2 => "tư",
        (t, 5) if t >= 1 => "lăm",
        (_, d) => DIGITS[d],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let table: &[(u64, &str)] = &[
            (0, "không"),
            (1, "một"),
            (4, "bốn"),
            (5, "năm"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (31, "ba mươi mốt"),
            (55, "năm mươi lăm"),
            (99, "chín mươi chín"),
            (100, "một trăm"),
            (101, "một trăm linh một"),
            (104, "một trăm linh bốn"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (111, "một trăm mười một"),
            (115, "một trăm mười lăm"),
            (121, "một trăm hai mươi mốt"),
            (205, "hai trăm linh năm"),
            (1_000, "một nghìn"),
            (1_001, "một nghìn, không trăm linh một"),
            (1_010, "một nghìn, không trăm mười"),
            (1_015, "một nghìn, không trăm mười lăm"),
            (1_100, "một nghìn, một trăm"),
            (2_021, "hai nghìn, không trăm hai mươi mốt"),
            (10_000, "mười nghìn"),
            (15_000, "mười lăm nghìn"),
            (21_000, "hai mươi mốt nghìn"),
            (100_000, "một trăm nghìn"),
            (105_000, "một trăm linh năm nghìn"),
            (1_000_000, "một triệu"),
            (1_000_001, "một triệu, không trăm linh một"),
            (1_005_000, "một triệu, không trăm linh năm nghìn"),
            (2_000_000, "hai triệu"),
            (10_500_000, "mười triệu, năm trăm nghìn"),
            (1_000_000_000, "một tỷ"),
            (1_000_000_005, "một tỷ, không trăm linh năm"),
            (1_000_500_000, "một tỷ, năm trăm nghìn"),
            (1_000_050_000, "một tỷ, không trăm năm mươi nghìn"),
            (5_000_000_000, "năm tỷ"),
            (1_000_000_000_000, "một nghìn tỷ"),
            (1_000_005_000_000, "một nghìn tỷ, không trăm linh năm triệu"),
            (1_001_000_000_000, "một nghìn, không trăm linh một tỷ"),
            (1_000_000_000_000_000, "một triệu tỷ"),
            (1_000_000_000_000_000_000, "một tỷ tỷ"),
            (761_546_547_000, "bảy trăm sáu mươi mốt tỷ, năm trăm bốn mươi sáu triệu, năm trăm bốn mươi bảy nghìn"),
            (195_723_741_000, "một trăm chín mươi lăm tỷ, bảy trăm hai mươi ba triệu, bảy trăm bốn mươi mốt nghìn"),
            (
                9_223_372_036_854_775_807,
                "chín tỷ, hai trăm hai mươi ba triệu, ba trăm bảy mươi hai nghìn, không trăm ba mươi sáu tỷ, \
                 tám trăm năm mươi tư triệu, bảy trăm bảy mươi lăm nghìn, tám trăm linh bảy",
            ),
        ];
        for (n, expected) in table {
            assert_eq!(number_words(*n), *expected, "{n}");
        }
    }

    #[test]
    fn money_words_capitalise_and_name_the_currency() {
        assert_eq!(
            money_words(761_546_547_000),
            "Bảy trăm sáu mươi mốt tỷ, năm trăm bốn mươi sáu triệu, năm trăm bốn mươi bảy nghìn đồng"
        );
        assert_eq!(money_words(0), "Không đồng");
        assert_eq!(money_words(15_000), "Mười lăm nghìn đồng");
    }
}
