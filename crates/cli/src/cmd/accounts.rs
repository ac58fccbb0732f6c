//! `thads user add LOGIN --unit CODE --role ROLE --password-stdin`: gives a staff member a
//! password (imports create officers without one), or creates the staff member. Someone of
//! another unit is moved only with `--move`, and every change of unit or role is said.

use std::io::BufRead;
use std::process::ExitCode;

use clap::Subcommand;
use thads_core::{Login, Role, Staff, Unit, UnitCode, UnitId, UnitTree, field};
use thads_store::{NewAudit, NewStaff};

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Tạo tài khoản hoặc đặt mật khẩu / create an account or set its password
    Add {
        login: String,
        /// Mã đơn vị / unit code
        #[arg(long)]
        unit: String,
        /// admin, head, officer, clerk, accountant, statistician, inspector
        #[arg(long)]
        role: String,
        /// Đọc mật khẩu từ dòng đầu của stdin / read the password from the first line of stdin
        #[arg(long, required = true)]
        password_stdin: bool,
        /// Họ tên (cho người mới) / full name (for a new person)
        #[arg(long)]
        name: Option<String>,
        /// Chuyển người đã có sang đơn vị --unit / move an existing person to the unit --unit
        #[arg(long = "move")]
        move_unit: bool,
    },
}

pub fn run(ctx: &Context, command: UserCommand) -> Result<ExitCode, CliError> {
    let UserCommand::Add { login, unit, role, name, move_unit, .. } = command;
    let login = Login::new(&login).map_err(|e| CliError::Usage(e.to_string()))?;
    let role = Role::parse(&role).map_err(|e| CliError::Usage(e.to_string()))?;
    let code = UnitCode::new(&unit).map_err(|e| CliError::Usage(e.to_string()))?;
    let full_name = name.map(|n| field::STAFF_NAME.clean_required(&n)).transpose();
    let full_name = full_name.map_err(|e| CliError::Usage(e.to_string()))?;
    let store = ctx.store();
    let units = UnitTree::new(store.units()?);
    let unit =
        units.by_code(code.as_str()).ok_or_else(|| CliError::Usage(format!("không có đơn vị / no unit {code}")))?;
    let existing = store.staff()?.into_iter().find(|s| s.login == login);
    if let Some(s) = existing.as_ref().filter(|s| s.unit != unit.id && !move_unit) {
        return Err(CliError::Refused(format!(
            "{login} thuộc đơn vị {from}; thêm --move để chuyển sang {to} / {login} belongs to {from}; \
             add --move to move them to {to}",
            from = code_of(&units, s.unit),
            to = unit.code
        )));
    }
    let mut password = String::new();
    std::io::stdin().lock().read_line(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']);
    let hash =
        thads_web::accounts::hash_new_password(password, &login).map_err(|e| CliError::Refused(e.to_string()))?;
    let actor = ctx.actor();
    let mut tx = store.begin()?;
    let id = match &existing {
        Some(s) => s.id,
        None => {
            let full_name = full_name.unwrap_or_else(|| login.to_string());
            tx.insert_staff(&NewStaff { unit: unit.id, login: login.clone(), full_name, role })?
        }
    };
    tx.update_staff(id, unit.id, role)?;
    tx.set_password(id, &hash, actor.at)?;
    let before =
        existing.as_ref().map(|s| serde_json::json!({ "unit": code_of(&units, s.unit), "role": s.role }).to_string());
    let entry = NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: "user.add".into(),
        before,
        after: Some(serde_json::json!({ "login": login, "unit": unit.code, "role": role }).to_string()),
    };
    tx.insert_unit_audit(&entry, unit.id)?;
    tx.commit()?;
    say_done(&login, role, unit, existing.as_ref(), &units);
    Ok(ExitCode::SUCCESS)
}

fn code_of(units: &UnitTree, id: UnitId) -> String {
    units.get(id).map_or_else(|| format!("#{}", id.0), |u| u.code.to_string())
}

/// What was done, every change to someone who existed said in words.
fn say_done(login: &Login, role: Role, unit: &Unit, existing: Option<&Staff>, units: &UnitTree) {
    let Some(before) = existing else {
        println!("Đã tạo / created {login} ({role}, {})", unit.code);
        return;
    };
    println!("Đã đặt mật khẩu / password set for {login} ({role}, {})", unit.code);
    if before.unit != unit.id {
        let from = code_of(units, before.unit);
        println!("Đã chuyển {login} từ {from} sang {to} / moved {login} from {from} to {to}", to = unit.code);
    }
    if before.role != role {
        println!("Vai trò của {login}: {} → {role} / role of {login}: {} → {role}", before.role, before.role);
    }
}
