//! `thads-bench web --url URL --login L --password-stdin`: load on a running `thads serve`.
//! Clients keep one HTTP/1.1 connection each and send requests back to back (a closed loop, as
//! wrk does), or with `--rate R` on a schedule that adds up to R requests per second (an open
//! loop, as wrk2 does: latency counts from when a request was due, so a slow answer is charged to
//! the requests that waited behind it), for the case list, a search without diacritics, a case page, the dashboard, the
//! statistics page, recording an event, or all of them mixed as a working day asks for them;
//! each scenario runs several times and every run is printed (a mixed run with a line per kind
//! of page: its answers, p50 and p99), then the medians, with the load
//! average of the machine before and after (the load generator shares it with the server).
//! Several servers (`--url` repeated, e.g. the same demo on SQLite and on PostgreSQL) are
//! measured in one run, their runs interleaved so that a change of the machine's load falls on
//! both alike.
//!
//! The case pages asked for are cases the account can see, listed through the JSON API first,
//! so that an account of any unit (`THADS_BENCH_UNIT` in `scripts/bench-web`) measures pages
//! rather than refusals.

pub(crate) mod client;

use std::io::BufRead;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Args as ClapArgs;

use thads_cli::error::CliError;

use self::client::{Ask, Pace, Run, get, load, sign_in};
use crate::median::load_average;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Máy chủ đang chạy; lặp lại để so sánh / the running server; repeat to compare servers
    #[arg(long = "url", default_value = "http://127.0.0.1:8080")]
    urls: Vec<String>,
    /// Tên từng máy chủ trong bảng / a name for each --url in the table (default: its address)
    #[arg(long = "label")]
    labels: Vec<String>,
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
    /// Kịch bản / scenarios, comma-separated: list, search, case, dashboard, stats, event, mixed
    #[arg(long, default_value = "list,search,case,dashboard")]
    scenarios: String,
    /// Tổng số yêu cầu mỗi giây, chia đều cho các người dùng (mặc định: gửi liên tục) / total
    /// requests per second, spread over the clients on a schedule, latency counted from when each
    /// was due (default: back to back, a closed loop)
    #[arg(long, value_parser = parse_rate)]
    rate: Option<f64>,
    /// In mỗi lần đo theo từng nửa giây / print each run's answers by the half-second they were
    /// sent in (answers, p50 and the slowest): where in a run the slow ones were
    #[arg(long)]
    timeline: bool,
    /// Số việc nhận ghi sự kiện / cases the `event` writes are spread over (the newest visible
    /// ones that allow `collected`): few make each case's history long within a run, so that
    /// later runs replay longer histories than earlier ones
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    write_cases: u32,
}

fn parse_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if rate.is_finite() && rate > 0.0 && rate <= 1_000_000.0 => Ok(rate),
        _ => Err(format!("«{text}»: a number of requests per second, above 0 and at most 1,000,000")),
    }
}

const SEARCHES: [&str; 8] =
    ["nguyen van an", "tran thi", "le van hung", "pham thi lan", "hoang", "vu van", "ngan hang", "cong ty"];

/// What one scenario asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scenario {
    List,
    Search,
    Case,
    Dashboard,
    /// The statistics page with a row per subordinate unit (per province for the nation).
    Stats,
    /// Recording an event (`POST /api/v1/cases/{id}/events`, a small `collected`) on cases that
    /// allow it; every acknowledged write is then looked for in the cases' histories.
    Event,
    /// The others mixed as a working day asks for them (`MIX`): each client's requests go round
    /// the pages, writes among them, so that what is kept between requests (the statistics
    /// page's forms) is measured while the ledger moves.
    Mixed,
}

/// The mixed scenario's requests out of every 20: case pages and the case list most, then
/// searches, the dashboard, events recorded and the statistics page.
const MIX: [(Scenario, u64); 6] = [
    (Scenario::Case, 6),
    (Scenario::List, 5),
    (Scenario::Search, 4),
    (Scenario::Dashboard, 2),
    (Scenario::Event, 2),
    (Scenario::Stats, 1),
];

