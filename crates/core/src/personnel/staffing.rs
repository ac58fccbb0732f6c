//! Posts (biên chế) and how they are filled: the staffing of a unit or a scope as agencies
//! publish it, the vacancies by rank and the terms ending soon.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

use super::{Person, PersonId, Rank, RankGroup};
use crate::unit::UnitId;

/// The posts a unit is allowed (biên chế được giao): in total, and for the ranks the decision
/// names. The ranks need not add up to the total (a decision may name only some).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    pub unit: UnitId,
    pub total: u32,
    pub by_rank: BTreeMap<Rank, u32>,
}

/// The staffing of a unit or of a scope: posts and the people in them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Staffing {
    /// Posts allowed (Σ of the units' totals).
    pub posts: u32,
    /// People working (status active).
    pub filled: u32,
    /// Active people by rank (only ranks someone holds).
    pub by_rank: BTreeMap<Rank, u32>,
    /// Posts allowed by rank (only ranks a quota names).
    pub posts_by_rank: BTreeMap<Rank, u32>,
}

impl Staffing {
    /// Posts allowed and not filled (none when more people work than posts are allowed).
    pub fn vacant(&self) -> u32 {
        self.posts.saturating_sub(self.filled)
    }

    /// The active people by group of ranks, in the groups' order, only groups someone is in.
    pub fn by_group(&self) -> Vec<(RankGroup, u32)> {
        let mut groups: BTreeMap<RankGroup, u32> = BTreeMap::new();
        for (rank, n) in &self.by_rank {
            *groups.entry(rank.group()).or_default() += n;
        }
        groups.into_iter().filter(|(_, n)| *n > 0).collect()
    }

    /// The figure as agencies publish it: «220/228 biên chế; 90 Chấp hành viên, 15 Thẩm tra
    /// viên, 50 Thư ký, 19 Chuyên viên».
    pub fn summary_vi(&self) -> String {
        let groups: Vec<String> = self.by_group().iter().map(|(g, n)| format!("{n} {}", g.label_vi())).collect();
        let head = format!("{}/{} biên chế", self.filled, self.posts);
        if groups.is_empty() { head } else { format!("{head}; {}", groups.join(", ")) }
    }

    /// The same in English: «220 of 228 posts filled; 90 enforcement officers, …».
    pub fn summary_en(&self) -> String {
        let groups: Vec<String> = self.by_group().iter().map(|(g, n)| format!("{n} {}", g.label_en())).collect();
        let head = format!("{} of {} posts filled", self.filled, self.posts);
        if groups.is_empty() { head } else { format!("{head}; {}", groups.join(", ")) }
    }
}

/// One unit's staffing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffingLine {
    pub unit: UnitId,
    pub staffing: Staffing,
}

/// The staffing of the units `units` together: their quotas and their active people.
pub fn staffing(units: &[UnitId], quotas: &[Quota], people: &[Person]) -> Staffing {
    let mut s = Staffing::default();
    for q in quotas.iter().filter(|q| units.contains(&q.unit)) {
        s.posts = s.posts.saturating_add(q.total);
        for (rank, n) in &q.by_rank {
            let e = s.posts_by_rank.entry(*rank).or_default();
            *e = e.saturating_add(*n);
        }
    }
    for p in people.iter().filter(|p| p.is_active() && units.contains(&p.facts.unit)) {
        s.filled = s.filled.saturating_add(1);
        *s.by_rank.entry(p.facts.rank).or_default() += 1;
    }
    s
}

/// Posts not filled in a unit: in total (`rank` none) or of a rank its quota names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vacancy {
    pub unit: UnitId,
    pub rank: Option<Rank>,
    pub posts: u32,
    pub filled: u32,
    pub vacant: u32,
}

/// The vacancies of each unit of `units` (by unit, the total first, then by rank).
pub fn vacancies(units: &[UnitId], quotas: &[Quota], people: &[Person]) -> Vec<Vacancy> {
    let mut out = Vec::new();
    let mut sorted = units.to_vec();
    sorted.sort();
    for unit in sorted {
        let s = staffing(&[unit], quotas, people);
        if s.vacant() > 0 {
            out.push(Vacancy { unit, rank: None, posts: s.posts, filled: s.filled, vacant: s.vacant() });
        }
        for (rank, posts) in &s.posts_by_rank {
            let filled = s.by_rank.get(rank).copied().unwrap_or(0);
            if *posts > filled {
                out.push(Vacancy { unit, rank: Some(*rank), posts: *posts, filled, vacant: posts - filled });
            }
        }
    }
    out
}

/// A term that ends soon (or has ended while the person is still listed as working).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermEnding {
    pub person: PersonId,
    pub ends_on: Date,
    /// Already past on the day asked.
    pub overdue: bool,
}

/// The active people of `units` whose term ends on or before `today` + `months` months (those
/// already past first), earliest first.
pub fn terms_ending(units: &[UnitId], people: &[Person], today: Date, months: u8) -> Vec<TermEnding> {
    let until = add_months(today, months);
    let mut out: Vec<TermEnding> = people
        .iter()
        .filter(|p| p.is_active() && units.contains(&p.facts.unit))
        .filter_map(|p| p.facts.term_ends_on.map(|d| (p.id, d)))
        .filter(|(_, d)| *d <= until)
        .map(|(person, ends_on)| TermEnding { person, ends_on, overdue: ends_on < today })
        .collect();
    out.sort_by_key(|t| (t.ends_on, t.person));
    out
}

/// `date` plus `months` months, on the same day or the month's last when it has fewer days.
pub fn add_months(date: Date, months: u8) -> Date {
    let total = i32::from(u8::from(date.month()) - 1) + i32::from(months);
    let year = date.year() + total / 12;
    let Ok(month) = time::Month::try_from(u8::try_from(total % 12 + 1).unwrap_or(1)) else { return date };
    let last = month.length(year);
    Date::from_calendar_date(year, month, date.day().min(last)).unwrap_or(date)
}
