//! Unclaimed money (issue 18) as worklist items, beside the payout limit of each lot: once a
//! case's oldest money held outside savings is past its payout limit and no notice was given
//! since it came in, the payee is to be notified (`savings_notice`, due on the last day of the
//! payout limit, so already overdue); once notified, the money is to be posted or put in a
//! savings deposit when the payee's period to come (`MoneyLimit::ClaimPeriod`) runs out
//! (`savings_deposit`, due on its last day: upcoming while the payee may still come, overdue
//! after). Where a case stands is `core::money::savings::unclaimed`, the same reading as the
//! accountant's page of unclaimed money. Read here from the store and core, as the payout
//! limits are (`payouts`): the worklist stays below the money room.

use thads_core::money::custody::held_lots;
use thads_core::money::savings::{Unclaimed, UnclaimedQuestion, unclaimed};
use thads_core::money::{MoneyLimit, MoneyRules, group_thousands};
use thads_store::HeldCase;
use time::Date;

use super::query::{DueItem, Names, Scope};
use super::setup::DeadlineSetup;
use crate::error::AppResult;

/// The kind of the worklist's items telling to notify the payee of unclaimed money.
pub const SAVINGS_NOTICE: &str = "savings_notice";
/// The kind of the worklist's items telling to deposit (or post) unclaimed money.
pub const SAVINGS_DEPOSIT: &str = "savings_deposit";

/// The next step of the unclaimed money of the cases of `units` (one officer's cases only,
/// when given) on `on`.
pub fn savings_items(scope: &Scope<'_>) -> AppResult<Vec<DueItem>> {
    let Scope { store, setup, names, units, officer, on } = *scope;
    let rules = MoneyRules::default();
    let q = UnclaimedQuestion { on, payout: &setup.rules, limits: &rules.limits, calendar: &setup.calendar };
    let mut items = Vec::new();
    if units.is_empty() {
        return Ok(items);
    }
    for case in store.held_case_entries(units)? {
        if officer.is_some() && case.officer != officer {
            continue;
        }
        let lots = held_lots(case.case, &case.entries);
        // Within its payout limit, whatever the notices: no need to read them.
        if unclaimed(&lots, None, &q).is_none() {
            continue;
        }
        let latest_notice = store.notices(case.case)?.first().map(|n| n.notice.date);
        let Some(stage) = unclaimed(&lots, latest_notice, &q) else { continue };
        let held = lots.iter().map(|l| i128::from(l.amount.dong())).sum();
        items.push(item(setup, names, &case, stage, held, &rules, on));
    }
    Ok(items)
}

/// The worklist's line of a case's unclaimed money at `stage`.
fn item(
    setup: &DeadlineSetup,
    names: &Names,
    case: &HeldCase,
    stage: Unclaimed,
    held: i128,
    rules: &MoneyRules,
    on: Date,
) -> DueItem {
    let amount = group_thousands(held);
    let (kind, vi, en, started_on, rule) = match stage {
        Unclaimed::NoticeDue { since, .. } => {
            let rule = thads_core::money::payout_deadline(&setup.rules, since, &setup.calendar)
                .map(|(_, r)| (r.id.clone(), r.citation.clone()));
            (
                SAVINGS_NOTICE,
                format!("Thông báo nhận tiền chưa có người nhận ({amount} đ)"),
                format!("Notify the payee of unclaimed money ({amount} đồng)"),
                since,
                rule,
            )
        }
        Unclaimed::AwaitingClaim { notice, .. } | Unclaimed::DepositDue { notice, .. } => {
            let rule = rules
                .limits
                .from(MoneyLimit::ClaimPeriod, notice, &setup.calendar)
                .map(|d| (d.limit.id.clone(), d.limit.citation.clone()));
            (
                SAVINGS_DEPOSIT,
                format!("Gửi tiết kiệm tiền chưa có người nhận ({amount} đ)"),
                format!("Deposit unclaimed money in savings ({amount} đồng)"),
                notice,
                rule,
            )
        }
    };
    let (rule_id, citation) = rule.unwrap_or_default();
    DueItem {
        unit: names.unit(case.unit),
        case_no: case.case_no.clone(),
        case_id: case.case.0,
        kind,
        kind_vi: vi,
        kind_en: Some(en),
        due: stage.due(),
        overdue: stage.due() < on,
        rule: citation,
        rule_id,
        officer: names.officer(case.officer),
        started_on,
    }
}
