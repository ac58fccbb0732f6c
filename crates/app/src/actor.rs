//! Who makes a change, and when: every use case that writes takes an `Actor` (time is a
//! parameter, for tests; only `clock` reads the machine's clock). Its own module, below every
//! capability, because all of them take one.

use time::OffsetDateTime;

/// Who makes a change, and when (time is a parameter, for tests).
#[derive(Debug, Clone)]
pub struct Actor {
    pub login: String,
    pub at: OffsetDateTime,
}

impl Actor {
    /// Today in Vietnam (UTC+7), the bound for event dates.
    pub fn today(&self) -> time::Date {
        crate::clock::vietnam_date(self.at)
    }
}
