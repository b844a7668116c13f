//! What `build` does to the output directory: byte-identical rebuilds, a failed build that
//! leaves the previous site untouched, refused `--out` directories, the summary line.

use crate::support::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file below `dir` by relative path, as a SHA-256 hex digest.
fn hashes(dir: &Path) -> BTreeMap<String, String> {
    tree(dir)
        .into_iter()
        .map(|(p, b)| {
            let h: String = Sha256::digest(&b)
                .iter()
                .map(|x| format!("{x:02x}"))
                .collect();
            (p, h)
        })
        .collect()
}

/// Names of the entries directly in `dir`.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn two_builds_are_byte_identical() {
    let a = default_site();
    let b = Built::new(repo(), AS_OF, &[]);
    let (ta, tb) = (a.files(), b.files());
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "the two builds wrote different files"
    );
    for (path, bytes) in &ta {
        assert!(tb[path] == *bytes, "{path} differs between two builds");
    }
    assert!(ta.len() > 150, "only {} files", ta.len());
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = copy_site(&fixture("small"));
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    let first = run_build(site.path(), &out, "2025-06-01", &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = hashes(&out);
    assert!(before.contains_key("releases/1.2.0/index.html"));

    // A bad date in one release file.
    let release = site.path().join("content/releases/1.1.0.yaml");
    let text = std::fs::read_to_string(&release).unwrap();
    let broken = text.replace("released: 2024-03-01", "released: 2024-02-30");
    assert_ne!(broken, text);
    std::fs::write(&release, broken).unwrap();

    let second = run_build(site.path(), &out, "2025-06-01", &[]);
    assert_eq!(second.code, 1, "{}", second.stderr);
    assert!(
        second.stderr.contains("content/releases/1.1.0.yaml"),
        "{}",
        second.stderr
    );
    assert!(second.stderr.contains("build failed"), "{}", second.stderr);
    assert_eq!(hashes(&out), before, "the previous output changed");
    assert_eq!(
        entries(parent.path()),
        ["public"],
        "stray files next to --out"
    );
}

#[test]
fn a_successful_rebuild_replaces_the_output_and_cleans_up() {
    let site = copy_site(&fixture("small"));
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    std::fs::create_dir_all(&out).unwrap();
    // A file of an older build that the new one does not write must go.
    std::fs::write(out.join("stale.html"), "old").unwrap();
    let run = run_build(site.path(), &out, "2025-06-01", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !out.join("stale.html").exists(),
        "build replaces --out entirely"
    );
    assert!(out.join("index.html").is_file());
    assert_eq!(
        entries(parent.path()),
        ["public"],
        "stray files next to --out"
    );
}

#[test]
fn refuses_an_out_dir_it_must_not_own() {
    let site = copy_site(&fixture("small"));
    let before = hashes(site.path());
    // --out is the site itself, or a parent of it.
    for out in [site.path().to_path_buf(), site.path().join("content/..")] {
        let run = run_build(site.path(), &out, "2025-06-01", &[]);
        assert_eq!(run.code, 2, "--out {}: {}", out.display(), run.stderr);
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
        assert_eq!(hashes(site.path()), before, "the site changed");
    }
    // A parent: a site inside the output directory.
    let outer = tempfile::tempdir().unwrap();
    let inner = outer.path().join("site");
    copy_dir(&fixture("small"), &inner);
    let outer_before = entries(outer.path());
    let run = run_build(&inner, outer.path(), "2025-06-01", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(entries(outer.path()), outer_before, "wrote into the parent");
    assert!(!outer.path().join("index.html").exists());

    // A directory holding a .git (a repository checkout).
    let repo_dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(repo_dir.path().join(".git")).unwrap();
    std::fs::write(repo_dir.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(repo_dir.path().join("README"), "mine\n").unwrap();
    let before = hashes(repo_dir.path());
    let run = run_build(site.path(), repo_dir.path(), "2025-06-01", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(".git"), "{}", run.stderr);
    assert_eq!(hashes(repo_dir.path()), before, "the checkout changed");
    let parent = repo_dir.path().parent().unwrap();
    let name = repo_dir.path().file_name().unwrap().to_string_lossy();
    assert!(
        !entries(parent)
            .iter()
            .any(|e| e.starts_with(&format!(".{name}."))),
        "a staging directory was left next to it"
    );
}

#[test]
fn ends_with_a_summary_line() {
    let site = default_site();
    let last = site.stderr.lines().last().unwrap_or("");
    let files = site.files();
    let pages = files.keys().filter(|p| p.ends_with(".html")).count();
    let out = site.out.display().to_string();
    let prefix = format!("built {pages} pages ({} files) into {out}", files.len());
    assert!(
        last.starts_with(&prefix),
        "summary `{last}`, want it to start with `{prefix}`"
    );
    let ms = last
        .strip_suffix(" ms")
        .and_then(|s| s.rsplit_once(" in "))
        .map(|(_, n)| n)
        .unwrap_or_else(|| panic!("summary `{last}` does not end with `in N ms`"));
    assert!(ms.parse::<u64>().is_ok(), "summary `{last}`");
    assert!(last.contains(&format!("as of {AS_OF}")), "summary `{last}`");
}
