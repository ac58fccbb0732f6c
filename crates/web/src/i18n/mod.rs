//! Vietnamese first, English on request: the language comes from the `lang` cookie (set by
//! `/lang/{code}`); an API caller may also ask with `Accept-Language`. Every fixed text of the
//! pages is one key of a small table; each room keeps its own table in a file of its own here
//! (`cases.rs` for the cases room…), so that people adding texts to different rooms do not edit
//! one list. The tables live beside the lookup rather than in the rooms because every room (and
//! the error page under them all) reads texts: a lookup that named the rooms would sit above
//! them and tie every room to every other.

mod accounts;
mod admin_judgments;
mod assets;
mod assets_more;
mod audit;
mod calendar;
mod cases;
mod common;
mod complaints;
mod deadlines;
mod documents;
mod documents_more;
mod exemption;
mod imports;
mod money;
mod money_fees;
mod periods;
mod personnel;
mod portal;
mod reception;
mod reorg;
mod requests;
mod stats;
mod targets;

use axum::extract::FromRequestParts;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;

use crate::cookie::cookie;

/// `(key, Vietnamese, English)`, sorted by key.
pub type Texts = &'static [(&'static str, &'static str, &'static str)];

/// Every room's table; a key is in one of them only (a test checks).
const TABLES: &[Texts] = &[
    common::TEXTS,
    accounts::TEXTS,
    audit::TEXTS,
    calendar::TEXTS,
    cases::TEXTS,
    deadlines::TEXTS,
    imports::TEXTS,
    stats::TEXTS,
    targets::TEXTS,
    admin_judgments::TEXTS,
    exemption::TEXTS,
    complaints::TEXTS,
    reception::TEXTS,
    assets::TEXTS,
    assets_more::TEXTS,
    money::TEXTS,
    money_fees::TEXTS,
    documents::TEXTS,
    documents_more::TEXTS,
    periods::TEXTS,
    reorg::TEXTS,
    personnel::TEXTS,
    portal::TEXTS,
    requests::TEXTS,
];

/// Every table's texts by key, made once: a page looks up hundreds of texts, and a binary
/// search in each of the 24 tables in turn was a twentieth of a case page's time.
static ALL_TEXTS: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, (&'static str, &'static str)>> =
    std::sync::LazyLock::new(|| {
        let mut all = rustc_hash::FxHashMap::default();
        for (key, vi, en) in TABLES.iter().flat_map(|table| table.iter()) {
            all.entry(*key).or_insert((*vi, *en));
        }
        all
    });

/// The reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a request asks for: its `lang` cookie; under `/api/`, without the cookie,
    /// its `Accept-Language`; Vietnamese by default. Pages do not follow `Accept-Language`: a
    /// browser set up in English still shows Vietnamese until the reader switches.
    pub fn of(parts: &Parts) -> Lang {
        if let Some(lang) = cookie(&parts.headers, "lang").and_then(|c| Lang::parse(&c)) {
            return lang;
        }
        if !parts.uri.path().starts_with("/api/") {
            return Lang::Vi;
        }
        let header = parts.headers.get_all(ACCEPT_LANGUAGE).iter().filter_map(|v| v.to_str().ok());
        accepted(&header.collect::<Vec<_>>().join(",")).unwrap_or_default()
    }

    /// The text of `key`; a missing key shows itself, so that a test notices.
    pub fn t(self, key: &str) -> &'static str {
        match (ALL_TEXTS.get(key), self) {
            (Some((vi, _)), Lang::Vi) => vi,
            (Some((_, en)), Lang::En) => en,
            (None, _) => "??",
        }
    }

    /// Picks between a Vietnamese and an English text given inline.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// The language of THADS that an `Accept-Language` value prefers: the one with the highest
