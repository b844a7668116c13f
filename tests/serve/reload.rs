//! Live rebuilds: an edit is served within a bounded wait and announced on the event
//! stream; a broken file keeps the last good site and reports its error (terminal and
//! event stream, with file:line:col); fixing it recovers without a restart.

use crate::support::{Events, Server, Site, bin};
use std::process::Command;

const INTRO: &str = "This site tracks the support lifecycle";

#[test]
fn an_edit_is_served_and_announced_without_a_restart() {
    let site = Site::new();
    let server = Server::start(site.path());
    assert!(server.get("/").text().contains(INTRO));
    let events = Events::open(server.port);
    let (first, error) = events.next();
    assert_eq!(error, None);
    // The page carries the id of the build it came from, as the event does.
    assert!(
        server
            .get("/")
            .text()
            .contains(&format!("data-lifecycle-build=\"{first}\""))
    );

    site.replace(
        "content/index.md",
        INTRO,
        "Edited by the test: the lifecycle",
    );
    let r = server.wait_for("/", "the edited text", |r| {
        r.text().contains("Edited by the test")
    });
    assert!(!r.text().contains(INTRO));
    let (second, error) = events.next();
    assert_eq!(error, None);
    assert_ne!(second, first, "a rebuild announces a new build id");
    assert!(
        r.text()
            .contains(&format!("data-lifecycle-build=\"{second}\""))
    );
    let err = server.wait_stderr("the rebuild time", |s| {
        s.contains("content/index.md changed: rebuilt")
    });
    let line = err
        .lines()
        .find(|l| l.contains("content/index.md changed: rebuilt"))
        .unwrap();
    let ms: u64 = line
        .rsplit(" in ")
        .next()
        .and_then(|t| t.strip_suffix(" ms"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no rebuild time in {line:?}"));
    assert!(ms < 10_000, "{line}");
}

#[test]
fn a_broken_file_keeps_the_last_good_site_and_fixing_it_recovers() {
    let site = Site::new();
    let server = Server::start(site.path());
    let events = Events::open(server.port);
    let (good, _) = events.next();
    let release = "content/releases/1.1.0.yaml";
    let original = site.read(release);
    let before = server.get("/releases/1.1.0/").text();
    assert!(before.contains("Python 3.12 and Ubuntu 24.04."));

    // Line 2 of the file: `released:` with an unterminated flow sequence.
    site.replace(release, "released: 2025-01-15", "released: [2025-01-15");
    let (build, error) = events.next();
    let error = error.expect("the event carries the error");
    assert_eq!(build, good, "the last good build stays current");
    assert!(
        error.contains("error[E002]") && error.contains("--> content/releases/1.1.0.yaml:"),
        "{error}"
    );
    let at = error.split("--> ").nth(1).unwrap();
    let mut pos = at.trim().rsplitn(3, ':');
    let col: u32 = pos.next().unwrap().parse().expect("a column");
    let line: u32 = pos.next().unwrap().parse().expect("a line");
    assert!(line >= 2 && col >= 1, "{at}");
    // The terminal shows the same diagnostic, and says the old site is still served.
    let err = server.wait_stderr("the error", |s| s.contains("rebuild failed"));
    assert!(err.contains(&format!("--> {}", at.trim())), "{err}");
    assert!(err.contains("still serving the last good build"));
    // The last good site is still served, byte for byte.
    assert_eq!(server.get("/releases/1.1.0/").text(), before);
    assert_eq!(server.get("/").status, 200);

    // Fix it with a visible change: a new build, no error, the change served.
    site.write(
        release,
        &original.replace("Python 3.12 and Ubuntu 24.04.", "Fixed by the test."),
    );
    let (fixed, error) = events.next();
    assert_eq!(error, None);
    assert_ne!(fixed, good);
    let r = server.wait_for("/releases/1.1.0/", "fixed", |r| {
        r.text().contains("Fixed by the test.")
    });
    assert_eq!(r.status, 200);
}

#[test]
fn a_template_added_while_serving_is_watched_and_its_errors_point_into_it() {
    let site = Site::new();
    let server = Server::start(site.path());
    let events = Events::open(server.port);
    let (good, _) = events.next();
    // templates/ did not exist when serve started: it is picked up when it appears.
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>custom page</p>\n{{ page.content | safe }\n{% endblock content %}\n",
    );
    let (build, error) = events.next();
    assert_eq!(build, good);
    let error = error.expect("a template error");
    assert!(error.contains("--> templates/page.html:4:"), "{error}");

    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>custom page</p>\n{{ page.content | safe }}\n{% endblock content %}\n",
    );
    let (_, error) = events.next();
    if let Some(e) = error {
        panic!("the fixed template still fails: {e}");
    }
    server.wait_for("/policy/", "the custom template", |r| {
        r.text().contains("<p>custom page</p>")
    });
}

#[test]
fn a_static_file_added_while_serving_is_served() {
    let site = Site::new();
    let server = Server::start(site.path());
    assert_eq!(server.get("/added.json").status, 404);
    site.write("static/added.json", "{\"added\": true}\n");
    let r = server.wait_for("/added.json", "served", |r| r.status == 200);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), "{\"added\": true}\n");
}

#[test]
fn a_site_broken_from_the_start_shows_its_errors_until_fixed() {
    let site = Site::new();
    let good = site.read("site.yaml");
    site.write(
        "site.yaml",
        &good.replace("language: en", "language: en\ncolour: red"),
    );
    let server = Server::start(site.path());
    let r = server.get("/");
    assert_eq!(r.status, 500);
    assert_eq!(r.content_type(), "text/html; charset=utf-8");
    let page = r.text();
    assert!(page.contains("error[E003]"), "{page}");
    // The diagnostic as the terminal prints it, HTML-escaped.
    assert!(page.contains("--&gt; site.yaml:"), "{page}");
    assert!(
        page.contains("data-lifecycle-build=\"none\""),
        "the page reloads when fixed"
    );
    server.wait_stderr("the failed build", |s| s.contains("build failed"));
    let events = Events::open(server.port);
    let (build, error) = events.next();
    assert_eq!(build, "none");
    assert!(error.unwrap().contains("--> site.yaml:"));

    site.write("site.yaml", &good);
    let (build, error) = events.next();
    assert_eq!(error, None);
    assert_ne!(build, "none");
    let r = server.wait_for("/", "fixed", |r| r.status == 200);
    assert!(r.text().contains("Acme SDK"));
}

#[test]
fn ctrl_c_stops_cleanly_even_with_a_tab_listening() {
    let site = Site::new();
    let server = Server::start(site.path());
    let events = Events::open(server.port);
    events.next();
    let (status, stderr) = server.interrupt();
    assert_eq!(status.code(), Some(0), "stderr:\n{stderr}");
    assert!(stderr.trim_end().ends_with("stopped"), "{stderr}");
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = Site::new();
    let server = Server::start_with(site.path(), &["--port", &port.to_string()]);
    assert!(server.port > port, "{} is not after {port}", server.port);
    assert_eq!(server.get("/").status, 200);
    let notice = format!("port {port} is in use; using {}", server.port);
    server.wait_stderr(&notice, |s| s.contains(&notice));
}

#[test]
fn a_bad_bind_address_or_site_is_a_usage_error() {
    let site = Site::new();
    let out = Command::new(bin())
        .args(["serve", "--site", site.path().to_str().unwrap()])
        .args(["--bind", "not-an-address", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--bind"));
    assert!(out.stdout.is_empty(), "no URL printed");
    let out = Command::new(bin())
        .args(["serve", "--site", "/no/such/site", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a directory"));
}
