//! The endoflife.date-compatible API (issue 12): every v1 document validates against the
//! JSON Schemas of the spec (API 1.2.1, tests/tools/endoflife/), v0 has its shapes, and the
//! values follow docs/api.md's mapping for known versions as of fixed dates.

use crate::common::tool;
use crate::support::*;

/// Run tests/tools/endoflife/check_api.py on a build: exit 0, and the number of documents.
fn check_api(test: &str, built: &Built) -> Option<usize> {
    let python = tool(test, "LIFECYCLE_PYTHON")?;
    let mut cmd = std::process::Command::new(python);
    cmd.arg(script("endoflife/check_api.py")).arg(&built.out);
    let out = run_tool(cmd);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "check_api.py reports problems:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    Some(report["checked"].as_u64().unwrap() as usize)
}

/// A copy of the basic fixture with a dependency version that has no `supported` date
/// (its release date is the first SDK release that ships it).
fn site_with_every_case() -> SiteCopy {
    let site = SiteCopy::of("basic");
    site.replace(
        "content/dependencies/ubuntu.yaml",
        "  - version: \"22.04\"\n    supported: 2024-01-01\n",
        "  - version: \"22.04\"\n",
    );
    site
}

#[test]
fn every_document_validates_against_the_spec() {
    for as_of in ["2024-07-01", "2025-06-01"] {
        let site = site_with_every_case();
        let built = build(site.path(), as_of);
        if let Some(n) = check_api("endoflife::every_document", &built) {
            assert!(n > 30, "only {n} documents");
        }
    }
    let built = build_default("2026-11-25");
    if let Some(n) = check_api("endoflife::every_document (default site)", &built) {
        assert!(n > 100, "only {n} documents");
    }
}

#[test]
fn products_and_cycles_follow_the_mapping() {
    let site = site_with_every_case();
    let built = build(site.path(), "2025-06-01");
    let products = built.json("api/v1/products/index.json");
    assert_eq!(products["schema_version"], "1.2.1");
    assert_eq!(products["generated_at"], "2025-06-01T00:00:00+00:00");
    let names: Vec<&str> = products["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["acme-sdk", "ubuntu", "python"],
        "SDK first, then kinds in order"
    );
    assert_eq!(products["total"], 3);
    let python = &products["result"][2];
    assert_eq!(python["category"], "lang");
    assert_eq!(
        python["uri"],
        "https://example.org/acme/api/v1/products/python"
    );

    // A dependency version with maintenance, as of a date between maintenance and eos.
    let r = built.json("api/v1/products/python/releases/3.9/index.json")["result"].clone();
    assert_eq!(r["releaseDate"], "2023-01-01");
    assert_eq!(
        (r["isEoas"].as_bool(), r["eoasFrom"].as_str()),
        (Some(true), Some("2025-01-01"))
    );
    assert_eq!(
        (r["isEol"].as_bool(), r["eolFrom"].as_str()),
        (Some(true), Some("2025-04-01"))
    );
    assert_eq!(r["isMaintained"], false);
    assert_eq!(r["custom"]["phase"], "end-of-support");
    assert_eq!(r["custom"]["announced"], "2024-12-01");
    assert_eq!(
        r["latest"]["link"],
        "https://example.org/acme/dependencies/python/"
    );

    // removed_in: eos is the release's date, and `custom` names the release.
    let r = built.json("api/v1/products/ubuntu/releases/18.04/index.json")["result"].clone();
    assert_eq!(r["eolFrom"], "2024-06-01");
    assert_eq!(r["custom"]["removedIn"], "1.1.0");
    // No `supported`: released with the first SDK release that ships it.
    let r = built.json("api/v1/products/ubuntu/releases/22.04/index.json")["result"].clone();
    assert_eq!(r["custom"]["releaseDateFrom"], "first-sdk-release");
    let first = r["custom"]["firstSdk"].as_str().unwrap().to_string();
    let released = built.json(&format!(
        "api/v1/products/acme-sdk/releases/{first}/index.json"
    ))["result"]["releaseDate"]
        .clone();
    assert_eq!(r["releaseDate"], released);

    // The SDK: no active-support phase, so no isEoas; latest is releases/latest.
    let sdk = built.json("api/v1/products/acme-sdk/index.json");
    assert!(sdk["last_modified"].is_string());
    let first = &sdk["result"]["releases"][0];
    assert!(first.get("isEoas").is_none(), "{first}");
    let latest = built.json("api/v1/products/acme-sdk/releases/latest/index.json");
    let own = built.json("api/v1/releases.json");
    let latest_own = own["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["latest"] == true)
        .unwrap();
    assert_eq!(latest["result"]["name"], latest_own["version"]);
    assert_eq!(
        sdk["result"]["links"]["releasePolicy"],
        "https://example.org/acme/policy/"
    );

    // Categories and tags.
    let cats = built.json("api/v1/categories/index.json");
    let names: Vec<&str> = cats["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["framework", "lang", "os"]);
    let lang = built.json("api/v1/categories/lang/index.json");
    assert_eq!(lang["result"][0]["name"], "python");
    let tag = built.json("api/v1/tags/runtime/index.json");
    assert_eq!(tag["total"], 1);

    // The index lists the endoflife.date endpoints and the site's own JSON files.
    let index = built.json("api/v1/index.json");
    let uris: Vec<&str> = index["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["uri"].as_str().unwrap())
        .collect();
    assert!(
        uris.contains(&"https://example.org/acme/api/v1/products"),
        "{uris:?}"
    );
    assert!(
        uris.contains(&"https://example.org/acme/api/v1/releases.json"),
        "{uris:?}"
    );
}

#[test]
fn v0_is_what_renovate_reads() {
    let built = build_fixture("basic", "2025-06-01");
    let all = built.json("api/all.json");
    assert_eq!(all, serde_json::json!(["acme-sdk", "python", "ubuntu"]));
    let python = built.json("api/python.json");
    let c = python
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cycle"] == "3.9")
        .unwrap();
    assert_eq!(c["eol"], "2025-04-01");
    assert_eq!(c["support"], "2025-01-01");
    assert_eq!(c["releaseDate"], "2023-01-01");
    assert_eq!(c["lts"], false);
    let c = python
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cycle"] == "3.10")
        .unwrap();
    assert_eq!(c["eol"], false, "no eos planned");
    let one = built.json("api/python/3.9.json");
    assert!(one.get("cycle").is_none());
    assert_eq!(one["eol"], "2025-04-01");
    // The SDK has no active-support phase: no `support`.
    let sdk = built.json("api/acme-sdk.json");
    assert!(sdk[0].get("support").is_none(), "{}", sdk[0]);
}

#[test]
fn hostile_names_stay_valid_json() {
    let built = build_fixture("hostile", "2025-06-01");
    for f in built.files() {
        if f.ends_with(".json") {
            let text = built.read(&f);
            serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{f}: {e}"));
        }
    }
    assert!(built.exists("api/v1/products/full/index.json"));
    check_api("endoflife::hostile", &built);
}