impl Scenario {
    fn parse(name: &str) -> Result<Scenario, CliError> {
        match name.trim() {
            "list" => Ok(Scenario::List),
            "search" => Ok(Scenario::Search),
            "case" => Ok(Scenario::Case),
            "dashboard" => Ok(Scenario::Dashboard),
            "stats" => Ok(Scenario::Stats),
            "event" => Ok(Scenario::Event),
            "mixed" => Ok(Scenario::Mixed),
            other => Err(CliError::Usage(format!(
                "kịch bản / scenario «{other}»: list, search, case, dashboard, stats, event, mixed"
            ))),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Scenario::List => "case list",
            Scenario::Search => "search",
            Scenario::Case => "case page",
            Scenario::Dashboard => "dashboard",
            Scenario::Stats => "statistics",
            Scenario::Event => "event",
            Scenario::Mixed => "mixed",
        }
    }

    /// What the `n`-th request of this scenario is: itself, or for `Mixed` one of `MIX` by its
    /// share, spread so that each client goes round all of them.
    pub fn pick(self, n: u64) -> Scenario {
        if self != Scenario::Mixed {
            return self;
        }
        let total: u64 = MIX.iter().map(|(_, share)| share).sum();
        let mut at = n.wrapping_mul(2_654_435_761) % 1_000_003 % total;
        for (scenario, share) in MIX {
            if at < share {
                return scenario;
            }
            at -= share;
        }
        Scenario::Case
    }

    /// Whether this scenario records events (and needs cases that allow them).
    pub fn writes(self) -> bool {
        matches!(self, Scenario::Event | Scenario::Mixed)
    }

    /// The `n`-th request's path: a cheap spread over pages, terms and cases (not random, so
    /// that runs are alike).
    pub fn path(self, n: u64, cases: &[i64]) -> String {
        let spread = n.wrapping_mul(2_654_435_761) % 1_000_003;
        match self {
            Scenario::List => format!("/cases?page={}", spread % 20 + 1),
            Scenario::Search => format!("/cases?q={}", SEARCHES[(spread % 8) as usize].replace(' ', "+")),
            Scenario::Case => format!("/cases/{}", cases[(spread as usize) % cases.len()]),
            Scenario::Dashboard => "/".to_string(),
            Scenario::Stats => "/stats".to_string(),
            Scenario::Event => format!("/api/v1/cases/{}/events", cases[(spread as usize) % cases.len()]),
            Scenario::Mixed => self.pick(n).path(n, cases),
        }
    }
}

/// A server measured: its name in the table, its address, a token, the cases it shows, the
/// cases it may record a `collected` on (for `event`) and the note marking its writes.
struct Server {
    label: String,
    host: String,
    token: String,
    cases: Arc<Vec<i64>>,
    writable: Arc<Vec<i64>>,
    tag: String,
}

impl Server {
    async fn sign_in(url: &str, label: Option<&String>, login: &str, password: &str) -> Result<Server, CliError> {
        let host = url.trim_start_matches("http://").trim_end_matches('/').to_string();
        let token = sign_in(&host, login, password).await?;
        let cases = Arc::new(visible_cases(&host, &token).await?);
        let label = label.cloned().unwrap_or_else(|| host.clone());
        let tag = format!("bench-{}-{label}", time::OffsetDateTime::now_utc().unix_timestamp());
        Ok(Server { label, host, token, cases, writable: Arc::new(Vec::new()), tag })
    }

    fn ask(&self, scenario: Scenario) -> Ask {
        Ask {
            scenario,
            cases: Arc::clone(&self.cases),
            writable: Arc::clone(&self.writable),
            tag: self.tag.clone(),
            date: today_in_vietnam(),
        }
    }
}

