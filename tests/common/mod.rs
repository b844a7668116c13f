//! Helpers every integration test binary shares: copying sites, finding external tools,
//! picking free ports. Included with `#[path = "../common/mod.rs"] mod common;`.
// Each binary uses some of these, never all of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root: the default site lives there.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Copy the directory tree `from` into `to` (created if missing).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Copy the site files of `from` (site.yaml, content/, templates/, static/) into `to`: the
/// repository root is a site too, but its other files are not part of it.
pub fn copy_site_files(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    std::fs::copy(from.join("site.yaml"), to.join("site.yaml")).unwrap();
    for dir in ["content", "templates", "static"] {
        if from.join(dir).is_dir() {
            copy_dir(&from.join(dir), &to.join(dir));
        }
    }
}

/// Copy the repository's default site into `to`.
pub fn copy_default_site(to: &Path) {
    copy_site_files(repo_root(), to);
}

/// The path of an external tool from its environment variable (set by `.ci/run`). `None`
/// (the test prints SKIP and passes) when it is unset outside CI; with
/// `LIFECYCLE_REQUIRE_TOOLS=1` (CI) a missing tool fails the test.
pub fn tool(test: &str, var: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(v) if !v.is_empty() => Some(PathBuf::from(v)),
        _ if std::env::var("LIFECYCLE_REQUIRE_TOOLS").as_deref() == Ok("1") => {
            panic!("{test}: {var} is not set and LIFECYCLE_REQUIRE_TOOLS=1")
        }
        _ => {
            eprintln!("SKIP {test}: {var} not set");
            None
        }
    }
}

/// Write `text` to `root/rel`, creating its folders: how tests lay out a site.
pub fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A port free on 127.0.0.1 right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A tiny deterministic generator (xorshift): generated cases are the same on every run, so
/// a failure replays.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
