//! Open statistics (dữ liệu mở): the published figures of each unit for each of the last twelve
//! whole months, from the same month engine as the official forms, so they add up the same way.
//! Counts and sums only: no name, number or case is in them.

use thads_core::{MonthKey, Period, UnitId};
use thads_reports::{MonthEngine, Targets};
use time::Date;

use crate::error::{AppError, AppResult};

/// One unit's figures for one month (interchange, open statistics).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OpenFigures {
    pub unit: String,
    pub unit_name: String,
    /// `YYYY-MM`.
    pub month: String,
    pub cases_carried_over: i64,
    pub cases_new: i64,
    pub cases_completed: i64,
    pub cases_terminated: i64,
    pub cases_with_means: i64,
    pub cases_without_means: i64,
    pub cases_pending_end: i64,
    pub money_new_vnd: i64,
    /// The money form's completed column: collected on cases still counted, and what closed cases brought.
    pub money_completed_vnd: i64,
    pub money_pending_end_vnd: i64,
}

/// Months published on `today`: the twelve whole months before the current one, oldest first.
pub fn published_months(today: Date) -> Vec<MonthKey> {
    let current = MonthKey::of(today).0;
    (1..=12).rev().map(|back| MonthKey(current - back)).collect()
}

fn whole(n: i128) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The figures of every unit (national body, provinces, offices and sections) for each month
/// published on `today`; units closed before a month are left out of it.
pub fn open_statistics(engine: &MonthEngine, targets: &Targets, today: Date) -> AppResult<Vec<OpenFigures>> {
    let mut out = Vec::new();
    let units: Vec<(UnitId, String, String)> =
        engine.units().all().iter().map(|u| (u.id, u.code.to_string(), u.name.clone())).collect();
    for month in published_months(today) {
        let (from, to) = (month.first_day(), month.last_day());
        let period = Period::new(from, to).map_err(|e| AppError::Invalid(e.to_string()))?;
        for (id, code, name) in &units {
            let Ok(report) = engine.report(*id, period, targets) else { continue };
            let (c, m) = (&report.cases, &report.money);
            out.push(OpenFigures {
                unit: code.clone(),
                unit_name: name.clone(),
                month: format!("{:04}-{:02}", from.year(), u8::from(from.month())),
                cases_carried_over: whole(c.carried_over),
                cases_new: whole(c.new),
                cases_completed: whole(c.completed),
                cases_terminated: whole(c.terminated),
                cases_with_means: whole(c.with_means),
                cases_without_means: whole(c.without_means),
                cases_pending_end: whole(c.carried_forward),
                money_new_vnd: whole(m.new),
                money_completed_vnd: whole(m.completed),
                money_pending_end_vnd: whole(m.carried_forward),
            });
        }
    }
    Ok(out)
}
