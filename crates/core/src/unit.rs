//! Units of the enforcement system: the national body, provinces, district offices (before
//! 01/07/2025) and regional sections (from 01/07/2025), as a tree with merges.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

/// Database identity of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UnitId(pub i64);

/// A unit code such as `BG` or `BG-KV1`: ASCII letters, digits, `-`, `_`, `.`; at most 32.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UnitCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnitError {
    #[error("mã đơn vị không hợp lệ / invalid unit code «{0}» (letters, digits, - _ . only, at most 32)")]
    Code(String),
    #[error("loại đơn vị không hợp lệ / unknown unit kind «{0}» (national, province, district, region)")]
    Kind(String),
    #[error("đơn vị cấp trên «{parent}» không hợp lệ cho đơn vị loại {kind} / a {kind} cannot sit under «{parent}»")]
    Parent { kind: UnitKind, parent: String },
    #[error("đơn vị cấp quốc gia không có cấp trên / the national body has no parent")]
    NationalWithParent,
    #[error("thiếu đơn vị cấp trên / a {0} needs a parent unit")]
    MissingParent(UnitKind),
    #[error("ngày hết hiệu lực trước ngày bắt đầu / valid_to is before valid_from")]
    Validity,
}

impl UnitCode {
    pub fn new(code: &str) -> Result<UnitCode, UnitError> {
        let code = code.trim();
        let ok = !code.is_empty()
            && code.len() <= crate::field::UNIT_CODE.max_chars
            && code.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if ok { Ok(UnitCode(code.to_string())) } else { Err(UnitError::Code(code.to_string())) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for UnitCode {
    type Error = UnitError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        UnitCode::new(&value)
    }
}

impl From<UnitCode> for String {
    fn from(value: UnitCode) -> Self {
        value.0
    }
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The level of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Cục Quản lý THADS (formerly Tổng cục THADS).
    National,
    /// THADS tỉnh/thành phố (formerly Cục THADS tỉnh).
    Province,
    /// Chi cục THADS quận/huyện, before 01/07/2025.
    District,
    /// Phòng THADS khu vực, from 01/07/2025.
    Region,
}

impl UnitKind {
    pub fn parse(text: &str) -> Result<UnitKind, UnitError> {
        match text.trim() {
            "national" => Ok(UnitKind::National),
            "province" => Ok(UnitKind::Province),
            "district" => Ok(UnitKind::District),
            "region" => Ok(UnitKind::Region),
            other => Err(UnitError::Kind(other.to_string())),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            UnitKind::National => "national",
            UnitKind::Province => "province",
            UnitKind::District => "district",
            UnitKind::Region => "region",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            UnitKind::National => "Cục Quản lý THADS",
            UnitKind::Province => "THADS tỉnh/thành phố",
            UnitKind::District => "Chi cục THADS",
            UnitKind::Region => "Phòng THADS khu vực",
        }
    }

    /// Whether a unit of this kind may sit directly under a unit of kind `parent`.
    pub fn may_sit_under(self, parent: UnitKind) -> bool {
        matches!(
            (self, parent),
            (UnitKind::Province, UnitKind::National)
                | (UnitKind::District, UnitKind::Province)
                | (UnitKind::Region, UnitKind::Province)
        )
    }
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub code: UnitCode,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<UnitId>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// The unit that took over this unit's cases when it closed (merge).
    pub successor: Option<UnitId>,
}

/// All units, indexed, with the relations a report needs.
#[derive(Debug, Clone, Default)]
pub struct UnitTree {
    units: Vec<Unit>,
    by_id: HashMap<UnitId, usize>,
    by_code: HashMap<UnitCode, usize>,
    children: HashMap<UnitId, Vec<UnitId>>,
    predecessors: HashMap<UnitId, Vec<UnitId>>,
}

impl UnitTree {
    pub fn new(mut units: Vec<Unit>) -> UnitTree {
        units.sort_by(|a, b| a.code.cmp(&b.code));
        let mut tree = UnitTree { units, ..UnitTree::default() };
        for (i, u) in tree.units.iter().enumerate() {
            tree.by_id.insert(u.id, i);
            tree.by_code.insert(u.code.clone(), i);
            if let Some(p) = u.parent {
                tree.children.entry(p).or_default().push(u.id);
            }
            if let Some(s) = u.successor {
                tree.predecessors.entry(s).or_default().push(u.id);
            }
        }
        tree
    }

    pub fn all(&self) -> &[Unit] {
        &self.units
    }

    pub fn get(&self, id: UnitId) -> Option<&Unit> {
        self.by_id.get(&id).map(|&i| &self.units[i])
    }

    pub fn by_code(&self, code: &str) -> Option<&Unit> {
        UnitCode::new(code).ok().and_then(|c| self.by_code.get(&c)).map(|&i| &self.units[i])
    }

    /// Direct children, sorted by code.
    pub fn children(&self, id: UnitId) -> Vec<&Unit> {
        let mut out: Vec<&Unit> = self.children.get(&id).into_iter().flatten().filter_map(|c| self.get(*c)).collect();
        out.sort_by(|a, b| a.code.cmp(&b.code));
        out
    }

    /// The units whose cases a report of `id` covers: the unit, everything below it, and,
    /// recursively, the units merged into any of those (their `successor`). A set, so a unit
    /// reached twice is counted once.
    pub fn scope(&self, id: UnitId) -> BTreeSet<UnitId> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![id];
        while let Some(u) = stack.pop() {
            if !seen.insert(u) {
                continue;
            }
            stack.extend(self.children.get(&u).into_iter().flatten().copied());
            stack.extend(self.predecessors.get(&u).into_iter().flatten().copied());
        }
        seen
    }

    /// Whether `inner` is `outer` or within its scope.
    pub fn covers(&self, outer: UnitId, inner: UnitId) -> bool {
        let mut cur = Some(inner);
        let mut guard = 0;
        while let Some(u) = cur {
            if u == outer {
                return true;
            }
            guard += 1;
            if guard > 64 {
                return false;
            }
            let unit = self.get(u);
            // A merged unit belongs to its successor's scope as well as its parent's.
            if let Some(s) = unit.and_then(|x| x.successor)
                && self.covers(outer, s)
            {
                return true;
            }
            cur = unit.and_then(|x| x.parent);
        }
        false
    }

    /// The units that cover `inner` (each `outer` with `covers(outer, inner)`): `inner`, its
    /// parents up to the root and, recursively, the units it was merged into (their `successor`)
    /// and theirs. Found in one walk, where asking `covers` of every unit walks once per unit.
    pub fn covering(&self, inner: UnitId) -> BTreeSet<UnitId> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![inner];
        while let Some(u) = stack.pop() {
            // A unit seen is not walked again: a malformed cycle ends.
            if !seen.insert(u) {
                continue;
            }
            let unit = self.get(u);
            stack.extend(unit.and_then(|x| x.parent));
            stack.extend(unit.and_then(|x| x.successor));
        }
        seen
    }

