//! Internal link checking over the rendered output: every root-relative `href`/`src` must
//! resolve to a file the build writes. Markdown links are reported at their source position.

use super::SourceLink;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use std::collections::{BTreeMap, BTreeSet};

/// Resolve a root-relative URL to an output file, or explain why it does not.
fn resolve(url: &str, root: &str, files: &BTreeMap<String, Vec<u8>>) -> Result<(), String> {
    let path = url.split(['#', '?']).next().unwrap_or(url);
    let Some(rel) = path
        .strip_prefix(root)
        .or_else(|| (path.to_string() + "/" == root).then_some(""))
    else {
        return Err(format!("it is outside the site's path prefix {root}"));
    };
    let rel = percent_decode(rel);
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    if files.contains_key(&file) {
        return Ok(());
    }
    if files.contains_key(&format!("{rel}/index.html")) {
        return Err(format!("add a trailing slash: {url}/"));
    }
    Err("no page or file is written there".into())
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Check Markdown links (positioned) and then every link in every HTML page.
pub fn check(
    files: &BTreeMap<String, Vec<u8>>,
    root: &str,
    md_links: &[SourceLink],
    diags: &mut Diagnostics,
) {
    let mut reported: BTreeSet<String> = BTreeSet::new();
    for l in md_links {
        if let Err(why) = resolve(&l.url, root, files) {
            let shown = l
                .url
                .strip_prefix(root)
                .map_or(l.url.clone(), |r| format!("/{r}"));
            diags.push(
                Diagnostic::new(Code::BrokenLink, format!("broken link {shown}: {why}"))
                    .in_file(&l.file)
                    .at(Some(l.pos)),
            );
            reported.insert(l.url.clone());
        }
    }
    for (path, bytes) in files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for url in attribute_urls(&html) {
            if !url.starts_with('/') || url.starts_with("//") || reported.contains(&url) {
                continue;
            }
            if let Err(why) = resolve(&url, root, files) {
                diags.push(Diagnostic::new(
                    Code::BrokenLink,
                    format!("broken link {url} in the generated {path}: {why}"),
                ));
                reported.insert(url);
            }
        }
    }
}

/// Values of `href="..."` and `src="..."` attributes, entity-decoded for `&amp;`.
fn attribute_urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut from = 0;
        while let Some(i) = html[from..].find(attr) {
            let start = from + i + attr.len();
            let Some(len) = html[start..].find('"') else {
                break;
            };
            out.push(html[start..start + len].replace("&amp;", "&"));
            from = start + len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(paths: &[&str]) -> BTreeMap<String, Vec<u8>> {
        paths.iter().map(|p| (p.to_string(), Vec::new())).collect()
    }

    #[test]
    fn resolves_pages_and_files() {
        let f = files(&["index.html", "releases/index.html", "rss.xml"]);
        assert!(resolve("/repo/", "/repo/", &f).is_ok());
        assert!(resolve("/repo/releases/#top", "/repo/", &f).is_ok());
        assert!(resolve("/repo/rss.xml", "/repo/", &f).is_ok());
        assert!(
            resolve("/repo/releases", "/repo/", &f)
                .unwrap_err()
                .contains("trailing slash")
        );
        assert!(
            resolve("/releases/", "/repo/", &f)
                .unwrap_err()
                .contains("prefix")
        );
        assert!(resolve("/repo/nope/", "/repo/", &f).is_err());
    }

    #[test]
    fn finds_attribute_urls() {
        let urls = attribute_urls(r#"<a href="/a/?x=1&amp;y=2">a</a><img src="/b.svg" alt="">"#);
        assert_eq!(urls, vec!["/a/?x=1&y=2", "/b.svg"]);
    }
}
