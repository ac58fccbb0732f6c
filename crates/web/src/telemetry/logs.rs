//! Where the log goes: standard error, one event a line, as text (for a person at a terminal)
//! or JSON (for a log collector). Which events: `THADS_LOG`, else `RUST_LOG`, else `info`, in
//! the form `info` or `thads::request=warn,info` (a default level, then levels by target).
//! An event logged while a request is served carries the request's id (its span).

use std::str::FromStr;

use tracing::Subscriber;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

impl FromStr for LogFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            other => Err(format!("{other}: text or json")),
        }
    }
}

/// The filter from `THADS_LOG` or `RUST_LOG` read through `var`; `info` when neither is set.
pub fn filter(var: impl Fn(&str) -> Option<String>) -> Result<Targets, String> {
    let spec = var("THADS_LOG").or_else(|| var("RUST_LOG")).filter(|s| !s.trim().is_empty());
    let spec = spec.unwrap_or_else(|| "info".into());
    spec.trim().parse::<Targets>().map_err(|e| format!("THADS_LOG / RUST_LOG={spec}: {e}"))
}

/// The logger writing `format` lines to `writer`, events through `filter`.
pub fn subscriber<W>(format: LogFormat, filter: Targets, writer: W) -> Box<dyn Subscriber + Send + Sync>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let registry = tracing_subscriber::registry().with(filter);
    match format {
        LogFormat::Text => {
            Box::new(registry.with(tracing_subscriber::fmt::layer().with_writer(writer).with_ansi(false)))
        }
        LogFormat::Json => Box::new(
            registry.with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_current_span(true)
                    .with_span_list(false)
                    .with_writer(writer),
            ),
        ),
    }
}

/// Installs the process's logger on standard error (once; a second call is refused).
pub fn init(format: LogFormat, filter: Targets) -> Result<(), String> {
    tracing::subscriber::set_global_default(subscriber(format, filter, std::io::stderr)).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_level_comes_from_thads_log_then_rust_log() {
        let none = filter(|_| None).unwrap();
        assert!(none.would_enable("thads::request", &tracing::Level::INFO));
        assert!(!none.would_enable("thads::request", &tracing::Level::DEBUG));
        let env = |k: &str| match k {
            "THADS_LOG" => Some("thads::request=warn,debug".to_string()),
            "RUST_LOG" => Some("error".to_string()),
            _ => None,
        };
        let f = filter(env).unwrap();
        assert!(!f.would_enable("thads::request", &tracing::Level::INFO));
        assert!(f.would_enable("thads::slow", &tracing::Level::DEBUG));
        assert!(filter(|_| Some("loud=noisy".into())).is_err());
        assert_eq!("json".parse::<LogFormat>(), Ok(LogFormat::Json));
        assert!("xml".parse::<LogFormat>().is_err());
    }
}
