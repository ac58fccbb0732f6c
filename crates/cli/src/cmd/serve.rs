//! `thads serve [--addr 127.0.0.1:8080] [--demo-cases N]`: the staff web application. An empty
//! database is first filled with a small national demo (so that a fresh clone can be tried at
//! once), and when nobody can sign in, an administrator gets a fresh random password, printed
//! once.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::Args;
use thads_app::demo::{DemoSummary, seed_if_empty};
use thads_core::{Login, Role, UnitTree};
use thads_store::{NewAudit, NewStaff, Store};
use thads_web::telemetry::logs::{self, LogFormat};
use thads_web::{AppState, WebConfig};

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Địa chỉ lắng nghe / address to listen on (default THADS_ADDR or 127.0.0.1:8080)
    #[arg(long)]
    addr: Option<SocketAddr>,
    /// Số việc mẫu tạo khi cơ sở dữ liệu trống; 0: không tạo / demo cases generated into an
    /// empty database; 0: none (a real installation imports its registers first)
    #[arg(long, default_value_t = 20_000, env = "THADS_DEMO_CASES")]
    demo_cases: u64,
    /// In cấu hình rồi thoát / print the settings and exit
    #[arg(long)]
    print_config: bool,
    #[command(flatten)]
    backups: crate::cmd::backup::schedule::ScheduleArgs,
    /// Dạng nhật ký trên stderr: text hoặc json; mức theo THADS_LOG hoặc RUST_LOG (mặc định info)
    /// / log lines on standard error as text or json; level by THADS_LOG or RUST_LOG (default info)
    #[arg(long, default_value = "text", value_parser = ["text", "json"], env = "THADS_LOG_FORMAT")]
    log_format: String,
    /// Ghi nhật ký câu lệnh SQL chậm hơn số mili giây này; 0: không ghi / log statements slower
    /// than this many milliseconds (their first words and duration, never their values); 0: none
    #[arg(long, default_value_t = 200, env = "THADS_SLOW_MS")]
    slow_ms: u64,
    /// Địa chỉ hoặc mạng được đọc GET /metrics (mặc định THADS_METRICS_FROM hoặc 127.0.0.1,::1)
    /// / addresses or networks allowed to read GET /metrics (default THADS_METRICS_FROM or
    /// 127.0.0.1,::1), e.g. 127.0.0.1,10.0.0.0/8
    #[arg(long)]
    metrics_from: Option<String>,
    /// The global `--config FILE`, whose settings the web server reads beside the environment.
    #[arg(skip)]
    pub config: Option<std::path::PathBuf>,
    /// Địa chỉ của cổng thông tin công khai cho đương sự, trên cổng riêng (mặc định
    /// THADS_PUBLIC_ADDR; không có: không mở) / address of the citizens' portal, on a listener of
    /// its own (default THADS_PUBLIC_ADDR; none: no public site), e.g. 0.0.0.0:8081
    #[arg(long)]
    public_addr: Option<SocketAddr>,
}

