//! Usage errors exit 2, before any site is read.

use crate::support::{fixture, lifecycle};

#[test]
fn an_impossible_as_of_date_is_a_usage_error() {
    let out = lifecycle()
        .args(["check", "--as-of", "2025-13-01", "--site"])
        .arg(fixture("minimal"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`2025-13-01` is not a date: expected YYYY-MM-DD"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let out = lifecycle()
        .args(["check", "--frobnicate"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--frobnicate"));
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let out = lifecycle()
        .args(["check", "--format", "yaml", "--site"])
        .arg(fixture("minimal"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_missing_subcommand_is_a_usage_error() {
    assert_eq!(lifecycle().output().unwrap().status.code(), Some(2));
}
