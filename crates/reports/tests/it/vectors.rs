//! The test vectors of domain §9 reproduced from constructed case histories: every case is
//! accepted, replayed through the state machine and put in the ledger; the figures come out
//! of the engines, not typed in.

use thads_core::EventCode::{Collected, Completed, DelegatedOut, NoMeans, Terminated, WithMeans};
use thads_core::{Percent, ReportingYear, UnitId};
use thads_reports::{Keep, TargetRates, Targets};
use time::macros::date;
use time::{Date, Duration};

use crate::common::{Accumulated, Ev, Facts, World, day_between, sample_units, split};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Done,
    Term,
    Progress,
    Without,
    Deducted,
}

/// Events that take a case, opened on or before `start`, to its fate within the period.
fn fate_events(start: Date, owed: i64, fate: Fate) -> Vec<Ev> {
    let d = |n: i64| start + Duration::days(n);
    match fate {
        Fate::Done => vec![(d(1), WithMeans, None), (d(3), Collected, Some(owed)), (d(4), Completed, None)],
        Fate::Term => vec![(d(1), NoMeans, None), (d(5), Terminated, None)],
        Fate::Progress => vec![(d(2), WithMeans, None)],
        Fate::Without => vec![(d(2), NoMeans, None)],
        Fate::Deducted => vec![(d(1), WithMeans, None), (d(6), DelegatedOut, None)],
    }
}

/// Fates in proportions, spread over the cases by a fixed permutation.
fn fates(counts: &[(Fate, usize)]) -> Vec<Fate> {
    let n: usize = counts.iter().map(|(_, c)| c).sum();
    let mut ordered = Vec::with_capacity(n);
    for (fate, c) in counts {
        ordered.extend(std::iter::repeat_n(*fate, *c));
    }
    (0..n).map(|i| ordered[(i * 7919) % n]).collect()
}

/// Amounts for each case by its fate: each fate's total split over its cases.
fn amounts(fates: &[Fate], totals: &[(Fate, i64)]) -> Vec<i64> {
    let mut pools: Vec<(Fate, std::vec::IntoIter<i64>)> = totals
        .iter()
        .enumerate()
        .map(|(i, (f, t))| {
            let n = fates.iter().filter(|x| *x == f).count();
            let parts = if *t == 0 { vec![0; n] } else { split(*t, n, i as u64 + 11) };
            (*f, parts.into_iter())
        })
        .collect();
    fates.iter().map(|f| pools.iter_mut().find(|(g, _)| g == f).and_then(|(_, it)| it.next()).unwrap()).collect()
}

fn tv1_world() -> World {
    let mut w = World::new(sample_units());
    let from = date!(2021 - 10 - 01);
    let fates = fates(&[(Fate::Done, 4_000), (Fate::Term, 778), (Fate::Progress, 2_701), (Fate::Without, 1_633)]);
    let money = amounts(
        &fates,
        &[
            (Fate::Done, 195_723_741_000),
            (Fate::Term, 0),
            (Fate::Progress, 761_546_547_000 - 195_723_741_000),
            (Fate::Without, 1_293_400_000_000 - 761_546_547_000),
        ],
    );
    for (i, (fate, amount)) in fates.iter().zip(money).enumerate() {
        let accepted = day_between(from, date!(2022 - 03 - 20), i);
        let unit = [2, 3, 4, 5][i % 4];
        w.add(Facts::new(unit, accepted, amount), &fate_events(accepted, amount, *fate));
    }
    w
}

#[test]
fn tv1_bac_giang_six_months_2022() {
    let w = tv1_world();
    let period = ReportingYear::new(2022).unwrap().cumulative(6).unwrap();
    let targets = Targets::new();
    let r = w.month_engine().report(UnitId(2), period, &targets).unwrap();
    assert_eq!((r.cases.to_enforce, r.cases.with_means, r.cases.without_means), (9_112, 7_479, 1_633));
    assert_eq!(r.cases.completed + r.cases.terminated, 4_778);
    assert_eq!(r.cases.completion_rate().unwrap().to_string(), "63.89");
    assert_eq!(r.cases.with_means_share().unwrap().to_string(), "82.08");
    assert_eq!(r.money.with_means, 761_546_547_000);
    assert_eq!(r.money.completed + r.money.terminated + r.money.reduced, 195_723_741_000);
    assert_eq!(r.money.completion_rate().unwrap().to_string(), "25.70");
    assert_eq!(r.money.with_means_share().unwrap().to_string(), "58.88");
    assert_eq!(w.day_engine(Keep::Totals).report(UnitId(2), period, &targets).unwrap(), r);
    assert_eq!(w.recompute(2, period, &targets), r);
    let national = w.month_engine().report(UnitId(1), period, &targets).unwrap();
    assert_eq!((national.cells, national.cases), (r.cells, r.cases));
}