pub fn run(ctx: Context, db: &str, args: ServeArgs) -> Result<ExitCode, CliError> {
    let settings = crate::config_file::setting_lookup(args.config.as_deref()).map_err(CliError::Usage)?;
    let mut config = WebConfig::from_env(&settings).map_err(|e| CliError::Usage(e.to_string()))?;
    config.database = db.to_string();
    if let Some(addr) = args.addr {
        config.addr = addr;
    }
    if let Some(from) = &args.metrics_from {
        config.metrics_from = thads_web::config::networks(from).map_err(|bad| {
            CliError::Usage(format!("--metrics-from: {bad}: addresses or networks such as 127.0.0.1,10.0.0.0/8"))
        })?;
    }
    if let Some(public) = args.public_addr {
        config.public_addr = Some(public);
    }
    if args.print_config {
        println!("{config}");
        return Ok(ExitCode::SUCCESS);
    }
    let format: LogFormat = args.log_format.parse().map_err(CliError::Usage)?;
    let filter = logs::filter(&settings).map_err(CliError::Usage)?;
    logs::init(format, filter).map_err(CliError::Usage)?;
    // After the demo data: its bulk statements are slow by nature, and a new user's first
    // screen should not be a page of warnings about them.
    let demo_made = fill_if_empty(&ctx, args.demo_cases)?;
    thads_store::observe::set_slow_threshold((args.slow_ms > 0).then_some(args.slow_ms));
    crate::cmd::backup::schedule::start(db, &args.backups)?;
    let admin_password = first_admin(&ctx)?;
    for warning in ctx.store.maintenance_warnings()? {
        tracing::warn!(target: "thads::serve", "{warning}");
    }
    let store: Arc<dyn Store> = Arc::from(ctx.store);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr).await?;
        let addr = listener.local_addr()?;
        let state = AppState::load(store, config).await.map_err(|e| CliError::Usage(e.to_string()))?;
        println!("THADS đang chạy tại / is serving at http://{addr}/");
        tracing::info!(target: "thads::serve", %addr, backend = state.store.backend(), "serving");
        if let Some(password) = admin_password {
            println!("Đăng nhập / sign in: admin / {password}");
            println!(
                "  (mật khẩu chỉ in một lần; đổi tại /account/password / shown once; change it at /account/password)"
            );
        }
        let public = match state.config.public_addr {
            Some(public_addr) => {
                let public_listener = tokio::net::TcpListener::bind(public_addr).await?;
                let at = public_listener.local_addr()?;
                println!("Cổng thông tin cho đương sự / citizens' portal at http://{at}/");
                tracing::info!(target: "thads::serve", %at, "serving the public portal");
                if demo_made {
                    print_example(&state).await;
                }
                Some(tokio::spawn(thads_web::portal::serve_public(public_listener, state.clone())))
            }
            None => None,
        };
        thads_web::serve(listener, state).await?;
        if let Some(public) = public {
            public.abort();
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// A demo case and its lookup code, to try the portal with (printed only right after the demo
/// data was made: a real case's code is never printed).
async fn print_example(state: &AppState) {
    let example = state
        .blocking(|s| {
            let Some(case) = s.store.case(thads_core::CaseId(1))? else { return Ok(None) };
            let code =
                thads_app::portal::lookup_code(s.store.as_ref(), case.id).map_err(thads_web::WebError::internal)?;
            let unit = s.directory().units.get(case.facts.unit).map(|u| u.code.to_string()).unwrap_or_default();
            Ok(Some((unit, case.facts.case_no.to_string(), code.shown())))
        })
        .await;
    if let Ok(Some((unit, case_no, code))) = example {
        println!("  ví dụ / example (demo): {unit} · {case_no} · mã tra cứu / lookup code {code}");
    }
}

/// An empty database (no unit, no case) gets the demo data set, so that the application can
/// be tried at once; a database with units but no cases is waiting for its registers. Returns
/// whether it made the demo data.
fn fill_if_empty(ctx: &Context, cases: u64) -> Result<bool, CliError> {
    let store = ctx.store();
    if store.case_count()? > 0 {
        return Ok(false);
    }
    if cases == 0 || !store.units()?.is_empty() {
        println!(
            "Chưa có việc nào; nhập sổ thụ lý bằng `thads import` / no cases yet; import registers with `thads import`"
        );
        return Ok(false);
    }
    println!(
        "Cơ sở dữ liệu trống: tạo dữ liệu mẫu ({cases} việc)… / empty database: generating demo data ({cases} cases)…"
    );
    let started = Instant::now();
    if let Some(summary) = seed_if_empty(store, &ctx.rules, ctx.actor().today(), cases)? {
        println!("{}", summary_line(&summary, started.elapsed().as_secs_f64()));
        return Ok(true);
    }
    Ok(false)
}

fn summary_line(s: &DemoSummary, seconds: f64) -> String {
    format!(
        "Đã tạo dữ liệu mẫu / demo data generated: {} đơn vị / units, {} cán bộ / staff ({} chấp hành viên / \
         officers), {} việc / cases, {} sự kiện / events, {seconds:.1} s",
        s.units, s.staff, s.officers, s.cases, s.events
    )
}

/// When nobody can sign in yet, creates (or re-keys) `admin` at the root unit, audited, and
/// returns its new password. A database where someone has a password is left alone: an
/// administrator is then created with `thads user add`.
fn first_admin(ctx: &Context) -> Result<Option<String>, CliError> {
    let store = ctx.store();
    if someone_can_sign_in(store)? {
        return Ok(None);
    }
    let units = UnitTree::new(store.units()?);
    let Some(root) = units.all().iter().find(|u| u.parent.is_none()) else { return Ok(None) };
    let login = Login::new("admin").map_err(|e| CliError::Usage(e.to_string()))?;
    let password = thads_web::accounts::random_token().map_err(|e| CliError::Usage(e.to_string()))?[..16].to_string();
    let hash = thads_web::accounts::hash_password(&password).map_err(|e| CliError::Usage(e.to_string()))?;
    let existing = store.staff()?.into_iter().find(|s| s.login == login);
    let actor = ctx.actor();
    let mut tx = store.begin()?;
    let id = match existing {
        Some(s) => s.id,
        None => tx.insert_staff(&NewStaff {
            unit: root.id,
            login: login.clone(),
            full_name: "Quản trị hệ thống".into(),
            role: Role::Admin,
        })?,
    };
    tx.update_staff(id, root.id, Role::Admin)?;
    tx.set_password(id, &hash, actor.at)?;
    let entry = NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: "user.add".into(),
        before: None,
        after: Some(serde_json::json!({ "login": login, "unit": root.code, "role": Role::Admin }).to_string()),
    };
    tx.insert_unit_audit(&entry, root.id)?;
    tx.commit()?;
    Ok(Some(password))
}

fn someone_can_sign_in(store: &dyn Store) -> Result<bool, CliError> {
    for staff in store.staff()?.into_iter().filter(|s| s.active) {
        if store.credentials(&staff.login)?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}
