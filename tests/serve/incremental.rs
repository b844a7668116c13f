//! Incremental rebuilds seen over HTTP: after edits, every file `serve` sends is what a
//! fresh `build` of the same files, at the same address, writes (HTML without the reload
//! script). `tests/incremental` checks the same of the session behind it on long random
//! sequences of edits.

use super::support::*;

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
    site.build(&dir, Some(&server.url));
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

/// A site big enough that a rebuild takes a while after the edited release's page is sent
/// ahead of it: `n` more releases of the 1.2 line.
fn bigger_site(n: usize) -> Site {
    let site = Site::new();
    for k in 0..n {
        site.write(
            &format!("content/releases/1.2.{k}.yaml"),
            &format!(
                "version: 1.2.{k}\nreleased: 2025-02-01\nsummary: Patch {k}.\nwhats_new: |\n  - Fixes for [Python](/dependencies/python/) 3.12.\ncomponents:\n  python: [\"3.12\"]\n  ubuntu: [\"24.04\"]\n"
            ),
        );
    }
    site
}

#[test]
fn the_edited_page_comes_first_and_every_other_answer_waits_for_the_whole_rebuild() {
    let site = bigger_site(300);
    let server = Server::start(site.path());
    wait_builds(&server, 1);
    let list_before = server.get("/releases/").text();
    for k in 0..3 {
        let marker = format!("Marker number {k}.");
        let text = site.read("content/releases/1.1.0.yaml");
        let line = text.lines().find(|l| l.starts_with("summary: ")).unwrap();
        site.replace(
            "content/releases/1.1.0.yaml",
            line,
            &format!("summary: {marker}"),
        );
        // The edited release's page first; the list asked for right after must already be
        // the new build's (serve holds it until the rebuild is done), never the old one.
        server.wait_for("/releases/1.1.0/", &marker, |r| r.text().contains(&marker));
        let list = server.get("/releases/").text();
        assert_ne!(list, list_before);
        assert!(list.contains(&marker), "the list is not the new build's");
        wait_builds(&server, k + 2);
        assert_served_equals_fresh_build(&site, &server);
    }
    let log = server.stderr();
    assert_eq!(
        log.matches("(the edited pages served after ").count(),
        3,
        "each rebuild sends the edited page ahead:\n{log}"
    );
}

#[test]
fn a_page_sent_ahead_of_a_rebuild_that_fails_is_taken_back() {
    let site = bigger_site(100);
    let server = Server::start(site.path());
    wait_builds(&server, 1);
    let page_before = without_reload(&server.get("/releases/1.1.0/").text());
    // The page renders (it is sent ahead), but its broken link fails the rebuild.
    let text = site
        .read("content/releases/1.1.0.yaml")
        .replace("summary: ", "summary: Broken now. ")
        .replace(
            "  - Support for",
            "  - See [nowhere](/nowhere/). Support for",
        );
    site.write("content/releases/1.1.0.yaml", &text);
    wait_builds(&server, 2);
    assert!(server.stderr().contains("rebuild failed"));
    let page = server.get("/releases/1.1.0/");
    assert_eq!(page.status, 200);
    assert_eq!(without_reload(&page.text()), page_before);
    // Fixed again: the new page, and the whole site a fresh build's.
    site.replace(
        "content/releases/1.1.0.yaml",
        "See [nowhere](/nowhere/). ",
        "",
    );
    wait_builds(&server, 3);
    assert!(
        server
            .get("/releases/1.1.0/")
            .text()
            .contains("Broken now.")
    );
    assert_served_equals_fresh_build(&site, &server);
}
