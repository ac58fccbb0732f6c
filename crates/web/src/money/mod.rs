//! The money room (issue 18): the accountant's pages (`pages`: receipts and the receipt
//! form, the printable receipt, distributions, payouts, the cash book, balances per case, money
//! held past its limit, closing the day, the monthly usage of receipts; `savings_pages`:
//! unclaimed money, its notices and savings deposits) and the JSON API (`api`, `savings`). The rules and the writes are `thads_app::money`'s.

pub mod api;
pub mod fee_rules;
pub mod pages;
pub mod savings;
pub mod savings_pages;
pub mod statements;

use thads_core::UnitId;
use thads_core::access::Action;

use crate::accounts::Need;

/// Issue and cancel receipts, distribute, pay out, close the day.
#[derive(Debug)]
pub struct HandleMoney;
impl Need for HandleMoney {
    fn action(unit: UnitId) -> Action {
        Action::HandleMoney { unit }
    }
}

/// Read the money books.
#[derive(Debug)]
pub struct ViewMoney;
impl Need for ViewMoney {
    fn action(unit: UnitId) -> Action {
        Action::ViewMoney { unit }
    }
}

/// The current provinces a unit covers, in the tree's order: the books a unit above the provinces
/// (the national body, which keeps no custody account) reads, and its pages offer to choose from.
pub(crate) fn provinces_under(units: &thads_core::UnitTree, unit: UnitId) -> Vec<&thads_core::Unit> {
    units
        .all()
        .iter()
        .filter(|u| u.kind == thads_core::UnitKind::Province && u.valid_to.is_none() && units.covers(unit, u.id))
        .collect()
}
