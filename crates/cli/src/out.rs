//! What commands print on standard output. A reader that stops early (`thads case show … | head`)
//! closes the pipe: the write fails with `BrokenPipe`, which `main` treats as the end of the
//! output, not as an error (Rust's `println!` would panic instead).

use std::fmt::Display;
use std::io::Write as _;

use crate::error::CliError;

/// Prints one line (or several, when `text` holds newlines).
pub fn line(text: impl Display) -> Result<(), CliError> {
    writeln!(std::io::stdout().lock(), "{text}")?;
    Ok(())
}

/// Whether `error` only says that the reader of our output went away.
pub fn reader_left(error: &CliError) -> bool {
    matches!(error, CliError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
}
