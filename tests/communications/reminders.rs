//! "EOS in N days" reminders appear exactly once, on the day N days before the end of
//! support and not a day earlier, linked to the version's own page with the contract's guid.

use crate::support::{Built, SiteCopy, build, build_fixture, feedparser};

const BASE: &str = "https://example.org/acme/";

/// The items of `file` whose guid is `guid`.
fn with_guid(site: &Built, file: &str, guid: &str) -> Vec<rss::Item> {
    site.rss(file)
        .items()
        .iter()
        .filter(|i| i.guid().map(|g| g.value()) == Some(guid))
        .cloned()
        .collect()
}

fn entries_with_id(site: &Built, file: &str, id: &str) -> usize {
    site.atom(file)
        .entries()
        .iter()
        .filter(|e| e.id() == id)
        .count()
}

/// Build the day before and the day of the reminder, and a later day: absent, then present once.
fn check_reminder(
    title: &str,
    page: &str,
    guid: &str,
    day_before: &str,
    day: &str,
    pub_date: &str,
    also_in: Option<&str>,
) {
    let before = build_fixture("basic", day_before);
    assert!(
        with_guid(&before, "rss.xml", guid).is_empty(),
        "{guid} already in rss.xml as of {day_before}"
    );
    assert_eq!(
        entries_with_id(&before, "atom.xml", guid),
        0,
        "{guid} in atom.xml as of {day_before}"
    );
    for as_of in [day, "2025-12-31"] {
        let site = build_fixture("basic", as_of);
        let mut files = vec!["rss.xml"];
        files.extend(also_in);
        for file in files {
            let items = with_guid(&site, file, guid);
            assert_eq!(items.len(), 1, "{guid} in {file} as of {as_of}: {items:#?}");
            let item = &items[0];
            assert_eq!(item.title(), Some(title), "{file} as of {as_of}");
            assert_eq!(
                item.link(),
                Some(page),
                "reminders link the version's own page"
            );
            assert_eq!(
                item.pub_date(),
                Some(pub_date),
                "dated N days before, 00:00 UTC"
            );
            assert!(
                !item.guid().unwrap().is_permalink(),
                "a fragment guid is not a permalink"
            );
        }
        assert_eq!(
            entries_with_id(&site, "atom.xml", guid),
            1,
            "atom.xml as of {as_of}"
        );
    }
    // feedparser reads the same guid and link.
    let site = build_fixture("basic", day);
    if let Some(reports) = feedparser("reminders", &site, &["rss.xml", "atom.xml"]) {
        for r in reports.values() {
            let found: Vec<_> = r
                .entries
                .iter()
                .filter(|e| e.id.as_deref() == Some(guid))
                .collect();
            assert_eq!(found.len(), 1, "{}: {guid}", r.file);
            assert_eq!(found[0].link.as_deref(), Some(page));
        }
    }
}

#[test]
fn an_sdk_reminder_appears_on_its_day_exactly_once() {
    // Acme SDK 1.1.0 reaches end of support on 2025-06-30; 7 days before is 2025-06-23.
    let page = format!("{BASE}releases/1.1.0/");
    check_reminder(
        "Acme SDK 1.1.0 reaches end of support in 7 days",
        &page,
        &format!("{page}#eos-in-7-1-1-0"),
        "2025-06-22",
        "2025-06-23",
        "Mon, 23 Jun 2025 00:00:00 +0000",
        None,
    );
}

#[test]
fn a_dependency_reminder_appears_on_its_day_in_both_feeds() {
    // Python 3.11 reaches end of support on 2025-12-01; 90 days before is 2025-09-02.
    let page = format!("{BASE}dependencies/python/");
    check_reminder(
        "Python 3.11 reaches end of support in 90 days",
        &page,
        &format!("{page}#eos-in-90-3-11"),
        "2025-09-01",
        "2025-09-02",
        "Tue, 2 Sep 2025 00:00:00 +0000",
        Some("dependencies/python/rss.xml"),
    );
}

