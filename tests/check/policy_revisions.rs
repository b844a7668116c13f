//! Policy revisions: each check uses the revision in force on the date that matters, the
//! announcement date for a notice and the release date for the support period.
//!
//! The minimal site's policy: from 2023-01-01, SDK 12 months' support and 3 months' notice,
//! dependencies no minimum notice; from 2024-09-16, SDK no minimum support and 1 month's
//! notice, dependencies 1 month's notice. So for the SDK the later revision is looser, for
//! dependencies it is stricter.

use crate::support::{Site, warning};

const PYTHON: &str = "content/dependencies/python.yaml";
const UBUNTU: &str = "content/dependencies/ubuntu.yaml";

/// SDK 1.0.1: released 2023-12-01, end of support 2024-12-01 (12 months), announced on `announced`.
fn site_with_sdk_1_0_1_announced_on(announced: &str) -> Site {
    Site::minimal().write(
        "content/releases/1.0.1.yaml",
        &format!(
            "version: 1.0.1\nreleased: 2023-12-01\neos_announced: {announced}\neos: 2024-12-01\n"
        ),
    )
}

#[test]
fn an_sdk_notice_given_under_the_earlier_revision_needs_its_three_months() {
    // On 2024-09-15 the policy of 2023-01-01 is still in force: announce by 2024-09-01.
    site_with_sdk_1_0_1_announced_on("2024-09-15")
        .check()
        .exits(0)
        .reports_only(
            warning("W102", "content/releases/1.0.1.yaml", 3, 16)
                .saying("less than the 3 months notice")
                .saying("(policy of 2023-01-01)"),
        );
}

#[test]
fn an_sdk_notice_given_on_the_day_a_looser_revision_takes_effect_needs_only_its_month() {
    site_with_sdk_1_0_1_announced_on("2024-09-16")
        .check()
        .is_clean();
}

#[test]
fn an_sdk_notice_under_a_later_looser_revision_passes_though_the_earlier_required_more() {
    // 1.1.0 (released 2024-03-01, so 12 months' support: eos 2025-03-15 is enough) announced
    // 6 weeks ahead in 2025: enough under the 2024-09-16 revision, not under the earlier one.
    Site::minimal()
        .replace_line(
            "content/releases/1.1.0.yaml",
            "released: 2024-03-01",
            "released: 2024-03-01\neos_announced: 2025-02-01\neos: 2025-03-15",
        )
        .check()
        .is_clean();
}

#[test]
fn a_dependency_notice_long_enough_when_given_passes_though_a_later_revision_requires_more() {
    // Ubuntu 20.04: ten days' notice in April 2024, when dependencies needed none.
    Site::minimal()
        .replace_line(
            UBUNTU,
            "    announced: 2024-01-15",
            "    announced: 2024-04-20",
        )
        .check()
        .is_clean();
}

#[test]
fn a_dependency_notice_given_under_a_later_stricter_revision_must_meet_it() {
    // Python 3.9 ends with 1.2.0 on 2025-01-15; announced 2024-12-20 is less than a month.
    Site::minimal()
        .replace_line(PYTHON, "    announced: 2024-10-01", "    announced: 2024-12-20")
        .check()
        .exits(0)
        .reports_only(
            warning("W102", PYTHON, 6, 16)
                .saying("end of support on 2025-01-15 announced on 2024-12-20, less than the 1 month notice")
                .saying("(policy of 2024-09-16)"),
        );
}

/// SDK 1.1.1: released on `released`, announced 2024-10-01, end of support 2025-03-01.
fn site_with_sdk_1_1_1_released_on(released: &str) -> Site {
    Site::minimal().write(
        "content/releases/1.1.1.yaml",
        &format!(
            "version: 1.1.1\nreleased: {released}\neos_announced: 2024-10-01\neos: 2025-03-01\n"
        ),
    )
}

#[test]
fn support_is_judged_by_the_revision_in_force_on_the_release_date() {
    site_with_sdk_1_1_1_released_on("2024-09-15")
        .check()
        .exits(0)
        .reports_only(
            warning("W101", "content/releases/1.1.1.yaml", 4, 6)
                .saying("less than the 12 months the policy in force on its release date requires")
                .saying("(policy of 2023-01-01)"),
        );
}

#[test]
fn a_revision_governs_from_its_effective_date_inclusive() {
    site_with_sdk_1_1_1_released_on("2024-09-16")
        .check()
        .is_clean();
}

#[test]
fn the_earliest_revision_also_governs_dates_before_it() {
    // Released 2022-06-01, before the first revision's 2023-01-01: still 12 months.
    Site::minimal()
        .write(
            "content/releases/0.9.0.yaml",
            "version: 0.9.0\nreleased: 2022-06-01\neos_announced: 2022-09-01\neos: 2023-01-01\n",
        )
        .check()
        .exits(0)
        .reports_only(
            warning("W101", "content/releases/0.9.0.yaml", 4, 6).saying("(policy of 2023-01-01)"),
        );
}
