//! Internal link checking over the rendered output: every root-relative `href`/`src` must
//! resolve to a file the build writes. Markdown links are reported at their source position.

use super::SourceLink;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use ahash::AHashSet;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// Every URL path (below the root) that resolves: each file, and each directory with an
/// `index.html`. Built once, so checking a link is one hash lookup without allocating.
struct Targets<'a> {
    paths: AHashSet<&'a str>,
}

impl<'a> Targets<'a> {
    fn new(files: &'a crate::render::Files) -> Self {
        let mut paths = AHashSet::with_capacity(files.len() * 2);
        for k in files.keys() {
            paths.insert(k.as_str());
            if let Some(dir) = k.strip_suffix("index.html")
                && (dir.is_empty() || dir.ends_with('/'))
            {
                paths.insert(dir);
            }
        }
        Targets { paths }
    }

    /// Resolve a root-relative URL to an output file, or explain why it does not.
    fn resolve(&self, url: &str, root: &str) -> Result<(), String> {
        let path = memchr::memchr2(b'#', b'?', url.as_bytes()).map_or(url, |i| &url[..i]);
        let Some(rel) = path
            .strip_prefix(root)
            .or_else(|| (path.len() + 1 == root.len() && root.starts_with(path)).then_some(""))
        else {
            return Err(format!("it is outside the site's path prefix {root}"));
        };
        let rel: Cow<str> = if rel.contains('%') {
            percent_encoding::percent_decode_str(rel).decode_utf8_lossy()
        } else {
            Cow::Borrowed(rel)
        };
        if self.paths.contains(rel.as_ref()) {
            return Ok(());
        }
        if self.paths.contains(format!("{rel}/").as_str()) {
            return Err(format!("add a trailing slash: {url}/"));
        }
        Err("no page or file is written there".into())
    }
}

/// Check Markdown links (positioned) and then every link in every HTML page (in parallel).
pub fn check(
    files: &crate::render::Files,
    root: &str,
    md_links: &[&SourceLink],
    only: Option<&std::collections::HashSet<String>>,
    diags: &mut Diagnostics,
) {
    let targets = Targets::new(files);
    let mut reported: BTreeSet<String> = BTreeSet::new();
    // A large site has a hundred thousand of them: resolved in parallel, reported in order.
    let md_broken: Vec<(&SourceLink, String)> = md_links
        .par_iter()
        .filter_map(|&l| targets.resolve(&l.url, root).err().map(|why| (l, why)))
        .collect();
    for (l, why) in md_broken {
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
    let pages: Vec<(&String, &std::sync::Arc<Vec<u8>>)> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && only.is_none_or(|o| o.contains(*p)))
        .collect();
    let broken: Vec<Vec<(String, &String, String)>> = pages
        .par_iter()
        .map(|(path, bytes)| {
            attribute_urls(bytes)
                .filter(|url| url.starts_with('/') && !url.starts_with("//"))
                .filter_map(|url| {
                    targets
                        .resolve(&url, root)
                        .err()
                        .map(|why| (url.into_owned(), *path, why))
                })
                .collect()
        })
        .collect();
    // Report each broken URL once, at the first page (in path order) that has it.
    for (url, path, why) in broken.into_iter().flatten() {
        if reported.insert(url.clone()) {
            diags.push(Diagnostic::new(
                Code::BrokenLink,
                format!("broken link {url} in the generated {path}: {why}"),
            ));
        }
    }
}

/// Values of `href="..."` and `src="..."` attributes, entity-decoded for `&amp;`. Scans
/// bytes with memchr's searcher: this runs over every byte of every page.
pub(crate) fn attribute_urls(html: &[u8]) -> impl Iterator<Item = Cow<'_, str>> {
    [&b" href=\""[..], &b" src=\""[..]]
        .into_iter()
        .flat_map(move |attr| {
            memchr::memmem::find_iter(html, attr).filter_map(move |i| {
                let start = i + attr.len();
                let len = memchr::memchr(b'"', &html[start..])?;
                // Only the value is checked for UTF-8 (a rendered page is, and validating
                // every byte of every page cost ~0.5% of a build); a value that is not is
                // read lossily.
                let v = String::from_utf8_lossy(&html[start..start + len]);
                Some(if memchr::memmem::find(v.as_bytes(), b"&amp;").is_some() {
                    Cow::Owned(v.replace("&amp;", "&"))
                } else {
                    v
                })
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(paths: &[&str]) -> crate::render::Files {
        paths
            .iter()
            .map(|p| (p.to_string(), Default::default()))
            .collect()
    }

    fn resolve(url: &str, root: &str, files: &crate::render::Files) -> Result<(), String> {
        Targets::new(files).resolve(url, root)
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
        let urls: Vec<_> =
            attribute_urls(br#"<a href="/a/?x=1&amp;y=2">a</a><img src="/b.svg" alt="">"#)
                .collect();
        assert_eq!(urls, vec!["/a/?x=1&y=2", "/b.svg"]);
    }
}
