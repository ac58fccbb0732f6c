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
