//! `dependencies/<id>/rss.xml`: the site feed filtered to one dependency, same cap, linked
//! from that dependency's page.

use crate::support::{Built, SiteCopy, attrs, build, build_fixture, feedparser};
use std::collections::BTreeSet;

const BASE: &str = "https://example.org/acme/";

/// Slugs of the announcements that name dependency `id` (any version), from the API.
fn announcement_urls_about(site: &Built, id: &str) -> BTreeSet<String> {
    site.json("api/v1/announcements.json")["announcements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| {
            a["affects"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["dependency"] == id)
        })
        .map(|a| a["url"].as_str().unwrap().to_string())
        .collect()
}

/// The site feed's items that are about `id`: its announcements and its reminders.
fn expected_guids(site: &Built, id: &str) -> Vec<String> {
    let about = announcement_urls_about(site, id);
    let page = format!("{BASE}dependencies/{id}/");
    site.rss("rss.xml")
        .items()
        .iter()
        .filter(|i| {
            let link = i.link().unwrap();
            about.contains(link) || link == page
        })
        .map(|i| i.guid().unwrap().value().to_string())
        .collect()
}

fn guids(site: &Built, file: &str) -> Vec<String> {
    site.rss(file)
        .items()
        .iter()
        .map(|i| i.guid().unwrap().value().to_string())
        .collect()
}

#[test]
fn each_dependency_feed_holds_exactly_the_items_about_it() {
    for as_of in ["2025-06-01", "2025-09-02"] {
        let site = build_fixture("basic", as_of);
        for id in ["python", "ubuntu"] {
            let file = format!("dependencies/{id}/rss.xml");
            let got = guids(&site, &file);
            assert_eq!(got, expected_guids(&site, id), "{file} as of {as_of}");
            let channel = site.rss(&file);
            assert_eq!(channel.link(), format!("{BASE}dependencies/{id}/"));
            let selfs: Vec<&str> = channel
                .atom_ext()
                .unwrap()
                .links()
                .iter()
                .map(|l| l.href())
                .collect();
            assert_eq!(selfs, [format!("{BASE}{file}")]);
        }
    }
    // As of 2025-06-01, Python: the derived 3.9 announcement and its three reminders.
    let site = build_fixture("basic", "2025-06-01");
    assert_eq!(
        guids(&site, "dependencies/python/rss.xml"),
        [
            format!("{BASE}dependencies/python/#eos-in-7-3-9"),
            format!("{BASE}dependencies/python/#eos-in-30-3-9"),
            format!("{BASE}dependencies/python/#eos-in-90-3-9"),
            format!("{BASE}announcements/2024-12-01-eos-python-3-9/"),
        ]
    );
    // As of 2025-09-02 the announcement about every Python version is in it too.
    let site = build_fixture("basic", "2025-09-02");
    assert!(
        guids(&site, "dependencies/python/rss.xml")
            .contains(&format!("{BASE}announcements/2025-09-01-python-plans/"))
    );
    if let Some(r) = feedparser(
        "dependency feeds",
        &site,
        &["dependencies/python/rss.xml", "dependencies/ubuntu/rss.xml"],
    ) {
        assert_eq!(r["dependencies/python/rss.xml"].entries.len(), 7);
        assert_eq!(
            r["dependencies/python/rss.xml"].title.as_deref(),
            Some("Acme SDK support lifecycle: Python end-of-support announcements")
        );
    }
}

#[test]
fn the_dependency_page_links_its_feed() {
    let site = build_fixture("basic", "2025-06-01");
    for id in ["python", "ubuntu"] {
        let doc = site.html(&format!("dependencies/{id}/index.html"));
        let href = format!("/acme/dependencies/{id}/rss.xml");
        let alternates = attrs(
            &doc,
            "head link[rel=alternate][type='application/rss+xml']",
            "href",
        );
        assert!(alternates.contains(&href), "{id}: {alternates:?}");
        assert!(
            attrs(&doc, "main a", "href").contains(&href),
            "{id}: no visible link to its feed"
        );
    }
}

#[test]
fn dependency_feeds_have_the_same_cap_as_the_site_feed() {
    let copy = SiteCopy::of("basic");
    copy.replace("site.yaml", "  items: 50", "  items: 3");
    let site = build(copy.path(), "2025-06-01");
    assert_eq!(site.rss("rss.xml").items().len(), 3);
    assert_eq!(site.atom("atom.xml").entries().len(), 3);
    let ubuntu = guids(&site, "dependencies/ubuntu/rss.xml");
    // The newest three of Ubuntu's eight items (20.04's reminders of 2025-01-24, 01-01, 2024-11-02).
    assert_eq!(
        ubuntu,
        [
            format!("{BASE}dependencies/ubuntu/#eos-in-7-20-04"),
            format!("{BASE}dependencies/ubuntu/#eos-in-30-20-04"),
            format!("{BASE}dependencies/ubuntu/#eos-in-90-20-04"),
        ]
    );
}
