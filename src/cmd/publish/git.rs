//! `publish git`: commit the rendered site as the whole tree of a branch (GitHub Pages'
//! `gh-pages`) and push it, with git plumbing only: a temporary index, blobs hashed from a
//! temporary directory, `commit-tree`, `push`. The user's working tree, index and current
//! branch are never touched. What to do is decided in `git_plan.rs`; this runs git.

use super::git_plan::{self, Decision, Source};
use chrono::NaiveDate;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Options<'a> {
    pub site_dir: &'a Path,
    pub remote: &'a str,
    pub branch: &'a str,
    pub cname: Option<&'a str>,
    pub message: Option<&'a str>,
    pub as_of: NaiveDate,
    pub dry_run: bool,
    /// Publish even onto the branch that holds the site's sources.
    pub force: bool,
}

/// A failed git invocation: what ran and what git said.
#[derive(Debug)]
struct GitError {
    what: String,
    code: Option<i32>,
    stderr: String,
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let said = self.stderr.trim();
        match (said.is_empty(), self.code) {
            (true, Some(c)) => write!(f, "`{}` failed with exit code {c}", self.what),
            (true, None) => write!(f, "`{}` was killed", self.what),
            (false, _) => write!(f, "`{}` failed: {said}", self.what),
        }
    }
}

/// Runs `git` in one repository with a fixed environment.
struct Git {
    dir: PathBuf,
    env: Vec<(&'static str, OsString)>,
}

/// Variables that would point git at another repository, index or object store than the
/// one we chose (set, for example, when `lifecycle` runs from a git hook).
const REPO_ENV: [&str; 6] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
];

fn git_command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    for var in REPO_ENV {
        cmd.env_remove(var);
    }
    cmd.arg("-C").arg(dir);
    cmd
}

/// Run `cmd`, feeding `input`; stdout on success.
fn output(mut cmd: Command, input: Option<&[u8]>) -> Result<Vec<u8>, GitError> {
    let what = std::iter::once("git".to_string())
        .chain(
            cmd.get_args()
                .skip(2) // -C DIR
                .map(|a| a.to_string_lossy().into_owned()),
        )
        .collect::<Vec<_>>()
        .join(" ");
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let fail = |stderr: String, code| GitError {
        what: what.clone(),
        code,
        stderr,
    };
    let mut child = cmd
        .spawn()
        .map_err(|e| fail(format!("cannot run git: {e}"), None))?;
    // Feed stdin from another thread: git may fill its stdout pipe before reading all input.
    let writer = input.map(|bytes| {
        let mut stdin = child.stdin.take().expect("piped stdin");
        let bytes = bytes.to_vec();
        std::thread::spawn(move || stdin.write_all(&bytes))
    });
    let out = child
        .wait_with_output()
        .map_err(|e| fail(format!("cannot run git: {e}"), None))?;
    if let Some(w) = writer {
        let _ = w.join();
    }
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(fail(
            String::from_utf8_lossy(&out.stderr).into_owned(),
            out.status.code(),
        ))
    }
}

impl Git {
    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = git_command(&self.dir);
        cmd.args(args);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    fn run(&self, args: &[&str], input: Option<&[u8]>) -> Result<String, GitError> {
        let out = output(self.cmd(args), input)?;
        Ok(String::from_utf8_lossy(&out).trim_end().to_string())
    }

    fn with_env(&self, k: &'static str, v: impl Into<OsString>) -> Git {
        let mut env = self.env.clone();
        env.push((k, v.into()));
        Git {
            dir: self.dir.clone(),
            env,
        }
    }
}

