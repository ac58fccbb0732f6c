//! Register files uploaded through the import page, streamed chunk by chunk to a private
//! temporary directory (removed with the upload) under their own names: the import recognises a
//! CSV file's kind by its name (`cases.csv`, `2024_cases.csv`). Nothing of a file is held in
//! memory beyond the chunk being written, and an upload stops at `MAX_UPLOAD_BYTES`.

use std::io::Write;

use axum::extract::multipart::Field;
use tempfile::TempDir;
use thads_app::imports::InputFile;

use crate::error::WebError;

/// At most this many files in one upload.
const MAX_FILES: usize = 20;

/// At most this many bytes of files in one upload (a province's register as CSV is a few
/// hundred megabytes at most).
pub const MAX_UPLOAD_BYTES: u64 = 512 << 20;

/// A file's name as sent is kept for messages and the audit up to this many characters.
const MAX_NAME_CHARS: usize = 255;

pub struct Upload {
    dir: TempDir,
    /// Each file where it is stored, named as it was sent, in upload order.
    pub files: Vec<InputFile>,
    /// Bytes received so far.
    bytes: u64,
}

impl Upload {
    pub fn new() -> Result<Upload, WebError> {
        let dir = tempfile::Builder::new().prefix("thads-upload-").tempdir().map_err(WebError::internal)?;
        Ok(Upload { dir, files: Vec::new(), bytes: 0 })
    }

    /// Streams one file field to disk. Each file has a directory of its own, so that two files
    /// of the same name (from two folders) are both kept. An upload over `MAX_UPLOAD_BYTES` is
    /// refused (and removed with the directory).
    pub async fn add(&mut self, uploaded_name: &str, mut field: Field<'_>) -> Result<(), WebError> {
        if self.files.len() >= MAX_FILES {
            return Err(WebError::BadRequest(format!(
                "tối đa {MAX_FILES} tệp mỗi lần / at most {MAX_FILES} files at once"
            )));
        }
        let name = safe_name(uploaded_name);
        let folder = self.dir.path().join(self.files.len().to_string());
        std::fs::create_dir(&folder).map_err(WebError::internal)?;
        let path = folder.join(&name);
        let mut file = std::fs::File::create(&path).map_err(WebError::internal)?;
        while let Some(chunk) = field.chunk().await.map_err(|e| WebError::BadRequest(e.body_text()))? {
            self.bytes += chunk.len() as u64;
            if self.bytes > MAX_UPLOAD_BYTES {
                return Err(too_large());
            }
            file.write_all(&chunk).map_err(WebError::internal)?;
        }
        file.sync_all().map_err(WebError::internal)?;
        self.files.push(InputFile::named(path, sent_name(uploaded_name)));
        Ok(())
    }
}

fn too_large() -> WebError {
    let mib = MAX_UPLOAD_BYTES >> 20;
    WebError::BadRequest(format!(
        "tệp tải lên quá lớn: tối đa {mib} MiB mỗi lần; hãy chia tệp hoặc nhập bằng lệnh thads import /          the upload is too large: at most {mib} MiB at once; split the files or use the thads import command"
    ))
}

/// The name a file was sent with, as messages and the audit show it: without control
/// characters, at most `MAX_NAME_CHARS` characters.
pub fn sent_name(uploaded: &str) -> String {
    uploaded.chars().filter(|c| !c.is_control()).take(MAX_NAME_CHARS).collect::<String>().trim().to_string()
}

/// The last component of a browser's file name, kept to letters, digits and `. _ - space`.
pub fn safe_name(uploaded: &str) -> String {
    let last = uploaded.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | ' ') { c } else { '_' })
        .take(100)
        .collect();
    let clean = clean.trim_start_matches('.').trim().to_string();
    if clean.is_empty() { "tep".into() } else { clean }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside_the_directory() {
        assert_eq!(safe_name("cases.csv"), "cases.csv");
        assert_eq!(safe_name("C:\\Users\\an\\2024_cases.csv"), "2024_cases.csv");
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name(".."), "tep");
        assert_eq!(safe_name("sổ thụ lý/events.csv"), "events.csv");
        assert_eq!(safe_name("a;b$.xlsx"), "a_b_.xlsx");
    }

    #[test]
    fn sent_names_are_kept_as_sent_without_control_characters() {
        assert_eq!(sent_name("sổ thụ lý/2024 cases;.csv"), "sổ thụ lý/2024 cases;.csv");
        assert_eq!(sent_name("cases\u{7}\u{1b}[31m.csv"), "cases[31m.csv");
        assert_eq!(sent_name(&"a".repeat(1000)).len(), MAX_NAME_CHARS);
    }
}
