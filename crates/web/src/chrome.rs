//! What every page shows around its content: the reader's language and, once signed in, who
//! they are, their unit, the menu they may use and the CSRF token of their forms. Each room's
//! page template receives it as `c`, beside values already formatted the Vietnamese way; askama
//! escapes everything it prints. A signed-in person's chrome is made by the accounts room
//! (`User::chrome`), which knows what they may do.

use crate::i18n::Lang;

#[derive(Debug, Clone)]
pub struct Chrome {
    pub lang: Lang,
    /// `None` on the sign-in page and for anyone not signed in.
    pub user: Option<ChromeUser>,
    /// What the last form did, said once on the page it led to.
    pub flash: Option<Flash>,
}

/// A confirmation carried from a successful form POST to the page it redirects to, by the
/// `thads_flash` cookie (`redirect::see_other_saying` sets it, the page that shows it clears
/// it). The cookie holds only a code; the words are here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flash {
    /// A change to a case was recorded (an event, a correction, a void).
    Saved,
}

impl Flash {
    pub const COOKIE: &str = "thads_flash";

    pub fn code(self) -> &'static str {
        match self {
            Flash::Saved => "saved",
        }
    }

    pub fn parse(code: &str) -> Option<Flash> {
        [Flash::Saved].into_iter().find(|f| f.code() == code)
    }

    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Flash::Saved => lang.pick("Đã lưu.", "Saved."),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ChromeUser {
    pub name: String,
    pub login: String,
    pub role: String,
    pub unit: String,
    pub csrf: String,
    pub may_audit: bool,
    pub may_import: bool,
    pub may_users: bool,
    pub may_targets: bool,
    /// May read the money books (the accountant's pages).
    pub may_money: bool,
    /// May work the queue of online requests (the front desk).
    pub may_take_in: bool,
}

impl Chrome {
    pub fn anonymous(lang: Lang) -> Chrome {
        Chrome { lang, user: None, flash: None }
    }

    /// The confirmation to say on this page, in the reader's language.
    pub fn flash_text(&self) -> Option<&'static str> {
        self.flash.map(|f| f.text(self.lang))
    }

    pub fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    pub fn other_lang(&self) -> &'static str {
        match self.lang {
            Lang::Vi => "en",
            Lang::En => "vi",
        }
    }

    pub fn other_lang_label(&self) -> &'static str {
        match self.lang {
            Lang::Vi => "English",
            Lang::En => "Tiếng Việt",
        }
    }

    pub fn csrf(&self) -> &str {
        self.user.as_ref().map_or("", |u| u.csrf.as_str())
    }

    /// The obligations a case's money may be owed for, `(code, label, selected)` in the reader's
    /// language; `selected` is `chosen` (its code), `khac` when nothing is chosen.
    pub fn obligations(&self, chosen: &str) -> Vec<(&'static str, &'static str, bool)> {
        let chosen = if chosen.trim().is_empty() { "khac" } else { chosen.trim() };
        thads_core::case::Obligation::ALL
            .iter()
            .map(|o| (o.code(), self.lang.pick(o.label_vi(), o.label_en()), o.code() == chosen))
            .collect()
    }
}
