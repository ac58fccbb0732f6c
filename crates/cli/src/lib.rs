//! The library behind the `thads` binary: the store `--db` names (the only place a backend is
//! chosen), the one error type, what commands print, and the commands. `thads-bench` reuses
//! the first three rather than copy them.

pub mod cmd;
pub mod config_file;
pub mod context;
pub mod error;
pub mod out;
pub mod progress;
pub mod sys;
