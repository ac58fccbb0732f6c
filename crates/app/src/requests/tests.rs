//! Requests as use cases on both backends: received with its number, appointment and files,
//! numbered per unit and year; the supplement asked with its due day; registered into a case
//! taken in through the intake, linked in the same transaction; refused with a reason; each
//! step audited and refused from a closed state; a file whose content is not what it says
//! refused with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use thads_core::requests::{AttachmentLimits, RequestState, RequestText};
use thads_core::{JudgmentType, Rules, UnitKind, Vnd};
use thads_store::Store;
use time::macros::{date, datetime};

use super::*;
use crate::actor::Actor;

fn text() -> RequestText {
    RequestText {
        name: "Trần Thị Bích".into(),
        id_number: "001085012345".into(),
        address: "Số 5 Lê Lợi, Bắc Giang".into(),
        phone: "0912345678".into(),
        email: String::new(),
        court: "TAND tỉnh Bắc Giang".into(),
        judgment_no: "12/2025/DS-ST".into(),
        judgment_date: "01/12/2025".into(),
        asked: "Buộc ông An trả 50.000.000 đồng".into(),
        debtor: "Nguyễn Văn An".into(),
        debtor_address: "Thôn Đông".into(),
    }
}

/// Friday 04/12/2026, 10:00 in Vietnam.
const AT: OffsetDateTime = datetime!(2026-12-04 03:00 UTC);

fn file(store: &dyn Store, unit: thads_core::UnitId, files: Vec<(String, Vec<u8>)>) -> AppResult<Filed> {
    let units = UnitTree::new(store.units().unwrap());
    let form = text().parse(unit, date!(2026 - 12 - 04)).unwrap();
    submit(store, AT, &units, Filing { form, files, code_hash: "0".repeat(64) }, &AttachmentLimits::default())
}

/// A civil registration of 50,000,000 đ at a regional section, no officer, the book's next number.
fn registration() -> Registration {
    Registration {
        judgment_type: JudgmentType::DanSu,
        amount: Vnd::new(50_000_000).unwrap(),
        officer: None,
        case_no: None,
        unit_kind: UnitKind::Region,
    }
}

fn actor() -> Actor {
    Actor { login: "clerk.kv1".into(), at: datetime!(2026-12-07 02:00 UTC) }
}

fn a_request_is_numbered_dated_and_registered_into_a_case(store: &dyn Store) {
    let u = thads_testkit::seed_units(store);
    let pdf = (String::from("bản án.pdf"), b"%PDF-1.7 ...".to_vec());
    let first = file(store, u.region1, vec![pdf.clone()]).unwrap();
    assert_eq!(first.number.to_string(), "BG-KV1-2026-00001");
    // Five working days from Friday 04/12/2026: Friday 11/12/2026.
    assert_eq!(first.appointment_on, date!(2026 - 12 - 11));
    assert_eq!(file(store, u.region1, vec![]).unwrap().number.seq, 2);
    assert_eq!(file(store, u.region2, vec![]).unwrap().number.to_string(), "BG-KV2-2026-00001");
    assert_eq!(store.request_attachments(first.id).unwrap().len(), 1);

    let asked = Step::AskSupplement { what: "Bản sao bản án có chứng thực".into(), due_on: None };
    let row = apply_step(store, &actor(), first.id, &asked).unwrap();
    assert_eq!(row.progress.state, RequestState::NeedsSupplement);
    // Ten working days from Monday 07/12/2026 (the unconfirmed limit kept as data).
    assert_eq!(row.progress.supplement.as_ref().unwrap().due_on, date!(2026 - 12 - 21));

    let registration = registration();
    let (row, changed) = register(store, &actor(), &Rules::default(), first.id, registration.clone()).unwrap();
    assert_eq!(row.progress.state, RequestState::Registered);
    assert_eq!(row.progress.case_id, Some(changed.case.id));
    let case = store.case(changed.case.id).unwrap().unwrap();
    assert_eq!((case.facts.creditor.as_str(), case.facts.debtor.as_str()), ("Trần Thị Bích", "Nguyễn Văn An"));
    let details = store.case_details(changed.case.id).unwrap().unwrap();
    assert_eq!(details.request.unwrap().date, date!(2026 - 12 - 04));
    assert_eq!(details.judgment.unwrap().number, "12/2025/DS-ST");
    assert!(register(store, &actor(), &Rules::default(), first.id, registration).is_err(), "registered once");
    let refuse = Step::Refuse { reason: "Đã có quyết định".into() };
    assert!(matches!(apply_step(store, &actor(), first.id, &refuse), Err(AppError::Invalid(_))));

    let actions: Vec<String> = store.audit_of_case(changed.case.id).unwrap().into_iter().map(|a| a.action).collect();
    assert!(actions.contains(&"request.register".to_string()) && actions.contains(&"case.intake".to_string()));
}