pub fn run(args: &Args) -> Result<ExitCode, CliError> {
    let scenarios = args.scenarios.split(',').map(Scenario::parse).collect::<Result<Vec<_>, _>>()?;
    if !args.labels.is_empty() && args.labels.len() != args.urls.len() {
        return Err(CliError::Usage("một --label cho mỗi --url / one --label per --url".into()));
    }
    let mut password = String::new();
    std::io::stdin().lock().read_line(&mut password)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let mut servers = Vec::new();
        for (i, url) in args.urls.iter().enumerate() {
            servers.push(Server::sign_in(url, args.labels.get(i), &args.login, password.trim_end()).await?);
        }
        if scenarios.iter().any(|s| s.writes()) {
            for server in &mut servers {
                server.writable = Arc::new(writable_cases(server, args.write_cases as usize).await?);
            }
        }
        let sampled: Vec<String> = servers
            .iter()
            .map(|s| match s.writable.len() {
                0 => format!("{} {}", s.label, s.cases.len()),
                w => format!("{} {} ({w} written to)", s.label, s.cases.len()),
            })
            .collect();
        let pace = args.rate.map_or(Pace::Closed, Pace::Rate);
        let paced = match pace {
            Pace::Closed => "back to back".to_string(),
            Pace::Rate(rate) => format!("paced at {rate} requests/s in all, latency from when each was due"),
        };
        println!(
            "{} clients {paced}, {} s × {} runs per scenario and server; visible cases sampled: {}",
            args.clients,
            args.seconds,
            args.runs,
            sampled.join(", ")
        );
        println!(
            "{:<10} {:<10} {:>4} {:>8} {:>8} {:>8} {:>7}   load 1 min",
            "scenario", "server", "run", "req/s", "p50 ms", "p99 ms", "errors"
        );
        let span = Duration::from_secs(args.seconds);
        // Acknowledged writes of each server so far: every writing scenario's are all looked for.
        let mut written = vec![0_u64; servers.len()];
        for scenario in scenarios {
            let mut runs: Vec<Vec<Run>> = servers.iter().map(|_| Vec::new()).collect();
            for i in 0..args.runs {
                for (server, runs) in servers.iter().zip(&mut runs) {
                    let before = load_average();
                    let run = load(&server.host, &server.token, &server.ask(scenario), args.clients, span, pace).await;
                    let load = format!("{before} → {}", load_average());
                    print_run(scenario.label(), &server.label, &(i + 1).to_string(), &run, &load);
                    if args.timeline {
                        print_timeline(&run);
                    }
                    runs.push(run);
                }
            }
            for (server, runs) in servers.iter().zip(&runs) {
                print_run(scenario.label(), &server.label, "med", &median(runs), "");
            }
            if scenario.writes() {
                for (total, runs) in written.iter_mut().zip(&runs) {
                    *total += runs.iter().map(|r| r.acknowledged).sum::<u64>();
                }
                if !writes_all_found(&servers, &written).await? {
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn print_run(label: &str, server: &str, run: &str, r: &Run, load: &str) {
    println!("{label:<10} {server:<10} {run:>4} {:>8.0} {:>8.1} {:>8.1} {:>7}   {load}", r.rps, r.p50, r.p99, r.errors);
    // A mixed run: each kind of page on a line of its own (answers instead of req/s).
    if r.pages.len() > 1 {
        for (kind, answers, p50, p99) in &r.pages {
            println!("  {:<19} {answers:>8} {p50:>8.1} {p99:>8.1}   answers", kind.label());
        }
    }
}

/// A run's answers by the half-second they were sent in (`--timeline`): when the slow ones
/// were asked for.
fn print_timeline(r: &Run) {
    let slots: Vec<String> =
        r.timeline.iter().map(|(at, n, p50, slowest)| format!("{at:.1}s {n} {p50:.0}/{slowest:.0}")).collect();
    println!("  timeline (sent at: answers p50/slowest ms): {}", slots.join(" · "));
}

/// The median of each figure over the runs (errors are summed).
fn median(runs: &[Run]) -> Run {
    let med = |f: fn(&Run) -> f64| {
        let mut v: Vec<f64> = runs.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    Run {
        rps: med(|r| r.rps),
        p50: med(|r| r.p50),
        p99: med(|r| r.p99),
        errors: runs.iter().map(|r| r.errors).sum(),
        acknowledged: runs.iter().map(|r| r.acknowledged).sum(),
        // Per page and by time only in the runs' own lines.
        pages: Vec::new(),
        timeline: Vec::new(),
    }
}

/// The first 1,000 cases the account sees (newest first), through the JSON API.
async fn visible_cases(host: &str, token: &str) -> Result<Vec<i64>, CliError> {
    let mut ids = Vec::new();
    for page in 1..=20 {
        let (found, more) = case_page(host, token, page).await?;
        ids.extend(found);
        if !more {
            break;
        }
    }
    if ids.is_empty() {
        return Err(CliError::Refused("tài khoản không thấy việc nào / the account sees no case".into()));
    }
    Ok(ids)
}

/// The ids of page `page` of the case list the account sees (newest first), and whether more
/// pages follow.
async fn case_page(host: &str, token: &str, page: u32) -> Result<(Vec<i64>, bool), CliError> {
    let body = get(host, &format!("Authorization: Bearer {token}"), &format!("/api/v1/cases?page={page}")).await?;
    let value: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| CliError::Refused(format!("danh sách việc / case list: {e}")))?;
    let ids = value["cases"].as_array().into_iter().flatten().filter_map(|c| c["id"].as_i64()).collect();
    Ok((ids, value["more"] == serde_json::Value::Bool(true)))
}

/// Up to `want` of the server's visible cases (newest first) on which `collected` may be
/// recorded now, read a page of the case list at a time.
async fn writable_cases(server: &Server, want: usize) -> Result<Vec<i64>, CliError> {
    let mut found = Vec::new();
    let mut page = 1;
    while found.len() < want {
        let (ids, more) = case_page(&server.host, &server.token, page).await?;
        for id in ids {
            let detail = case_detail(server, id).await?;
            let allowed = detail["allowed_events"].as_array().is_some_and(|a| a.iter().any(|e| e == "collected"));
            if allowed && found.len() < want {
                found.push(id);
            }
        }
        if !more {
            break;
        }
        page += 1;
    }
    if found.is_empty() {
        return Err(CliError::Refused(format!("{}: no case allows «collected»", server.label)));
    }
    Ok(found)
}

async fn case_detail(server: &Server, id: i64) -> Result<serde_json::Value, CliError> {
    let header = format!("Authorization: Bearer {}", server.token);
    let body = get(&server.host, &header, &format!("/api/v1/cases/{id}")).await?;
    serde_json::from_slice(&body).map_err(|e| CliError::Refused(format!("case {id}: {e}")))
}

/// Every acknowledged write (a 2xx) of each server is in the histories exactly once, as each
/// server reads them: a server's own writes always, another server's writes either all (the
/// same database) or none (another database). Prints one line per pair and says whether all held.
async fn writes_all_found(servers: &[Server], acknowledged: &[u64]) -> Result<bool, CliError> {
    let mut all_held = true;
    for reader in servers {
        let mut found = vec![0_u64; servers.len()];
        for id in reader.writable.iter() {
            let detail = case_detail(reader, *id).await?;
            for item in detail["history"].as_array().into_iter().flatten() {
                if let Some(i) = servers.iter().position(|s| item["note"] == s.tag.as_str()) {
                    found[i] += 1;
                }
            }
        }
        for (i, writer) in servers.iter().enumerate() {
            let said = verdict(writer.host == reader.host, acknowledged[i], found[i]);
            all_held &= said.is_some();
            println!(
                "writes of {} read through {}: acknowledged {}, found {} — {}",
                writer.label,
                reader.label,
                acknowledged[i],
                found[i],
                said.unwrap_or("MISMATCH")
            );
        }
    }
    Ok(all_held)
}

/// What one server's acknowledged writes found through a reader say: each found once; none
/// found through another server (on another database: servers compared side by side); or,
/// `None`, a mismatch (a write lost or found twice).
fn verdict(own: bool, acknowledged: u64, found: u64) -> Option<&'static str> {
    if found == acknowledged {
        Some("none lost, none duplicated")
    } else if !own && found == 0 {
        Some("none found: another database")
    } else {
        None
    }
}

/// Today in Vietnam, the day the server records events on, as yyyy-mm-dd.
fn today_in_vietnam() -> String {
    use thads_core::Clock;
    thads_core::dates::format_iso(thads_app::clock::SystemClock.today())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_found_once_or_on_another_database_not_at_all() {
        assert_eq!(verdict(true, 5, 5), Some("none lost, none duplicated"));
        assert_eq!(verdict(false, 5, 5), Some("none lost, none duplicated"), "two servers, one database");
        assert_eq!(verdict(false, 5, 0), Some("none found: another database"));
        assert_eq!(verdict(true, 5, 0), None, "a server's own writes all lost");
        assert_eq!(verdict(true, 5, 6), None, "one found twice");
        assert_eq!(verdict(false, 5, 3), None, "some lost");
    }

    #[test]
    fn the_mixed_scenario_asks_for_each_page_by_its_share() {
        let mut counts = std::collections::HashMap::new();
        for n in 0..20_000 {
            *counts.entry(Scenario::Mixed.pick(n)).or_insert(0_u64) += 1;
        }
        for (scenario, share) in MIX {
            let got = counts.get(&scenario).copied().unwrap_or(0);
            assert!(
                got.abs_diff(share * 1_000) < 150,
                "{scenario:?}: {got} of 20,000, expected about {}",
                share * 1_000
            );
        }
        assert_eq!(Scenario::Case.pick(7), Scenario::Case, "a plain scenario is itself");
        assert!(Scenario::Mixed.writes() && Scenario::Event.writes() && !Scenario::Stats.writes());
    }
}
