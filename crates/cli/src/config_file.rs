//! `thads --config FILE …`: settings read from a file (the Debian package's
//! `/etc/thads/thads.conf`), one `KEY=VALUE` a line, the keys being the `THADS_*` names the
//! environment already takes (so the same file also serves as a systemd `EnvironmentFile=`).
//!
//! Which value wins: the command line, then the process environment, then the file, then the
//! built-in default. A key of the file is either the environment name of a command-line option
//! (`THADS_DB` for `--db`, `THADS_BACKUP_DIR` for `serve --backup-dir`…: every option declared
//! with `env = "…"` is settable, with nothing to add here) or one of the settings the web server
//! reads from the environment (`WebConfig::from_env`, the log filter), found by asking them which
//! names they read. Any other key, a line without `=`, a key given twice, an unreadable file are
//! refused, naming the file and the line.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::{Command, CommandFactory, FromArgMatches};

/// The settings of a file, by key, with the line each came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub values: BTreeMap<String, (usize, String)>,
}

impl ConfigFile {
    /// Reads `path`, checking its keys against `known` when given (every other key is refused).
    pub fn read(path: &Path, known: Option<&[String]>) -> Result<ConfigFile, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("tệp cấu hình / configuration file {}: {e}", path.display()))?;
        ConfigFile::parse(path, &text, known)
    }

    pub fn parse(path: &Path, text: &str, known: Option<&[String]>) -> Result<ConfigFile, String> {
        let mut values = BTreeMap::new();
        let at = |n: usize| format!("{}:{n}", path.display());
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let line = line.strip_prefix("export ").unwrap_or(line);
            let Some((key, value)) = line.split_once('=') else {
                return Err(format!("{}: cần KEY=VALUE / expected KEY=VALUE, found «{line}»", at(n)));
            };
            let key = key.trim();
            if key.is_empty() || !key.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_') {
                return Err(format!("{}: tên khoá không hợp lệ / invalid key «{key}» (A-Z, 0-9, _)", at(n)));
            }
            if let Some(known) = known.filter(|known| !known.iter().any(|k| k == key)) {
                return Err(format!(
                    "{}: khoá không biết / unknown key {key}; known keys: {}",
                    at(n),
                    known.join(", ")
                ));
            }
            let value = unquote(value.trim());
            if let Some((first, _)) = values.insert(key.to_string(), (n, value)) {
                return Err(format!("{}: {key} đã có ở dòng {first} / already set on line {first}", at(n)));
            }
        }
        Ok(ConfigFile { path: path.to_path_buf(), values })
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(|(_, v)| v.as_str())
    }
}

/// `"value"` or `'value'` → `value` (as systemd's `EnvironmentFile=` reads them).
fn unquote(value: &str) -> String {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    value.to_string()
}

/// The environment names of every option of `cmd` and its subcommands.
fn option_keys(cmd: &Command, into: &mut Vec<String>) {
    for arg in cmd.get_arguments() {
        if let Some(name) = arg.get_env().and_then(|e| e.to_str()) {
            into.push(name.to_string());
        }
    }
    for sub in cmd.get_subcommands() {
        option_keys(sub, into);
    }
}

/// The names the web server's settings and the log filter read from the environment.
fn setting_keys(into: &mut Vec<String>) {
    let asked = std::cell::RefCell::new(Vec::new());
    let record = |k: &str| {
        asked.borrow_mut().push(k.to_string());
        None
    };
    let _ = thads_web::WebConfig::from_env(record);
    let _ = thads_web::telemetry::logs::filter(record);
    into.extend(asked.into_inner());
}

/// Every key a configuration file may hold for the command `cmd`, sorted, once each.
pub fn known_keys(cmd: &Command) -> Vec<String> {
    let mut keys = Vec::new();
    option_keys(cmd, &mut keys);
    setting_keys(&mut keys);
    keys.retain(|k| k != "THADS_CONFIG");
    keys.sort();
    keys.dedup();
    keys
}

/// `cmd` with the file's values as the defaults of the options they name.
fn with_defaults(mut cmd: Command, file: &ConfigFile) -> Command {
    let ids: Vec<(String, String)> = cmd
        .get_arguments()
        .filter_map(|a| Some((a.get_id().to_string(), a.get_env()?.to_str()?.to_string())))
        .collect();
    for (id, env) in ids {
        if let Some(value) = file.get(&env).filter(|v| !v.trim().is_empty()) {
            // A default must live as long as the command: the few settings of one process.
            let value: &'static str = Box::leak(value.to_string().into_boxed_str());
            cmd = cmd.mut_arg(id, |a| a.default_value(value));
        }
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, |s| with_defaults(s, file));
    }
    cmd
}

