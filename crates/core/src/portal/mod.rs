//! The citizens' portal (cổng thông tin cho đương sự, issue 21): the lookup code a party types
//! (mã tra cứu), the steps of a case told in plain words, and when a debtor without means is on
//! the public list (công khai thông tin, domain §3.6). Pure rules; the code's derivation from
//! the agency's key, the reads and the pages are above.

mod code;
mod publication;
mod steps;

pub use code::{CODE_ALPHABET, CODE_LEN, CodeError, LookupCode, same_code};
pub use publication::{ListedSpell, PublicationLimit, default_publication_limits, listed_on, spells};
pub use steps::{PublicStep, public_step, state_words};

#[cfg(test)]
mod tests;
