//! What a git publish will do, decided without running git (as `plan.rs` does for S3): the
//! checks on `--branch`, `--remote` and `--cname`, the refusal to overwrite the branch that
//! holds the site's sources, the files of the tree, the commit message, and whether there
//! is anything to commit. `git.rs` runs git and follows these decisions.

use crate::render::urls::Urls;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// `--cname`: a bare host name, as GitHub Pages wants it in `CNAME`.
pub fn check_cname(host: &str) -> Result<(), String> {
    let ok = !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !host.starts_with(['.', '-'])
        && !host.contains("..");
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{host}` is not a host name for --cname: give the bare host, e.g. `lifecycle.example.com` (no scheme, no path)"
        ))
    }
}

/// `--branch`: a branch name as `git check-ref-format --branch` accepts it, given without
/// `refs/heads/` (which would create `refs/heads/refs/heads/...`) and not `HEAD`.
pub fn check_branch(branch: &str) -> Result<(), String> {
    if branch.starts_with("refs/") {
        return Err(format!(
            "`{branch}` is a ref, not a branch name for --branch: give the name alone (e.g. `{}`)",
            branch.rsplit('/').next().unwrap_or("gh-pages")
        ));
    }
    let bad = branch.is_empty()
        || branch == "HEAD"
        || branch == "@"
        || branch.starts_with(['-', '/', '.'])
        || branch.ends_with(['/', '.'])
        || branch.ends_with(".lock")
        || branch.contains("..")
        || branch.contains("//")
        || branch.contains("/.")
        || branch.contains(".lock/")
        || branch.contains("@{")
        || branch
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "~^:?*[\\".contains(c));
    if bad {
        Err(format!(
            "`{branch}` is not a valid branch name for --branch"
        ))
    } else {
        Ok(())
    }
}

/// `--remote`: a remote name, a URL or a path; never something git would read as an option.
pub fn check_remote(remote: &str) -> Result<(), String> {
    if remote.is_empty() || remote.starts_with('-') || remote.chars().any(char::is_control) {
        return Err(format!(
            "`{remote}` is not a remote for --remote: give a remote name, a URL or a path"
        ));
    }
    Ok(())
}

/// The repository that holds the site, as far as the publish needs it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// HEAD's short sha; `None` outside a repository or before the first commit.
    pub head: Option<String>,
    /// The branch checked out there (`None`: detached, or no repository).
    pub branch: Option<String>,
    /// Uncommitted changes under the site directory.
    pub dirty: bool,
}

impl Source {
    /// How the commit message names the source: `ea0564a`, `ea0564a+dirty`, `none`.
    pub fn describe(&self) -> String {
        match (&self.head, self.dirty) {
            (Some(h), true) => format!("{h}+dirty"),
            (Some(h), false) => h.clone(),
            (None, true) => "none+dirty".into(),
            (None, false) => "none".into(),
        }
    }
}

/// Refuse to publish onto the branch that holds the site's sources (it would be replaced
/// by the built site): the branch checked out in the site's repository, or a remote branch
/// whose tree holds the site's `site.yaml`. `--force` overrides.
pub fn check_target(
    branch: &str,
    source: &Source,
    tip_holds_sources: bool,
    force: bool,
) -> Result<(), String> {
    if force {
        return Ok(());
    }
    if source.branch.as_deref() == Some(branch) || tip_holds_sources {
        return Err(format!(
            "refusing to publish onto `{branch}`: it holds the site's sources, which the built site would replace; choose another --branch (e.g. gh-pages), or pass --force"
        ));
    }
    Ok(())
}

/// The files of the branch's tree: every rendered file, plus `.nojekyll` (Pages would
/// otherwise hide `_` paths) and `CNAME` with `cname_line`.
pub fn tree_files<'a>(
    files: &'a crate::render::Files,
    cname_line: Option<&'a str>,
) -> BTreeMap<&'a str, &'a [u8]> {
    let mut tree: BTreeMap<&str, &[u8]> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    tree.entry(Urls::NOJEKYLL).or_insert(b"");
    if let Some(line) = cname_line {
        tree.insert("CNAME", line.as_bytes());
    }
    tree
}

/// The commit message: `--message`, else one that names the as-of date and the source.
pub fn message(given: Option<&str>, as_of: NaiveDate, source: &Source) -> String {
    match given {
        Some(m) => m.to_string(),
        None => format!("Publish site as of {as_of} (source: {})", source.describe()),
    }
}

/// Whether there is anything to commit.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    /// The branch already holds exactly this tree.
    UpToDate,
    /// A new commit on top of the tip (`None`: a new branch).
    Commit { parent: Option<String> },
}

pub fn decide(tip: Option<&str>, old_tree: Option<&str>, new_tree: &str) -> Decision {
    if old_tree == Some(new_tree) {
        Decision::UpToDate
    } else {
        Decision::Commit {
            parent: tip.map(str::to_string),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cname_is_a_bare_host() {
        assert!(check_cname("lifecycle.example.com").is_ok());
        for bad in [
            "",
            "https://x.com",
            "x.com/docs",
            "a b.com",
            ".x.com",
            "a..b",
        ] {
            assert!(check_cname(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn branch_names_follow_git() {
        for ok in ["gh-pages", "site/main", "pages_2"] {
            assert!(check_branch(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "-x",
            "a..b",
            "a b",
            "x.lock",
            "a:b",
            "a/",
            "@{x}",
            "a~1",
            "HEAD",
            "@",
            "refs/heads/x",
        ] {
            assert!(check_branch(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn remotes_are_never_options() {
        assert!(check_remote("origin").is_ok());
        assert!(check_remote("https://github.com/o/r.git").is_ok());
        assert!(check_remote("--upload-pack=touch PWNED").is_err());
        assert!(check_remote("").is_err());
    }

    #[test]
    fn the_source_branch_is_refused_unless_forced() {
        let source = Source {
            head: Some("abc1234".into()),
            branch: Some("main".into()),
            dirty: false,
        };
        assert!(check_target("main", &source, false, false).is_err());
        assert!(check_target("main", &source, false, true).is_ok());
        assert!(check_target("gh-pages", &source, false, false).is_ok());
        assert!(check_target("gh-pages", &source, true, false).is_err());
    }

    #[test]
    fn the_message_names_a_dirty_source() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        let mut s = Source {
            head: Some("ea0564a".into()),
            branch: None,
            dirty: true,
        };
        assert_eq!(
            message(None, d, &s),
            "Publish site as of 2026-01-02 (source: ea0564a+dirty)"
        );
        s.dirty = false;
        assert_eq!(
            message(None, d, &s),
            "Publish site as of 2026-01-02 (source: ea0564a)"
        );
        assert_eq!(message(Some("m"), d, &s), "m");
    }

    #[test]
    fn an_unchanged_tree_is_no_commit() {
        assert_eq!(decide(Some("t"), Some("a"), "a"), Decision::UpToDate);
        assert_eq!(
            decide(Some("t"), Some("a"), "b"),
            Decision::Commit {
                parent: Some("t".into())
            }
        );
        assert_eq!(decide(None, None, "b"), Decision::Commit { parent: None });
    }
}
