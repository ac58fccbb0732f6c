//! `thads bench web --url URL --login L --password-stdin`: load on a running `thads serve`.
//! Clients keep one HTTP/1.1 connection each and send requests back to back for the case
//! list, a search without diacritics, a case page and the dashboard; each scenario runs
//! several times and the medians of requests per second and latency percentiles are printed.

use std::io::BufRead;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args as ClapArgs;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Máy chủ đang chạy / the running server
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// Tài khoản dùng để đo / the account measured with
    #[arg(long)]
    login: String,
    /// Đọc mật khẩu từ stdin / read the password from stdin
    #[arg(long, required = true)]
    password_stdin: bool,
    /// Số người dùng đồng thời / concurrent clients
    #[arg(long, default_value_t = 50)]
    clients: usize,
    /// Giây mỗi lần đo / seconds per run
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Số lần đo mỗi kịch bản / runs per scenario (the median is reported)
    #[arg(long, default_value_t = 3)]
    runs: usize,
}

const SEARCHES: [&str; 8] =
    ["nguyen van an", "tran thi", "le van hung", "pham thi lan", "hoang", "vu van", "ngan hang", "cong ty"];

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, CliError> {
    let host = args.url.trim_start_matches("http://").trim_end_matches('/').to_string();
    let mut password = String::new();
    std::io::stdin().lock().read_line(&mut password)?;
    let max_id = i64::try_from(ctx.store().case_count()?).unwrap_or(1).max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let token = sign_in(&host, &args.login, password.trim_end()).await?;
        println!(
            "{} việc / cases; {} clients, {} s × {} runs per scenario",
            max_id, args.clients, args.seconds, args.runs
        );
        println!("{:<14} {:>10} {:>9} {:>9} {:>9}", "scenario", "req/s", "p50 ms", "p99 ms", "errors");
        for scenario in ["case list", "search", "case page", "dashboard"] {
            let mut runs = Vec::new();
            for _ in 0..args.runs {
                runs.push(load(&host, &token, scenario, max_id, args.clients, Duration::from_secs(args.seconds)).await);
            }
            let med = |f: fn(&Run) -> f64| {
                let mut v: Vec<f64> = runs.iter().map(f).collect();
                v.sort_by(f64::total_cmp);
                v[v.len() / 2]
            };
            let errors: u64 = runs.iter().map(|r| r.errors).sum();
            println!(
                "{scenario:<14} {:>10.0} {:>9.1} {:>9.1} {errors:>9}",
                med(|r| r.rps),
                med(|r| r.p50),
                med(|r| r.p99)
            );
        }
        Ok(ExitCode::SUCCESS)
    })
}

struct Run {
    rps: f64,
    p50: f64,
    p99: f64,
    errors: u64,
}

fn path_of(scenario: &str, n: u64, max_id: i64) -> String {
    // A cheap spread of ids and terms (not random: reproducible between runs).
    let spread = n.wrapping_mul(2_654_435_761) % 1_000_003;
    match scenario {
        "case list" => format!("/cases?page={}", spread % 20 + 1),
        "search" => format!("/cases?q={}", SEARCHES[(spread % 8) as usize].replace(' ', "+")),
        "case page" => format!("/cases/{}", spread as i64 % max_id + 1),
        _ => "/".to_string(),
    }
}

async fn load(host: &str, token: &str, scenario: &'static str, max_id: i64, clients: usize, span: Duration) -> Run {
    let until = Instant::now() + span;
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (host, token) = (host.to_string(), token.to_string());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0_u64;
            let mut conn = TcpStream::connect(&host).await.ok();
            let mut n = c as u64 * 7919;
            while Instant::now() < until {
                n += 1;
                let Some(stream) = conn.as_mut() else { break };
                let start = Instant::now();
                match request(stream, &host, &token, &path_of(scenario, n, max_id)).await {
                    Ok(200) => lat.push(start.elapsed().as_secs_f64() * 1000.0),
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
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        if let Ok((lat, e)) = t.await {
            all.extend(lat);
            errors += e;
        }
    }
    all.sort_by(f64::total_cmp);
    let pct =
        |p: f64| all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1))).copied().unwrap_or(0.0);
    Run { rps: all.len() as f64 / span.as_secs_f64(), p50: pct(0.50), p99: pct(0.99), errors }
}

/// One keep-alive request; returns the status. Bodies are read by their `Content-Length`.
async fn request(stream: &mut TcpStream, host: &str, token: &str, path: &str) -> std::io::Result<u16> {
    let head = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nCookie: thads_session={token}\r\n\r\n");
    stream.write_all(head.as_bytes()).await?;
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut chunk = [0_u8; 16 * 1024];
    let header_end = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).to_ascii_lowercase();
    let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or(std::io::ErrorKind::InvalidData)?;
    while buf.len() < header_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(status)
}

async fn sign_in(host: &str, login: &str, password: &str) -> Result<String, CliError> {
    let body = serde_json::json!({ "login": login, "password": password }).to_string();
    let head = format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(host).await?;
    stream.write_all(head.as_bytes()).await?;
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await?;
    let text = String::from_utf8_lossy(&out);
    let json = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|_| CliError::Refused(format!("sign-in failed: {text}")))?;
    value["token"].as_str().map(str::to_string).ok_or_else(|| CliError::Refused(format!("sign-in failed: {json}")))
}
