//! Hostile strings (markup, `&`, quotes, emoji, right-to-left text, a CDATA end) in every
//! field a user writes: every channel must give them back as text, never as markup.

use crate::support::{Built, attrs, build_fixture, check_ics, feedparser, texts, xmllint};
use std::sync::Arc;

const AS_OF: &str = "2025-06-01";
const SITE_TITLE: &str = "<script>alert(1)</script> & \"quotes\" 'apos' 🚀 שלום ]]> lifecycle";
const PRODUCT: &str = "<script>alert(1)</script> & \"Acme\" 'SDK' 🚀 שלום ]]>";
const TOOL: &str = "Tool <script>alert(1)</script> & \"quotes\" 'apos' 🚀 שלום ]]>";
const DISTRO: &str = "Distro & \"שלום\" 🚀 ]]>";
const ANNOUNCEMENT: &str = "EOS <script>alert(1)</script> & \"quotes\" 'apos' 🚀 שלום ]]>";
const SUMMARY: &str = "Summary <script>alert(1)</script> & \"quotes\" 'apos' 🚀 שלום ]]>";
const NOTICE: &str = "Notice with <script>alert(1)</script> & \"quotes\" 'apos' 🚀 שלום ]]>";
const DESCRIPTION: &str =
    "Description with <script>alert(1)</script> & \"quotes\" 'apos' 🚀 שלום ]]>";
/// What the escaped Markdown (`\<script>...`) in the announcement body reads as.
const BODY_TEXT: &str = "Body: <script>alert(1)</script> & \"quotes\" 'apos' 🚀 שלום ]]> ends.";
const BASE: &str = "https://example.org/acme/";

fn site() -> Arc<Built> {
    build_fixture("hostile", AS_OF)
}

/// As of 2025-06-01: the hand-written announcement, the derived one for Tool 1.0, and the
/// 90/30/7-day reminders of SDK 1.0.0 (eos 2024-04-30) and Tool 1.0 (eos 2024-06-01).
fn expected_entries() -> Vec<(String, String, String, &'static str)> {
    let sdk = format!("{BASE}releases/1.0.0/");
    let tool = format!("{BASE}dependencies/tool/");
    let reminder = |label: &str, page: &str, n: u32, v: &str, date: &'static str| {
        (
            format!("{label} reaches end of support in {n} days"),
            page.to_string(),
            format!("{page}#eos-in-{n}-{v}"),
            date,
        )
    };
    let announcement = |title: String, slug: &str, date: &'static str| {
        let url = format!("{BASE}announcements/{slug}/");
        (title, url.clone(), url, date)
    };
    vec![
        reminder(&format!("{TOOL} 1.0"), &tool, 7, "1-0", "2024-05-25"),
        reminder(&format!("{TOOL} 1.0"), &tool, 30, "1-0", "2024-05-02"),
        reminder(&format!("{PRODUCT} 1.0.0"), &sdk, 7, "1-0-0", "2024-04-23"),
        reminder(&format!("{PRODUCT} 1.0.0"), &sdk, 30, "1-0-0", "2024-03-31"),
        reminder(&format!("{TOOL} 1.0"), &tool, 90, "1-0", "2024-03-03"),
        announcement(
            format!("{TOOL} 1.0 enters maintenance on 2024-03-01, end of support on 2024-06-01"),
            "2024-02-01-eos-tool-1-0",
            "2024-02-01",
        ),
        reminder(&format!("{PRODUCT} 1.0.0"), &sdk, 90, "1-0-0", "2024-01-31"),
        announcement(
            ANNOUNCEMENT.to_string(),
            "2024-01-15-eos-hostile",
            "2024-01-15",
        ),
    ]
}

/// feedparser's date string -> YYYY-MM-DD, for RSS (RFC 822) and Atom (RFC 3339) alike.
fn day_of(date: &str) -> String {
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(date) {
        assert_eq!(d.offset().local_minus_utc(), 0, "{date} is not UTC");
        assert_eq!(
            d.format("%H:%M:%S").to_string(),
            "00:00:00",
            "{date} is not 00:00"
        );
        return d.format("%Y-%m-%d").to_string();
    }
    let d = chrono::DateTime::parse_from_rfc3339(date).unwrap_or_else(|e| panic!("{date}: {e}"));
    assert_eq!(d.offset().local_minus_utc(), 0, "{date} is not UTC");
    assert_eq!(
        d.format("%H:%M:%S").to_string(),
        "00:00:00",
        "{date} is not 00:00"
    );
    d.format("%Y-%m-%d").to_string()
}

