//! Cases 15-17: `publish git` takes nothing from a flag as a git option, checks branch names
//! as git does, never replaces the sources' branch unless forced, and names a dirty source.

use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const GIT_ENV: [(&str, &str); 7] = [
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_AUTHOR_NAME", "Hardening Test"),
    ("GIT_AUTHOR_EMAIL", "test@example.invalid"),
    ("GIT_COMMITTER_NAME", "Hardening Test"),
    ("GIT_COMMITTER_EMAIL", "test@example.invalid"),
    ("GIT_TERMINAL_PROMPT", "0"),
];

fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .envs(GIT_ENV)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// A repository on `main` holding the basic site at its top, and a bare remote as origin.
struct Repo {
    site: Site,
    _remote_dir: tempfile::TempDir,
    remote: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let site = Site::basic();
        let remote_dir = tempfile::tempdir().unwrap();
        let remote = remote_dir.path().join("remote.git");
        git(
            remote_dir.path(),
            &["init", "-q", "--bare", "-b", "main", "remote.git"],
        );
        git(site.path(), &["init", "-q", "-b", "main"]);
        git(site.path(), &["add", "-A"]);
        git(site.path(), &["commit", "-q", "-m", "site"]);
        git(
            site.path(),
            &["remote", "add", "origin", remote.to_str().unwrap()],
        );
        git(site.path(), &["push", "-q", "origin", "main"]);
        Repo {
            site,
            _remote_dir: remote_dir,
            remote,
        }
    }

    fn publish(&self, extra: &[&str]) -> Out {
        let mut args = vec!["publish", "git", "--as-of", AS_OF];
        args.extend_from_slice(extra);
        let env: Vec<(&str, &str)> = GIT_ENV.to_vec();
        run_env(&args, self.site.path(), &env)
    }

    fn remote_ref(&self, name: &str) -> Option<String> {
        let o = Command::new("git")
            .arg("-C")
            .arg(&self.remote)
            .args(["rev-parse", "--verify", "-q", name])
            .output()
            .unwrap();
        o.status
            .success()
            .then(|| String::from_utf8_lossy(&o.stdout).trim().to_string())
    }
}

/// Case 15: A `--remote` that looks like an option never reaches git as one.
#[test]
fn remote_is_never_an_option() {
    let repo = Repo::new();
    let marker = repo.site.path().join("PWNED");
    let cmd = format!("--upload-pack=touch {}", marker.display());
    let o = repo.publish(&["--remote", &cmd]);
    assert_eq!(o.code(), 2, "{}", o.stderr);
    assert!(!marker.exists(), "git ran the injected command");
    let o = repo.publish(&["--remote=--upload-pack=touch PWNED"]);
    assert_eq!(o.code(), 2, "{}", o.stderr);
    assert!(!repo.site.path().join("PWNED").exists());
}

/// Case 16: Branch names are checked as git does, and the sources' branch is not replaced
/// unless `--force`.
#[test]
fn branches_are_checked_and_the_sources_branch_is_kept() {
    let repo = Repo::new();
    for bad in ["HEAD", "refs/heads/x", "-x", "a..b"] {
        let o = repo.publish(&["--branch", bad]);
        assert_eq!(o.code(), 2, "--branch {bad}: {}", o.stderr);
    }
    assert_eq!(repo.remote_ref("refs/heads/HEAD"), None);
    assert_eq!(repo.remote_ref("refs/heads/refs/heads/x"), None);
    let main = repo.remote_ref("refs/heads/main").unwrap();
    let o = repo.publish(&["--branch", "main"]);
    assert_eq!(o.code(), 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("refusing to publish onto `main`"),
        "{}",
        o.stderr
    );
    assert_eq!(
        repo.remote_ref("refs/heads/main").as_deref(),
        Some(main.as_str())
    );
    // Another branch that holds the sources (its tree has the site's site.yaml) is kept too.
    git(
        repo.site.path(),
        &["push", "-q", "origin", "main:sources-copy"],
    );
    let o = repo.publish(&["--branch", "sources-copy"]);
    assert_eq!(o.code(), 1, "{}", o.stderr);
    // gh-pages is fine, and --force overrides.
    assert_eq!(repo.publish(&[]).code(), 0);
    let o = repo.publish(&["--branch", "main", "--force"]);
    assert_eq!(o.code(), 0, "{}", o.stderr);
    assert_ne!(
        repo.remote_ref("refs/heads/main").as_deref(),
        Some(main.as_str())
    );
}

/// Case 17: Uncommitted edits are published as such: the message says `+dirty`, with a warning.
#[test]
fn a_dirty_source_is_named() {
    let repo = Repo::new();
    let head = git(repo.site.path(), &["rev-parse", "--short", "HEAD"]);
    let o = repo.publish(&[]);
    assert_eq!(o.code(), 0, "{}", o.stderr);
    let msg = git(&repo.remote, &["log", "-1", "--format=%s", "gh-pages"]);
    assert!(msg.ends_with(&format!("(source: {head})")), "{msg}");
    std::fs::write(
        repo.site.path().join("content/policy.md"),
        "---\ntitle: Maintenance policy\n---\nEdited, not committed.\n",
    )
    .unwrap();
    let o = repo.publish(&[]);
    assert_eq!(o.code(), 0, "{}", o.stderr);
    assert!(o.stderr.contains("uncommitted changes"), "{}", o.stderr);
    let msg = git(&repo.remote, &["log", "-1", "--format=%s", "gh-pages"]);
    assert!(msg.ends_with(&format!("(source: {head}+dirty)")), "{msg}");
}
