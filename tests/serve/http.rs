//! What `serve` answers over HTTP: every file type with its Content-Type, directories, the
//! 404 page, the local base_url, and no way out of the in-memory site.

use crate::support::{Server, Site, request};

/// The fingerprinted asset the home page links, e.g. `/assets/style.0a1b2c3d4e.css`.
fn asset_link(html: &str, ext: &str) -> String {
    let end = html
        .find(&format!(".{ext}\""))
        .unwrap_or_else(|| panic!("no .{ext} link"));
    let start = html[..end].rfind("\"/assets/").expect("an /assets/ link") + 1;
    html[start..end + 1 + ext.len()].to_string()
}

#[test]
fn every_file_type_is_served_with_its_content_type() {
    let site = Site::new();
    let server = Server::start(site.path());
    let home = server.get("/");
    assert_eq!(home.status, 200);
    let html = home.text();
    let css = asset_link(&html, "css");
    let js = asset_link(&html, "js");
    for (path, content_type) in [
        ("/", "text/html; charset=utf-8"),
        ("/policy/", "text/html; charset=utf-8"),
        ("/releases/1.0.0/", "text/html; charset=utf-8"),
        (css.as_str(), "text/css; charset=utf-8"),
        (js.as_str(), "text/javascript; charset=utf-8"),
        ("/timeline.svg", "image/svg+xml"),
        ("/badges/1.1.0.svg", "image/svg+xml"),
        ("/badges/1.1.0.json", "application/json"),
        ("/api/v1/releases.json", "application/json"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/rss.xml", "application/rss+xml; charset=utf-8"),
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/eos.ics", "text/calendar; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/notes.txt", "text/plain; charset=utf-8"),
        ("/img/logo.png", "image/png"),
        ("/fonts/body.woff2", "font/woff2"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.content_type(), content_type, "{path}");
        assert!(!r.body.is_empty(), "{path} has a body");
        // A preview must never show a cached older build.
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }
    assert_eq!(
        server.get("/img/logo.png").body,
        b"\x89PNG\r\n\x1a\n fake png"
    );
    assert!(
        server
            .get("/eos.ics")
            .text()
            .starts_with("BEGIN:VCALENDAR\r\n")
    );
}

#[test]
fn pages_use_the_local_address_as_base_url_and_carry_the_reload_script() {
    let site = Site::new();
    let server = Server::start(site.path());
    let html = server.get("/releases/").text();
    let canonical = format!("<link rel=\"canonical\" href=\"{}releases/\">", server.url);
    assert!(html.contains(&canonical), "no {canonical} in:\n{html}");
    assert!(
        !html.contains("https://example.com/"),
        "site.yaml's base_url leaked"
    );
    let script = html
        .find("<script data-lifecycle-build=")
        .expect("reload script");
    assert!(
        script < html.rfind("</body>").unwrap(),
        "script inside <body>"
    );
    assert!(html.contains("new EventSource(\"/__lifecycle/events\")"));
    let rss = server.get("/rss.xml").text();
    assert!(
        rss.contains(&format!("<link>{}</link>", server.url)),
        "{rss}"
    );
    // Nothing was written to disk: serve renders in memory.
    assert!(!site.path().join("public").exists());
}

#[test]
fn build_output_never_carries_the_reload_script() {
    let site = Site::new();
    let out = tempfile::tempdir().unwrap();
    site.build(out.path(), None);
    let mut pages = 0;
    for entry in walk(out.path()) {
        let text = std::fs::read(&entry).unwrap();
        let text = String::from_utf8_lossy(&text);
        assert!(!text.contains("__lifecycle"), "{}", entry.display());
        pages += usize::from(entry.extension().is_some_and(|e| e == "html"));
    }
    assert!(pages > 5, "only {pages} pages built");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn missing_paths_get_the_404_page_and_directories_their_index() {
    let site = Site::new();
    let server = Server::start(site.path());
    for path in [
        "/no-such-page/",
        "/releases/9.9.9/",
        "/nope.css",
        "/index.html/",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.content_type(), "text/html; charset=utf-8");
        assert!(
            r.text().contains("Page not found"),
            "{path}: the site's 404.html"
        );
    }
    let r = server.get("/releases");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("/releases/"));
    let index = server.get("/releases/index.html");
    assert_eq!(index.status, 200);
    assert_eq!(index.body, server.get("/releases/").body);
    // Only GET and HEAD: this server changes nothing.
    let post = request(server.port, "POST", "/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
    let head = request(server.port, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn traversal_requests_never_leave_the_site() {
    let site = Site::new();
    let server = Server::start(site.path());
    let secret = site.read("site.yaml");
    assert!(secret.contains("base_url:"));
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/site.yaml",
        "/..%2fsite.yaml",
        "/%2e%2e%2fsite.yaml",
        "/releases/../../site.yaml",
        "/releases/%2e%2e/%2e%2e/site.yaml",
        "/..%5csite.yaml",
        "/../content/policy.md",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/site.yaml",
        "/content/policy.md",
        "/static/notes.txt",
    ] {
        let r = server.get(path);
        assert!(
            r.status == 400 || r.status == 404,
            "{path}: status {}",
            r.status
        );
        let body = r.text();
        assert!(
            !body.contains("base_url:") && !body.contains("root:") && !body.contains("weight: 1"),
            "{path} leaked a file:\n{body}"
        );
    }
    // Dot segments are refused outright, not normalised into a site path.
    assert_eq!(server.get("/releases/../index.html").status, 400);
}
