//! Cases 1-4: inputs that panicked (exit 101) are clear errors with exit 1 or 2.

use crate::support::*;

/// Case 1: Dates the outputs cannot represent are refused where they enter.
#[test]
fn unrepresentable_dates_are_refused_where_they_enter() {
    let site = Site::basic();
    let o = run_env(
        &["check", "--format", "json"],
        site.path(),
        &[("SOURCE_DATE_EPOCH", "253402300800")],
    );
    assert_eq!(o.code(), 2, "{}", o.stderr);
    assert!(o.stderr.contains("SOURCE_DATE_EPOCH"), "{}", o.stderr);
    for bad in ["1899-12-31", "9999-12-31"] {
        let o = site.run(&["check", "--as-of", bad]);
        assert_eq!(o.code(), 2, "--as-of {bad}: {}", o.stderr);
        assert!(o.stderr.contains("out of range"), "{}", o.stderr);
    }
    let site = site.edit(
        "content/releases/1.0.0.yaml",
        "released: 2024-01-10",
        "released: 1850-01-10",
    );
    let o = site.check();
    assert_eq!(o.code(), 1);
    let d = o.diagnostic("E005", true);
    assert_eq!(d["file"], "content/releases/1.0.0.yaml");
    assert_eq!(d["line"], 3);
}

/// Case 2: Every number in site.yaml is bounded, with its position.
#[test]
fn site_numbers_are_bounded() {
    let site = Site::basic().edit(
        "site.yaml",
        "reminders_days: [90, 30, 7]",
        "reminders_days: [90, 4294967295]",
    );
    let o = site.check();
    assert_eq!(o.code(), 1, "{}", o.stderr);
    let d = o.diagnostic("E024", true);
    assert_eq!(d["file"], "site.yaml");
    assert!(
        d["message"].as_str().unwrap().contains("reminders_days"),
        "{d}"
    );
    let site = Site::basic().edit(
        "site.yaml",
        "min_notice_months: 3",
        "min_notice_months: 99999999",
    );
    site.check().diagnostic("E024", true);
    let site = Site::basic().edit("site.yaml", "items: 50", "items: 18446744073709551615");
    site.check().diagnostic("E024", true);
}

/// Case 3: Header values are validated at check, not by the S3 client at publish.
#[test]
fn header_values_are_checked() {
    let site = Site::basic();
    let text = site.read("site.yaml")
        + "publish:\n  cache_control:\n    html: \"public\\r\\nX-Evil: 1\"\n";
    let site = site.write("site.yaml", &text);
    let o = site.check();
    assert_eq!(o.code(), 1, "{}", o.stderr);
    let d = o.diagnostic("E024", true);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("cache_control.html"),
        "{d}"
    );
    // And publish refuses before any network use.
    let o = site.run(&[
        "publish",
        "s3://a-bucket",
        "--as-of",
        AS_OF,
        "--endpoint",
        "http://127.0.0.1:9",
    ]);
    assert_eq!(o.code(), 1, "{}", o.stderr);
    assert!(o.stderr.contains("nothing was published"), "{}", o.stderr);
}

/// Case 4: A closed stdout or stderr ends the program quietly, with its own exit code.
#[test]
fn a_closed_pipe_is_no_panic() {
    // Enough errors to fill a pipe's buffer many times over, so writes hit the closed end.
    let mut site = Site::basic();
    for i in 0..1500 {
        site = site.write(
            &format!("content/releases/9.{i}.0.yaml"),
            &format!("version: 9.{i}.0\nreleased: not a date\n"),
        );
    }
    let bin = assert_cmd::cargo::cargo_bin("lifecycle");
    for (redirect, format) in [("2>&1", "human"), ("", "json")] {
        let script = format!(
            "set -o pipefail; \"$0\" check --site \"$1\" --as-of {AS_OF} --format {format} {redirect} | head -c 1 >/dev/null; echo \"rc=${{PIPESTATUS[0]}}\" >&2"
        );
        let o = std::process::Command::new("bash")
            .arg("-c")
            .arg(&script)
            .arg(&bin)
            .arg(site.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        // The site has errors: exit 1, and nothing said about the pipe.
        assert_eq!(stderr.trim(), "rc=1", "{format}");
    }
}
