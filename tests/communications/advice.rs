//! Upgrade advice and per-dependency calendars (part of issue 15): every release that is
//! announced or at end of support says where to move, with what changes; dependency
//! versions on their way out say which release last ships them and which is the first
//! without; each dependency has its own calendar with exactly its events.

use crate::support::*;

/// The "Move to" entries of a release page: (version linked, text of the entry).
fn advice(built: &Built, version: &str) -> Vec<(String, String)> {
    let doc = built.html(&format!("releases/{version}/index.html"));
    let li = scraper::Selector::parse("section.advice ul.advice-targets > li").unwrap();
    let a = scraper::Selector::parse("a").unwrap();
    doc.select(&li)
        .map(|li| {
            let first = li.select(&a).next().unwrap().text().collect::<String>();
            (first, li.text().collect::<String>())
        })
        .collect()
}

#[test]
fn releases_that_end_say_where_to_move() {
    // As of 2025-10-01: 1.1.0 has ended; 2.0.0 is the newest supported release and 1.2.0
    // the newest of 1.x.
    let built = build_fixture("basic", "2025-10-01");
    let a = advice(&built, "1.1.0");
    assert_eq!(
        a.iter().map(|(v, _)| v.as_str()).collect::<Vec<_>>(),
        ["Acme SDK 2.0.0", "Acme SDK 1.2.0"],
        "{a:?}"
    );
    assert!(a[1].1.contains("newest supported release of 1.x"), "{a:?}");
    // What changes between 1.1.0 and 2.0.0, per dependency, as the data says.
    let doc = built.html("releases/1.1.0/index.html");
    let changes: Vec<String> = doc
        .select(&scraper::Selector::parse("ul.advice-changes li").unwrap())
        .map(|l| l.text().collect::<String>())
        .collect();
    assert!(!changes.is_empty());
    for c in &changes {
        assert!(c.contains(" adds ") || c.contains(" drops "), "{c}");
    }
    // Supported releases get no advice.
    assert!(advice(&built, "2.0.0").is_empty());
    assert!(advice(&built, "1.2.0").is_empty());

    // As of 2025-06-01, 2.0.0 is not out: the newest supported is 1.2.0, once.
    let built = build_fixture("basic", "2025-06-01");
    let a = advice(&built, "1.1.0");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].0, "Acme SDK 1.2.0");
}

#[test]
fn nothing_supported_means_no_advice_and_no_crash() {
    let site = SiteCopy::of("basic");
    site.replace(
        "content/releases/1.2.0.yaml",
        "released: 2025-01-15",
        "released: 2025-01-15\neos: 2026-01-31",
    );
    site.replace(
        "content/releases/2.0.0.yaml",
        "released: 2025-09-01",
        "released: 2025-09-01\neos: 2026-09-30",
    );
    let built = build(site.path(), "2030-01-01");
    for v in ["0.9.0", "1.0.0", "1.1.0", "1.2.0", "2.0.0"] {
        assert!(advice(&built, v).is_empty(), "{v}");
    }
}

#[test]
fn dependency_versions_on_their_way_out_name_the_releases() {
    let built = build_fixture("basic", "2025-06-01");
    let doc = built.html("dependencies/python/index.html");
    let items: Vec<String> = doc
        .select(&scraper::Selector::parse("section.advice li").unwrap())
        .map(|l| l.text().collect::<String>())
        .collect();
    // Python 3.9 ended on 2025-04-01; the data ships it up to some release.
    let api = built.json("api/v1/dependencies.json");
    let py39 = api["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "python")
        .unwrap()["versions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["version"] == "3.9")
        .unwrap()
        .clone();
    let last = py39["last_sdk"].as_str().unwrap();
    let line = items
        .iter()
        .find(|l| l.contains("Python 3.9"))
        .unwrap_or_else(|| panic!("{items:?}"));
    assert!(
        line.contains(&format!("last shipped in Acme SDK {last}")),
        "{line}"
    );
    assert!(
        line.contains("first release without it") || line.contains("no release without it yet"),
        "{line}"
    );
}

#[test]
fn each_dependency_has_a_calendar_of_its_own_events() {
    let built = build_fixture("basic", "2025-06-01");
    let all = check_ics("calendar all", &built);
    for id in ["python", "ubuntu"] {
        let page = built.html(&format!("dependencies/{id}/index.html"));
        let links: Vec<String> = page
            .select(&scraper::Selector::parse("a").unwrap())
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        assert!(
            links.contains(&format!("/acme/dependencies/{id}/eos.ics")),
            "{links:?}"
        );
        let file = format!("dependencies/{id}/eos.ics");
        let text = built.read(&file);
        assert!(text.contains("UID:"), "{file} has events");
        if let (Some(all), Some(mine)) =
            (&all, check_ics_file("calendar dependency", &built, &file))
        {
            let want: Vec<String> = all
                .uids()
                .into_iter()
                .filter(|u| u.starts_with(&format!("{id}-")))
                .collect();
            assert_eq!(mine.uids(), want, "{id}: exactly its events");
            for u in mine.uids() {
                // Same UID, same SEQUENCE as in the site's calendar.
                assert_eq!(mine.event(&u).sequence, all.event(&u).sequence, "{u}");
            }
        }
    }
}
