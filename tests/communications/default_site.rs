//! The default Neuron site at --as-of 2026-11-25: populated, valid feeds and calendar, and
//! every HTML page pointing to them.

use crate::support::{Built, attrs, build_default, check_ics, feedparser, xmllint};
use chrono::{DateTime, NaiveDate};
use std::sync::Arc;

const AS_OF: &str = "2026-11-25";
const BASE: &str = "https://example.github.io/neuron-lifecycle/";

fn site() -> Arc<Built> {
    build_default(AS_OF)
}

/// `feeds.items` of the default site.yaml.
const ITEMS: usize = 50;

#[test]
fn rss_has_the_newest_items_with_every_field_at_midnight_utc() {
    let site = site();
    let channel = site.rss("rss.xml");
    assert_eq!(
        channel.last_build_date(),
        Some("Wed, 25 Nov 2026 00:00:00 +0000"),
        "lastBuildDate is the as-of date"
    );
    let self_links: Vec<&str> = channel
        .atom_ext()
        .map(|a| {
            a.links()
                .iter()
                .filter(|l| l.rel() == "self")
                .map(|l| l.href())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(self_links, [format!("{BASE}rss.xml")], "atom:link rel=self");
    let items = channel.items();
    assert_eq!(items.len(), ITEMS, "feeds.items entries");
    let as_of = NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap();
    let mut previous: Option<NaiveDate> = None;
    for item in items {
        let title = item.title().expect("every item has a title");
        let link = item.link().unwrap_or_else(|| panic!("{title}: no link"));
        assert!(
            link.starts_with(BASE),
            "{title}: link {link} is not absolute on the site"
        );
        let guid = item.guid().unwrap_or_else(|| panic!("{title}: no guid"));
        // An announcement's guid is its permalink; a reminder's is the page plus a fragment.
        if guid.is_permalink() {
            assert_eq!(guid.value(), link, "{title}: permalink guid");
            assert!(link.contains("/announcements/"), "{title}");
            assert!(!item.categories().is_empty(), "{title}: no categories");
        } else {
            assert!(
                guid.value().starts_with(&format!("{link}#eos-in-")),
                "{title}: {}",
                guid.value()
            );
        }
        assert!(
            item.description().is_some_and(|d| !d.is_empty()),
            "{title}: no description"
        );
        let date = item
            .pub_date()
            .unwrap_or_else(|| panic!("{title}: no pubDate"));
        let parsed =
            DateTime::parse_from_rfc2822(date).unwrap_or_else(|e| panic!("{title}: {date}: {e}"));
        assert!(
            date.ends_with(" 00:00:00 +0000"),
            "{title}: {date} is not 00:00 UTC"
        );
        let day = parsed.date_naive();
        assert!(day <= as_of, "{title}: dated {day}, after the as-of date");
        if let Some(p) = previous {
            assert!(day <= p, "{title}: {day} after {p}: not newest first");
        }
        previous = Some(day);
    }
    // The cap took the newest: nothing left out is newer than the oldest item kept.
    let oldest_kept = previous.unwrap();
    let api = site.json("api/v1/announcements.json");
    let all = api["announcements"].as_array().unwrap();
    assert!(all.len() > ITEMS / 2, "the default site has announcements");
    for a in all {
        let date = NaiveDate::parse_from_str(a["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        let url = a["url"].as_str().unwrap();
        if date > oldest_kept {
            assert!(
                items.iter().any(|i| i.link() == Some(url)),
                "{url} left out of rss.xml"
            );
        }
    }
}

#[test]
fn atom_has_the_same_entries_as_rss() {
    let site = site();
    let rss = site.rss("rss.xml");
    let atom = site.atom("atom.xml");
    assert_eq!(atom.updated().to_rfc3339(), "2026-11-25T00:00:00+00:00");
    assert_eq!(atom.entries().len(), ITEMS);
    for (item, entry) in rss.items().iter().zip(atom.entries()) {
        assert_eq!(Some(entry.title().as_str()), item.title());
        assert_eq!(Some(entry.id()), item.guid().map(|g| g.value()));
        let links: Vec<&str> = entry.links().iter().map(|l| l.href()).collect();
        assert_eq!(links, [item.link().unwrap()], "{}", entry.title().as_str());
        let published = entry.published().expect("published").to_rfc2822();
        assert_eq!(
            Some(published.as_str()),
            item.pub_date(),
            "{}",
            entry.title().as_str()
        );
        assert_eq!(
            entry.updated().to_rfc3339().get(10..),
            Some("T00:00:00+00:00")
        );
    }
    let selfs: Vec<&str> = atom
        .links()
        .iter()
        .filter(|l| l.rel() == "self")
        .map(|l| l.href())
        .collect();
    assert_eq!(selfs, [format!("{BASE}atom.xml")]);
}

#[test]
fn feedparser_and_xmllint_accept_the_default_feeds() {
    let site = site();
    let Some(reports) = feedparser("default feeds", &site, &["rss.xml", "atom.xml"]) else {
        return;
    };
    for (file, version) in [("rss.xml", "rss20"), ("atom.xml", "atom10")] {
        let r = &reports[file];
        assert!(!r.bozo && r.version == version, "{file}: {r:?}");
        assert_eq!(r.entries.len(), ITEMS, "{file}");
    }
    let mut files: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.ends_with(".xml") || f.ends_with(".svg"))
        .collect();
    files.sort();
    assert!(
        files.len() > 40,
        "feeds, sitemap, dependency feeds, badges: {files:?}"
    );
    xmllint("default xml", &site, &files);
}

#[test]
fn the_calendar_parses_with_the_corrected_release_at_sequence_1() {
    let site = site();
    let Some(ics) = check_ics("default eos.ics", &site) else {
        return;
    };
    let host = "example.github.io";
    // 2.24.0's end of support was moved by the announcement of 2026-10-15.
    let moved = ics.event(&format!("sdk-2.24.0-eos@{host}"));
    assert_eq!(moved.dtstart.as_deref(), Some("2026-12-31"));
    // One correction, plus one: its policy revision projects ends, and a stated date
    // replaces the projection (docs/outputs.md).
    assert_eq!(moved.sequence, 2);
    assert_eq!(
        moved.url.as_deref(),
        Some(format!("{BASE}releases/2.24.0/").as_str())
    );
    // Every release with an eos has its event, every dependency version its eos/maintenance.
    let releases = site.json("api/v1/releases.json");
    for r in releases["releases"].as_array().unwrap() {
        if let Some(eos) = r["eos"].as_str() {
            let e = ics.event(&format!(
                "sdk-{}-eos@{host}",
                r["version"].as_str().unwrap()
            ));
            assert_eq!(e.dtstart.as_deref(), Some(eos));
        }
    }
    let deps = site.json("api/v1/dependencies.json");
    for d in deps["dependencies"].as_array().unwrap() {
        for v in d["versions"].as_array().unwrap() {
            for kind in ["eos", "maintenance"] {
                if let Some(date) = v[kind].as_str() {
                    let uid = format!(
                        "{}-{}-{kind}@{host}",
                        d["id"].as_str().unwrap(),
                        v["version"].as_str().unwrap()
                    );
                    assert_eq!(ics.event(&uid).dtstart.as_deref(), Some(date), "{uid}");
                }
            }
        }
    }
}

#[test]
fn every_html_page_links_the_rss_and_atom_feeds() {
    let site = site();
    let pages = site.html_pages();
    assert!(pages.len() > 100, "{} pages", pages.len());
    for page in pages {
        let doc = site.html(&page);
        let rss = attrs(
            &doc,
            "head link[rel=alternate][type='application/rss+xml']",
            "href",
        );
        let atom = attrs(
            &doc,
            "head link[rel=alternate][type='application/atom+xml']",
            "href",
        );
        assert!(
            rss.iter().any(|h| h == "/neuron-lifecycle/rss.xml"),
            "{page}: {rss:?}"
        );
        assert_eq!(atom, ["/neuron-lifecycle/atom.xml"], "{page}");
    }
}
