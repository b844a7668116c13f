//! The compatibility finder in real headless Chromium (tests/tools/compat_check.js): the
//! releases listed for a query string are the ones the data says ship the choice; a change
//! of control updates the address; reload and back keep the answer; an impossible choice
//! explains itself; without JavaScript the table of supported releases and what each
//! ships shows; axe finds nothing.

use crate::support::{Server, Site, tool};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Releases (newest first) that ship every (dependency, version) of `choice`, from the
/// site's data file: computed here, independently of compat.js.
fn expected(data: &Value, choice: &[(&str, &str)]) -> Vec<String> {
    data["releases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            choice.iter().all(|(id, v)| {
                r["c"][*id]
                    .as_array()
                    .is_some_and(|vs| vs.iter().any(|x| x == v))
            })
        })
        .map(|r| r["v"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_finder_answers_from_the_query_string() {
    let test = "the_finder_answers_from_the_query_string";
    let (Some(node), Some(chromium)) = (
        tool(test, "LIFECYCLE_NODE"),
        tool(test, "LIFECYCLE_CHROMIUM"),
    ) else {
        return;
    };
    let site = Site::new();
    // A version no release ships, for the empty answer.
    site.replace(
        "content/dependencies/python.yaml",
        "  - version: \"3.12\"",
        "  - version: \"3.13\"\n    supported: 2025-05-01\n  - version: \"3.12\"",
    );
    let server = Server::start(site.path());
    let page = server.get("/compatibility/");
    assert_eq!(page.status, 200);
    let html = page.text();
    let at = html.find("data-data=\"").unwrap() + "data-data=\"".len();
    let data_url = &html[at..at + html[at..].find('"').unwrap()];
    let data: Value = serde_json::from_slice(&server.get(data_url).body).unwrap();
    without_javascript_each_row_says_what_the_release_ships(&html, &data);

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/compat_check.js");
    let out = Command::new(node)
        .arg(&script)
        .arg(format!("{}compatibility/", server.url))
        .args([
            "?python=3.10&ubuntu=22.04",
            "python",
            "3.12",
            "?python=3.13&ubuntu=22.04",
        ])
        .env("LIFECYCLE_CHROMIUM", chromium)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "compat_check.js failed:\n{}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    let steps: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let step = |name: &str| {
        steps
            .iter()
            .find(|s| s["step"] == name)
            .unwrap_or_else(|| panic!("no {name} in {stdout}"))
    };
    let rows = |s: &Value| -> Vec<String> {
        s["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect()
    };
    let first = expected(&data, &[("python", "3.10"), ("ubuntu", "22.04")]);
    assert!(!first.is_empty());
    assert_eq!(rows(step("initial")), first);
    let changed = expected(&data, &[("python", "3.12"), ("ubuntu", "22.04")]);
    // The address holds the new choice (dependency ids as keys, in the site's order).
    let search = step("changed")["search"].as_str().unwrap().to_string();
    let mut params: Vec<&str> = search.trim_start_matches('?').split('&').collect();
    params.sort_unstable();
    assert_eq!(params, ["python=3.12", "ubuntu=22.04"], "{search}");
    assert_eq!(rows(step("changed")), changed);
    assert_eq!(rows(step("reloaded")), changed);
    assert_eq!(step("back")["search"], "?python=3.10&ubuntu=22.04");
    assert_eq!(rows(step("back")), first);
    // The feeds and calendars of the chosen dependencies are offered.
    let subscribe: Vec<&str> = step("initial")["subscribe"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        subscribe.contains(&"/dependencies/python/eos.ics"),
        "{subscribe:?}"
    );
    // An impossible choice says which choice excludes what.
    let empty = step("empty");
    assert!(rows(empty).is_empty());
    let text = empty["empty"].as_str().unwrap();
    assert!(
        text.contains("No release ships both Python 3.13 and Ubuntu 22.04"),
        "{text}"
    );
    assert!(text.contains("Python 3.13 is in no release"), "{text}");
    // Without JavaScript: the table of supported releases, and the release list.
    let nojs = step("nojs");
    let matrix: Vec<String> = nojs["matrix_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    let supported: Vec<String> = data["releases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["phase"] == "supported" || r["phase"] == "announced")
        .map(|r| r["v"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(matrix, supported);
    assert!(
        nojs["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == "/releases/")
    );
    for s in steps.iter().filter(|s| s["step"] == "axe") {
        assert_eq!(
            s["violations"].as_array().unwrap().len(),
            0,
            "axe ({}): {s}",
            s["state"]
        );
    }
}

/// The page as served, without JavaScript: one row per supported release, whose content
/// cell names each dependency the release ships (data file: `c`) with its versions, and
/// nothing else.
fn without_javascript_each_row_says_what_the_release_ships(html: &str, data: &Value) {
    let doc = scraper::Html::parse_document(html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let names: std::collections::HashMap<&str, &str> = data["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["name"].as_str().unwrap()))
        .collect();
    let mut rows = 0;
    for row in doc.select(&sel("#results table.matrix-table tbody tr")) {
        rows += 1;
        let version: String = row.select(&sel("th a")).next().unwrap().text().collect();
        let cells: Vec<String> = row.select(&sel("td")).map(|c| c.text().collect()).collect();
        assert_eq!(cells.len(), 2, "{version}: phase and content");
        let release = data["releases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["v"] == version.as_str())
            .unwrap();
        let shipped = release["c"].as_object().unwrap();
        assert!(!shipped.is_empty());
        let content = &cells[1];
        for (id, versions) in shipped {
            let versions: Vec<&str> = versions
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let want = format!("{} {}", names[id.as_str()], versions.join(", "));
            assert!(
                content.split("; ").any(|entry| entry == want),
                "{version}: {want:?} in {content:?}"
            );
        }
        assert_eq!(content.split("; ").count(), shipped.len(), "{content}");
    }
    assert!(rows > 0);
}
