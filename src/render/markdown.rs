//! Markdown -> HTML with pulldown-cmark: GitHub-style extensions, heading anchors,
//! root-relative links carrying the site's path prefix, and shortcode placeholders.

use crate::diagnostics::Pos;
use crate::shortcodes::{self, Call};
use ahash::AHashMap;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Rendered Markdown and what the caller must still resolve.
pub struct Rendered {
    pub html: String,
    /// Link targets inside the site with their source positions, as root-relative URLs:
    /// root-relative Markdown links (already prefixed), relative ones resolved against the
    /// page, and those of raw HTML (`<a href>`, `<img src>`) as written.
    pub links: Vec<(String, Pos)>,
}

/// The placeholder a shortcode stands as while Markdown renders; replaced afterwards.
fn placeholder(i: usize) -> String {
    format!("lifecycleshortcode{i}x")
}

/// Render `body` (which starts on file line `body_line`). `root` is the URL path prefix
/// (`/` or `/repo/`), `page_url` the root-relative URL of the page it is rendered into
/// (relative links resolve against it); `shortcode` renders one call to HTML.
pub fn render(
    body: &str,
    body_line: u32,
    root: &str,
    page_url: &str,
    mut shortcode: impl FnMut(&Call) -> Result<String, String>,
) -> Result<Rendered, (Pos, String)> {
    // Swap shortcodes for placeholders first, so Markdown never sees their HTML.
    let mut text = String::with_capacity(body.len());
    let mut replacements = Vec::new();
    let mut last = 0;
    // (offset in text, offset in body) where the two realign after each placeholder,
    // so link positions can be reported in the original file.
    let mut points = vec![(0usize, 0usize)];
    for found in shortcodes::find(body) {
        let call = found.map_err(|(off, m)| (shortcodes::pos_in(body, body_line, off), m))?;
        let html = shortcode(&call)
            .map_err(|m| (shortcodes::pos_in(body, body_line, call.range.start), m))?;
        text.push_str(&body[last..call.range.start]);
        text.push_str(&placeholder(replacements.len()));
        last = call.range.end;
        points.push((text.len(), last));
        replacements.push(html);
    }
    text.push_str(&body[last..]);
    let offset_map = OffsetMap { points };
    let lines = LineIndex::new(body, body_line);

    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut links = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    for (ev, range) in Parser::new_ext(&text, options).into_offset_iter() {
        let mut ev = ev;
        let pos = || lines.pos(offset_map.original(range.start));
        match &mut ev {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let url = std::mem::replace(dest_url, CowStr::Borrowed(""));
                if let Some(target) = relative_target(&url, page_url) {
                    links.push((target, pos()));
                }
                *dest_url = prefix_root(url, root, &mut links, pos);
            }
            // Raw HTML passes through as written; its links are checked all the same.
            Event::Html(html) | Event::InlineHtml(html) => {
                for url in super::links::attribute_urls(html.as_bytes()) {
                    if url.starts_with('/') && !url.starts_with("//") {
                        links.push((url.into_owned(), pos()));
                    } else if let Some(target) = relative_target(&url, page_url) {
                        links.push((target, pos()));
                    }
                }
            }
            _ => {}
        }
        events.push(ev);
    }
    let events = add_heading_anchors(events);
    let mut out = String::with_capacity(text.len() * 2);
    html::push_html(&mut out, events.into_iter());
    for (i, html) in replacements.iter().enumerate() {
        let token = placeholder(i);
        let para = format!("<p>{token}</p>");
        if out.contains(&para) {
            out = out.replacen(&para, html, 1);
        } else {
            out = out.replacen(&token, html, 1);
        }
    }
    Ok(Rendered { html: out, links })
}

/// A relative link (`nope/`, `../releases/`, `img.png`) as the root-relative URL it resolves
/// to from `page_url`; `None` for URLs with a scheme, root-relative, protocol-relative and
/// fragment-only ones.
fn relative_target(url: &str, page_url: &str) -> Option<String> {
    if url.is_empty() || url.starts_with(['/', '#', '?']) || url::Url::parse(url).is_ok() {
        return None;
    }
    let base = url::Url::parse("http://site.invalid/")
        .and_then(|b| b.join(page_url))
        .ok()?;
    let target = base.join(url).ok()?;
    (target.host_str() == Some("site.invalid")).then(|| target.path().to_string())
}

