//! The days the two enforcement laws took effect, from which the money rules' dated versions
//! run (domain §1).

use time::macros::date;

/// Luật THADS 26/2008/QH12 took effect.
pub(crate) const OLD_LAW_FROM: time::Date = date!(2009 - 07 - 01);
/// Luật THADS 106/2025/QH15 and NĐ 152/2026 take effect (domain §1).
pub(crate) const NEW_LAW_FROM: time::Date = date!(2026 - 07 - 01);
