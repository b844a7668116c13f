//! guids, links and UIDs do not change when the same data is built on another day, so feed
//! readers and calendars never see an item twice.

use crate::support::{Built, build_default, build_fixture, check_ics};
use std::collections::BTreeMap;

/// guid -> (link, title, pubDate) of every item in `file`.
fn items(site: &Built, file: &str) -> BTreeMap<String, (String, String, String)> {
    let mut out = BTreeMap::new();
    for i in site.rss(file).items() {
        let guid = i.guid().unwrap().value().to_string();
        let old = out.insert(
            guid.clone(),
            (
                i.link().unwrap().to_string(),
                i.title().unwrap().to_string(),
                i.pub_date().unwrap().to_string(),
            ),
        );
        assert!(old.is_none(), "{file}: guid {guid} twice");
    }
    out
}

/// Every item of the earlier build that is not older than the later build's oldest item
/// is still there, with the same guid, link, title and date.
fn assert_stable(earlier: &Built, later: &Built, file: &str) {
    let a = items(earlier, file);
    let b = items(later, file);
    let day = |d: &str| {
        chrono::DateTime::parse_from_rfc2822(d)
            .unwrap()
            .date_naive()
    };
    let oldest_later = b.values().map(|(_, _, d)| day(d)).min().unwrap();
    let mut kept = 0;
    for (guid, item) in &a {
        if day(&item.2) < oldest_later {
            continue;
        }
        assert_eq!(
            b.get(guid),
            Some(item),
            "{file}: {guid} changed between {} and {}",
            earlier.as_of,
            later.as_of
        );
        kept += 1;
    }
    assert!(kept > 0, "{file}: nothing in common");
    // The atom ids are the same guids.
    let ids: Vec<String> = later
        .atom("atom.xml")
        .entries()
        .iter()
        .map(|e| e.id().to_string())
        .collect();
    if file == "rss.xml" {
        assert_eq!(
            ids,
            later
                .rss(file)
                .items()
                .iter()
                .map(|i| i.guid().unwrap().value().to_string())
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn fixture_guids_links_and_uids_survive_a_later_build() {
    let earlier = build_fixture("basic", "2025-06-01");
    let later = build_fixture("basic", "2025-12-31");
    assert_stable(&earlier, &later, "rss.xml");
    assert_stable(&earlier, &later, "dependencies/python/rss.xml");
    assert_stable(&earlier, &later, "dependencies/ubuntu/rss.xml");
    // Nothing was dropped here: the later feed holds more.
    assert!(items(&later, "rss.xml").len() > items(&earlier, "rss.xml").len());
    if let (Some(a), Some(b)) = (
        check_ics("uids earlier", &earlier),
        check_ics("uids later", &later),
    ) {
        assert_eq!(a.uids(), b.uids());
    }
}

#[test]
fn default_site_guids_links_and_uids_survive_a_later_build() {
    let earlier = build_default("2026-11-25");
    let later = build_default("2027-01-20");
    assert_stable(&earlier, &later, "rss.xml");
    assert_stable(&earlier, &later, "dependencies/pytorch/rss.xml");
    if let (Some(a), Some(b)) = (
        check_ics("uids earlier", &earlier),
        check_ics("uids later", &later),
    ) {
        // Every event survives; a later date may add projected ones (2.28.0 is out by then,
        // so the policy's rule gives 2.27.x an end of support).
        let later: std::collections::BTreeSet<String> = b.uids().into_iter().collect();
        for uid in a.uids() {
            assert!(later.contains(&uid), "{uid} was dropped");
        }
        // 2.24.0 was corrected before both dates: its SEQUENCE does not drift (one
        // correction, plus one because its policy projects ends and its date is stated).
        let uid = "sdk-2.24.0-eos@example.github.io";
        assert_eq!((a.event(uid).sequence, b.event(uid).sequence), (2, 2));
    }
}
