//! `lifecycle new`: the site it writes passes `check` and `build` as written, with or
//! without the default templates, and it never writes into a directory that holds files.

use assert_cmd::Command;
use std::path::Path;

const AS_OF: &str = "2025-06-01";

fn lifecycle() -> Command {
    Command::cargo_bin("lifecycle").unwrap()
}

fn new_site(dir: &Path, extra: &[&str]) -> String {
    let out = lifecycle()
        .arg("new")
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "new failed:\n{stderr}");
    stderr
}

/// `check --format json` as (exit code, diagnostics).
fn check(site: &Path, as_of: &str, extra: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let out = lifecycle()
        .args(["check", "--format", "json", "--as-of", as_of, "--site"])
        .arg(site)
        .args(extra)
        .output()
        .unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check JSON: {e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), list)
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_new_site_passes_check_and_build_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("docs");
    let msg = new_site(&site, &["--product", "Widget SDK"]);
    assert!(msg.contains("lifecycle serve --site"), "{msg}");
    assert_eq!(
        files_under(&site),
        [
            "content/announcements/2025-01-15-end-of-support-1-0-0.md",
            "content/dependencies/python.yaml",
            "content/dependencies/ubuntu.yaml",
            "content/index.md",
            "content/policy.md",
            "content/releases/1.0.0.yaml",
            "content/releases/1.1.0.yaml",
            "site.yaml",
        ]
    );
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    assert!(yaml.contains("base_url: https://example.com/"));
    assert!(yaml.contains("product: \"Widget SDK\""));
    // Clean, strict too, on the test date and on dates before, between and after its data.
    for as_of in [AS_OF, "2024-01-01", "2025-02-01", "2030-01-01"] {
        let (code, list) = check(&site, as_of, &["--strict"]);
        assert_eq!((code, &list), (0, &Vec::new()), "check as of {as_of}");
    }

    let out = tmp.path().join("out");
    lifecycle()
        .args(["build", "--as-of", AS_OF, "--site"])
        .arg(&site)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let home = read("index.html");
    assert!(home.contains("Widget SDK support lifecycle"));
    assert!(home.contains("This site tracks the support lifecycle of every Widget SDK release"));
    let policy = read("policy/index.html");
    assert!(
        policy.contains("<table"),
        "the policy page embeds live tables"
    );
    // As of 2025-06-01, 1.0.0 is past its end of support and 1.1.0 is supported.
    assert!(read("releases/1.0.0/index.html").contains("End-of-Support"));
    assert!(read("releases/1.1.0/index.html").contains("Supported"));
    assert!(
        read("announcements/2025-01-15-end-of-support-1-0-0/index.html")
            .contains("End of support for Widget SDK 1.0.0")
    );
    for f in [
        "rss.xml",
        "atom.xml",
        "eos.ics",
        "dependencies/python/index.html",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    // The embedded default templates served: none were written.
    assert!(!site.join("templates").exists());
}

#[test]
fn with_templates_writes_the_embedded_defaults_and_still_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    new_site(&site, &["--with-templates"]);
    let defaults = lifecycle::render::theme::default_files();
    assert!(defaults.contains_key("base.html"));
    for (name, bytes) in &defaults {
        let written = std::fs::read(site.join("templates").join(name))
            .unwrap_or_else(|e| panic!("templates/{name}: {e}"));
        assert_eq!(&written, bytes, "templates/{name}");
    }
    assert_eq!(check(&site, AS_OF, &["--strict"]), (0, Vec::new()));
    // The written templates are the ones used: an edit shows in the build.
    let base = site.join("templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        text.replace("</footer>", "<p>customised footer</p>\n</footer>"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    lifecycle()
        .args(["build", "--as-of", AS_OF, "--site"])
        .arg(&site)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("<p>customised footer</p>")
    );
}

#[test]
fn a_product_name_with_markup_and_yaml_syntax_is_kept_literally() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let product = "C++ {{ kit }}: \"x\" #1 <b>";
    new_site(&site, &["--product", product]);
    assert_eq!(check(&site, AS_OF, &["--strict"]), (0, Vec::new()));
    let out = tmp.path().join("out");
    lifecycle()
        .args(["build", "--as-of", AS_OF, "--site"])
        .arg(&site)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("C++ {{ kit }}: &quot;x&quot; #1 &lt;b&gt; support lifecycle"));
    assert!(!home.contains("<b>"), "the name is text, not markup");
}

#[test]
fn a_non_empty_directory_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = lifecycle().arg("new").arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not empty"), "{err}");
    assert_eq!(files_under(tmp.path()), ["notes.txt"]);

    // A second `new` into a site it wrote is refused the same way.
    let site = tmp.path().join("site");
    new_site(&site, &[]);
    let before = files_under(&site);
    lifecycle().arg("new").arg(&site).assert().code(2);
    assert_eq!(files_under(&site), before);

    // A file in the way, and an empty product name, are usage errors too.
    lifecycle()
        .arg("new")
        .arg(tmp.path().join("notes.txt"))
        .assert()
        .code(2);
    lifecycle()
        .arg("new")
        .arg(tmp.path().join("x"))
        .args(["--product", " "])
        .assert()
        .code(2);
    assert!(!tmp.path().join("x").exists());
}

#[test]
fn an_existing_empty_directory_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    new_site(tmp.path(), &[]);
    assert!(tmp.path().join("site.yaml").is_file());
    assert_eq!(check(tmp.path(), AS_OF, &[]), (0, Vec::new()));
}
