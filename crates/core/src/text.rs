//! Vietnamese text: NFC normalisation on input, and a folded form for searching without
//! diacritics ("nguyen van an" finds "Nguyễn Văn An").

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Normalises to NFC and trims surrounding whitespace: registers typed on different
/// keyboards (Unikey NFD vs NFC) must compare equal.
pub fn nfc(text: &str) -> String {
    text.trim().nfc().collect()
}

/// Lower case, without diacritics, `đ` as `d`, runs of whitespace as one space.
pub fn fold(text: &str) -> String {
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
}
