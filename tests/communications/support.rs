//! The harness: build a fixture site through the real binary into a temporary directory
//! at a given as-of date, then read its files back and run the external checkers on them.

use crate::common::copy_dir;
pub use crate::common::tool;
use assert_cmd::Command;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Arc, Mutex, OnceLock};
use tempfile::TempDir;

/// Where this binary's fixture sites live.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/communications")
        .join(name)
}

/// The repository itself: the default Neuron site.
pub fn default_site() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary under test, with no clock input other than `--as-of`.
pub fn lifecycle() -> Command {
    let mut cmd = Command::cargo_bin("lifecycle").expect("the lifecycle binary");
    cmd.env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// A copy of a fixture site in a temporary directory, for tests that edit it.
pub struct SiteCopy {
    dir: TempDir,
}

impl SiteCopy {
    pub fn of(name: &str) -> SiteCopy {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture(name), dir.path());
        SiteCopy { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Replace the one occurrence of `old` in `file` with `new`.
    pub fn replace(&self, file: &str, old: &str, new: &str) -> &Self {
        let path = self.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {file}: {e}"));
        assert_eq!(
            text.matches(old).count(),
            1,
            "{file} must hold `{old}` once"
        );
        std::fs::write(&path, text.replace(old, new)).unwrap();
        self
    }
}

/// A built site: in a temporary directory (edited copies), or in a per-process cache
/// under the target directory (the fixed fixtures, which many tests read unchanged).
pub struct Built {
    _dir: Option<TempDir>,
    pub out: PathBuf,
    pub as_of: String,
}

/// `lifecycle build --site SITE --out OUT --as-of AS_OF`; panics unless it exits 0.
fn run_build(site: &Path, out: &Path, as_of: &str) {
    let result = lifecycle()
        .args(["build", "--site"])
        .arg(site)
        .arg("--out")
        .arg(out)
        .args(["--as-of", as_of])
        .output()
        .expect("run lifecycle build");
    assert!(
        result.status.success(),
        "build of {} as of {as_of} failed: {:?}\n{}",
        site.display(),
        result.status.code(),
        String::from_utf8_lossy(&result.stderr)
    );
}

/// Build an edited site (a `SiteCopy`) into a fresh temporary directory.
pub fn build(site: &Path, as_of: &str) -> Built {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    run_build(site, &out, as_of);
    Built {
        _dir: Some(dir),
        out,
        as_of: as_of.to_string(),
    }
}

/// One cached build, filled by the first test that needs it.
type Slot = Arc<OnceLock<Arc<Built>>>;

/// Build an unchanging site once per test process and as-of date: the tests only read the
/// output, so they can share it. It lives under CARGO_TARGET_TMPDIR (a static's TempDir
/// would never be dropped; a fixed path keeps runs from piling up), rebuilt from scratch by
/// the first test of the process that asks for it.
fn build_cached(name: &str, site: &Path, as_of: &str) -> Arc<Built> {
    static CACHE: OnceLock<Mutex<BTreeMap<String, Slot>>> = OnceLock::new();
    let key = format!("{name}-{as_of}");
    let slot = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key.clone())
        .or_default()
        .clone();
    // Only this key's first caller builds; other keys build in parallel meanwhile.
    slot.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("communications")
            .join(&key);
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        run_build(site, &out, as_of);
        Arc::new(Built {
            _dir: None,
            out,
            as_of: as_of.to_string(),
        })
    })
    .clone()
}

/// A fixture of this binary, built as of `as_of` (shared by the tests of this process).
pub fn build_fixture(name: &str, as_of: &str) -> Arc<Built> {
    build_cached(name, &fixture(name), as_of)
}

/// The default site, built as of `as_of` (shared by the tests of this process).
pub fn build_default(as_of: &str) -> Arc<Built> {
    build_cached("default", &default_site(), as_of)
}

impl Built {
    pub fn path(&self, file: &str) -> PathBuf {
        self.out.join(file)
    }

