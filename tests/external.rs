//! The real external checkers on the built default site: the Nu HTML checker, LinkChecker
//! and axe-core in headless Chromium. Each also runs on a deliberately broken page, so a
//! check that silently checks nothing cannot pass.
//!
//! Tools come from the LIFECYCLE_* variables `.ci/install-tools.sh` exports (see
//! tests/tools/README.md). Without one, a test prints "SKIP <test>: <VAR> not set" and
//! passes, unless LIFECYCLE_REQUIRE_TOOLS=1 (CI), where it fails.

mod common;
use assert_cmd::Command;
use common::{copy_dir, free_port, repo_root as repo, tool};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::OnceLock;

const AS_OF: &str = "2026-11-25";
const PREFIX: &str = "neuron-lifecycle";

/// The default site, built once for every check with
/// `--base-url http://127.0.0.1:PORT/neuron-lifecycle/` (LinkChecker follows only links
/// on the host it starts from, so the site must live there).
struct SiteBuild {
    dir: PathBuf,
    port: u16,
}

fn site() -> &'static SiteBuild {
    static SITE: OnceLock<SiteBuild> = OnceLock::new();
    SITE.get_or_init(|| {
        let port = free_port();
        // A fixed place under the target dir (a static is never dropped, so a TempDir
        // would leak); each build replaces it.
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("external-site");
        let output = Command::cargo_bin("lifecycle")
            .unwrap()
            .env_remove("SOURCE_DATE_EPOCH")
            .arg("build")
            .arg("--site")
            .arg(repo())
            .arg("--out")
            .arg(&out)
            .args(["--as-of", AS_OF])
            .args(["--base-url", &format!("http://127.0.0.1:{port}/{PREFIX}/")])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        SiteBuild { dir: out, port }
    })
}

/// A scratch directory below the target dir, removed when dropped.
fn scratch() -> tempfile::TempDir {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(base).unwrap();
    tempfile::tempdir_in(base).unwrap()
}

/// `page` with every `alt` attribute and the `lang` of `<html>` removed: errors for the Nu
/// checker (img without alt) and for axe (image-alt, html-has-lang).
fn break_page(page: &str) -> String {
    let mut out = page.replacen("<html lang=\"en\">", "<html>", 1);
    while let Some(start) = out.find(" alt=\"") {
        let end = out[start + 6..].find('"').unwrap() + start + 7;
        out.replace_range(start..end, "");
    }
    assert_ne!(out, page);
    out
}

#[test]
fn nu_html_checker_finds_no_errors() {
    let test = "nu_html_checker_finds_no_errors";
    let (Some(java), Some(jar)) = (
        tool(test, "LIFECYCLE_JAVA"),
        tool(test, "LIFECYCLE_VNU_JAR"),
    ) else {
        return;
    };
    let site = site();
    // A broken page and stylesheet beside the site, checked in the same run (one JVM
    // start): each must be reported, and nothing else may be.
    let broken = scratch();
    let release = std::fs::read_to_string(site.dir.join("releases/2.21.0/index.html")).unwrap();
    std::fs::write(broken.path().join("index.html"), break_page(&release)).unwrap();
    std::fs::write(broken.path().join("style.css"), "a { colr: red; }\n").unwrap();

    let out = std::process::Command::new(java)
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--skip-non-html", "--also-check-css"])
        .arg(&site.dir)
        .arg(broken.path())
        .output()
        .expect("run the Nu HTML checker");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let errors: Vec<&str> = report.lines().filter(|l| l.contains(": error:")).collect();
    let broken_url = format!("file:{}/", broken.path().display());
    let (on_broken, on_site): (Vec<&str>, Vec<&str>) =
        errors.iter().partition(|l| l.contains(&broken_url));
    assert!(
        on_site.is_empty(),
        "the Nu HTML checker found {} errors in the site:\n{}",
        on_site.len(),
        on_site.join("\n")
    );
    assert!(
        on_broken
            .iter()
            .any(|l| l.contains("index.html") && l.contains("alt")),
        "the broken page was not reported:\n{report}"
    );
    assert!(
        on_broken
            .iter()
            .any(|l| l.contains("style.css") && l.contains("colr")),
        "the broken stylesheet was not reported:\n{report}"
    );
    assert_eq!(out.status.code(), Some(1), "{report}");
}

