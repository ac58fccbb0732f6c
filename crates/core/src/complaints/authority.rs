//! Who resolves a complaint or a denunciation against whom (domain §6.2), as a table by the
//! organisation of the agencies on the day: two levels (provincial Cục, district Chi cục) to
//! 30/06/2025, one level (provincial agency with regional sections) from 01/07/2025. The
//! resolving unit is then found in the unit tree; a letter is within the receiving agency's
//! authority when that unit is the receiving one.

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::date;

use super::kinds::{ComplaintKind, Level, Matter};
use crate::confidence::Confidence;
use crate::unit::{Unit, UnitId, UnitKind, UnitTree};

/// Who is complained of or denounced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RespondentRole {
    /// Chấp hành viên, or a deputy head or section head acting as one, or another official.
    Officer,
    /// Thủ trưởng cơ quan thi hành án dân sự (or a deputy acting for the head).
    Head,
}

/// The person complained of, by role and unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Respondent {
    pub unit: UnitId,
    pub role: RespondentRole,
}

/// The organisation of the agencies on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Structure {
    /// Cục THADS tỉnh and Chi cục THADS huyện (to 30/06/2025).
    TwoLevel,
    /// THADS tỉnh with Phòng THADS khu vực (from 01/07/2025).
    OneLevel,
}

/// The head who resolves, by level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "resolver", content = "unit_kind")]
pub enum ResolverLevel {
    /// The head of the nearest unit of this kind at or above the respondent's unit.
    HeadOf(UnitKind),
    /// Bộ trưởng Bộ Tư pháp.
    Minister,
}

/// One row: a letter of `kind` at `level` against `role` of a unit of `unit_kind` is resolved by
/// `resolver`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorityRule {
    pub structure: Structure,
    pub kind: ComplaintKind,
    pub role: RespondentRole,
    pub unit_kind: UnitKind,
    pub level: Level,
    pub resolver: ResolverLevel,
    pub citation: String,
    pub confidence: Confidence,
}

/// The authority table and the day the one-level organisation began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorityRules {
    /// QĐ 1898/QĐ-BTP: Cục Quản lý THADS and one-level provincial agencies from 01/07/2025 [C].
    pub one_level_from: Date,
    pub rows: Vec<AuthorityRule>,
}

/// Who resolves one letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "resolver", content = "unit")]
pub enum Resolver {
    /// The head of this unit.
    Unit(UnitId),
    Minister,
}

/// The resolver of a letter and the row that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Authority<'a> {
    pub resolver: Resolver,
    pub rule: &'a AuthorityRule,
}

impl Authority<'_> {
    /// Whether a letter received by `unit` is within its authority (else it is forwarded to the
    /// resolver or the complainant is guided, TT 13/2021/TT-BTP Điều 8 khoản 2–3).
    pub fn within(&self, unit: UnitId) -> bool {
        self.resolver == Resolver::Unit(unit)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthorityError {
    #[error("không có đơn vị / unknown unit {0:?}")]
    UnknownUnit(UnitId),
    #[error(
        "không xác định được người có thẩm quyền giải quyết (đơn vị loại {unit_kind}, {level}) — giải quyết theo Luật \
         Khiếu nại, Luật Tố cáo / no authority row for this respondent; handled under the general laws"
    )]
    NoRule { unit_kind: UnitKind, level: &'static str },
    #[error("không tìm thấy đơn vị cấp {0} phía trên đơn vị bị khiếu nại / no {0} unit above the respondent's unit")]
    NoResolverUnit(UnitKind),
}

impl AuthorityRules {
    pub fn structure_on(&self, day: Date) -> Structure {
        if day < self.one_level_from { Structure::TwoLevel } else { Structure::OneLevel }
    }

    /// The row for a letter received on `on`.
    pub fn rule(
        &self,
        structure: Structure,
        kind: ComplaintKind,
        role: RespondentRole,
        unit_kind: UnitKind,
        level: Level,
    ) -> Option<&AuthorityRule> {
        self.rows.iter().find(|r| {
            r.structure == structure && r.kind == kind && r.role == role && r.unit_kind == unit_kind && r.level == level
        })
    }

