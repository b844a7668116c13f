//! `lifecycle announce`: round trips on copies of a site, refusals, and files with comments.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

/// A small site whose data files carry comments and a deliberate key order.
fn site(dir: &Path) {
    fs::create_dir_all(dir.join("content/releases")).unwrap();
    fs::create_dir_all(dir.join("content/dependencies")).unwrap();
    fs::write(
        dir.join("site.yaml"),
        "title: Example\nproduct: Example SDK\nbase_url: https://example.com/\npolicy:\n  sdk: { min_support_months: 0, min_notice_months: 3 }\n  dependency: { min_notice_months: 1 }\n",
    )
    .unwrap();
    fs::write(
        dir.join("content/releases/1.0.0.yaml"),
        "# The first release.\nversion: 1.0.0\nreleased: 2024-01-10   # GA day\nsummary: First.\ncomponents:\n  python: [\"3.10\"]\n",
    )
    .unwrap();
    fs::write(
        dir.join("content/dependencies/python.yaml"),
        "name: Python\nkind: runtime\nversions:\n  # oldest first\n  - version: \"3.10\"\n    supported: 2021-10-04 # upstream GA\n  - version: \"3.11\"\n    supported: 2022-10-24\n",
    )
    .unwrap();
}

fn lifecycle() -> Command {
    Command::cargo_bin("lifecycle").unwrap()
}

/// `lifecycle announce ARGS --site DIR`.
fn announce(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    lifecycle()
        .arg("announce")
        .args(args)
        .arg("--site")
        .arg(dir)
        .assert()
}

fn check_passes(dir: &Path) {
    lifecycle()
        .args(["check", "--as-of", "2025-06-01", "--strict", "--site"])
        .arg(dir)
        .assert()
        .success();
}

#[test]
fn announcing_an_sdk_version_edits_only_its_date_lines_and_writes_a_covering_announcement() {
    let t = tempfile::tempdir().unwrap();
    site(t.path());
    announce(
        t.path(),
        &[
            "--sdk",
            "1.0.0",
            "--eos",
            "2025-09-30",
            "--date",
            "2025-06-01",
        ],
    )
    .success();
    assert_eq!(
        fs::read_to_string(t.path().join("content/releases/1.0.0.yaml")).unwrap(),
        "# The first release.\nversion: 1.0.0\nreleased: 2024-01-10   # GA day\neos_announced: 2025-06-01\neos: 2025-09-30\nsummary: First.\ncomponents:\n  python: [\"3.10\"]\n"
    );
    let ann = fs::read_to_string(
        t.path()
            .join("content/announcements/2025-06-01-eos-sdk-1-0-0.md"),
    )
    .unwrap();
    assert!(
        ann.contains("date: 2025-06-01\n")
            && ann.contains("- { sdk: 1.0.0 }")
            && ann.contains("eos: 2025-09-30"),
        "{ann}"
    );
    check_passes(t.path());
    // The hand-written announcement covers the data date: no derived one is published.
    let out = t.path().join("public");
    lifecycle()
        .args(["build", "--as-of", "2025-06-01", "--site"])
        .arg(t.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let list: Vec<_> = fs::read_dir(out.join("announcements"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        list.iter().any(|n| n == "2025-06-01-eos-sdk-1-0-0"),
        "{list:?}"
    );
    assert_eq!(
        list.iter()
            .filter(|n| n.to_string_lossy().contains("sdk-1-0-0"))
            .count(),
        1
    );
}

#[test]
fn announcing_a_dependency_version_keeps_comments_and_other_versions() {
    let t = tempfile::tempdir().unwrap();
    site(t.path());
    announce(
        t.path(),
        &[
            "--dependency",
            "python",
            "--version",
            "3.10",
            "--eos",
            "2025-08-01",
            "--date",
            "2025-06-01",
        ],
    )
    .success();
    assert_eq!(
        fs::read_to_string(t.path().join("content/dependencies/python.yaml")).unwrap(),
        "name: Python\nkind: runtime\nversions:\n  # oldest first\n  - version: \"3.10\"\n    supported: 2021-10-04 # upstream GA\n    announced: 2025-06-01\n    eos: 2025-08-01\n  - version: \"3.11\"\n    supported: 2022-10-24\n"
    );
    assert!(
        t.path()
            .join("content/announcements/2025-06-01-eos-python-3-10.md")
            .exists()
    );
    check_passes(t.path());
}

#[test]
fn a_notice_shorter_than_the_policy_is_refused_and_nothing_is_written() {
    let t = tempfile::tempdir().unwrap();
    site(t.path());
    let before = fs::read_to_string(t.path().join("content/releases/1.0.0.yaml")).unwrap();
    // Three months are required; 2025-06-01 to 2025-08-31 is one day short.
    announce(
        t.path(),
        &[
            "--sdk",
            "1.0.0",
            "--eos",
            "2025-08-31",
            "--date",
            "2025-06-01",
        ],
    )
    .code(1)
    .stderr(
        predicates::str::contains("announce by 2025-05-31")
            .and(predicates::str::contains("nothing was written")),
    );
    assert_eq!(
        fs::read_to_string(t.path().join("content/releases/1.0.0.yaml")).unwrap(),
        before
    );
    assert!(!t.path().join("content/announcements").exists());
    // --force overrides the policy minimum (a warning remains for check).
    announce(
        t.path(),
        &[
            "--sdk",
            "1.0.0",
            "--eos",
            "2025-08-31",
            "--date",
            "2025-06-01",
            "--force",
        ],
    )
    .success();
    assert!(
        fs::read_to_string(t.path().join("content/releases/1.0.0.yaml"))
            .unwrap()
            .contains("eos: 2025-08-31")
    );
}

#[test]
fn unknown_targets_and_invalid_results_are_refused() {
    let t = tempfile::tempdir().unwrap();
    site(t.path());
    announce(
        t.path(),
        &[
            "--sdk",
            "9.9.9",
            "--eos",
            "2026-01-01",
            "--date",
            "2025-06-01",
        ],
    )
    .code(1)
    .stderr(predicates::str::contains("no SDK release 9.9.9"));
    announce(
        t.path(),
        &[
            "--dependency",
            "python",
            "--version",
            "2.7",
            "--eos",
            "2026-01-01",
            "--date",
            "2025-06-01",
        ],
    )
    .code(1)
    .stderr(predicates::str::contains("does not list version 2.7"));
    // An end of support before the release would leave the data out of order.
    announce(
        t.path(),
        &[
            "--sdk",
            "1.0.0",
            "--eos",
            "2023-01-01",
            "--date",
            "2023-01-01",
            "--force",
        ],
    )
    .code(1);
    assert!(!t.path().join("content/announcements").exists());
    // Usage: --dependency needs --version.
    lifecycle()
        .args(["announce", "--dependency", "python", "--eos", "2026-01-01"])
        .assert()
        .code(2);
}
