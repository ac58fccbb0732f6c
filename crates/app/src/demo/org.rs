//! The demo organisation: the national body, the 34 provincial agencies and their 355 regional
//! sections, each with a head and its enforcement officers (Chấp hành viên), written in one
//! transaction; and which unit a new case goes to.

use std::collections::HashSet;

use thads_core::{Login, Role, StaffId, UnitCode, UnitId, UnitKind};
use thads_store::{NewStaff, NewUnit, WriteTx};
use time::Date;
use time::macros::date;

use super::draw::{DemoRng, between, chance, pick};
use super::geography::{PROVINCES, Province, REGIONS, region_counts};
use super::names;
use crate::error::{AppError, AppResult};

/// The day the 34 provincial agencies and 355 regional sections started (domain §5.2).
pub const REFORM: Date = date!(2025 - 07 - 01);

/// Share of a province's cases handled at the provincial level rather than in a section.
const PROVINCIAL_SHARE: f64 = 0.06;

/// A unit that handles cases, with its officers.
#[derive(Debug, Clone)]
pub struct CaseUnit {
    pub id: UnitId,
    pub province: &'static Province,
    pub kind: UnitKind,
    pub officers: Vec<StaffId>,
}

/// Everything the case generator needs to know about the organisation.
#[derive(Debug, Clone)]
pub struct Org {
    pub units: Vec<CaseUnit>,
    /// Cumulative intake weights of `units`, for a weighted draw.
    cumulative: Vec<f64>,
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
}

/// Inserts the units and staff and returns the organisation.
pub fn build(tx: &mut dyn WriteTx, rng: &mut DemoRng) -> AppResult<Org> {
    let mut writer = StaffWriter { tx, logins: HashSet::new(), staff: 0, officers: 0 };
    let national = writer.unit("VN", "Cục Quản lý Thi hành án dân sự", UnitKind::National, None)?;
    writer.head(rng, national, "vn")?;
    let mut units = Vec::new();
    let mut cumulative = Vec::new();
    let mut total = 0.0;
    for (province, regions) in PROVINCES.iter().zip(region_counts(REGIONS)) {
        let people = f64::from(province.population_k);
        let id = writer.unit(province.code, &province.agency_name(), UnitKind::Province, Some(national))?;
        let officers = writer.officers(rng, id, province.code, 3, 6)?;
        units.push(CaseUnit { id, province, kind: UnitKind::Province, officers });
        total += people * PROVINCIAL_SHARE;
        cumulative.push(total);
        for k in 1..=regions {
            let code = format!("{}-KV{k}", province.code);
            let name = format!("Phòng Thi hành án dân sự khu vực {k} – {}", province.short_name());
            let region = writer.unit(&code, &name, UnitKind::Region, Some(id))?;
            let officers = writer.officers(rng, region, &code, 8, 12)?;
            units.push(CaseUnit { id: region, province, kind: UnitKind::Region, officers });
            total += people * (1.0 - PROVINCIAL_SHARE) / regions as f64;
            cumulative.push(total);
        }
    }
    let unit_count = 1 + units.len() as u64;
    Ok(Org { units, cumulative, unit_count, staff_count: writer.staff, officer_count: writer.officers })
}

struct StaffWriter<'a> {
    tx: &'a mut dyn WriteTx,
    logins: HashSet<String>,
    staff: u64,
    officers: u64,
}

impl StaffWriter<'_> {
    fn unit(&mut self, code: &str, name: &str, kind: UnitKind, parent: Option<UnitId>) -> AppResult<UnitId> {
        let code = UnitCode::new(code).map_err(|e| AppError::Invalid(e.to_string()))?;
        let unit = NewUnit {
            code,
            name: name.to_string(),
            kind,
            parent,
            valid_from: Some(REFORM),
            valid_to: None,
            successor: None,
        };
        Ok(self.tx.insert_unit(&unit)?)
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
