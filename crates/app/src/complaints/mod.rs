//! The register of complaints and denunciations (issue 20, domain §6) as a use case: a letter
//! registered (late ones too, flagged with their citation), its authority decided from the
//! table of who resolves against whom (or stated by the officer), and its steps — acceptance,
//! referral (forwarded or guided) when outside authority, extension, the decision or the
//! withdrawal — each checked by `thads_core::complaints`, written in one transaction and
//! audited against the letter's unit. Reading: the letters of a scope with their running time
//! limits, the overdue ones for the worklist, and the figures of any unit and period.
//!
//! Authorisation is the caller's, on the unit of the letter as stored (`RecordComplaint`,
//! `ViewComplaints`): a letter's unit never changes after registration.

mod figures;
mod steps;

pub use figures::{LetterDue, figures, letters_due, overdue_letters};
pub use steps::{Step, StepDone, apply_step};

use std::sync::Arc;

use serde_json::{Value, json};
use thads_core::complaints::{
    AuthorityError, AuthorityRules, ComplaintFacts, ComplaintId, LimitKind, Registration, Respondent, default_limits,
    registration,
};
use thads_core::dates::format_iso;
use thads_core::deadlines::Limits;
use thads_core::reception::SessionId;
use thads_core::{UnitTree, calendar::WorkingCalendar};
use thads_store::{ComplaintRow, NewAudit, Store};

use crate::actor::Actor;
use crate::deadlines::DeadlineSetup;
use crate::error::{AppError, AppResult};

/// The time limits of the register and the working-day calendar in force (with the days the
/// administrator announced).
pub struct ComplaintSetup {
    pub limits: Limits<LimitKind>,
    deadlines: Arc<DeadlineSetup>,
}

impl ComplaintSetup {
    pub fn load(store: &dyn Store) -> AppResult<ComplaintSetup> {
        Ok(ComplaintSetup { limits: default_limits(), deadlines: DeadlineSetup::load(store)? })
    }

    pub fn calendar(&self) -> &WorkingCalendar {
        &self.deadlines.calendar
    }
}

/// How the agency's authority over a letter is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorityBasis {
    /// From the authority table, for the person complained of.
    Respondent(Respondent),
    /// Stated by the officer (the person complained of is not known, or the matter is not about
    /// enforcement at all).
    Stated(bool),
}

/// A letter to register.
#[derive(Debug, Clone)]
pub struct NewLetter {
    /// `within_authority` is ignored: it is decided from `authority`.
    pub facts: ComplaintFacts,
    pub authority: AuthorityBasis,
    pub first_decision_of: Option<ComplaintId>,
    pub session: Option<SessionId>,
}

/// A registered letter and what the register answers.
#[derive(Debug, Clone)]
pub struct Registered {
    pub id: ComplaintId,
    pub registration: Registration,
}

/// Whether the receiving unit resolves the letter. A respondent outside the table (no row for
/// that unit kind and level) is handled under the general laws: not within authority.
pub fn within_authority(
    rules: &AuthorityRules,
    units: &UnitTree,
    facts: &ComplaintFacts,
    basis: AuthorityBasis,
) -> AppResult<bool> {
    match basis {
        AuthorityBasis::Stated(within) => Ok(within),
        AuthorityBasis::Respondent(respondent) => {
            match rules.resolver(units, respondent, facts.matter, facts.received_on) {
                Ok(authority) => Ok(authority.within(facts.unit)),
                Err(AuthorityError::NoRule { .. } | AuthorityError::NoResolverUnit(_)) => Ok(false),
                Err(e @ AuthorityError::UnknownUnit(_)) => {
                    Err(AppError::Field { field: "respondent_unit", message: e.to_string() })
                }
            }
        }
    }
}

