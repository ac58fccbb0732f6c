//! Progress of a long command on stderr: a bar when stderr is a terminal, nothing otherwise
//! (logs, pipes, tests). Read by `thads import`, `thads demo` and `thads-bench import`.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use thads_app::progress::Progress;

/// A progress bar on stderr when it is a terminal; nothing otherwise (logs, pipes, tests).
pub struct TerminalProgress {
    bar: Mutex<Option<ProgressBar>>,
    draw: bool,
}

impl TerminalProgress {
    pub fn new() -> TerminalProgress {
        TerminalProgress { bar: Mutex::new(None), draw: std::io::stderr().is_terminal() }
    }

    fn with_bar(&self, f: impl FnOnce(&mut Option<ProgressBar>)) {
        if let Ok(mut bar) = self.bar.lock() {
            f(&mut bar);
        }
    }
}

impl Default for TerminalProgress {
    fn default() -> Self {
        TerminalProgress::new()
    }
}

impl Progress for TerminalProgress {
    fn phase(&self, label: &str, total: Option<u64>) {
        if !self.draw {
            return;
        }
        let template = match total {
            Some(_) => "{msg} [{bar:30}] {human_pos}/{human_len} ({eta})",
            None => "{spinner} {msg} {human_pos}",
        };
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr_with_hz(8));
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(label.to_string());
        bar.enable_steady_tick(Duration::from_millis(250));
        self.with_bar(|slot| {
            if let Some(old) = slot.replace(bar) {
                old.finish_and_clear();
            }
        });
    }

    fn advance(&self, n: u64) {
        self.with_bar(|slot| {
            if let Some(bar) = slot {
                bar.inc(n);
            }
        });
    }

    fn finish(&self) {
        self.with_bar(|slot| {
            if let Some(bar) = slot.take() {
                bar.finish_and_clear();
            }
        });
    }
}
