//! `thads user add LOGIN --unit CODE --role ROLE --password-stdin`: gives a staff member a
//! password (imports create officers without one), or creates the staff member.

use std::io::BufRead;
use std::process::ExitCode;

use clap::Subcommand;
use thads_core::{Login, Role, UnitCode};
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
    },
}

pub fn run(ctx: &Context, command: UserCommand) -> Result<ExitCode, CliError> {
    let UserCommand::Add { login, unit, role, name, .. } = command;
    let login = Login::new(&login).map_err(|e| CliError::Usage(e.to_string()))?;
    let role = Role::parse(&role).map_err(|e| CliError::Usage(e.to_string()))?;
    let code = UnitCode::new(&unit).map_err(|e| CliError::Usage(e.to_string()))?;
    let store = ctx.store();
    let unit = store
        .units()?
        .into_iter()
        .find(|u| u.code == code)
        .ok_or_else(|| CliError::Usage(format!("không có đơn vị / no unit {code}")))?;
    let mut password = String::new();
    std::io::stdin().lock().read_line(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']);
    let hash = thads_web::auth::hash_password(password).map_err(|e| CliError::Refused(e.to_string()))?;
    let existing = store.staff()?.into_iter().find(|s| s.login == login);
    let actor = ctx.actor();
    let mut tx = store.begin()?;
    let (id, created) = match &existing {
        Some(s) => (s.id, false),
        None => {
            let full_name = name.unwrap_or_else(|| login.to_string());
            (tx.insert_staff(&NewStaff { unit: unit.id, login: login.clone(), full_name, role })?, true)
        }
    };
    tx.update_staff(id, unit.id, role)?;
    tx.set_password(id, &hash, actor.at)?;
    let before = existing.map(|s| serde_json::json!({ "unit": s.unit.0, "role": s.role }).to_string());
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: "user.add".into(),
        before,
        after: Some(serde_json::json!({ "login": login, "unit": unit.code, "role": role }).to_string()),
    })?;
    tx.commit()?;
    let verb = if created { "Đã tạo / created" } else { "Đã đặt mật khẩu / password set for" };
    println!("{verb} {login} ({role}, {})", unit.code);
    Ok(ExitCode::SUCCESS)
}
