//! On whose authority an import writes, checked on every row the importer reads (the same rows
//! it writes). `thads import` runs as the database's operator and may write anything; a person
//! importing through the web writes only inside the unit they chose and the units below it, and
//! only what they could write by hand: each row is asked of `thads_core::access::authorize`
//! with the action the direct route asks (creating a case, recording that event on that case
//! with its assigned officer, setting a target), besides `Import` on the row's unit.

use thads_core::access::{Action, Denied, Principal, authorize};
use thads_core::{Unit, UnitId, UnitTree};

/// Who an import acts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authority {
    /// The command line: whoever holds the database imports any unit.
    Operator,
    /// A signed-in person importing into `within` (their unit or one below it) and its subtree.
    Person { who: Principal, within: UnitId },
}

/// An authority over the units as the file's transaction sees them (a units file imported
/// just before is part of the tree).
pub(super) struct Gate<'a> {
    authority: &'a Authority,
    /// `None` for the operator, who needs no tree.
    tree: Option<UnitTree>,
}

impl<'a> Gate<'a> {
    pub fn new(authority: &'a Authority, units: &[Unit]) -> Gate<'a> {
        let tree = match authority {
            Authority::Operator => None,
            Authority::Person { .. } => Some(UnitTree::new(units.to_vec())),
        };
        Gate { authority, tree }
    }

    /// Whether the import may do `action`; if not, why, in words for the row's problem. The
    /// unit is checked first, so a row of another unit learns nothing about that unit's cases.
    pub fn check(&self, action: Action) -> Result<(), String> {
        let (Authority::Person { who, within }, Some(tree)) = (self.authority, &self.tree) else { return Ok(()) };
        let unit = action.unit();
        let outside = || {
            let code = |id: UnitId| tree.get(id).map_or_else(String::new, |u| u.code.to_string());
            let (code, own) = (code(unit), code(*within));
            format!("đơn vị {code} ngoài phạm vi nhập của bạn ({own}) / unit {code} is outside your scope ({own})")
        };
        if !tree.covers(*within, unit) {
            return Err(outside());
        }
        let refused = |denied| match denied {
            Denied::OutsideUnit => outside(),
            Denied::Role => {
                let (vi, en) = doing(action);
                format!("vai trò của bạn không được {vi} / your role may not {en}")
            }
            Denied::NotAssigned => Denied::NotAssigned.to_string(),
        };
        authorize(who, Action::Import { unit }, tree).map_err(refused)?;
        authorize(who, action, tree).map_err(refused)
    }

    /// Whether the import may create a unit without a parent (a root of the tree): only the
    /// operator may, a person's units hang under their scope.
    pub fn check_root(&self) -> Result<(), &'static str> {
        match self.authority {
            Authority::Operator => Ok(()),
            Authority::Person { .. } => Err("đơn vị không có cấp trên chỉ được tạo bằng lệnh thads import / \
                 a unit without a parent is created only with the `thads import` command"),
        }
    }
}

/// What an action does, in Vietnamese and English, for a refusal.
fn doing(action: Action) -> (String, String) {
    let (vi, en) = match action {
        Action::RecordEvent { code, .. } => {
            return (format!("ghi sự kiện «{code}»"), format!("record «{code}»"));
        }
        Action::CreateCase { .. } | Action::TakeIn { .. } => ("tạo việc", "create cases"),
        Action::Reassign { .. } => ("phân công lại", "reassign cases"),
        Action::SetTargets { .. } => ("đặt chỉ tiêu", "set targets"),
        Action::Import { .. } => ("nhập tệp", "import registers"),
        Action::EditCase { .. } => ("sửa việc", "change cases"),
        Action::ViewCase { .. } | Action::ViewReports { .. } | Action::ViewAudit { .. } => ("xem", "see this"),
        Action::ManageUsers { .. } => ("quản lý người dùng", "manage users"),
        Action::MonitorAdminJudgments { .. } => ("theo dõi thi hành án hành chính", "monitor administrative judgments"),
        Action::ProposeExemption { .. } => ("đề nghị miễn, giảm", "propose exemption or reduction"),
        Action::ViewComplaints { .. } => ("xem", "see this"),
        Action::RecordComplaint { .. } => ("ghi sổ khiếu nại, tố cáo", "record complaints"),
        Action::HandleMoney { .. } => ("thu, chi tiền thi hành án", "handle enforcement money"),
        Action::ViewMoney { .. } => ("xem sổ tiền", "see the money books"),
        Action::ClosePeriod { .. } => ("chốt số liệu", "close a month"),
        Action::SaveSnapshot { .. } => ("lưu bản chốt báo cáo", "save a report snapshot"),
    };
    (vi.to_string(), en.to_string())
}

#[cfg(test)]
mod tests {
    use thads_core::{EventCode, Role, StaffId};
    use thads_testkit::Units;

    use super::*;

    /// VN → BG → BG-KV1, BG-KV2, as stored.
    fn units() -> (Vec<Unit>, Units) {
        let store = thads_testkit::sqlite_store();
        let ids = thads_testkit::seed_units(&store);
        (thads_store::Units::units(&store).unwrap(), ids)
    }

    fn person(role: Role, unit: UnitId, within: UnitId) -> Authority {
        Authority::Person { who: Principal { staff: StaffId(9), role, unit }, within }
    }

    #[test]
    fn a_person_writes_inside_the_chosen_unit_what_their_role_allows() {
        let (units, u) = units();
        let clerk = person(Role::Clerk, u.province, u.region1);
        let gate = Gate::new(&clerk, &units);
        assert_eq!(gate.check(Action::CreateCase { unit: u.region1 }), Ok(()));
        let sibling = gate.check(Action::CreateCase { unit: u.region2 }).unwrap_err();
        assert!(sibling.contains("BG-KV2 ngoài phạm vi nhập của bạn (BG-KV1)"), "{sibling}");
        assert!(gate.check(Action::CreateCase { unit: u.province }).is_err(), "the chosen unit, not the person's");
        assert!(gate.check(Action::SetTargets { unit: u.region1 }).unwrap_err().contains("đặt chỉ tiêu"));
        let statistician = person(Role::Statistician, u.region1, u.region1);
        let postponed = Action::RecordEvent { unit: u.region1, assigned: None, code: EventCode::Postponed };
        let refusal = Gate::new(&statistician, &units).check(postponed).unwrap_err();
        assert!(refusal.contains("your role may not record «postponed»"), "{refusal}");
        let officer = person(Role::Officer, u.region1, u.region1);
        let own = Action::RecordEvent { unit: u.region1, assigned: Some(StaffId(9)), code: EventCode::Collected };
        assert!(Gate::new(&officer, &units).check(own).is_err(), "an officer may record, but not import");
        assert!(Gate::new(&clerk, &units).check_root().is_err());
    }

    #[test]
    fn the_operator_writes_anything() {
        let gate = Gate::new(&Authority::Operator, &[]);
        assert_eq!(gate.check(Action::CreateCase { unit: UnitId(77) }), Ok(()));
        assert_eq!(gate.check_root(), Ok(()));
    }
}
