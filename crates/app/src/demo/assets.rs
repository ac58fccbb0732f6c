//! Seized assets of the demo (issue 19), in proportions an agency would recognise: some
//! of the cases owing 20 million đồng or more have an asset seized (one in seven), land and houses
//! first, then vehicles; each chain runs from the seizure through valuation and auctions, about
//! half sold at the first session, the rest failing for want of registrants or bids and reduced
//! by the officer 10 % at a time, the creditor taking some after the second reduction; chains
//! are cut at the demo's day, so that the worklist and the asset pages show limits running. Each
//! step is checked by `thads_core::assets` before it is written; a handover goes through
//! `assets::hand_over`, which records the proceeds as money collected on the case. Land seized
//! with mobilised forces has its coercion plan.

use rand::SeedableRng;
use thads_core::assets::{
    AssetEvent, AssetKind, AssetSnapshot, AssetState, AssetStep, DecidedBy, FailureReason, ValuationMethod, apply,
};
use thads_core::deadlines::Regime;
use thads_core::money::Text;
use thads_core::{CaseId, Rules, Vnd};
use thads_store::{NewAsset, NewAssetStep, NewCoercionPlan, PoliceStep, Store};
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time};

use super::draw::{DemoRng, between, chance, log_normal, weighted, working_day};
use crate::actor::Actor;
use crate::assets::{AssetSetup, load};
use crate::error::AppResult;

const ACTOR: &str = "demo";
/// Every this many cases one is looked at.
const STRIDE: i64 = 3;
/// Of those looked at owing enough, the share with an asset seized.
const SEIZED: f64 = 0.45;

const KINDS: [(AssetKind, f64); 7] = [
    (AssetKind::DatNha, 0.46),
    (AssetKind::PhuongTien, 0.24),
    (AssetKind::DongSan, 0.1),
    (AssetKind::Vang, 0.05),
    (AssetKind::CoPhan, 0.05),
    (AssetKind::TaiKhoan, 0.05),
    (AssetKind::TaiSanSo, 0.05),
];

fn description(kind: AssetKind, rng: &mut DemoRng) -> String {
    match kind {
        AssetKind::DatNha => format!(
            "Quyền sử dụng thửa đất số {}, tờ bản đồ số {}, diện tích {} m² và nhà ở gắn liền",
            between(rng, 10, 900),
            between(rng, 1, 60),
            between(rng, 60, 400)
        ),
        AssetKind::PhuongTien => format!(
            "Xe ô tô biển kiểm soát {}A-{:03}.{:02}",
            between(rng, 11, 99),
            between(rng, 100, 999),
            between(rng, 10, 99)
        ),
        AssetKind::DongSan => "Máy móc, thiết bị sản xuất".to_string(),
        AssetKind::Vang => format!("{} chỉ vàng SJC", between(rng, 5, 60)),
        AssetKind::CoPhan => format!("{} cổ phần của công ty cổ phần", between(rng, 1, 50) * 1_000),
        AssetKind::TaiKhoan => "Số dư tài khoản tiền gửi".to_string(),
        AssetKind::TaiSanSo => "Tài sản số (ví điện tử)".to_string(),
    }
}

/// Noon of `day` in Vietnam.
fn noon(day: Date) -> OffsetDateTime {
    day.with_time(Time::MIDNIGHT).assume_offset(crate::clock::VIETNAM) + Duration::hours(12)
}

fn vnd(d: i64) -> Vnd {
    Vnd::new(d.max(1)).unwrap_or(Vnd::ZERO)
}

/// Rounded to a million đồng, as prices are set.
fn million(d: f64) -> i64 {
    ((d / 1_000_000.0).round() as i64).max(1) * 1_000_000
}

/// A chain being written: each step checked against the rules before it is kept.
struct Walk<'s> {
    setup: &'s AssetSetup,
    facts: thads_core::assets::AssetFacts,
    now: AssetSnapshot,
    steps: Vec<(Date, AssetStep)>,
    as_of: Date,
    case: CaseId,
}

impl Walk<'_> {
    /// Keeps `step` on `day` if the rules allow it and the day is not after the demo's day.
    fn step(&mut self, day: Date, step: AssetStep) -> bool {
        if day > self.as_of {
            return false;
        }
        let ctx = thads_core::assets::AssetContext {
            facts: &self.facts,
            rules: &self.setup.rules,
            refs: &self.setup.refs,
            calendar: self.setup.calendar(),
        };
        match apply(&ctx, &self.now, &AssetEvent { date: day, step: step.clone() }) {
            Ok(after) => {
                self.now = after;
                self.steps.push((day, step));
                true
            }
            Err(_) => false,
        }
    }
}

