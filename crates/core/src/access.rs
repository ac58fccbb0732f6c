//! Who may do what: one pure function decides from the person's role, the unit subtree they
//! belong to, and (for changes to a case) whether the case is assigned to them.
//!
//! Interchange §4: a user sees and acts on its own unit and the units below it; an officer
//! changes only the cases assigned to it.

use serde::{Deserialize, Serialize};

use crate::event::EventCode;
use crate::staff::{Role, StaffId};
use crate::unit::{UnitId, UnitTree};

/// A signed-in person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub staff: StaffId,
    pub role: Role,
    pub unit: UnitId,
}

/// What someone wants to do, with what it is done to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read a case and its history.
    ViewCase { unit: UnitId },
    /// Record, correct or void an event of a case.
    RecordEvent { unit: UnitId, assigned: Option<StaffId>, code: EventCode },
    /// Change a case's facts (parties, officer, categories…).
    EditCase { unit: UnitId, assigned: Option<StaffId> },
    /// Open a new case in a unit (by import too).
    CreateCase { unit: UnitId },
    /// Take in (thụ lý) one new case by hand, at the front desk.
    TakeIn { unit: UnitId },
    /// Assign a case to another officer (phân công lại Chấp hành viên).
    Reassign { unit: UnitId },
    /// Import register files into a unit.
    Import { unit: UnitId },
    /// Read the statistics of a unit (and export them).
    ViewReports { unit: UnitId },
    /// Set a unit's yearly targets.
    SetTargets { unit: UnitId },
    /// Read the audit trail of a unit's cases or people.
    ViewAudit { unit: UnitId },
    /// Create accounts and change roles in a unit.
    ManageUsers { unit: UnitId },
    /// Register administrative judgments a unit monitors and record their monitoring steps
    /// (theo dõi thi hành án hành chính).
    MonitorAdminJudgments { unit: UnitId },
    /// Propose a case to the court for exemption or reduction and record the court's decision
    /// (an officer: their own cases).
    ProposeExemption { unit: UnitId, assigned: Option<StaffId> },
    /// Read a unit's complaints, denunciations and reception sessions.
    ViewComplaints { unit: UnitId },
    /// Register a complaint or denunciation, record its steps, record a reception session.
    RecordComplaint { unit: UnitId },
    /// Money in custody: issue and cancel receipts, distribute, pay out, close the day (kế
    /// toán nghiệp vụ, and the heads who sign with them).
    HandleMoney { unit: UnitId },
    /// Read a unit's money books (receipts, cash book, balances, money held too long).
    ViewMoney { unit: UnitId },
    /// Close or reopen a month of a unit (chốt số liệu): the head of that very unit.
    ClosePeriod { unit: UnitId },
    /// Save a unit's report as a snapshot.
    SaveSnapshot { unit: UnitId },
}

impl Action {
    pub fn unit(self) -> UnitId {
        match self {
            Action::ViewCase { unit }
            | Action::RecordEvent { unit, .. }
            | Action::EditCase { unit, .. }
            | Action::CreateCase { unit }
            | Action::TakeIn { unit }
            | Action::Reassign { unit }
            | Action::Import { unit }
            | Action::ViewReports { unit }
            | Action::SetTargets { unit }
            | Action::ViewAudit { unit }
            | Action::ManageUsers { unit }
            | Action::MonitorAdminJudgments { unit }
            | Action::ProposeExemption { unit, .. } => unit,
            Action::ViewComplaints { unit } | Action::RecordComplaint { unit } => unit,
            Action::HandleMoney { unit } | Action::ViewMoney { unit } => unit,
            Action::ClosePeriod { unit } | Action::SaveSnapshot { unit } => unit,
        }
    }
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("ngoài phạm vi đơn vị của bạn / outside your unit")]
    OutsideUnit,
    #[error("vai trò của bạn không được làm việc này / your role may not do this")]
    Role,
    #[error("việc không được phân công cho bạn / this case is not assigned to you")]
    NotAssigned,
}