/// No `<script>` but the theme's own (an external, empty one), no event-handler attribute.
fn assert_no_injected_markup(page: &str, html: &str) {
    let doc = scraper::Html::parse_document(html);
    let all = scraper::Selector::parse("*").unwrap();
    for el in doc.select(&all) {
        let name = el.value().name();
        if name == "script" {
            let src = el.value().attr("src").unwrap_or_default();
            assert!(
                src.starts_with("/acme/assets/") && el.text().collect::<String>().is_empty(),
                "{page}: a <script> that is not the theme's: {}",
                el.html()
            );
        }
        assert!(
            !["iframe", "object", "embed"].contains(&name),
            "{page}: injected <{name}>"
        );
        for (attr, _) in el.value().attrs() {
            assert!(
                !attr.starts_with("on"),
                "{page}: event handler {attr} on <{name}>"
            );
        }
    }
}

#[test]
fn feeds_parse_cleanly_and_give_hostile_strings_back_as_text() {
    let site = site();
    let feeds = [
        "rss.xml",
        "atom.xml",
        "dependencies/tool/rss.xml",
        "dependencies/distro/rss.xml",
    ];
    let Some(reports) = feedparser("hostile feeds", &site, &feeds) else {
        return;
    };
    let expected = expected_entries();
    for file in ["rss.xml", "atom.xml"] {
        let r = &reports[file];
        assert!(!r.bozo, "{file}: bozo {:?}", r.bozo_exception);
        let version = if file == "rss.xml" { "rss20" } else { "atom10" };
        assert_eq!(r.version, version, "{file}");
        assert_eq!(
            r.title.as_deref(),
            Some(format!("{SITE_TITLE}: end-of-support announcements").as_str()),
            "{file}: channel title"
        );
        assert_eq!(r.entries.len(), expected.len(), "{file}: entry count");
        for (e, (title, link, id, date)) in r.entries.iter().zip(&expected) {
            assert_eq!(e.title.as_deref(), Some(title.as_str()), "{file}: title");
            assert_eq!(
                e.link.as_deref(),
                Some(link.as_str()),
                "{file}: link of {title}"
            );
            assert_eq!(e.id.as_deref(), Some(id.as_str()), "{file}: id of {title}");
            assert_eq!(
                day_of(e.published.as_deref().unwrap()),
                *date,
                "{file}: date of {title}"
            );
        }
        // The description is HTML: the hostile text must be text in it, not elements.
        let hand = r
            .entries
            .iter()
            .find(|e| e.title.as_deref() == Some(ANNOUNCEMENT))
            .unwrap();
        let summary = scraper::Html::parse_fragment(hand.summary.as_deref().unwrap());
        assert_eq!(
            texts(&summary, "script").len(),
            0,
            "{file}: a <script> in a description"
        );
        let text: String = summary.root_element().text().collect();
        assert!(
            text.contains(BODY_TEXT),
            "{file}: description text is {text:?}"
        );
        assert!(
            text.contains("<script>alert(1)</script> ]]>"),
            "{file}: code span lost: {text:?}"
        );
    }
    // Per-dependency feeds: Tool's derived announcement and 3 reminders; Distro has nothing.
    let tool = &reports["dependencies/tool/rss.xml"];
    assert_eq!(tool.version, "rss20");
    let titles: Vec<&str> = tool
        .entries
        .iter()
        .filter_map(|e| e.title.as_deref())
        .collect();
    let want: Vec<&str> = expected
        .iter()
        .filter(|(_, link, id, _)| link.contains("/dependencies/tool/") || id.contains("-tool-"))
        .map(|(t, ..)| t.as_str())
        .collect();
    assert_eq!(titles, want, "dependencies/tool/rss.xml");
    assert_eq!(
        reports["dependencies/distro/rss.xml"].title.as_deref(),
        Some(format!("{SITE_TITLE}: {DISTRO} end-of-support announcements").as_str())
    );
    assert!(reports["dependencies/distro/rss.xml"].entries.is_empty());
}