/// Seizes assets for some of the demo's cases and walks their chains up to `as_of`; returns
/// how many assets were seized and how many events (money collected at a handover) were added.
pub fn seed(store: &dyn Store, rules: &Rules, seed: u64, as_of: Date) -> AppResult<(u64, u64)> {
    let logins: std::collections::HashMap<thads_core::StaffId, String> =
        store.staff()?.into_iter().map(|s| (s.id, s.login.to_string())).collect();
    let mut events = 0;
    let mut rng = DemoRng::seed_from_u64(seed ^ 0x000A_55E7);
    let setup = AssetSetup::load(store)?;
    let count = i64::try_from(store.case_count()?).unwrap_or(0);
    let mut seized = 0;
    let mut id = 1;
    while id <= count {
        let case = store.case(CaseId(id))?;
        id += STRIDE;
        let Some(case) = case else { continue };
        let owed = case.current.outstanding.dong();
        if owed < 20_000_000 || !chance(&mut rng, SEIZED) {
            continue;
        }
        let seized_on = working_day(case.facts.accepted_on + Duration::days(between(&mut rng, 45, 420)));
        if seized_on + Duration::days(3) > as_of {
            continue;
        }
        // The handover is the officer's, audited under their login.
        let officer = case.facts.officer.and_then(|o| logins.get(&o)).cloned().unwrap_or_else(|| "chv.demo".into());
        let seizure = Seizure { case: &case, seized_on, as_of, officer: &officer };
        if let Some(added) = asset(store, rules, &setup, &mut rng, &seizure)? {
            seized += 1;
            events += added;
        }
    }
    Ok((seized, events))
}

/// One seizure to write: the case, the day, the demo's day and the officer who hands over.
struct Seizure<'a> {
    case: &'a thads_core::Case,
    seized_on: Date,
    as_of: Date,
    officer: &'a str,
}

fn asset(
    store: &dyn Store,
    rules: &Rules,
    setup: &AssetSetup,
    rng: &mut DemoRng,
    seizure: &Seizure<'_>,
) -> AppResult<Option<u64>> {
    let Seizure { case, seized_on, as_of, officer } = *seizure;
    let kind = weighted(rng, &KINDS).unwrap_or(AssetKind::DongSan);
    let new = NewAsset {
        unit: case.facts.unit,
        cases: vec![case.id],
        kind,
        description: description(kind, rng),
        location: String::new(),
        owner: case.facts.debtor.clone(),
        encumbrances: if kind == AssetKind::DatNha && chance(rng, 0.3) {
            "Đang thế chấp tại ngân hàng".into()
        } else {
            String::new()
        },
        seized_on,
        decision: format!("{}/QĐ-CCTHADS", between(rng, 1, 900)),
        perishable: false,
        for_state_budget: false,
    };
    let mut tx = store.begin()?;
    let id = tx.insert_asset(&new, ACTOR, noon(seized_on))?;
    if kind == AssetKind::DatNha {
        let at = |h: u8| PrimitiveDateTime::new(seized_on, Time::from_hms(h, 0, 0).unwrap_or(Time::MIDNIGHT));
        let plan_due = seized_on - Duration::days(7);
        tx.insert_coercion_plan(&NewCoercionPlan {
            case: case.id,
            unit: case.facts.unit,
            starts: at(8),
            ends: at(11),
            place: "Nơi có tài sản".into(),
            forces: i32::try_from(between(rng, 8, 30)).unwrap_or(10),
            police_steps: vec![
                PoliceStep { kind: "plan_sent".into(), due: plan_due, done_on: Some(plan_due) },
                // The police's plan: mostly on time, some late, and for a session of the last
                // weeks sometimes not yet recorded (the worklist shows it).
                PoliceStep {
                    kind: "protection_plan".into(),
                    due: plan_due + Duration::days(3),
                    done_on: if seized_on + Duration::days(45) > as_of && chance(rng, 0.5) {
                        None
                    } else if chance(rng, 0.15) {
                        Some(plan_due + Duration::days(5))
                    } else {
                        Some(plan_due + Duration::days(2))
                    },
                },
            ],
            costs: vnd(million(f64::from(i32::try_from(between(rng, 3, 15)).unwrap_or(5)) * 1_000_000.0)),
            recorded_by: ACTOR.into(),
            recorded_at: noon(plan_due),
        })?;
    }
    tx.commit()?;
    let Some(row) = store.asset(id)? else { return Ok(None) };
    let facts = crate::assets::facts_of(store, &row).map_err(crate::error::AppError::from)?;
    let mut walk =
        Walk { setup, facts, now: AssetSnapshot::seized(seized_on), steps: Vec::new(), as_of, case: case.id };
    let owed = case.current.outstanding.dong() as f64;
    let value = million(log_normal(rng, owed * 1.4, 0.5));
    walk_chain(&mut walk, rng, seized_on, value);
    let mut tx = store.begin()?;
    for (n, (day, step)) in walk.steps.iter().enumerate() {
        let step = NewAssetStep {
            asset: id,
            date: *day,
            step: step.clone(),
            note: String::new(),
            recorded_by: ACTOR.into(),
            recorded_at: noon(*day),
        };
        tx.append_asset_step(&step, i64::try_from(n).unwrap_or(0))?;
    }
    tx.commit()?;
    // A chain that reached its handover: its proceeds are recorded on the case.
    let handover = handover_day(&walk.now, rng, as_of);
    if let Some(day) = handover
        && let Some(chain) = load(store, setup, id).map_err(crate::error::AppError::from)?
    {
        let actor = Actor { login: officer.into(), at: noon(as_of) };
        // A case closed meanwhile takes no money: the asset then stays paid, not handed over.
        if let Ok(changed) = crate::assets::hand_over(store, &actor, rules, setup, &chain, day) {
            return Ok(Some(changed.len().max(1) as u64));
        }
    }
    Ok(Some(0))
}