/// weight (the first of equals), `*` counting as Vietnamese; `None` if it names neither.
fn accepted(header: &str) -> Option<Lang> {
    let mut best: Option<(u16, Lang)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';').map(str::trim);
        let tag = parts.next().unwrap_or_default().to_ascii_lowercase();
        let weight = match parts.find_map(|p| p.strip_prefix("q=")) {
            Some(q) => thousandths(q),
            None => Some(1000),
        };
        let lang = match tag.split('-').next().unwrap_or_default() {
            "vi" | "*" => Lang::Vi,
            "en" => Lang::En,
            _ => continue,
        };
        if let Some(w) = weight.filter(|w| *w > 0)
            && best.is_none_or(|(b, _)| w > b)
        {
            best = Some((w, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// A weight `0`–`1` with at most three decimals, in thousandths (`0.8` → 800).
fn thousandths(q: &str) -> Option<u16> {
    let (whole, decimals) = q.split_once('.').unwrap_or((q, ""));
    if decimals.len() > 3 || !decimals.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u16 = whole.parse().ok().filter(|w| *w <= 1)?;
    let decimals: u16 = if decimals.is_empty() { 0 } else { format!("{decimals:0<3}").parse().ok()? };
    Some(whole * 1000 + decimals).filter(|w| *w <= 1000)
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::of(parts))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::Path;

    use super::*;

    #[test]
    fn each_table_is_sorted_and_keys_are_unique_across_rooms() {
        for table in TABLES {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "keep each table sorted by key: {:?}", table[0]);
        }
        let mut seen = HashSet::new();
        for (key, _, _) in TABLES.iter().flat_map(|t| t.iter()) {
            assert!(seen.insert(*key), "«{key}» is in two rooms' tables");
        }
        assert_eq!(Lang::Vi.t("sign_in"), "Đăng nhập");
        assert_eq!(Lang::En.t("sign_in"), "Sign in");
        assert_eq!(Lang::En.t("import_help").split(' ').next(), Some("CSV"));
        assert_eq!(Lang::En.t("nope"), "??");
    }

    /// Every `.t("key")` of a template or of the code names a key of a table, and every key of
    /// a table is used somewhere (keys are always written out whole, never built).
    #[test]
    fn every_key_used_exists_and_every_key_is_used() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut used = HashSet::new();
        for dir in ["templates", "src"] {
            for file in files(&root.join(dir)) {
                if file.starts_with(root.join("src/i18n")) {
                    continue;
                }
                let text = std::fs::read_to_string(&file).unwrap();
                for key in text.split(".t(\"").skip(1).filter_map(|rest| rest.split_once('"').map(|(k, _)| k)) {
                    assert!(Lang::Vi.t(key) != "??", "{}: the key «{key}» is in no table", file.display());
                    used.insert(key.to_string());
                }
            }
        }
        let unused: Vec<_> =
            TABLES.iter().flat_map(|t| t.iter()).map(|(k, _, _)| *k).filter(|k| !used.contains(*k)).collect();
        assert!(unused.is_empty(), "keys no template or code uses: {unused:?}");
    }

    fn files(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(files(&path));
            } else if path.extension().is_some_and(|e| e == "rs" || e == "html") {
                out.push(path);
            }
        }
        out
    }

    #[test]
    fn accept_language_picks_the_preferred_language_thads_speaks() {
        assert_eq!(accepted("en-US,en;q=0.9"), Some(Lang::En));
        assert_eq!(accepted("vi-VN, en;q=0.8"), Some(Lang::Vi));
        assert_eq!(accepted("fr-FR, en;q=0.5, vi;q=0.7"), Some(Lang::Vi));
        assert_eq!(accepted("en;q=0, vi;q=0.1"), Some(Lang::Vi));
        assert_eq!(accepted("de, fr;q=0.9"), None);
        assert_eq!(accepted("EN"), Some(Lang::En));
        assert_eq!(accepted("*"), Some(Lang::Vi));
        assert_eq!(accepted("en;q=2, vi;q=0.3"), Some(Lang::Vi), "a weight above 1 is not believed");
        assert_eq!(accepted(""), None);
        assert_eq!(thousandths("0.125"), Some(125));
        assert_eq!(thousandths("1.000"), Some(1000));
        assert_eq!(thousandths("0.1234"), None);
    }
}
