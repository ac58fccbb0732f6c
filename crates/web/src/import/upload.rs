//! Register files uploaded through the import page, streamed to a private temporary directory
//! (removed with the upload) under their own names: the import recognises a CSV file's kind
//! by its name (`cases.csv`, `2024_cases.csv`).

use std::io::Write;
use std::path::PathBuf;

use axum::extract::multipart::Field;
use tempfile::TempDir;

use crate::error::WebError;

/// At most this many files in one upload.
const MAX_FILES: usize = 20;

pub struct Upload {
    dir: TempDir,
    /// `(name as uploaded, where it is stored)`, in upload order.
    pub files: Vec<(String, PathBuf)>,
}

impl Upload {
    pub fn new() -> Result<Upload, WebError> {
        let dir = tempfile::Builder::new().prefix("thads-upload-").tempdir().map_err(WebError::internal)?;
        Ok(Upload { dir, files: Vec::new() })
    }

    /// Streams one file field to disk. Each file has a directory of its own, so that two files
    /// of the same name (from two folders) are both kept.
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
            file.write_all(&chunk).map_err(WebError::internal)?;
        }
        file.sync_all().map_err(WebError::internal)?;
        self.files.push((name, path));
        Ok(())
    }

    pub fn paths(&self) -> Vec<PathBuf> {
        self.files.iter().map(|(_, p)| p.clone()).collect()
    }

    /// How a path (with `[sheet]`) the import reports is shown: as the file was named.
    pub fn display(&self, reported: &str) -> String {
        for (name, path) in &self.files {
            if let Some(rest) = reported.strip_prefix(&path.display().to_string()) {
                return format!("{name}{rest}");
            }
        }
        reported.to_string()
    }
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
}
