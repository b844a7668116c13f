//! What an S3 publish will do, decided without touching the network: the headers of every
//! file (Content-Type by extension, Cache-Control by kind) and the diff of the rendered
//! site against the remote listing (upload, unchanged, verify, delete).

use crate::model::Config;
use md5::{Digest, Md5};
use std::collections::BTreeMap;

pub use crate::content_type::content_type;

/// Cache-Control of a rendered file: files under `assets/` are fingerprinted by content, so
/// they may be cached for ever; everything else (pages, feeds, badges, API) changes daily.
pub fn cache_control<'a>(path: &str, config: &'a Config) -> &'a str {
    if path.starts_with("assets/") {
        &config.cache_control_assets
    } else {
        &config.cache_control_html
    }
}

/// The hex MD5 of `bytes`: what S3 reports as the ETag of a single-part upload.
pub fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One remote object under the prefix, as the listing shows it.
#[derive(Clone, Debug)]
pub struct RemoteObject {
    pub size: u64,
    /// Without quotes; `None` when the store gave none.
    pub etag: Option<String>,
}

/// Why a file is uploaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    New,
    Changed,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::New => "new",
            Reason::Changed => "changed",
        }
    }
}

/// The diff of the site against the remote. Paths are site paths (without the prefix).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub uploads: Vec<(String, Reason)>,
    pub unchanged: Vec<String>,
    /// Same size, but the ETag is not the content's MD5 (a multipart upload, SSE-KMS):
    /// the MD5 stored in the object's metadata decides.
    pub verify: Vec<String>,
    /// Remote keys the site no longer has, whether or not `--delete` was given.
    pub stale: Vec<String>,
}

/// Normalise an ETag as S3 sends it (`"abc..."`, sometimes weak `W/"..."`).
pub fn clean_etag(etag: &str) -> String {
    etag.trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .to_ascii_lowercase()
}

/// Compare the site (path -> MD5 and size) with the remote listing (path -> object).
pub fn diff(
    local: &BTreeMap<String, (String, u64)>,
    remote: &BTreeMap<String, RemoteObject>,
) -> Plan {
    let mut plan = Plan::default();
    for (path, (md5, size)) in local {
        match remote.get(path) {
            None => plan.uploads.push((path.clone(), Reason::New)),
            Some(r) if r.size != *size => plan.uploads.push((path.clone(), Reason::Changed)),
            Some(r) if r.etag.as_deref() == Some(md5.as_str()) => plan.unchanged.push(path.clone()),
            Some(_) => plan.verify.push(path.clone()),
        }
    }
    plan.stale = remote
        .keys()
        .filter(|k| !local.contains_key(*k))
        .cloned()
        .collect();
    plan
}

/// What happens to the remote keys the site no longer has.
#[derive(Debug, PartialEq, Eq)]
pub enum Deletes {
    /// Kept (no `--delete`, or nothing stale).
    None,
    /// Deleted, after every upload succeeded.
    Delete(Vec<String>),
    /// More than `--max-deletes` without `--force`: the publish is refused before anything
    /// changes (a wrong bucket or prefix would otherwise be wiped).
    Refused(Vec<String>),
}

pub fn deletes(stale: &[String], delete: bool, max_deletes: usize, force: bool) -> Deletes {
    if !delete || stale.is_empty() {
        Deletes::None
    } else if stale.len() > max_deletes && !force {
        Deletes::Refused(stale.to_vec())
    } else {
        Deletes::Delete(stale.to_vec())
    }
}

/// The objects an S3 publish uploads: every rendered file, and each endoflife.date API v1
/// document (`api/v1/<path>/index.json`) again under its extensionless key `api/v1/<path>`,
/// which is what v1 clients request and what S3 serves without rewrite rules
/// (docs/api.md#hosting). Their Content-Type is `application/json` (content_type.rs).
pub fn objects(files: &crate::render::Files) -> crate::render::Files {
    let mut out = files.clone();
    for (path, bytes) in files {
        if let Some(key) = path
            .strip_suffix("/index.json")
            .filter(|k| k.starts_with("api/v1"))
        {
            out.insert(key.to_string(), bytes.clone());
        }
    }
    out
}

