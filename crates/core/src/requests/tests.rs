use time::macros::date;

use super::*;
use crate::calendar::{Announcements, WorkingCalendar};
use crate::deadlines::Regime;

fn text() -> RequestText {
    RequestText {
        name: "Trần Thị Bích".into(),
        id_number: "001085012345".into(),
        address: "Số 5 đường Lê Lợi, phường Hoàng Văn Thụ, Bắc Giang".into(),
        phone: "0912 345 678".into(),
        email: "bich@example.vn".into(),
        court: "TAND tỉnh Bắc Giang".into(),
        judgment_no: "12/2025/DS-ST".into(),
        judgment_date: "01/12/2025".into(),
        asked: "Buộc ông An trả 50.000.000 đồng".into(),
        debtor: "Nguyễn Văn An".into(),
        debtor_address: "Thôn Đông, xã Tân Dĩnh".into(),
    }
}

#[test]
fn a_form_is_cleaned_and_checked_field_by_field() {
    let form = text().parse(UnitId(3), date!(2026 - 03 - 02)).unwrap();
    assert_eq!(form.requester.id_number.as_str(), "001085012345");
    assert_eq!(form.judgment.date, date!(2025 - 12 - 01));
    let refused = |edit: fn(&mut RequestText)| {
        let mut t = text();
        edit(&mut t);
        t.parse(UnitId(3), date!(2026 - 03 - 02)).unwrap_err().field()
    };
    assert_eq!(refused(|t| t.judgment_no = "12/2025/DS\u{200B}-ST".into()), Some("judgment_no"));
    assert_eq!(refused(|t| t.id_number = "0010\u{AD}85012345".into()), Some("id_number"));
    assert_eq!(refused(|t| t.id_number = String::new()), Some("id_number"));
    assert_eq!(refused(|t| t.name = "x".repeat(201)), Some("name"));
    assert_eq!(refused(|t| t.asked = "x".repeat(2001)), Some("asked"));
    assert_eq!(refused(|t| t.phone = "goi toi".into()), Some("phone"));
    assert_eq!(refused(|t| t.email = "a@b".into()), Some("email"));
    assert_eq!(refused(|t| t.email = "<script>@x.vn".into()), Some("email"));
    assert_eq!(refused(|t| t.judgment_date = "01/12/2099".into()), Some("judgment_date"));
    assert_eq!(refused(|t| t.debtor = "\u{200B}".into()), Some("debtor"));
    let mut no_email = text();
    no_email.email = " ".into();
    assert_eq!(no_email.parse(UnitId(3), date!(2026 - 03 - 02)).unwrap().requester.email, None);
}

#[test]
fn attachments_are_typed_by_their_content() {
    let limits = AttachmentLimits::default();
    let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0];
    assert_eq!(check_attachment("ban-an.pdf", b"%PDF-1.7\n...", &limits).unwrap().1, AttachmentKind::Pdf);
    assert_eq!(check_attachment("anh.JPG", &[0xFF, 0xD8, 0xFF, 0xE0], &limits).unwrap().1, AttachmentKind::Jpeg);
    assert_eq!(
        check_attachment("C:\\fakepath\\cccd.png", &png, &limits).unwrap(),
        ("cccd.png".into(), AttachmentKind::Png)
    );
    assert!(matches!(check_attachment("ban-an.pdf", &png, &limits), Err(AttachmentError::Mismatch { .. })));
    assert!(matches!(
        check_attachment("ban-an.pdf", b"<html><script>alert(1)</script>", &limits),
        Err(AttachmentError::Type { .. })
    ));
    assert!(matches!(check_attachment("x.pdf", b"", &limits), Err(AttachmentError::Empty { .. })));
    let small = AttachmentLimits { max_bytes_each: 8, ..limits };
    assert!(matches!(check_attachment("x.pdf", b"%PDF-1.7 long", &small), Err(AttachmentError::TooLarge { .. })));
}

#[test]
fn receipt_numbers_and_codes_have_one_spelling() {
    let no = ReceiptNo { unit_code: "BG-KV1".into(), year: 2026, seq: 17 };
    assert_eq!(no.to_string(), "BG-KV1-2026-00017");
    assert_eq!(ReceiptNo::parse("bg-kv1-2026-00017"), Some(no));
    assert_eq!(ReceiptNo::parse("BG-KV1-2026-000\u{200B}17"), None);
    assert_eq!(ReceiptNo::parse("2026-00017"), None);
    assert_eq!(ReceiptNo::parse("BG-KV1-26-1"), None);
    assert_eq!(normalize_code("abcde-fghjk").as_deref(), Some("ABCDEFGHJK"));
    assert_eq!(normalize_code("O1LI0 23456").as_deref(), Some("01110 23456".replace(' ', "").as_str()));
    assert_eq!(normalize_code("ABCDEFGHJ"), None);
    assert_eq!(normalize_code("ABCDEFGHJU"), None);
    assert_eq!(normalize_code("ABCDE\u{200B}FGHJK"), None);
}

#[test]
fn steps_follow_the_state_machine() {
    use RequestState::*;
    assert_eq!(next_state(Submitted, StepKind::AskSupplement).unwrap(), NeedsSupplement);
    assert_eq!(next_state(NeedsSupplement, StepKind::Register).unwrap(), Registered);
    assert_eq!(next_state(Submitted, StepKind::Refuse).unwrap(), Refused);
    assert!(next_state(Registered, StepKind::Refuse).is_err());
    assert!(next_state(Refused, StepKind::Register).is_err());
    assert!(RequestState::ALL.iter().all(|s| RequestState::parse(s.code()) == Some(*s)));
}

#[test]
fn limits_are_data_by_regime_with_their_citation() {
    let limits = default_limits();
    let cal = WorkingCalendar::vietnam(Announcements::none()).unwrap();
    // Friday 04/12/2026 + 5 working days = Friday 11/12/2026.
    let decide = limits.from(LimitKind::Decide, date!(2026 - 12 - 04), &cal).unwrap();
    assert_eq!(decide.due, date!(2026 - 12 - 11));
    assert!(decide.limit.must_verify, "the new-law value is the old one, to verify");
    let ask = limits.get(LimitKind::AskSupplement, Regime::New).unwrap();
    assert_eq!(ask.citation, "NĐ 152/2026/NĐ-CP Điều 9 khoản 6");
    assert!(limits.get(LimitKind::AskSupplement, Regime::Old).is_none());
    let reply = limits.get(LimitKind::SupplementReply, Regime::New).unwrap();
    assert_eq!(reply.confidence, crate::confidence::Confidence::Unconfirmed);
    assert_eq!(limits.rows().len(), 7);
}
