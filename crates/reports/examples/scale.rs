//! Timing of the engine at national scale: synthetic cases through the real state machine and
//! ledger, summed into monthly ledger rows as the store keeps them, then the national report
//! with every breakdown, a regional section's report, and a live update.
//!
//! `cargo run --release -p thads-reports --example scale -- [CASES]` (default 10 000 000).
//! The report cost depends on series × months, not on cases; the cases only fill the ledger.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use thads_core::case::CaseBasis;
use thads_core::ledger::{CaseDims, Measures, SeriesKey, case_ledger};
use thads_core::lifecycle::replay;
use thads_core::rules::Rules;
use thads_core::{
    CaseId, Categories, Event, EventCode, JudgmentType, MonthKey, Origin, ReportingYear, StaffId, Unit, UnitCode,
    UnitId, UnitKind, UnitTree, Vnd,
};
use thads_reports::{CohortRow, DeductedInput, LedgerChange, MonthEngine, SeriesRow, Targets};
use thads_reports::{case_cohort, case_deducted, case_rows};
use time::{Date, Month};

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn units() -> UnitTree {
    let mut all = vec![unit(1, "VN", UnitKind::National, None)];
    let mut id = 2;
    for p in 0..34 {
        let province = id;
        all.push(unit(province, &format!("P{p:02}"), UnitKind::Province, Some(1)));
        id += 1;
        let regions = if p < 15 { 11 } else { 10 };
        for r in 0..regions {
            all.push(unit(id, &format!("P{p:02}-KV{r:02}"), UnitKind::Region, Some(province)));
            id += 1;
        }
    }
    UnitTree::new(all)
}

fn unit(id: i64, code: &str, kind: UnitKind, parent: Option<i64>) -> Unit {
    let code = UnitCode::new(code).unwrap_or_else(|_| panic!("code {code}"));
    Unit {
        id: UnitId(id),
        name: code.to_string(),
        code,
        kind,
        parent: parent.map(UnitId),
        valid_from: None,
        valid_to: None,
        successor: None,
    }
}

fn day(start: Date, n: u64) -> Date {
    start + time::Duration::days(n as i64)
}

fn history(rng: &mut Lcg, accepted: Date, amount: i64, today: Date) -> Vec<Event> {
    let ev = |date, code, amount: Option<i64>| Event {
        date,
        code,
        amount: amount.and_then(|a| Vnd::new(a).ok()),
        ground: None,
    };
    let mut out = Vec::new();
    let verified = day(accepted, 5 + rng.next(40));
    if verified > today {
        return out;
    }
    let fate = rng.next(100);
    let end = day(verified, 10 + rng.next(500));
    if fate < 25 {
        out.push(ev(verified, EventCode::NoMeans, None));
        return out;
    }
    out.push(ev(verified, EventCode::WithMeans, None));
    if end > today {
        return out;
    }
    match fate {
        25..=74 => {
            if amount > 0 {
                out.push(ev(end, EventCode::Collected, Some(amount)));
            }
            out.push(ev(end, EventCode::Completed, None));
        }
        75..=79 => out.push(ev(end, EventCode::Terminated, None)),
        80..=81 => {
            if amount > 1 {
                out.push(ev(end, EventCode::Collected, Some(amount / 2)));
            }
            out.push(ev(day(end, 3), EventCode::DelegatedOut, None));
        }
        82..=86 => out.push(ev(end, EventCode::Postponed, None)),
        _ if amount > 1 => out.push(ev(end, EventCode::Collected, Some(amount / 3))),
        _ => {}
    }
    out.retain(|e| e.date <= today);
    out
}

type Ledger = (Vec<SeriesRow<MonthKey>>, Vec<DeductedInput>, Vec<CohortRow<MonthKey>>);

