//! Policy rules that project end-of-support dates (issue 14), through the binary: each
//! `after` kind, `successors`, `months` with clamping, the revision in force, unreleased
//! successors, stated and `removed_in` dates winning, phases before/on/after a projected
//! date, the calendar, feeds, badges, the APIs, and the marking of every projected date.

#[path = "../common/mod.rs"]
mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// A site with releases 1.0.0 (2024-01-01), 1.0.1 (2024-02-01), 1.1.0 (2024-08-31),
/// 2.0.0 (2025-01-01) and 2.1.0 (2025-09-01, after the usual as-of date), none with an
/// `eos` but 1.0.1's, and a dependency with three versions. `sdk_rule` and `dep_rule` go
/// into the (single) policy revision.
fn site(sdk_rule: &str, dep_rule: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |rel: &str, text: &str| common::write(dir.path(), rel, text);
    w(
        "site.yaml",
        &format!(
            "title: Rules\nproduct: Acme SDK\nbase_url: https://example.org/\npolicy:\n  sdk: {{ min_support_months: 0, min_notice_months: 0{sdk_rule} }}\n  dependency: {{ min_notice_months: 0{dep_rule} }}\n"
        ),
    );
    w(
        "content/policy.md",
        "---\ntitle: Policy\n---\n{{ sdk_table() }}\n\n{{ dependency_table() }}\n",
    );
    for (v, date, extra) in [
        ("1.0.0", "2024-01-01", ""),
        (
            "1.0.1",
            "2024-02-01",
            "eos_announced: 2024-03-01\neos: 2024-04-01\n",
        ),
        ("1.1.0", "2024-08-31", ""),
        ("2.0.0", "2025-01-01", ""),
        ("2.1.0", "2025-09-01", ""),
    ] {
        w(
            &format!("content/releases/{v}.yaml"),
            &format!(
                "version: {v}\nreleased: {date}\n{extra}components:\n  lib: [\"1\", \"2\", \"3\"]\n"
            ),
        );
    }
    w(
        "content/dependencies/lib.yaml",
        "name: Lib\nkind: framework\nversions:\n  - version: \"1\"\n    supported: 2023-01-31\n  - version: \"2\"\n    supported: 2024-05-01\n  - version: \"3\"\n    supported: 2025-08-01\n",
    );
    dir
}

struct Built {
    _dir: tempfile::TempDir,
    out: std::path::PathBuf,
}

impl Built {
    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
    fn json(&self, rel: &str) -> Value {
        serde_json::from_str(&self.read(rel)).unwrap()
    }
    /// version -> (eos, eos_projected, phase) from api/v1/releases.json.
    fn releases(&self) -> BTreeMap<String, (Option<String>, bool, String)> {
        self.json("api/v1/releases.json")["releases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["version"].as_str().unwrap().to_string(),
                    (
                        r["eos"].as_str().map(str::to_string),
                        r["eos_projected"].as_bool().unwrap(),
                        r["phase"].as_str().unwrap().to_string(),
                    ),
                )
            })
            .collect()
    }
    fn eos(&self, v: &str) -> Option<String> {
        self.releases()[v].0.clone()
    }
    /// Dependency version -> (eos, eos_projected).
    fn lib(&self) -> BTreeMap<String, (Option<String>, bool)> {
        self.json("api/v1/dependencies.json")["dependencies"][0]["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["version"].as_str().unwrap().to_string(),
                    (
                        v["eos"].as_str().map(str::to_string),
                        v["eos_projected"].as_bool().unwrap(),
                    ),
                )
            })
            .collect()
    }
}