/// Registers a letter: checked, authority decided, stored and audited in one transaction.
pub fn register(store: &dyn Store, actor: &Actor, units: &UnitTree, letter: NewLetter) -> AppResult<Registered> {
    let today = actor.today();
    let mut facts = letter.facts.checked(today).map_err(refused)?;
    facts.within_authority = within_authority(&AuthorityRules::default(), units, &facts, letter.authority)?;
    let setup = ComplaintSetup::load(store)?;
    let answer = registration(&facts, &setup.limits, setup.calendar());
    let mut tx = store.begin()?;
    for (field, earlier) in [("same_matter_as", facts.same_matter_as), ("first_decision_of", letter.first_decision_of)]
    {
        if let Some(id) = earlier {
            let found = tx.complaint_for_update(id)?;
            // A link to a letter of another unit's register is refused like an absent one.
            if found.is_none_or(|r| !units.covers(facts.unit, r.record.facts.unit) && r.record.facts.unit != facts.unit)
            {
                return Err(AppError::Field {
                    field: if field == "same_matter_as" { "same_matter_as" } else { "first_decision_of" },
                    message: format!("không có đơn số {} / no letter #{}", id.0, id.0),
                });
            }
        }
    }
    let row = ComplaintRow {
        record: thads_core::complaints::ComplaintRecord { id: ComplaintId(0), facts, progress: Default::default() },
        first_decision_of: letter.first_decision_of,
        session: letter.session,
        referral: None,
        registered_by: actor.login.clone(),
        registered_at: actor.at,
    };
    let id = tx.insert_complaint(&row)?;
    let entry = NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: "complaint.register".into(),
        before: None,
        after: Some(view(id, &row, units).to_string()),
    };
    tx.insert_unit_audit(&entry, row.record.facts.unit)?;
    tx.commit()?;
    Ok(Registered { id, registration: answer })
}

/// What the audit keeps of a letter.
pub fn view(id: ComplaintId, row: &ComplaintRow, units: &UnitTree) -> Value {
    let f = &row.record.facts;
    let p = &row.record.progress;
    let unit = units.get(f.unit).map_or_else(|| format!("#{}", f.unit.0), |u| u.code.to_string());
    let day = |d: Option<time::Date>| d.map(format_iso);
    json!({
        "id": id.0,
        "unit": unit,
        "kind": f.matter.kind().code(),
        "level": f.matter.level().code(),
        "channel": f.channel.code(),
        "received_on": format_iso(f.received_on),
        "complainant": f.complainant,
        "subject": f.subject,
        "case_id": f.case_id.map(|c| c.0),
        "act_on": day(f.act_on),
        "same_matter_as": f.same_matter_as.map(|c| c.0),
        "within_authority": f.within_authority,
        "accepted_on": day(p.accepted_on),
        "referred_on": day(p.referred_on),
        "referral": row.referral.as_ref().map(|r| json!({"kind": r.kind.code(), "to": r.to})),
        "extension_days": p.extension_days,
        "resolved_on": day(p.resolution.map(|r| r.date)),
        "outcome": p.resolution.map(|r| r.outcome.code()),
    })
}

/// A refused letter or step, naming the field it is about.
pub fn refused(e: thads_core::complaints::ComplaintError) -> AppError {
    use thads_core::complaints::ComplaintError as E;
    let field = match &e {
        E::Field(f) => match f.field.en {
            "complainant" => "complainant",
            _ => "subject",
        },
        E::ReceivedInFuture(_) => "received_on",
        E::ActAfterReceipt(_) | E::ObstacleTooLong => "act_on",
        E::NoSecondLevel(_) => "level",
        E::Extension { .. } => "days",
        E::BeforeReceipt(_) | E::BeforeAcceptance(_) | E::InFuture(_) => "date",
        E::Linked(_) => "same_matter_as",
        E::AlreadyResolved | E::AlreadyAccepted | E::AlreadyReferred | E::NotWithinAuthority | E::WithinAuthority => {
            return AppError::Invalid(e.to_string());
        }
    };
    AppError::Field { field, message: e.to_string() }
}

#[cfg(test)]
mod tests;
