//! The audit trail's hash chain, checked (issue 24): walks every entry in id order and names the
//! first one changed, removed or inserted behind THADS's back (`thads_store::check_chain`).
//! `thads audit verify`, `thads verify` and the administrators' page read it.

use thads_store::{ChainCheck, Store, check_chain};

use crate::error::AppResult;

/// Entries read per round trip: a page of entries is a few megabytes at most.
const PAGE: u32 = 10_000;

/// The whole chain, checked.
pub fn verify_chain(store: &dyn Store) -> AppResult<ChainCheck> {
    Ok(check_chain(store, PAGE)?)
}
