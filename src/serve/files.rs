//! What `serve` sends: the rendered site as an in-memory map, request paths resolved against
//! it (a map lookup, so no request can reach the file system), content types, and the
//! live-reload script injected into HTML.

use crate::render::escape_html;
use axum::body::Bytes;
use std::sync::Arc;

/// Output path (`releases/index.html`) -> bytes as rendered, shared with the build that
/// made them (the reload script is added to HTML as it is sent: `served`).
pub type Files = crate::render::Files;

/// The URL prefix `serve` keeps for itself; the site's own files are never under it.
pub const RESERVED_PREFIX: &str = "/__lifecycle/";
/// The Server-Sent Events stream the reload script listens to.
pub const EVENTS_PATH: &str = "/__lifecycle/events";

const RELOAD_JS: &str = include_str!("reload.js");

/// The site as currently served, swapped whole on every rebuild.
#[derive(Debug)]
pub struct Snapshot {
    /// Id of the build `files` came from; every served page carries it, so a tab can tell
    /// that it shows an older build than the server has ("none" before the first good build).
    pub build: String,
    pub files: Arc<Files>,
    /// The diagnostics of the last rebuild if it failed (`files` are then the last good build).
    pub error: Option<String>,
    /// While a rebuild runs: the pages of the edited files, already rendered for build
    /// `build` (`render::Ahead`). They are served at once; any other request waits for the
    /// rebuild to finish, so that every answer is what the finished build serves.
    pub ahead: Option<Arc<Files>>,
}

impl Snapshot {
    /// Before the first build finished: nothing to serve yet.
    pub fn starting() -> Snapshot {
        Snapshot {
            build: NO_BUILD.to_string(),
            files: Arc::default(),
            error: None,
            ahead: None,
        }
    }

    /// The JSON payload of a `state` event: `{"build": id, "error": text or null}`.
    pub fn state_json(&self) -> String {
        serde_json::json!({ "build": self.build, "error": self.error }).to_string()
    }
}

/// The build id pages carry while no build has succeeded yet.
pub const NO_BUILD: &str = "none";

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file in the map, by key.
    File(String),
    /// A directory requested without its trailing slash: redirect to this path.
    Redirect(String),
    NotFound,
    /// A path that cannot name a file: bad percent-encoding, a `.`/`..` segment, a backslash
    /// or a NUL. Refused outright rather than normalised, so `/../site.yaml` never means
    /// anything.
    BadRequest,
}

/// Resolve the raw (still percent-encoded) path of a request URI against `files`.
pub fn resolve(files: &Files, raw_path: &str) -> Resolved {
    let Ok(path) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Resolved::BadRequest;
    };
    let Some(rel) = path.strip_prefix('/') else {
        return Resolved::BadRequest;
    };
    // Checked after decoding: `%2e%2e`, `..%2f` and `%5c` are the same attacks spelled
    // differently.
    if rel.contains(['\\', '\0']) || rel.split('/').any(|seg| seg == "." || seg == "..") {
        return Resolved::BadRequest;
    }
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if files.contains_key(&key) {
        return Resolved::File(key);
    }
    // The endoflife.date-compatible API v1 is requested extensionless (`/api/v1/products/x`,
    // with or without a trailing slash) and written as `<path>/index.json`.
    if let Some(doc) = crate::content_type::eol_v1_document(rel)
        && files.contains_key(&doc)
    {
        return Resolved::File(doc);
    }
    if !key.ends_with("index.html") && files.contains_key(&format!("{key}/index.html")) {
        return Resolved::Redirect(format!("{raw_path}/"));
    }
    Resolved::NotFound
}

pub use crate::content_type::content_type;

/// The reload script tag for a page of build `build`.
fn reload_tag(build: &str) -> String {
    // The id is ours (hex and dashes), but escape it anyway: it sits in an attribute.
    format!(
        "<script data-lifecycle-build=\"{}\">{RELOAD_JS}</script>\n",
        escape_html(build)
    )
}

