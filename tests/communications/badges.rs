//! Status badges: `badges/<X.Y.Z>.svg` (well-formed, readable text) and the shields.io
//! endpoint `badges/<X.Y.Z>.json` for every release, linked from its page with Markdown.

use crate::support::{Built, attrs, build_fixture, texts, xmllint};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Deserialize;

/// <https://shields.io/badges/endpoint-badge>: the required keys and their types; the
/// optional ones we do not write must not appear misspelt either.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Endpoint {
    schema_version: u32,
    label: String,
    message: String,
    color: String,
}

/// The text content of every `<text>` element of an SVG, parsed as XML.
fn svg_texts(svg: &str) -> Vec<String> {
    use quick_xml::events::Event as X;
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut out = Vec::new();
    let mut depth_in_text = 0;
    let mut current = String::new();
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("badge is not XML: {e}"))
        {
            X::Start(e) if e.name().as_ref() == "text" => {
                depth_in_text += 1;
                current.clear();
            }
            X::Text(t) if depth_in_text > 0 => current.push_str(&t.xml10_content()),
            X::GeneralRef(r) if depth_in_text > 0 => {
                let entity = format!("&{};", r.xml10_content());
                current.push_str(&quick_xml::escape::unescape(&entity).unwrap());
            }
            X::End(e) if e.name().as_ref() == "text" => {
                depth_in_text -= 1;
                out.push(current.clone());
            }
            X::Eof => break,
            _ => {}
        }
    }
    out
}

/// The README snippet parsed as Markdown: (link target, image source, image alt text).
fn parse_snippet(md: &str) -> (String, String, String) {
    let mut link = None;
    let mut image = None;
    let mut alt = String::new();
    let mut in_image = false;
    for ev in Parser::new(md) {
        match ev {
            Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some(dest_url.to_string());
                in_image = true;
            }
            Event::End(TagEnd::Image) => in_image = false,
            Event::Text(t) | Event::Code(t) if in_image => alt.push_str(&t),
            _ => {}
        }
    }
    (
        link.unwrap_or_else(|| panic!("no link in {md}")),
        image.unwrap_or_else(|| panic!("no image in {md}")),
        alt,
    )
}

fn check_badges(site: &Built, base: &str, root: &str, product: &str) {
    let releases = site.json("api/v1/releases.json");
    let releases = releases["releases"].as_array().unwrap();
    let mut svgs = Vec::new();
    for r in releases {
        let v = r["version"].as_str().unwrap();
        let label = r["phase_label"].as_str().unwrap();
        let json: Endpoint = serde_json::from_str(&site.read(&format!("badges/{v}.json")))
            .unwrap_or_else(|e| panic!("badges/{v}.json: {e}"));
        assert_eq!(json.schema_version, 1);
        assert_eq!(json.label, format!("{product} {v}"));
        assert!(
            json.message.starts_with(label),
            "{v}: {} does not say {label}",
            json.message
        );
        if let Some(eos) = r["eos"].as_str().filter(|_| label != "Upcoming") {
            assert!(
                json.message.contains(eos),
                "{v}: {} has no end date",
                json.message
            );
        }
        assert!(
            json.color.len() == 6 && json.color.chars().all(|c| c.is_ascii_hexdigit()),
            "{}",
            json.color
        );

        let file = format!("badges/{v}.svg");
        let svg = site.read(&file);
        let text = svg_texts(&svg);
        assert_eq!(text, [json.label.clone(), json.message.clone()], "{file}");
        svgs.push(file);

        let page = site.html(&format!("releases/{v}/index.html"));
        let imgs = attrs(&page, "main img", "src");
        assert!(
            imgs.contains(&format!("{root}badges/{v}.svg")),
            "{v}: {imgs:?}"
        );
        assert!(attrs(&page, "main a", "href").contains(&format!("{root}badges/{v}.json")));
        let snippets: Vec<String> = texts(&page, "main pre code")
            .into_iter()
            .filter(|s| s.contains("badges/"))
            .collect();
        assert_eq!(snippets.len(), 1, "{v}: one Markdown snippet");
        let (link, src, alt) = parse_snippet(&snippets[0]);
        assert_eq!(link, format!("{base}releases/{v}/"), "{v}: snippet link");
        assert_eq!(src, format!("{base}badges/{v}.svg"), "{v}: snippet image");
        assert_eq!(alt, format!("{product} {v}"), "{v}: snippet alt text");
    }
    assert!(!svgs.is_empty());
    xmllint("badges", site, &svgs);
}

#[test]
fn every_release_has_both_badges_and_a_markdown_snippet() {
    let site = build_fixture("basic", "2025-06-01");
    check_badges(&site, "https://example.org/acme/", "/acme/", "Acme SDK");
    // One of each phase, said in words.
    let message = |v: &str| {
        serde_json::from_str::<Endpoint>(&site.read(&format!("badges/{v}.json")))
            .unwrap()
            .message
    };
    assert_eq!(message("0.9.0"), "End-of-Support since 2023-12-01");
    assert_eq!(
        message("1.1.0"),
        "End-of-Support Announced until 2025-06-30"
    );
    assert_eq!(message("1.2.0"), "Supported");
    assert_eq!(message("2.0.0"), "Upcoming");
}

#[test]
fn hostile_product_names_stay_text_in_badges_and_snippets() {
    let site = build_fixture("hostile", "2025-06-01");
    check_badges(
        &site,
        "https://example.org/acme/",
        "/acme/",
        "<script>alert(1)</script> & \"Acme\" 'SDK' 🚀 שלום ]]>",
    );
}