fn build(site: tempfile::TempDir, as_of: &str) -> Built {
    let out = site.path().join("public");
    let o = Command::cargo_bin("lifecycle")
        .unwrap()
        .args(["build", "--as-of", as_of, "--site"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Built { _dir: site, out }
}

fn s(d: &str) -> Option<String> {
    Some(d.to_string())
}

#[test]
fn after_release_with_month_clamping() {
    let b = build(
        site(", projected_eos: { after: release, months: 6 }", ""),
        "2025-06-01",
    );
    assert_eq!(b.eos("1.0.0"), s("2024-07-01"));
    // 2024-08-31 + 6 calendar months clamps to the end of February.
    assert_eq!(b.eos("1.1.0"), s("2025-02-28"));
    // A stated date wins.
    assert_eq!(
        b.releases()["1.0.1"],
        (s("2024-04-01"), false, "end-of-support".into())
    );
    assert!(b.releases()["1.0.0"].1);
}

#[test]
fn after_next_release_minor_major_and_successors() {
    let b = build(
        site(", projected_eos: { after: next_release }", ""),
        "2025-06-01",
    );
    assert_eq!(b.eos("1.0.0"), s("2024-02-01"), "1.0.1 is the next release");
    assert_eq!(
        b.eos("2.0.0"),
        None,
        "2.1.0 is not released by the as-of date"
    );
    let b = build(
        site(", projected_eos: { after: next_minor, months: 6 }", ""),
        "2025-06-01",
    );
    assert_eq!(b.eos("1.0.0"), s("2025-02-28"), "1.1.0 + 6 months");
    assert_eq!(b.eos("1.1.0"), s("2025-07-01"), "2.0.0 + 6 months");
    assert_eq!(b.eos("2.0.0"), None);
    let b = build(
        site(", projected_eos: { after: next_major }", ""),
        "2025-06-01",
    );
    assert_eq!(b.eos("1.0.0"), s("2025-01-01"));
    assert_eq!(b.eos("1.1.0"), s("2025-01-01"));
    assert_eq!(b.eos("2.0.0"), None);
    let b = build(
        site(", projected_eos: { after: next_minor, successors: 2 }", ""),
        "2025-06-01",
    );
    assert_eq!(
        b.eos("1.0.0"),
        s("2025-01-01"),
        "the second newer line is 2.0"
    );
    assert_eq!(b.eos("1.1.0"), None, "only one newer line is released");
    // Once 2.1.0 is out, 2.0.0 gets its date, and 1.1.0 its second successor.
    let b = build(
        site(", projected_eos: { after: next_minor, successors: 2 }", ""),
        "2025-10-01",
    );
    assert_eq!(b.eos("1.1.0"), s("2025-09-01"));
}

#[test]
fn phases_follow_projected_dates_before_on_and_after() {
    let rule = ", projected_eos: { after: next_major }";
    for (as_of, phase) in [
        ("2024-12-31", "supported"),
        ("2025-01-01", "end-of-support"),
        ("2025-06-01", "end-of-support"),
    ] {
        let b = build(site(rule, ""), as_of);
        assert_eq!(b.releases()["1.1.0"].2, phase, "as of {as_of}");
    }
}

#[test]
fn the_revision_in_force_on_the_release_date_governs() {
    let dir = site("", "");
    std::fs::write(
        dir.path().join("site.yaml"),
        "title: Rules\nproduct: Acme SDK\nbase_url: https://example.org/\npolicy:\n  - effective: 2023-01-01\n    sdk: { min_support_months: 0, min_notice_months: 0, projected_eos: { after: release, months: 3 } }\n  - effective: 2024-06-01\n    sdk: { projected_eos: { after: release, months: 12 } }\n",
    )
    .unwrap();
    let b = build(dir, "2025-06-01");
    assert_eq!(
        b.eos("1.0.0"),
        s("2024-04-01"),
        "released under the first revision"
    );
    assert_eq!(b.eos("1.1.0"), s("2025-08-31"), "released under the second");
}

#[test]
fn dependency_rules_and_removed_in_wins() {
    let b = build(
        site("", ", projected_eos: { after: next_version, months: 6 }"),
        "2025-06-01",
    );
    let lib = b.lib();
    assert_eq!(lib["1"], (s("2024-11-01"), true), "version 2 + 6 months");
    assert_eq!(
        lib["2"],
        (None, false),
        "version 3 is not supported by the as-of date"
    );
    let dir = site("", ", projected_eos: { after: next_version, months: 6 }");
    let p = dir.path().join("content/dependencies/lib.yaml");
    let text = std::fs::read_to_string(&p).unwrap().replace(
        "    supported: 2023-01-31\n",
        "    supported: 2023-01-31\n    removed_in: 1.1.0\n",
    );
    std::fs::write(&p, text).unwrap();
    for r in ["1.1.0", "2.0.0", "2.1.0"] {
        let rp = dir.path().join(format!("content/releases/{r}.yaml"));
        let t = std::fs::read_to_string(&rp)
            .unwrap()
            .replace("[\"1\", ", "[");
        std::fs::write(&rp, t).unwrap();
    }
    let b = build(dir, "2025-06-01");
    assert_eq!(
        b.lib()["1"],
        (s("2024-08-31"), false),
        "removed_in gives a stated date"
    );
}

#[test]
fn unknown_rule_values_are_positioned_errors() {
    for rule in [
        ", projected_eos: { after: next_tuesday }",
        ", projected_eos: { after: release, months: 99999 }",
        ", projected_eos: { after: release, successors: 0 }",
        ", projected_eos: { after: release, weeks: 2 }",
    ] {
        let dir = site(rule, "");
        let o = Command::cargo_bin("lifecycle")
            .unwrap()
            .args([
                "check",
                "--format",
                "json",
                "--as-of",
                "2025-06-01",
                "--site",
            ])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{rule}");
        let d: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
        assert!(
            d.iter().any(|d| d["file"] == "site.yaml" && d["line"] == 5),
            "{rule}: {d:#?}"
        );
    }
    // And next_version is for dependencies only.
    let dir = site(", projected_eos: { after: next_version }", "");
    let o = Command::cargo_bin("lifecycle")
        .unwrap()
        .args(["check", "--as-of", "2025-06-01", "--site"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn checks_compare_stated_dates_and_notice_with_the_rule() {
    // 1.0.1 states 2024-04-01, earlier than release + 12 months: W106. 1.1.0's projected
    // end (2025-08-31) is within 3 months of 2025-06-01 and nobody announced it: W107.
    let dir = site(", projected_eos: { after: release, months: 12 }", "");
    let yaml = dir.path().join("site.yaml");
    let t = std::fs::read_to_string(&yaml)
        .unwrap()
        .replace("min_notice_months: 0,", "min_notice_months: 3,");
    std::fs::write(&yaml, t).unwrap();
    let run = |strict: bool| {
        let mut c = Command::cargo_bin("lifecycle").unwrap();
        c.args([
            "check",
            "--format",
            "json",
            "--as-of",
            "2025-06-01",
            "--site",
        ])
        .arg(dir.path());
        if strict {
            c.arg("--strict");
        }
        c.output().unwrap()
    };
    let o = run(false);
    assert_eq!(o.status.code(), Some(0));
    let d: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    let w106: Vec<_> = d.iter().filter(|d| d["code"] == "W106").collect();
    assert_eq!(w106.len(), 1, "{d:#?}");
    assert_eq!(
        (w106[0]["file"].as_str(), w106[0]["line"].as_u64()),
        (Some("content/releases/1.0.1.yaml"), Some(4))
    );
    let w107: Vec<_> = d.iter().filter(|d| d["code"] == "W107").collect();
    assert!(
        w107.iter()
            .any(|d| d["file"] == "content/releases/1.1.0.yaml" && d["line"] == 1),
        "{d:#?}"
    );
    assert_eq!(
        run(true).status.code(),
        Some(1),
        "--strict makes them errors"
    );
}

#[test]
fn every_projected_date_is_marked_and_explained() {
    let b = build(
        site(
            ", projected_eos: { after: next_minor, months: 6 }",
            ", projected_eos: { after: next_version, months: 6 }",
        ),
        "2024-12-01",
    );
    let projected = |page: &str| {
        let html = scraper::Html::parse_document(&b.read(page));
        let marks = html
            .select(&scraper::Selector::parse("em.projected time").unwrap())
            .map(|t| t.value().attr("datetime").unwrap().to_string())
            .collect::<Vec<_>>();
        let legend = html
            .select(&scraper::Selector::parse(".projection-legend").unwrap())
            .count();
        (marks, legend)
    };
    for page in [
        "releases/1.0.0/index.html",
        "releases/index.html",
        "index.html",
        "dependencies/lib/index.html",
        "dependencies/index.html",
        "policy/index.html",
    ] {
        let (marks, legend) = projected(page);
        assert!(!marks.is_empty(), "{page} marks no projected date");
        assert!(legend >= 1, "{page} has no legend");
    }
    let (marks, _) = projected("releases/1.0.0/index.html");
    assert!(marks.contains(&"2025-02-28".to_string()), "{marks:?}");
    // Unmarked: a stated date. And a page without projections has no legend.
    let (marks, legend) = projected("releases/1.0.1/index.html");
    assert!(!marks.contains(&"2024-04-01".to_string()));
    let _ = legend;
    // 2.0.0 has no successor yet: its page says what ends it.
    assert!(
        b.read("releases/2.0.0/index.html")
            .contains("End of support 6 months after the next minor release")
    );
    // The timeline's tooltips say which end is projected.
    assert!(
        b.read("timeline.svg")
            .contains("until 2025-02-28 (projected)")
    );
    // Badges say the phase, not a projected date.
    let badge = b.json("badges/1.0.0.json");
    assert_eq!(badge["message"], "Supported");
    // endoflife.date API: the date, and `custom` says it is projected.
    let r = b.json("api/v1/products/acme-sdk/releases/1.0.0/index.json");
    assert_eq!(r["result"]["eolFrom"], "2025-02-28");
    assert_eq!(r["result"]["custom"]["eolProjected"], "true");
}

#[test]
fn feeds_and_calendar_treat_projections_as_tentative() {
    let rule = ", projected_eos: { after: next_minor, months: 6 }";
    let b = build(site(rule, ""), "2025-02-01");
    let ics = b.read("eos.ics");
    let event = |uid: &str| {
        let start = ics
            .find(&format!("UID:{uid}"))
            .unwrap_or_else(|| panic!("no {uid}:\n{ics}"));
        let begin = ics[..start].rfind("BEGIN:VEVENT").unwrap();
        let end = start + ics[start..].find("END:VEVENT").unwrap();
        ics[begin..end].to_string()
    };
    let e = event("sdk-1.0.0-eos@example.org");
    assert!(e.contains("STATUS:TENTATIVE"), "{e}");
    assert!(e.contains("SEQUENCE:0"), "{e}");
    assert!(!event("sdk-1.0.1-eos@example.org").contains("TENTATIVE"));
    // No reminder and no derived announcement from a projection (1.0.0 ends 2025-02-28).
    let rss = b.read("rss.xml");
    assert!(!rss.contains("1.0.0 reaches end of support in"), "{rss}");
    assert!(!rss.contains("End of support for Acme SDK 1.0.0"), "{rss}");
    if let Some(python) = common::tool("projections::calendar", "LIFECYCLE_PYTHON") {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/check_ics.py");
        let o = std::process::Command::new(python)
            .arg(script)
            .arg(b.out.join("eos.ics"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }

    // The vendor states the date: same UID, SEQUENCE rises, no longer tentative.
    let dir = site(rule, "");
    let p = dir.path().join("content/releases/1.0.0.yaml");
    let t = std::fs::read_to_string(&p).unwrap().replace(
        "released: 2024-01-01\n",
        "released: 2024-01-01\neos_announced: 2025-01-15\neos: 2025-03-31\n",
    );
    std::fs::write(&p, t).unwrap();
    let b = build(dir, "2025-02-01");
    let ics = b.read("eos.ics");
    let start = ics.find("UID:sdk-1.0.0-eos@example.org").unwrap();
    let begin = ics[..start].rfind("BEGIN:VEVENT").unwrap();
    let e = &ics[begin..start + ics[start..].find("END:VEVENT").unwrap()];
    assert!(e.contains("SEQUENCE:1") && !e.contains("TENTATIVE"), "{e}");
    assert!(e.contains("DTSTART;VALUE=DATE:20250331"), "{e}");
}
