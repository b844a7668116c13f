//! Arbitrary strings (all of Unicode, controls, CR/LF, `]]>`, `{{`, quotes) in every text
//! field of a small site: the pipeline never panics; it either reports an error that names
//! its file, or builds a site whose feeds are well-formed XML and whose calendar the
//! icalendar library reads with one event per date in the data.

use crate::common::tool;
use lifecycle::pipeline::{self, BuildOptions};
use proptest::prelude::*;
use std::path::Path;

/// Printable but hostile text: what passes validation and must still come out escaped.
fn printable() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "\\PC{0,16}",
        1 => prop::sample::select(vec![
            "]]>".to_string(),
            "{{ sdk_table() }}".to_string(),
            "{{".to_string(),
            "\"'<&>".to_string(),
            "x;y,z\\".to_string(),
            "BEGIN:VEVENT".to_string(),
            "é".repeat(60),
            "a".repeat(200),
            "<script>alert(1)</script>".to_string(),
        ]),
    ]
}

/// Anything at all: controls, CR/LF, U+FFFE, lone surrogates' neighbours.
fn anything() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::sample::select(vec![
            "a\r\nb".to_string(),
            "\u{1}\u{1b}[2K\u{7f}\u{9b}".to_string(),
            "\u{fffe}\u{ffff}".to_string(),
            "".to_string(),
        ]),
    ]
}

/// YAML double-quoted scalar of `s` (JSON string syntax is valid YAML there).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[derive(Debug, Clone)]
struct Texts {
    title: String,
    product: String,
    summary: String,
    name: String,
    version: String,
    ann_title: String,
    body: String,
}

/// Every field printable-hostile, and one (chosen) field anything at all: so that runs
/// reach both the error path and the output path.
fn texts() -> impl Strategy<Value = Texts> {
    (
        prop::collection::vec(printable(), 6),
        "[A-Za-z0-9._+~-]{1,8}",
        0..8usize,
        anything(),
    )
        .prop_map(|(mut f, version, wild, any)| {
            let mut version = version;
            match wild {
                0..=5 => f[wild] = any,
                6 => version = any,
                _ => {}
            }
            Texts {
                title: f[0].clone(),
                product: f[1].clone(),
                summary: f[2].clone(),
                name: f[3].clone(),
                ann_title: f[4].clone(),
                body: f[5].clone(),
                version,
            }
        })
}

fn write_site(dir: &Path, t: &Texts) {
    let w = |rel: &str, text: String| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "site.yaml",
        format!(
            "title: {}\nproduct: {}\nbase_url: https://example.org/p/\npolicy:\n  sdk: {{ min_support_months: 0, min_notice_months: 0 }}\n",
            q(&t.title),
            q(&t.product)
        ),
    );
    w(
        "content/releases/1.0.0.yaml",
        format!(
            "version: 1.0.0\nreleased: 2024-01-01\neos_announced: 2024-06-01\neos: 2025-01-01\nsummary: {}\ncomponents:\n  dep: [{}]\n",
            q(&t.summary),
            q(&t.version)
        ),
    );
    w(
        "content/dependencies/dep.yaml",
        format!(
            "name: {}\nkind: runtime\nversions:\n  - version: {}\n    supported: 2023-01-01\n    announced: 2024-02-01\n    maintenance: 2024-06-01\n    eos: 2024-12-01\n",
            q(&t.name),
            q(&t.version)
        ),
    );
    w(
        "content/announcements/2024-06-01-hand.md",
        format!(
            "---\ntitle: {}\ndate: 2024-06-01\naffects:\n  - {{ sdk: 1.0.0 }}\neos: 2025-01-01\n---\n{}\n",
            q(&t.ann_title),
            t.body
        ),
    );
}

fn parse_xml(path: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: not UTF-8: {e}"));
    if let Err(e) = roxmltree::Document::parse(text) {
        panic!("{path} is not well-formed XML: {e}\n{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_gives_an_error_or_valid_output(t in texts()) {
        let dir = tempfile::tempdir().unwrap();
        write_site(dir.path(), &t);
        let opts = BuildOptions {
            as_of: lifecycle::dates::parse_date("2025-06-01"),
            base_url: None,
            ..BuildOptions::default()
        };
        let run = pipeline::run(dir.path(), &opts, chrono::NaiveDate::MIN);
        match run.output {
            None => {
                let errors: Vec<_> = run.diagnostics.iter().filter(|d| d.severity == lifecycle::diagnostics::Severity::Error).collect();
                prop_assert!(!errors.is_empty());
                for d in &errors {
                    prop_assert!(d.file.is_some(), "an error with no file: {d}");
                }
                prop_assert!(errors.iter().any(|d| d.line.is_some()), "no error has a position: {errors:?}");
            }
            Some(out) => {
                for (path, bytes) in &out.files {
                    if path.ends_with(".xml") || path.ends_with(".svg") {
                        parse_xml(path, bytes);
                    }
                    if path.ends_with(".json") {
                        serde_json::from_slice::<serde_json::Value>(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
                    }
                }
                check_calendar(&out.files["eos.ics"], 3);
            }
        }
    }
}

/// `eos.ics` as the icalendar library reads it: no problem, and `events` events.
fn check_calendar(ics: &[u8], events: usize) {
    let Some(python) = tool("hardening::properties", "LIFECYCLE_PYTHON") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("eos.ics");
    std::fs::write(&file, ics).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/check_ics.py");
    let o = std::process::Command::new(python)
        .arg(script)
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "check_ics.py: {}\n{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(ics)
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report["events"].as_array().unwrap().len(),
        events,
        "{stdout}"
    );
}
