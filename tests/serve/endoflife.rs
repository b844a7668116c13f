//! The endoflife.date-compatible API through `serve`: every v1 document answers at its
//! extensionless path (with and without a trailing slash), every v0 file at its path, with
//! `application/json` and the same bytes `build` writes for that address.

use crate::support::{Server, Site};

#[test]
fn every_api_path_is_served_as_json() {
    let site = Site::new();
    let server = Server::start(site.path());
    let out = tempfile::tempdir().unwrap();
    site.build(out.path(), Some(&server.url));
    let mut v1 = 0;
    let mut v0 = 0;
    for entry in walkdir::WalkDir::new(out.path().join("api")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(out.path())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(entry.path()).unwrap();
        let paths: Vec<String> = match rel.strip_suffix("/index.json") {
            Some(dir) => {
                v1 += 1;
                vec![format!("/{dir}"), format!("/{dir}/"), format!("/{rel}")]
            }
            None => {
                if !rel.starts_with("api/v1/") {
                    v0 += 1;
                }
                vec![format!("/{rel}")]
            }
        };
        for path in paths {
            let r = server.get(&path);
            assert_eq!(r.status, 200, "{path}");
            assert_eq!(r.content_type(), "application/json", "{path}");
            assert_eq!(r.body, bytes, "{path} differs from the built {rel}");
        }
    }
    assert!(v1 > 20 && v0 > 5, "v1 {v1}, v0 {v0}");
    // Known values as of AS_OF, read as a client would.
    let python: serde_json::Value =
        serde_json::from_slice(&server.get("/api/v1/products/python").body).unwrap();
    assert_eq!(python["result"]["category"], "lang");
    let uri = python["result"]["releases"][0]["latest"]["link"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(uri.starts_with(&server.url), "{uri}");
    let list: serde_json::Value =
        serde_json::from_slice(&server.get("/api/v1/products").body).unwrap();
    for p in list["result"].as_array().unwrap() {
        // The `uri` a client follows is served too.
        let path = p["uri"]
            .as_str()
            .unwrap()
            .strip_prefix(server.url.trim_end_matches('/'))
            .unwrap()
            .to_string();
        assert_eq!(server.get(&path).status, 200, "{path}");
    }
    assert_eq!(server.get("/api/v1/products/nope").status, 404);
}
