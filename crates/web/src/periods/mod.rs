//! Monthly closing (chốt số liệu) on the web: the page where a province sees which of its
//! units closed which month and which are late, where a unit's head closes or reopens a month
//! (with a reason), and the API that does the same. The rules are `thads_app::periods`.

pub mod api;
pub mod pages;

use thads_core::UnitId;
use thads_core::access::Action;

use crate::accounts::Need;

/// Closing and reopening a unit's months: its own head.
#[derive(Debug)]
pub struct ClosePeriod;
impl Need for ClosePeriod {
    fn action(unit: UnitId) -> Action {
        Action::ClosePeriod { unit }
    }
}

/// How many months the overview shows.
pub const MONTHS_SHOWN: u8 = 12;
