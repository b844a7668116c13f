//! Upstream lifecycles (issue 13), through the binary: `lifecycle import endoflife` on the
//! three endoflife.date formats (fixtures in tests/fixtures/upstream/, written for these
//! tests), merging into existing files, refusals; upstream dates as fallbacks and `true`
//! ("ended, date not published") through phases, tables, both APIs, calendars, feeds and
//! badges; and the warnings W108-W110.

#[path = "../common/mod.rs"]
mod common;

use assert_cmd::Command;
use common::Rng;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    common::repo_root()
        .join("tests/fixtures/upstream")
        .join(name)
}

fn lifecycle() -> Command {
    Command::cargo_bin("lifecycle").unwrap()
}

/// A fresh `lifecycle new` site.
fn new_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    lifecycle()
        .arg("new")
        .arg(dir.path().join("site"))
        .assert()
        .success();
    dir
}

fn site_of(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("site")
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn import(site: &Path, args: &[&str], files: &[PathBuf]) -> Run {
    let o = lifecycle()
        .args(["import", "endoflife", "--site"])
        .arg(site)
        .args(args)
        .args(files)
        .output()
        .unwrap();
    Run {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Build `site` as of `as_of` into a fresh directory; returns it.
fn build(site: &Path, as_of: &str) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("out");
    let o = lifecycle()
        .args(["build", "--as-of", as_of, "--site"])
        .arg(site)
        .arg("--out")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    (out, dir)
}

fn json(out: &Path, rel: &str) -> Value {
    let text = std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every file below `dir` with its bytes: to show that nothing changed.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// version -> the version object of our own JSON (`api/v1/dependencies.json`).
fn versions(out: &Path, id: &str) -> BTreeMap<String, Value> {
    let api = json(out, "api/v1/dependencies.json");
    let dep = api["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no dependency {id}"))
        .clone();
    dep["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["version"].as_str().unwrap().to_string(), v.clone()))
        .collect()
}

/// The acmeos fixture as endoflife.date reads it: (cycle here, release date, eoas, eol),
/// with `None` for no date / `false` and `Some("true")` for `true`.
const ACMEOS: [(&str, &str, Option<&str>, Option<&str>); 7] = [
    (
        "26.04",
        "2026-04-23",
        Some("2031-04-30"),
        Some("2031-04-30"),
    ),
    (
        "24.04",
        "2024-04-25",
        Some("2026-05-31"),
        Some("2029-05-31"),
    ),
    (
        "22.04",
        "2022-04-21",
        Some("2024-09-30"),
        Some("2025-04-01"),
    ),
    ("21.10", "2021-10-14", Some("true"), Some("true")),
    ("20.04", "2020-04-23", Some("true"), None),
    ("1.x", "2019-01-10", Some("2019-06-30"), Some("2020-01-31")),
    ("2012-r2", "2013-10-18", None, Some("2018-10-09")),
];

/// endoflife.date's reading of a `boolOrDate` as of a date: `true`, or a date reached.
fn over(mark: Option<&str>, as_of: &str) -> bool {
    match mark {
        Some("true") => true,
        Some(d) => d <= as_of,
        None => false,
    }
}

#[test]
fn the_three_formats_import_the_same_dependency() {
    let mut results = Vec::new();
    for file in ["acmeos.md", "acmeos-v1.json", "acmeos.json"] {
        let dir = new_site();
        let site = site_of(&dir);
        let run = import(&site, &["--id", "acmeos", "--kind", "os"], &[fixture(file)]);
        assert_eq!(run.code, Some(0), "{file}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout
                .contains("new file content/dependencies/acmeos.yaml"),
            "{file}: {}",
            run.stdout
        );
        // The cycle name that cannot be a version is mapped by the documented rule, and said.
        assert!(
            run.stdout.contains("note: cycle `2012 R2`")
                && run.stdout.contains("imported as version `2012-r2`"),
            "{file}: {}",
            run.stdout
        );
        let (_keep, out) = build(&site, "2025-06-01");
        let v = versions(&out, "acmeos");
        let names: Vec<&str> = v.keys().map(String::as_str).collect();
        let mut expected: Vec<&str> = ACMEOS.iter().map(|c| c.0).collect();
        expected.sort();
        assert_eq!(names, expected, "{file}");
        let text = std::fs::read_to_string(site.join("content/dependencies/acmeos.yaml")).unwrap();
        results.push((file, v, text));
    }
    // The same values from every format (only the header comment names the file).
    let strip = |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (file, v, text) in &results[1..] {
        assert_eq!(v, &results[0].1, "{file} differs from the product file");
        if *file == "acmeos-v1.json" {
            // v1 carries the title, the policy link and the identifiers too.
            assert_eq!(strip(text), strip(&results[0].2), "{file}");
        }
    }
    let v = &results[0].1;
    let jj = &v["22.04"]["upstream"];
    assert_eq!(jj["codename"], "Jolly Jay");
    assert_eq!(jj["lts"], true);
    assert_eq!(v["24.04"]["upstream"]["lts_from"], "2024-10-01");
    assert_eq!(
        v["24.04"]["upstream"]["link"],
        "https://acme-os.example/releases/24.04"
    );
    assert_eq!(v["21.10"]["upstream"]["eol"], true);
    assert_eq!(
        v["20.04"]["upstream"]["eol"],
        Value::Null,
        "false is no date"
    );
    let text = &results[0].2;
    assert!(text.contains("name: \"Acme OS\"\nkind: os\n"), "{text}");
    assert!(text.contains("upstream_policy: \"https://acme-os.example/lifecycle\""));
    assert!(text.contains("  - purl: \"pkg:generic/acmeos\""), "{text}");
}

#[test]
fn phases_agree_with_endoflife_dates_own_reading() {
    let dir = new_site();
    let site = site_of(&dir);
    let run = import(&site, &[], &[fixture("acmeos.md")]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    for as_of in [
        "2019-03-01",
        "2019-07-01",
        "2021-12-01",
        "2024-10-01",
        "2025-06-01",
        "2026-11-25",
        "2031-05-01",
    ] {
        let (_keep, out) = build(&site, as_of);
        let product = json(&out, "api/v1/products/acmeos/index.json");
        let releases = product["result"]["releases"].as_array().unwrap();
        for (cycle, released, eoas, eol) in ACMEOS {
            let r = releases
                .iter()
                .find(|r| r["name"] == cycle)
                .unwrap_or_else(|| panic!("{cycle} missing"));
            let ours = versions(&out, "acmeos")[cycle]["phase"].clone();
            if released > as_of {
                assert_eq!(ours, "upcoming", "{cycle} as of {as_of}");
                continue;
            }
            assert_eq!(r["isEol"], over(eol, as_of), "{cycle} isEol as of {as_of}");
            assert_eq!(
                r["isEoas"],
                over(eoas, as_of) || over(eol, as_of),
                "{cycle} isEoas as of {as_of}"
            );
            let phase = if over(eol, as_of) {
                "end-of-support"
            } else if over(eoas, as_of) {
                "maintenance"
            } else {
                "supported"
            };
            assert_eq!(ours, phase, "{cycle} as of {as_of}");
            // A date nobody published is null beside `isEol: true`.
            if eol == Some("true") {
                assert_eq!(r["eolFrom"], Value::Null);
            }
        }
    }
}

#[test]
fn the_kind_comes_from_the_category_or_from_kind() {
    let dir = new_site();
    let site = site_of(&dir);
    let before = snapshot(&site);
    let run = import(&site, &[], &[fixture("acme-server.md")]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("server-app") && run.stderr.contains("--kind"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&site), before, "nothing written");
    let run = import(
        &site,
        &["--kind", "framework"],
        &[fixture("acme-server.md")],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = std::fs::read_to_string(site.join("content/dependencies/acme-server.yaml")).unwrap();
    assert!(text.contains("kind: framework"), "{text}");
    // `lang` is a runtime here.
    let lang = dir.path().join("acmelang.md");
    std::fs::write(
        &lang,
        "---\ntitle: AcmeLang\ncategory: lang\nreleases:\n  - releaseCycle: \"3.10\"\n    releaseDate: 2024-01-01\n    eol: 2027-01-01\n---\n",
    )
    .unwrap();
    let run = import(&site, &[], &[lang]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = std::fs::read_to_string(site.join("content/dependencies/acmelang.yaml")).unwrap();
    assert!(text.contains("kind: runtime"), "{text}");
    assert!(
        text.contains("- version: \"3.10\""),
        "the typed cycle, not 3.1: {text}"
    );
}

/// An existing acmeos.yaml with comments, the vendor's own dates, a block-style
/// `upstream:`, and a release that ships a version the file does not list yet.
fn existing_site() -> tempfile::TempDir {
    let dir = new_site();
    let site = site_of(&dir);
    std::fs::write(
        site.join("content/dependencies/acmeos.yaml"),
        "# Our Acme OS support. Keep the comments!\nname: Acme OS\nkind: os\nversions:\n  # The current LTS.\n  - version: \"24.04\"\n    supported: 2024-06-01   # our own start\n    eos: 2029-01-31\n\n  - version: \"22.04\"\n    supported: 2022-06-01\n    announced: 2024-06-01\n    eos: 2024-12-31\n    upstream:\n      released: 2022-04-21\n      eol: 2024-01-01   # wrong, fixed by the import\n# trailing comment\n",
    )
    .unwrap();
    let rel = site.join("content/releases/1.1.0.yaml");
    let text = std::fs::read_to_string(&rel).unwrap();
    std::fs::write(
        &rel,
        text.replace("components:", "components:\n  acmeos: [\"21.10\"]"),
    )
    .unwrap();
    dir
}

#[test]
fn merging_touches_only_upstream_lines_and_a_second_run_changes_nothing() {
    let dir = existing_site();
    let site = site_of(&dir);
    let file = site.join("content/dependencies/acmeos.yaml");
    let before = std::fs::read_to_string(&file).unwrap();

    // --dry-run prints the changes and writes nothing.
    let all = snapshot(&site);
    let run = import(&site, &["--dry-run"], &[fixture("acmeos.md")]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("dry run: nothing was written"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("22.04: upstream eoas added (2024-09-30), eol 2024-01-01 -> 2025-04-01"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("21.10: added (shipped in 1.1.0)"),
        "{}",
        run.stdout
    );
    assert_eq!(snapshot(&site), all, "--dry-run wrote something");

    let run = import(&site, &[], &[fixture("acmeos.md")]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let after = std::fs::read_to_string(&file).unwrap();
    // Outside the upstream lines (and the one new item), the file is byte for byte the same.
    let keep = |t: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut in_upstream = false;
        for l in t.lines() {
            if l.trim_start().starts_with("upstream:") {
                in_upstream = true;
                continue;
            }
            if in_upstream && l.starts_with("      ") {
                continue;
            }
            in_upstream = false;
            out.push(l.to_string());
        }
        out
    };
    let added_item = ["  - version: \"21.10\"".to_string()];
    let kept: Vec<String> = keep(&after)
        .into_iter()
        .filter(|l| !added_item.contains(l))
        .collect();
    assert_eq!(kept, keep(&before), "{after}");
    assert!(after.contains("    eos: 2029-01-31\n    upstream: { released: 2024-04-25, eoas: 2026-05-31, eol: 2029-05-31, lts: 2024-10-01, codename: \"Nimble Newt\", link: \"https://acme-os.example/releases/24.04\" }\n"), "{after}");
    assert!(after.ends_with("# trailing comment\n"), "{after}");
    // Only listed and shipped versions: 20.04 is neither.
    assert!(!after.contains("\"20.04\""), "{after}");

    // The vendor's dates win; the upstream ones fill in.
    let (_keep, out) = build(&site, "2025-06-01");
    let v = versions(&out, "acmeos");
    assert_eq!(v["24.04"]["supported"], "2024-06-01");
    assert_eq!(v["24.04"]["supported_source"], "vendor");
    assert_eq!(v["24.04"]["eos"], "2029-01-31");
    assert_eq!(v["24.04"]["maintenance"], "2026-05-31");
    assert_eq!(v["24.04"]["maintenance_source"], "upstream");
    assert_eq!(v["21.10"]["eos"], true);
    assert_eq!(v["21.10"]["phase"], "end-of-support");

    // A second run has nothing to do.
    let all = snapshot(&site);
    let run = import(&site, &[], &[fixture("acmeos.md")]);
    assert_eq!(run.code, Some(0));
    assert!(run.stdout.contains("nothing to change"), "{}", run.stdout);
    assert_eq!(snapshot(&site), all);

    // --all imports every cycle; then again nothing changes.
    let run = import(&site, &["--all"], &[fixture("acmeos-v1.json")]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let after_all = std::fs::read_to_string(&file).unwrap();
    for v in ["\"20.04\"", "\"1.x\"", "\"2012-r2\"", "\"26.04\""] {
        assert!(after_all.contains(v), "{v}: {after_all}");
    }
    let run = import(&site, &["--all"], &[fixture("acmeos.json")]);
    assert_eq!(run.code, Some(0));
    assert!(run.stdout.contains("nothing to change"), "{}", run.stdout);
}

#[test]
fn bad_input_is_a_positioned_error_and_writes_nothing() {
    let dir = new_site();
    let site = site_of(&dir);
    let before = snapshot(&site);
    let run = import(&site, &[], &[fixture("broken.md")]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("broken.md:7:"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);

    let bad_date = dir.path().join("bad.json");
    std::fs::write(
        &bad_date,
        "[\n  {\"cycle\": \"1\",\n   \"releaseDate\": \"2024-13-01\"}\n]\n",
    )
    .unwrap();
    let run = import(&site, &["--kind", "os"], &[bad_date]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("bad.json:3:"), "{}", run.stderr);

    let unknown = dir.path().join("notes.txt");
    std::fs::write(&unknown, "python 3.10 ends in 2026\n").unwrap();
    let run = import(&site, &[], &[unknown]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("not an endoflife.date product"),
        "{}",
        run.stderr
    );

    // A good file beside a bad one: still nothing is written.
    let run = import(&site, &[], &[fixture("acmeos.md"), fixture("broken.md")]);
    assert_eq!(run.code, Some(1));
    assert_eq!(snapshot(&site), before);

    // An id that cannot be one.
    let run = import(&site, &["--id", "Bad Id"], &[fixture("acmeos.md")]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("--id"), "{}", run.stderr);
    assert_eq!(snapshot(&site), before);
}

/// A site with upstream fallbacks and `true` values, written by hand.
fn pipeline_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |rel: &str, text: &str| common::write(dir.path(), rel, text);
    w(
        "site.yaml",
        "title: Up\nproduct: Acme SDK\nbase_url: https://example.org/\nfeeds: { reminders_days: [30] }\npolicy:\n  sdk: { min_support_months: 0, min_notice_months: 0 }\n  dependency: { min_notice_months: 0 }\n",
    );
    w(
        "content/policy.md",
        "---\ntitle: Policy\n---\n{{ sdk_table() }}\n\n{{ dependency_table() }}\n",
    );
    // 1.0.0 "is no longer supported": the notice gave no date.
    w(
        "content/releases/1.0.0.yaml",
        "version: 1.0.0\nreleased: 2023-01-01\neos: true\ncomponents:\n  lib: [\"1\", \"2\"]\n",
    );
    w(
        "content/releases/2.0.0.yaml",
        "version: 2.0.0\nreleased: 2024-06-01\ncomponents:\n  lib: [\"1\", \"3\"]\n",
    );
    w(
        "content/dependencies/lib.yaml",
        "name: Lib\nkind: framework\nversions:\n  - version: \"1\"\n    upstream: { released: 2022-01-01, eoas: 2023-01-01, eol: 2024-12-31 }\n  - version: \"2\"\n    supported: 2022-06-01\n    maintenance: true\n    eos: true\n  - version: \"3\"\n    upstream: { released: 2024-01-01, eoas: true, eol: false }\n",
    );
    dir
}

#[test]
fn upstream_dates_and_unpublished_ones_go_through_the_whole_pipeline() {
    let dir = pipeline_site();
    let (_keep, out) = build(dir.path(), "2024-12-15");
    // Phases, and where each date comes from, in our JSON.
    let v = versions(&out, "lib");
    assert_eq!(
        (
            v["1"]["phase"].as_str(),
            v["1"]["eos"].as_str(),
            v["1"]["eos_source"].as_str()
        ),
        (Some("maintenance"), Some("2024-12-31"), Some("upstream"))
    );
    assert_eq!(v["1"]["supported"], "2022-01-01");
    assert_eq!(v["1"]["supported_source"], "upstream");
    assert_eq!(v["2"]["phase"], "end-of-support");
    assert_eq!(
        (v["2"]["eos"].clone(), v["2"]["maintenance"].clone()),
        (Value::Bool(true), Value::Bool(true))
    );
    assert_eq!(v["3"]["phase"], "maintenance", "eoas: true has begun");
    assert_eq!(v["3"]["maintenance_source"], "upstream");
    let releases = json(&out, "api/v1/releases.json");
    let r1 = releases["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["version"] == "1.0.0")
        .unwrap()
        .clone();
    assert_eq!(
        (r1["phase"].as_str(), r1["eos"].clone()),
        (Some("end-of-support"), Value::Bool(true))
    );

    // The endoflife.date-compatible API: isEol true, eolFrom null.
    let lib = json(&out, "api/v1/products/lib/releases/2/index.json");
    assert_eq!(
        (
            lib["result"]["isEol"].clone(),
            lib["result"]["eolFrom"].clone()
        ),
        (Value::Bool(true), Value::Null)
    );
    assert_eq!(lib["result"]["isEoas"], true);
    assert_eq!(lib["result"]["eoasFrom"], Value::Null);
    let sdk = json(&out, "api/v1/products/acme-sdk/releases/1.0.0/index.json");
    assert_eq!(
        (
            sdk["result"]["isEol"].clone(),
            sdk["result"]["eolFrom"].clone()
        ),
        (Value::Bool(true), Value::Null)
    );
    let v0: Value = json(&out, "api/lib/2.json");
    assert_eq!(v0["eol"], true);

    // Tables say where a date comes from, and that a date was not published.
    let page = std::fs::read_to_string(out.join("dependencies/lib/index.html")).unwrap();
    assert!(page.contains("<th scope=\"col\">Upstream end of life</th>"));
    assert!(page.contains("<time datetime=\"2024-12-31\">2024-12-31</time> <span class=\"source\">(upstream)</span>"), "{page}");
    assert!(page.contains("date not published"));
    let release = std::fs::read_to_string(out.join("releases/1.0.0/index.html")).unwrap();
    assert!(release.contains("date not published"), "{release}");
    assert!(release.contains("reached end of support (the date was not published)"));

    // No calendar event and no reminder for a date nobody published; the upstream date
    // is a date like any other.
    let ics = std::fs::read_to_string(out.join("eos.ics")).unwrap();
    assert!(ics.contains("UID:lib-1-eos@example.org"), "{ics}");
    assert!(!ics.contains("UID:lib-2-"), "{ics}");
    assert!(!ics.contains("UID:sdk-1.0.0-"), "{ics}");
    let rss = std::fs::read_to_string(out.join("rss.xml")).unwrap();
    let doc = roxmltree::Document::parse(&rss).unwrap();
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .filter_map(|i| i.children().find(|c| c.has_tag_name("title")))
        .filter_map(|t| t.text())
        .collect();
    assert!(titles.iter().any(|t| t.contains("Lib 1")), "{titles:?}");
    assert!(
        !titles
            .iter()
            .any(|t| t.contains("Lib 2") || t.contains("1.0.0")),
        "{titles:?}"
    );

    // The badge says the phase, with no date.
    let badge = json(&out, "badges/1.0.0.json");
    assert_eq!(badge["message"], "End-of-Support");

    // As of a date before its release, a version ended on an unknown date is upcoming.
    let (_keep2, early) = build(dir.path(), "2022-03-01");
    assert_eq!(versions(&early, "lib")["2"]["phase"], "upcoming");
}

fn check_json(site: &Path, as_of: &str, strict: bool) -> (Option<i32>, Vec<Value>) {
    let mut c = lifecycle();
    c.args(["check", "--format", "json", "--as-of", as_of, "--site"])
        .arg(site);
    if strict {
        c.arg("--strict");
    }
    let o = c.output().unwrap();
    (o.status.code(), serde_json::from_slice(&o.stdout).unwrap())
}

#[test]
fn upstream_warnings_are_positioned_and_strict_makes_them_errors() {
    let dir = pipeline_site();
    let w = |rel: &str, text: &str| std::fs::write(dir.path().join(rel), text).unwrap();
    w(
        "site.yaml",
        "title: Up\nproduct: Acme SDK\nbase_url: https://example.org/\npolicy:\n  sdk: { min_support_months: 0, min_notice_months: 0 }\n  dependency: { min_notice_months: 2 }\n",
    );
    // 2.0.0 (2024-06-01) ships lib 4, whose upstream life ended 2024-05-01 (W108); lib 5
    // is supported past its upstream end (W109); lib 6 reaches its upstream end within the
    // 2 months of notice, unannounced (W110); lib 7 too, but it is announced.
    w(
        "content/releases/2.0.0.yaml",
        "version: 2.0.0\nreleased: 2024-06-01\ncomponents:\n  lib: [\"1\", \"4\"]\n",
    );
    w(
        "content/dependencies/lib.yaml",
        "name: Lib\nkind: framework\nversions:\n  - version: \"1\"\n    upstream: { released: 2022-01-01, eol: 2026-12-31 }\n  - version: \"2\"\n    supported: 2022-06-01\n    eos: true\n  - version: \"4\"\n    upstream: { released: 2020-01-01, eol: 2024-05-01 }\n  - version: \"5\"\n    supported: 2021-01-01\n    announced: 2024-01-01\n    eos: 2025-06-30\n    upstream: { eol: 2025-01-31 }\n  - version: \"6\"\n    upstream: { released: 2021-01-01, eol: 2024-12-31 }\n  - version: \"7\"\n    announced: 2024-10-01\n    upstream: { released: 2021-01-01, eol: 2024-12-31 }\n",
    );
    let (code, d) = check_json(dir.path(), "2024-11-15", false);
    assert_eq!(code, Some(0), "{d:#?}");
    let at = |code: &str| -> Vec<(String, u64, u64)> {
        d.iter()
            .filter(|x| x["code"] == code)
            .map(|x| {
                (
                    x["file"].as_str().unwrap().to_string(),
                    x["line"].as_u64().unwrap(),
                    x["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        at("W108"),
        [("content/releases/2.0.0.yaml".to_string(), 4, 14)],
        "{d:#?}"
    );
    assert_eq!(
        at("W109"),
        [("content/dependencies/lib.yaml".to_string(), 14, 10)],
        "{d:#?}"
    );
    // At the upstream `eol` value of lib 6.
    assert_eq!(
        at("W110"),
        [("content/dependencies/lib.yaml".to_string(), 17, 44)],
        "{d:#?}"
    );
    // The version ended on an unpublished date needs no date check: no warning about it.
    assert!(
        !d.iter()
            .any(|x| x["message"].as_str().unwrap().contains("Lib 2")),
        "{d:#?}"
    );
    let (code, d) = check_json(dir.path(), "2024-11-15", true);
    assert_eq!(code, Some(1));
    for c in ["W108", "W109", "W110"] {
        assert!(
            d.iter().any(|x| x["code"] == c && x["severity"] == "error"),
            "{c}: {d:#?}"
        );
    }
}

#[test]
fn hostile_product_files_never_panic_and_never_leave_errors() {
    // Snippets that break structure, types, ranges, text and names.
    const NASTY: [&str; 16] = [
        "\u{1b}[31m",
        "\u{0}",
        "][",
        ": ",
        "\n  - releaseCycle: ",
        "true",
        "9999-12-31",
        "0001-01-01",
        "../../etc",
        "{",
        "\"",
        "javascript:alert(1)",
        "2012 R2",
        "\u{feff}",
        "\r\n",
        "\n---\n",
    ];
    let inputs = [
        (
            "acmeos.md",
            std::fs::read_to_string(fixture("acmeos.md")).unwrap(),
        ),
        (
            "acmeos.json",
            std::fs::read_to_string(fixture("acmeos.json")).unwrap(),
        ),
        (
            "acmeos-v1.json",
            std::fs::read_to_string(fixture("acmeos-v1.json")).unwrap(),
        ),
    ];
    let dir = new_site();
    let site = site_of(&dir);
    let pristine = snapshot(&site);
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut imported = 0;
    for case in 0..45 {
        let (name, text) = &inputs[case % inputs.len()];
        let mut text = text.clone();
        for _ in 0..1 + rng.below(3) {
            let mut at = rng.below(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, NASTY[rng.below(NASTY.len())]);
        }
        let file = dir.path().join(name);
        std::fs::write(&file, &text).unwrap();
        let run = import(&site, &["--id", "acmeos", "--kind", "os"], &[file]);
        assert!(
            matches!(run.code, Some(0 | 1)),
            "case {case} ({name}) exited {:?}: {}\n--- input:\n{text}",
            run.code,
            run.stderr
        );
        if run.code == Some(1) {
            assert!(
                run.stderr.contains("nothing was written"),
                "case {case}: {}",
                run.stderr
            );
            assert_eq!(
                snapshot(&site),
                pristine,
                "case {case} wrote after an error"
            );
            continue;
        }
        imported += 1;
        let (code, d) = check_json(&site, "2025-06-01", false);
        assert_eq!(
            code,
            Some(0),
            "case {case} left errors: {d:#?}\n--- input:\n{text}"
        );
        // Back to the fresh site for the next case.
        std::fs::remove_file(site.join("content/dependencies/acmeos.yaml")).ok();
        assert_eq!(snapshot(&site), pristine);
    }
    assert!(
        imported > 5,
        "the cases should not all be refused ({imported} imported)"
    );
}
