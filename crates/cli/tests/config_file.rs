//! `thads --config FILE serve`, as the Debian package's service runs it: the settings come from
//! the file (database, address, demo size, trusted proxies…), the environment and the command
//! line win over it, and a bad file is refused before anything starts, naming the line.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

fn thads() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_thads"));
    for k in ["THADS_DB", "THADS_ADDR", "THADS_CONFIG", "THADS_DEMO_CASES", "THADS_TRUSTED_PROXIES", "THADS_SLOW_MS"] {
        c.env_remove(k);
    }
    c
}

#[test]
fn serve_reads_its_settings_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("from-file.db");
    let conf = dir.path().join("thads.conf");
    std::fs::write(
        &conf,
        format!(
            "# as /etc/thads/thads.conf\nTHADS_DB={}\nTHADS_ADDR=127.0.0.1:0\nTHADS_DEMO_CASES=30\n\
             THADS_TRUSTED_PROXIES=10.0.0.1\nTHADS_SLOW_MS=0\nTHADS_BACKUP_DIR=\n# THADS_PUBLIC_ADDR=127.0.0.1:8081\n",
            db.display()
        ),
    )
    .unwrap();

    // The file's values, the environment's over them, the command line's over both.
    let shown = thads().args(["--config", conf.to_str().unwrap(), "serve", "--print-config"]).output().unwrap();
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.status.success(), "{text}{}", String::from_utf8_lossy(&shown.stderr));
    assert!(text.contains("THADS_TRUSTED_PROXIES=10.0.0.1/32") && text.contains("THADS_ADDR=127.0.0.1:0"), "{text}");
    assert!(text.contains(&format!("THADS_DB={}", db.display())), "{text}");
    let shown = thads()
        .args(["serve", "--config", conf.to_str().unwrap(), "--print-config", "--addr", "127.0.0.1:9"])
        .env("THADS_TRUSTED_PROXIES", "10.9.9.9")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(text.contains("THADS_ADDR=127.0.0.1:9") && text.contains("THADS_TRUSTED_PROXIES=10.9.9.9/32"), "{text}");

    // Served from the file's database, with the file's demo size.
    let mut child = thads()
        .args(["--config", conf.to_str().unwrap(), "serve"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut addr = None;
    let mut seen = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        seen.push_str(&line);
        seen.push('\n');
        if let Some(at) = line.find("is serving at http://") {
            addr = Some(line[at + "is serving at http://".len()..].trim_end_matches('/').to_string());
            break;
        }
    }
    std::thread::spawn(move || lines.for_each(drop));
    let addr = addr.unwrap_or_else(|| panic!("not serving: {seen}"));
    assert!(seen.contains("(30 "), "the file's demo size: {seen}");
    let mut stream = TcpStream::connect(&addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "GET /health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(db.exists(), "the file's database was used");
}

#[test]
fn a_bad_file_is_refused_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("thads.conf");
    let refused = |text: &str| {
        std::fs::write(&conf, text).unwrap();
        let out = thads().args(["--config", conf.to_str().unwrap(), "serve", "--print-config"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let e = refused("THADS_DB=x.db\nTHADS_LISTEN=0.0.0.0:80\n");
    assert!(e.contains("thads.conf:2") && e.contains("unknown key THADS_LISTEN") && e.contains("THADS_ADDR"), "{e}");
    let e = refused("THADS_SLOW_MS=fast\n");
    assert!(e.contains("thads.conf") && e.contains("fast") && e.contains("--slow-ms"), "{e}");
    let e = refused("THADS_DB x.db\n");
    assert!(e.contains("thads.conf:1") && e.contains("KEY=VALUE"), "{e}");
    let out = thads().args(["--config", "/nonexistent/thads.conf", "serve", "--print-config"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/thads.conf"));
    // A mistake on the command line itself is clap's usual message, not blamed on the file.
    std::fs::write(&conf, "THADS_DB=x.db\n").unwrap();
    let out = thads().args(["--config", conf.to_str().unwrap(), "serve", "--no-such-flag"]).output().unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("--no-such-flag") && !e.contains("thads.conf"), "{e}");
}
