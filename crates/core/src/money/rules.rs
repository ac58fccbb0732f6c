//! Every money rule an administrator keeps, in one value (stored as one document, like the
//! case rules): the order of payment, the fee schedule, the payout rules, the reference amounts
//! the time limits of money in custody and who earns the interest of savings deposits.

use serde::{Deserialize, Serialize};

use super::fee::{FeeSchedule, default_fee_schedules};
use super::limits::{MoneyLimit, default_money_limits};
use super::obligation::PaymentRules;
use super::payout::PayoutRules;
use super::reference::ReferenceAmounts;
use super::savings::SavingsRules;
use crate::deadlines::Limits;
use crate::rules::LifecycleRules;
use crate::versioned::Versions;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoneyRules {
    pub payment: PaymentRules,
    pub fees: Versions<FeeSchedule>,
    pub payout: PayoutRules,
    pub references: ReferenceAmounts,
    pub limits: Limits<MoneyLimit>,
    /// Added with savings deposits: documents stored before read the built-in rules.
    #[serde(default)]
    pub savings: SavingsRules,
}

impl Default for MoneyRules {
    fn default() -> Self {
        MoneyRules {
            payment: PaymentRules::default(),
            fees: default_fee_schedules(),
            payout: PayoutRules::default(),
            references: ReferenceAmounts::default(),
            limits: default_money_limits(LifecycleRules::default().new_law_from),
            savings: SavingsRules::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_round_trip_as_one_document() {
        let rules = MoneyRules::default();
        let json = serde_json::to_string(&rules).unwrap();
        assert_eq!(serde_json::from_str::<MoneyRules>(&json).unwrap(), rules);
    }
}