    /// Who resolves `matter` against `respondent`, for a letter received on `on`. A unit closed
    /// by then (a district office after 30/06/2025) is replaced by its successor first.
    pub fn resolver<'a>(
        &'a self,
        tree: &UnitTree,
        respondent: Respondent,
        matter: Matter,
        on: Date,
    ) -> Result<Authority<'a>, AuthorityError> {
        let unit = current_unit(tree, respondent.unit, on)?;
        let level = matter.level();
        let rule = self
            .rule(self.structure_on(on), matter.kind(), respondent.role, unit.kind, level)
            .ok_or(AuthorityError::NoRule { unit_kind: unit.kind, level: level.code() })?;
        let resolver = match rule.resolver {
            ResolverLevel::Minister => Resolver::Minister,
            ResolverLevel::HeadOf(kind) => {
                let above = tree.ancestry(unit.id).into_iter().rev().find(|u| u.kind == kind);
                Resolver::Unit(above.ok_or(AuthorityError::NoResolverUnit(kind))?.id)
            }
        };
        Ok(Authority { resolver, rule })
    }
}

/// The unit itself, or the unit that took over its work if it had closed before `on`.
fn current_unit(tree: &UnitTree, id: UnitId, on: Date) -> Result<&Unit, AuthorityError> {
    let mut unit = tree.get(id).ok_or(AuthorityError::UnknownUnit(id))?;
    // Merges chain at most a few times; the bound guards against a cycle in stored data.
    for _ in 0..8 {
        match (unit.valid_to, unit.successor) {
            (Some(to), Some(next)) if to < on => unit = tree.get(next).ok_or(AuthorityError::UnknownUnit(next))?,
            _ => break,
        }
    }
    Ok(unit)
}

impl Default for AuthorityRules {
    fn default() -> Self {
        AuthorityRules { one_level_from: date!(2025 - 07 - 01), rows: default_rows() }
    }
}

