//! Live reload in a real browser: headless Chromium (tests/tools/reload_check.js) keeps a
//! served page open while the test edits, breaks and fixes the site; the page must reload
//! by itself, show the error overlay without reloading, then recover.

use crate::support::{Server, Site, tool};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

#[test]
fn an_open_page_reloads_by_itself_and_shows_errors_as_an_overlay() {
    let test = "an_open_page_reloads_by_itself_and_shows_errors_as_an_overlay";
    let Some(node) = tool(test, "LIFECYCLE_NODE") else {
        return;
    };
    let Some(chromium) = tool(test, "LIFECYCLE_CHROMIUM") else {
        return;
    };
    let site = Site::new();
    let server = Server::start(site.path());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/reload_check.js");
    let release = "content/releases/1.1.0.yaml";
    let child = Command::new(node)
        .arg(&script)
        .arg(format!("{}releases/1.1.0/", server.url))
        .args([
            "reload=Reloaded by the browser test.",
            &format!("overlay=--> {release}:"),
            "reload=Fixed in the browser test.",
        ])
        .env("LIFECYCLE_CHROMIUM", chromium)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start node");
    let mut child = KillOnDrop(child);
    let (tx, rx) = mpsc::channel();
    let out = BufReader::new(child.0.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in out.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut expect = |want: &str, wait: Duration| {
        let got = rx.recv_timeout(wait).unwrap_or_else(|_| {
            let _ = child.0.kill();
            let mut err = String::new();
            let _ = std::io::Read::read_to_string(child.0.stderr.as_mut().unwrap(), &mut err);
            panic!(
                "reload_check.js did not print {want:?}\nscript stderr:\n{err}\nserve stderr:\n{}",
                server.stderr()
            )
        });
        assert!(got.starts_with(want), "expected {want:?}, got {got:?}");
    };
    let step = Duration::from_secs(15);
    expect("ready", Duration::from_secs(60));
    let original = site.read(release);
    site.replace(
        release,
        "Python 3.12 and Ubuntu 24.04.",
        "Reloaded by the browser test.",
    );
    expect("ok 1 reload=", step);
    site.replace(release, "released: 2025-01-15", "released: [2025-01-15");
    expect("ok 2 overlay=", step);
    site.write(
        release,
        &original.replace(
            "Python 3.12 and Ubuntu 24.04.",
            "Fixed in the browser test.",
        ),
    );
    expect("ok 3 reload=", step);
    let status = child.0.wait().expect("wait for node");
    assert!(status.success(), "reload_check.js exited with {status}");
}

/// The browser script, stopped (with its Chromium) however the test ends.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
