//! Contract checks of enforcement requests (schema 0021_requests): a request round-trips with
//! its attachments (bytes exact), is found by its number, its steps are replaced, a registered
//! request names its case; receipt numbers of concurrent writers run from 1 per unit and year
//! without gap or duplicate, a rolled-back request giving its number back; an open request
//! follows a reorganisation of its unit to the successor's queue, keeping its number.

use thads_core::case::{Judgment, PartyId};
use thads_core::requests::{AttachmentKind, ReceiptNo, RequestForm, RequestId, RequestState, Requester};
use thads_core::{UnitId, field};
use time::macros::{date, datetime};

use super::{ok, seed_case, seed_units};
use crate::*;

fn form(unit: UnitId) -> RequestForm {
    RequestForm {
        unit,
        requester: Requester {
            name: "Trần Thị «Bích» <b>".into(),
            id_number: ok(PartyId::parse("id_number", field::ID_NUMBER, "001085012345")
                .map_err(|e| StoreError::Invalid(e.to_string())))
            .unwrap_or_else(|| panic!("an id")),
            address: "Số 5 Lê Lợi, Bắc Giang".into(),
            phone: "0912 345 678".into(),
            email: None,
        },
        judgment: Judgment {
            court: "TAND tỉnh Bắc Giang".into(),
            number: "12/2025/DS-ST".into(),
            date: date!(2025 - 12 - 01),
        },
        asked: "Buộc trả 50.000.000 đồng\nvà lãi".into(),
        debtor: "Nguyễn Văn An".into(),
        debtor_address: String::new(),
    }
}

fn new_request(unit: UnitId, code: &str, seq: u32) -> NewRequest {
    NewRequest {
        number: ReceiptNo { unit_code: code.into(), year: 2026, seq },
        code_hash: "ab".repeat(32),
        form: form(unit),
        received_at: datetime!(2026-03-02 02:15 UTC),
        received_on: date!(2026 - 03 - 02),
        appointment_on: date!(2026 - 03 - 09),
    }
}