/// The repository that holds the site: its top level and what the publish needs to know of
/// it, or `None` when the site is in no repository.
fn source_repo(site_dir: &Path) -> Result<Option<(PathBuf, Source)>, GitError> {
    let mut cmd = git_command(site_dir);
    cmd.args(["rev-parse", "--show-toplevel"]);
    match output(cmd, None) {
        Ok(top) => {
            let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end());
            let git = Git {
                dir: top.clone(),
                env: Vec::new(),
            };
            // An unborn branch (a repository without commits) has no HEAD to name.
            let head = git
                .run(&["rev-parse", "--short", "--verify", "-q", "HEAD"], None)
                .ok();
            let branch = git
                .run(&["symbolic-ref", "--short", "-q", "HEAD"], None)
                .ok()
                .filter(|b| !b.is_empty());
            let site = std::path::absolute(site_dir).unwrap_or_else(|_| site_dir.to_path_buf());
            let mut status = git.cmd(&["status", "--porcelain", "-z", "--"]);
            status.arg(&site);
            let dirty = !output(status, None)?.is_empty();
            Ok(Some((
                top,
                Source {
                    head,
                    branch,
                    dirty,
                },
            )))
        }
        // Only "no repository here" means none; anything else (a repository git refuses
        // to use, say for dubious ownership) is an error to show.
        Err(e) if e.stderr.contains("not a git repository") => Ok(None),
        Err(e) => Err(e),
    }
}

/// A URL or path safe to print: a token in `https://user:TOKEN@host/...` is masked.
fn display_remote(remote: &str) -> String {
    match url::Url::parse(remote) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => remote.to_string(),
    }
}

/// A remote given as a relative path means relative to where the user is, not to the
/// repository git runs in.
fn resolve_remote(remote: &str) -> String {
    let p = Path::new(remote);
    if !remote.contains("://")
        && p.is_relative()
        && p.exists()
        && let Ok(abs) = std::path::absolute(p)
    {
        return abs.to_string_lossy().into_owned();
    }
    remote.to_string()
}

/// Added, modified and removed paths between two trees (`None`: a new branch).
struct Changes {
    added: Vec<String>,
    modified: Vec<String>,
    removed: Vec<String>,
}

fn changes(git: &Git, old_tree: Option<&str>, new_tree: &str) -> Result<Changes, GitError> {
    let mut c = Changes {
        added: Vec::new(),
        modified: Vec::new(),
        removed: Vec::new(),
    };
    let listing = match old_tree {
        Some(old) => git.run(
            &[
                "diff-tree",
                "-r",
                "-z",
                "--no-renames",
                "--name-status",
                old,
                new_tree,
            ],
            None,
        )?,
        None => {
            let names = git.run(&["ls-tree", "-r", "-z", "--name-only", new_tree], None)?;
            names
                .split('\0')
                .filter(|n| !n.is_empty())
                .map(|n| format!("A\0{n}"))
                .collect::<Vec<_>>()
                .join("\0")
        }
    };
    let mut fields = listing.split('\0').filter(|f| !f.is_empty());
    while let (Some(status), Some(path)) = (fields.next(), fields.next()) {
        let list = match status {
            "A" => &mut c.added,
            "D" => &mut c.removed,
            _ => &mut c.modified,
        };
        list.push(path.to_string());
    }
    Ok(c)
}

/// Publish `files` (site path -> bytes). Returns the exit code.
pub fn publish(
    files: &crate::render::Files,
    opts: &Options,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    match publish_inner(files, opts, err) {
        Ok(code) => Ok(code),
        Err(Failure::Io(e)) => Err(e),
        Err(Failure::Git(e, hint)) => {
            writeln!(err, "error: {e}")?;
            if let Some(hint) = hint {
                writeln!(err, "{hint}")?;
            }
            Ok(1)
        }
    }
}

enum Failure {
    Io(std::io::Error),
    Git(GitError, Option<String>),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Io(e)
    }
}

impl From<GitError> for Failure {
    fn from(e: GitError) -> Self {
        Failure::Git(e, None)
    }
}

fn hint(e: GitError, hint: impl Into<String>) -> Failure {
    Failure::Git(e, Some(hint.into()))
}

