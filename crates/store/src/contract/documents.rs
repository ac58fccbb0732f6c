//! Contract check of documents (schema 0014_documents): template versions round-trip and are
//! replaced per kind and date; a register's numbers run 1, 2, 3… per unit, kind and year
//! without gaps (a dropped transaction takes none), and a cancelled number stays used.

use thads_core::confidence::Confidence;
use time::macros::{date, datetime};

use super::{event, ok, seed_case, seed_units};
use crate::*;

fn template(kind: &str, from: time::Date, text: &str) -> DocumentTemplateRecord {
    DocumentTemplateRecord {
        kind: kind.into(),
        effective_from: from,
        legal_basis: "Luật Thi hành án dân sự số 106/2025/QH15".into(),
        citation: "NĐ 152/2026 Đ21 [C]".into(),
        confidence: Confidence::Inferred,
        text: text.into(),
        saved_by: "admin".into(),
        saved_at: datetime!(2026-11-20 08:00 UTC),
    }
}

fn new_document(
    unit: thads_core::UnitId,
    kind: &str,
    year: i32,
    case: Option<thads_core::CaseId>,
) -> NewIssuedDocument {
    NewIssuedDocument {
        unit,
        kind: kind.into(),
        year,
        symbol: "QĐ-THADS".into(),
        case,
        event: None,
        issued_on: date!(2026 - 11 - 20),
        issued_by: "chv.an".into(),
        issued_at: datetime!(2026-11-20 09:00 UTC),
    }
}

pub fn document_templates_are_kept_per_kind_and_date(store: &dyn Store) {
    let old = template("qd_hoan", date!(2009 - 07 - 01), "::: agency\nA\n:::");
    let new = template("qd_hoan", date!(2026 - 07 - 01), "::: agency\nB — “Hợp” 761.546.547.000 đồng\n:::");
    let other = template("thong_bao", date!(2026 - 07 - 01), "::: agency\nC\n:::");
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.put_document_template(&new)), None);
    assert_eq!(ok(tx.put_document_template(&other)), None);
    assert_eq!(ok(tx.put_document_template(&old)), None);
    ok(tx.commit());
    assert_eq!(ok(store.document_templates()), vec![old.clone(), new.clone(), other.clone()], "by kind, then date");
    let edited = DocumentTemplateRecord { text: "::: agency\nD\n:::".into(), saved_by: "admin2".into(), ..new.clone() };
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.put_document_template(&edited)), Some(new), "the version replaced is returned");
    drop(tx);
    assert_eq!(ok(store.document_templates())[1].text, "::: agency\nB — “Hợp” 761.546.547.000 đồng\n:::");
    let mut tx = ok(store.begin());
    ok(tx.put_document_template(&edited));
    ok(tx.commit());
    assert_eq!(ok(store.document_templates()), vec![old, edited, other]);
}