fn a_refusal_needs_a_reason_and_bad_files_write_nothing(store: &dyn Store) {
    let u = thads_testkit::seed_units(store);
    let png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 1];
    let lie = file(store, u.region1, vec![("ban-an.pdf".into(), png.clone())]);
    assert!(matches!(lie, Err(AppError::Field { field: "files", .. })));
    let html = file(store, u.region1, vec![("ban-an.pdf".into(), b"<html><script>x</script>".to_vec())]);
    assert!(matches!(html, Err(AppError::Field { field: "files", .. })));
    let many = file(store, u.region1, vec![("a.png".into(), png); 6]);
    assert!(matches!(many, Err(AppError::Field { field: "files", .. })));
    assert!(store.requests_of(&[u.region1]).unwrap().is_empty(), "nothing written, no number used");
    let filed = file(store, u.region1, vec![]).unwrap();
    assert_eq!(filed.number.seq, 1);
    let empty = Step::Refuse { reason: " \u{200B} ".into() };
    assert!(matches!(apply_step(store, &actor(), filed.id, &empty), Err(AppError::Field { field: "reason", .. })));
    let past = Step::AskSupplement { what: "CCCD".into(), due_on: Some(date!(2026 - 12 - 01)) };
    assert!(matches!(apply_step(store, &actor(), filed.id, &past), Err(AppError::Field { field: "due_on", .. })));
    let row = apply_step(store, &actor(), filed.id, &Step::Refuse { reason: "Hết thời hiệu".into() }).unwrap();
    assert_eq!((row.progress.state, row.progress.refusal.as_deref()), (RequestState::Refused, Some("Hết thời hiệu")));
    let national = UnitTree::new(store.units().unwrap());
    assert!(!receives_requests(&national, u.national, date!(2026 - 12 - 04)));
}

/// An open request of a unit merged away moves to the successor's queue with its number and is
/// registered there into a case of the successor; a refused one stays where it was decided.
fn an_open_request_follows_a_merge_and_is_registered_at_the_successor(store: &dyn Store) {
    let u = thads_testkit::seed_units(store);
    let open = file(store, u.region1, vec![]).unwrap();
    let refused = file(store, u.region1, vec![]).unwrap();
    apply_step(store, &actor(), refused.id, &Step::Refuse { reason: "Hết thời hiệu".into() }).unwrap();
    let merge = crate::reorg::MergeRequest {
        into: "BG-KV9".into(),
        from: vec!["BG-KV1".into(), "BG-KV2".into()],
        on: date!(2026 - 12 - 05),
        name: Some("Phòng THADS khu vực 9".into()),
        kind: None,
    };
    let admin = Actor { login: "admin".into(), at: datetime!(2026-12-05 02:00 UTC) };
    let done = crate::reorg::merge(store, &admin, &Rules::default(), &merge).unwrap();
    assert_eq!(done.followed.requests, 1, "{:?}", done.followed);
    let kv9 = UnitTree::new(store.units().unwrap()).by_code("BG-KV9").unwrap().id;
    let row = store.request(open.id).unwrap().unwrap();
    assert_eq!((row.handled_by, row.request.form.unit), (kv9, u.region1));
    assert_eq!(row.request.number.to_string(), "BG-KV1-2026-00001", "the number stays the filing unit's");
    assert_eq!(store.request(refused.id).unwrap().unwrap().handled_by, u.region1, "decided: stays");
    assert_eq!(store.requests_of(&[kv9]).unwrap().iter().map(|r| r.id).collect::<Vec<_>>(), [open.id]);
    let registration = registration();
    let (row, changed) = register(store, &actor(), &Rules::default(), open.id, registration).unwrap();
    assert_eq!(row.progress.state, RequestState::Registered);
    assert_eq!(store.case(changed.case.id).unwrap().unwrap().facts.unit, kv9, "a case of the successor");
}

/// One test per check and backend.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $name() {
                super::$name(&thads_testkit::sqlite_store());
            })*
        }
        mod postgres {
            $(#[test]
            fn $name() {
                if let Some(store) = thads_store_postgres::testing::fresh_store().expect("fresh PostgreSQL store") {
                    super::$name(&store);
                }
            })*
        }
    };
}

on_both_backends!(
    a_request_is_numbered_dated_and_registered_into_a_case,
    a_refusal_needs_a_reason_and_bad_files_write_nothing,
    an_open_request_follows_a_merge_and_is_registered_at_the_successor,
);