/// Decides whether `who` may do `action`. Scope first (a unit outside one's subtree is never
/// visible), then the role, then assignment.
pub fn authorize(who: &Principal, action: Action, units: &UnitTree) -> Result<(), Denied> {
    if !units.covers(who.unit, action.unit()) {
        return Err(Denied::OutsideUnit);
    }
    use Role::*;
    let role_allows = match action {
        Action::ViewCase { .. } | Action::ViewReports { .. } => true,
        Action::RecordEvent { code, .. } => match who.role {
            Admin | Head | Officer | Clerk => true,
            // Kế toán records money received; the decisions are the officer's.
            Accountant => code == EventCode::Collected,
            Statistician | Inspector => false,
        },
        Action::EditCase { .. } => matches!(who.role, Admin | Head | Officer | Clerk),
        Action::CreateCase { .. } | Action::Import { .. } => matches!(who.role, Admin | Head | Clerk | Statistician),
        // The front desk (văn thư, bộ phận một cửa) takes cases in; the heads assign officers.
        Action::TakeIn { .. } => matches!(who.role, Admin | Head | Clerk),
        Action::Reassign { .. } => matches!(who.role, Admin | Head),
        Action::SetTargets { .. } => matches!(who.role, Admin | Head | Statistician),
        Action::ViewAudit { .. } => matches!(who.role, Admin | Head | Inspector),
        Action::ManageUsers { .. } => who.role == Admin,
        Action::MonitorAdminJudgments { .. } => matches!(who.role, Admin | Head | Officer | Clerk),
        Action::ProposeExemption { .. } => matches!(who.role, Admin | Head | Officer),
        Action::ViewComplaints { .. } => true,
        // The front desk receives letters and citizens; the heads and the inspectors
        // (thanh tra) resolve them.
        Action::RecordComplaint { .. } => matches!(who.role, Admin | Head | Clerk | Inspector),
        Action::HandleMoney { .. } => matches!(who.role, Admin | Head | Accountant),
        Action::ViewMoney { .. } => matches!(who.role, Admin | Head | Accountant | Inspector | Statistician),
        // "A head closes a month for their unit": a province's head does not close a section's.
        Action::ClosePeriod { unit } => who.role == Head && who.unit == unit,
        Action::SaveSnapshot { .. } => matches!(who.role, Admin | Head | Statistician),
    };
    if !role_allows {
        return Err(Denied::Role);
    }
    match action {
        Action::RecordEvent { assigned, .. }
        | Action::EditCase { assigned, .. }
        | Action::ProposeExemption { assigned, .. }
            if who.role == Officer =>
        {
            if assigned == Some(who.staff) {
                Ok(())
            } else {
                Err(Denied::NotAssigned)
            }
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::{Unit, UnitCode, UnitKind};

    fn tree() -> UnitTree {
        let unit = |id: i64, code: &str, kind, parent: Option<i64>| Unit {
            id: UnitId(id),
            code: UnitCode::new(code).unwrap(),
            name: code.into(),
            kind,
            parent: parent.map(UnitId),
            valid_from: None,
            valid_to: None,
            successor: None,
        };
        UnitTree::new(vec![
            unit(1, "VN", UnitKind::National, None),
            unit(2, "BG", UnitKind::Province, Some(1)),
            unit(3, "BG-KV1", UnitKind::Region, Some(2)),
            unit(4, "BG-KV2", UnitKind::Region, Some(2)),
        ])
    }

    fn who(role: Role, unit: i64) -> Principal {
        Principal { staff: StaffId(10), role, unit: UnitId(unit) }
    }

    #[test]
    fn nobody_sees_outside_their_subtree() {
        let t = tree();
        for role in Role::ALL {
            assert_eq!(authorize(&who(role, 3), Action::ViewCase { unit: UnitId(4) }, &t), Err(Denied::OutsideUnit));
            assert_eq!(authorize(&who(role, 3), Action::ViewCase { unit: UnitId(2) }, &t), Err(Denied::OutsideUnit));
            assert!(authorize(&who(role, 2), Action::ViewCase { unit: UnitId(4) }, &t).is_ok());
            assert!(authorize(&who(role, 1), Action::ViewReports { unit: UnitId(3) }, &t).is_ok());
            assert_eq!(authorize(&who(role, 3), Action::TakeIn { unit: UnitId(4) }, &t), Err(Denied::OutsideUnit));
            assert_eq!(authorize(&who(role, 3), Action::Reassign { unit: UnitId(4) }, &t), Err(Denied::OutsideUnit));
        }
    }

    #[test]
    fn officers_change_only_their_own_cases() {
        let t = tree();
        let mine = Action::RecordEvent { unit: UnitId(3), assigned: Some(StaffId(10)), code: EventCode::Collected };
        let other = Action::RecordEvent { unit: UnitId(3), assigned: Some(StaffId(11)), code: EventCode::Collected };
        let nobody = Action::EditCase { unit: UnitId(3), assigned: None };
        assert!(authorize(&who(Role::Officer, 3), mine, &t).is_ok());
        assert_eq!(authorize(&who(Role::Officer, 3), other, &t), Err(Denied::NotAssigned));
        assert_eq!(authorize(&who(Role::Officer, 3), nobody, &t), Err(Denied::NotAssigned));
        assert!(authorize(&who(Role::Head, 3), other, &t).is_ok());
    }

    #[test]
    fn complaints_are_seen_by_all_in_scope_and_recorded_by_the_desk_heads_and_inspectors() {
        let t = tree();
        for role in Role::ALL {
            let me = who(role, 3);
            assert!(authorize(&me, Action::ViewComplaints { unit: UnitId(3) }, &t).is_ok(), "{role:?}");
            let record = authorize(&me, Action::RecordComplaint { unit: UnitId(3) }, &t);
            let allowed = matches!(role, Role::Admin | Role::Head | Role::Clerk | Role::Inspector);
            assert_eq!(record.is_ok(), allowed, "{role:?}");
            if !allowed {
                assert_eq!(record, Err(Denied::Role));
            }
            let other = Action::RecordComplaint { unit: UnitId(4) };
            assert_eq!(authorize(&me, other, &t), Err(Denied::OutsideUnit), "{role:?}");
        }
    }

    #[test]
    fn money_is_the_accountants_and_the_heads() {
        let t = tree();
        for role in Role::ALL {
            let handle = authorize(&who(role, 2), Action::HandleMoney { unit: UnitId(3) }, &t).is_ok();
            let view = authorize(&who(role, 2), Action::ViewMoney { unit: UnitId(3) }, &t).is_ok();
            assert_eq!(handle, matches!(role, Role::Admin | Role::Head | Role::Accountant), "{role:?}");
            assert_eq!(view, !matches!(role, Role::Officer | Role::Clerk), "{role:?}");
        }
        let other_province = authorize(&who(Role::Accountant, 3), Action::HandleMoney { unit: UnitId(4) }, &t);
        assert_eq!(other_province, Err(Denied::OutsideUnit));
    }

    #[test]
    fn roles_decide_the_rest() {
        let t = tree();
        let u = UnitId(3);
        let table: [(Role, [bool; 10]); 7] = [
            // record(no_means), record(collected), edit, create, import, targets, audit, users, take in, reassign
            (Role::Admin, [true, true, true, true, true, true, true, true, true, true]),
            (Role::Head, [true, true, true, true, true, true, true, false, true, true]),
            (Role::Clerk, [true, true, true, true, true, false, false, false, true, false]),
            (Role::Accountant, [false, true, false, false, false, false, false, false, false, false]),
            (Role::Statistician, [false, false, false, true, true, true, false, false, false, false]),
            (Role::Inspector, [false, false, false, false, false, false, true, false, false, false]),
            (Role::Officer, [true, true, true, false, false, false, false, false, false, false]),
        ];
        for (role, want) in table {
            let me = who(role, 3);
            let actions = [
                Action::RecordEvent { unit: u, assigned: Some(me.staff), code: EventCode::NoMeans },
                Action::RecordEvent { unit: u, assigned: Some(me.staff), code: EventCode::Collected },
                Action::EditCase { unit: u, assigned: Some(me.staff) },
                Action::CreateCase { unit: u },
                Action::Import { unit: u },
                Action::SetTargets { unit: u },
                Action::ViewAudit { unit: u },
                Action::ManageUsers { unit: u },
                Action::TakeIn { unit: u },
                Action::Reassign { unit: u },
            ];
            for (action, allowed) in actions.into_iter().zip(want) {
                assert_eq!(authorize(&me, action, &t).is_ok(), allowed, "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn registers_of_administrative_judgments_and_exemptions() {
        let t = tree();
        let u = UnitId(3);
        let who = |role, unit| Principal { staff: StaffId(7), role, unit: UnitId(unit) };
        for role in Role::ALL {
            let monitor = authorize(&who(role, 3), Action::MonitorAdminJudgments { unit: u }, &t).is_ok();
            assert_eq!(monitor, matches!(role, Role::Admin | Role::Head | Role::Officer | Role::Clerk), "{role:?}");
            let own = authorize(&who(role, 3), Action::ProposeExemption { unit: u, assigned: Some(StaffId(7)) }, &t);
            assert_eq!(own.is_ok(), matches!(role, Role::Admin | Role::Head | Role::Officer), "{role:?}");
        }
        let other = Action::ProposeExemption { unit: u, assigned: Some(StaffId(8)) };
        assert_eq!(authorize(&who(Role::Officer, 3), other, &t), Err(Denied::NotAssigned));
        assert!(authorize(&who(Role::Head, 3), other, &t).is_ok());
        assert_eq!(
            authorize(&who(Role::Head, 4), Action::MonitorAdminJudgments { unit: u }, &t),
            Err(Denied::OutsideUnit)
        );
    }

    #[test]
    fn only_the_units_own_head_closes_its_months() {
        let t = tree();
        let close = |unit| Action::ClosePeriod { unit: UnitId(unit) };
        assert!(authorize(&who(Role::Head, 3), close(3), &t).is_ok());
        // A province's head closes the province's months, not a section's.
        assert_eq!(authorize(&who(Role::Head, 2), close(3), &t), Err(Denied::Role));
        assert!(authorize(&who(Role::Head, 2), close(2), &t).is_ok());
        for role in [Role::Admin, Role::Clerk, Role::Officer, Role::Statistician, Role::Inspector, Role::Accountant] {
            assert_eq!(authorize(&who(role, 3), close(3), &t), Err(Denied::Role), "{role:?}");
        }
        assert_eq!(authorize(&who(Role::Head, 3), close(4), &t), Err(Denied::OutsideUnit));
        let save = Action::SaveSnapshot { unit: UnitId(3) };
        for (role, allowed) in
            [(Role::Head, true), (Role::Statistician, true), (Role::Admin, true), (Role::Officer, false)]
        {
            assert_eq!(authorize(&who(role, 2), save, &t).is_ok(), allowed, "{role:?}");
        }
    }
}