/// Seizure → valuation → auctions with reductions, up to four rounds.
fn walk_chain(walk: &mut Walk<'_>, rng: &mut DemoRng, seized_on: Date, value: i64) {
    let mut day = working_day(seized_on + Duration::days(between(rng, 2, 9)));
    let method = if chance(rng, 0.3) {
        ValuationMethod::Agreed
    } else if chance(rng, 0.85) {
        ValuationMethod::Appraiser
    } else if Regime::on(day, walk_new_from()) == Regime::New {
        ValuationMethod::Council
    } else {
        ValuationMethod::Officer
    };
    if !walk.step(day, AssetStep::Valued { method, value: vnd(value) }) {
        return;
    }
    day = working_day(day + Duration::days(between(rng, 5, 10)));
    if !walk.step(day, AssetStep::AuctionContracted) {
        return;
    }
    let mut price = value;
    for round in 0..4 {
        let announce = working_day(day + Duration::days(between(rng, 2, 6)));
        let session = working_day(announce + Duration::days(between(rng, 15, 28)));
        if !walk.step(announce, AssetStep::AuctionSet { session_on: session, starting_price: vnd(price) }) {
            return;
        }
        let sold_chance = [0.48, 0.4, 0.35, 0.3][round];
        if chance(rng, sold_chance) {
            let bid =
                million(price as f64 * (1.0 + f64::from(i32::try_from(between(rng, 0, 12)).unwrap_or(0)) / 100.0));
            let buyer = Text::of(&thads_core::field::BUYER, "Người trúng đấu giá").ok();
            let Some(buyer) = buyer else { return };
            if !walk.step(session, AssetStep::Sold { price: vnd(bid), buyer }) {
                return;
            }
            let paid = session + Duration::days(between(rng, 7, 28));
            walk.step(paid, AssetStep::Paid);
            return;
        }
        let reason = weighted(
            rng,
            &[(FailureReason::KhongDangKy, 0.6), (FailureReason::KhongTraGia, 0.3), (FailureReason::TuChoiMua, 0.1)],
        )
        .unwrap_or(FailureReason::KhongDangKy);
        if !walk.step(session, AssetStep::Failed { reason }) {
            return;
        }
        if round >= 2 && chance(rng, 0.45) {
            let take = working_day(session + Duration::days(between(rng, 5, 15)));
            walk.step(take, AssetStep::CreditorTakes { case: walk.case, by_agreement: false });
            return;
        }
        price = million(price as f64 * 0.9 + 999_999.0).min(price * 9 / 10);
        day = working_day(session + Duration::days(between(rng, 16, 25)));
        if !walk.step(day, AssetStep::Reduced { starting_price: vnd(price), decided_by: DecidedBy::Officer }) {
            return;
        }
    }
}

fn walk_new_from() -> Date {
    thads_core::rules::LifecycleRules::default().new_law_from
}

/// The day of the handover, when the chain reached it by the demo's day.
fn handover_day(now: &AssetSnapshot, rng: &mut DemoRng, as_of: Date) -> Option<Date> {
    let day = match now.state {
        AssetState::Paid => working_day(now.since + Duration::days(between(rng, 5, 20))),
        AssetState::CreditorTaking => working_day(now.since + Duration::days(between(rng, 45, 60))),
        _ => return None,
    };
    (day <= as_of).then_some(day)
}
