//! The base_url path prefix: every internal link and asset carries it, `--base-url` moves
//! the whole site (links, canonical, sitemap, feeds), Markdown links get it too.

use crate::support::*;
use std::collections::BTreeMap;

/// Every root-relative URL in every HTML page of `site`: page -> URLs.
fn root_relative_urls(site: &Built) -> BTreeMap<String, Vec<String>> {
    site.html_files()
        .into_iter()
        .map(|page| {
            let doc = site.html(&page);
            let mut found: Vec<String> = urls(&doc)
                .into_iter()
                .filter(|u| u.starts_with('/') && !u.starts_with("//"))
                .collect();
            // The redirect of releases/latest is a URL too, in a meta attribute.
            for m in doc.select(&sel(r#"meta[http-equiv="refresh"]"#)) {
                let content = m.value().attr("content").unwrap_or("");
                let url = content.split_once("url=").map(|(_, u)| u).unwrap_or("");
                found.push(url.to_string());
            }
            (page, found)
        })
        .collect()
}

/// The output file a root-relative URL under `prefix` resolves to, if any.
fn resolve(site: &Built, prefix: &str, url: &str) -> Option<String> {
    let path = url.strip_prefix(prefix)?;
    let path = path.split(['#', '?']).next().unwrap_or("");
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    site.exists(&file).then_some(file)
}

fn assert_all_under(site: &Built, prefix: &str) {
    let all = root_relative_urls(site);
    let mut count = 0;
    for (page, found) in &all {
        for url in found {
            count += 1;
            assert!(
                url.starts_with(prefix),
                "{page}: {url} lacks the base_url prefix {prefix}"
            );
            // And it leads somewhere: the build's own link check, seen from outside.
            assert!(
                resolve(site, prefix, url).is_some(),
                "{page}: {url} points to no file of the output"
            );
        }
    }
    assert!(count > 1000, "only {count} internal links checked");
}

#[test]
fn every_internal_link_carries_the_default_prefix() {
    assert_all_under(default_site(), PREFIX);
}

#[test]
fn base_url_flag_moves_links_canonical_and_sitemap() {
    let other = "https://other.example/docs/";
    let site = Built::new(repo(), AS_OF, &["--base-url", other]);
    assert_all_under(&site, "/docs/");

    for page in site.html_files() {
        let doc = site.html(&page);
        if let Some(c) = doc.select(&sel(r#"link[rel="canonical"]"#)).next() {
            let href = c.value().attr("href").unwrap();
            assert!(href.starts_with(other), "{page}: canonical {href}");
        }
    }
    let doc = site.html("releases/2.21.0/index.html");
    let canonical = one(
        &doc,
        r#"link[rel="canonical"]"#,
        "releases/2.21.0/index.html",
    );
    assert_eq!(
        canonical.value().attr("href"),
        Some("https://other.example/docs/releases/2.21.0/")
    );
    let sitemap = site.read("sitemap.xml");
    let xml = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = xml
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.len() > 50);
    for loc in locs {
        assert!(loc.starts_with(other), "sitemap: {loc}");
    }
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://other.example/docs/sitemap.xml")
    );

    // Nothing anywhere (feeds, calendar, API, badges included) still links to the old
    // home. Calendar UIDs are identifiers, not links, and are built from site.yaml's
    // base_url whatever --base-url says, so they are left out.
    for (path, bytes) in site.files() {
        let text = String::from_utf8_lossy(&bytes);
        for line in text.lines().filter(|l| !l.starts_with("UID:")) {
            assert!(
                !line.contains("example.github.io") && !line.contains("/neuron-lifecycle/"),
                "{path} still points at the default base_url: {line}"
            );
        }
    }
}

#[test]
fn a_root_base_url_gives_plain_root_relative_links() {
    let site = Built::new(
        &fixture("small"),
        "2025-06-01",
        &["--base-url", "https://acme.example"],
    );
    assert_all_under_small(&site, "/");
    let doc = site.html("guide/index.html");
    let hrefs: Vec<String> = doc
        .select(&sel(".prose a"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    assert!(hrefs.contains(&"/releases/".to_string()), "{hrefs:?}");
    assert_eq!(
        one(&doc, r#"link[rel="canonical"]"#, "guide")
            .value()
            .attr("href"),
        Some("https://acme.example/guide/")
    );
}

/// `assert_all_under` for a small site (fewer links in all).
fn assert_all_under_small(site: &Built, prefix: &str) {
    for (page, found) in root_relative_urls(site) {
        assert!(!found.is_empty(), "{page} has no internal links");
        for url in found {
            assert!(url.starts_with(prefix), "{page}: {url}");
            assert!(
                resolve(site, prefix, &url).is_some(),
                "{page}: {url} is broken"
            );
        }
    }
}

#[test]
fn markdown_root_relative_links_get_the_prefix() {
    let site = Built::new(&fixture("small"), "2025-06-01", &[]);
    assert_all_under_small(&site, "/acme/");
    let page = "guide/index.html";
    let doc = site.html(page);
    let links: Vec<(String, String)> = doc
        .select(&sel(".prose a"))
        .map(|a| (text(a), a.value().attr("href").unwrap().to_string()))
        .collect();
    let want = [
        ("the release list", "/acme/releases/"),
        ("Acme SDK 1.2.0", "/acme/releases/1.2.0/#lifecycle-heading"),
        ("policy", "/acme/policy/"),
        // Relative and absolute URLs are left as written.
        ("releases", "../releases/"),
        ("example", "https://example.com/docs/"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(links, want, "{page}");
    let img = one(&doc, ".prose img", page);
    assert_eq!(img.value().attr("src"), Some("/acme/logo.svg"));
    assert!(site.exists("logo.svg"), "static/ is copied to the root");
    // Code blocks are not Markdown: the example link in one stays text.
    assert_eq!(
        texts(&doc, ".prose pre code"),
        ["[not a link](/releases/)"],
        "{page}"
    );
    // The policy page of this site has a Markdown link too.
    let doc = site.html("policy/index.html");
    let all = texts(&doc, ".prose a");
    assert!(all.contains(&"all releases".to_string()), "{all:?}");
    let a = doc
        .select(&sel(".prose a"))
        .find(|a| text(*a) == "all releases")
        .unwrap();
    assert_eq!(a.value().attr("href"), Some("/acme/releases/"));
}
