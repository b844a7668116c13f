//! The harness: a temporary copy of a fixture site, line edits on it, and `check` through
//! the real binary with its JSON diagnostics parsed.

use crate::common::copy_dir;
use assert_cmd::Command;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub const AS_OF: &str = "2025-06-01";

/// Where the fixture sites live.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

/// A site in a temporary directory, to edit and check.
pub struct Site {
    dir: TempDir,
}

impl Site {
    /// A fresh copy of `tests/fixtures/check/minimal`.
    pub fn minimal() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture("minimal"), dir.path());
        Site { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path().join(file))
            .unwrap_or_else(|e| panic!("read {file}: {e}"))
    }

    /// Replace the one line of `file` that reads exactly `old` with `new` (which may hold
    /// several lines, or none: `""` deletes the line).
    pub fn replace_line(self, file: &str, old: &str, new: &str) -> Site {
        let text = self.read(file);
        let matches = text.lines().filter(|l| *l == old).count();
        assert_eq!(
            matches, 1,
            "{file} must have exactly one line `{old}`:\n{text}"
        );
        let mut out = String::new();
        for line in text.lines() {
            if line == old {
                if !new.is_empty() {
                    out.push_str(new);
                    out.push('\n');
                }
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        self.write(file, &out)
    }

    /// Delete the one line of `file` that reads exactly `old`.
    pub fn delete_line(self, file: &str, old: &str) -> Site {
        self.replace_line(file, old, "")
    }

    /// Insert `new` after the one line of `file` that reads exactly `after`.
    pub fn insert_after(self, file: &str, after: &str, new: &str) -> Site {
        self.replace_line(file, after, &format!("{after}\n{new}"))
    }

    /// Write (or overwrite) a whole file.
    pub fn write(self, file: &str, text: &str) -> Site {
        let path = self.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {file}: {e}"));
        self
    }

    /// `lifecycle check --site DIR --as-of 2025-06-01 --format json`.
    pub fn check(&self) -> Report {
        self.check_with(&[])
    }

    /// The same, with more arguments (`--strict`).
    pub fn check_with(&self, extra: &[&str]) -> Report {
        check_json(self.path(), AS_OF, extra)
    }
}

/// The binary under test.
pub fn lifecycle() -> Command {
    let mut cmd = Command::cargo_bin("lifecycle").expect("the lifecycle binary");
    // The as-of date must come from the flags alone.
    cmd.env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// Run `check --format json` on `site` and parse what it printed.
pub fn check_json(site: &Path, as_of: &str, extra: &[&str]) -> Report {
    let out = lifecycle()
        .args(["check", "--site"])
        .arg(site)
        .args(["--as-of", as_of, "--format", "json"])
        .args(extra)
        .output()
        .expect("run lifecycle");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let diagnostics = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!("stdout is not the JSON array of diagnostics ({e}):\n{stdout}\nstderr:\n{stderr}")
    });
    Report {
        code: out.status.code(),
        diagnostics,
        stderr,
    }
}

/// One diagnostic as `check --format json` prints it.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Diag {
    pub severity: String,
    pub code: String,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

/// What a check run gave back.
pub struct Report {
    pub code: Option<i32>,
    pub diagnostics: Vec<Diag>,
    pub stderr: String,
}

impl Report {
    fn listing(&self) -> String {
        let mut s = String::new();
        for d in &self.diagnostics {
            s.push_str(&format!(
                "  {} {} {}:{}:{} {}\n",
                d.severity,
                d.code,
                d.file.as_deref().unwrap_or("-"),
                d.line.map_or("-".into(), |l| l.to_string()),
                d.column.map_or("-".into(), |c| c.to_string()),
                d.message
            ));
        }
        format!(
            "exit code {:?}, diagnostics:\n{s}stderr:\n{}",
            self.code, self.stderr
        )
    }

    /// The run exited with `code`.
    pub fn exits(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "{}", self.listing());
        self
    }

    /// Exit 0 and not a single diagnostic.
    pub fn is_clean(&self) -> &Self {
        assert!(
            self.diagnostics.is_empty(),
            "expected no diagnostics, got {}",
            self.listing()
        );
        self.exits(0)
    }

    /// Exactly these diagnostics, in the binary's (sorted) order.
    pub fn reports(&self, expected: &[Expect]) -> &Self {
        let ok = self.diagnostics.len() == expected.len()
            && self
                .diagnostics
                .iter()
                .zip(expected)
                .all(|(d, e)| e.matches(d));
        assert!(ok, "expected\n{expected:#?}\ngot {}", self.listing());
        self
    }

    /// Exactly this one diagnostic.
    pub fn reports_only(&self, expected: Expect) -> &Self {
        self.reports(&[expected])
    }
}

/// An expected diagnostic: everything exact but the message, of which only the parts
/// that matter to a user are named.
#[derive(Debug)]
pub struct Expect {
    severity: &'static str,
    code: &'static str,
    file: &'static str,
    position: Option<(u32, u32)>,
    saying: Vec<&'static str>,
}

pub fn error(code: &'static str, file: &'static str, line: u32, column: u32) -> Expect {
    Expect {
        severity: "error",
        code,
        file,
        position: Some((line, column)),
        saying: Vec::new(),
    }
}

pub fn warning(code: &'static str, file: &'static str, line: u32, column: u32) -> Expect {
    Expect {
        severity: "warning",
        code,
        file,
        position: Some((line, column)),
        saying: Vec::new(),
    }
}

/// An error about a whole file (its name), with no line and column.
pub fn file_error(code: &'static str, file: &'static str) -> Expect {
    Expect {
        severity: "error",
        code,
        file,
        position: None,
        saying: Vec::new(),
    }
}

impl Expect {
    /// The message contains `part`.
    pub fn saying(mut self, part: &'static str) -> Expect {
        self.saying.push(part);
        self
    }

    fn matches(&self, d: &Diag) -> bool {
        d.severity == self.severity
            && d.code == self.code
            && d.file.as_deref() == Some(self.file)
            && (d.line, d.column) == (self.position.map(|p| p.0), self.position.map(|p| p.1))
            && self.saying.iter().all(|s| d.message.contains(s))
    }
}
