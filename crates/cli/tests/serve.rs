//! `thads serve` run as an operator runs it: the built binary on a fresh database (SQLite, and
//! PostgreSQL when `THADS_TEST_PG` is set) starts, answers, and stops cleanly on SIGTERM. On
//! PostgreSQL it once panicked before listening (the synchronous client called on the async
//! runtime's thread) and aborted in a destructor.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thads_store_postgres::testing::{TestDatabase, test_url};

/// Kills the server if the test ends before it stopped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `thads serve` on `db` (port 0, a small demo) and returns it with its address, read
/// from what it prints.
fn start(db: &str) -> (Server, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_thads"))
        .args(["--db", db, "serve", "--addr", "127.0.0.1:0", "--demo-cases", "40"])
        .env_remove("THADS_ADDR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let mut stdout = BufReader::new(server.0.stdout.take().unwrap()).lines();
    let marker = "is serving at http://";
    while let Some(line) = stdout.next() {
        let line = line.unwrap();
        if let Some(at) = line.find(marker) {
            // The rest is read too: a server printing into a closed pipe would fail.
            std::thread::spawn(move || stdout.for_each(drop));
            return (server, line[at + marker.len()..].trim_end_matches('/').to_string());
        }
    }
    let mut stderr = String::new();
    server.0.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    panic!("thads serve stopped before serving: {:?}\n{stderr}", server.0.wait().unwrap());
}

/// The status line and body of `GET path`.
fn get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// Asks the server to stop as a service manager does, and waits for it.
fn terminate(mut server: Server) -> std::process::ExitStatus {
    let pid = server.0.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = server.0.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "thads serve did not stop within 30 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn serves_and_stops(db: &str) {
    let (server, addr) = start(db);
    let health = get(&addr, "/health");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let login = get(&addr, "/login");
    assert!(login.starts_with("HTTP/1.1 200") && login.contains("name=\"csrf\""), "{login}");
    let status = terminate(server);
    assert!(status.success(), "thads serve stopped with {status:?}");
}

#[test]
fn serve_on_sqlite_starts_answers_and_stops() {
    let dir = tempfile::tempdir().unwrap();
    serves_and_stops(dir.path().join("thads.db").to_str().unwrap());
}

#[test]
fn serve_on_postgres_starts_answers_and_stops() {
    let Some(url) = test_url() else { return };
    let db = TestDatabase::create(&url).unwrap();
    serves_and_stops(db.url());
}

/// Starts `thads serve` on `db` checking the reference data every 50 ms; returns it with its
/// address and the first administrator's password it prints.
fn start_watching(db: &str) -> (Server, String, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_thads"))
        .args(["--db", db, "serve", "--addr", "127.0.0.1:0", "--demo-cases", "40"])
        .env_remove("THADS_ADDR")
        .env("THADS_REFERENCE_CHECK_MS", "50")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let mut stdout = BufReader::new(server.0.stdout.take().unwrap()).lines();
    let (mut addr, mut password) = (None, None);
    for line in stdout.by_ref() {
        let line = line.unwrap();
        if let Some(at) = line.find("is serving at http://") {
            addr = Some(line[at + "is serving at http://".len()..].trim_end_matches('/').to_string());
        }
        if let Some(at) = line.find("admin / ") {
            password = Some(line[at + "admin / ".len()..].trim().to_string());
            break;
        }
    }
    std::thread::spawn(move || stdout.for_each(drop));
    (server, addr.expect("the address"), password.expect("the first administrator's password"))
}

/// Sends a request; the whole response (status line, headers, body).
fn request(addr: &str, method: &str, path: &str, cookie: &str, form: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nCookie: {cookie}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
        form.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// `name=value` of the response's `Set-Cookie: name=…`.
fn set_cookie(response: &str, name: &str) -> String {
    let marker = format!("set-cookie: {name}=");
    let lower = response.to_ascii_lowercase();
    let at = lower.find(&marker).unwrap_or_else(|| panic!("no cookie {name}: {response}")) + "set-cookie: ".len();
    response[at..].split(';').next().unwrap().to_string()
}

/// Signs in as `admin` through the form; the session cookie.
fn sign_in(addr: &str, password: &str) -> String {
    let form = request(addr, "GET", "/login", "", "");
    let login_cookie = set_cookie(&form, "thads_login_csrf");
    let marker = "name=\"csrf\" value=\"";
    let at = form.find(marker).unwrap() + marker.len();
    let csrf = form[at..].split('"').next().unwrap();
    let body = format!("login=admin&password={password}&csrf={csrf}&next=%2F");
    let response = request(addr, "POST", "/login", &login_cookie, &body);
    assert!(response.starts_with("HTTP/1.1 303"), "{response}");
    set_cookie(&response, "thads_session")
}

/// Runs `thads --db DB args…` with `stdin`, expecting success.
fn thads(db: &str, args: &[&str], stdin: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_thads"))
        .args(["--db", db])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "thads {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Asks `path` until its answer contains every one of `wanted`, for at most ten seconds.
fn eventually(addr: &str, cookie: &str, path: &str, wanted: &[&str]) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let page = request(addr, "GET", path, cookie, "");
        if wanted.iter().all(|w| page.contains(w)) {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Issue 16: a target, a person and an announced day added with the command line while the
/// server runs are seen by the server without a restart.
fn command_line_changes_show_without_a_restart(db: &str) {
    let (server, addr, password) = start_watching(db);
    let cookie = sign_in(&addr, &password);
    let dashboard = "/?unit=VN";
    assert!(!request(&addr, "GET", dashboard, &cookie, "").contains("87,65%"));
    // The reporting year of today, whichever side of 1 October it is.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let year = 1970 + i64::try_from(now / 31_556_952).unwrap();
    for y in [year, year + 1] {
        let y = y.to_string();
        thads(db, &["target", "set", "--unit", "VN", "--year", &y, "--cases", "87,65", "--money", "43,21"], "");
    }
    assert!(eventually(&addr, &cookie, dashboard, &["87,65%", "43,21%"]), "the target on the dashboard");
    // Changed again: the dashboard kept for the old target is not shown.
    for y in [year, year + 1] {
        let y = y.to_string();
        thads(db, &["target", "set", "--unit", "VN", "--year", &y, "--cases", "91,25", "--money", "43,21"], "");
    }
    assert!(eventually(&addr, &cookie, dashboard, &["91,25%"]), "the changed target");
    thads(
        db,
        &["user", "add", "chv.moi", "--unit", "VN", "--role", "officer", "--name", "Đỗ Văn Mới", "--password-stdin"],
        "Ngựa ô chạy qua cầu tre 2026\n",
    );
    assert!(eventually(&addr, &cookie, "/audit?unit=VN&actor=chv.moi", &["HTTP/1.1 200", "Đỗ Văn Mới"]), "the person");
    thads(
        db,
        &["calendar", "add", "--date", "02/01/2026", "--kind", "day-off", "--source", "Thông báo 6150/TB-BNV"],
        "",
    );
    assert!(eventually(&addr, &cookie, "/calendar?year=2026", &["02/01/2026", "6150/TB-BNV"]), "the day off");
    let status = terminate(server);
    assert!(status.success(), "thads serve stopped with {status:?}");
}

#[test]
fn command_line_changes_show_without_a_restart_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    command_line_changes_show_without_a_restart(dir.path().join("thads.db").to_str().unwrap());
}

#[test]
fn command_line_changes_show_without_a_restart_on_postgres() {
    let Some(url) = test_url() else { return };
    let db = TestDatabase::create(&url).unwrap();
    command_line_changes_show_without_a_restart(db.url());
}

/// `thads serve --log-format json`: standard error carries one JSON object a line, a request's
/// line with its id (the `x-request-id` the answer carried), the route's pattern and status; and
/// `/metrics` answers this machine with the request counted.
#[test]
fn serve_logs_json_lines_and_answers_metrics_locally() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thads.db");
    let child = Command::new(env!("CARGO_BIN_EXE_thads"))
        .args(["--db", db.to_str().unwrap(), "serve", "--addr", "127.0.0.1:0", "--demo-cases", "40"])
        .args(["--log-format", "json"])
        .env_remove("THADS_ADDR")
        .env_remove("RUST_LOG")
        .env("THADS_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let mut stderr = server.0.stderr.take().unwrap();
    let logged = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).unwrap();
        text
    });
    let mut stdout = BufReader::new(server.0.stdout.take().unwrap()).lines();
    let marker = "is serving at http://";
    let addr = loop {
        let line = stdout.next().expect("thads serve stopped before serving").unwrap();
        if let Some(at) = line.find(marker) {
            break line[at + marker.len()..].trim_end_matches('/').to_string();
        }
    };
    std::thread::spawn(move || stdout.for_each(drop));
    let page = get(&addr, "/cases/12345");
    let id = page
        .lines()
        .find_map(|l| l.strip_prefix("x-request-id: "))
        .unwrap_or_else(|| panic!("no request id: {page}"))
        .trim()
        .to_string();
    let metrics = get(&addr, "/metrics");
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    assert!(
        metrics.contains(r#"thads_http_request_duration_seconds_count{route="/cases/{id}",method="GET"} 1"#),
        "{metrics}"
    );
    let status = terminate(server);
    assert!(status.success(), "{status:?}");
    let stderr = logged.join().unwrap();
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect();
    let request = lines
        .iter()
        .find(|l| l["span"]["request_id"] == id.as_str())
        .unwrap_or_else(|| panic!("no line with request id {id}:\n{stderr}"));
    assert_eq!(request["route"], "/cases/{id}", "the pattern, not the path: {request}");
    assert_eq!(request["status"], 303, "{request}");
    assert_eq!(request["user"], "-", "{request}");
    assert!(request["ms"].is_number(), "{request}");
    assert!(!stderr.contains("12345"), "the raw path is not logged:\n{stderr}");
}
