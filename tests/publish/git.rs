//! `publish git`: against a local bare repository as the remote, with the user's own
//! working tree, index and branch watched for any change.

use crate::support::{
    AS_OF, Out, append, build, copy_default_site, git_env, lifecycle, read_tree, run,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Run git in `dir` with the test environment; stdout, trimmed. Panics on failure.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_try(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} in {} failed: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

fn git_try(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new("git");
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("GIT_") {
            cmd.env_remove(k);
        }
    }
    cmd.arg("-C")
        .arg(dir)
        .args(args)
        .envs(git_env())
        .output()
        .expect("run git")
}

/// A bare remote, and a source repository on `main` holding a committed copy of the
/// default site with `origin` pointing at the remote.
struct Fixture {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    remote: PathBuf,
    repo: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let remote = root.join("remote.git");
        git(&root, &["init", "-q", "--bare", "-b", "main", "remote.git"]);
        let repo = root.join("project");
        copy_default_site(&repo.join("site"));
        std::fs::write(repo.join("README.md"), "The project.\n").unwrap();
        git(&root, &["init", "-q", "-b", "main", "project"]);
        git(&repo, &["add", "-A"]);
        git(&repo, &["commit", "-q", "-m", "Add the site"]);
        git(
            &repo,
            &["remote", "add", "origin", remote.to_str().unwrap()],
        );
        Fixture {
            _tmp: tmp,
            root,
            remote,
            repo,
        }
    }

    fn site(&self) -> PathBuf {
        self.repo.join("site")
    }

    /// The remote's gh-pages commit, or None.
    fn remote_tip(&self, branch: &str) -> Option<String> {
        let out = git_try(&self.remote, &["rev-parse", "--verify", "-q", branch]);
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// A fresh clone of the remote's branch, read back (without .git).
    fn clone_branch(&self, branch: &str, name: &str) -> BTreeMap<String, Vec<u8>> {
        let dest = self.root.join(name);
        git(
            &self.root,
            &[
                "clone",
                "-q",
                "--branch",
                branch,
                "--single-branch",
                self.remote.to_str().unwrap(),
                dest.to_str().unwrap(),
            ],
        );
        read_tree(&dest)
    }
}

fn publish_git(site: &Path, extra: &[&str]) -> Out {
    let mut cmd = lifecycle();
    cmd.args(["publish", "git", "--site"])
        .arg(site)
        .args(["--as-of", AS_OF])
        .args(extra);
    run(cmd)
}

/// Everything about the user's repository that publish must leave alone.
fn user_state(repo: &Path) -> Vec<String> {
    vec![
        git(repo, &["status", "--porcelain=v1", "--untracked-files=all"]),
        git(repo, &["diff", "--cached", "--name-status"]),
        git(repo, &["symbolic-ref", "HEAD"]),
        git(repo, &["rev-parse", "HEAD"]),
        git(repo, &["for-each-ref", "--format=%(refname)", "refs/heads"]),
        std::fs::read_to_string(repo.join("README.md")).unwrap(),
        std::fs::read_to_string(repo.join("notes.txt")).unwrap(),
    ]
}

