//! The system clock, in Vietnam's time zone (UTC+7, no daylight saving).

use thads_core::Clock;
use time::{Date, OffsetDateTime, UtcOffset};

/// UTC+7.
pub const VIETNAM: UtcOffset = match UtcOffset::from_hms(7, 0, 0) {
    Ok(offset) => offset,
    Err(_) => UtcOffset::UTC,
};

/// The calendar date in Vietnam at instant `at`.
pub fn vietnam_date(at: OffsetDateTime) -> Date {
    at.to_offset(VIETNAM).date()
}

/// Reads the machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl SystemClock {
    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

impl Clock for SystemClock {
    fn today(&self) -> Date {
        vietnam_date(OffsetDateTime::now_utc())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn late_evening_utc_is_the_next_day_in_vietnam() {
        assert_eq!(vietnam_date(datetime!(2026-02-16 17:00 UTC)), date!(2026 - 02 - 17));
        assert_eq!(vietnam_date(datetime!(2026-02-16 16:59 UTC)), date!(2026 - 02 - 16));
    }
}