fn synthesize(cases: u64, tree: &UnitTree, rules: &Rules, today: Date) -> Ledger {
    let sections: Vec<UnitId> = tree.all().iter().filter(|u| u.kind == UnitKind::Region).map(|u| u.id).collect();
    let provinces: Vec<UnitId> = tree.all().iter().filter(|u| u.kind == UnitKind::Province).map(|u| u.id).collect();
    let mut rng = Lcg(7);
    let start = Date::from_calendar_date(2021, Month::October, 1).unwrap_or(Date::MIN);
    let mut sums: HashMap<(SeriesKey, MonthKey), Measures> = HashMap::new();
    let mut cohorts: HashMap<(UnitId, MonthKey, Option<MonthKey>), i64> = HashMap::new();
    let mut deducted = Vec::new();
    for i in 0..cases {
        let unit = if rng.next(10) == 0 {
            provinces[rng.next(provinces.len() as u64) as usize]
        } else {
            sections[rng.next(sections.len() as u64) as usize]
        };
        let accepted = day(start, rng.next(1_880));
        let amount = if rng.next(5) == 0 { 0 } else { 1_000_000 * (1 + rng.next(2_000) as i64) };
        let mut categories = Categories::empty();
        if rng.next(20) == 0 {
            categories.insert(thads_core::Category::ALL[rng.next(4) as usize]);
        }
        let officer = rng.next(11);
        let dims = CaseDims {
            unit,
            officer: (officer > 0).then(|| StaffId(unit.0 * 100 + officer as i64)),
            origin: Origin::ALL[rng.next(2) as usize],
            judgment_type: JudgmentType::ALL[rng.next(9) as usize],
            categories,
        };
        let basis = CaseBasis {
            accepted_on: accepted.min(today),
            origin: dims.origin,
            amount: Vnd::new(amount).unwrap_or(Vnd::ZERO),
        };
        let events = history(&mut rng, basis.accepted_on, amount, today);
        let Ok(steps) = replay(&basis, &events, today, &rules.lifecycle) else { continue };
        let ledger = case_ledger(&basis, &steps, &rules.classification);
        for row in case_rows::<MonthKey>(&dims, &ledger) {
            if sums.entry((row.series, row.key)).or_default().add(&row.measures).is_err() {
                eprintln!("ledger sum out of range; skipped");
            }
        }
        deducted.extend(case_deducted(CaseId(i as i64), &dims, &ledger));
        if let Some(c) = case_cohort::<MonthKey>(&dims, &ledger) {
            *cohorts.entry((c.unit, c.accepted, c.closed)).or_default() += 1;
        }
    }
    let rows = sums.into_iter().map(|((series, key), measures)| SeriesRow { series, key, measures }).collect();
    let cohorts = cohorts
        .into_iter()
        .map(|((unit, accepted, closed), count)| CohortRow { unit, accepted, closed, count })
        .collect();
    (rows, deducted, cohorts)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// Time this thread has spent on a CPU (Linux schedstat), which other processes' load does
/// not inflate the way it inflates wall time.
fn cpu_time() -> Duration {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    Duration::from_nanos(text.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0))
}

/// Median wall time and mean CPU time of `runs` calls.
struct Timing(Duration, Duration);

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} wall (median), {:?} CPU (mean)", self.0, self.1)
    }
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Timing {
    let cpu = cpu_time();
    let walls = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    Timing(median(walls), (cpu_time() - cpu) / runs as u32)
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM")).map(str::to_string))
        .unwrap_or_default()
}

