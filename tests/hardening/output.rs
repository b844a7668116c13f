//! Cases 5-7: output that was invalid or injectable.

use crate::support::*;

/// Case 5: CR/LF in a title or a version cannot inject calendar lines: such values are refused
/// with their position, and text that is allowed is escaped as TEXT (NAME included).
#[test]
fn calendar_text_is_never_raw() {
    let site = Site::basic().edit(
        "site.yaml",
        "title: Acme SDK support lifecycle",
        "title: \"Acme\\r\\nEND:VEVENT\\r\\nBEGIN:VEVENT\"",
    );
    let o = site.check();
    assert_eq!(o.code(), 1);
    let d = o.diagnostic("E026", true);
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("site.yaml"), Some(4))
    );
    let site = Site::basic().edit(
        "content/dependencies/python.yaml",
        "version: \"3.10\"",
        "version: \"3.1\\r0\"",
    );
    let d = site.check().diagnostic("E026", true);
    assert_eq!(d["file"], "content/dependencies/python.yaml");

    // Allowed punctuation is escaped: the calendar's NAME keeps `;` and `,` as text.
    let site = Site::basic().edit(
        "site.yaml",
        "title: Acme SDK support lifecycle",
        "title: \"Acme; SDK, \\\\ lifecycle\"",
    );
    let out = tempfile::tempdir().unwrap();
    let o = site.run(&[
        "build",
        "--as-of",
        AS_OF,
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.code(), 0, "{}", o.stderr);
    let ics = std::fs::read_to_string(out.path().join("eos.ics")).unwrap();
    assert!(
        ics.contains("NAME;VALUE=TEXT:Acme\\; SDK\\, \\\\ lifecycle: end-of-support dates\r\n"),
        "{ics}"
    );
    for line in ics.split("\r\n") {
        assert!(
            !line.contains('\r') && !line.contains('\n'),
            "bare CR or LF in {line:?}"
        );
    }
}

/// Case 6: Control characters are refused at validation with their position, and never reach
/// the terminal raw.
#[test]
fn control_characters_are_refused_and_never_printed_raw() {
    for (file, old, new) in [
        (
            "site.yaml",
            "product: Acme SDK",
            "product: \"Acme\\x01 SDK\"",
        ),
        (
            "content/releases/1.0.0.yaml",
            "summary: First release.",
            "summary: \"First\\uFFFE\"",
        ),
        (
            "content/dependencies/python.yaml",
            "name: Python",
            "name: \"Py\\x1bthon\"",
        ),
        (
            "content/announcements/2024-10-01-eos-acme-1-0.md",
            "title: ",
            "title: \"\\x07\" #",
        ),
    ] {
        let site = Site::basic().edit(file, old, new);
        let o = site.check();
        assert_eq!(o.code(), 1, "{file}: {}", o.stderr);
        let d = o.diagnostic("E026", true);
        assert_eq!(d["file"], file);
    }
    let site = Site::basic().edit(
        "content/dependencies/python.yaml",
        "kind: runtime",
        "kind: \"x\\e[2K\\rcheck passed\"",
    );
    let o = site.run(&["check", "--as-of", AS_OF]);
    assert_eq!(o.code(), 1);
    assert!(
        !o.stderr.contains('\u{1b}') && !o.stderr.contains('\r'),
        "{:?}",
        o.stderr
    );
    assert!(o.stderr.contains("check failed"), "{}", o.stderr);
}

/// Case 7: A "never" date like 9999-12-31 is a clear error, not an invalid calendar.
#[test]
fn far_future_dates_are_clear_errors() {
    let site = Site::basic().edit(
        "content/dependencies/python.yaml",
        "eos: 2025-12-01",
        "eos: 9999-12-31",
    );
    let o = site.check();
    assert_eq!(o.code(), 1);
    let d = o.diagnostic("E005", true);
    assert_eq!(d["file"], "content/dependencies/python.yaml");
    assert!(
        d["message"].as_str().unwrap().contains("leave `eos` out"),
        "{d}"
    );
}