#[test]
fn linkchecker_finds_no_broken_links() {
    let test = "linkchecker_finds_no_broken_links";
    let (Some(_), Some(_)) = (
        tool(test, "LIFECYCLE_LINKCHECKER"),
        tool(test, "LIFECYCLE_PYTHON"),
    ) else {
        return;
    };
    let script = repo().join("tests/tools/linkcheck.sh");
    let site = site();
    let out = std::process::Command::new("bash")
        .arg(&script)
        .arg(&site.dir)
        .arg(format!("/{PREFIX}/"))
        .arg(site.port.to_string())
        .output()
        .expect("run linkcheck.sh");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "broken links:\n{report}");
    assert!(report.contains("0 errors found"), "{report}");
    // It really crawled the site: "N links in M URLs checked".
    let checked: usize = report
        .lines()
        .find_map(|l| {
            l.split(" links in ")
                .nth(1)?
                .split(' ')
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("no URL count in:\n{report}"));
    let pages = walkdir::WalkDir::new(&site.dir)
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "html")
        })
        .count();
    assert!(
        checked >= pages,
        "only {checked} URLs checked, the site has {pages} pages:\n{report}"
    );

    // The same script on a page with a missing target and a link without the prefix.
    let bad = scratch();
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head>\
         <body><a href=\"/{PREFIX}/ok.html\">ok</a> <a href=\"/{PREFIX}/missing/\">missing</a> \
         <a href=\"/releases/\">no prefix</a></body></html>"
    );
    std::fs::write(bad.path().join("index.html"), page).unwrap();
    std::fs::write(
        bad.path().join("ok.html"),
        "<!DOCTYPE html><html lang=\"en\"><head><title>ok</title></head><body></body></html>",
    )
    .unwrap();
    let out = std::process::Command::new("bash")
        .arg(&script)
        .arg(bad.path())
        .arg(format!("/{PREFIX}/"))
        .arg(free_port().to_string())
        .output()
        .expect("run linkcheck.sh");
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains(&format!("/{PREFIX}/missing/")), "{report}");
    assert!(report.contains("/releases/"), "{report}");
    assert!(report.contains("2 errors found"), "{report}");
}

/// `python -m http.server` on 127.0.0.1, stopped (by its own pid) when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(python: &Path, root: &Path) -> Server {
        let port = free_port();
        let mut child = std::process::Command::new(python)
            .args([
                "-u",
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
            ])
            .arg("--directory")
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start http.server");
        // It prints "Serving HTTP on ..." once it has bound the port; if it could not,
        // it exits and the read ends empty.
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let server = Server { child, port };
        assert!(
            line.starts_with("Serving HTTP on"),
            "http.server did not start on 127.0.0.1:{port}: {line}"
        );
        server
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn axe_finds_no_accessibility_violations() {
    let test = "axe_finds_no_accessibility_violations";
    let (Some(node), Some(python), Some(_)) = (
        tool(test, "LIFECYCLE_NODE"),
        tool(test, "LIFECYCLE_PYTHON"),
        tool(test, "LIFECYCLE_CHROMIUM"),
    ) else {
        return;
    };
    let site = site();
    // Serve the site under its prefix, plus a broken page inside it (so its stylesheet
    // loads as on any other page).
    let root = scratch();
    let served = root.path().join(PREFIX);
    copy_dir(&site.dir, &served);
    let release = std::fs::read_to_string(served.join("releases/2.21.0/index.html")).unwrap();
    std::fs::create_dir_all(served.join("axe-broken")).unwrap();
    std::fs::write(served.join("axe-broken/index.html"), break_page(&release)).unwrap();
    let server = Server::start(&python, root.path());

    let base = format!("http://127.0.0.1:{}/{PREFIX}/", server.port);
    let pages = [
        "",
        "policy/",
        "releases/2.21.0/",
        "dependencies/pytorch/",
        "announcements/",
    ];
    let mut urls: Vec<String> = pages.iter().map(|p| format!("{base}{p}")).collect();
    let broken_url = format!("{base}axe-broken/");
    urls.push(broken_url.clone());
    let out = std::process::Command::new(node)
        .arg(repo().join("tests/tools/axe_check.js"))
        .args(&urls)
        .output()
        .expect("run axe_check.js");
    drop(server);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let results: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(results.len(), urls.len(), "{stdout}\n{stderr}");
    for r in &results {
        let url = r["url"].as_str().unwrap();
        assert!(
            r.get("error").is_none(),
            "{url} could not be checked: {r}\n{stderr}"
        );
        let violations = r["violations"].as_array().unwrap();
        if url == broken_url {
            let ids: Vec<&str> = violations.iter().filter_map(|v| v["id"].as_str()).collect();
            assert!(
                ids.contains(&"image-alt") && ids.contains(&"html-has-lang"),
                "the broken page was not caught: {ids:?}"
            );
        } else {
            assert!(
                violations.is_empty(),
                "{url}: {}",
                serde_json::to_string_pretty(&violations).unwrap()
            );
            assert!(
                r["passes"].as_u64().unwrap() > 20,
                "{url}: too few rules ran: {r}"
            );
        }
    }
    // 1: some page (the broken one) has violations; 2 would mean a page failed to load.
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
}
