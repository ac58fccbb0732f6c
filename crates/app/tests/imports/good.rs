//! Good files: everything lands, in dependency order, with officers, the ledger and the audit.

use thads_app::cases::view::find_case;
use thads_app::imports::{Kind, Outcome};
use thads_core::{CaseState, Category, Percent, Vnd};
use thads_store::{Accounts, Audit, Cases, Targets, Units};

use crate::support::*;

#[test]
fn good_files_land_in_dependency_order_whatever_the_command_line_order() {
    let store = thads_testkit::sqlite_store();
    let files = ["targets.csv", "events.csv", "cases.csv", "units.csv"].map(fixture);
    let reports = import(&store, &files);
    let kinds: Vec<_> = reports.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [Kind::Units, Kind::Cases, Kind::Events, Kind::Targets].map(Some));
    let imported: Vec<_> = reports
        .iter()
        .map(|r| match &r.outcome {
            Outcome::Imported(i) => i.clone(),
            other => panic!("{}: {other:#?}", r.file),
        })
        .collect();
    assert_eq!(imported.iter().map(|i| i.rows).collect::<Vec<_>>(), [5, 5, 12, 2]);
    assert_eq!(imported[1].officers_created, ["chv.an", "chv.cuong"]);
    assert_eq!(imported[2].cases_touched, 5);

    let (_, case) = find_case(&store, "BG-KV1", "1/QĐ-THADS").unwrap();
    assert_eq!(case.current.state, CaseState::WithMeans);
    assert_eq!(case.current.collected, Vnd::new(50_000_000).unwrap());
    assert_eq!(case.current.outstanding, Vnd::new(70_000_000).unwrap());
    assert!(case.facts.categories.contains(Category::TinDung));
    let (_, case) = find_case(&store, "BG-KV2", "1/QĐ-THADS").unwrap();
    assert!(case.facts.received_by_delegation);
    assert_eq!(case.facts.debtor, "Công ty TNHH Hòa Bình, chi nhánh Bắc Giang");
    assert_eq!(case.current.state, CaseState::WithoutMeans);

    let staff = store.staff().unwrap();
    let an = staff.iter().find(|s| s.login.as_str() == "chv.an").unwrap();
    assert_eq!(store.units().unwrap().iter().find(|u| u.id == an.unit).unwrap().code.as_str(), "BG-KV1");
    let units = store.units().unwrap();
    let h1 = units.iter().find(|u| u.code.as_str() == "BG-H1").unwrap();
    let kv1 = units.iter().find(|u| u.code.as_str() == "BG-KV1").unwrap();
    assert_eq!(h1.successor, Some(kv1.id));
    let targets = store.targets().unwrap();
    assert!(targets.iter().any(|t| t.cases == Percent(8280) && t.money == Percent(4500)));
    assert_eq!(store.audit_of_actor("thu.ky", 10).unwrap().len(), 4, "one audit entry per file");
    assert_ledger_is_recomputed(&store);
}

#[test]
fn importing_the_same_file_twice_is_refused_with_nothing_changed() {
    let store = seeded();
    let before = landed(&store);
    let reports = import(&store, &[fixture("cases.csv")]);
    match &reports[0].outcome {
        Outcome::AlreadyImported(earlier) => {
            assert_eq!((earlier.id, earlier.imported_by.as_str(), earlier.rows), (2, "thu.ky", 5))
        }
        other => panic!("{other:#?}"),
    }
    assert_eq!(landed(&store), before);

    // The same rows in a file that differs by a byte are refused as duplicates, row by row.
    let scratch = Scratch::new();
    let mut text = std::fs::read(fixture("cases.csv")).unwrap();
    text.extend_from_slice(b"\r\n");
    let found = refused(&store, scratch.bytes("cases.csv", &text));
    assert_eq!(places(&found), (2..=6).map(|row| (Some(row), Some("case_no"))).collect::<Vec<_>>());
    assert!(found[0].reason.contains("already exists"), "{}", found[0].reason);
}

#[test]
fn an_already_imported_file_does_not_stop_the_files_after_it() {
    let store = seeded();
    let scratch = Scratch::new();
    let events = scratch.file("events.csv", &format!("{EVENTS_HEADER}\nBG-KV2,1/QĐ-THADS,01/04/2024,with_means,,\n"));
    let reports = import(&store, &[fixture("cases.csv"), events]);
    assert!(matches!(reports[0].outcome, Outcome::AlreadyImported(_)));
    assert!(reports[1].outcome.is_imported(), "{reports:#?}");
}

#[test]
fn a_refused_file_skips_the_files_after_it() {
    let store = thads_testkit::sqlite_store();
    let scratch = Scratch::new();
    let cases =
        scratch.file("cases.csv", &format!("{CASES_HEADER}\nBG-KV1,1/QĐ,31/02/2024,chu_dong,,dan_su,,0,A,B,\n"));
    let reports = import(&store, &[fixture("events.csv"), cases, fixture("units.csv")]);
    assert!(reports[0].outcome.is_imported());
    assert_eq!(places(problems(&reports[1])), [(Some(2), Some("accepted_on"))]);
    assert!(matches!(&reports[2].outcome, Outcome::Skipped { after } if after.ends_with("cases.csv")));
    assert_eq!(store.case_count().unwrap(), 0);
}

#[test]
fn file_names_may_carry_a_prefix_but_must_name_one_kind() {
    let store = thads_testkit::sqlite_store();
    let scratch = Scratch::new();
    let units = scratch.file("2024_units.csv", &std::fs::read_to_string(fixture("units.csv")).unwrap());
    let unknown = scratch.file("registers.csv", "code\n");
    let reports = import(&store, &[units.clone(), unknown]);
    let refused: Vec<_> = reports.iter().filter(|r| matches!(r.outcome, Outcome::Refused(_))).collect();
    assert_eq!(refused.len(), 1);
    assert!(refused[0].file.ends_with("registers.csv"));
    assert!(problems(refused[0])[0].reason.contains("units.csv, cases.csv"));
    assert!(reports.iter().any(|r| matches!(r.outcome, Outcome::Skipped { .. })));
    assert_eq!(store.units().unwrap().len(), 0, "a file that cannot be imported at all stops the command");
    let reports = import(&store, &[units]);
    assert!(reports[0].outcome.is_imported());
}

#[test]
fn text_is_normalised_to_nfc() {
    let store = seeded();
    let scratch = Scratch::new();
    let nfd = |s: &str| unicode_normalization::UnicodeNormalization::nfd(s).collect::<String>();
    let cases = format!(
        "{CASES_HEADER}\nBG-KV2,{},01/02/2024,chu_dong,,dan_su,,0,{},B,\n",
        nfd("9/QĐ-THADS"),
        nfd("Đỗ Thị Hoa")
    );
    assert!(import(&store, &[scratch.file("cases.csv", &cases)])[0].outcome.is_imported());
    let events = format!("{EVENTS_HEADER}\nBG-KV2,9/QĐ-THADS,02/02/2024,no_means,,\n");
    assert!(import(&store, &[scratch.file("events.csv", &events)])[0].outcome.is_imported());
    let (_, case) = find_case(&store, "BG-KV2", "9/QĐ-THADS").unwrap();
    assert_eq!(case.facts.debtor, "Đỗ Thị Hoa");
    assert_eq!(case.event_count, 1);
}
