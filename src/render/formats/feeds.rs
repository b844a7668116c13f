//! RSS 2.0 and Atom 1.0 feeds of EOS communications, written with the `rss` and
//! `atom_syndication` crates (which escape every string). All dates are 00:00 UTC.

use chrono::{DateTime, FixedOffset, NaiveDate};

/// One feed entry: an announcement or an "EOS in N days" reminder.
#[derive(Clone, Debug)]
pub struct Item {
    pub title: String,
    /// Absolute URL.
    pub link: String,
    /// Stable id: the announcement's permalink, or the reminder's `<page>#eos-in-N-<version>`.
    pub guid: String,
    pub date: NaiveDate,
    /// HTML (the crates escape it into the XML).
    pub description: String,
    pub categories: Vec<String>,
    /// Dependency ids the item is about, for per-dependency feeds.
    pub dependencies: Vec<String>,
}

/// Feed-level fields.
pub struct Channel<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// The HTML page the feed belongs to (absolute).
    pub link: &'a str,
    /// The feed's own absolute URL (atom:link rel=self / Atom id).
    pub self_url: &'a str,
    pub language: &'a str,
    pub as_of: NaiveDate,
    pub generator: &'a str,
    /// The feed's author (Atom requires one): the product's vendor name as the site gives it.
    pub author: &'a str,
}

fn midnight(d: NaiveDate) -> DateTime<FixedOffset> {
    d.and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .fixed_offset()
}

pub fn rss(ch: &Channel, items: &[Item]) -> Vec<u8> {
    use rss::extension::atom::{AtomExtension, Link};
    let mut channel = rss::Channel {
        title: ch.title.to_string(),
        link: ch.link.to_string(),
        description: ch.description.to_string(),
        language: Some(ch.language.to_string()),
        last_build_date: Some(midnight(ch.as_of).to_rfc2822()),
        generator: Some(ch.generator.to_string()),
        ..Default::default()
    };
    channel.set_atom_ext(AtomExtension {
        links: vec![Link {
            href: ch.self_url.to_string(),
            rel: "self".into(),
            mime_type: Some("application/rss+xml".into()),
            ..Default::default()
        }],
    });
    channel.items = items
        .iter()
        .map(|it| rss::Item {
            title: Some(it.title.clone()),
            link: Some(it.link.clone()),
            description: Some(it.description.clone()),
            guid: Some(rss::Guid {
                value: it.guid.clone(),
                permalink: it.guid == it.link,
            }),
            pub_date: Some(midnight(it.date).to_rfc2822()),
            categories: it
                .categories
                .iter()
                .map(|c| rss::Category {
                    name: c.clone(),
                    domain: None,
                })
                .collect(),
            ..Default::default()
        })
        .collect();
    let mut out = super::xml_text(channel.to_string()).into_bytes();
    out.push(b'\n');
    out
}

pub fn atom(ch: &Channel, items: &[Item]) -> Vec<u8> {
    use atom_syndication::{Category, Content, Entry, Feed, Generator, Link, Person, Text};
    let link = |href: &str, rel: &str, mime: Option<&str>| Link {
        href: href.to_string(),
        rel: rel.to_string(),
        mime_type: mime.map(str::to_string),
        ..Default::default()
    };
    let updated = items
        .iter()
        .map(|i| i.date)
        .max()
        .unwrap_or(ch.as_of)
        .max(ch.as_of);
    let feed = Feed {
        title: Text::plain(ch.title),
        id: ch.self_url.to_string(),
        updated: midnight(updated),
        subtitle: Some(Text::plain(ch.description)),
        // Atom requires an author for the feed when entries have none.
        authors: vec![Person {
            name: ch.author.to_string(),
            ..Default::default()
        }],
        generator: Some(Generator {
            value: ch.generator.to_string(),
            ..Default::default()
        }),
        lang: Some(ch.language.to_string()),
        links: vec![
            link(ch.self_url, "self", Some("application/atom+xml")),
            link(ch.link, "alternate", Some("text/html")),
        ],
        entries: items
            .iter()
            .map(|it| Entry {
                title: Text::plain(it.title.clone()),
                id: it.guid.clone(),
                updated: midnight(it.date),
                published: Some(midnight(it.date)),
                links: vec![link(&it.link, "alternate", Some("text/html"))],
                categories: it
                    .categories
                    .iter()
                    .map(|c| Category {
                        term: c.clone(),
                        ..Default::default()
                    })
                    .collect(),
                content: Some(Content {
                    value: Some(it.description.clone()),
                    content_type: Some("html".into()),
                    ..Default::default()
                }),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    let mut out = super::xml_text(feed.to_string()).into_bytes();
    out.push(b'\n');
    out
}
