//! The exemption register's waits as worklist items (issue 20 item 4): while a court decision
//! on a proposal of the scope is open to protest, each procuracy's window is a deadline of the
//! case (kind `exemption`, its last day and citation, `thads_core::exemption::open_windows`);
//! once the windows have run, recording the decision's effect on the case is due from the day
//! it takes effect until it is recorded. Read from the store and core rather than through the
//! exemption room, which records through the cases room: the worklist stays below both.

use thads_core::exemption::{court_limits, decision_effect, open_windows};
use time::Date;

use super::query::{DueItem, Scope};
use crate::error::AppResult;

/// The kind of the worklist's entries that are waits of the exemption register; their
/// `case_id` is the proposal's case.
pub const EXEMPTION: &str = "exemption";

/// The id of the entry "record the decision's effect on the case".
pub const APPLY_EFFECT: &str = "exemption.apply_effect";

/// The open protest windows and the effects to record of the proposals of `units` on `on`
/// (one officer's cases only, when given).
pub fn exemption_items(scope: &Scope<'_>) -> AppResult<Vec<DueItem>> {
    let Scope { store, setup, names, units, officer, on } = *scope;
    let limits = court_limits();
    let mut items = Vec::new();
    for p in store.proposals(units)? {
        let Some(entry) = p.decision.as_ref() else { continue };
        if p.applied_on.is_some() {
            continue;
        }
        let Some(case) = store.case(p.case_id)? else { continue };
        if officer.is_some() && case.facts.officer != officer {
            continue;
        }
        let item =
            |(kind_vi, kind_en): (String, String), due: Date, rule: String, rule_id: String, started_on: Date| {
                DueItem {
                    unit: names.unit(p.unit),
                    case_no: case.facts.case_no.to_string(),
                    case_id: p.case_id.0,
                    kind: EXEMPTION,
                    kind_vi,
                    kind_en: Some(kind_en),
                    due,
                    overdue: due < on,
                    rule,
                    rule_id,
                    officer: names.officer(case.facts.officer),
                    started_on,
                }
            };
        for w in open_windows(&entry.decision, &limits, &setup.calendar, on) {
            let label = format!("Miễn, giảm: {} (QĐ {})", w.name_vi, entry.decision_no);
            let label_en = format!("Exemption, reduction: {} (decision {})", window_en(w.step), entry.decision_no);
            items.push(item((label, label_en), w.due, w.citation, w.limit_id, w.from));
        }
        let effect = decision_effect(&entry.decision, &limits, &setup.calendar);
        if let (Some(day), Some(_)) = (effect.effective_on, effect.event.as_ref())
            && day <= on
        {
            let label = (
                format!("Miễn, giảm: ghi nhận hiệu lực QĐ {} vào việc", entry.decision_no),
                format!("Exemption, reduction: record decision {} on the case", entry.decision_no),
            );
            let citation = "TTLT 12/2015/TTLT-BTP-BTC-TANDTC-VKSNDTC Điều 9 khoản 4".to_string();
            items.push(item(label, day, citation, APPLY_EFFECT.into(), entry.decision.decided_on));
        }
    }
    Ok(items)
}

/// A protest window's name in English (the limits are named in Vietnamese only).
fn window_en(step: thads_core::exemption::CourtStep) -> &'static str {
    use thads_core::exemption::CourtStep;
    match step {
        CourtStep::ProtestSameLevel => "the same-level procuracy may protest",
        CourtStep::ProtestHigherLevel => "the higher procuracy may protest",
        _ => "a procuracy may protest",
    }
}
