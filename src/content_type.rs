//! Content-Type of every file the site writes, shared by the sinks that send files over HTTP
//! (`serve`) and to object stores (`publish s3`), so both label a file the same way.

/// The file of an endoflife.date API v1 document requested at `path` (below the site root,
/// no leading slash): `api/v1/products/x` or `api/v1/products/x/` -> `api/v1/products/x/index.json`.
/// `None` for paths outside `api/v1` and for files with an extension.
pub fn eol_v1_document(path: &str) -> Option<String> {
    let rest = path
        .strip_prefix("api/v1")
        .filter(|r| r.is_empty() || r.starts_with('/'))?;
    let rest = rest.trim_end_matches('/');
    let last = rest.rsplit('/').next().unwrap_or("");
    // A cycle name may hold dots (`3.10`), but `.json` files are files.
    if last.ends_with(".json") {
        return None;
    }
    Some(format!("api/v1{rest}/index.json"))
}

/// Content-Type of a rendered file, by its name. Text types say UTF-8 because that is what
/// render writes; anything unknown (including `.nojekyll`) is an opaque byte stream.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    // The API v1 documents are also published under extensionless keys (`publish s3`).
    if eol_v1_document(path).is_some() {
        return "application/json";
    }
    // Feeds first: they are `.xml` too, and feed readers sniff on the type.
    if name == "rss.xml" || name.ends_with(".rss.xml") {
        return "application/rss+xml; charset=utf-8";
    }
    if name == "atom.xml" || name.ends_with(".atom.xml") {
        return "application/atom+xml; charset=utf-8";
    }
    let ext = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => return "application/octet-stream",
    };
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" | "xsl" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/vnd.microsoft.icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        _ => "application/octet-stream",
    }
}