#[test]
fn publishes_the_build_as_the_whole_branch_and_leaves_the_user_alone() {
    let f = Fixture::new();
    // The user is mid-work: a modified tracked file, a staged new file, an untracked one.
    std::fs::write(f.repo.join("README.md"), "The project, edited.\n").unwrap();
    std::fs::write(f.repo.join("staged.txt"), "staged\n").unwrap();
    git(&f.repo, &["add", "staged.txt"]);
    std::fs::write(f.repo.join("notes.txt"), "untracked\n").unwrap();
    let before = user_state(&f.repo);
    let head = git(&f.repo, &["rev-parse", "--short", "HEAD"]);

    let o = publish_git(&f.site(), &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        user_state(&f.repo),
        before,
        "publish touched the user's repository"
    );

    // The branch holds exactly what build writes, byte for byte.
    let built = build(&f.site(), &f.root.join("public"), &[]);
    assert!(built.contains_key(".nojekyll"));
    let published = f.clone_branch("gh-pages", "clone1");
    assert_eq!(
        published.keys().collect::<Vec<_>>(),
        built.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &built {
        assert!(published[path] == *bytes, "{path} differs from build");
    }
    let tip = f.remote_tip("gh-pages").expect("gh-pages was pushed");
    let message = git(&f.remote, &["log", "-1", "--format=%B", &tip]);
    assert!(
        message.contains(AS_OF) && message.contains(&head),
        "the message must name the as-of date and the source commit {head}: {message}"
    );
    assert_eq!(
        git(&f.remote, &["rev-list", "--count", "gh-pages"]),
        "1",
        "one commit per publish"
    );

    // Unchanged: no new commit, and it says so.
    let o = publish_git(&f.site(), &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("no new commit"), "{}", o.stderr);
    assert_eq!(f.remote_tip("gh-pages").as_deref(), Some(tip.as_str()));

    // --cname adds CNAME, as a fast-forward of the previous publish.
    let o = publish_git(&f.site(), &["--cname", "lifecycle.example.com"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let tip2 = f.remote_tip("gh-pages").unwrap();
    assert_eq!(
        git(&f.remote, &["rev-parse", &format!("{tip2}^")]),
        tip,
        "the new commit must have the previous publish as its parent"
    );
    let published = f.clone_branch("gh-pages", "clone2");
    assert_eq!(published["CNAME"], b"lifecycle.example.com\n");
    let mut with_cname = built.clone();
    with_cname.insert("CNAME".into(), b"lifecycle.example.com\n".to_vec());
    assert_eq!(published, with_cname);
    assert_eq!(
        user_state(&f.repo),
        before,
        "publish touched the user's repository"
    );
}

#[test]
fn a_fresh_clone_fetches_the_branch_and_fast_forwards_it() {
    let f = Fixture::new();
    let o = publish_git(&f.site(), &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let first = f.remote_tip("gh-pages").unwrap();

    // CI's situation: a clone that has never seen gh-pages.
    let ci = f.root.join("ci");
    git(
        &f.root,
        &["clone", "-q", "--no-local", f.repo.to_str().unwrap(), "ci"],
    );
    git(
        &ci,
        &["remote", "set-url", "origin", f.remote.to_str().unwrap()],
    );
    append(
        &ci.join("site/content/policy.md"),
        "A paragraph added in CI.",
    );
    let o = publish_git(&ci.join("site"), &["--message", "Daily publish"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let second = f.remote_tip("gh-pages").unwrap();
    assert_ne!(second, first);
    assert_eq!(git(&f.remote, &["rev-parse", &format!("{second}^")]), first);
    assert_eq!(
        git(&f.remote, &["log", "-1", "--format=%s", &second]),
        "Daily publish"
    );
    let published = f.clone_branch("gh-pages", "check");
    let built = build(&ci.join("site"), &f.root.join("ci-public"), &[]);
    assert_eq!(published, built);
}

#[test]
fn a_dry_run_changes_neither_the_remote_nor_the_repository() {
    let f = Fixture::new();
    let o = publish_git(&f.site(), &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let tip = f.remote_tip("gh-pages").unwrap();

    let ci = f.root.join("ci");
    git(
        &f.root,
        &["clone", "-q", "--no-local", f.repo.to_str().unwrap(), "ci"],
    );
    git(
        &ci,
        &["remote", "set-url", "origin", f.remote.to_str().unwrap()],
    );
    append(&ci.join("site/content/policy.md"), "Not published.");
    let state = |dir: &Path| {
        (
            git(dir, &["for-each-ref"]),
            git(dir, &["count-objects", "-v"]),
            dir.join(".git/FETCH_HEAD").exists(),
            git(dir, &["status", "--porcelain"]),
        )
    };
    let before = state(&ci);
    let o = publish_git(&ci.join("site"), &["--dry-run"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("dry run: would commit")
            && o.stderr.contains("  M policy/index.html")
            && o.stderr.contains("nothing was changed"),
        "{}",
        o.stderr
    );
    assert_eq!(state(&ci), before, "a dry run changed the repository");
    assert_eq!(f.remote_tip("gh-pages"), Some(tip));
}

#[test]
fn outside_a_repository_it_publishes_to_a_url_and_names_no_source() {
    let f = Fixture::new();
    let lone = f.root.join("lone");
    copy_default_site(&lone);
    let mut cmd = lifecycle();
    cmd.args(["publish", "git", "--site"])
        .arg(&lone)
        .args(["--as-of", AS_OF, "--branch", "pages", "--remote"])
        .arg(&f.remote)
        // Stop git's search for a repository at the temporary directory.
        .env("GIT_CEILING_DIRECTORIES", &f.root);
    let o = run(cmd);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let tip = f.remote_tip("pages").unwrap();
    let message = git(&f.remote, &["log", "-1", "--format=%s", &tip]);
    assert!(
        message.contains("none") && message.contains(AS_OF),
        "{message}"
    );

    // Without a repository, `origin` means nothing: a clear error, exit 1.
    let mut cmd = lifecycle();
    cmd.args(["publish", "git", "--site"])
        .arg(&lone)
        .args(["--as-of", AS_OF])
        .env("GIT_CEILING_DIRECTORIES", &f.root);
    let o = run(cmd);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("pass --remote URL"), "{}", o.stderr);
}

#[test]
fn an_unreachable_remote_fails_with_exit_1() {
    let f = Fixture::new();
    let missing = f.root.join("no-such-remote.git");
    let o = publish_git(&f.site(), &["--remote", missing.to_str().unwrap()]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("error: `git ls-remote"), "{}", o.stderr);
}

#[test]
fn a_rejected_push_fails_with_exit_1_and_says_so() {
    let f = Fixture::new();
    let hook = f.remote.join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'pushes are closed' >&2\nexit 1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let o = publish_git(&f.site(), &[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("pushes are closed") && o.stderr.contains("was made but not pushed"),
        "{}",
        o.stderr
    );
    assert_eq!(f.remote_tip("gh-pages"), None);
}
