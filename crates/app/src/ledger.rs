//! Rebuilding the statistics ledger from every case history: after the classification rules
//! change, or to prove that the incrementally kept ledger equals a full recomputation.

use sha2::{Digest, Sha256};
use thads_core::Rules;
use thads_store::{ScanFilter, Store};
use time::Date;

use crate::error::{AppError, AppResult};
use crate::history::{LedgerDelta, check, deducted_rows, ledger_rows};

/// A stable fingerprint of the rules that shape the ledger.
pub fn rules_fingerprint(rules: &Rules) -> String {
    let text = serde_json::to_string(rules).unwrap_or_default();
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// The ledger as a full recomputation from the histories (without writing it).
pub fn recompute(
    store: &dyn Store,
    rules: &Rules,
    today: Date,
) -> AppResult<(LedgerDelta, Vec<thads_store::DeductedRow>)> {
    let mut delta = LedgerDelta::default();
    let mut deducted = Vec::new();
    let mut failure: Option<AppError> = None;
    store.scan_histories(&ScanFilter::default(), &mut |h| {
        match check(&h.case.facts, &h.records, today, rules) {
            Ok(checked) => {
                let dims = h.case.facts.dims();
                if let Err(overflow) = delta.add(&ledger_rows(&dims, &checked.ledger)) {
                    failure.get_or_insert(overflow.into());
                }
                deducted.extend(deducted_rows(h.case.id, &dims, &checked.ledger));
            }
            Err(fault) => {
                failure.get_or_insert(fault.stored(&h.case.facts.case_no).into());
            }
        }
        Ok(())
    })?;
    match failure {
        Some(f) => Err(f),
        None => Ok((delta, deducted)),
    }
}

/// What `check` found: the stored ledger equals a full recomputation, or differs in so many rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerCheck {
    Equal { rows: usize },
    Differs { rows: usize },
}

/// Compares the stored ledger with a full recomputation (`thads ledger check`, `thads verify`).
/// A history that breaks the rules (a broken supersession, say) is an error.
pub fn check_ledger(store: &dyn Store, rules: &Rules, today: Date) -> AppResult<LedgerCheck> {
    let (delta, _) = recompute(store, rules, today)?;
    let mut want = delta.into_rows();
    let mut have: Vec<_> = store.ledger()?.into_iter().filter(|r| !r.measures.is_zero()).collect();
    want.sort_by_key(|r| (r.series, r.month));
    have.sort_by_key(|r| (r.series, r.month));
    if want == have {
        Ok(LedgerCheck::Equal { rows: have.len() })
    } else {
        let differing = want.iter().zip(have.iter()).filter(|(a, b)| a != b).count() + want.len().abs_diff(have.len());
        Ok(LedgerCheck::Differs { rows: differing })
    }
}

/// Replaces the stored ledger with a full recomputation under `rules`.
pub fn rebuild(store: &dyn Store, rules: &Rules, today: Date) -> AppResult<usize> {
    let (delta, deducted) = recompute(store, rules, today)?;
    let rows = delta.into_rows();
    let mut tx = store.begin()?;
    tx.clear_ledger()?;
    for chunk in rows.chunks(10_000) {
        tx.apply_ledger(chunk)?;
    }
    tx.replace_deducted_moves(&[], &deducted)?;
    tx.set_ledger_rules(&rules_fingerprint(rules))?;
    tx.commit()?;
    Ok(rows.len())
}

/// Rebuilds the ledger if it was built with other rules (or never stamped). Returns whether
/// it did.
pub fn ensure_ledger(store: &dyn Store, rules: &Rules, today: Date) -> AppResult<bool> {
    let fingerprint = rules_fingerprint(rules);
    if store.ledger_state()?.rules_fingerprint.as_deref() == Some(fingerprint.as_str()) {
        return Ok(false);
    }
    rebuild(store, rules, today)?;
    Ok(true)
}