#[test]
fn a_version_that_ends_with_a_release_gets_reminders_before_that_release_date() {
    // Ubuntu 18.04 has `removed_in: 1.1.0`: its eos is 1.1.0's release date, 2024-06-01.
    let page = format!("{BASE}dependencies/ubuntu/");
    check_reminder(
        "Ubuntu 18.04 reaches end of support in 30 days",
        &page,
        &format!("{page}#eos-in-30-18-04"),
        "2024-05-01",
        "2024-05-02",
        "Thu, 2 May 2024 00:00:00 +0000",
        Some("dependencies/ubuntu/rss.xml"),
    );
}

#[test]
fn every_due_reminder_and_no_other_is_in_the_feed() {
    let site = build_fixture("basic", "2025-06-01");
    let mut guids: Vec<String> = site
        .rss("rss.xml")
        .items()
        .iter()
        .filter_map(|i| i.guid().map(|g| g.value().to_string()))
        .filter(|g| g.contains("#eos-in-"))
        .collect();
    guids.sort();
    let mut want: Vec<String> = Vec::new();
    let mut add = |page: &str, v: &str, days: &[u32]| {
        for n in days {
            want.push(format!("{BASE}{page}#eos-in-{n}-{v}"));
        }
    };
    // eos dates: SDK 0.9.0 2023-12-01, 1.0.0 2025-02-01, 1.1.0 2025-06-30 (7 days: 06-23, not yet);
    // Python 3.9 2025-04-01, 3.11 2025-12-01 (90 days: 09-02, not yet); Ubuntu 18.04 2024-06-01
    // (removed_in), 20.04 2025-01-31.
    add("releases/0.9.0/", "0-9-0", &[90, 30, 7]);
    add("releases/1.0.0/", "1-0-0", &[90, 30, 7]);
    add("releases/1.1.0/", "1-1-0", &[90, 30]);
    add("dependencies/python/", "3-9", &[90, 30, 7]);
    add("dependencies/ubuntu/", "18-04", &[90, 30, 7]);
    add("dependencies/ubuntu/", "20-04", &[90, 30, 7]);
    want.sort();
    assert_eq!(guids, want);
}

#[test]
fn a_reminder_is_never_dated_before_the_announcement() {
    // Python 3.11 announced on 2025-10-01 instead: 61 days before its eos of 2025-12-01, so
    // the 90-day reminder (2025-09-02) would predate the announcement.
    let copy = SiteCopy::of("basic");
    copy.replace(
        "content/dependencies/python.yaml",
        "    announced: 2025-08-01",
        "    announced: 2025-10-01",
    );
    let page = format!("{BASE}dependencies/python/");
    let guid = |n: u32| format!("{page}#eos-in-{n}-3-11");
    for (as_of, announced, due) in [
        ("2025-09-15", false, vec![]),
        ("2025-10-01", true, vec![]),
        ("2025-11-01", true, vec![30]),
        ("2025-12-01", true, vec![30, 7]),
    ] {
        let site = build(copy.path(), as_of);
        let slugs = site.read("api/v1/announcements.json");
        assert_eq!(
            slugs.contains("2025-10-01-eos-python-3-11"),
            announced,
            "as of {as_of}"
        );
        for file in ["rss.xml", "dependencies/python/rss.xml"] {
            for n in [90, 30, 7] {
                let found = with_guid(&site, file, &guid(n)).len();
                assert_eq!(
                    found,
                    usize::from(due.contains(&n)),
                    "{file} as of {as_of}: {n}-day reminder"
                );
            }
        }
    }
}

#[test]
fn repeated_reminder_days_give_one_item_each() {
    let copy = SiteCopy::of("basic");
    copy.replace(
        "site.yaml",
        "  reminders_days: [90, 30, 7]",
        "  reminders_days: [30, 7, 30]",
    );
    let site = build(copy.path(), "2025-06-01");
    let guid = format!("{BASE}releases/1.0.0/#eos-in-30-1-0-0");
    assert_eq!(with_guid(&site, "rss.xml", &guid).len(), 1);
    assert_eq!(entries_with_id(&site, "atom.xml", &guid), 1);
    // feedparser's checker fails on two entries with one id.
    feedparser(
        "repeated reminder days",
        &site,
        &["rss.xml", "atom.xml", "dependencies/ubuntu/rss.xml"],
    );
}
