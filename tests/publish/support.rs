//! The harness: copies of the default site, the real binary with a clean environment,
//! `build` output read back from disk, and the external tools' paths.

pub use crate::common::{copy_default_site, free_port, tool};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Every publish and build in these tests runs as of this date.
pub const AS_OF: &str = "2026-11-25";

/// Replace the one occurrence of `old` in `file` with `new`.
pub fn edit(file: &Path, old: &str, new: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert_eq!(
        text.matches(old).count(),
        1,
        "{} must contain `{old}` exactly once",
        file.display()
    );
    std::fs::write(file, text.replacen(old, new, 1)).unwrap();
}

/// Append a paragraph to a Markdown file.
pub fn append(file: &Path, paragraph: &str) {
    let mut text = std::fs::read_to_string(file).unwrap();
    text.push_str(&format!("\n{paragraph}\n"));
    std::fs::write(file, text).unwrap();
}

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stderr: String,
    pub elapsed: std::time::Duration,
}

/// The binary with an environment that nothing on the machine leaks into: no
/// SOURCE_DATE_EPOCH, no AWS settings but the ones given, no global or system git config,
/// a git identity (CI has none).
pub fn lifecycle() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lifecycle"));
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy();
        if k.starts_with("AWS_") || k.starts_with("GIT_") || k == "SOURCE_DATE_EPOCH" {
            cmd.env_remove(&*k);
        }
    }
    cmd.envs(git_env());
    cmd
}

/// The git environment of every git the tests (and the binary) run.
pub fn git_env() -> Vec<(&'static str, &'static str)> {
    vec![
        ("GIT_CONFIG_NOSYSTEM", "1"),
        ("GIT_CONFIG_GLOBAL", "/dev/null"),
        ("GIT_AUTHOR_NAME", "Publish Test"),
        ("GIT_AUTHOR_EMAIL", "publish@example.invalid"),
        ("GIT_COMMITTER_NAME", "Publish Test"),
        ("GIT_COMMITTER_EMAIL", "publish@example.invalid"),
        ("GIT_TERMINAL_PROMPT", "0"),
    ]
}

/// Run `cmd`, capturing stderr (where publish reports).
pub fn run(mut cmd: Command) -> Out {
    let start = std::time::Instant::now();
    let out = cmd.output().expect("run lifecycle");
    Out {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed: start.elapsed(),
    }
}

/// `lifecycle build --as-of AS_OF` of `site` into `out`, read back: path -> bytes.
pub fn build(site: &Path, out: &Path, extra: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut cmd = lifecycle();
    cmd.arg("build")
        .arg("--site")
        .arg(site)
        .arg("--out")
        .arg(out)
        .args(["--as-of", AS_OF])
        .args(extra);
    let o = run(cmd);
    assert_eq!(o.code, 0, "build failed:\n{}", o.stderr);
    read_tree(out)
}

/// Every file under `dir` (skipping `.git`), by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                if entry.file_name() != ".git" {
                    stack.push(path);
                }
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy();
                files.insert(rel.replace('\\', "/"), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// Paths whose bytes differ between two builds, or that only one of them has.
pub fn changed(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut paths: Vec<String> = a
        .iter()
        .filter(|(p, bytes)| b.get(*p).is_some_and(|other| other != *bytes))
        .map(|(p, _)| p.clone())
        .chain(b.keys().filter(|p| !a.contains_key(*p)).cloned())
        .collect();
    paths.sort();
    paths
}
