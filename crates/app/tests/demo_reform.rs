//! The demo runs through the 2025 reform (issue 23): reports of the reporting year 2024 come
//! as reported then (63 provinces, district offices) and restated on today's units (34
//! provinces, regional sections), each restated figure the sum of its predecessors' as
//! reported; the ledger stays exact.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use thads_app::demo::{DemoConfig, generate};
use thads_app::ledger::{LedgerCheck, check_ledger};
use thads_app::progress::Silent;
use thads_app::reorg;
use thads_app::stats::{month_engine, targets};
use thads_core::reorg::{OpKind, Structure};
use thads_core::{Period, Rules, UnitId};
use thads_store::{Money, Reorgs, Store, Units};
use thads_testkit::sqlite_store;
use time::macros::date;

const AS_OF: time::Date = date!(2026 - 11 - 20);

fn report(store: &dyn Store, unit: UnitId, structure: Structure, by_unit: bool) -> thads_reports::Report {
    let rules = Rules::default();
    let engine = month_engine(store, &rules).unwrap();
    let t = targets(store).unwrap();
    let period = Period::new(date!(2023 - 10 - 01), date!(2024 - 09 - 30)).unwrap();
    if by_unit {
        reorg::stats::report_by_unit(store, &rules, &engine, &t, unit, period, AS_OF, structure).unwrap()
    } else {
        reorg::stats::report(store, &rules, &engine, &t, unit, period, AS_OF, structure).unwrap()
    }
}

#[test]
fn the_year_2024_as_reported_has_the_districts_and_restated_the_sections() {
    let store = sqlite_store();
    let summary = generate(&store, &Rules::default(), &DemoConfig::new(3_000, 5, AS_OF), &Silent).unwrap();
    assert_eq!(summary.reorg_operations, 389);
    assert!(matches!(check_ledger(&store, &Rules::default(), AS_OF).unwrap(), LedgerCheck::Equal { .. }));
    let units = store.units().unwrap();
    let id = |code: &str| units.iter().find(|u| u.code.as_str() == code).map(|u| u.id).unwrap();
    let vn = id("VN");
    let then = report(&store, vn, Structure::AsReported, true);
    let now = report(&store, vn, Structure::Restated, true);
    let provinces = |r: &thads_reports::Report| r.rows.iter().filter(|row| !row.own).count();
    assert_eq!((provinces(&then), provinces(&now)), (63, 34), "63 provinces then, 34 now");
    assert_eq!(then.cells, now.cells, "the nation's figures are the same either way");
    // Hải Phòng restated = Hải Phòng + Hải Dương as reported; its section 2 = the two district
    // offices of Hải Dương it was formed from.
    let mut sum = report(&store, id("HP"), Structure::AsReported, false).cells;
    sum.add(&report(&store, id("HD"), Structure::AsReported, false).cells);
    assert_eq!(report(&store, id("HP"), Structure::Restated, false).cells, sum);
    let mut sum = report(&store, id("HD-CC1"), Structure::AsReported, false).cells;
    sum.add(&report(&store, id("HD-CC2"), Structure::AsReported, false).cells);
    assert_eq!(report(&store, id("HP-KV2"), Structure::Restated, false).cells, sum);

    // The money held in merged provinces' books when the reform came was handed over: their
    // books are empty, the successors' hold it, and the money check is clean.
    let (first, last) = thads_app::money::EVER;
    let entries = |unit: UnitId| store.unit_entries(unit, first, last).unwrap();
    let provinces: Vec<_> = units.iter().filter(|u| u.kind == thads_core::UnitKind::Province).collect();
    let handed = provinces
        .iter()
        .flat_map(|u| entries(u.id))
        .filter(|r| r.entry.movement == thads_core::money::custody::Movement::Handover)
        .count();
    assert!(handed >= 2 && handed % 2 == 0, "out of the merged books and into the successor's: {handed}");
    for closed in provinces.iter().filter(|u| u.valid_to.is_some()) {
        let left = thads_core::money::custody::balances(entries(closed.id).iter().map(|r| &r.entry), last);
        assert!(left.values().all(|b| *b == 0), "{} keeps {left:?}", closed.code);
    }
    // The receipt issued twice in a merged province was cancelled after the reform: its
    // reversal is in the successor's books, which hold nothing more for that debtor.
    let reversals: Vec<_> = provinces
        .iter()
        .flat_map(|u| entries(u.id))
        .filter(|r| r.entry.reverses.is_some() && r.entry.date == date!(2025 - 07 - 04))
        .collect();
    assert_eq!(reversals.len(), 1, "one receipt cancelled after the reform");
    let successor = units.iter().find(|u| u.id == reversals[0].entry.unit).unwrap();
    assert!(successor.valid_to.is_none(), "into the open successor's books, not {}", successor.code);
    let duplicated = thads_core::money::party::DebtorId::new("030085000777").unwrap();
    let debtor = thads_core::money::custody::DebtorMoney::of(
        &duplicated,
        provinces.iter().flat_map(|u| entries(u.id)).map(|r| r.entry).collect::<Vec<_>>().iter(),
        last,
    );
    assert_eq!(debtor.held.dong(), 0, "{debtor:?}");
    // A section of Hồ Chí Minh holding a case's money since before the reform moved under Đồng
    // Nai a week after it, taking that money into Đồng Nai's books.
    let moves: Vec<_> =
        store.reorg_operations().unwrap().into_iter().filter(|r| r.operation.kind == OpKind::Move).collect();
    assert_eq!(moves.len(), 1, "one section moved");
    let into_dna: Vec<_> = entries(id("DNA"))
        .into_iter()
        .filter(|r| r.entry.movement == thads_core::money::custody::Movement::Handover)
        .collect();
    assert_eq!(into_dna.len(), 1, "the section's money came into Đồng Nai's books");
    let hcm_left = thads_core::money::custody::balances(entries(id("HCM")).iter().map(|r| &r.entry), last);
    let moved_cases: Vec<_> = into_dna[0]
        .entry
        .postings
        .iter()
        .filter(|p| matches!(p.party, thads_core::money::custody::Party::Case(_)))
        .collect();
    assert!(!moved_cases.is_empty(), "a case's money among it");
    for p in moved_cases {
        assert_eq!(hcm_left.get(&(p.account, p.party.clone())).copied().unwrap_or(0), 0, "none left in HCM's");
    }
    let tree = thads_core::UnitTree::new(units.clone());
    let check = thads_app::money::check::check(&store, &tree, None).unwrap();
    assert!(check.is_clean(), "{:?}", check.mismatches);
}
