//! One defect per case, each an error that fails `check` (exit 1) at an exact file:line:column.

use crate::support::{Site, error, file_error};

const RELEASE_1_1_0: &str = "content/releases/1.1.0.yaml";
const RELEASE_1_2_0: &str = "content/releases/1.2.0.yaml";
const PYTHON: &str = "content/dependencies/python.yaml";
const UBUNTU: &str = "content/dependencies/ubuntu.yaml";
const ANNOUNCEMENT: &str = "content/announcements/2024-10-01-eos-python-3-9.md";
const POLICY: &str = "content/policy.md";

// ---------------------------------------------------------------------------------------
// YAML and schema

#[test]
fn invalid_yaml_is_reported_at_the_unclosed_bracket() {
    Site::minimal()
        .replace_line(
            RELEASE_1_1_0,
            r#"  ubuntu: ["22.04"]"#,
            r#"  ubuntu: ["22.04""#,
        )
        .check()
        .exits(1)
        .reports_only(
            error("E002", RELEASE_1_1_0, 6, 11)
                .saying("invalid YAML")
                .saying("unclosed bracket"),
        );
}

#[test]
fn a_misspelt_field_is_an_unknown_field_listing_the_allowed_ones() {
    Site::minimal()
        .replace_line(RELEASE_1_1_0, "released: 2024-03-01", "relased: 2024-03-01")
        .check()
        .exits(1)
        .reports_only(
            error("E003", RELEASE_1_1_0, 2, 1)
                .saying("unknown field `relased`")
                .saying("released"),
        );
}

#[test]
fn a_missing_required_field_is_reported_at_the_start_of_its_mapping() {
    Site::minimal()
        .delete_line(RELEASE_1_1_0, "released: 2024-03-01")
        .check()
        .exits(1)
        .reports_only(error("E004", RELEASE_1_1_0, 1, 1).saying("missing field `released`"));
}

#[test]
fn a_dependency_version_without_version_is_reported_at_its_list_item() {
    // The second item of `versions:` (line 8) lacks `version:`. That parse error is the one
    // to fix: the releases that ship ubuntu are not also reported as dangling references.
    Site::minimal()
        .replace_line(
            UBUNTU,
            r#"  - version: "22.04""#,
            "  - supported: 2024-03-01",
        )
        .replace_line(UBUNTU, "    supported: 2024-03-01", "    eos: 2030-01-01")
        .check()
        .exits(1)
        .reports(&[error("E004", UBUNTU, 8, 5).saying("missing field `version`")]);
}

#[test]
fn an_impossible_date_is_a_bad_date() {
    Site::minimal()
        .replace_line(
            RELEASE_1_1_0,
            "released: 2024-03-01",
            "released: 2025-02-30",
        )
        .check()
        .exits(1)
        .reports_only(
            error("E005", RELEASE_1_1_0, 2, 11)
                .saying("`released` is `2025-02-30`")
                .saying("YYYY-MM-DD"),
        );
}

// ---------------------------------------------------------------------------------------
// Versions and ids

#[test]
fn an_sdk_version_that_is_not_semver_is_a_bad_version() {
    Site::minimal()
        .replace_line(RELEASE_1_1_0, "version: 1.1.0", "version: 1.1")
        .check()
        .exits(1)
        .reports_only(
            error("E006", RELEASE_1_1_0, 1, 10).saying("`1.1` is not a semantic version X.Y.Z"),
        );
}

#[test]
fn an_sdk_version_that_differs_from_its_file_name_is_an_error() {
    Site::minimal()
        .replace_line(RELEASE_1_1_0, "version: 1.1.0", "version: 1.1.1")
        .check()
        .exits(1)
        .reports_only(
            error("E007", RELEASE_1_1_0, 1, 10).saying("does not match the file name `1.1.0`"),
        );
}

#[test]
fn a_dependency_version_listed_twice_is_a_duplicate() {
    Site::minimal()
        .insert_after(
            UBUNTU,
            "    supported: 2024-03-01",
            r#"  - version: "22.04""#,
        )
        .check()
        .exits(1)
        .reports_only(
            error("E009", UBUNTU, 10, 14).saying("ubuntu 22.04 is listed twice (first on line 8)"),
        );
}

