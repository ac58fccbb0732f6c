//! The coordination of a coercion session with the police (domain §3.9: "3/5 working-day steps
//! with police", Luật THADS 26/2008 Điều 46–47): the plan is sent to the police some working
//! days before the session, and the police answer with their plan of protection some working
//! days after receiving it. Which step takes which length is read from the spec's summary, not
//! from the text: the lengths are data, inferred, with their citation.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::calendar::WorkingCalendar;
use crate::confidence::Confidence;

/// A step of the coordination with the police.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PoliceStepKind {
    /// Gửi kế hoạch cưỡng chế cho cơ quan Công an.
    PlanSent,
    /// Công an lập kế hoạch bảo vệ cưỡng chế.
    ProtectionPlan,
}

impl PoliceStepKind {
    pub const ALL: [PoliceStepKind; 2] = [PoliceStepKind::PlanSent, PoliceStepKind::ProtectionPlan];

    pub fn code(self) -> &'static str {
        match self {
            PoliceStepKind::PlanSent => "plan_sent",
            PoliceStepKind::ProtectionPlan => "protection_plan",
        }
    }

    pub fn parse(code: &str) -> Option<PoliceStepKind> {
        PoliceStepKind::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            PoliceStepKind::PlanSent => "Gửi kế hoạch cưỡng chế cho Công an",
            PoliceStepKind::ProtectionPlan => "Công an lập kế hoạch bảo vệ cưỡng chế",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            PoliceStepKind::PlanSent => "Send the coercion plan to the police",
            PoliceStepKind::ProtectionPlan => "The police draw up the protection plan",
        }
    }
}

/// The lengths of the coordination, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoliceRules {
    /// The plan reaches the police at least this many working days before the session.
    pub plan_before_session: u32,
    /// The police answer within this many working days of the plan's last day.
    pub protection_after_plan: u32,
    pub citation: String,
    pub confidence: Confidence,
}

impl Default for PoliceRules {
    fn default() -> Self {
        PoliceRules {
            plan_before_session: 5,
            protection_after_plan: 3,
            citation:
                "Luật THADS 26/2008 Điều 46–47 (domain §3.9: «3/5 working-day steps with police»; chưa đối chiếu)"
                    .into(),
            confidence: Confidence::Inferred,
        }
    }
}

/// Each step's last day for a session on `session_on`: the plan `plan_before_session` working
/// days before it, the protection plan `protection_after_plan` working days after that, never
/// after the session's day.
pub fn police_steps(session_on: Date, calendar: &WorkingCalendar, rules: &PoliceRules) -> Vec<(PoliceStepKind, Date)> {
    let mut plan = session_on;
    let mut counted = 0;
    for _ in 0..120 {
        if counted >= rules.plan_before_session {
            break;
        }
        plan = plan.previous_day().unwrap_or(plan);
        if calendar.is_working_day(plan) {
            counted += 1;
        }
    }
    let protection = calendar.add_working_days(plan, rules.protection_after_plan).min(session_on);
    vec![(PoliceStepKind::PlanSent, plan), (PoliceStepKind::ProtectionPlan, protection)]
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::calendar::Announcements;

    #[test]
    fn the_plan_goes_five_working_days_before_and_the_police_answer_within_three() {
        let calendar = WorkingCalendar::vietnam(Announcements::none()).unwrap();
        let rules = PoliceRules::default();
        // Friday 20/03/2026: five working days back is Friday 13/03; three on is Wednesday 18/03.
        assert_eq!(
            police_steps(date!(2026 - 03 - 20), &calendar, &rules),
            vec![
                (PoliceStepKind::PlanSent, date!(2026 - 03 - 13)),
                (PoliceStepKind::ProtectionPlan, date!(2026 - 03 - 18))
            ]
        );
        // Monday 09/03/2026: back over the weekend to Monday 02/03.
        assert_eq!(police_steps(date!(2026 - 03 - 09), &calendar, &rules)[0].1, date!(2026 - 03 - 02));
        // Never after the session: with no days between, the answer is due on the session's day.
        let tight = PoliceRules { plan_before_session: 1, protection_after_plan: 3, ..rules };
        assert_eq!(police_steps(date!(2026 - 03 - 09), &calendar, &tight)[1].1, date!(2026 - 03 - 09));
        assert!(PoliceStepKind::parse("protection_plan").is_some() && PoliceStepKind::parse("x").is_none());
    }
}
