//! Vietnamese text: NFC normalisation on input, and a folded form for searching without
//! diacritics ("nguyen van an" finds "Nguyễn Văn An").

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Normalises to NFC and trims surrounding whitespace: registers typed on different
/// keyboards (Unikey NFD vs NFC) must compare equal.
pub fn nfc(text: &str) -> String {
    text.trim().nfc().collect()
}

/// Lower case, without diacritics, `đ` as `d`, runs of whitespace as one space.
///
/// Each character is decomposed on its own (ASCII needs no decomposition) rather than the
/// whole text put in NFD: NFD also reorders runs of combining marks, and every one of them is
/// dropped here, so the result is the same (a test compares the two) at a fraction of the
/// cost; the search words of a million imported cases are folded in one go.
pub fn fold(text: &str) -> String {
    let mut folded = Folded { out: String::with_capacity(text.len()), pending_space: false };
    for ch in text.chars() {
        if ch.is_ascii() {
            folded.push(ch);
        } else {
            decompose_canonical(ch, |part| folded.push(part));
        }
    }
    folded.out
}

/// The folded text being built.
struct Folded {
    out: String,
    pending_space: bool,
}

impl Folded {
    /// Adds one character of the decomposed text.
    fn push(&mut self, ch: char) {
        if is_combining_mark(ch) {
            return;
        }
        if ch.is_whitespace() {
            self.pending_space = !self.out.is_empty();
            return;
        }
        if self.pending_space {
            self.out.push(' ');
            self.pending_space = false;
        }
        match ch {
            'đ' | 'Đ' => self.out.push('d'),
            _ if ch.is_ascii() => self.out.push(ch.to_ascii_lowercase()),
            _ => self.out.extend(ch.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_and_nfc_inputs_become_equal() {
        let composed = "Nguyễn Văn An";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(nfc(&decomposed), composed);
    }

    #[test]
    fn folding_drops_diacritics_and_case() {
        assert_eq!(fold("Nguyễn Văn  An"), "nguyen van an");
        assert_eq!(fold("ĐỖ THỊ HOA"), "do thi hoa");
        assert_eq!(fold("46/QĐ-THADS"), "46/qd-thads");
        assert_eq!(fold("  Công ty TNHH Hòa Bình "), "cong ty tnhh hoa binh");
    }

    /// The definition `fold` stands for: the whole text in NFD, marks dropped.
    fn fold_by_nfd(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut pending_space = false;
        for ch in text.nfd() {
            if is_combining_mark(ch) {
                continue;
            }
            if ch.is_whitespace() {
                pending_space = !out.is_empty();
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            match ch {
                'đ' | 'Đ' => out.push('d'),
                _ => out.extend(ch.to_lowercase()),
            }
        }
        out
    }

    #[test]
    fn every_vietnamese_letter_folds_as_by_nfd() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        for text in [letters.to_string(), letters.to_uppercase(), letters.nfd().collect()] {
            assert_eq!(fold(&text), fold_by_nfd(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn folds_any_text_as_by_nfd(text in "\\PC*", marks in proptest::collection::vec(0x0300u32..0x0370, 0..6)) {
            // Arbitrary text, and text with runs of combining marks in any order (which NFD
            // would reorder).
            let with_marks: String = text.chars().chain(marks.iter().filter_map(|m| char::from_u32(*m))).collect();
            proptest::prop_assert_eq!(fold(&text), fold_by_nfd(&text));
            proptest::prop_assert_eq!(fold(&with_marks), fold_by_nfd(&with_marks));
        }
    }
}