#[test]
fn a_dependency_version_written_as_a_yaml_number_must_be_quoted() {
    Site::minimal()
        .replace_line(
            RELEASE_1_1_0,
            r#"  python: ["3.9", "3.10"]"#,
            r#"  python: ["3.9", 3.10]"#,
        )
        .check()
        .exits(1)
        .reports_only(
            error("E013", RELEASE_1_1_0, 5, 19)
                .saying("it reads as 3.1")
                .saying(r#"quote it, "3.10""#),
        );
}

#[test]
fn a_dependency_file_name_with_capitals_is_a_bad_dependency_id() {
    Site::minimal()
        .write(
            "content/dependencies/PyTorch.yaml",
            "name: PyTorch\nkind: framework\nversions: []\n",
        )
        .check()
        .exits(1)
        .reports_only(
            file_error("E008", "content/dependencies/PyTorch.yaml")
                .saying("`PyTorch`")
                .saying("[a-z0-9][a-z0-9-]*"),
        );
}

#[test]
fn a_dependency_named_sdk_is_reserved() {
    Site::minimal()
        .write(
            "content/dependencies/sdk.yaml",
            "name: The SDK itself\nkind: framework\nversions: []\n",
        )
        .check()
        .exits(1)
        .reports_only(
            file_error("E008", "content/dependencies/sdk.yaml").saying("`sdk` is reserved"),
        );
}

#[test]
fn a_dependency_kind_missing_from_site_yaml_is_unknown() {
    Site::minimal()
        .replace_line(UBUNTU, "kind: os", "kind: distro")
        .check()
        .exits(1)
        .reports_only(
            error("E018", UBUNTU, 2, 7)
                .saying("unknown dependency kind `distro`")
                .saying("os, runtime, framework"),
        );
}

// ---------------------------------------------------------------------------------------
// References between files

#[test]
fn a_release_shipping_an_unknown_dependency_is_a_dangling_reference() {
    Site::minimal()
        .replace_line(
            RELEASE_1_1_0,
            r#"  python: ["3.9", "3.10"]"#,
            r#"  pythn: ["3.9", "3.10"]"#,
        )
        .check()
        .exits(1)
        .reports_only(
            error("E011", RELEASE_1_1_0, 5, 3)
                .saying("ships `pythn`")
                .saying("content/dependencies/pythn.yaml"),
        );
}

#[test]
fn a_release_shipping_an_unlisted_dependency_version_is_an_error() {
    Site::minimal()
        .replace_line(
            RELEASE_1_1_0,
            r#"  python: ["3.9", "3.10"]"#,
            r#"  python: ["3.9", "3.11"]"#,
        )
        .check()
        .exits(1)
        .reports_only(error("E012", RELEASE_1_1_0, 5, 19).saying(
            "release 1.1.0 ships python 3.11, which content/dependencies/python.yaml does not list",
        ));
}

#[test]
fn an_announcement_affecting_a_missing_sdk_version_is_a_dangling_reference() {
    Site::minimal()
        .insert_after(ANNOUNCEMENT, "affects:", "  - { sdk: 9.9.9 }")
        .check()
        .exits(1)
        .reports_only(error("E022", ANNOUNCEMENT, 5, 12).saying("affects SDK 9.9.9"));
}

#[test]
fn an_announcement_superseding_a_missing_slug_is_an_error_at_its_line() {
    Site::minimal()
        .insert_after(
            ANNOUNCEMENT,
            "eos: 2025-01-15",
            "supersedes: 2024-09-01-eos-python-3-9",
        )
        .check()
        .exits(1)
        .reports_only(
            error("E023", ANNOUNCEMENT, 7, 13)
                .saying("no content/announcements/2024-09-01-eos-python-3-9.md"),
        );
}

// ---------------------------------------------------------------------------------------
// Dates and their agreement

#[test]
fn dates_out_of_order_are_reported_at_the_date_that_goes_backwards() {
    Site::minimal()
        .replace_line(
            PYTHON,
            "    supported: 2023-03-01",
            "    supported: 2024-11-01",
        )
        .check()
        .exits(1)
        .reports_only(
            error("E010", PYTHON, 6, 16)
                .saying("`announced` (2024-10-01) is before `supported` (2024-11-01)"),
        );
}

#[test]
fn an_announcement_eos_disagreeing_with_the_data_is_an_error() {
    Site::minimal()
        .replace_line(ANNOUNCEMENT, "eos: 2025-01-15", "eos: 2025-02-01")
        .check()
        .exits(1)
        .reports_only(
            error("E014", ANNOUNCEMENT, 6, 6)
                .saying("announces eos 2025-02-01 for Python 3.9, but the data says 2025-01-15"),
        );
}

#[test]
fn removed_in_with_an_eos_other_than_that_release_date_is_a_conflict() {
    // 1.1.0 was released on 2024-03-01; ubuntu 20.04 says its eos is 2024-04-30.
    Site::minimal()
        .insert_after(UBUNTU, "    eos: 2024-04-30", "    removed_in: 1.1.0")
        .check()
        .exits(1)
        .reports_only(
            error("E015", UBUNTU, 7, 10)
                .saying("removed_in 1.1.0 (released 2024-03-01) and eos 2024-04-30")
                .saying("drop `eos` or make it 2024-03-01"),
        );
}

#[test]
fn a_release_at_removed_in_still_shipping_the_version_is_an_error() {
    Site::minimal()
        .replace_line(
            RELEASE_1_2_0,
            r#"  python: ["3.10"]"#,
            r#"  python: ["3.10", "3.9"]"#,
        )
        .check()
        .exits(1)
        .reports_only(
            error("E016", RELEASE_1_2_0, 7, 20)
                .saying("ships python 3.9, which is removed in 1.2.0"),
        );
}

#[test]
fn a_release_after_removed_in_still_shipping_the_version_is_an_error() {
    Site::minimal()
        .write(
            "content/releases/1.3.0.yaml",
            "version: 1.3.0\nreleased: 2025-03-01\ncomponents:\n  python: [\"3.9\"]\n",
        )
        .check()
        .exits(1)
        .reports_only(
            error("E016", "content/releases/1.3.0.yaml", 4, 12)
                .saying("releases from 1.2.0 on must not ship it"),
        );
}

// ---------------------------------------------------------------------------------------
// Markdown: front matter and shortcodes

#[test]
fn an_announcement_without_front_matter_suggests_the_fences() {
    Site::minimal()
        .write(ANNOUNCEMENT, "Python 3.9 is no longer supported.\n")
        .check()
        .exits(1)
        .reports_only(
            error("E019", ANNOUNCEMENT, 1, 1)
                .saying("no front matter")
                .saying("`---`"),
        );
}

#[test]
fn an_unclosed_front_matter_is_reported_at_its_opening_fence() {
    Site::minimal()
        .write(ANNOUNCEMENT, "---\ntitle: End of support for Python 3.9\ndate: 2024-10-01\n\nPython 3.9 is no longer supported.\n")
        .check()
        .exits(1)
        .reports_only(error("E019", ANNOUNCEMENT, 1, 1).saying("never closed").saying("add a `---` line"));
}

#[test]
fn a_front_matter_error_is_reported_at_its_line_in_the_whole_file() {
    // `eoss:` is line 5 of the YAML block and line 6 of the .md file.
    Site::minimal()
        .replace_line(ANNOUNCEMENT, "eos: 2025-01-15", "eoss: 2025-01-15")
        .check()
        .exits(1)
        .reports_only(error("E003", ANNOUNCEMENT, 6, 1).saying("unknown field `eoss`"));
}

#[test]
fn an_unknown_shortcode_is_reported_at_its_line_and_column_in_the_page() {
    Site::minimal()
        .replace_line(POLICY, "{{ sdk_table() }}", "{{ sdk_tabel() }}")
        .check()
        .exits(1)
        .reports_only(
            error("E020", POLICY, 6, 1)
                .saying("unknown shortcode `sdk_tabel`")
                .saying("sdk_table()"),
        );
}

#[test]
fn an_unknown_shortcode_argument_is_reported_at_its_shortcode() {
    Site::minimal()
        .replace_line(
            POLICY,
            "{{ sdk_table() }}",
            r#"Ubuntu: {{ dependency_table(knd="os") }}"#,
        )
        .check()
        .exits(1)
        .reports_only(
            error("E020", POLICY, 6, 9)
                .saying("unknown argument `knd` for dependency_table()")
                .saying("kind"),
        );
}

#[test]
fn a_shortcode_in_an_announcement_body_is_positioned_below_the_front_matter() {
    Site::minimal()
        .insert_after(
            ANNOUNCEMENT,
            "Python 3.9 is no longer supported starting with Acme SDK 1.2.0.",
            "\nUpcoming: {{ upcoming_eos(days=\"soon\") }}",
        )
        .check()
        .exits(1)
        .reports_only(error("E020", ANNOUNCEMENT, 10, 11).saying("`days` must be a whole number"));
}

#[test]
fn shortcodes_inside_code_are_text() {
    Site::minimal()
        .replace_line(
            POLICY,
            "{{ sdk_table() }}",
            "`{{ nope() }}`\n\n```\n{{ nope() }}\n```",
        )
        .check()
        .is_clean();
}

#[test]
fn a_front_matter_missing_field_is_reported_at_its_first_key_in_the_whole_file() {
    Site::minimal()
        .delete_line(ANNOUNCEMENT, "title: End of support for Python 3.9")
        .check()
        .exits(1)
        .reports_only(error("E004", ANNOUNCEMENT, 2, 1).saying("missing field `title`"));
}

// ---------------------------------------------------------------------------------------
// Site layout and configuration

#[test]
fn a_page_at_a_url_the_generator_writes_is_a_duplicate_url() {
    Site::minimal()
        .write("content/releases.md", "# Releases\n")
        .check()
        .exits(1)
        .reports_only(file_error("E017", "content/releases.md").saying("/releases/"));
}

#[test]
fn a_stray_file_in_a_data_folder_is_an_error() {
    Site::minimal()
        .write("content/releases/notes.txt", "notes\n")
        .check()
        .exits(1)
        .reports_only(
            file_error("E001", "content/releases/notes.txt").saying("expected <name>.yaml files"),
        );
}

#[test]
fn a_base_url_without_a_scheme_is_a_bad_config() {
    Site::minimal()
        .replace_line(
            "site.yaml",
            "base_url: https://example.org/acme/",
            "base_url: example.org/acme",
        )
        .check()
        .exits(1)
        .reports_only(error("E024", "site.yaml", 4, 11).saying("not an absolute http(s) URL"));
}

#[test]
fn two_derived_announcements_with_the_same_slug_are_a_duplicate_url() {
    // `3.x` and `3-x` both become `3-x` in a derived slug; announced the same day, they clash.
    Site::minimal()
        .write(
            "content/dependencies/tool.yaml",
            "name: Tool\nkind: runtime\nversions:\n  - version: \"3.x\"\n    announced: 2025-01-10\n    eos: 2025-05-01\n  - version: \"3-x\"\n    announced: 2025-01-10\n    eos: 2025-05-01\n",
        )
        .check()
        .exits(1)
        .reports_only(error("E017", "content/dependencies/tool.yaml", 4, 14).saying("/announcements/2025-01-10-eos-tool-3-x/"));
}

#[test]
fn a_version_listed_twice_in_a_release_component_is_a_duplicate() {
    Site::minimal()
        .write(
            RELEASE_1_1_0,
            "version: 1.1.0\nreleased: 2024-03-01\ncomponents:\n  python: [\"3.10\", \"3.10\"]\n",
        )
        .check()
        .exits(1)
        .reports_only(error("E009", RELEASE_1_1_0, 4, 20).saying("python 3.10 is listed twice"));
}
