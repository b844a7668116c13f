//! Cases 11-14: `check` sees everything `build` sees, and every problem has a place.

use crate::support::*;

/// Case 11: File/folder clashes and slug clashes are E017 (or a bad slug) at check, naming both.
#[test]
fn output_path_clashes_are_found_by_check() {
    let site = Site::basic().write("static/releases", "a file where a folder goes");
    let o = site.check();
    assert_eq!(o.code(), 1, "{}", o.stderr);
    let d = o.diagnostic("E017", false);
    assert_eq!(d["file"], "static/releases");
    let msg = d["message"].as_str().unwrap();
    assert!(
        msg.contains("static/releases") && msg.contains("releases/"),
        "{msg}"
    );

    let site = Site::basic().write(
        "content/announcements/index.html.md",
        "---\ntitle: X\ndate: 2024-01-01\n---\nx\n",
    );
    let d = site.check().diagnostic("E024", false);
    assert_eq!(d["file"], "content/announcements/index.html.md");
    // And build agrees: it fails the same way, and writes nothing.
    let out = tempfile::tempdir().unwrap();
    let o = site.run(&[
        "build",
        "--as-of",
        AS_OF,
        "--out",
        out.path().join("p").to_str().unwrap(),
    ]);
    assert_eq!(o.code(), 1);
    assert!(!out.path().join("p").exists());
}

/// Case 12: A hand-written file with a derived slug that does not cover that date is E017; the
/// derived announcement is not silently replaced.
#[test]
fn a_derived_slug_is_not_taken_silently() {
    let site = Site::basic().write(
        "content/announcements/2024-06-01-eos-ubuntu-18-04.md",
        "---\ntitle: Clash\ndate: 2020-01-01\n---\nx\n",
    );
    let o = site.check();
    assert_eq!(o.code(), 1);
    let d = o.diagnostic("E017", false);
    assert_eq!(
        d["file"],
        "content/announcements/2024-06-01-eos-ubuntu-18-04.md"
    );
    // One that does cover it (same date, names the version) is the announcement.
    let site = Site::basic().write(
        "content/announcements/2024-06-01-eos-ubuntu-18-04.md",
        "---\ntitle: Ubuntu 18.04 ends\ndate: 2024-06-01\naffects:\n  - { dependency: ubuntu, version: \"18.04\" }\neos: 2024-06-01\n---\nx\n",
    );
    let o = site.check();
    assert_eq!(o.code(), 0, "{}", o.stdout);
}

/// Case 13: Every entry under content/ is read or reported, never skipped silently.
#[test]
fn content_entries_are_read_or_reported() {
    // A symlinked release file is read: its error shows.
    let site = Site::basic().write("elsewhere/9.0.0.yaml", "version: 9.0.0\nreleased: nope\n");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            site.path().join("elsewhere/9.0.0.yaml"),
            site.path().join("content/releases/9.0.0.yaml"),
        )
        .unwrap();
        let d = site.check().diagnostic("E005", true);
        assert_eq!(d["file"], "content/releases/9.0.0.yaml");
        std::fs::remove_file(site.path().join("content/releases/9.0.0.yaml")).unwrap();
        // A link out of the site, and a loop, are reported.
        std::os::unix::fs::symlink("/etc/hostname", site.path().join("content/host.md")).unwrap();
        std::fs::create_dir_all(site.path().join("content/loop")).unwrap();
        std::os::unix::fs::symlink("..", site.path().join("content/loop/up")).unwrap();
        let o = site.check();
        let files: Vec<String> = o
            .diagnostics()
            .iter()
            .filter(|d| d["code"] == "E001")
            .map(|d| d["file"].as_str().unwrap_or("").to_string())
            .collect();
        assert!(files.contains(&"content/host.md".into()), "{files:?}");
        assert!(files.contains(&"content/loop/up".into()), "{files:?}");
        std::fs::remove_file(site.path().join("content/host.md")).unwrap();
        std::fs::remove_file(site.path().join("content/loop/up")).unwrap();
    }
    let site = site.write("content/faq.MD", "# FAQ\n");
    let d = site.check().diagnostic("E001", false);
    assert_eq!(d["file"], "content/faq.MD");

    let site = Site::basic();
    std::fs::remove_dir_all(site.path().join("content/releases")).unwrap();
    let site = site.write("content/releases", "not a folder");
    let d = site.check().diagnostic("E001", false);
    assert_eq!(d["file"], "content/releases");
}

/// Case 14: Dangling or unlocated problems get a place.
#[test]
fn every_problem_has_a_place() {
    // A policy revision's page that does not exist, even under --strict and as an earlier one.
    let site = Site::basic().edit(
        "site.yaml",
        "policy:\n  sdk: { min_support_months: 12, min_notice_months: 3 }\n  dependency: { min_notice_months: 0 }",
        "policy:\n  - effective: 2020-01-01\n    page: policy/old.md\n  - effective: 2024-01-01\n    sdk: { min_support_months: 12, min_notice_months: 3 }",
    );
    let o = site.run(&["check", "--format", "json", "--as-of", AS_OF, "--strict"]);
    assert_eq!(o.code(), 1, "{}", o.stdout);
    let d = o.diagnostic("E024", true);
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("site.yaml"), Some(9))
    );

    // Announcement slugs are letters, digits and dashes.
    let site = Site::basic().write(
        "content/announcements/rss.xml.md",
        "---\ntitle: X\ndate: 2024-01-01\n---\nx\n",
    );
    assert_eq!(
        site.check().diagnostic("E024", false)["file"],
        "content/announcements/rss.xml.md"
    );

    // A broken raw-HTML link is reported in its source file, at its line.
    let site = Site::basic().edit(
        "content/policy.md",
        "{{ sdk_table() }}",
        "<a href=\"/acme/nope/\">x</a>",
    );
    let d = site.check().diagnostic("E021", true);
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("content/policy.md"), Some(6))
    );

    // A relative Markdown link is checked, against the page it is on.
    let site = Site::basic().edit(
        "content/policy.md",
        "{{ sdk_table() }}",
        "See [x](nope/) and [ok](../releases/).",
    );
    let o = site.check();
    let broken: Vec<_> = o
        .diagnostics()
        .into_iter()
        .filter(|d| d["code"] == "E021")
        .collect();
    assert_eq!(broken.len(), 1, "{broken:#?}");
    assert_eq!(broken[0]["line"], 6);

    // A bad dependency_kinds key is positioned.
    let text = Site::basic().read("site.yaml")
        + "dependency_kinds:\n  os: OS\n  Bad_Kind: X\n  runtime: R\n  framework: F\n";
    let site = Site::basic().write("site.yaml", &text);
    let d = site.check().diagnostic("E024", true);
    assert!(d["message"].as_str().unwrap().contains("Bad_Kind"), "{d}");

    // base_url with a query or a fragment, and --base-url likewise.
    for bad in ["https://example.com/x?q=1", "https://example.com/x#frag"] {
        let site = Site::basic().edit(
            "site.yaml",
            "base_url: https://example.org/acme/",
            &format!("base_url: {bad}"),
        );
        let d = site.check().diagnostic("E024", true);
        assert_eq!(d["file"], "site.yaml");
        let o = Site::basic().run(&["build", "--as-of", AS_OF, "--base-url", bad]);
        assert_eq!(o.code(), 2, "{}", o.stderr);
    }
}
