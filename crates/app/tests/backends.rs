//! The same data on SQLite and on PostgreSQL gives the same statistics, byte for byte: every
//! unit's report JSON for whole years, parts of years and a period of arbitrary days, for the
//! demo and for the same register files imported into both. Skipped (passes) when
//! `THADS_TEST_PG` is unset.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use thads_app::Actor;
use thads_app::demo::{DemoConfig, generate};
use thads_app::imports::{Authority, InputFile, import_files};
use thads_app::progress::Silent;
use thads_app::stats::{month_engine, report, targets};
use thads_core::{Period, ReportingYear, Rules, UnitId};
use thads_store::Store;
use thads_store_postgres::testing::fresh_store;
use thads_testkit::sqlite_store;
use time::Date;
use time::macros::{date, datetime};

const AS_OF: Date = date!(2026 - 11 - 20);

/// Unit ids by code: the two databases number their rows independently.
fn ids(store: &dyn Store) -> HashMap<String, UnitId> {
    store.units().unwrap().into_iter().map(|u| (u.code.as_str().to_string(), u.id)).collect()
}

fn periods() -> Vec<Period> {
    let mut periods = vec![Period::new(date!(2025 - 10 - 15), date!(2026 - 03 - 10)).unwrap()];
    for year in 2023..=2027 {
        let year = ReportingYear::new(year).unwrap();
        periods.extend([3, 12].map(|months| year.cumulative(months).unwrap()));
    }
    periods
}

#[test]
fn reports_are_byte_identical_on_sqlite_and_postgres() {
    let Some(pg) = fresh_store().unwrap() else { return };
    let lite = sqlite_store();
    let rules = Rules::default();
    let config = DemoConfig::new(1_500, 11, AS_OF);
    generate(&lite, &rules, &config, &Silent).unwrap();
    generate(&pg, &rules, &config, &Silent).unwrap();
    assert_same_reports(&lite, &pg, &rules);
}

/// Register files imported into both backends (cases and events many enough for the bulk paths:
/// COPY and batched updates on PostgreSQL) give the same reports.
#[test]
fn imported_registers_give_byte_identical_reports() {
    let Some(pg) = fresh_store().unwrap() else { return };
    let lite = sqlite_store();
    let rules = Rules::default();
    let dir = tempfile::tempdir().unwrap();
    let files = write_registers(dir.path(), 400);
    let actor = Actor { login: "thu.ky".into(), at: datetime!(2026-11-20 03:00 UTC) };
    for store in [&lite as &dyn Store, &pg] {
        let files: Vec<InputFile> = files.iter().map(InputFile::at).collect();
        let reports = import_files(store, &actor, &Authority::Operator, &rules, &files, &Silent).unwrap();
        assert!(reports.iter().all(|r| r.outcome.is_imported()), "{reports:#?}");
        assert_eq!(store.case_count().unwrap(), 400);
    }
    assert_eq!(case_rows(&lite), case_rows(&pg), "the stored state of every case");
    assert_same_reports(&lite, &pg, &rules);
}

/// Every case as stored, by unit code and number: facts without ids, state, version, counts.
fn case_rows(store: &dyn Store) -> Vec<String> {
    let codes: HashMap<UnitId, String> = ids(store).into_iter().map(|(code, id)| (id, code)).collect();
    let mut rows = Vec::new();
    store
        .scan_histories(&thads_store::ScanFilter::default(), &mut |h| {
            let c = &h.case;
            rows.push(format!(
                "{} {} {:?} v{} {:?} {} {} {}",
                codes[&c.facts.unit],
                c.facts.case_no,
                c.current,
                c.version,
                c.last_event_on,
                c.event_count,
                c.facts.debtor,
                h.records.len()
            ));
            Ok(())
        })
        .unwrap();
    rows.sort();
    rows
}

fn assert_same_reports(lite: &dyn Store, pg: &dyn Store, rules: &Rules) {
    let sides: [&dyn Store; 2] = [lite, pg];
    let engines: Vec<_> = sides.iter().map(|s| (month_engine(*s, rules).unwrap(), targets(*s).unwrap())).collect();
    let (lite_ids, pg_ids) = (ids(lite), ids(pg));
    assert_eq!(lite_ids.len(), pg_ids.len());
    let mut compared = 0;
    for (code, lite_id) in &lite_ids {
        for period in periods() {
            let json = |i: usize, id: UnitId| {
                let (engine, targets) = &engines[i];
                report(sides[i], rules, engine, targets, id, period, AS_OF).unwrap().to_json().unwrap()
            };
            assert_eq!(json(0, *lite_id), json(1, pg_ids[code]), "{code} {period:?}");
            compared += 1;
        }
    }
    assert!(compared > 50, "{compared} reports compared");
}

/// units.csv (the fixture), cases.csv and events.csv of `n` cases in two sections and a
/// province, with histories of every kind: opened, without means, partly collected, completed,
/// postponed then terminated.
fn write_registers(dir: &Path, n: usize) -> Vec<PathBuf> {
    let units = dir.join("units.csv");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/units.csv"), &units).unwrap();
    let (mut cases, mut events) = (
        String::from(
            "unit,case_no,accepted_on,origin,received_by_delegation,judgment_type,categories,amount_vnd,debtor,creditor,officer\n",
        ),
        String::from("unit,case_no,date,event,amount_vnd,ground\n"),
    );
    for i in 0..n {
        let unit = ["BG-KV1", "BG-KV2", "BG"][i % 3];
        let accepted = date!(2023 - 10 - 01) + time::Duration::days((i as i64 * 37) % 1000);
        let amount = 1_000_000 * (1 + i as i64 % 50) + i as i64;
        let origin = if i % 4 == 0 { "chu_dong" } else { "theo_yeu_cau" };
        let judgment = ["dan_su", "hinh_su", "hanh_chinh"][i % 3];
        let category = if i % 7 == 0 { "tin_dung" } else { "" };
        writeln!(
            cases,
            "{unit},{i}/QĐ-THADS,{accepted},{origin},{},{judgment},{category},{amount},Nguyễn Văn {i},Lê Thị {i},",
            u8::from(i % 11 == 0)
        )
        .unwrap();
        let day = |d: i64| accepted + time::Duration::days(d);
        let mut event = |d: i64, code: &str, amount: Option<i64>, ground: &str| {
            let amount = amount.map_or(String::new(), |a| a.to_string());
            writeln!(events, "{unit},{i}/QĐ-THADS,{},{code},{amount},{ground}", day(d)).unwrap();
        };
        match i % 5 {
            0 => event(10, "no_means", None, ""),
            1 => {
                event(5, "with_means", None, "");
                event(30, "collected", Some(amount / 2), "");
            }
            2 => {
                event(5, "with_means", None, "");
                event(20, "collected", Some(amount), "");
                event(21, "completed", None, "");
            }
            3 => {
                event(7, "postponed", None, "48.1.c");
                event(40, "terminated", None, "");
            }
            _ => {}
        }
    }
    let (cases_path, events_path) = (dir.join("cases.csv"), dir.join("events.csv"));
    std::fs::write(&cases_path, cases).unwrap();
    std::fs::write(&events_path, events).unwrap();
    vec![units, cases_path, events_path]
}
