//! What every page shows around its content: the reader's language and, once signed in, who
//! they are, their unit, the menu they may use and the CSRF token of their forms. Each room's
//! page template receives it as `c`, beside values already formatted the Vietnamese way; askama
//! escapes everything it prints. A signed-in person's chrome is made by the accounts room
//! (`User::chrome`), which knows what they may do.

use crate::i18n::Lang;

#[derive(Debug, Clone)]
pub struct Chrome {
    pub lang: Lang,
    /// `None` on the sign-in page and error pages.
    pub user: Option<ChromeUser>,
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
}

impl Chrome {
    pub fn anonymous(lang: Lang) -> Chrome {
        Chrome { lang, user: None }
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
}
