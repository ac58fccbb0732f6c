//! Money: amounts in whole đồng, and the rules of the money an agency holds in custody.

mod amount;

pub use amount::{MoneyError, Vnd, VndSum, group_thousands};