    pub fn exists(&self, file: &str) -> bool {
        self.path(file).is_file()
    }

    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file))
            .unwrap_or_else(|e| panic!("read {file} (as of {}): {e}", self.as_of))
    }

    pub fn json(&self, file: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(file)).unwrap_or_else(|e| panic!("{file} is not JSON: {e}"))
    }

    /// Every output file's path relative to the root, `/`-separated, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut out: Vec<String> = walkdir::WalkDir::new(&self.out)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&self.out)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        out.sort();
        out
    }

    pub fn html_pages(&self) -> Vec<String> {
        self.files()
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .collect()
    }

    /// An HTML page parsed as a browser would.
    pub fn html(&self, file: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(file))
    }

    /// `rss.xml` (or another RSS file) parsed with the `rss` crate, for the fields feedparser
    /// does not report (lastBuildDate, isPermaLink, categories, atom:link).
    pub fn rss(&self, file: &str) -> rss::Channel {
        rss::Channel::read_from(self.read(file).as_bytes())
            .unwrap_or_else(|e| panic!("{file} is not RSS: {e}"))
    }

    pub fn atom(&self, file: &str) -> atom_syndication::Feed {
        atom_syndication::Feed::read_from(self.read(file).as_bytes())
            .unwrap_or_else(|e| panic!("{file} is not Atom: {e}"))
    }
}

/// All text inside the elements `selector` selects, each trimmed.
pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// The `attr` of every element `selector` selects.
pub fn attrs(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

pub fn run_tool(mut cmd: std::process::Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

pub fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/tools")
        .join(name)
}

/// One feed as `tests/tools/check_feeds.py` (feedparser) reports it.
#[derive(Debug, Deserialize)]
pub struct FeedReport {
    pub file: String,
    pub version: String,
    pub bozo: bool,
    pub bozo_exception: Option<String>,
    pub title: Option<String>,
    pub entries: Vec<FeedEntry>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct FeedEntry {
    pub title: Option<String>,
    pub link: Option<String>,
    pub id: Option<String>,
    pub published: Option<String>,
    pub summary: Option<String>,
}

/// Run feedparser on `files` (relative to the build) and require a clean report
/// (exit 0: well-formed, rss20/atom10, every entry with link, id and a parsable date).
pub fn feedparser(
    test: &str,
    built: &Built,
    files: &[&str],
) -> Option<BTreeMap<String, FeedReport>> {
    let python = tool(test, "LIFECYCLE_PYTHON")?;
    let mut cmd = std::process::Command::new(python);
    cmd.arg(script("check_feeds.py"))
        .current_dir(&built.out)
        .args(files);
    let out = run_tool(cmd);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "check_feeds.py {files:?} reports problems:\n{}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reports = BTreeMap::new();
    for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
        let r: FeedReport = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("check_feeds.py printed no report ({e}): {line}"));
        reports.insert(r.file.clone(), r);
    }
    assert_eq!(reports.len(), files.len(), "one report per feed");
    Some(reports)
}

/// `xmllint --noout` on `files`; panics with its messages unless every file is well-formed.
pub fn xmllint(test: &str, built: &Built, files: &[String]) -> Option<()> {
    let xmllint = tool(test, "LIFECYCLE_XMLLINT")?;
    assert!(!files.is_empty(), "nothing to check");
    let mut cmd = std::process::Command::new(xmllint);
    cmd.arg("--noout").current_dir(&built.out).args(files);
    let out = run_tool(cmd);
    assert!(
        out.status.success(),
        "xmllint --noout {files:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(())
}

/// `eos.ics` as `tests/tools/check_ics.py` (icalendar) reports it.
#[derive(Debug, Deserialize)]
pub struct IcsReport {
    pub events: Vec<IcsEvent>,
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
pub struct IcsEvent {
    pub uid: String,
    pub summary: Option<String>,
    pub dtstart: Option<String>,
    pub dtend: Option<String>,
    pub sequence: u32,
    pub url: Option<String>,
}

impl IcsReport {
    pub fn event(&self, uid: &str) -> &IcsEvent {
        self.events
            .iter()
            .find(|e| e.uid == uid)
            .unwrap_or_else(|| panic!("no event {uid} in {:#?}", self.events))
    }

    pub fn uids(&self) -> Vec<String> {
        let mut uids: Vec<String> = self.events.iter().map(|e| e.uid.clone()).collect();
        uids.sort();
        uids
    }
}

/// Run check_ics.py on `eos.ics` of the build and require exit 0.
pub fn check_ics(test: &str, built: &Built) -> Option<IcsReport> {
    check_ics_file(test, built, "eos.ics")
}

/// Run check_ics.py on `file` of the build (a dependency's `dependencies/<id>/eos.ics`).
pub fn check_ics_file(test: &str, built: &Built, file: &str) -> Option<IcsReport> {
    let python = tool(test, "LIFECYCLE_PYTHON")?;
    let mut cmd = std::process::Command::new(python);
    cmd.arg(script("check_ics.py")).arg(built.path(file));
    let out = run_tool(cmd);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "check_ics.py eos.ics reports problems:\n{}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("check_ics.py output ({e}): {stdout}")),
    )
}
