//! In-process snapshot tests of every page kind (insta, as Zola does): two small fixture
//! sites are rendered through `pipeline::run` at fixed as-of dates, and each output kind is
//! compared with its snapshot under `tests/snapshots/`. A change of output shows in review
//! as a diff of a snapshot; accept an intended one with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test --test snapshots`).

use lifecycle::pipeline::{self, BuildOptions};
use std::path::Path;

fn render(site: &str, as_of: &str) -> lifecycle::render::Files {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(site);
    let opts = BuildOptions {
        as_of: lifecycle::dates::parse_date(as_of),
        base_url: None,
        ..BuildOptions::default()
    };
    // `today` is never read: the as-of date is given.
    let run = pipeline::run(&root, &opts, chrono::NaiveDate::MIN);
    let errors: Vec<String> = run.diagnostics.iter().map(|d| d.to_string()).collect();
    run.output
        .unwrap_or_else(|| panic!("{site} does not build: {errors:#?}"))
        .files
}

fn text(files: &lifecycle::render::Files, path: &str) -> String {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not rendered"));
    String::from_utf8(bytes.to_vec()).expect("text output")
}

/// One snapshot per path, named after the site, date and path.
fn snapshot(name: &str, files: &lifecycle::render::Files, paths: &[&str]) {
    for path in paths {
        let snap = format!("{name}__{}", path.replace('/', "_"));
        insta::assert_snapshot!(snap, text(files, path));
    }
}

/// Communications: derived and hand-written announcements, a correction chain, feeds,
/// reminders, the calendar, badges in every phase, the JSON API.
#[test]
fn communications_site() {
    let files = render("tests/fixtures/communications/basic", "2025-06-01");
    snapshot(
        "basic-2025-06-01",
        &files,
        &[
            "index.html",
            "releases/index.html",
            "releases/1.0.0/index.html",
            "releases/1.1.0/index.html",
            "releases/2.0.0/index.html",
            "releases/latest/index.html",
            "dependencies/index.html",
            "dependencies/python/index.html",
            "announcements/index.html",
            "announcements/2024-11-01-eos-acme-1-0-moved/index.html",
            "announcements/2024-10-01-eos-acme-1-0/index.html",
            "rss.xml",
            "atom.xml",
            "dependencies/python/rss.xml",
            "eos.ics",
            "api/v1/releases.json",
            "api/v1/dependencies.json",
            "api/v1/announcements.json",
            "badges/1.0.0.svg",
            "badges/1.0.0.json",
            "badges/1.2.0.svg",
            "timeline.svg",
            "sitemap.xml",
            "robots.txt",
            "404.html",
            "policy/index.html",
        ],
    );
    // Derived announcement pages: their slugs depend on the data, so find them.
    let derived: Vec<&str> = files
        .keys()
        .filter(|p| p.starts_with("announcements/") && p.contains("-eos-"))
        .filter(|p| !p.contains("acme-1-0"))
        .map(String::as_str)
        .collect();
    assert!(!derived.is_empty(), "the fixture has derived announcements");
    snapshot("basic-2025-06-01", &files, &derived);
}

/// Content pages, a shortcode-heavy page, static files, an upcoming release.
#[test]
fn content_site() {
    let files = render("tests/fixtures/build/small", "2025-03-01");
    snapshot(
        "small-2025-03-01",
        &files,
        &[
            "index.html",
            "guide/index.html",
            "policy/index.html",
            "releases/1.2.0/index.html",
            "dependencies/ubuntu/index.html",
        ],
    );
}