/// `html` with the reload script inserted before its last `</body>` (appended if there is
/// none). Only `serve` calls this, on its copy of the rendered bytes: `build` output never
/// carries the script.
pub fn inject_reload(html: &[u8], build: &str) -> Vec<u8> {
    let tag = reload_tag(build);
    let at = rfind_ascii_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The last position of `needle` in `hay`, ASCII case-insensitively.
fn rfind_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The bytes sent for `path`: HTML files get the reload script of build `build`, added
/// as they are sent so that files unchanged between builds are kept as they are.
pub fn served(path: &str, bytes: &[u8], build: &str) -> Bytes {
    if path.ends_with(".html") {
        Bytes::from(inject_reload(bytes, build))
    } else {
        Bytes::copy_from_slice(bytes)
    }
}

/// The page served for every path while no build has succeeded yet: the errors, and the
/// reload script, so the tab recovers by itself once the site is fixed.
pub fn error_page(error: &str) -> Vec<u8> {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>The site has errors · lifecycle serve</title>\n</head>\n<body>\n<main>\n\
         <h1>The site has errors</h1>\n<p>lifecycle serve could not build the site. \
         Fix the files below; this page reloads by itself.</p>\n<pre>{}</pre>\n</main>\n\
         </body>\n</html>\n",
        escape_html(error)
    );
    inject_reload(html.as_bytes(), NO_BUILD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Files {
        [
            "index.html",
            "404.html",
            "releases/index.html",
            "releases/1.0.0/index.html",
            "rss.xml",
        ]
        .into_iter()
        .map(|p| (p.to_string(), Arc::new(b"x".to_vec())))
        .collect()
    }

    #[test]
    fn directories_resolve_to_their_index() {
        let f = site();
        assert_eq!(resolve(&f, "/"), Resolved::File("index.html".into()));
        assert_eq!(
            resolve(&f, "/releases/1.0.0/"),
            Resolved::File("releases/1.0.0/index.html".into())
        );
        assert_eq!(resolve(&f, "/rss.xml"), Resolved::File("rss.xml".into()));
        assert_eq!(
            resolve(&f, "/releases"),
            Resolved::Redirect("/releases/".into())
        );
        assert_eq!(resolve(&f, "/releases/9.9.9/"), Resolved::NotFound);
        assert_eq!(resolve(&f, "/index.html/"), Resolved::NotFound);
    }

    #[test]
    fn percent_encoded_paths_are_decoded() {
        let mut f = site();
        f.insert("a b/index.html".into(), Arc::default());
        assert_eq!(
            resolve(&f, "/a%20b/"),
            Resolved::File("a b/index.html".into())
        );
        assert_eq!(resolve(&f, "/%72ss.xml"), Resolved::File("rss.xml".into()));
    }

    #[test]
    fn traversal_in_any_spelling_is_a_bad_request() {
        let f = site();
        for p in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/..%2fsite.yaml",
            "/..%2Fsite.yaml",
            "/%2e%2e%2fsite.yaml",
            "/releases/../../site.yaml",
            "/releases/%2e%2e/%2e%2e/site.yaml",
            "/..\\site.yaml",
            "/..%5csite.yaml",
            "/./index.html",
            "/%00",
            "/%ff",
            "relative",
        ] {
            assert_eq!(resolve(&f, p), Resolved::BadRequest, "{p}");
        }
    }

    #[test]
    fn content_types_follow_the_extension() {
        for (p, t) in [
            ("index.html", "text/html; charset=utf-8"),
            ("assets/style.0123456789.css", "text/css; charset=utf-8"),
            (
                "assets/sort.0123456789.js",
                "text/javascript; charset=utf-8",
            ),
            ("badges/1.0.0.svg", "image/svg+xml"),
            ("badges/1.0.0.json", "application/json"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("rss.xml", "application/rss+xml; charset=utf-8"),
            (
                "dependencies/python/rss.xml",
                "application/rss+xml; charset=utf-8",
            ),
            ("atom.xml", "application/atom+xml; charset=utf-8"),
            ("eos.ics", "text/calendar; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("logo.PNG", "image/png"),
            ("fonts/inter.woff2", "font/woff2"),
            (".nojekyll", "application/octet-stream"),
            ("LICENSE", "application/octet-stream"),
        ] {
            assert_eq!(content_type(p), t, "{p}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_end_tag() {
        let out = inject_reload(b"<body><p>a</p></BODY>\n</html>", "b-1");
        let out = String::from_utf8(out).unwrap();
        let script = out.find("<script data-lifecycle-build=\"b-1\">").unwrap();
        assert!(script < out.find("</BODY>").unwrap());
        assert!(out.starts_with("<body><p>a</p>") && out.ends_with("</BODY>\n</html>"));
        // A fragment without </body> still gets it, at the end.
        let frag = String::from_utf8(inject_reload(b"<p>x</p>", "b-1")).unwrap();
        assert!(frag.starts_with("<p>x</p><script"));
    }

    #[test]
    fn the_reload_script_cannot_close_its_own_tag() {
        assert!(!RELOAD_JS.to_ascii_lowercase().contains("</script"));
    }

    #[test]
    fn the_error_page_escapes_the_diagnostics() {
        let page = String::from_utf8(error_page("error: <b>&</b>")).unwrap();
        assert!(page.contains("error: &lt;b&gt;&amp;&lt;/b&gt;"));
        assert!(!page.contains("<b>&</b>"));
    }
}