#[test]
fn every_xml_output_is_well_formed() {
    let site = site();
    let mut files: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| {
            f == "rss.xml"
                || f == "atom.xml"
                || f == "sitemap.xml"
                || (f.starts_with("dependencies/") && f.ends_with("/rss.xml"))
                || (f.starts_with("badges/") && f.ends_with(".svg"))
        })
        .collect();
    files.push("timeline.svg".into());
    // rss, atom, sitemap, timeline, two dependency feeds, two badges.
    assert_eq!(files.len(), 8, "{files:?}");
    xmllint("hostile xml", &site, &files);
}

#[test]
fn no_html_page_carries_hostile_markup_and_the_text_survives() {
    let site = site();
    let pages = site.html_pages();
    assert!(pages.len() >= 10, "{pages:?}");
    for page in &pages {
        let html = site.read(page);
        assert_no_injected_markup(page, &html);
        let doc = scraper::Html::parse_document(&html);
        // The notice and the site title are on every page, as text.
        assert!(
            doc.root_element()
                .text()
                .collect::<String>()
                .contains(NOTICE),
            "{page}: notice text missing"
        );
        let title = texts(&doc, "title").join("");
        if page != "index.html" {
            assert!(title.ends_with(SITE_TITLE), "{page}: <title> is {title:?}");
        }
    }
    let doc = site.html("announcements/2024-01-15-eos-hostile/index.html");
    assert_eq!(texts(&doc, "h1"), [ANNOUNCEMENT]);
    assert_eq!(
        texts(&doc, "title"),
        [format!("{ANNOUNCEMENT} · {SITE_TITLE}")]
    );
    let prose = texts(&doc, ".prose").join("\n");
    assert!(prose.contains(BODY_TEXT), "announcement body is {prose:?}");
    assert_eq!(
        texts(&doc, ".prose code"),
        ["<script>alert(1)</script> ]]>"],
        "inline code keeps its text"
    );

    let doc = site.html("index.html");
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        [DESCRIPTION],
        "attribute values are escaped, not cut"
    );

    let doc = site.html("releases/1.0.0/index.html");
    let text: String = doc.root_element().text().collect();
    assert!(text.contains(SUMMARY), "release summary missing");
    assert!(
        text.contains("Escaped: <script>alert(1)</script> & \"quotes\" 'apos' 🚀 שלום ]]>"),
        "What's New text missing"
    );
    assert!(text.contains(&format!("{PRODUCT} 1.0.0")));

    let doc = site.html("dependencies/tool/index.html");
    assert!(
        texts(&doc, "h1").iter().any(|h| h.contains(TOOL)),
        "{:?}",
        texts(&doc, "h1")
    );

    let doc = site.html("announcements/index.html");
    let titles = texts(&doc, "tbody th a");
    assert!(titles.iter().any(|t| t == ANNOUNCEMENT), "{titles:?}");
}

#[test]
fn calendar_parses_and_summaries_come_back_intact() {
    let site = site();
    let Some(ics) = check_ics("hostile eos.ics", &site) else {
        return;
    };
    let summaries: Vec<(&str, &str)> = ics
        .events
        .iter()
        .map(|e| (e.uid.as_str(), e.summary.as_deref().unwrap_or_default()))
        .collect();
    let tool_maintenance = format!("{TOOL} 1.0: maintenance starts");
    let sdk_eos = format!("{PRODUCT} 1.0.0: end of support");
    let tool_eos = format!("{TOOL} 1.0: end of support");
    assert_eq!(
        summaries,
        [
            (
                "tool-1.0-maintenance@example.org",
                tool_maintenance.as_str()
            ),
            ("sdk-1.0.0-eos@example.org", sdk_eos.as_str()),
            ("tool-1.0-eos@example.org", tool_eos.as_str()),
        ]
    );
}

#[test]
fn json_outputs_hold_the_strings_verbatim() {
    let site = site();
    let releases = site.json("api/v1/releases.json");
    let r100 = releases["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["version"] == "1.0.0")
        .unwrap();
    assert_eq!(r100["summary"], SUMMARY);
    assert_eq!(
        r100["packages"][0]["name"],
        "<script>alert(1)</script>-pkg & \"q\" 'a' 🚀 שלום ]]>"
    );
    let deps = site.json("api/v1/dependencies.json");
    let names: Vec<&str> = deps["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&TOOL) && names.contains(&DISTRO),
        "{names:?}"
    );
    let anns = site.json("api/v1/announcements.json");
    assert!(
        anns["announcements"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["title"] == ANNOUNCEMENT)
    );
    let badge = site.json("badges/1.0.0.json");
    assert_eq!(badge["label"], format!("{PRODUCT} 1.0.0"));
}
