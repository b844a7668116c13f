//! `api/v1/*.json`: the documented shapes (unknown or missing fields fail to parse) and
//! every version with its dates and its phase as of the build date.

use crate::support::{Built, build_default, build_fixture, default_site};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Releases {
    generator: String,
    as_of: NaiveDate,
    releases: Vec<Release>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Release {
    version: String,
    url: String,
    released: NaiveDate,
    eos_announced: Option<NaiveDate>,
    eos: Option<NaiveDate>,
    eos_projected: bool,
    phase: String,
    phase_label: String,
    latest: bool,
    summary: Option<String>,
    components: BTreeMap<String, Vec<String>>,
    packages: Vec<Package>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Package {
    name: String,
    version: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Dependencies {
    generator: String,
    as_of: NaiveDate,
    dependencies: Vec<Dependency>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Dependency {
    id: String,
    name: String,
    kind: String,
    kind_label: String,
    homepage: Option<String>,
    upstream_policy: Option<String>,
    url: String,
    versions: Vec<DependencyVersion>,
}

/// `maintenance` / `eos`: a date, or `true` when the phase began on an unpublished date.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(untagged)]
pub enum DateOrTrue {
    Date(NaiveDate),
    True(bool),
}

impl DateOrTrue {
    fn date(x: Option<Self>) -> Option<NaiveDate> {
        match x {
            Some(DateOrTrue::Date(d)) => Some(d),
            _ => None,
        }
    }
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Upstream {
    released: Option<NaiveDate>,
    eoas: Option<DateOrTrue>,
    eol: Option<DateOrTrue>,
    lts: bool,
    lts_from: Option<NaiveDate>,
    codename: Option<String>,
    link: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct DependencyVersion {
    version: String,
    phase: String,
    phase_label: String,
    supported: Option<NaiveDate>,
    announced: Option<NaiveDate>,
    maintenance: Option<DateOrTrue>,
    eos: Option<DateOrTrue>,
    eos_projected: bool,
    supported_source: String,
    maintenance_source: String,
    eos_source: String,
    upstream: Option<Upstream>,
    removed_in: Option<String>,
    first_sdk: Option<String>,
    last_sdk: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Announcements {
    generator: String,
    as_of: NaiveDate,
    announcements: Vec<Announcement>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Announcement {
    slug: String,
    title: String,
    date: NaiveDate,
    url: String,
    derived: bool,
    eos: Option<NaiveDate>,
    affects: Vec<Affect>,
    supersedes: Option<String>,
    superseded_by: Option<String>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(untagged, deny_unknown_fields)]
enum Affect {
    Sdk {
        sdk: String,
    },
    Dependency {
        dependency: String,
        version: Option<String>,
    },
}

fn parse<T: for<'de> Deserialize<'de>>(site: &Built, file: &str) -> T {
    serde_json::from_str(&site.read(file))
        .unwrap_or_else(|e| panic!("{file} does not match its documented shape: {e}"))
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn od(s: &str) -> Option<NaiveDate> {
    (!s.is_empty()).then(|| d(s))
}

const LABELS: [(&str, &str); 5] = [
    ("upcoming", "Upcoming"),
    ("supported", "Supported"),
    ("announced", "End-of-Support Announced"),
    ("maintenance", "Maintenance"),
    ("end-of-support", "End-of-Support"),
];

fn label(phase: &str) -> &'static str {
    LABELS
        .iter()
        .find(|(id, _)| *id == phase)
        .unwrap_or_else(|| panic!("unknown phase {phase}"))
        .1
}

/// (version, released, eos_announced, eos, phase as of 2025-01-20, phase as of 2025-06-01).
const RELEASES: [(&str, &str, &str, &str, &str, &str); 5] = [
    ("2.0.0", "2025-09-01", "", "", "upcoming", "upcoming"),
    ("1.2.0", "2025-01-15", "", "", "supported", "supported"),
    (
        "1.1.0",
        "2024-06-01",
        "2025-03-01",
        "2025-06-30",
        "supported",
        "announced",
    ),
    (
        "1.0.0",
        "2024-01-10",
        "2024-10-01",
        "2025-02-01",
        "announced",
        "end-of-support",
    ),
    (
        "0.9.0",
        "2022-06-01",
        "",
        "2023-12-01",
        "end-of-support",
        "end-of-support",
    ),
];

/// (id, version, supported, announced, maintenance, eos, removed_in, first, last, phase
/// as of 2025-01-20, as of 2025-06-01).
#[allow(clippy::type_complexity)]
const DEPENDENCY_VERSIONS: [(
    &str,
    &str,
    &str,
    &str,
    &str,
    &str,
    &str,
    &str,
    &str,
    &str,
    &str,
); 6] = [
    (
        "python",
        "3.9",
        "2023-01-01",
        "2024-12-01",
        "2025-01-01",
        "2025-04-01",
        "",
        "0.9.0",
        "1.1.0",
        "maintenance",
        "end-of-support",
    ),
    (
        "python",
        "3.10",
        "2024-01-01",
        "",
        "",
        "",
        "",
        "1.0.0",
        "1.2.0",
        "supported",
        "supported",
    ),
    (
        "python",
        "3.11",
        "2025-01-01",
        "2025-08-01",
        "",
        "2025-12-01",
        "",
        "1.2.0",
        "2.0.0",
        "supported",
        "supported",
    ),
    // removed_in 1.1.0: eos is that release's date.
    (
        "ubuntu",
        "18.04",
        "2022-01-01",
        "",
        "",
        "2024-06-01",
        "1.1.0",
        "0.9.0",
        "1.0.0",
        "end-of-support",
        "end-of-support",
    ),
    (
        "ubuntu",
        "20.04",
        "2023-01-01",
        "2024-09-01",
        "",
        "2025-01-31",
        "",
        "1.0.0",
        "1.1.0",
        "announced",
        "end-of-support",
    ),
    (
        "ubuntu",
        "22.04",
        "2024-01-01",
        "",
        "",
        "",
        "",
        "1.1.0",
        "2.0.0",
        "supported",
        "supported",
    ),
];

#[test]
fn releases_json_has_every_version_with_its_dates_and_phase() {
    for (col, as_of) in [(0, "2025-01-20"), (1, "2025-06-01")] {
        let site = build_fixture("basic", as_of);
        let api: Releases = parse(&site, "api/v1/releases.json");
        assert_eq!(api.as_of, d(as_of));
        assert!(api.generator.starts_with("lifecycle "), "{}", api.generator);
        let versions: Vec<&str> = api.releases.iter().map(|r| r.version.as_str()).collect();
        let want: Vec<&str> = RELEASES.iter().map(|r| r.0).collect();
        assert_eq!(versions, want, "every release, newest first");
        for (r, (v, released, announced, eos, p0, p1)) in api.releases.iter().zip(RELEASES) {
            let phase = if col == 0 { p0 } else { p1 };
            assert_eq!(
                (
                    r.released,
                    r.eos_announced,
                    r.eos,
                    r.phase.as_str(),
                    r.phase_label.as_str()
                ),
                (d(released), od(announced), od(eos), phase, label(phase)),
                "{v} as of {as_of}"
            );
            assert!(
                !r.eos_projected,
                "{v}: the fixture's policy projects nothing"
            );
            assert_eq!(r.url, format!("https://example.org/acme/releases/{v}/"));
            assert_eq!(
                r.latest,
                v == "1.2.0",
                "{v}: latest is the newest released by the as-of date"
            );
            assert!(r.summary.is_some());
            assert!(
                r.components.contains_key("python") && r.components.contains_key("ubuntu"),
                "{v}"
            );
            let packages: Vec<(&str, &str)> = r
                .packages
                .iter()
                .map(|p| (p.name.as_str(), p.version.as_str()))
                .collect();
            let want: &[(&str, &str)] = if v == "1.2.0" {
                &[("acme-core", "1.2.0.1")]
            } else {
                &[]
            };
            assert_eq!(packages, want, "{v}");
        }
    }
}

#[test]
fn dependencies_json_has_every_version_with_its_dates_and_phase() {
    for (col, as_of) in [(0, "2025-01-20"), (1, "2025-06-01")] {
        let site = build_fixture("basic", as_of);
        let api: Dependencies = parse(&site, "api/v1/dependencies.json");
        assert_eq!(api.as_of, d(as_of));
        assert!(api.generator.starts_with("lifecycle "));
        let mut seen = 0;
        for (id, v, supported, announced, maintenance, eos, removed_in, first, last, p0, p1) in
            DEPENDENCY_VERSIONS
        {
            let dep = api
                .dependencies
                .iter()
                .find(|x| x.id == id)
                .unwrap_or_else(|| panic!("{id} missing"));
            let ver = dep
                .versions
                .iter()
                .find(|x| x.version == v)
                .unwrap_or_else(|| panic!("{id} {v} missing"));
            let phase = if col == 0 { p0 } else { p1 };
            assert!(!ver.eos_projected, "{id} {v}: the fixture projects nothing");
            assert_eq!(
                (
                    ver.supported,
                    ver.announced,
                    DateOrTrue::date(ver.maintenance),
                    DateOrTrue::date(ver.eos)
                ),
                (od(supported), od(announced), od(maintenance), od(eos)),
                "{id} {v}"
            );
            assert_eq!(
                (ver.phase.as_str(), ver.phase_label.as_str()),
                (phase, label(phase)),
                "{id} {v} as of {as_of}"
            );
            assert_eq!(
                ver.removed_in.as_deref(),
                (!removed_in.is_empty()).then_some(removed_in),
                "{id} {v}"
            );
            assert_eq!(
                (ver.first_sdk.as_deref(), ver.last_sdk.as_deref()),
                (Some(first), Some(last)),
                "{id} {v}"
            );
            seen += 1;
        }
        let total: usize = api.dependencies.iter().map(|x| x.versions.len()).sum();
        assert_eq!(total, seen, "no version beyond the data");
        let python = api.dependencies.iter().find(|x| x.id == "python").unwrap();
        assert_eq!(
            (
                python.name.as_str(),
                python.kind.as_str(),
                python.kind_label.as_str()
            ),
            ("Python", "runtime", "Language runtime")
        );
        assert_eq!(python.homepage.as_deref(), Some("https://www.python.org/"));
        assert_eq!(python.url, "https://example.org/acme/dependencies/python/");
        let ubuntu = api.dependencies.iter().find(|x| x.id == "ubuntu").unwrap();
        let order = |d: &Dependency| {
            d.versions
                .iter()
                .map(|v| v.version.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            order(python),
            ["3.11", "3.10", "3.9"],
            "versions newest first"
        );
        assert_eq!(
            order(ubuntu),
            ["22.04", "20.04", "18.04"],
            "versions newest first"
        );
        assert_eq!(
            (ubuntu.kind.as_str(), ubuntu.homepage.as_deref()),
            ("os", None)
        );
    }
}

#[test]
fn announcements_json_lists_what_is_published_newest_first() {
    let site = build_fixture("basic", "2025-06-01");
    let api: Announcements = parse(&site, "api/v1/announcements.json");
    assert_eq!(api.as_of, d("2025-06-01"));
    assert!(api.generator.starts_with("lifecycle "));
    let dates: Vec<NaiveDate> = api.announcements.iter().map(|a| a.date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    for a in &api.announcements {
        assert_eq!(
            a.url,
            format!("https://example.org/acme/announcements/{}/", a.slug)
        );
        assert!(
            site.exists(&format!("announcements/{}/index.html", a.slug)),
            "{}",
            a.slug
        );
        assert!(!a.title.is_empty());
    }
    let find = |slug: &str| api.announcements.iter().find(|a| a.slug == slug).unwrap();
    let moved = find("2024-11-01-eos-acme-1-0-moved");
    assert_eq!(
        moved.affects,
        [Affect::Sdk {
            sdk: "1.0.0".into()
        }]
    );
    assert_eq!((moved.eos, moved.derived), (Some(d("2025-02-01")), false));
    assert_eq!(moved.supersedes.as_deref(), Some("2024-10-01-eos-acme-1-0"));
    assert_eq!(moved.superseded_by, None);
    let python = find("2024-12-01-eos-python-3-9");
    assert_eq!(
        python.affects,
        [Affect::Dependency {
            dependency: "python".into(),
            version: Some("3.9".into())
        }]
    );
    assert!(python.derived);
    let site = build_fixture("basic", "2025-09-01");
    let api: Announcements = parse(&site, "api/v1/announcements.json");
    let plans = api
        .announcements
        .iter()
        .find(|a| a.slug == "2025-09-01-python-plans")
        .unwrap();
    assert_eq!(
        plans.affects,
        [Affect::Dependency {
            dependency: "python".into(),
            version: None
        }]
    );
    assert_eq!(plans.eos, None);
}

#[test]
fn the_default_site_api_covers_every_file_of_its_data() {
    let root = default_site();
    let site = build_default("2026-11-25");
    let api: Releases = parse(&site, "api/v1/releases.json");
    let mut files: Vec<String> = std::fs::read_dir(root.join("content/releases"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".yaml")
                .to_string()
        })
        .collect();
    files.sort();
    let mut versions: Vec<String> = api.releases.iter().map(|r| r.version.clone()).collect();
    versions.sort();
    assert_eq!(versions, files);
    for r in &api.releases {
        let expected = match (r.eos_announced, r.eos) {
            _ if r.released > d("2026-11-25") => "upcoming",
            (_, Some(e)) if e <= d("2026-11-25") => "end-of-support",
            (Some(a), _) if a <= d("2026-11-25") => "announced",
            _ => "supported",
        };
        assert_eq!(r.phase, expected, "{}", r.version);
        assert_eq!(r.phase_label, label(expected));
    }
    assert_eq!(api.releases.iter().filter(|r| r.latest).count(), 1);
    let deps: Dependencies = parse(&site, "api/v1/dependencies.json");
    let mut ids: Vec<&str> = deps.dependencies.iter().map(|x| x.id.as_str()).collect();
    ids.sort();
    let mut files: Vec<String> = std::fs::read_dir(root.join("content/dependencies"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".yaml")
                .to_string()
        })
        .collect();
    files.sort();
    assert_eq!(ids, files);
    let _: Announcements = parse(&site, "api/v1/announcements.json");
}

#[test]
fn the_default_site_shows_upstream_schedules_beside_its_own_dates() {
    let site = build_default("2026-11-25");
    let deps: Dependencies = parse(&site, "api/v1/dependencies.json");
    let dep = |id: &str| deps.dependencies.iter().find(|x| x.id == id).unwrap();
    let version = |id: &str, v: &str| dep(id).versions.iter().find(|x| x.version == v).unwrap();
    assert_eq!(
        dep("python").upstream_policy.as_deref(),
        Some("https://devguide.python.org/versions/")
    );
    // 3.11: the vendor states no end, so the community's end of life is it.
    let py311 = version("python", "3.11");
    let up = py311.upstream.as_ref().unwrap();
    assert_eq!(py311.eos, up.eol);
    assert_eq!(py311.eos_source, "upstream");
    assert_eq!(
        (
            py311.supported_source.as_str(),
            py311.maintenance_source.as_str()
        ),
        ("vendor", "vendor")
    );
    assert_eq!(up.released, Some(d("2022-10-24")));
    assert!(
        up.link
            .as_deref()
            .is_some_and(|l| l.starts_with("https://"))
    );
    // 3.10: the vendor's own dates win over upstream's.
    let py310 = version("python", "3.10");
    let up = py310.upstream.as_ref().unwrap();
    assert_eq!(py310.eos, Some(DateOrTrue::Date(d("2027-03-31"))));
    assert_eq!(up.eol, Some(DateOrTrue::Date(d("2027-10-31"))));
    assert_eq!(up.eoas, Some(DateOrTrue::Date(d("2023-04-05"))));
    assert_eq!(py310.maintenance, Some(DateOrTrue::Date(d("2026-11-01"))));
    let jammy = version("ubuntu", "22.04").upstream.as_ref().unwrap();
    assert!(jammy.lts);
    assert_eq!(jammy.lts_from, None);
    assert_eq!(jammy.codename.as_deref(), Some("Jammy Jellyfish"));
    // MXNet 1.9 "is no longer supported": no date was published.
    let mx = version("mxnet", "1.9");
    assert_eq!(
        (mx.eos, mx.phase.as_str()),
        (Some(DateOrTrue::True(true)), "end-of-support")
    );
}
