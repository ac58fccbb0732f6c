//! The demo's staff registry (issue 23): every unit's head and officers as people linked to
//! their logins, with ranks, titles, appointment dates and terms (some ending within months of
//! the as-of date); clerks and specialists without a login beside them; and each unit's posts
//! (biên chế), a few of them vacant. Written in one transaction through the app's rules.

use std::collections::BTreeMap;

use rand::SeedableRng;
use thads_core::personnel::{PersonFacts, Quota, Rank};
use thads_core::{Role, UnitId, UnitKind};
use thads_store::Store;
use time::{Date, Duration};

use super::draw::{DemoRng, between, chance};
use super::names;
use crate::error::AppResult;

/// A stream of its own, so that the registry leaves the cases as they were.
const STREAM: u64 = u64::MAX - 7;

/// Adds the registry; returns how many people it holds.
pub fn seed(store: &dyn Store, seed: u64, as_of: Date) -> AppResult<u64> {
    let mut rng = DemoRng::seed_from_u64(seed);
    rng.set_stream(STREAM);
    // Today's units: the people of the units the 2025 reform closed moved with it.
    let units: Vec<_> = store.units()?.into_iter().filter(|u| u.valid_to.is_none()).collect();
    let mut by_unit: BTreeMap<UnitId, Vec<thads_core::Staff>> = BTreeMap::new();
    for s in store.staff()? {
        by_unit.entry(s.unit).or_default().push(s);
    }
    let mut tx = store.begin()?;
    let mut people = 0;
    for unit in &units {
        let staff = by_unit.remove(&unit.id).unwrap_or_default();
        let mut ranks: BTreeMap<Rank, u32> = BTreeMap::new();
        for s in &staff {
            let Some((rank, title)) = rank_of(&mut rng, s.role, unit.kind) else { continue };
            let facts = person(&mut rng, unit.id, s.full_name.clone(), title, rank, Some(s.id), as_of);
            tx.insert_person(&facts)?;
            *ranks.entry(rank).or_default() += 1;
            people += 1;
        }
        // Clerks and specialists of the unit, most without a login.
        let helpers = if unit.kind == UnitKind::National { 3 } else { between(&mut rng, 1, 4) };
        for i in 0..helpers {
            let rank = if i % 3 == 2 { Rank::ChuyenVien } else { Rank::ThuKy };
            let title = if rank == Rank::ThuKy { "Thư ký thi hành án" } else { "Chuyên viên" };
            let name = names::person(&mut rng);
            tx.insert_person(&person(&mut rng, unit.id, name, title.into(), rank, None, as_of))?;
            *ranks.entry(rank).or_default() += 1;
            people += 1;
        }
        // Posts: what the unit has, plus a vacancy or two in most units.
        let filled: u32 = ranks.values().sum();
        if filled == 0 {
            continue;
        }
        let vacant = u32::try_from(between(&mut rng, 0, 3)).unwrap_or(0);
        let mut by_rank = BTreeMap::new();
        if let Some(chv) = ranks.get(&Rank::ChvTrungCap).or(ranks.get(&Rank::ChvSoCap)) {
            by_rank.insert(Rank::ChvTrungCap, chv + vacant.min(1));
        }
        tx.set_quota(&Quota { unit: unit.id, total: filled + vacant, by_rank })?;
    }
    tx.commit()?;
    Ok(people)
}

/// The rank and title of an account's person (administrators are not in the registry).
fn rank_of(rng: &mut DemoRng, role: Role, kind: UnitKind) -> Option<(Rank, String)> {
    let head = match kind {
        UnitKind::National | UnitKind::Province => "Cục trưởng",
        _ => "Trưởng phòng",
    };
    Some(match role {
        Role::Admin => return None,
        Role::Head => (Rank::ChvCaoCap, head.to_string()),
        Role::Officer => {
            let rank = if chance(rng, 0.15) {
                Rank::ChvCaoCap
            } else if chance(rng, 0.6) {
                Rank::ChvTrungCap
            } else {
                Rank::ChvSoCap
            };
            (rank, "Chấp hành viên".into())
        }
        Role::Clerk => (Rank::ThuKy, "Thư ký thi hành án".into()),
        Role::Accountant => (Rank::Khac, "Kế toán nghiệp vụ".into()),
        Role::Statistician => (Rank::ChuyenVien, "Chuyên viên thống kê".into()),
        Role::Inspector => (Rank::ThamTraVien, "Thẩm tra viên".into()),
    })
}

/// A person appointed one to ten years before `as_of`; an officer's term of five years ends
/// then (some within months of `as_of`).
fn person(
    rng: &mut DemoRng,
    unit: UnitId,
    full_name: String,
    title: String,
    rank: Rank,
    staff: Option<thads_core::StaffId>,
    as_of: Date,
) -> PersonFacts {
    let officer = matches!(rank, Rank::ChvSoCap | Rank::ChvTrungCap | Rank::ChvCaoCap);
    let appointed_on = as_of - Duration::days(between(rng, 200, 1_790));
    let term_ends_on = officer.then(|| appointed_on + Duration::days(5 * 365));
    PersonFacts { unit, full_name, title, rank, appointed_on: Some(appointed_on), term_ends_on, staff }
}
