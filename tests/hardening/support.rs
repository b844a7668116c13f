//! A temporary copy of a fixture site, text edits on it, and the binary run on it.

use crate::common::copy_dir;
use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub const AS_OF: &str = "2025-06-01";

pub struct Site {
    pub dir: TempDir,
}

/// What a run of the binary did.
pub struct Out {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// The exit code, after checking that nothing panicked.
    pub fn code(&self) -> i32 {
        assert!(
            !self.stderr.contains("panicked"),
            "the binary panicked:\n{}",
            self.stderr
        );
        self.code.expect("an exit code, not a signal")
    }

    /// The `check --format json` diagnostics.
    pub fn diagnostics(&self) -> Vec<serde_json::Value> {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }

    /// The one diagnostic with `code`, which must name a file, and a line and column
    /// unless `positioned` is false.
    pub fn diagnostic(&self, code: &str, positioned: bool) -> serde_json::Value {
        let all = self.diagnostics();
        let found: Vec<_> = all.iter().filter(|d| d["code"] == code).collect();
        assert!(!found.is_empty(), "no {code} in {all:#?}");
        let d = found[0].clone();
        assert!(d["file"].is_string(), "{code} names no file: {d}");
        if positioned {
            assert!(
                d["line"].is_number() && d["column"].is_number(),
                "{code} has no position: {d}"
            );
        }
        d
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

impl Site {
    /// A fresh copy of `tests/fixtures/<name>` (e.g. `communications/basic`).
    pub fn copy(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture(name), dir.path());
        Site { dir }
    }

    pub fn basic() -> Site {
        Site::copy("communications/basic")
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    }

    /// Replace the first `old` in `file` with `new` (`old` must be there).
    pub fn edit(self, file: &str, old: &str, new: &str) -> Site {
        let text = self.read(file);
        assert!(text.contains(old), "{file} has no `{old}`:\n{text}");
        std::fs::write(self.path().join(file), text.replacen(old, new, 1)).unwrap();
        self
    }

    pub fn write(self, file: &str, text: &str) -> Site {
        let p = self.path().join(file);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// `lifecycle <args> --site <this>`.
    pub fn run(&self, args: &[&str]) -> Out {
        run_env(args, self.path(), &[])
    }

    /// `check --format json` as of AS_OF.
    pub fn check(&self) -> Out {
        self.run(&["check", "--format", "json", "--as-of", AS_OF])
    }
}

pub fn run_env(args: &[&str], site: &Path, env: &[(&str, &str)]) -> Out {
    let mut cmd = Command::cargo_bin("lifecycle").expect("the binary");
    cmd.args(args).arg("--site").arg(site);
    cmd.env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().expect("run lifecycle");
    Out {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Every file below `dir` (relative path -> bytes).
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}
