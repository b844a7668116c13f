//! The human format: compiler-style diagnostics and a summary on stderr, nothing on stdout.

use crate::support::{AS_OF, Site, lifecycle};

#[test]
fn human_format_prints_compiler_style_errors_and_a_summary() {
    let site = Site::minimal().replace_line(
        "content/releases/1.1.0.yaml",
        r#"  python: ["3.9", "3.10"]"#,
        r#"  python: ["3.9", "3.11"]"#,
    );
    let out = lifecycle()
        .args(["check", "--as-of", AS_OF, "--site"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "the human format writes to stderr only"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = "error[E012]: release 1.1.0 ships python 3.11, which content/dependencies/python.yaml does not list\n  --> content/releases/1.1.0.yaml:5:19\n";
    assert!(stderr.starts_with(expected), "stderr:\n{stderr}");
    let summary = stderr.lines().last().unwrap_or("");
    assert!(summary.starts_with("check failed: "), "summary: {summary}");
    assert!(
        summary.ends_with("1 error, 0 warnings"),
        "summary: {summary}"
    );
}

#[test]
fn human_format_on_a_clean_site_says_it_passed() {
    let out = lifecycle()
        .args(["check", "--as-of", AS_OF, "--site"])
        .arg(Site::minimal().path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.starts_with("check passed: 3 releases, 2 dependencies"),
        "{stderr}"
    );
    assert!(
        stderr.trim_end().ends_with("0 errors, 0 warnings"),
        "{stderr}"
    );
}
