//! The demo organisation as it was before the 2025 reform and as it is after: the national
//! body; the 63 provincial agencies (Cục THADS tỉnh) with their district offices (Chi cục THADS,
//! two for each regional section to come); the 355 regional sections, inserted dated
//! 01/07/2025 with their heads. Each unit with its head and enforcement officers (Chấp hành
//! viên), written in one transaction; which unit a new case goes to (a district or an old
//! province before the reform, a section or a new province after); and the reform itself as
//! merges (`Org::reform`: districts into sections, then the provinces of the reform file into
//! the 34), which the demo runs once the cases are written (`demo::reform`).

use std::collections::HashSet;

use thads_core::{Login, Role, StaffId, UnitCode, UnitId, UnitKind};
use thads_store::{NewStaff, NewUnit, WriteTx};
use time::Date;
use time::macros::date;

use super::draw::{DemoRng, between, chance, pick};
use super::geography::{PROVINCES, Province, REGIONS, region_counts};
use super::names;
use crate::error::{AppError, AppResult};
use crate::reorg::reform::{PROVINCES_2025, ReformRow, parse};

/// The day the 34 provincial agencies and 355 regional sections started (domain §5.2).
pub const REFORM: Date = date!(2025 - 07 - 01);

/// Share of a province's cases handled at the provincial level rather than in a section.
const PROVINCIAL_SHARE: f64 = 0.06;

/// District offices merged into each regional section (about 700 nationwide).
const DISTRICTS_PER_SECTION: usize = 2;

/// A unit that handles cases, with its officers.
#[derive(Debug, Clone)]
pub struct CaseUnit {
    pub id: UnitId,
    pub province: &'static Province,
    pub kind: UnitKind,
    pub officers: Vec<StaffId>,
}

/// One merge of the reform: `from` into `into` (`created` with the reform), renamed `name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    pub into: UnitId,
    pub created: bool,
    pub from: Vec<UnitId>,
    pub name: Option<String>,
}

/// Everything the case generator needs to know about the organisation.
#[derive(Debug, Clone)]
pub struct Org {
    /// The units that take cases after the reform.
    pub units: Vec<CaseUnit>,
    /// For each of `units`, the units whose cases it received on `REFORM`: a case accepted
    /// before goes to one of them.
    pub before: Vec<Vec<CaseUnit>>,
    /// Cumulative intake weights of `units`, for a weighted draw.
    cumulative: Vec<f64>,
    /// The reform's merges, sections first.
    pub reform: Vec<Merge>,
    pub unit_count: u64,
    pub staff_count: u64,
    pub officer_count: u64,
}

impl Org {
    /// The index in `units` of the unit that accepts a case, drawn by intake weight.
    pub fn draw_unit(&self, rng: &mut DemoRng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rand::RngExt::random::<f64>(rng) * total;
        self.cumulative.partition_point(|c| *c <= x).min(self.units.len().saturating_sub(1))
    }

    /// The unit that accepts case number `case` of `units[index]` on `accepted_on`: itself from
    /// the reform, one of its predecessors in turn before (no draw: the case's stream is the
    /// same whichever unit takes it).
    pub fn unit_on(&self, index: usize, case: u64, accepted_on: Date) -> &CaseUnit {
        let before = &self.before[index];
        let turn = usize::try_from(case % before.len().max(1) as u64).unwrap_or(0);
        match (accepted_on < REFORM, before.get(turn)) {
            (true, Some(unit)) => unit,
            _ => &self.units[index],
        }
    }
}

/// Inserts the units and staff and returns the organisation.
pub fn build(tx: &mut dyn WriteTx, rng: &mut DemoRng) -> AppResult<Org> {
    let rows = parse(PROVINCES_2025)?;
    let mut writer = StaffWriter { tx, logins: HashSet::new(), staff: 0, officers: 0, units: 0 };
    let national = writer.unit("VN", "Cục Quản lý Thi hành án dân sự", UnitKind::National, None, None)?;
    writer.head(rng, national, "vn")?;
    let mut org = Org {
        units: Vec::new(),
        before: Vec::new(),
        cumulative: Vec::new(),
        reform: Vec::new(),
        unit_count: 0,
        staff_count: 0,
        officer_count: 0,
    };
    let mut total = 0.0;
    let mut provinces = Vec::new();
    for (province, regions) in PROVINCES.iter().zip(region_counts(REGIONS)) {
        let row = rows
            .iter()
            .find(|r| r.into == province.code)
            .ok_or_else(|| AppError::Invalid(format!("demo: {} is not in the reform file", province.code)))?;
        let olds = writer.old_provinces(rng, national, province, row)?;
        let first =
            olds.first().cloned().ok_or_else(|| AppError::Invalid("demo: a reform row without units".into()))?;
        let people = f64::from(province.population_k);
        total += people * PROVINCIAL_SHARE;
        org.cumulative.push(total);
        org.units.push(first.clone());
        org.before.push(olds.clone());
        let mut districts = vec![0; olds.len()];
        for k in 1..=regions {
            let (section, before) = writer.section(rng, province, k, row, &olds, &mut districts)?;
            total += people * (1.0 - PROVINCIAL_SHARE) / regions as f64;
            org.cumulative.push(total);
            org.reform.push(Merge {
                into: section.id,
                created: true,
                from: before.iter().map(|u| u.id).collect(),
                name: None,
            });
            org.units.push(section);
            org.before.push(before);
        }
        let from = olds.iter().skip(1).map(|u| u.id).collect();
        provinces.push(Merge { into: first.id, created: false, from, name: Some(row.name.clone()) });
    }
    org.reform.extend(provinces);
    org.unit_count = writer.units;
    org.staff_count = writer.staff;
    org.officer_count = writer.officers;
    Ok(org)
}