/// `/releases/` -> `/repo/releases/`; records the link for checking. Other URLs pass unchanged.
fn prefix_root<'a>(
    dest: CowStr<'a>,
    root: &str,
    links: &mut Vec<(String, Pos)>,
    pos: impl FnOnce() -> Pos,
) -> CowStr<'a> {
    if dest.starts_with('/') && !dest.starts_with("//") {
        let full = format!("{root}{}", &dest[1..]);
        links.push((full.clone(), pos()));
        CowStr::from(full)
    } else {
        dest
    }
}

/// Give every heading an id (its own `{#id}` or a slug of its text, made unique) and a
/// visible anchor link, as docs sites do. Builds a new list rather than inserting into
/// the old one: a body has hundreds of events and several headings.
fn add_heading_anchors(events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len() + 8);
    // Ids given so far and how often.
    let mut used: AHashMap<String, usize> = AHashMap::new();
    // While inside a heading: where its start is in `out`, and its text so far.
    let mut open: Option<(usize, String)> = None;
    for ev in events {
        match &ev {
            Event::Start(Tag::Heading { .. }) => open = Some((out.len(), String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut open {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, text)) = open.take()
                    && let Event::Start(Tag::Heading { id, .. }) = &mut out[start]
                {
                    let unique = unique_id(&mut used, id, &text);
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        " <a class=\"heading-anchor\" href=\"#{unique}\" aria-label=\"Link to this section: {}\">#</a>",
                        escape_html(&text)
                    ))));
                }
            }
            _ => {}
        }
        out.push(ev);
    }
    out
}

/// Set a heading's `id`: its own, or a slug of its `text`; made unique among `used` with a
/// `-N` suffix. Returns the id.
fn unique_id(used: &mut AHashMap<String, usize>, id: &mut Option<CowStr>, text: &str) -> String {
    let base = id
        .as_ref()
        .map(|s| s.to_string())
        .unwrap_or_else(|| slugify(text));
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let n = used.entry(base.clone()).or_insert(0);
    let unique = if *n == 0 {
        base.clone()
    } else {
        format!("{base}-{n}")
    };
    *n += 1;
    *id = Some(CowStr::from(unique.clone()));
    unique
}

/// HTML-escape text from the data that goes into generated markup (not through a template).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// GitHub-style heading slug: lowercase, alphanumerics kept, spaces to dashes.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c == ' ' || c == '-' || c == '_') && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Line starts of a body, so a link's position is a binary search, not a scan from the top.
struct LineIndex<'a> {
    starts: Vec<usize>,
    first_line: u32,
    body: &'a str,
}

impl<'a> LineIndex<'a> {
    fn new(body: &'a str, first_line: u32) -> Self {
        let starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            starts,
            first_line,
            body,
        }
    }

    fn pos(&self, offset: usize) -> Pos {
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let col = self
            .body
            .get(start..offset.min(self.body.len()))
            .map_or(0, |t| t.chars().count());
        Pos::new(self.first_line + line as u32, col as u32 + 1)
    }
}

/// Maps byte offsets in the placeholder text back to the original body.
struct OffsetMap {
    points: Vec<(usize, usize)>,
}

impl OffsetMap {
    fn original(&self, text_offset: usize) -> usize {
        let (t, b) = self
            .points
            .iter()
            .rev()
            .find(|(t, _)| *t <= text_offset)
            .copied()
            .unwrap_or((0, 0));
        b + (text_offset - t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(body: &str) -> Rendered {
        render(body, 1, "/repo/", "/repo/page/", |c| {
            Ok(format!("<table data-sc=\"{}\"></table>", c.name))
        })
        .unwrap()
    }

    #[test]
    fn root_relative_links_get_the_prefix() {
        let r = md("See [2.21.0](/releases/2.21.0/) and [x](https://example.com/).\n");
        assert!(
            r.html.contains("href=\"/repo/releases/2.21.0/\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"https://example.com/\""));
        assert_eq!(
            r.links,
            vec![("/repo/releases/2.21.0/".to_string(), Pos::new(1, 5))]
        );
    }

    #[test]
    fn headings_get_unique_ids_and_anchors() {
        let r = md("## Scope\n\n## Scope\n");
        assert!(r.html.contains("<h2 id=\"scope\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"scope-1\">"));
        assert!(r.html.contains("href=\"#scope\""));
    }

    #[test]
    fn shortcodes_replace_their_paragraph() {
        let r = md("Before\n\n{{ sdk_table() }}\n\nAfter [a](/x/)\n");
        assert!(
            r.html.contains("<table data-sc=\"sdk_table\"></table>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<p><table"));
        assert_eq!(r.links[0].1, Pos::new(5, 7));
    }

    #[test]
    fn extensions_are_on() {
        let r =
            md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ - [x] done\n\nNote[^1]\n\n[^1]: foot\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("footnote"));
    }
}
