//! Which announcements are published: derived ones for every uncovered announcement date,
//! none for a covered one, and nothing dated after the as-of date anywhere until its day.

use crate::support::{Built, attrs, build_fixture, texts};

const BASE: &str = "https://example.org/acme/";

/// Slugs in api/v1/announcements.json.
fn api_slugs(site: &Built) -> Vec<String> {
    site.json("api/v1/announcements.json")["announcements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["slug"].as_str().unwrap().to_string())
        .collect()
}

/// Everywhere an announcement can be published, whether `slug` is there.
fn published_in(site: &Built, slug: &str) -> Vec<(&'static str, bool)> {
    let url = format!("{BASE}announcements/{slug}/");
    let rel = format!("/acme/announcements/{slug}/");
    let index = site.html("announcements/index.html");
    let home_links = attrs(&index, "a", "href");
    let rss = site.rss("rss.xml");
    let atom = site.atom("atom.xml");
    vec![
        (
            "page",
            site.exists(&format!("announcements/{slug}/index.html")),
        ),
        ("announcements/index.html", home_links.contains(&rel)),
        (
            "rss.xml",
            rss.items().iter().any(|i| i.link() == Some(url.as_str())),
        ),
        ("atom.xml", atom.entries().iter().any(|e| e.id() == url)),
        (
            "api/v1/announcements.json",
            api_slugs(site).iter().any(|s| s == slug),
        ),
        ("sitemap.xml", site.read("sitemap.xml").contains(&url)),
        (
            "dependencies/python/rss.xml",
            site.rss("dependencies/python/rss.xml")
                .items()
                .iter()
                .any(|i| i.link() == Some(url.as_str())),
        ),
    ]
}

fn assert_nowhere(site: &Built, slug: &str) {
    for (place, found) in published_in(site, slug) {
        assert!(
            !found,
            "{slug} is published in {place} as of {}",
            site.as_of
        );
    }
}

fn assert_everywhere(site: &Built, slug: &str, python: bool) {
    for (place, found) in published_in(site, slug) {
        let want = python || place != "dependencies/python/rss.xml";
        assert_eq!(found, want, "{slug} in {place} as of {}", site.as_of);
    }
}

#[test]
fn a_future_hand_written_announcement_is_published_nowhere_until_its_date() {
    // 2025-09-01-python-plans is dated 2025-09-01.
    for as_of in ["2025-06-01", "2025-08-31"] {
        assert_nowhere(&build_fixture("basic", as_of), "2025-09-01-python-plans");
    }
    let site = build_fixture("basic", "2025-09-01");
    assert_everywhere(&site, "2025-09-01-python-plans", true);
    // It affects Python (every version): the Python page lists it.
    let python = site.html("dependencies/python/index.html");
    assert!(
        attrs(&python, "a", "href")
            .contains(&"/acme/announcements/2025-09-01-python-plans/".to_string())
    );
}

#[test]
fn a_future_derived_announcement_is_published_nowhere_until_its_date() {
    // Python 3.11 has `announced: 2025-08-01`.
    let slug = "2025-08-01-eos-python-3-11";
    assert_nowhere(&build_fixture("basic", "2025-07-31"), slug);
    assert_everywhere(&build_fixture("basic", "2025-08-01"), slug, true);
}

#[test]
fn derived_announcements_cover_exactly_the_uncovered_dates() {
    let site = build_fixture("basic", "2025-06-01");
    let mut slugs = api_slugs(&site);
    slugs.sort();
    assert_eq!(
        slugs,
        [
            // eos with no eos_announced: dated at the eos.
            "2023-12-01-eos-sdk-0-9-0",
            // removed_in with no announced date: dated at 1.1.0's release date.
            "2024-06-01-eos-ubuntu-18-04",
            // hand-written; covers Ubuntu 20.04's announced date, so no derived one.
            "2024-09-01-ubuntu-focal-retires",
            // hand-written; covers 1.0.0's eos_announced date.
            "2024-10-01-eos-acme-1-0",
            "2024-11-01-eos-acme-1-0-moved",
            "2024-12-01-eos-python-3-9",
            "2025-03-01-eos-sdk-1-1-0",
        ]
    );
    assert!(!site.exists("announcements/2024-09-01-eos-ubuntu-20-04/index.html"));
    assert!(!site.exists("announcements/2024-10-01-eos-sdk-1-0-0/index.html"));
    let api = site.json("api/v1/announcements.json");
    for a in api["announcements"].as_array().unwrap() {
        let slug = a["slug"].as_str().unwrap();
        let derived = slug.contains("-eos-sdk-")
            || slug.contains("-eos-python-")
            || slug.contains("-eos-ubuntu-");
        assert_eq!(a["derived"], derived, "{slug}");
    }
    // The list page is newest first.
    let index = site.html("announcements/index.html");
    let days = attrs(&index, "tbody tr > td:first-child", "data-sort");
    let mut sorted = days.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(days, sorted, "announcements/index.html newest first");
    assert_eq!(days.len(), 7);
}

#[test]
fn a_derived_announcement_has_a_page_and_a_feed_item_made_from_the_data() {
    let site = build_fixture("basic", "2025-06-01");
    let slug = "2025-03-01-eos-sdk-1-1-0";
    let doc = site.html(&format!("announcements/{slug}/index.html"));
    assert_eq!(
        texts(&doc, "h1"),
        ["End of support for Acme SDK 1.1.0 on 2025-06-30"]
    );
    let body = texts(&doc, ".prose").join(" ");
    assert!(
        body.contains("Acme SDK 1.1.0, released 2024-06-01, reaches end of support on 2025-06-30"),
        "{body}"
    );
    assert!(attrs(&doc, ".prose a", "href").contains(&"/acme/releases/1.1.0/".to_string()));
    let url = format!("{BASE}announcements/{slug}/");
    let rss = site.rss("rss.xml");
    let item = rss
        .items()
        .iter()
        .find(|i| i.link() == Some(url.as_str()))
        .expect("feed item");
    assert_eq!(
        item.title(),
        Some("End of support for Acme SDK 1.1.0 on 2025-06-30")
    );
    assert_eq!(
        item.guid().map(|g| (g.value(), g.is_permalink())),
        Some((url.as_str(), true))
    );
    assert_eq!(item.pub_date(), Some("Sat, 1 Mar 2025 00:00:00 +0000"));
    let categories: Vec<&str> = item.categories().iter().map(|c| c.name()).collect();
    assert_eq!(categories, ["Acme SDK 1.1.0"]);
    // Links in a feed body are absolute: a reader resolves them against the feed.
    assert!(
        item.description()
            .unwrap()
            .contains(&format!("href=\"{BASE}releases/1.1.0/\""))
    );

    // The dependency one names the last release that ships the version.
    let doc = site.html("announcements/2024-12-01-eos-python-3-9/index.html");
    assert_eq!(
        texts(&doc, "h1"),
        ["Python 3.9 enters maintenance on 2025-01-01, end of support on 2025-04-01"]
    );
    let body = texts(&doc, ".prose").join(" ");
    assert!(
        body.contains("last Acme SDK version that ships it: 1.1.0"),
        "{body}"
    );
}

#[test]
fn release_and_dependency_pages_link_the_announcements_about_them() {
    let site = build_fixture("basic", "2025-06-01");
    let links = |page: &str| attrs(&site.html(page), "a", "href");
    let r100 = links("releases/1.0.0/index.html");
    for slug in ["2024-10-01-eos-acme-1-0", "2024-11-01-eos-acme-1-0-moved"] {
        assert!(
            r100.contains(&format!("/acme/announcements/{slug}/")),
            "1.0.0 page lacks {slug}"
        );
    }
    assert!(
        links("releases/1.1.0/index.html")
            .contains(&"/acme/announcements/2025-03-01-eos-sdk-1-1-0/".to_string())
    );
    let ubuntu = links("dependencies/ubuntu/index.html");
    for slug in [
        "2024-09-01-ubuntu-focal-retires",
        "2024-06-01-eos-ubuntu-18-04",
    ] {
        assert!(
            ubuntu.contains(&format!("/acme/announcements/{slug}/")),
            "ubuntu page lacks {slug}"
        );
    }
    // And not about others.
    assert!(!ubuntu.contains(&"/acme/announcements/2024-12-01-eos-python-3-9/".to_string()));
}