    /// The chain from the root down to `id`.
    pub fn ancestry(&self, id: UnitId) -> Vec<&Unit> {
        let mut chain = Vec::new();
        let mut cur = self.get(id);
        while let Some(u) = cur {
            chain.push(u);
            if chain.len() > 64 {
                break;
            }
            cur = u.parent.and_then(|p| self.get(p));
        }
        chain.reverse();
        chain
    }
}

/// Checks one unit against its (already known) parent.
pub fn check_placement(kind: UnitKind, parent: Option<&Unit>) -> Result<(), UnitError> {
    match (kind, parent) {
        (UnitKind::National, None) => Ok(()),
        (UnitKind::National, Some(_)) => Err(UnitError::NationalWithParent),
        (k, None) => Err(UnitError::MissingParent(k)),
        (k, Some(p)) if k.may_sit_under(p.kind) => Ok(()),
        (k, Some(p)) => Err(UnitError::Parent { kind: k, parent: p.code.to_string() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, code: &str, kind: UnitKind, parent: Option<i64>, successor: Option<i64>) -> Unit {
        Unit {
            id: UnitId(id),
            code: UnitCode::new(code).unwrap(),
            name: code.to_string(),
            kind,
            parent: parent.map(UnitId),
            valid_from: None,
            valid_to: None,
            successor: successor.map(UnitId),
        }
    }

    fn sample() -> UnitTree {
        UnitTree::new(vec![
            unit(1, "VN", UnitKind::National, None, None),
            unit(2, "BG", UnitKind::Province, Some(1), Some(4)),
            unit(3, "BG-H1", UnitKind::District, Some(2), Some(5)),
            unit(4, "BN", UnitKind::Province, Some(1), None),
            unit(5, "BN-KV1", UnitKind::Region, Some(4), None),
            unit(6, "HN", UnitKind::Province, Some(1), None),
        ])
    }

    #[test]
    fn scope_includes_subtree_and_merged_units() {
        let t = sample();
        let ids = |s: BTreeSet<UnitId>| s.into_iter().map(|u| u.0).collect::<Vec<_>>();
        assert_eq!(ids(t.scope(UnitId(1))), vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(ids(t.scope(UnitId(4))), vec![2, 3, 4, 5]);
        assert_eq!(ids(t.scope(UnitId(5))), vec![3, 5]);
        assert_eq!(ids(t.scope(UnitId(6))), vec![6]);
        assert!(t.covers(UnitId(4), UnitId(3)));
        assert!(t.covers(UnitId(1), UnitId(5)));
        assert!(!t.covers(UnitId(6), UnitId(5)));
    }

    #[test]
    fn the_units_covering_a_unit_are_those_that_cover_it() {
        let t = sample();
        for inner in t.all() {
            let covering = t.covering(inner.id);
            for outer in t.all() {
                assert_eq!(
                    covering.contains(&outer.id),
                    t.covers(outer.id, inner.id),
                    "{} covering {}",
                    outer.code,
                    inner.code
                );
            }
        }
        let ids = |s: BTreeSet<UnitId>| s.into_iter().map(|u| u.0).collect::<Vec<_>>();
        assert_eq!(ids(t.covering(UnitId(3))), vec![1, 2, 3, 4, 5], "merged into BN-KV1, under BN");
    }

    #[test]
    fn codes_and_kinds_are_checked() {
        assert!(UnitCode::new("BG-KV1").is_ok());
        assert!(UnitCode::new("BG KV1").is_err());
        assert!(UnitCode::new("").is_err());
        assert!(UnitKind::parse("tinh").is_err());
        let t = sample();
        let vn = t.by_code("VN");
        let bg = t.by_code("BG");
        assert!(check_placement(UnitKind::Province, vn).is_ok());
        assert!(check_placement(UnitKind::Region, vn).is_err());
        assert!(check_placement(UnitKind::Region, bg).is_ok());
        assert!(check_placement(UnitKind::National, bg).is_err());
        assert!(check_placement(UnitKind::Province, None).is_err());
    }
}
