//! The same data on SQLite and on PostgreSQL gives the same statistics, byte for byte: every
//! unit's report JSON for whole years, parts of years and a period of arbitrary days. Skipped
//! (passes) when `THADS_TEST_PG` is unset.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::collections::HashMap;

use thads_app::demo::{DemoConfig, generate};
use thads_app::progress::Silent;
use thads_app::stats::{month_engine, report, targets};
use thads_core::{Period, ReportingYear, Rules, UnitId};
use thads_store::Store;
use thads_store_postgres::testing::fresh_store;
use thads_testkit::sqlite_store;
use time::Date;
use time::macros::date;

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
    let sides: [&dyn Store; 2] = [&lite, &pg];
    let engines: Vec<_> = sides.iter().map(|s| (month_engine(*s, &rules).unwrap(), targets(*s).unwrap())).collect();
    let (lite_ids, pg_ids) = (ids(&lite), ids(&pg));
    assert_eq!(lite_ids.len(), pg_ids.len());
    let mut compared = 0;
    for (code, lite_id) in &lite_ids {
        for period in periods() {
            let json = |i: usize, id: UnitId| {
                let (engine, targets) = &engines[i];
                report(sides[i], &rules, engine, targets, id, period, AS_OF).unwrap().to_json().unwrap()
            };
            assert_eq!(json(0, *lite_id), json(1, pg_ids[code]), "{code} {period:?}");
            compared += 1;
        }
    }
    assert!(compared > 100, "{compared} reports compared");
}
