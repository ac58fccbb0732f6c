//! International indicators beside the national ones (CEPEJ, the Council of Europe's
//! Commission for the Efficiency of Justice): clearance rate, disposition time, and the age
//! of pending cases.
//!
//! Definitions (CEPEJ, "European judicial systems" evaluation reports, methodology; and the
//! CEPEJ "GOJUST" guidelines on judicial time management statistics):
//! * Clearance Rate (%) = resolved cases / incoming cases × 100;
//! * Disposition Time (days) = 365 / (resolved cases / pending cases at the end of the period).
//!
//! Mapped onto the forms: incoming = new cases (V3, including those received by delegation);
//! resolved = every case that left the register within the period: completed (V7), terminated
//! (V8) and deducted (V4: delegated out, withdrawn, …), because CEPEJ counts all cases that
//! stopped being pending; pending at the end = carried forward (V14). Then pending at the end
//! = pending at the start + incoming − resolved exactly. Disposition time is scaled by the
//! length of the period in days (365 or 366 for a full reporting year), so a six-month report
//! is not read as twice as slow.

use serde::Serialize;
use thads_core::Percent;
use thads_core::dates::Period;

use crate::error::{ReportError, ReportResult};
use crate::form::Form;

/// Pending cases at the end of a period by time since acceptance (whole years).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AgeProfile {
    /// Under one year.
    pub under_1: i64,
    /// One year or more, under two.
    pub from_1_to_2: i64,
    /// Two years or more, under five.
    pub from_2_to_5: i64,
    /// Five years or more.
    pub over_5: i64,
}

impl AgeProfile {
    pub fn add(&mut self, years: i32, count: i64) {
        match years {
            ..1 => self.under_1 += count,
            1 => self.from_1_to_2 += count,
            2..=4 => self.from_2_to_5 += count,
            _ => self.over_5 += count,
        }
    }

    pub fn total(&self) -> i64 {
        self.under_1 + self.from_1_to_2 + self.from_2_to_5 + self.over_5
    }
}

/// The CEPEJ indicators of a report (cases form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cepej {
    pub incoming: i128,
    pub resolved: i128,
    pub pending_start: i128,
    pub pending_end: i128,
    #[serde(serialize_with = "crate::report::opt_percent")]
    pub clearance_rate: Option<Percent>,
    /// Whole days, rounded half up.
    pub disposition_time_days: Option<i128>,
    /// `None` when the engine has no acceptance cohorts.
    pub age: Option<AgeProfile>,
}

impl Cepej {
    /// The indicators of a cases form; the age profile, when given, must count exactly the
    /// pending cases.
    pub fn of(cases: &Form, period: Period, age: Option<AgeProfile>) -> ReportResult<Cepej> {
        let resolved = cases.completed + cases.terminated + cases.delegated_out;
        let pending_end = cases.carried_forward;
        if let Some(a) = age
            && i128::from(a.total()) != pending_end
        {
            let detail = format!("{} ≠ {pending_end}", a.total());
            return Err(ReportError::Identity { identity: "Σ tuổi việc tồn = V14", form: "CEPEJ", detail });
        }
        let days = i128::from((period.to() - period.from()).whole_days() + 1);
        let disposition = (resolved != 0).then(|| (2 * pending_end * days + resolved) / (2 * resolved));
        Ok(Cepej {
            incoming: cases.new,
            resolved,
            pending_start: cases.carried_over,
            pending_end,
            clearance_rate: Percent::ratio(resolved, cases.new),
            disposition_time_days: disposition,
            age,
        })
    }
}