pub fn document_numbers_have_no_gaps_and_cancelled_ones_stay_used(store: &dyn Store) {
    let units = seed_units(store);
    let (k1, k2) = (units[2], units[3]);
    let case = seed_case(store, k1, "46/QĐ-THADS");
    let mut tx = ok(store.begin());
    let first = ok(tx.issue_document(&new_document(k1, "qd_hoan", 2026, Some(case))));
    let second = ok(tx.issue_document(&new_document(k1, "qd_hoan", 2026, None)));
    ok(tx.commit());
    assert_eq!((first.number, second.number), (1, 2));
    assert_eq!(first.number_and_symbol(), "1/QĐ-THADS");
    assert_eq!((first.case, first.unit, first.year, first.cancelled.clone()), (Some(case), k1, 2026, None));
    // A dropped transaction takes no number.
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.issue_document(&new_document(k1, "qd_hoan", 2026, None))).number, 3);
    drop(tx);
    let mut tx = ok(store.begin());
    let ids = ok(tx.insert_events(&[event(case, date!(2026 - 11 - 20), thads_core::EventCode::Postponed, None)]));
    let mut third = ok(tx.issue_document(&new_document(k1, "qd_hoan", 2026, Some(case))));
    ok(tx.set_document_event(third.id, ids[0]));
    assert!(matches!(tx.set_document_event(DocumentId(999_999), ids[0]), Err(StoreError::NotFound(_))));
    third.event = Some(ids[0]);
    // Each register counts on its own: another kind, unit or year starts at 1.
    let other_kind = ok(tx.issue_document(&new_document(k1, "thong_bao", 2026, Some(case))));
    let other_unit = ok(tx.issue_document(&new_document(k2, "qd_hoan", 2026, None)));
    let other_year = ok(tx.issue_document(&new_document(k1, "qd_hoan", 2027, None)));
    ok(tx.commit());
    assert_eq!((third.number, third.event), (3, ids.first().copied()));
    assert_eq!((other_kind.number, other_unit.number, other_year.number), (1, 1, 1));
    // Cancelling keeps the number used, with its reason; a second cancellation is refused.
    let cancellation = Cancellation {
        reason: "Ghi nhầm tên người phải thi hành án".into(),
        by: "tp.binh".into(),
        at: datetime!(2026-11-21 10:00 UTC),
    };
    let mut tx = ok(store.begin());
    let cancelled = ok(tx.cancel_document(second.id, &cancellation));
    assert!(matches!(tx.cancel_document(second.id, &cancellation), Err(StoreError::Invalid(_))));
    assert!(matches!(tx.cancel_document(DocumentId(999_999), &cancellation), Err(StoreError::NotFound(_))));
    ok(tx.commit());
    assert_eq!(cancelled.cancelled, Some(cancellation));
    let mut tx = ok(store.begin());
    assert_eq!(
        ok(tx.issue_document(&new_document(k1, "qd_hoan", 2026, None))).number,
        4,
        "a cancelled number is not reused"
    );
    ok(tx.commit());
    let register = ok(store.document_register(k1, "qd_hoan", 2026));
    assert_eq!(register.iter().map(|d| d.number).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
    assert!(register[1].cancelled.is_some() && register[0].cancelled.is_none());
    let of_case = ok(store.documents_of_case(case));
    assert_eq!(
        of_case.iter().map(|d| (d.kind.as_str(), d.number)).collect::<Vec<_>>(),
        vec![("qd_hoan", 1), ("qd_hoan", 3), ("thong_bao", 1)]
    );
    assert_eq!(ok(store.issued_document(third.id)), Some(third));
    assert_eq!(ok(store.issued_document(DocumentId(999_999))), None);
}

pub fn concurrent_issuers_take_consecutive_numbers(store: &dyn Store) {
    let units = seed_units(store);
    let unit = units[2];
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..5 {
                    let mut tx = ok(store.begin());
                    ok(tx.issue_document(&new_document(unit, "thong_bao", 2026, None)));
                    ok(tx.commit());
                }
            });
        }
    });
    let numbers: Vec<i64> = ok(store.document_register(unit, "thong_bao", 2026)).iter().map(|d| d.number).collect();
    assert_eq!(numbers, (1..=20).collect::<Vec<_>>());
}

/// What a document said when issued is stored once and read back exactly; none for another.
pub fn issued_documents_keep_their_content(store: &dyn Store) {
    let units = seed_units(store);
    let case = seed_case(store, units[2], "47/QĐ-THADS");
    let mut tx = ok(store.begin());
    let document = ok(tx.issue_document(&new_document(units[2], "thong_bao", 2026, Some(case))));
    let other = ok(tx.issue_document(&new_document(units[2], "thong_bao", 2026, Some(case))));
    let content = DocumentContent {
        document: document.id,
        template_kind: "thong_bao".into(),
        template_from: date!(2026 - 07 - 01),
        content: r#"{"name":"THÔNG BÁO","body":["Ông Nguyễn Văn «A»"]}"#.into(),
        stored_at: datetime!(2026-11-20 08:00 UTC),
    };
    ok(tx.insert_document_content(&content));
    assert!(matches!(tx.insert_document_content(&content), Err(StoreError::Duplicate(_))));
    ok(tx.commit());
    assert_eq!(ok(store.document_content(document.id)), Some(content));
    assert_eq!(ok(store.document_content(other.id)), None);
}
