//! Policy findings: warnings (exit 0) that `--strict` turns into errors (exit 1).

use crate::support::{Diag, Site, warning};

const RELEASE_1_0_0: &str = "content/releases/1.0.0.yaml";

/// 1.0.0's end of support (2024-04-30) announced on 2024-02-15: under the policy of
/// 2023-01-01 that needs 3 months' notice, i.e. by 2024-01-30.
fn site_with_short_sdk_notice() -> Site {
    Site::minimal().replace_line(
        RELEASE_1_0_0,
        "eos_announced: 2024-01-15",
        "eos_announced: 2024-02-15",
    )
}

#[test]
fn a_notice_shorter_than_the_policy_is_a_warning_that_passes() {
    site_with_short_sdk_notice().check().exits(0).reports_only(
        warning("W102", RELEASE_1_0_0, 3, 16)
            .saying("announced on 2024-02-15, less than the 3 months notice")
            .saying("(policy of 2023-01-01)")
            .saying("announce by 2024-01-30"),
    );
}

#[test]
fn a_notice_shorter_than_the_policy_fails_with_strict() {
    let report = site_with_short_sdk_notice().check_with(&["--strict"]);
    report.exits(1);
    let [d] = report.diagnostics.as_slice() else {
        panic!("one diagnostic expected: {:?}", report.diagnostics)
    };
    assert_eq!(
        (
            d.severity.as_str(),
            d.code.as_str(),
            d.file.as_deref(),
            d.line,
            d.column
        ),
        ("error", "W102", Some(RELEASE_1_0_0), Some(3), Some(16)),
        "--strict keeps the code and makes it an error: {d:?}"
    );
}

#[test]
fn strict_true_in_site_yaml_acts_like_the_flag() {
    let report = site_with_short_sdk_notice()
        .replace_line(
            "site.yaml",
            "product: Acme SDK",
            "product: Acme SDK\nstrict: true",
        )
        .check();
    report.exits(1);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d: &Diag| d.severity == "error" && d.code == "W102"),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn support_shorter_than_the_policy_is_a_warning_at_eos() {
    // Released 2023-06-01 under the policy of 2023-01-01: 12 months means eos >= 2024-06-01.
    Site::minimal()
        .replace_line(
            RELEASE_1_0_0,
            "released: 2023-03-01",
            "released: 2023-06-01",
        )
        .check()
        .exits(0)
        .reports_only(
            warning("W101", RELEASE_1_0_0, 4, 6)
                .saying("supported from 2023-06-01 to 2024-04-30, less than the 12 months")
                .saying("(policy of 2023-01-01)"),
        );
}

#[test]
fn an_eos_without_an_announcement_date_is_a_warning() {
    Site::minimal()
        .delete_line(RELEASE_1_0_0, "eos_announced: 2024-01-15")
        .check()
        .exits(0)
        .reports_only(warning("W103", RELEASE_1_0_0, 3, 6).saying("no eos_announced date"));
}

#[test]
fn an_eos_without_an_announcement_date_fails_with_strict() {
    Site::minimal()
        .delete_line(RELEASE_1_0_0, "eos_announced: 2024-01-15")
        .check_with(&["--strict"])
        .exits(1);
}

#[test]
fn a_release_shipping_a_dependency_already_at_end_of_support_is_a_warning() {
    // Ubuntu 20.04 reached end of support on 2024-04-30; 1.2.0 came out on 2025-01-15.
    Site::minimal()
        .replace_line(
            "content/releases/1.2.0.yaml",
            r#"  ubuntu: ["22.04"]"#,
            r#"  ubuntu: ["22.04", "20.04"]"#,
        )
        .check()
        .exits(0)
        .reports_only(
            warning("W104", "content/releases/1.2.0.yaml", 8, 21)
                .saying("ships Ubuntu 20.04, which reached end of support on 2024-04-30"),
        );
}

#[test]
fn an_announced_eos_for_a_version_whose_data_has_none_is_a_warning() {
    Site::minimal()
        .delete_line("content/dependencies/python.yaml", "    removed_in: 1.2.0")
        .check()
        .exits(0)
        .reports_only(
            warning(
                "W105",
                "content/announcements/2024-10-01-eos-python-3-9.md",
                6,
                6,
            )
            .saying("whose data has no eos: add `eos: 2025-01-15` to the data"),
        );
}
