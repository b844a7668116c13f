//! The harness: build a site through the real binary into a directory, then read the tree
//! back (files, HTML parsed with scraper) and ask the lifecycle engine what it should show.

pub use crate::common::copy_site_files as copy_dir;
pub use crate::common::repo_root as repo;
use assert_cmd::Command;
use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The as-of date of the default-site tests: 2.28.0 is still upcoming, 2.24.0 announced.
pub const AS_OF: &str = "2026-11-25";
/// A second date where many phases differ (2.24.0 still supported).
pub const EARLIER: &str = "2025-10-01";
/// The default site's base_url path.
pub const PREFIX: &str = "/neuron-lifecycle/";
pub const BASE_URL: &str = "https://example.github.io/neuron-lifecycle/";

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/build").join(name)
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The binary under test.
pub fn lifecycle() -> Command {
    let mut cmd = Command::cargo_bin("lifecycle").expect("the lifecycle binary");
    // The as-of date always comes from --as-of; never from the environment.
    cmd.env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// What one `lifecycle build` run did.
pub struct BuildRun {
    pub code: i32,
    pub stderr: String,
}

/// `lifecycle build --site SITE --out OUT --as-of AS_OF [extra...]`.
pub fn run_build(site: &Path, out: &Path, as_of: &str, extra: &[&str]) -> BuildRun {
    let output = lifecycle()
        .arg("build")
        .arg("--site")
        .arg(site)
        .arg("--out")
        .arg(out)
        .args(["--as-of", as_of])
        .args(extra)
        .output()
        .expect("run lifecycle build");
    BuildRun {
        code: output.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A built site on disk.
pub struct Built {
    pub out: PathBuf,
    pub stderr: String,
    /// Keeps a temporary output alive; `None` for the shared builds below.
    _tmp: Option<tempfile::TempDir>,
}

impl Built {
    /// Build `site` into a fresh temporary directory; panics unless the build succeeds.
    pub fn new(site: &Path, as_of: &str, extra: &[&str]) -> Built {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let run = run_build(site, &out, as_of, extra);
        assert_eq!(
            run.code,
            0,
            "build of {} failed:\n{}",
            site.display(),
            run.stderr
        );
        Built {
            out,
            stderr: run.stderr,
            _tmp: Some(tmp),
        }
    }

    /// Build into a fixed directory below the target dir, shared by every test of this
    /// process (statics are never dropped, so a TempDir would leak; build replaces it).
    fn shared(name: &str, as_of: &str) -> Built {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("build-tests")
            .join(name);
        let run = run_build(repo(), &out, as_of, &[]);
        assert_eq!(
            run.code, 0,
            "build of the default site failed:\n{}",
            run.stderr
        );
        Built {
            out,
            stderr: run.stderr,
            _tmp: None,
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.out.join(rel)
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).is_file()
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    /// Every file: relative `/`-separated path -> bytes.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.out)
    }

    /// Relative paths of every HTML file.
    pub fn html_files(&self) -> Vec<String> {
        self.files()
            .into_keys()
            .filter(|p| p.ends_with(".html"))
            .collect()
    }

    /// Total size of the output in bytes.
    pub fn total_bytes(&self) -> u64 {
        self.files().values().map(|b| b.len() as u64).sum()
    }
}

/// The default site as of `AS_OF`, built once per test process.
pub fn default_site() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| Built::shared(&format!("default-{AS_OF}"), AS_OF))
}

/// The default site as of `EARLIER`, built once per test process.
pub fn default_site_earlier() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| Built::shared(&format!("default-{EARLIER}"), EARLIER))
}

/// The default site as the engine sees it (validated), for expected phases.
pub fn engine_site() -> &'static lifecycle::model::Site {
    static SITE: OnceLock<lifecycle::model::Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let (site, diags) = lifecycle::pipeline::load_and_check(repo(), false);
        assert!(!diags.has_errors(), "the default site has errors");
        site.expect("the default site loads")
    })
}

/// Every file below `dir` (hidden ones included): relative path -> bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap();
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// A copy of `from` in a fresh temporary directory (returned with the copy's path).
pub fn copy_site(from: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(from, tmp.path());
    tmp
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

/// An element's text with whitespace collapsed.
pub fn text(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The texts of every element matching `selector` in `doc`.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector)).map(text).collect()
}

/// The one element matching `selector`; panics (naming the page) if there is not exactly one.
pub fn one<'a>(doc: &'a Html, selector: &str, page: &str) -> ElementRef<'a> {
    let found: Vec<_> = doc.select(&sel(selector)).collect();
    assert_eq!(
        found.len(),
        1,
        "{page}: expected exactly one `{selector}`, found {}",
        found.len()
    );
    found[0]
}

/// The phase badge inside `el`: (label text, phase id from its `phase-<id>` class).
pub fn phase_of(el: ElementRef, page: &str) -> (String, String) {
    let badge = el
        .select(&sel("span.phase"))
        .next()
        .unwrap_or_else(|| panic!("{page}: no phase badge in {}", el.html()));
    let id = badge
        .value()
        .classes()
        .find_map(|c| c.strip_prefix("phase-"))
        .unwrap_or_else(|| panic!("{page}: phase badge without a phase-<id> class"))
        .to_string();
    (text(badge), id)
}

/// Every URL attribute (href, src) of every element in `doc`.
pub fn urls(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    for el in doc.select(&sel("[href], [src]")) {
        for attr in ["href", "src"] {
            if let Some(v) = el.value().attr(attr) {
                out.push(v.to_string());
            }
        }
    }
    out
}
