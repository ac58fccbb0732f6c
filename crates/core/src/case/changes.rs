//! A change of a case's facts, field by field: what the audit keeps of an intake, an edit or a
//! reassignment (`before` and `after` as the API writes them: codes, ISO dates, whole đồng, the
//! officer's staff id), and what an edit that changes nothing is told.

use serde::Serialize;

use super::{CaseDetails, CaseFacts};
use crate::dates::format_iso;

/// One field that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// Every fact of a case as `(API name, value)`, in the order of the intake form.
pub fn fields(f: &CaseFacts, d: &CaseDetails) -> Vec<(&'static str, String)> {
    let judgment = d.judgment.as_ref();
    let request = d.request.as_ref();
    vec![
        ("case_no", f.case_no.to_string()),
        ("accepted_on", format_iso(f.accepted_on)),
        ("origin", f.origin.code().to_string()),
        ("received_by_delegation", f.received_by_delegation.to_string()),
        ("judgment_type", f.judgment_type.code().to_string()),
        ("categories", f.categories.codes()),
        ("amount_vnd", f.amount.dong().to_string()),
        ("debtor", f.debtor.clone()),
        ("debtor_id", d.debtor_id.as_ref().map(|i| i.to_string()).unwrap_or_default()),
        ("debtor_address", d.debtor_address.clone()),
        ("creditor", f.creditor.clone()),
        ("creditor_id", d.creditor_id.as_ref().map(|i| i.to_string()).unwrap_or_default()),
        ("creditor_address", d.creditor_address.clone()),
        ("judgment_court", judgment.map(|j| j.court.clone()).unwrap_or_default()),
        ("judgment_no", judgment.map(|j| j.number.clone()).unwrap_or_default()),
        ("judgment_date", judgment.map(|j| format_iso(j.date)).unwrap_or_default()),
        ("request_date", request.map(|r| format_iso(r.date)).unwrap_or_default()),
        ("request_by", request.map(|r| r.requester.clone()).unwrap_or_default()),
        ("officer", f.officer.map(|o| o.0.to_string()).unwrap_or_default()),
        ("obligation", obligation(d)),
    ]
}

/// The obligation's code; the default (`khac`) reads as nothing typed, so that a new case or a
/// case stored before the fact existed shows no change for it.
fn obligation(d: &CaseDetails) -> String {
    if d.obligation == super::Obligation::Khac { String::new() } else { d.obligation.code().to_string() }
}

/// The fields whose values differ, in the order of `fields`. `before` is `None` for a new
/// case: every field given is a change from nothing.
pub fn changes(before: Option<(&CaseFacts, &CaseDetails)>, after: (&CaseFacts, &CaseDetails)) -> Vec<FieldChange> {
    let old = before.map(|(f, d)| fields(f, d));
    fields(after.0, after.1)
        .into_iter()
        .enumerate()
        .filter_map(|(i, (field, now))| {
            let was = old.as_ref().map(|o| o[i].1.clone()).unwrap_or_default();
            (was != now).then_some(FieldChange { field, before: was, after: now })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::amount::Vnd;
    use crate::case::{CaseNo, Categories, JudgmentType, Origin, PartyId};
    use crate::field;
    use crate::staff::StaffId;
    use crate::unit::UnitId;

    fn facts() -> CaseFacts {
        CaseFacts {
            unit: UnitId(1),
            case_no: CaseNo::new("1/QĐ-THADS").unwrap(),
            accepted_on: date!(2025 - 09 - 01),
            origin: Origin::ChuDong,
            received_by_delegation: false,
            judgment_type: JudgmentType::DanSu,
            categories: Categories::empty(),
            amount: Vnd::new(1_000).unwrap(),
            debtor: "Nguyễn Văn A".into(),
            creditor: "B".into(),
            officer: Some(StaffId(7)),
        }
    }

    #[test]
    fn only_what_differs_is_a_change() {
        let (f, d) = (facts(), CaseDetails::default());
        assert!(changes(Some((&f, &d)), (&f, &d)).is_empty());
        let moved = CaseFacts { amount: Vnd::new(2_500).unwrap(), officer: Some(StaffId(9)), ..f.clone() };
        let id = PartyId::parse("debtor_id", field::DEBTOR_ID, "001085012345").unwrap();
        let with_id = CaseDetails { debtor_id: id, ..d.clone() };
        let got = changes(Some((&f, &d)), (&moved, &with_id));
        let names: Vec<&str> = got.iter().map(|c| c.field).collect();
        assert_eq!(names, ["amount_vnd", "debtor_id", "officer"]);
        assert_eq!((got[0].before.as_str(), got[0].after.as_str()), ("1000", "2500"));
        assert_eq!((got[1].before.as_str(), got[1].after.as_str()), ("", "001085012345"));
    }

    #[test]
    fn a_new_case_changes_every_field_it_has() {
        let (f, d) = (facts(), CaseDetails::default());
        let got = changes(None, (&f, &d));
        assert!(got.iter().any(|c| c.field == "case_no" && c.after == "1/QĐ-THADS"));
        assert!(got.iter().all(|c| c.field != "debtor_address"), "an empty field is no change");
    }
}
