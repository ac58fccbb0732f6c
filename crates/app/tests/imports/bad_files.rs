//! Files refused as a whole: empty, not UTF-8, a wrong header, rows of the wrong shape.

use crate::support::*;

#[test]
fn a_zero_byte_file_is_refused() {
    let store = seeded();
    let found = refused(&store, fixture("empty_cases.csv"));
    assert_eq!(places(&found), [(None, None)]);
    assert!(found[0].reason.contains("empty (0 bytes)"), "{}", found[0].reason);
}

#[test]
fn a_header_without_rows_is_refused() {
    let store = seeded();
    let found = refused(&store, fixture("header-only_cases.csv"));
    assert_eq!(places(&found), [(None, None)]);
    assert!(found[0].reason.contains("no rows"), "{}", found[0].reason);
}

#[test]
fn a_windows_1258_file_is_refused_naming_the_line_and_how_to_resave_it() {
    let store = seeded();
    let found = refused(&store, fixture("windows-1258_cases.csv"));
    assert_eq!(places(&found), [(Some(3), None)]);
    let reason = &found[0].reason;
    assert!(reason.contains("line 3, field 9"), "{reason}");
    assert!(reason.contains("Windows-1258") && reason.contains("CSV UTF-8"), "{reason}");
}

#[test]
fn a_utf16_file_is_refused() {
    let store = seeded();
    let scratch = Scratch::new();
    let text: Vec<u8> = [0xFF, 0xFE].into_iter().chain("unit".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let found = refused(&store, scratch.bytes("cases.csv", &text));
    assert!(found[0].reason.contains("UTF-16"), "{}", found[0].reason);
}

#[test]
fn unknown_duplicate_and_missing_columns_are_refused_at_the_header() {
    let store = seeded();
    let scratch = Scratch::new();
    let text = "unit,case_no,date,event,amount,event\nBG-KV1,1/QĐ-THADS,10/01/2024,with_means,,with_means\n";
    let found = refused(&store, scratch.file("events.csv", text));
    assert_eq!(places(&found), [(Some(1), Some("amount")), (Some(1), Some("event"))]);
    assert!(found[0].reason.contains("unknown column"));
    assert!(found[1].reason.contains("appears twice"));

    let text = "unit,case_no,accepted_on,origin,judgment_type,amount_vnd,creditor\nBG-KV1,5/QĐ,01/01/2024,chu_dong,dan_su,0,B\n";
    let found = refused(&store, scratch.file("cases.csv", text));
    assert_eq!(places(&found), [(Some(1), Some("debtor"))]);
    assert!(found[0].reason.contains("required column missing"));
}

#[test]
fn optional_columns_may_be_absent() {
    let store = seeded();
    let scratch = Scratch::new();
    let text = "debtor,unit,case_no,accepted_on,origin,judgment_type,amount_vnd,creditor\nAn,BG-KV1,5/QĐ,01/01/2024,chu_dong,dan_su,0,B\n";
    let reports = import(&store, &[scratch.file("cases.csv", text)]);
    assert!(reports[0].outcome.is_imported(), "{reports:#?}");
}

#[test]
fn rows_with_a_missing_or_extra_field_are_listed() {
    let store = seeded();
    let scratch = Scratch::new();
    let text = format!(
        "{EVENTS_HEADER}\nBG-KV2,1/QĐ-THADS,01/04/2024,with_means,,\nBG-KV2,1/QĐ-THADS,02/04/2024,postponed\n\
         BG-KV2,1/QĐ-THADS,03/04/2024,resumed,,,x\n"
    );
    let found = refused(&store, scratch.file("events.csv", &text));
    assert_eq!(places(&found), [(Some(3), None), (Some(4), None)]);
    assert!(found[0].reason.contains("missing column") && found[0].reason.contains("4 fields, the header 6"));
    assert!(found[1].reason.contains("extra column"));
}

#[test]
fn a_refused_file_can_be_imported_once_corrected() {
    let store = seeded();
    let scratch = Scratch::new();
    let bad = scratch.file("events.csv", &format!("{EVENTS_HEADER}\nBG-KV2,1/QĐ-THADS,31/04/2024,with_means,,\n"));
    assert_eq!(places(&refused(&store, bad.clone())), [(Some(2), Some("date"))]);
    // The refused file's fingerprint was rolled back with the rest: it is refused again for its
    // content, not as "already imported".
    assert_eq!(places(&refused(&store, bad)), [(Some(2), Some("date"))]);
    let good = scratch.file("events.csv", &format!("{EVENTS_HEADER}\nBG-KV2,1/QĐ-THADS,30/04/2024,with_means,,\n"));
    assert!(import(&store, &[good])[0].outcome.is_imported());
}

#[test]
fn rows_are_numbered_as_excel_shows_them() {
    for newline in ["\n", "\r\n"] {
        let store = seeded();
        let scratch = Scratch::new();
        let lines = [
            EVENTS_HEADER,
            "BG-KV2,1/QĐ-THADS,01/04/2024,with_means,,",
            "",
            "",
            "BG-KV2,1/QĐ-THADS,\"02/04\n/2024\",no_means,,",
            "BG-KV2,1/QĐ-THADS,31/04/2024,no_means,,",
        ];
        let found = refused(&store, scratch.file("events.csv", &lines.join(newline)));
        assert_eq!(places(&found), [(Some(5), Some("date")), (Some(6), Some("date"))], "{newline:?}");
    }
}