pub fn requests_round_trip_with_their_attachments_and_steps(store: &dyn Store) {
    let ids = seed_units(store);
    let (k1, k2) = (ids[2], ids[3]);
    let pdf = b"%PDF-1.7\n\x00\xff binary".to_vec();
    let mut tx = ok(store.begin());
    let seq = ok(tx.take_request_number(k1, 2026));
    assert_eq!(seq, 1);
    let first = new_request(k1, "BG-KV1", seq);
    let id = ok(tx.insert_request(&first));
    let file = ok(tx.insert_request_attachment(id, "bản án.pdf", AttachmentKind::Pdf, &pdf));
    ok(tx.commit());
    let mut tx = ok(store.begin());
    let seq2 = ok(tx.take_request_number(k2, 2026));
    let other = ok(tx.insert_request(&new_request(k2, "BG-KV2", seq2)));
    assert!(matches!(tx.insert_request(&first), Err(StoreError::Duplicate(_))), "a number is used once");
    ok(tx.commit());

    let row = ok(store.request(id)).unwrap_or_else(|| panic!("stored"));
    assert_eq!(row.request, first);
    assert_eq!(row.progress, RequestProgress::received());
    assert_eq!(ok(store.request_by_number(&first.number)).map(|r| r.id), Some(id));
    assert_eq!(ok(store.request_by_number(&ReceiptNo { seq: 9, ..first.number.clone() })), None);
    assert_eq!(ok(store.requests_of(&[k1])).iter().map(|r| r.id).collect::<Vec<_>>(), [id]);
    assert_eq!(ok(store.requests_of(&[k1, k2])).iter().map(|r| r.id).collect::<Vec<_>>(), [other, id]);
    let files = ok(store.request_attachments(id));
    assert_eq!(files.len(), 1);
    assert_eq!((files[0].name.as_str(), files[0].kind, files[0].size), ("bản án.pdf", AttachmentKind::Pdf, 18));
    let (meta, content) = ok(store.request_attachment(id, file)).unwrap_or_else(|| panic!("the file"));
    assert_eq!((meta.id, content), (file, pdf));
    assert_eq!(ok(store.request_attachment(other, file)), None, "a file is read through its own request only");

    let case = seed_case(store, k1, "5/QĐ-THADS");
    let mut tx = ok(store.begin());
    let mut progress = ok(tx.request_for_update(id)).unwrap_or_else(|| panic!("locked")).progress;
    progress.state = RequestState::NeedsSupplement;
    progress.supplement = Some(Supplement {
        asked_on: date!(2026 - 03 - 03),
        due_on: date!(2026 - 03 - 17),
        what: "Bản sao CCCD".into(),
    });
    progress.updated_by = Some("clerk.kv1".into());
    ok(tx.update_request_progress(id, &progress));
    let mut registered = progress.clone();
    registered.state = RequestState::Registered;
    registered.decided_on = Some(date!(2026 - 03 - 05));
    registered.case_id = Some(case);
    ok(tx.update_request_progress(id, &registered));
    let mut refused = RequestProgress::received();
    refused.state = RequestState::Refused;
    refused.case_id = Some(case);
    assert!(tx.update_request_progress(other, &refused).is_err(), "a refused request names no case");
    assert!(matches!(tx.update_request_progress(RequestId(999_999), &progress), Err(StoreError::NotFound(_))));
    ok(tx.commit());
    assert_eq!(ok(store.request(id)).map(|r| r.progress), Some(registered));

    // A reorganisation closing KV1 into KV2 moves no decided request; closing KV2 into KV1 moves
    // the open one to KV1's queue, with its number.
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.follow_unit(k1, k2, date!(2026 - 04 - 01))).requests, 0, "registered: stays");
    assert_eq!(ok(tx.follow_unit(k2, k1, date!(2026 - 04 - 01))).requests, 1);
    ok(tx.commit());
    let moved = ok(store.request(other)).unwrap_or_else(|| panic!("stored"));
    assert_eq!((moved.handled_by, moved.request.form.unit), (k1, k2), "handled at KV1, filed with KV2");
    assert_eq!(ok(store.request(id)).map(|r| r.handled_by), Some(k1));
    assert_eq!(ok(store.request_by_number(&moved.request.number)).map(|r| r.id), Some(other));
    assert_eq!(ok(store.requests_of(&[k1])).iter().map(|r| r.id).collect::<Vec<_>>(), [other, id]);
    assert!(ok(store.requests_of(&[k2])).is_empty());
}

pub fn request_numbers_have_no_gap_per_unit_and_year(store: &dyn Store) {
    const WRITERS: usize = 6;
    const EACH: usize = 5;
    let ids = seed_units(store);
    let unit = ids[2];
    std::thread::scope(|s| {
        for w in 0..WRITERS {
            s.spawn(move || {
                for i in 0..EACH {
                    let mut tx = ok(store.begin());
                    let seq = ok(tx.take_request_number(unit, 2026));
                    ok(tx.insert_request(&new_request(unit, "BG-KV1", seq)));
                    if (w + i) % 4 == 3 {
                        // Rolled back: the number is given back, not lost.
                        drop(tx);
                        continue;
                    }
                    ok(tx.commit());
                }
            });
        }
    });
    let mut seqs: Vec<u32> = ok(store.requests_of(&[unit])).iter().map(|r| r.request.number.seq).collect();
    seqs.sort_unstable();
    let committed = (0..WRITERS).flat_map(|w| (0..EACH).map(move |i| (w, i))).filter(|(w, i)| (w + i) % 4 != 3).count();
    let expected: Vec<u32> = (1..=u32::try_from(committed).unwrap_or(0)).collect();
    assert_eq!(seqs, expected, "from 1, no gap, no duplicate");
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.take_request_number(unit, 2027)), 1, "a new year starts at 1");
    assert_eq!(ok(tx.take_request_number(ids[3], 2026)), 1, "each unit has its own book");
}
