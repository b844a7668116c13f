//! Usage errors exit 2 before anything renders or connects; a site with errors exits 1
//! and publishes nothing.

use crate::support::{AS_OF, copy_default_site, edit, lifecycle, run};

fn publish(args: &[&str]) -> crate::support::Out {
    let mut cmd = lifecycle();
    cmd.arg("publish").args(args);
    run(cmd)
}

#[test]
fn a_target_that_is_neither_git_nor_s3_is_a_usage_error() {
    for target in [
        "gh-pages",
        "s3:/bucket",
        "s3://",
        "s3://UPPER",
        "https://bucket",
    ] {
        let o = publish(&[target, "--site", "/nonexistent"]);
        assert_eq!(o.code, 2, "{target}: {}", o.stderr);
        assert!(o.stderr.contains("error: "), "{target}: {}", o.stderr);
    }
    let o = publish(&["ftp://x"]);
    assert!(
        o.stderr
            .contains("expected `git` or `s3://BUCKET[/PREFIX]`"),
        "{}",
        o.stderr
    );
}

#[test]
fn flags_of_the_other_target_are_usage_errors() {
    let cases: [&[&str]; 6] = [
        &["git", "--delete"],
        &["git", "--endpoint", "http://127.0.0.1:9"],
        &["git", "--max-deletes", "3", "--force"],
        &["s3://a-bucket", "--cname", "example.com"],
        &["s3://a-bucket", "--branch", "pages"],
        &["s3://a-bucket", "--remote", "origin"],
    ];
    for args in cases {
        let o = publish(args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains("only appl"), "{args:?}: {}", o.stderr);
    }
}

#[test]
fn bad_flag_values_are_usage_errors() {
    let cases: [&[&str]; 4] = [
        &["git", "--cname", "https://example.com/"],
        &["git", "--branch", "bad..name"],
        &["s3://a-bucket", "--endpoint", "not a url"],
        &["s3://a-bucket", "--max-deletes", "-1"],
    ];
    for args in cases {
        let o = publish(args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
    }
}

#[test]
fn a_site_with_errors_exits_1_and_publishes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_default_site(&site);
    edit(
        &site.join("site.yaml"),
        "language: en",
        "language: en\nbogus_field: 1",
    );
    // The endpoint is a closed port: reaching the network at all would be a bug, and
    // would fail differently.
    let o = publish(&[
        "s3://a-bucket",
        "--site",
        site.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--endpoint",
        "http://127.0.0.1:9",
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("bogus_field") && o.stderr.contains("nothing was published"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("cannot list"), "{}", o.stderr);
}
