//! `sitemap.xml` (sitemaps.org protocol), written with quick-xml so every URL is escaped.

use crate::render::urls::Urls;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

/// `paths` are output files (`releases/2.21.0/index.html`); the sitemap lists their URLs.
pub fn render<'a>(urls: &Urls, paths: impl Iterator<Item = &'a String>) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail; errors are impossible here, so they are ignored.
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let _ = w
        .create_element("urlset")
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .write_inner_content(|w| {
            for p in paths {
                let page = p.strip_suffix("index.html").unwrap_or(p);
                w.create_element("url").write_inner_content(|w| {
                    w.create_element("loc")
                        .write_text_content(BytesText::new(&urls.abs(page)))?;
                    Ok(())
                })?;
            }
            Ok(())
        });
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}
