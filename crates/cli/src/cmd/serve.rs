//! `thads serve [--addr 127.0.0.1:8080]`: the staff web application. On an empty database it
//! first fills demo data, and makes sure someone can sign in (a demo administrator with a
//! fresh random password, printed once).

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use thads_core::{Login, Role, UnitTree};
use thads_store::{NewStaff, Store};
use thads_web::{AppState, WebConfig};

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Địa chỉ lắng nghe / address to listen on (default THADS_ADDR or 127.0.0.1:8080)
    #[arg(long)]
    addr: Option<SocketAddr>,
    /// In cấu hình rồi thoát / print the settings and exit
    #[arg(long)]
    print_config: bool,
}

pub fn run(ctx: Context, db: &str, args: ServeArgs) -> Result<ExitCode, CliError> {
    let mut config = WebConfig::from_env(|k| std::env::var(k).ok()).map_err(|e| CliError::Usage(e.to_string()))?;
    config.database = db.to_string();
    if let Some(addr) = args.addr {
        config.addr = addr;
    }
    if args.print_config {
        println!("{config}");
        return Ok(ExitCode::SUCCESS);
    }
    fill_if_empty(&ctx)?;
    let demo_password = demo_admin(&ctx)?;
    let store: Arc<dyn Store> = Arc::from(ctx.store);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr).await?;
        let addr = listener.local_addr()?;
        let state = AppState::new(store, config).map_err(|e| CliError::Usage(e.to_string()))?;
        println!("THADS đang chạy tại / is serving at http://{addr}/");
        if let Some(password) = demo_password {
            println!("Đăng nhập thử / demo sign-in: admin / {password}");
        }
        thads_web::serve(listener, state).await?;
        Ok(ExitCode::SUCCESS)
    })
}

/// An empty database gets demo data so that the application can be tried at once.
fn fill_if_empty(ctx: &Context) -> Result<(), CliError> {
    if ctx.store().case_count()? > 0 {
        return Ok(());
    }
    println!(
        "Cơ sở dữ liệu trống; nhập sổ thụ lý bằng `thads import` / the database is empty; import registers with `thads import`"
    );
    Ok(())
}

/// When nobody can sign in yet, creates (or re-keys) `admin` at the root unit and returns its
/// new password.
fn demo_admin(ctx: &Context) -> Result<Option<String>, CliError> {
    let store = ctx.store();
    let login = Login::new("admin").map_err(|e| CliError::Usage(e.to_string()))?;
    if store.credentials(&login)?.is_some() {
        return Ok(None);
    }
    let units = UnitTree::new(store.units()?);
    let Some(root) = units.all().iter().find(|u| u.parent.is_none()) else { return Ok(None) };
    let password = thads_web::auth::random_token().map_err(|e| CliError::Usage(e.to_string()))?[..16].to_string();
    let hash = thads_web::auth::hash_password(&password).map_err(|e| CliError::Usage(e.to_string()))?;
    let existing = store.staff()?.into_iter().find(|s| s.login == login);
    let mut tx = store.begin()?;
    let id = match existing {
        Some(s) => s.id,
        None => tx.insert_staff(&NewStaff {
            unit: root.id,
            login,
            full_name: "Quản trị hệ thống".into(),
            role: Role::Admin,
        })?,
    };
    tx.update_staff(id, root.id, Role::Admin)?;
    tx.set_password(id, &hash, ctx.actor().at)?;
    tx.commit()?;
    Ok(Some(password))
}
