//! `thads-bench --db D portal [--clients 100] [--seconds 10] [--runs 3]`: the citizens' portal's
//! case lookup (`GET /api/public/v1/cases?unit=&case_no=&code=`, right codes) at many concurrent
//! clients, each on a keep-alive connection sending back to back, against the public router
//! served in this process on a port of its own over `--db` (a database made by `thads demo
//! --cases N`). Prints each run's requests per second, p50, p95 and p99, then the medians.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args as ClapArgs;
use thads_cli::context::Context;
use thads_cli::error::CliError;
use thads_store::{CaseQuery, Store};
use tokio::net::TcpStream;

use crate::web::client::request;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Số người dùng đồng thời / concurrent clients
    #[arg(long, default_value_t = 100)]
    clients: usize,
    /// Giây mỗi lần đo / seconds per run
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Số lần đo / runs (the median is reported)
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Số việc lấy mẫu để tra cứu / cases sampled to look up
    #[arg(long, default_value_t = 2000)]
    sample: u32,
}

/// The lookups to spread over: each sampled case's path with its right code.
fn sample_paths(store: &dyn Store, sample: u32) -> Result<Vec<String>, CliError> {
    let units = store.units()?;
    let cases = store.list_cases(&CaseQuery { limit: sample.clamp(1, 500), ..CaseQuery::default() })?;
    let mut paths = Vec::new();
    for case in cases.cases {
        let unit = units.iter().find(|u| u.id == case.facts.unit).map(|u| u.code.to_string()).unwrap_or_default();
        let code = thads_app::portal::lookup_code(store, case.id)?.shown();
        let no: String =
            case.facts
                .case_no
                .as_str()
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b == b'-' { char::from(b).to_string() } else { format!("%{b:02X}") }
                })
                .collect();
        paths.push(format!("/api/public/v1/cases?unit={unit}&case_no={no}&code={code}"));
    }
    if paths.is_empty() {
        return Err(CliError::Refused("cơ sở dữ liệu không có việc / the database has no case".into()));
    }
    Ok(paths)
}

struct Figures {
    rps: f64,
    p50: f64,
    p95: f64,
    p99: f64,
    errors: u64,
}

async fn one_run(host: &str, paths: Arc<Vec<String>>, clients: usize, span: Duration) -> Figures {
    let until = Instant::now() + span;
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (host, paths) = (host.to_string(), Arc::clone(&paths));
        tasks.push(tokio::spawn(async move {
            let (mut lat, mut errors) = (Vec::new(), 0_u64);
            let mut conn = TcpStream::connect(&host).await.ok();
            let mut n = c * 7919;
            while Instant::now() < until {
                n += 1;
                let Some(stream) = conn.as_mut() else { break };
                let start = Instant::now();
                match request(stream, &host, "Accept: application/json", &paths[n % paths.len()]).await {
                    Ok((200, _)) => lat.push(start.elapsed().as_secs_f64() * 1000.0),
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        conn = TcpStream::connect(&host).await.ok();
                    }
                }
            }
            (lat, errors)
        }));
    }
    let (mut all, mut errors) = (Vec::new(), 0);
    for t in tasks {
        if let Ok((lat, e)) = t.await {
            all.extend(lat);
            errors += e;
        }
    }
    all.sort_by(f64::total_cmp);
    let pct =
        |p: f64| all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1))).copied().unwrap_or(0.0);
    Figures { rps: all.len() as f64 / span.as_secs_f64(), p50: pct(0.50), p95: pct(0.95), p99: pct(0.99), errors }
}

pub fn run(ctx: Context, args: &Args) -> Result<ExitCode, CliError> {
    let cases = ctx.store().case_count()?;
    let paths = Arc::new(sample_paths(ctx.store(), args.sample)?);
    let store: Arc<dyn Store> = Arc::from(ctx.store);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let state = thads_web::AppState::load(store, thads_web::WebConfig::default())
            .await
            .map_err(|e| CliError::Usage(e.to_string()))?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let host = listener.local_addr()?.to_string();
        tokio::spawn(thads_web::portal::serve_public(listener, state));
        println!(
            "{cases} cases in the database, {} sampled; {} clients, {} s × {} runs; backend {}",
            paths.len(),
            args.clients,
            args.seconds,
            args.runs,
            if host.is_empty() { "?" } else { "in-process public router" }
        );
        println!("{:>4} {:>8} {:>8} {:>8} {:>8} {:>7}", "run", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors");
        let mut runs = Vec::new();
        for i in 0..args.runs {
            let f = one_run(&host, Arc::clone(&paths), args.clients, Duration::from_secs(args.seconds)).await;
            println!("{:>4} {:>8.0} {:>8.1} {:>8.1} {:>8.1} {:>7}", i + 1, f.rps, f.p50, f.p95, f.p99, f.errors);
            runs.push(f);
        }
        let med = |get: fn(&Figures) -> f64| {
            let mut v: Vec<f64> = runs.iter().map(get).collect();
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied().unwrap_or(0.0)
        };
        println!(
            "{:>4} {:>8.0} {:>8.1} {:>8.1} {:>8.1} {:>7}",
            "med",
            med(|f| f.rps),
            med(|f| f.p50),
            med(|f| f.p95),
            med(|f| f.p99),
            runs.iter().map(|f| f.errors).sum::<u64>()
        );
        Ok(ExitCode::SUCCESS)
    })
}
