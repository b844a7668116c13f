//! Checking edits before they are made: the site's data and templates copied into a scratch
//! directory, the edited files written there, and the whole pipeline run on the copy.
//! `announce` and `import` write nothing unless this passes.

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::pipeline;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The errors the site at `site_dir` has with `files` (paths relative to it) replaced or
/// added. Missing-file errors of the copy itself (`E001`) are not the edit's.
pub fn errors_with(
    site_dir: &Path,
    files: &[(PathBuf, String)],
    as_of: NaiveDate,
) -> Result<Vec<Diagnostic>, String> {
    let scratch =
        tempfile::tempdir().map_err(|e| format!("cannot create a scratch directory: {e}"))?;
    let copy = |rel: &Path| -> std::io::Result<()> {
        let from = site_dir.join(rel);
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.map_err(std::io::Error::other)?;
            let below = entry.path().strip_prefix(&from).unwrap_or(entry.path());
            let target = if below.as_os_str().is_empty() {
                scratch.path().join(rel)
            } else {
                scratch.path().join(rel).join(below)
            };
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target)?;
            } else if entry.file_type().is_file() {
                std::fs::copy(entry.path(), &target)?;
            }
        }
        Ok(())
    };
    let mut parts = vec![Path::new(crate::load::SITE_FILE)];
    for dir in ["content", "templates", "static"] {
        if site_dir.join(dir).is_dir() {
            parts.push(Path::new(dir));
        }
    }
    parts
        .into_iter()
        .try_for_each(copy)
        .map_err(|e| format!("cannot copy the site: {e}"))?;
    for (rel, text) in files {
        let path = scratch.path().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, text).map_err(|e| e.to_string())?;
    }
    Ok(errors(scratch.path(), as_of))
}

/// The errors of the site at `root` as `build` would find them, render included (links
/// in new text are checked too).
pub fn errors(root: &Path, as_of: NaiveDate) -> Vec<Diagnostic> {
    let opts = pipeline::BuildOptions {
        as_of: Some(as_of),
        base_url: None,
        strict: false,
        exiting: false,
    };
    pipeline::run(root, &opts, as_of)
        .diagnostics
        .into_sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error && d.code != Code::Io)
        .collect()
}
