//! Amounts in words: any amount an `i64` of đồng can hold reads out without panic and reads
//! back to the same number through an independent parser of Vietnamese numerals.

use proptest::prelude::*;
use thads_documents::words::{money_words, number_words};

/// The number Vietnamese words say. "tỷ" multiplies everything said before it (the words are
/// "<count of tỷ> tỷ, <rest>", the count itself read the same way); nghìn and triệu close a
/// group of three digits.
fn parse_words(text: &str) -> Option<u128> {
    let (mut total, mut group, mut pending) = (0u128, 0u128, 0u128);
    for word in text.replace(',', " ").split_whitespace() {
        let digit = match word {
            "không" => Some(0),
            "một" | "mốt" => Some(1),
            "hai" => Some(2),
            "ba" => Some(3),
            "bốn" | "tư" => Some(4),
            "năm" | "lăm" => Some(5),
            "sáu" => Some(6),
            "bảy" => Some(7),
            "tám" => Some(8),
            "chín" => Some(9),
            _ => None,
        };
        match (digit, word) {
            (Some(d), _) => pending = d,
            (None, "trăm") => (group, pending) = (group + pending * 100, 0),
            (None, "mươi") => (group, pending) = (group + pending * 10, 0),
            (None, "mười") => group += 10,
            (None, "linh") => {}
            (None, "nghìn") => (total, group, pending) = (total + (group + pending) * 1_000, 0, 0),
            (None, "triệu") => (total, group, pending) = (total + (group + pending) * 1_000_000, 0, 0),
            (None, "tỷ") => (total, group, pending) = ((total + group + pending) * 1_000_000_000, 0, 0),
            _ => return None,
        }
    }
    Some(total + group + pending)
}

#[test]
fn the_parser_reads_the_forms_examples() {
    assert_eq!(
        parse_words("bảy trăm sáu mươi mốt tỷ, năm trăm bốn mươi sáu triệu, năm trăm bốn mươi bảy nghìn"),
        Some(761_546_547_000)
    );
    assert_eq!(parse_words("một nghìn tỷ, không trăm linh năm triệu"), Some(1_000_005_000_000));
    assert_eq!(parse_words("mười lăm"), Some(15));
    assert_eq!(parse_words("mười hai quả"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn any_amount_reads_out_and_back(n in 0..=i64::MAX) {
        let n = n.unsigned_abs();
        let words = number_words(n);
        prop_assert_eq!(parse_words(&words), Some(u128::from(n)), "{}", words);
        let money = money_words(n);
        prop_assert!(money.ends_with(" đồng") && !money.contains("  "), "{}", money);
        prop_assert!(money.chars().next().is_some_and(char::is_uppercase), "{}", money);
    }

    #[test]
    fn small_amounts_read_out_and_back(n in 0u64..2_000_000) {
        prop_assert_eq!(parse_words(&number_words(n)), Some(u128::from(n)));
    }
}

#[test]
fn edges_read_back() {
    for n in [0, 1, 10, 100, 1_000, 1_000_000, 1_000_000_000, 10u64.pow(12), 10u64.pow(18), i64::MAX.unsigned_abs()] {
        for m in [n, n.saturating_sub(1), n + 1, n + 5, n + 15, n + 105] {
            if m <= i64::MAX.unsigned_abs() {
                assert_eq!(parse_words(&number_words(m)), Some(u128::from(m)), "{m}: {}", number_words(m));
            }
        }
    }
}
