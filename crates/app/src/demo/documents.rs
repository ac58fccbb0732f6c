//! Demo documents: the register as issuing would have left it for the demo's last year. Each
//! decision of a case's history that a document records (postponement, suspension, resumption,
//! termination, delegation, lack of means) dated in the year of `as_of` has its decision in the
//! unit's register, linked to its event, numbered in date order per unit, kind and year; each
//! case accepted that year has its notice to the parties; about one number in 150 was
//! cancelled, with its reason.

use thads_core::Entry;
use thads_documents::DocumentKind;
use thads_store::{Cancellation, NewIssuedDocument, ScanFilter, Store};
use time::Date;

use crate::documents::symbol;
use crate::error::AppResult;

/// The kinds whose decisions are events of a case, by the event's code.
fn kind_of(code: thads_core::EventCode) -> Option<DocumentKind> {
    DocumentKind::ALL.into_iter().find(|k| crate::documents::event_of(*k) == Some(code))
}

/// Writes the register; returns how many documents it holds.
pub fn issue(store: &dyn Store, as_of: Date) -> AppResult<u64> {
    let year = as_of.year();
    let mut planned: Vec<(thads_core::UnitId, DocumentKind, Date, thads_core::CaseId, Option<thads_core::EventId>)> =
        Vec::new();
    store.scan_histories(&ScanFilter::default(), &mut |h| {
        let (unit, accepted, case) = (h.case.facts.unit, h.case.facts.accepted_on, h.case.id);
        if accepted.year() == year && accepted <= as_of {
            planned.push((unit, DocumentKind::ThongBao, accepted, case, None));
        }
        let superseded: Vec<_> = h.records.iter().filter_map(|r| r.supersedes).collect();
        for r in h.records.iter().filter(|r| !superseded.contains(&r.id)) {
            if let Entry::Event(e) = &r.entry
                && e.date.year() == year
                && let Some(kind) = kind_of(e.code)
            {
                planned.push((unit, kind, e.date, case, Some(r.id)));
            }
        }
        Ok(())
    })?;
    planned.sort_by_key(|(unit, kind, date, case, _)| (*unit, kind.code(), *date, *case));
    let mut tx = store.begin()?;
    let mut count = 0u64;
    for (i, (unit, kind, date, case, event)) in planned.into_iter().enumerate() {
        let at = date
            .with_hms(9, 0, 0)
            .map_or(time::OffsetDateTime::UNIX_EPOCH, |t| t.assume_offset(time::macros::offset!(+7)));
        let document = tx.issue_document(&NewIssuedDocument {
            unit,
            kind: kind.code().to_string(),
            year,
            symbol: symbol(kind).to_string(),
            case: Some(case),
            event,
            issued_on: date,
            issued_by: "demo".into(),
            issued_at: at,
        })?;
        if i % 150 == 149 {
            let reason = "Ghi sai họ tên người phải thi hành án, đã ban hành văn bản thay thế";
            tx.cancel_document(document.id, &Cancellation { reason: reason.into(), by: "demo".into(), at })?;
        }
        count += 1;
    }
    tx.commit()?;
    Ok(count)
}