#[test]
fn tv4_national_nine_months_2017() {
    let w = World::new(sample_units());
    let mut acc = Accumulated::default();
    let (from, to) = (date!(2016 - 10 - 01), date!(2017 - 06 - 30));
    let (carried, new) = (290_524usize, 446_223usize);
    let fates = fates(&[
        (Fate::Deducted, 8_520),
        (Fate::Done, 350_000),
        (Fate::Term, 19_372),
        (Fate::Progress, 210_041),
        (Fate::Without, 148_814),
    ]);
    let owed_before = split(104_473_399_784_000, carried, 5);
    let obligations = split(63_708_931_083_000, new, 6);
    for (i, fate) in fates.iter().enumerate() {
        let unit = [3, 4, 5, 7][i % 4];
        if i < carried {
            // Accepted before the period; a third had paid part already, so what it brings
            // is what was still owed on 30/09/2016.
            let accepted = day_between(date!(2013 - 01 - 01), date!(2016 - 08 - 31), i);
            let owed = owed_before[i];
            let paid = owed / 3;
            let mut events = vec![(accepted + Duration::days(1), WithMeans, None)];
            if paid > 0 {
                events.push((accepted + Duration::days(10), Collected, Some(paid)));
            }
            events.extend(fate_events(day_between(from, date!(2017 - 06 - 15), i), owed, *fate));
            w.absorb(&mut acc, Facts::new(unit, accepted, owed + paid), &events);
        } else {
            let accepted = day_between(from, date!(2017 - 06 - 15), i);
            let amount = obligations[i - carried];
            w.absorb(&mut acc, Facts::new(unit, accepted, amount), &fate_events(accepted, amount, *fate));
        }
    }
    let period = thads_core::Period::new(from, to).unwrap();
    let r = acc.month_engine(&w).report(UnitId(1), period, &Targets::new()).unwrap();
    let c = &r.cases;
    assert_eq!((c.accepted, c.carried_over, c.new), (736_747, 290_524, 446_223));
    assert_eq!((c.delegated_out, c.to_enforce), (8_520, 728_227));
    assert_eq!((c.with_means, c.without_means), (579_413, 148_814));
    assert_eq!(c.completed + c.terminated, 369_372);
    assert_eq!((c.carried_forward, c.carried_forward_with_means), (358_855, 210_041));
    assert_eq!(c.completion_rate().unwrap().to_string(), "63.75");
    assert_eq!(c.with_means_share().unwrap().to_string(), "79.56");
    let m = &r.money;
    assert_eq!((m.accepted, m.carried_over, m.new), (168_182_330_867_000, 104_473_399_784_000, 63_708_931_083_000));
}

#[test]
fn tv6_national_2025_against_targets() {
    let w = World::new(sample_units());
    let mut acc = Accumulated::default();
    let year = ReportingYear::new(2025).unwrap();
    let (from, carried) = (year.first_day(), 400_000usize);
    let fates =
        fates(&[(Fate::Done, 560_000), (Fate::Term, 17_876), (Fate::Progress, 108_022), (Fate::Without, 378_521)]);
    let with_means_money: i64 = 267_415_000_000_000_000;
    let money = amounts(
        &fates,
        &[
            (Fate::Done, 150_100_000_000_000_000),
            (Fate::Term, 0),
            (Fate::Progress, with_means_money - 150_100_000_000_000_000),
            (Fate::Without, 686_100_000_000_000_000 - with_means_money),
        ],
    );
    for (i, (fate, amount)) in fates.iter().zip(money).enumerate() {
        let unit = [3, 4, 5, 7][i % 4];
        let (accepted, start) = if i < carried {
            (day_between(date!(2019 - 01 - 01), date!(2024 - 09 - 20), i), day_between(from, date!(2025 - 09 - 15), i))
        } else {
            let d = day_between(from, date!(2025 - 09 - 15), i);
            (d, d)
        };
        w.absorb(&mut acc, Facts::new(unit, accepted, amount), &fate_events(start, amount, *fate));
    }
    let target = TargetRates { cases: Percent::parse("83,90").unwrap(), money: Percent::parse("51.90").unwrap() };
    let targets: Targets = [(UnitId(1), year, target)].into_iter().collect();
    let r = acc.month_engine(&w).report(UnitId(1), year.cumulative(12).unwrap(), &targets).unwrap();
    assert_eq!((r.cases.to_enforce, r.cases.with_means), (1_064_419, 685_898));
    assert_eq!(r.cases.completed + r.cases.terminated, 577_876);
    assert_eq!(r.cases.completion_rate().unwrap().to_string(), "84.25");
    assert_eq!(r.money.completion_rate().unwrap().to_string(), "56.13");
    assert_eq!(r.cases_delta_pp().unwrap().to_string(), "0.35");
    assert_eq!(r.money_delta_pp().unwrap().to_string(), "4.23");
    let json: serde_json::Value = serde_json::from_str(&r.to_json().unwrap()).unwrap();
    assert_eq!(json["target"]["cases_delta_pp"], "0.35");
    assert_eq!(json["target"]["money_delta_pp"], "4.23");
    assert_eq!(json["target"]["cases"], "83.90");
}