/// `Cục Thi hành án dân sự tỉnh Hải Dương`: a provincial agency's name before the reform.
fn old_agency_name(name: &str, city: bool) -> String {
    match (city, name) {
        (true, "Hồ Chí Minh") => "Cục Thi hành án dân sự Thành phố Hồ Chí Minh".to_string(),
        (true, _) => format!("Cục Thi hành án dân sự thành phố {name}"),
        (false, _) => format!("Cục Thi hành án dân sự tỉnh {name}"),
    }
}

struct StaffWriter<'a> {
    tx: &'a mut dyn WriteTx,
    logins: HashSet<String>,
    staff: u64,
    officers: u64,
    units: u64,
}

impl StaffWriter<'_> {
    fn unit(
        &mut self,
        code: &str,
        name: &str,
        kind: UnitKind,
        parent: Option<UnitId>,
        valid_from: Option<Date>,
    ) -> AppResult<UnitId> {
        let code = UnitCode::new(code).map_err(|e| AppError::Invalid(e.to_string()))?;
        let unit = NewUnit { code, name: name.to_string(), kind, parent, valid_from, valid_to: None, successor: None };
        self.units += 1;
        Ok(self.tx.insert_unit(&unit)?)
    }

    /// The provinces `row` of the reform file merges into `province`, the one that keeps its
    /// code first, each with its head and officers.
    fn old_provinces(
        &mut self,
        rng: &mut DemoRng,
        national: UnitId,
        province: &'static Province,
        row: &ReformRow,
    ) -> AppResult<Vec<CaseUnit>> {
        let mut olds = Vec::new();
        for (k, code) in row.from.iter().enumerate() {
            let name = province.merged_from.get(k).copied().unwrap_or(province.name);
            let name = old_agency_name(name.trim_start_matches("TP. "), province.city && k == 0);
            let id = self.unit(code, &name, UnitKind::Province, Some(national), None)?;
            let officers = self.officers(rng, id, code, 3, 6)?;
            olds.push(CaseUnit { id, province, kind: UnitKind::Province, officers });
        }
        Ok(olds)
    }

    /// Regional section `k` of `province` (dated `REFORM`, with its head) and the district
    /// offices merged into it, under one of the old provinces in turn; the section's
    /// officers are theirs (they move to it with the reform).
    fn section(
        &mut self,
        rng: &mut DemoRng,
        province: &'static Province,
        k: usize,
        row: &ReformRow,
        olds: &[CaseUnit],
        districts: &mut [usize],
    ) -> AppResult<(CaseUnit, Vec<CaseUnit>)> {
        let code = format!("{}-KV{k}", province.code);
        let name = format!("Phòng Thi hành án dân sự khu vực {k} – {}", province.short_name());
        let parent = olds.first().map(|u| u.id);
        let id = self.unit(&code, &name, UnitKind::Region, parent, Some(REFORM))?;
        self.head(rng, id, &code.to_ascii_lowercase())?;
        let which = (k - 1) % olds.len().max(1);
        let old = olds.get(which).ok_or_else(|| AppError::Invalid("demo: a province without predecessors".into()))?;
        let old_code = row.from.get(which).map_or(province.code, String::as_str);
        let old_name = province.merged_from.get(which).copied().unwrap_or(province.name);
        let mut before = Vec::new();
        let mut officers = Vec::new();
        for _ in 0..DISTRICTS_PER_SECTION {
            districts[which] += 1;
            let n = districts[which];
            let code = format!("{old_code}-CC{n}");
            let name = format!("Chi cục Thi hành án dân sự số {n} – {old_name}");
            let district = self.unit(&code, &name, UnitKind::District, Some(old.id), None)?;
            let own = self.officers(rng, district, &code, 4, 6)?;
            officers.extend(own.iter().copied());
            before.push(CaseUnit { id: district, province, kind: UnitKind::District, officers: own });
        }
        Ok((CaseUnit { id, province, kind: UnitKind::Region, officers }, before))
    }

    /// The head of the unit (Cục trưởng, Trưởng phòng) and `min..=max` officers.
    fn officers(&mut self, rng: &mut DemoRng, unit: UnitId, code: &str, min: i64, max: i64) -> AppResult<Vec<StaffId>> {
        let suffix = code.to_ascii_lowercase();
        self.head(rng, unit, &suffix)?;
        let n = between(rng, min, max);
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(self.person(rng, unit, &suffix, Role::Officer)?);
        }
        self.officers += out.len() as u64;
        Ok(out)
    }

    fn head(&mut self, rng: &mut DemoRng, unit: UnitId, suffix: &str) -> AppResult<StaffId> {
        self.person(rng, unit, suffix, Role::Head)
    }

    fn person(&mut self, rng: &mut DemoRng, unit: UnitId, suffix: &str, role: Role) -> AppResult<StaffId> {
        let full_name = names::person(rng);
        let stem = names::login_stem(&full_name);
        let login = (1..)
            .map(|n| if n == 1 { format!("{stem}.{suffix}") } else { format!("{stem}{n}.{suffix}") })
            .find(|l| !self.logins.contains(l))
            .unwrap_or_default();
        self.logins.insert(login.clone());
        let login = Login::new(&login).map_err(|e| AppError::Invalid(e.to_string()))?;
        self.staff += 1;
        Ok(self.tx.insert_staff(&NewStaff { unit, login, full_name, role })?)
    }
}

/// The officer a case is assigned to; a few cases are not assigned yet.
pub fn draw_officer(rng: &mut DemoRng, unit: &CaseUnit) -> Option<StaffId> {
    if chance(rng, 0.01) { None } else { pick(rng, &unit.officers).copied() }
}
