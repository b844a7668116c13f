//! Incremental rebuilds seen over HTTP: after edits, every file `serve` sends is what a
//! fresh `build` of the same files, at the same address, writes (HTML without the reload
//! script). `tests/incremental` checks the same of the session behind it on long random
//! sequences of edits.

use super::support::*;
use std::process::Command;

/// Wait until the `n`-th build (the first build is 1) has been reported.
fn wait_builds(server: &Server, n: usize) {
    server.wait_stderr(&format!("build {n}"), |s| {
        s.matches("rebuilt ").count() + s.matches("rebuild failed").count() + 1 >= n
    });
}

/// `html` without the script `serve` adds before `</body>`.
fn without_reload(html: &str) -> String {
    match (
        html.find("<script data-lifecycle-build="),
        html.rfind("</script>\n"),
    ) {
        (Some(a), Some(b)) if b > a => {
            format!("{}{}", &html[..a], &html[b + "</script>\n".len()..])
        }
        _ => html.to_string(),
    }
}

fn assert_served_equals_fresh_build(site: &Site, server: &Server) {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("out");
    let status = Command::new(bin())
        .args([
            "build",
            "--site",
            site.path().to_str().unwrap(),
            "--as-of",
            AS_OF,
        ])
        .args(["--base-url", &server.url, "--out", dir.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut n = 0;
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let fresh = std::fs::read(entry.path()).unwrap();
        let served = server.get(&format!("/{rel}"));
        assert_eq!(served.status, 200, "{rel}");
        if rel.ends_with(".html") {
            assert_eq!(
                without_reload(&served.text()),
                String::from_utf8_lossy(&fresh),
                "{rel} served differs from a fresh build"
            );
        } else {
            assert!(
                served.body == fresh,
                "{rel} served differs from a fresh build"
            );
        }
        n += 1;
    }
    assert!(n > 50, "only {n} files compared");
}

#[test]
fn after_edits_every_served_file_is_a_fresh_builds() {
    let site = Site::new();
    let server = Server::start(site.path());
    wait_builds(&server, 1);
    assert_served_equals_fresh_build(&site, &server);
    // A summary, then a dependency's date, then a new announcement: three rebuilds.
    site.replace(
        "content/releases/1.1.0.yaml",
        "summary: ",
        "summary: Now with more. ",
    );
    wait_builds(&server, 2);
    site.replace(
        "content/dependencies/python.yaml",
        "supported: 2025-01-15",
        "supported: 2025-01-20",
    );
    wait_builds(&server, 3);
    site.write(
        "content/announcements/2025-05-01-python-3-12.md",
        "---\ntitle: Python 3.12 support ends\ndate: 2025-05-01\naffects:\n  - { dependency: python, version: \"3.12\" }\n---\nSee [the releases](/releases/).\n",
    );
    wait_builds(&server, 4);
    assert_served_equals_fresh_build(&site, &server);
}