/// (role, unit kind, level, resolver, citation, confidence) of one structure and kind.
type Row = (RespondentRole, UnitKind, Level, ResolverLevel, &'static str, Confidence);

fn default_rows() -> Vec<AuthorityRule> {
    let table = |structure, kind, rows: &[Row]| -> Vec<AuthorityRule> {
        rows.iter()
            .map(|&(role, unit_kind, level, resolver, citation, confidence)| AuthorityRule {
                structure,
                kind,
                role,
                unit_kind,
                level,
                resolver,
                citation: citation.to_string(),
                confidence,
            })
            .collect()
    };
    let mut rows = table(Structure::TwoLevel, ComplaintKind::KhieuNai, TWO_LEVEL_COMPLAINTS);
    rows.extend(table(Structure::OneLevel, ComplaintKind::KhieuNai, ONE_LEVEL_COMPLAINTS));
    rows.extend(table(Structure::TwoLevel, ComplaintKind::ToCao, TWO_LEVEL_DENUNCIATIONS));
    rows.extend(table(Structure::OneLevel, ComplaintKind::ToCao, ONE_LEVEL_DENUNCIATIONS));
    rows
}

use Confidence::{Confirmed as C, Inferred as I};
use Level::{First, Second};
use ResolverLevel::{HeadOf, Minister};
use RespondentRole::{Head, Officer};
use UnitKind::{District, National, Province, Region};

const TWO_LEVEL_COMPLAINTS: &[Row] = &[
    (
        Officer,
        District,
        First,
        HeadOf(District),
        "Luật THADS 2008 Điều 142 khoản 1; TT 13/2021/TT-BTP Điều 7 khoản 1",
        C,
    ),
    (Officer, District, Second, HeadOf(Province), "Luật THADS 2008 Điều 142 khoản 2 điểm c", C),
    (Officer, Province, First, HeadOf(Province), "Luật THADS 2008 Điều 142 khoản 2 điểm a", C),
    (Officer, Province, Second, HeadOf(National), "Luật THADS 2008 Điều 142 khoản 3 điểm b", C),
    (Head, District, First, HeadOf(Province), "Luật THADS 2008 Điều 142 khoản 2 điểm b", C),
    (Head, District, Second, HeadOf(National), "Luật THADS 2008 Điều 142 khoản 3 điểm b", C),
    (Head, Province, First, HeadOf(National), "Luật THADS 2008 Điều 142 khoản 3 điểm a", C),
    (Head, Province, Second, Minister, "Luật THADS 2008 Điều 142 khoản 4 điểm a", C),
];

/// From 01/07/2025 the regional sections issue no decisions of their own: their officers'
/// acts are resolved by the provincial head, and the chain above is unchanged (domain §6.2).
const ONE_LEVEL_COMPLAINTS: &[Row] = &[
    (
        Officer,
        Region,
        First,
        HeadOf(Province),
        "Luật THADS 2008 Điều 142 khoản 2 điểm a; tổ chức một cấp từ 01/07/2025",
        I,
    ),
    (
        Officer,
        Region,
        Second,
        HeadOf(National),
        "Luật THADS 2008 Điều 142 khoản 3 điểm b; tổ chức một cấp từ 01/07/2025",
        I,
    ),
    (
        Head,
        Region,
        First,
        HeadOf(Province),
        "Luật THADS 2008 Điều 142 khoản 2 điểm a; phòng khu vực không ra quyết định riêng (domain §5.2)",
        I,
    ),
    (
        Head,
        Region,
        Second,
        HeadOf(National),
        "Luật THADS 2008 Điều 142 khoản 3 điểm b; tổ chức một cấp từ 01/07/2025",
        I,
    ),
    (Officer, Province, First, HeadOf(Province), "Luật THADS 2008 Điều 142 khoản 2 điểm a", I),
    (Officer, Province, Second, HeadOf(National), "Luật THADS 2008 Điều 142 khoản 3 điểm b", I),
    (Head, Province, First, HeadOf(National), "Luật THADS 2008 Điều 142 khoản 3 điểm a", I),
    (Head, Province, Second, Minister, "Luật THADS 2008 Điều 142 khoản 4 điểm a", I),
];

/// A repeated denunciation (level Second) goes to the head above the one who resolved it.
const TWO_LEVEL_DENUNCIATIONS: &[Row] = &[
    (
        Officer,
        District,
        First,
        HeadOf(District),
        "Luật THADS 2008 Điều 157 khoản 1; TT 13/2021/TT-BTP Điều 15 khoản 1",
        C,
    ),
    (
        Officer,
        District,
        Second,
        HeadOf(Province),
        "TT 13/2021/TT-BTP Điều 15 khoản 4; Luật Tố cáo 2018 Điều 37 khoản 3",
        C,
    ),
    (
        Officer,
        Province,
        First,
        HeadOf(Province),
        "Luật THADS 2008 Điều 157 khoản 1; TT 13/2021/TT-BTP Điều 15 khoản 1",
        C,
    ),
    (Officer, Province, Second, HeadOf(National), "TT 13/2021/TT-BTP Điều 15 khoản 4", C),
    (Head, District, First, HeadOf(Province), "Luật THADS 2008 Điều 157 khoản 2; TT 13/2021/TT-BTP Điều 15 khoản 2", C),
    (Head, District, Second, HeadOf(National), "TT 13/2021/TT-BTP Điều 15 khoản 4", C),
    (Head, Province, First, HeadOf(National), "Luật THADS 2008 Điều 157 khoản 2", C),
    (Head, Province, Second, Minister, "TT 13/2021/TT-BTP Điều 15 khoản 4 (cấp trên của Cục Quản lý THADS)", I),
];

const ONE_LEVEL_DENUNCIATIONS: &[Row] = &[
    (
        Officer,
        Region,
        First,
        HeadOf(Province),
        "Luật THADS 2008 Điều 157 khoản 1; NĐ 152/2026 Điều 75; tổ chức một cấp",
        I,
    ),
    (Officer, Region, Second, HeadOf(National), "TT 13/2021/TT-BTP Điều 15 khoản 4; tổ chức một cấp", I),
    (Head, Region, First, HeadOf(Province), "Luật THADS 2008 Điều 157 khoản 1; tổ chức một cấp", I),
    (Head, Region, Second, HeadOf(National), "TT 13/2021/TT-BTP Điều 15 khoản 4; tổ chức một cấp", I),
    (Officer, Province, First, HeadOf(Province), "Luật THADS 2008 Điều 157 khoản 1; NĐ 152/2026 Điều 75 khoản 1", I),
    (Officer, Province, Second, HeadOf(National), "TT 13/2021/TT-BTP Điều 15 khoản 4", I),
    (Head, Province, First, HeadOf(National), "Luật THADS 2008 Điều 157 khoản 2", I),
    (Head, Province, Second, Minister, "TT 13/2021/TT-BTP Điều 15 khoản 4 (cấp trên của Cục Quản lý THADS)", I),
];
