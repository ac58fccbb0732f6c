//! Complaints and denunciations about enforcement (khiếu nại, tố cáo; domain §6): the words of
//! the register, its time limits as data by legal regime (limitation periods per object,
//! acceptance, resolution per level, extensions, referral of letters outside the agency's
//! authority), who resolves against whom, the checks of each step, and the report figures.

mod authority;
mod kinds;
mod limits;
mod register;
mod stats;

pub use authority::{
    Authority, AuthorityError, AuthorityRule, AuthorityRules, Resolver, ResolverLevel, Respondent, RespondentRole,
    Structure,
};
pub use kinds::{Channel, CodeError, ComplaintId, ComplaintKind, Level, Matter, Object, Outcome, ReferralKind};
pub use limits::{LimitKind, default_limits};
pub use register::{
    ComplaintDeadline, ComplaintError, ComplaintFacts, ComplaintRecord, OBSTACLE_MAX, Progress, Registration,
    Resolution, StepKind, check_acceptance, check_extension, check_referral, check_resolution, deadlines, is_late,
    limitation, registration,
};
pub use stats::{ComplaintStats, StatsRules, complaint_stats};

#[cfg(test)]
mod tests;
