//! The file formats render writes through crates, so that every string is escaped by a
//! library that knows the format: RSS and Atom (`rss`, `atom_syndication`), iCalendar
//! (`icalendar`), JSON (`serde_json`) and the sitemap (`quick-xml`). Page modules build the
//! values; these write them.

pub mod calendar;
pub mod feeds;
pub mod json;
pub mod sitemap;

/// The one filter at the XML boundary: `xml` without the characters XML 1.0 cannot carry
/// (U+0000-U+001F but tab and line breaks, U+FFFE, U+FFFF). Validation refuses them in data
/// (E026); this is the second line of defence for every feed and SVG, whatever a template
/// or a Markdown body let through. Such characters can only be text, never markup, so
/// dropping them from the serialised document cannot change its structure.
pub fn xml_text(xml: String) -> String {
    if xml.chars().all(crate::load::text::xml_char) {
        return xml;
    }
    xml.chars()
        .filter(|&c| crate::load::text::xml_char(c))
        .collect()
}
