//! `thads money check`: every case's ledger balance equals its documents (receipts not
//! cancelled, allocations, payouts and fees), the money the statistics count from the
//! `collected` events those documents recorded equals the ledger's collected money, a case's
//! held money equals collected + interest − paid out − fees, its money in savings deposits is
//! part of what it holds and what its deposits record went into savings, and every agency's receipt numbers of a year
//! run from 1 without a gap or a duplicate. Sums by SQL, folded here: the cost is a scan of the
//! postings and the documents, not a replay per case.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use thads_core::money::custody::{CaseDocuments, Mismatch, reconcile};
use thads_core::money::receipt::{NumberingFault, check_numbering};
use thads_core::money::{ReceiptNo, VndSum};
use thads_core::{CaseId, UnitId, UnitTree};
use thads_store::Store;

use super::books::fold_sums;
use crate::error::AppResult;

/// What the check found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MoneyCheck {
    /// Cases with any money document or posting.
    pub cases: usize,
    pub collected_vnd: i128,
    pub held_vnd: i128,
    /// The part of `held_vnd` in savings deposits.
    pub savings_vnd: i128,
    /// Every case whose ledger and documents disagree, with each figure that differs.
    pub mismatches: Vec<(CaseId, Vec<Mismatch>)>,
    /// Receipt numbering faults per issuing agency (missing or duplicate numbers).
    pub numbering: Vec<(UnitId, NumberingFault)>,
}

impl MoneyCheck {
    pub fn is_clean(&self) -> bool {
        self.mismatches.is_empty() && self.numbering.is_empty()
    }
}

/// Checks the money of `unit`'s scope (every case when `None`).
pub fn check(store: &dyn Store, units: &UnitTree, unit: Option<UnitId>) -> AppResult<MoneyCheck> {
    let scope: Vec<UnitId> = unit.map(|u| units.scope(u).into_iter().collect()).unwrap_or_default();
    let money = fold_sums(&store.posting_sums(&scope)?)?;
    let documents: BTreeMap<CaseId, _> = store.document_sums(&scope)?.into_iter().collect();
    let cases: BTreeSet<CaseId> = money.keys().chain(documents.keys()).copied().collect();
    let mut out = MoneyCheck { cases: cases.len(), ..MoneyCheck::default() };
    for case in cases {
        let m = money.get(&case).copied().unwrap_or_default();
        let d = documents.get(&case).copied().unwrap_or_default();
        let docs = CaseDocuments {
            receipts: VndSum(d.receipts),
            allocations: VndSum(d.allocations),
            paid_out: VndSum(d.paid_out),
            fees: VndSum(d.fees),
            collected_events: VndSum(d.linked_collected),
            deposits: VndSum(d.deposits),
        };
        out.collected_vnd += m.collected.dong();
        out.held_vnd += m.held.dong();
        out.savings_vnd += m.savings.dong();
        let found = reconcile(&m, &docs);
        if !found.is_empty() || !m.is_consistent() {
            out.mismatches.push((case, found));
        }
    }
    let agencies: Vec<UnitId> = match unit {
        Some(u) => units
            .scope(u)
            .into_iter()
            .filter(|id| units.get(*id).is_some_and(|x| x.kind == thads_core::UnitKind::Province))
            .collect(),
        None => units.all().iter().filter(|u| u.kind == thads_core::UnitKind::Province).map(|u| u.id).collect(),
    };
    for agency in agencies {
        for year in receipt_years(store, agency)? {
            let numbers: Vec<ReceiptNo> =
                store.receipt_numbers(agency, year)?.into_iter().map(|number| ReceiptNo { year, number }).collect();
            out.numbering.extend(check_numbering(&numbers).into_iter().map(|f| (agency, f)));
        }
    }
    Ok(out)
}

/// The years an agency issued receipts in (from its oldest receipt to this year's latest).
fn receipt_years(store: &dyn Store, agency: UnitId) -> AppResult<Vec<i32>> {
    let query =
        thads_store::ReceiptQuery { unit: agency, from: super::EVER.0, to: super::EVER.1, case: None, limit: 1 };
    let newest = store.receipts(&query)?.into_iter().next().map(|r| r.year);
    Ok(match newest {
        Some(last) => (2000.min(last)..=last).filter(|y| *y >= 2000).collect(),
        None => Vec::new(),
    })
}
