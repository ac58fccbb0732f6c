//! The command line's one error type: each failure becomes one clear message on stderr
//! (Vietnamese first); database internals are summarised, never dumped.

use thads_app::AppError;
use thads_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command was called wrongly (bad argument, unknown unit…).
    #[error("{0}")]
    Usage(String),
    /// Input that was refused, with a message ready for the user (may span many lines).
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    App(#[from] AppError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("lỗi đọc/ghi tệp / file error: {0}")]
    Io(#[from] std::io::Error),
}

impl CliError {
    /// Prints the error for a person at a terminal.
    pub fn report(&self) {
        let backend_detail = match self {
            CliError::Store(StoreError::Backend(detail))
            | CliError::App(AppError::Store(StoreError::Backend(detail))) => Some(detail),
            _ => None,
        };
        eprintln!("lỗi / error: {self}");
        if let Some(detail) = backend_detail {
            // The operator of a command line is the administrator: the detail helps them.
            eprintln!("  chi tiết / detail: {detail}");
        }
    }
}
