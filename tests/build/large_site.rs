//! A generated site with many releases: the version switcher stays bounded (docs/urls.md)
//! and the output grows near-linearly with the number of releases (ARCHITECTURE.md).

use crate::support::*;
use chrono::{Days, Months, NaiveDate};
use std::fmt::Write as _;
use std::path::Path;

/// Releases per X.Y line in the generated sites.
const PER_LINE: usize = 3;
/// Lines per major version.
const LINES_PER_MAJOR: usize = 20;

/// The version of the `i`-th release (ascending).
fn version(i: usize) -> String {
    let line = i / PER_LINE;
    format!(
        "{}.{}.{}",
        1 + line / LINES_PER_MAJOR,
        line % LINES_PER_MAJOR,
        i % PER_LINE
    )
}

fn released(i: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 1, 5).unwrap() + Days::new(14 * i as u64)
}

/// Write a site with `n` releases, one dependency they all ship, into `dir`. Returns the
/// as-of date to build it with: the day after the last release.
fn write_site(dir: &Path, n: usize) -> String {
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "site.yaml",
        "title: Bulk SDK lifecycle\nproduct: Bulk SDK\nbase_url: https://example.org/bulk/\n\
         policy:\n  sdk: { min_support_months: 12, min_notice_months: 3 }\n",
    );
    write(
        "content/dependencies/python.yaml",
        "name: Python\nkind: runtime\nversions:\n  - version: \"3.10\"\n    supported: 2014-01-01\n",
    );
    for i in 0..n {
        let day = released(i);
        let mut y = format!(
            "version: {}\nreleased: {day}\nsummary: Release number {i}.\n\
             components:\n  python: [\"3.10\"]\n",
            version(i)
        );
        // Every release but the newest ten has a full lifecycle: two years of support,
        // announced four months ahead.
        if i + 10 < n {
            let eos = day.checked_add_months(Months::new(24)).unwrap();
            let announced = eos.checked_sub_months(Months::new(4)).unwrap();
            writeln!(y, "eos_announced: {announced}\neos: {eos}").unwrap();
        }
        write(&format!("content/releases/{}.yaml", version(i)), &y);
    }
    (released(n - 1) + Days::new(1)).to_string()
}

fn build_large(n: usize) -> (tempfile::TempDir, Built) {
    let site = tempfile::tempdir().unwrap();
    let as_of = write_site(site.path(), n);
    let built = Built::new(site.path(), &as_of, &[]);
    (site, built)
}

#[test]
fn the_switcher_is_bounded_on_a_large_site() {
    let n = 120;
    let (_site, built) = build_large(n);
    for i in 0..n {
        assert!(built.exists(&format!("releases/{}/index.html", version(i))));
    }
    // The newest release, an old one, and one in the middle of a major version.
    for i in [n - 1, 0, 61, 44] {
        let v = version(i);
        let page = format!("releases/{v}/index.html");
        let doc = built.html(&page);
        let switcher = one(&doc, "nav.switcher", &page);
        let listed: Vec<String> = switcher.select(&sel("li a")).map(text).collect();
        assert!(
            listed.len() < 40,
            "{page}: the switcher lists {} versions of {n}",
            listed.len()
        );
        // Its own X.Y line in full, itself marked current.
        let line = i / PER_LINE;
        for j in line * PER_LINE..(line + 1) * PER_LINE {
            assert!(
                listed.contains(&version(j)),
                "{page}: {} missing",
                version(j)
            );
        }
        let current: Vec<String> = switcher
            .select(&sel(r#"a[aria-current="page"]"#))
            .map(text)
            .collect();
        assert_eq!(current, [v.as_str()], "{page}");
        // The newest release of the neighbouring lines.
        for other in [line.wrapping_sub(1), line + 1] {
            if other < n / PER_LINE {
                let newest = version(other * PER_LINE + PER_LINE - 1);
                assert!(
                    listed.contains(&newest),
                    "{page}: {newest} missing: {listed:?}"
                );
                let older = version(other * PER_LINE);
                assert!(!listed.contains(&older), "{page}: {older} listed");
            }
        }
        // And the way to everything else.
        let all: Vec<_> = switcher
            .select(&sel("a"))
            .filter(|a| text(*a) == "All versions")
            .collect();
        assert_eq!(all.len(), 1, "{page}: no \"All versions\" link");
        assert_eq!(all[0].value().attr("href"), Some("/bulk/releases/"));
        // No duplicates.
        let mut unique = listed.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), listed.len(), "{page}: {listed:?}");
    }
    // The full list is still one click away.
    let doc = built.html("releases/index.html");
    assert_eq!(doc.select(&sel("table.releases-table tbody tr")).count(), n);
}

#[test]
fn output_grows_near_linearly_with_releases() {
    let (_a, small) = build_large(60);
    let (_b, large) = build_large(120);
    let (s, l) = (small.total_bytes(), large.total_bytes());
    let ratio = l as f64 / s as f64;
    assert!(
        ratio < 2.5,
        "60 releases: {s} bytes, 120 releases: {l} bytes, ratio {ratio:.2}"
    );
    // Release pages themselves do not grow with the number of releases.
    let page = |b: &Built| b.read("releases/1.0.0/index.html").len() as f64;
    let growth = page(&large) / page(&small);
    assert!(growth < 1.2, "a release page grew {growth:.2}x");
}