fn publish_inner(
    files: &crate::render::Files,
    opts: &Options,
    err: &mut dyn Write,
) -> Result<i32, Failure> {
    let scratch = tempfile::Builder::new()
        .prefix("lifecycle-publish-")
        .tempdir()?;
    let remote = resolve_remote(opts.remote);
    let shown = display_remote(opts.remote);
    let branch_ref = format!("refs/heads/{}", opts.branch);

    // The repository to commit in: the site's own, else a scratch one (there is then no
    // history to protect, and nothing but a URL can name the remote).
    let (mut git, source, site_in_repo) = match source_repo(opts.site_dir)? {
        Some((top, source)) => {
            // Where the site's own site.yaml sits in the repository's trees.
            let site = std::path::absolute(opts.site_dir).unwrap_or_default();
            let rel = site
                .strip_prefix(&top)
                .ok()
                .map(|r| r.join("site.yaml").to_string_lossy().replace('\\', "/"));
            (
                Git {
                    dir: top,
                    env: Vec::new(),
                },
                source,
                rel,
            )
        }
        None => {
            let bare = scratch.path().join("repo.git");
            let mut cmd = git_command(scratch.path());
            cmd.args(["init", "--quiet", "--bare"]).arg(&bare);
            output(cmd, None)?;
            (
                Git {
                    dir: bare,
                    env: Vec::new(),
                },
                Source::default(),
                None,
            )
        }
    };
    if source.dirty {
        writeln!(
            err,
            "warning: {} has uncommitted changes: publishing them, as source {}",
            opts.site_dir.display(),
            source.describe()
        )?;
    }
    if opts.dry_run {
        // A dry run writes its objects into a scratch store that borrows the real one:
        // the repository ends exactly as it was.
        let real = git.run(
            &[
                "rev-parse",
                "--path-format=absolute",
                "--git-path",
                "objects",
            ],
            None,
        )?;
        let objects = scratch.path().join("objects");
        std::fs::create_dir_all(&objects)?;
        git = git
            .with_env("GIT_OBJECT_DIRECTORY", &objects)
            .with_env("GIT_ALTERNATE_OBJECT_DIRECTORIES", real);
    }

    // Where the branch is now on the remote.
    let tip = match git.run(
        &["ls-remote", "--exit-code", "--", &remote, &branch_ref],
        None,
    ) {
        Ok(out) => out
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .find(|(_, r)| *r == branch_ref)
            .map(|(sha, _)| sha.to_string()),
        Err(e) if e.code == Some(2) => None,
        Err(e) => {
            let h = if site_in_repo.is_none() && !remote.contains(['/', ':']) {
                format!(
                    "hint: {} is in no git repository, so `{shown}` names no remote: pass --remote URL",
                    opts.site_dir.display()
                )
            } else {
                format!("hint: check that `{shown}` is a remote name or URL you can reach")
            };
            return Err(hint(e, h));
        }
    };
    // Fetch it (unless we have it), so that the new commit is a fast-forward of it.
    if let Some(tip) = &tip {
        let have = git.run(&["cat-file", "-e", &format!("{tip}^{{commit}}")], None);
        if have.is_err() {
            let mut args = vec!["fetch", "--quiet", "--no-tags"];
            if opts.dry_run {
                // No FETCH_HEAD, no remote-tracking ref: those would point into the
                // scratch object store, which is deleted at the end.
                args.extend(["--no-write-fetch-head", "--refmap="]);
            }
            args.extend(["--", remote.as_str(), branch_ref.as_str()]);
            git.run(&args, None)?;
            git.run(&["cat-file", "-e", &format!("{tip}^{{commit}}")], None)
                .map_err(|e| {
                    hint(
                        e,
                        format!("hint: {} moved while fetching it; run again", opts.branch),
                    )
                })?;
        }
    }

    // Does the branch hold the site's sources (its site.yaml)? Then it is not ours to replace.
    let tip_holds_sources = match (&tip, &site_in_repo) {
        (Some(tip), Some(rel)) => git
            .run(&["cat-file", "-e", &format!("{tip}:{rel}")], None)
            .is_ok(),
        _ => false,
    };
    if let Err(msg) = git_plan::check_target(opts.branch, &source, tip_holds_sources, opts.force) {
        writeln!(err, "error: {msg}")?;
        writeln!(err, "nothing was published")?;
        return Ok(1);
    }

    // The tree, written to a scratch directory and hashed without any of the repository's
    // filters (autocrlf, LFS, ident), so the branch holds the exact bytes.
    let cname_line = opts.cname.map(|c| format!("{c}\n"));
    let tree_files = git_plan::tree_files(files, cname_line.as_deref());
    let root = scratch.path().join("tree");
    let mut stdin_paths = String::new();
    for (path, bytes) in &tree_files {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().expect("a file has a parent"))?;
        std::fs::write(&file, bytes)?;
        stdin_paths.push_str(&file.to_string_lossy());
        stdin_paths.push('\n');
    }
    let blobs = git.run(
        &["hash-object", "-w", "--no-filters", "--stdin-paths"],
        Some(stdin_paths.as_bytes()),
    )?;
    let mut index_info = Vec::new();
    for (path, sha) in tree_files.keys().zip(blobs.lines()) {
        index_info.extend_from_slice(format!("100644 {sha}\t{path}\0").as_bytes());
    }
    let index = git.with_env("GIT_INDEX_FILE", scratch.path().join("index"));
    index.run(
        &["update-index", "-z", "--add", "--index-info"],
        Some(&index_info),
    )?;
    let tree = index.run(&["write-tree"], None)?;

    let old_tree = match &tip {
        Some(tip) => Some(git.run(&["rev-parse", &format!("{tip}^{{tree}}")], None)?),
        None => None,
    };
    let short = |sha: &str| sha.chars().take(12).collect::<String>();
    let Decision::Commit { parent } = git_plan::decide(tip.as_deref(), old_tree.as_deref(), &tree)
    else {
        writeln!(
            err,
            "{} on {shown} already holds this site (tree {}): no new commit{}",
            opts.branch,
            short(&tree),
            if opts.dry_run { " (dry run)" } else { "" }
        )?;
        return Ok(0);
    };
    let changes = changes(&git, old_tree.as_deref(), &tree)?;
    let counts = format!(
        "added {}, modified {}, removed {}",
        changes.added.len(),
        changes.modified.len(),
        changes.removed.len()
    );
    let message = git_plan::message(opts.message, opts.as_of, &source);

    if opts.dry_run {
        for (mark, list) in [
            ("A", &changes.added),
            ("M", &changes.modified),
            ("D", &changes.removed),
        ] {
            for path in list {
                writeln!(err, "  {mark} {path}")?;
            }
        }
        writeln!(
            err,
            "dry run: would commit {} files to {} on {shown} ({}; {counts}) with message \"{message}\"; nothing was changed",
            tree_files.len(),
            opts.branch,
            match &parent {
                Some(t) => format!("on top of {}", short(t)),
                None => "a new branch".to_string(),
            },
        )?;
        return Ok(0);
    }

    let mut commit_args = vec!["commit-tree", tree.as_str()];
    if let Some(parent) = &parent {
        commit_args.extend(["-p", parent.as_str()]);
    }
    commit_args.extend(["-F", "-"]);
    let commit = git
        .run(&commit_args, Some(format!("{message}\n").as_bytes()))
        .map_err(|e| {
            hint(
                e,
                "hint: git needs an identity for the commit: set user.name and user.email (git config), or GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL and GIT_COMMITTER_NAME/GIT_COMMITTER_EMAIL",
            )
        })?;
    git.run(
        &[
            "push",
            "--quiet",
            "--",
            &remote,
            &format!("{commit}:{branch_ref}"),
        ],
        None,
    )
    .map_err(|e| {
        hint(
            e,
            format!(
                "publish failed: commit {} was made but not pushed to {shown}; if {} moved meanwhile, run publish again",
                short(&commit),
                opts.branch
            ),
        )
    })?;
    writeln!(
        err,
        "published {} files to {} on {shown}: commit {} ({counts}): {message}",
        tree_files.len(),
        opts.branch,
        short(&commit)
    )?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_in_remote_urls_are_masked() {
        assert_eq!(
            display_remote("https://x-access-token:s3cr3t@github.com/o/r.git"),
            "https://x-access-token:***@github.com/o/r.git"
        );
        assert_eq!(display_remote("origin"), "origin");
    }
}