fn main() {
    let cases: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000_000);
    let today = Date::from_calendar_date(2026, Month::November, 22).unwrap_or(Date::MIN);
    let (tree, rules) = (units(), Rules::default());
    let t = Instant::now();
    let (rows, deducted, cohorts) = synthesize(cases, &tree, &rules, today);
    println!(
        "synthesized {cases} cases into {} ledger rows, {} deducted moves in {:?}",
        rows.len(),
        deducted.len(),
        t.elapsed()
    );
    if let Ok(n) = std::env::var("SCALE_BUILD_LOOPS") {
        for _ in 0..n.parse().unwrap_or(0) {
            let built = MonthEngine::build(tree.clone(), rules.classification.clone(), rows.clone(), deducted.clone());
            std::hint::black_box(built.map(|e| e.size()).unwrap_or_default());
        }
    }
    let (t, cpu) = (Instant::now(), cpu_time());
    let engine = match MonthEngine::build(tree.clone(), rules.classification.clone(), rows, deducted) {
        Ok(e) => e.with_cohorts(cohorts),
        Err(e) => panic!("{e}"),
    };
    let built = Timing(t.elapsed(), cpu_time() - cpu);
    let (series, keys) = engine.size();
    println!("engine: {series} series, {keys} month keys, built in {built}; {}", peak_rss());
    let year = ReportingYear::new(2026).unwrap_or_else(|e| panic!("{e}"));
    let period = year.cumulative(12).unwrap_or_else(|e| panic!("{e}"));
    let targets = Targets::new();
    let national = UnitId(1);
    let full = engine.full_report(national, period, &targets).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "national 2026: to_enforce {} with_means {} rate {:?}; {} officers, {} provinces",
        full.report.cases.to_enforce,
        full.report.cases.with_means,
        full.report.cases.completion_rate().map(|p| p.to_string()),
        full.breakdowns.by_officer.len(),
        full.breakdowns.by_child_unit.len()
    );
    println!(
        "national 12-month report, contract only: {} (21 runs)",
        time(21, || engine.report(national, period, &targets))
    );
    println!(
        "national 12-month report, all breakdowns: {} (21 runs)",
        time(21, || engine.full_report(national, period, &targets))
    );
    let scope = engine.scope(national).unwrap_or_default();
    let end = MonthKey::of(period.to());
    println!("national age profile alone: {} (21 runs)", time(21, || engine.age_profile(&scope, end)));
    let section = tree.all().iter().find(|u| u.kind == UnitKind::Region).map_or(national, |u| u.id);
    println!("one section's report: {} (21 runs)", time(21, || engine.report(section, period, &targets)));
    println!(
        "one section's report, all breakdowns: {} (21 runs)",
        time(21, || engine.full_report(section, period, &targets))
    );
    let mut live = engine;
    let dims = CaseDims {
        unit: section,
        officer: None,
        origin: Origin::ChuDong,
        judgment_type: JudgmentType::DanSu,
        categories: Categories::empty(),
    };
    let accepted = Date::from_calendar_date(2026, Month::March, 2).unwrap_or(Date::MIN);
    let basis =
        CaseBasis { accepted_on: accepted, origin: Origin::ChuDong, amount: Vnd::new(5_000_000).unwrap_or(Vnd::ZERO) };
    let mut id = 0;
    let mut event_walls: Vec<Duration> = Vec::new();
    let update = time(21, || {
        // A new case (not timed: recorded earlier), then one event on it and the report.
        id -= 1;
        let opened = case_ledger(&basis, &[], &rules.classification);
        live.apply(&LedgerChange::for_case(CaseId(id), None, Some((&dims, &opened)))).unwrap_or_else(|e| panic!("{e}"));
        let t = Instant::now();
        let event =
            Event { date: accepted + time::Duration::days(30), code: EventCode::WithMeans, ground: None, amount: None };
        let steps = replay(&basis, &[event], today, &rules.lifecycle).unwrap_or_default();
        let after = case_ledger(&basis, &steps, &rules.classification);
        let change = LedgerChange::for_case(CaseId(id), Some((&dims, &opened)), Some((&dims, &after)));
        live.apply(&change).unwrap_or_else(|e| panic!("{e}"));
        std::hint::black_box(live.full_report(national, period, &targets).unwrap_or_else(|e| panic!("{e}")));
        event_walls.push(t.elapsed());
    });
    println!(
        "add one event, then the national report with all breakdowns: {:?} wall (median); with recording the case first: {update} (21 runs)",
        median(event_walls)
    );
    if let Ok(n) = std::env::var("SCALE_PROFILE_LOOPS") {
        for _ in 0..n.parse().unwrap_or(0) {
            let _ = std::hint::black_box(live.full_report(national, period, &targets).map(|f| f.cepej));
        }
    }
    println!("{}", peak_rss());
}