/// The remote key of a site path under `prefix`.
pub fn key(prefix: &str, path: &str) -> String {
    if prefix.is_empty() {
        path.to_string()
    } else {
        format!("{prefix}/{path}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_documents_get_extensionless_keys() {
        let files: crate::render::Files = [
            ("api/v1/index.json", "i"),
            ("api/v1/products/python/index.json", "p"),
            ("api/v1/releases.json", "r"),
            ("index.html", "h"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec().into()))
        .collect();
        let keys: Vec<String> = objects(&files).into_keys().collect();
        assert_eq!(
            keys,
            [
                "api/v1",
                "api/v1/index.json",
                "api/v1/products/python",
                "api/v1/products/python/index.json",
                "api/v1/releases.json",
                "index.html"
            ]
        );
        assert_eq!(content_type("api/v1/products/python"), "application/json");
        assert_eq!(
            content_type("api/v1/products/python/releases/3.10"),
            "application/json"
        );
    }

    #[test]
    fn deletions_beyond_the_cap_are_refused_unless_forced() {
        let stale: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(deletes(&stale, false, 0, false), Deletes::None);
        assert_eq!(deletes(&[], true, 0, false), Deletes::None);
        assert_eq!(
            deletes(&stale, true, 3, false),
            Deletes::Delete(stale.clone())
        );
        assert_eq!(
            deletes(&stale, true, 2, false),
            Deletes::Refused(stale.clone())
        );
        assert_eq!(
            deletes(&stale, true, 2, true),
            Deletes::Delete(stale.clone())
        );
    }

    #[test]
    fn content_types_follow_the_name() {
        let cases = [
            ("index.html", "text/html; charset=utf-8"),
            ("releases/2.21.0/index.html", "text/html; charset=utf-8"),
            ("assets/style.0123abcd.css", "text/css; charset=utf-8"),
            ("assets/app.0123abcd.js", "text/javascript; charset=utf-8"),
            ("timeline.svg", "image/svg+xml"),
            ("rss.xml", "application/rss+xml; charset=utf-8"),
            (
                "dependencies/pytorch/rss.xml",
                "application/rss+xml; charset=utf-8",
            ),
            ("atom.xml", "application/atom+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("eos.ics", "text/calendar; charset=utf-8"),
            ("api/v1/releases.json", "application/json"),
            ("logo.PNG", "image/png"),
            ("assets/font.abc.woff2", "font/woff2"),
            ("robots.txt", "text/plain; charset=utf-8"),
            (".nojekyll", "application/octet-stream"),
            ("CNAME", "application/octet-stream"),
            ("data.unknownext", "application/octet-stream"),
        ];
        for (path, want) in cases {
            assert_eq!(content_type(path), want, "{path}");
        }
    }

    #[test]
    fn md5_is_the_single_part_etag() {
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5_hex(b"abc"), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(
            clean_etag("\"900150983CD24FB0D6963F7D28E17F72\""),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(clean_etag("W/\"abc-2\""), "abc-2");
    }

    #[test]
    fn diff_sorts_every_file_into_one_bucket() {
        let local: BTreeMap<String, (String, u64)> = [
            ("a.html", "aaaa", 4),
            ("b.html", "bbbb", 4),
            ("c.html", "cccc", 4),
            ("d.html", "dddd", 4),
            ("e.html", "eeee", 4),
        ]
        .into_iter()
        .map(|(p, m, s)| (p.to_string(), (m.to_string(), s)))
        .collect();
        let remote: BTreeMap<String, RemoteObject> = [
            ("b.html", 4, Some("bbbb")),
            ("c.html", 5, Some("cccc")),
            ("d.html", 4, Some("0123-2")),
            ("e.html", 4, None),
            ("gone.html", 1, Some("ffff")),
        ]
        .into_iter()
        .map(|(p, size, etag)| {
            (
                p.to_string(),
                RemoteObject {
                    size,
                    etag: etag.map(str::to_string),
                },
            )
        })
        .collect();
        let plan = diff(&local, &remote);
        assert_eq!(
            plan.uploads,
            vec![
                ("a.html".to_string(), Reason::New),
                ("c.html".to_string(), Reason::Changed)
            ]
        );
        assert_eq!(plan.unchanged, vec!["b.html"]);
        assert_eq!(plan.verify, vec!["d.html", "e.html"]);
        assert_eq!(plan.stale, vec!["gone.html"]);
    }

    #[test]
    fn keys_carry_the_prefix() {
        assert_eq!(key("", "index.html"), "index.html");
        assert_eq!(key("docs/v1", "index.html"), "docs/v1/index.html");
    }
}
