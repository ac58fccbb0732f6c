//! Officers named in a cases file (`officer` = login or staff code): a known one must belong to
//! the case's unit; an unknown one is created as an officer (Chấp hành viên) of that unit.

use std::collections::HashMap;

use thads_core::{Login, Role, StaffId, UnitCode, UnitId};
use thads_store::{NewStaff, StoreResult, WriteTx};

/// Staff by login, with the logins this file creates.
pub struct Officers {
    /// Login → staff id (`None` while not written: the file already failed) and unit.
    by_login: HashMap<String, (Option<StaffId>, UnitId)>,
    /// Logins created, in the order first named.
    pub created: Vec<String>,
}

impl Officers {
    pub fn load(tx: &mut dyn WriteTx) -> StoreResult<Officers> {
        let by_login = tx.staff()?.into_iter().map(|s| (s.login.as_str().to_string(), (Some(s.id), s.unit))).collect();
        Ok(Officers { by_login, created: Vec::new() })
    }

    /// The officer `login` of a case of `unit`. Creates unknown logins (only while `writing`;
    /// a failed file writes nothing). `Ok(Err(reason))` when the login belongs to another unit;
    /// the reason does not say which (an importer would learn where any login works).
    pub fn resolve(
        &mut self,
        login: &Login,
        unit: (UnitId, &UnitCode),
        tx: &mut dyn WriteTx,
        writing: bool,
    ) -> StoreResult<Result<Option<StaffId>, String>> {
        if let Some((id, home)) = self.by_login.get(login.as_str()) {
            if *home != unit.0 {
                return Ok(Err(format!(
                    "cán bộ «{login}» không thuộc đơn vị «{}» / the officer is not on the staff of unit {}",
                    unit.1, unit.1
                )));
            }
            return Ok(Ok(*id));
        }
        let id = if writing {
            let staff =
                NewStaff { unit: unit.0, login: login.clone(), full_name: login.to_string(), role: Role::Officer };
            Some(tx.insert_staff(&staff)?)
        } else {
            None
        };
        self.by_login.insert(login.as_str().to_string(), (id, unit.0));
        self.created.push(login.to_string());
        Ok(Ok(id))
    }
}
