//! Which files and sheets a command names, what kind each is, and the order they are imported
//! in: units → cases → events → targets, whatever the order on the command line.

use std::path::{Path, PathBuf};

use super::kind::Kind;
use super::problem::Problem;
use super::sheet;

/// A file to import: where it is read from, and the name messages, the import's record and
/// its audit give it (an uploaded file's name as it was sent, never where the server keeps it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    pub name: String,
}

impl InputFile {
    /// A file named by its path, as given on the command line.
    pub fn at(path: impl Into<PathBuf>) -> InputFile {
        let path = path.into();
        InputFile { name: path.display().to_string(), path }
    }

    /// A file kept at `path` under the name `name` it was sent with.
    pub fn named(path: impl Into<PathBuf>, name: impl Into<String>) -> InputFile {
        InputFile { path: path.into(), name: name.into() }
    }
}

/// One table to import: a CSV file, or one sheet of a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    /// How messages name it: the file's name, with `[sheet]` for a workbook sheet.
    pub name: String,
    pub kind: Kind,
    /// The sheet's name as written in the workbook; `None` for CSV.
    pub sheet: Option<String>,
    /// The SHA-256 of the whole workbook, for the audit; `None` for CSV (whose table hash is
    /// the file's).
    pub workbook_sha256: Option<String>,
}

/// The sources of `files` in import order, or every file that cannot be imported and why.
pub fn plan(files: &[InputFile]) -> Result<Vec<Source>, Vec<(String, Problem)>> {
    let mut sources = Vec::new();
    let mut refused = Vec::new();
    for file in files {
        match sources_of(&file.path, &file.name) {
            Ok(found) => sources.extend(found),
            Err(problem) => refused.push((file.name.clone(), problem)),
        }
    }
    if !refused.is_empty() {
        return Err(refused);
    }
    // Stable: files of one kind keep their command-line order.
    sources.sort_by_key(|s| s.kind);
    Ok(sources)
}

fn sources_of(path: &Path, name: &str) -> Result<Vec<Source>, Problem> {
    if !path.is_file() {
        return Err(Problem::file("không tìm thấy tệp / no such file"));
    }
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv") => {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let kind = Kind::from_file_stem(stem).ok_or_else(|| Problem::file(UNKNOWN_NAME))?;
            let name = name.to_string();
            Ok(vec![Source { path: path.to_path_buf(), name, kind, sheet: None, workbook_sha256: None }])
        }
        Some("xlsx" | "xlsm") => sheets_of(path, name),
        Some("xls") => Err(Problem::file(
            "định dạng .xls cũ không được hỗ trợ: lưu lại thành .xlsx hoặc CSV UTF-8 / \
             the old .xls format is not supported: save the workbook as .xlsx or CSV UTF-8",
        )),
        _ => Err(Problem::file("chỉ nhập tệp .csv hoặc .xlsx / only .csv and .xlsx files can be imported")),
    }
}

const UNKNOWN_NAME: &str = "không biết tệp chứa gì: tên tệp phải là units.csv, cases.csv, events.csv hoặc \
     targets.csv (có thể thêm tiền tố/hậu tố như 2024_cases.csv) / cannot tell the kind of file from its name: \
     name it units.csv, cases.csv, events.csv or targets.csv (a prefix or suffix word such as 2024_cases.csv is fine)";

fn sheets_of(path: &Path, name: &str) -> Result<Vec<Source>, Problem> {
    let names = sheet::sheet_names(path)?;
    let workbook_sha256 = Some(sheet::file_sha256(path)?);
    let sheets: Vec<Source> = names
        .into_iter()
        .filter_map(|sheet| {
            let kind = Kind::from_sheet(&sheet)?;
            let name = format!("{name}[{sheet}]");
            Some(Source {
                path: path.to_path_buf(),
                name,
                kind,
                sheet: Some(sheet),
                workbook_sha256: workbook_sha256.clone(),
            })
        })
        .collect();
    if sheets.is_empty() {
        return Err(Problem::file(
            "sổ tính không có trang nào tên units, cases, events hoặc targets / \
             the workbook has no sheet named units, cases, events or targets",
        ));
    }
    Ok(sheets)
}
