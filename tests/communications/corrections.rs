//! Corrections (`supersedes:`): the banner on the corrected page, what changed on the
//! correction's page and feed item, and calendar events that update (same UID, SEQUENCE 1).

use crate::support::{SiteCopy, attrs, build, build_fixture, check_ics, feedparser, texts};

const BASE: &str = "https://example.org/acme/";
const ORIGINAL: &str = "2024-10-01-eos-acme-1-0";
const CORRECTION: &str = "2024-11-01-eos-acme-1-0-moved";

#[test]
fn the_superseded_page_has_a_banner_linking_to_the_correction() {
    let site = build_fixture("basic", "2025-06-01");
    let doc = site.html(&format!("announcements/{ORIGINAL}/index.html"));
    let banners = texts(&doc, "[role=note]");
    assert_eq!(banners.len(), 1, "{banners:?}");
    assert!(
        banners[0].contains("corrected on 2024-11-01"),
        "{}",
        banners[0]
    );
    let links = attrs(&doc, "[role=note] a", "href");
    assert_eq!(links, [format!("/acme/announcements/{CORRECTION}/")]);
    // The list marks it.
    let index = site.html("announcements/index.html");
    assert!(
        texts(&index, "tbody th")
            .iter()
            .any(|t| t.contains("End of support for Acme SDK 1.0.0") && t.contains("corrected"))
    );
}

#[test]
fn before_the_correction_is_published_the_original_has_no_banner() {
    let site = build_fixture("basic", "2024-10-15");
    let doc = site.html(&format!("announcements/{ORIGINAL}/index.html"));
    assert!(
        texts(&doc, "[role=note]").is_empty(),
        "a banner before the correction exists"
    );
    assert!(!site.exists(&format!("announcements/{CORRECTION}/index.html")));
    let api = site.json("api/v1/announcements.json");
    let original = api["announcements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == ORIGINAL)
        .unwrap();
    assert!(original["superseded_by"].is_null());
}

#[test]
fn the_correction_page_and_feed_item_say_what_changed() {
    let site = build_fixture("basic", "2025-06-01");
    let doc = site.html(&format!("announcements/{CORRECTION}/index.html"));
    let note = texts(&doc, "[role=note]").join(" ");
    assert!(
        note.contains("end of support moves from 2025-01-15 to 2025-02-01"),
        "{note}"
    );
    assert_eq!(
        attrs(&doc, "[role=note] a", "href"),
        [format!("/acme/announcements/{ORIGINAL}/")]
    );

    let url = format!("{BASE}announcements/{CORRECTION}/");
    let rss = site.rss("rss.xml");
    let item = rss
        .items()
        .iter()
        .find(|i| i.link() == Some(url.as_str()))
        .expect("correction in rss.xml");
    let text: String = scraper::Html::parse_fragment(item.description().unwrap())
        .root_element()
        .text()
        .collect();
    assert!(
        text.contains("end of support moves from 2025-01-15 to 2025-02-01"),
        "{text}"
    );
    if let Some(reports) = feedparser("corrections", &site, &["rss.xml", "atom.xml"]) {
        for r in reports.values() {
            let e = r
                .entries
                .iter()
                .find(|e| e.link.as_deref() == Some(url.as_str()))
                .unwrap();
            let summary = e.summary.as_deref().unwrap_or_default();
            assert!(
                summary.contains("2025-01-15") && summary.contains("2025-02-01"),
                "{}: {summary}",
                r.file
            );
        }
    }
    let api = site.json("api/v1/announcements.json");
    let list = api["announcements"].as_array().unwrap();
    let find = |slug: &str| list.iter().find(|a| a["slug"] == slug).unwrap();
    assert_eq!(find(CORRECTION)["supersedes"], ORIGINAL);
    assert_eq!(find(ORIGINAL)["superseded_by"], CORRECTION);
}

#[test]
fn calendar_uids_are_stable_and_the_corrected_event_sequence_rises() {
    let before = build_fixture("basic", "2024-10-15");
    let after = build_fixture("basic", "2025-06-01");
    let (Some(b), Some(a)) = (
        check_ics("ics before", &before),
        check_ics("ics after", &after),
    ) else {
        return;
    };
    let host = "example.org";
    let want: Vec<String> = [
        "sdk-0.9.0-eos",
        "sdk-1.0.0-eos",
        "sdk-1.1.0-eos",
        "python-3.9-maintenance",
        "python-3.9-eos",
        "python-3.11-eos",
        "ubuntu-18.04-eos",
        "ubuntu-20.04-eos",
    ]
    .iter()
    .map(|u| format!("{u}@{host}"))
    .collect();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    assert_eq!(b.uids(), want_sorted, "UIDs as of 2024-10-15");
    assert_eq!(a.uids(), want_sorted, "UIDs as of 2025-06-01");
    let uid = format!("sdk-1.0.0-eos@{host}");
    assert_eq!(
        b.event(&uid).sequence,
        0,
        "before the correction is published"
    );
    assert_eq!(a.event(&uid).sequence, 1, "after the correction");
    assert_eq!(a.event(&uid).dtstart.as_deref(), Some("2025-02-01"));
    assert_eq!(
        a.event(&uid).dtend.as_deref(),
        Some("2025-02-02"),
        "all-day: DTEND is the next day"
    );
    for e in &a.events {
        if e.uid != uid {
            assert_eq!(e.sequence, 0, "{} was never corrected", e.uid);
        }
        let other = b.event(&e.uid);
        assert_eq!(
            (&e.dtstart, &e.summary, &e.url),
            (&other.dtstart, &other.summary, &other.url)
        );
    }
    assert_eq!(
        a.event(&format!("ubuntu-18.04-eos@{host}"))
            .dtstart
            .as_deref(),
        Some("2024-06-01"),
        "removed_in: 1.1.0's release date"
    );
    assert_eq!(
        a.event(&format!("python-3.9-maintenance@{host}"))
            .url
            .as_deref(),
        Some(format!("{BASE}dependencies/python/").as_str())
    );
}

#[test]
fn a_correction_that_sets_a_date_the_original_lacked_says_so() {
    let copy = SiteCopy::of("basic");
    copy.replace(
        &format!("content/announcements/{ORIGINAL}.md"),
        "eos: 2025-01-15\n",
        "",
    );
    let site = build(copy.path(), "2025-06-01");
    let doc = site.html(&format!("announcements/{CORRECTION}/index.html"));
    let note = texts(&doc, "[role=note]").join(" ");
    assert!(
        note.contains("end of support is set for 2025-02-01"),
        "{note}"
    );
    let url = format!("{BASE}announcements/{CORRECTION}/");
    let rss = site.rss("rss.xml");
    let item = rss
        .items()
        .iter()
        .find(|i| i.link() == Some(url.as_str()))
        .unwrap();
    assert!(
        item.description()
            .unwrap()
            .contains("end of support is set for 2025-02-01")
    );
}