/// The `--config FILE` named on the command line `args`, if any (found by clap itself).
fn named_file(cmd: &Command, args: &[OsString]) -> Option<PathBuf> {
    let matches = cmd.clone().ignore_errors(true).try_get_matches_from(args).ok()?;
    matches.try_get_one::<PathBuf>("config").ok().flatten().cloned()
}

/// Parses the command line into `P`, with the settings of `--config FILE` (or `THADS_CONFIG`)
/// as defaults; exits as clap does on a bad command line, and with a clear message on a bad
/// file.
pub fn parse<P: CommandFactory + FromArgMatches>() -> P {
    let args: Vec<OsString> = std::env::args_os().collect();
    match parse_from(&args) {
        Ok(p) => p,
        Err(Failure::Clap(e)) => e.exit(),
        Err(Failure::File(message)) => {
            eprintln!("lỗi / error: {message}");
            std::process::exit(2)
        }
    }
}

#[derive(Debug)]
pub enum Failure {
    Clap(clap::Error),
    File(String),
}

pub fn parse_from<P: CommandFactory + FromArgMatches>(args: &[OsString]) -> Result<P, Failure> {
    let cmd = P::command();
    let Some(path) = named_file(&cmd, args) else {
        let matches = cmd.try_get_matches_from(args).map_err(Failure::Clap)?;
        return P::from_arg_matches(&matches).map_err(Failure::Clap);
    };
    let file = ConfigFile::read(&path, Some(&known_keys(&cmd))).map_err(Failure::File)?;
    let matches = match with_defaults(cmd.clone(), &file).try_get_matches_from(args) {
        Ok(m) => m,
        // The command line's own fault is told as clap tells it; otherwise the file's value.
        Err(e) => match cmd.try_get_matches_from(args) {
            Err(own) => return Err(Failure::Clap(own)),
            Ok(_) => {
                let shown = e.to_string();
                let shown = shown.trim().trim_start_matches("error: ");
                return Err(Failure::File(format!("{}: {}", path.display(), shown)));
            }
        },
    };
    P::from_arg_matches(&matches).map_err(Failure::Clap)
}

/// The value of a setting read from the environment: the process environment, else the file of
/// `--config` (read again: it was checked when the command line was parsed).
pub fn setting_lookup(config: Option<&Path>) -> Result<impl Fn(&str) -> Option<String>, String> {
    // The keys were checked against the whole command when the command line was parsed.
    let file = config.map(|path| ConfigFile::read(path, None)).transpose()?;
    Ok(move |k: &str| {
        std::env::var(k)
            .ok()
            .filter(|v| !v.trim().is_empty())
            .or_else(|| file.as_ref().and_then(|f| f.get(k).map(str::to_string)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        ["THADS_DB", "THADS_ADDR"].map(String::from).to_vec()
    }

    #[test]
    fn lines_comments_quotes_and_faults() {
        let text = "# a comment\n\nTHADS_DB = \"/var/lib/thads/thads.db\"\nexport THADS_ADDR=127.0.0.1:8080\n";
        let f = ConfigFile::parse(Path::new("t.conf"), text, Some(&known())).unwrap();
        assert_eq!(f.get("THADS_DB"), Some("/var/lib/thads/thads.db"));
        assert_eq!(f.get("THADS_ADDR"), Some("127.0.0.1:8080"));
        let e = ConfigFile::parse(Path::new("t.conf"), "THADS_DB=a\nTHADS_PORT=1\n", Some(&known())).unwrap_err();
        assert!(e.contains("t.conf:2") && e.contains("THADS_PORT") && e.contains("THADS_ADDR"), "{e}");
        let e = ConfigFile::parse(Path::new("t.conf"), "THADS_DB\n", Some(&known())).unwrap_err();
        assert!(e.contains("t.conf:1") && e.contains("KEY=VALUE"), "{e}");
        let e = ConfigFile::parse(Path::new("t.conf"), "THADS_DB=a\nTHADS_DB=b\n", Some(&known())).unwrap_err();
        assert!(e.contains("t.conf:2") && e.contains("line 1"), "{e}");
        let e = ConfigFile::parse(Path::new("t.conf"), "thads_db=a\n", Some(&known())).unwrap_err();
        assert!(e.contains("invalid key"), "{e}");
    }
}
