//! Load: read the site's files into the raw input model. The only stage that touches the
//! file system for input; parse errors become diagnostics, so one run reports them all.

pub mod front_matter;
pub mod raw;
pub mod text;
pub mod yaml;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Pos};
use raw::{AnnouncementFile, DependencyFile, PageFile, ReleaseFile, SiteFile};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A parsed YAML data file with its path (relative to the site) and source text.
#[derive(Debug)]
pub struct Source<T> {
    pub path: PathBuf,
    pub text: String,
    pub data: T,
    /// A hash of `text`, made once as the file is read: what `serve` compares to tell
    /// whether a file changed since the last rebuild (`validate::Memo`).
    pub hash: u64,
}

impl<T> Source<T> {
    pub fn new(path: PathBuf, text: String, data: T) -> Source<T> {
        let hash = ahash::RandomState::with_seeds(5, 6, 7, 8).hash_one(&text);
        Source {
            path,
            text,
            data,
            hash,
        }
    }
}

/// A parsed Markdown file: front matter plus body.
#[derive(Debug)]
pub struct Markdown<T> {
    pub path: PathBuf,
    pub front: T,
    pub body: String,
    /// File line where the body starts, for positions inside it.
    pub body_line: u32,
    /// The front matter as parsed: its spans' byte offsets index into this text.
    pub front_text: String,
}

/// Everything read from a site directory, before validation.
#[derive(Debug, Default)]
pub struct Loaded {
    pub root: PathBuf,
    pub site: Option<Source<SiteFile>>,
    pub releases: Vec<Source<ReleaseFile>>,
    pub dependencies: Vec<Source<DependencyFile>>,
    pub announcements: Vec<Markdown<AnnouncementFile>>,
    pub pages: Vec<Markdown<PageFile>>,
    /// The site's own templates (overriding the embedded ones by name).
    pub templates: Vec<(String, Vec<u8>)>,
    /// `static/` files, keyed by their path below `static/` with `/` separators.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Ids of dependency files that exist but could not be parsed: references to them are
    /// not reported again as dangling (the parse error is the one to fix).
    pub unparsed_dependencies: Vec<String>,
}

pub const SITE_FILE: &str = "site.yaml";
const DATA_DIRS: [&str; 3] = ["releases", "dependencies", "announcements"];

/// Read the site at `root`. Diagnostics collect every unreadable or unparsable file.
pub fn load_site(root: &Path, diags: &mut Diagnostics) -> Loaded {
    let cache = Cache::load(root);
    diags.extend(cache.diagnostics());
    cache.loaded
}

/// What was read of a site, kept by `serve` between builds so that an edit re-reads only the
/// files it touched (`Cache::update`). Diagnostics are kept per file, so a file's are
/// replaced when it is read again.
#[derive(Debug, Default)]
pub struct Cache {
    pub loaded: Loaded,
    /// Diagnostics of `site.yaml` and the folders, before the content files'.
    before: Diagnostics,
    /// Each content file's own, by path.
    files: BTreeMap<PathBuf, Diagnostics>,
    /// Diagnostics of `templates/` and `static/`.
    after: Diagnostics,
}

impl Cache {
    /// Read the whole site.
    pub fn load(root: &Path) -> Cache {
        let mut cache = Cache::default();
        cache.loaded = load_into(root, &mut cache);
        cache
    }

    /// Every diagnostic of what is loaded, in the order a whole load reports them.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut d = self.before.clone();
        for f in self.files.values() {
            d.extend(f.clone());
        }
        d.extend(self.after.clone());
        d
    }

    /// Bring the cache up to date after `changed` (paths relative to the site, `/`-separated,
    /// as the watcher reports them). Files that were there before and still are, under
    /// `content/`, are read again one by one; anything else (a new or deleted file, a
    /// folder, a link, site.yaml, templates, static files) reads the whole site again, so
    /// the result is always what `load` would give.
    pub fn update(&mut self, root: &Path, changed: &[String]) {
        let exists = |rel: &Path| root.join(rel).symlink_metadata().ok();
        // What a whole load would not read either: hidden entries (`.x.swp`), and a
        // temporary file an editor wrote and renamed away before we looked.
        let changed: Vec<&String> = changed
            .iter()
            .filter(|c| {
                let rel = Path::new(c.as_str());
                let hidden = rel
                    .components()
                    .any(|p| p.as_os_str().to_string_lossy().starts_with('.'));
                !hidden
                    && (!rel.starts_with("content")
                        || self.files.contains_key(rel)
                        || exists(rel).is_some())
            })
            .collect();
        let one_by_one = changed.iter().all(|c| {
            let rel = Path::new(c.as_str());
            rel.starts_with("content")
                && self.files.contains_key(rel)
                && exists(rel).is_some_and(|m| m.file_type().is_file())
        });
        if !one_by_one {
            *self = Cache::load(root);
            return;
        }
        for c in changed {
            let rel = PathBuf::from(c);
            self.remove(&rel);
            let mut d = Diagnostics::default();
            let item = load_content_file(root, rel.clone(), &mut d);
            self.insert(item);
            self.files.insert(rel, d);
        }
    }

    /// Forget what `rel` contributed.
    fn remove(&mut self, rel: &Path) {
        let l = &mut self.loaded;
        l.releases.retain(|s| s.path != rel);
        if let Some(i) = l.dependencies.iter().position(|s| s.path == rel) {
            l.dependencies.remove(i);
        }
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if rel.starts_with("content/dependencies") {
            l.unparsed_dependencies.retain(|id| *id != stem);
        }
        l.announcements.retain(|m| m.path != rel);
        l.pages.retain(|m| m.path != rel);
    }

    /// Add an item where a whole load would have put it (path order).
    fn insert(&mut self, item: Item) {
        fn sorted_insert<T>(list: &mut Vec<T>, item: T, before: impl Fn(&T, &T) -> bool) {
            let at = list.partition_point(|x| before(x, &item));
            list.insert(at, item);
        }
        let l = &mut self.loaded;
        match item {
            Item::Release(s) => sorted_insert(&mut l.releases, s, |a, b| a.path < b.path),
            Item::Dependency(s) => sorted_insert(&mut l.dependencies, s, |a, b| a.path < b.path),
            Item::UnparsedDependency(id) => {
                sorted_insert(&mut l.unparsed_dependencies, id, |a, b| a < b)
            }
            Item::Announcement(m) => sorted_insert(&mut l.announcements, m, |a, b| a.path < b.path),
            Item::Page(m) => sorted_insert(&mut l.pages, m, |a, b| a.path < b.path),
            Item::Nothing => {}
        }
    }
}

fn load_into(root: &Path, cache: &mut Cache) -> Loaded {
    let diags = &mut cache.before;
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let site_rel = PathBuf::from(SITE_FILE);
    match std::fs::read_to_string(root.join(SITE_FILE)) {
        Ok(text) => {
            if let Some(data) = parse_yaml(&text, &site_rel, diags) {
                loaded.site = Some(Source::new(site_rel, text, data));
            }
        }
        Err(e) => diags.push(
            Diagnostic::new(
                Code::Io,
                format!(
                    "cannot read {SITE_FILE} in {}: {e}; is this a site directory?",
                    root.display()
                ),
            )
            .in_file(&site_rel),
        ),
    }

    // Parse content files in parallel (YAML parsing dominates loading on large sites), then
    // merge in path order so results and diagnostics stay deterministic.
    for dir in DATA_DIRS {
        let path = root.join("content").join(dir);
        if path.symlink_metadata().is_ok() && !path.is_dir() {
            diags.report(
                Code::Io,
                format!("content/{dir} must be a folder of data files, not a file"),
                &Path::new("content").join(dir),
                None,
            );
        }
    }
    let files = list_files(root, &root.join("content"), diags);
    let parsed: Vec<(PathBuf, Item, Diagnostics)> = files
        .into_par_iter()
        // Small tasks: otherwise the last large piece of the list is parsed by one thread
        // while the other has finished.
        .with_max_len(32)
        .map(|rel| {
            let mut diags = Diagnostics::default();
            let item = load_content_file(root, rel.clone(), &mut diags);
            (rel, item, diags)
        })
        .collect();
    // `files` is in path order already (walkdir sorts each folder): the map is built in one
    // pass, not by 20,000 inserts that compare paths component by component.
    let mut file_diags = Vec::with_capacity(parsed.len());
    // Items are large (every field keeps its position): each is moved once, into a list
    // sized beforehand, not through the copies of lists that grow.
    let count = |f: fn(&Item) -> bool| parsed.iter().filter(|(_, i, _)| f(i)).count();
    loaded
        .releases
        .reserve(count(|i| matches!(i, Item::Release(_))));
    loaded
        .announcements
        .reserve(count(|i| matches!(i, Item::Announcement(_))));
    loaded
        .dependencies
        .reserve(count(|i| matches!(i, Item::Dependency(_))));
    for (rel, item, diags) in parsed {
        file_diags.push((rel, diags));
        match item {
            Item::Release(s) => loaded.releases.push(s),
            Item::Dependency(s) => loaded.dependencies.push(s),
            Item::UnparsedDependency(id) => loaded.unparsed_dependencies.push(id),
            Item::Announcement(m) => loaded.announcements.push(m),
            Item::Page(m) => loaded.pages.push(m),
            Item::Nothing => {}
        }
    }
    cache.files = file_diags.into_iter().collect();

    // Templates and static files alike: every file is read, or reported.
    let diags = &mut cache.after;
    for (folder, list) in [
        ("templates", &mut loaded.templates),
        ("static", &mut loaded.static_files),
    ] {
        for rel in list_files(root, &root.join(folder), diags) {
            match std::fs::read(root.join(&rel)) {
                Ok(bytes) => {
                    let name = rel.strip_prefix(folder).unwrap_or(&rel);
                    list.push((crate::diagnostics::display_path(name), bytes));
                }
                Err(e) => diags.report(Code::Io, format!("cannot read file: {e}"), &rel, None),
            }
        }
    }
    loaded
}

/// What one file under `content/` turned out to be.
#[allow(clippy::large_enum_variant)] // short-lived, one per file, moved once
enum Item {
    Release(Source<ReleaseFile>),
    Dependency(Source<DependencyFile>),
    UnparsedDependency(String),
    Announcement(Markdown<AnnouncementFile>),
    Page(Markdown<PageFile>),
    Nothing,
}

/// Read and parse one file under `content/` (`rel` is relative to the site).
fn load_content_file(root: &Path, rel: PathBuf, diags: &mut Diagnostics) -> Item {
    let under_content = rel.strip_prefix("content").unwrap_or(&rel);
    let top = under_content
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    let depth = under_content.components().count();
    let Some(text) = read_text(root, &rel, diags) else {
        return Item::Nothing;
    };
    match (top.as_deref(), ext, depth) {
        (Some("releases"), "yaml" | "yml", 2) => match parse_yaml(&text, &rel, diags) {
            Some(data) => Item::Release(Source::new(rel, text, data)),
            None => Item::Nothing,
        },
        (Some("dependencies"), "yaml" | "yml", 2) => match parse_yaml(&text, &rel, diags) {
            Some(data) => Item::Dependency(Source::new(rel, text, data)),
            None => Item::UnparsedDependency(
                rel.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            ),
        },
        (Some("announcements"), "md", 2) => {
            match parse_markdown::<AnnouncementFile>(&text, &rel, diags) {
                Some(md) => match md.front {
                    Some(front) => Item::Announcement(Markdown {
                        path: md.path,
                        front,
                        body: md.body,
                        body_line: md.body_line,
                        front_text: md.front_text,
                    }),
                    None => {
                        diags.report(
                                Code::MissingFrontMatter,
                                "no front matter: an announcement starts with a `---` line, then `title:` and `date:`, then `---`. Did you forget the `---` lines?",
                                &rel,
                                Some(Pos::new(1, 1)),
                            );
                        Item::Nothing
                    }
                },
                None => Item::Nothing,
            }
        }
        // Hidden files never reach here (list_files skips them).
        (Some(dir), _, _) if DATA_DIRS.contains(&dir) && depth > 1 => {
            let expected = if dir == "announcements" {
                "<slug>.md files"
            } else {
                "<name>.yaml files"
            };
            diags.report(
                Code::Io,
                format!("unexpected file in content/{dir}/: expected {expected}"),
                &rel,
                None,
            );
            Item::Nothing
        }
        (_, "md", _) => match parse_markdown::<PageFile>(&text, &rel, diags) {
            Some(md) => Item::Page(Markdown {
                path: md.path,
                front: md.front.unwrap_or_default(),
                body: md.body,
                body_line: md.body_line,
                front_text: md.front_text,
            }),
            None => Item::Nothing,
        },
        // An extension in another case is a typo, in every folder alike (`faq.MD`, `x.YAML`).
        (_, ext, _) if ["md", "yaml", "yml"].contains(&ext.to_ascii_lowercase().as_str()) => {
            diags.report(
                Code::Io,
                format!(
                    "unexpected file extension `.{ext}`: write it `.{}`",
                    ext.to_ascii_lowercase()
                ),
                &rel,
                None,
            );
            Item::Nothing
        }
        // Other files under content/ (images next to pages) are not pages; static/ is for assets.
        _ => Item::Nothing,
    }
}

/// Files below `dir`, as paths relative to `root`, sorted so runs are deterministic. Every
/// entry is read or reported, never skipped silently: symbolic links are followed (a loop, a
/// dangling link or one that leads out of the site is E001), and anything that is neither a
/// file nor a folder is E001. Hidden entries (`.git`, `.DS_Store`) are not site files.
fn list_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        if dir.symlink_metadata().is_ok() {
            let rel = dir.strip_prefix(root).unwrap_or(dir);
            diags.report(Code::Io, "expected a folder here, found a file", rel, None);
        }
        return Vec::new();
    }
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    // This walk runs before anything can be parsed in parallel, so per entry it does text
    // work, not path work. Siblings share their folder's path, so comparing whole paths
    // orders them as their names would (`sort_by_file_name` splits off each name again on
    // every comparison); and each path is `dir` joined with more, so the part relative to
    // `root` is a text suffix (`strip_prefix` compares component by component).
    let walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let root_text = root.to_str();
    let relative = |path: &Path| -> PathBuf {
        let text = root_text
            .zip(path.to_str())
            .and_then(|(r, p)| p.strip_prefix(r));
        match text {
            Some(rest) => PathBuf::from(rest.trim_start_matches(std::path::is_separator)),
            None => path.strip_prefix(root).unwrap_or(path).to_path_buf(),
        }
    };
    for entry in walk {
        match entry {
            Ok(e) => {
                let rel = relative(e.path());
                if e.path_is_symlink() {
                    let inside = e
                        .path()
                        .canonicalize()
                        .is_ok_and(|real| real.starts_with(&real_root));
                    if !inside {
                        diags.report(
                            Code::Io,
                            "a symbolic link that leads out of the site: site files stay inside the site folder",
                            &rel,
                            None,
                        );
                        continue;
                    }
                }
                if e.file_type().is_file() {
                    out.push(rel);
                } else if !e.file_type().is_dir() {
                    diags.report(
                        Code::Io,
                        "neither a file nor a folder (a socket, a device, a pipe?)",
                        &rel,
                        None,
                    );
                }
            }
            Err(e) => {
                let rel = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_default();
                let what = if e.loop_ancestor().is_some() {
                    "a symbolic link that loops back to a folder above it".to_string()
                } else {
                    format!("cannot read directory entry: {e}")
                };
                diags.report(Code::Io, what, &rel, None);
            }
        }
    }
    out
}

fn read_text(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    match std::fs::read(root.join(rel)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Some(s),
            Err(e) => {
                let (line, column) = utf8_error_pos(e.as_bytes(), e.utf8_error().valid_up_to());
                diags.report(
                    Code::Io,
                    "the file is not valid UTF-8",
                    rel,
                    Some(Pos::new(line, column)),
                );
                None
            }
        },
        Err(e) => {
            diags.report(Code::Io, format!("cannot read file: {e}"), rel, None);
            None
        }
    }
}

fn utf8_error_pos(bytes: &[u8], valid_up_to: usize) -> (u32, u32) {
    let before = &bytes[..valid_up_to];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line as u32, column as u32)
}

fn parse_yaml<T: for<'de> serde::Deserialize<'de>>(
    text: &str,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<T> {
    yaml::parse(text, rel, 0).map_err(|d| diags.push(d)).ok()
}

/// Parse a Markdown file; `front` is `None` when the file has no front matter.
fn parse_markdown<T>(text: &str, rel: &Path, diags: &mut Diagnostics) -> Option<Markdown<Option<T>>>
where
    T: for<'de> serde::Deserialize<'de>,
{
    let split = match front_matter::split(text) {
        Ok(s) => s,
        Err(hint) => {
            diags.report(Code::MissingFrontMatter, hint, rel, Some(Pos::new(1, 1)));
            return None;
        }
    };
    // The YAML is parsed padded with one empty line per line above it, so that every
    // position serde-saphyr gives, of an error or of a spanned value, is a line of the file.
    let front_text = split
        .yaml
        .map(|y| format!("{}{y}", "\n".repeat(split.yaml_line_offset as usize)))
        .unwrap_or_default();
    let front = match split.yaml {
        Some(_) => Some(
            yaml::parse::<T>(&front_text, rel, 0)
                .map_err(|d| diags.push(d))
                .ok()?,
        ),
        None => None,
    };
    Some(Markdown {
        path: rel.to_path_buf(),
        front,
        body: split.body.to_string(),
        body_line: split.body_line,
        front_text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::{pos_of, source_text};

    #[test]
    fn front_matter_spans_are_positions_in_the_whole_file() {
        let text = "---\ntitle: T\ndate: 2025-01-01\naffects:\n  - { dependency: python, version: 3.10 }\n---\nBody\n";
        let mut diags = Diagnostics::default();
        let md = parse_markdown::<AnnouncementFile>(text, Path::new("a.md"), &mut diags).unwrap();
        let front = md.front.unwrap();
        assert_eq!(
            pos_of(&front.date),
            Pos::new(3, 7),
            "`date:` is on line 3 of the file, line 2 of the YAML"
        );
        let version = front.affects.as_ref().unwrap()[0]
            .value
            .version
            .as_ref()
            .unwrap();
        assert_eq!(pos_of(version), Pos::new(5, 36));
        assert_eq!(
            source_text(&md.front_text, version),
            Some("3.10"),
            "spans index into front_text"
        );
        assert!(diags.is_empty());
    }

    #[test]
    fn front_matter_errors_are_positions_in_the_whole_file() {
        let mut diags = Diagnostics::default();
        let md = parse_markdown::<AnnouncementFile>(
            "---\ntitle: T\ndate: 2025-01-01\neoss: 2025-02-01\n---\n",
            Path::new("a.md"),
            &mut diags,
        );
        assert!(md.is_none());
        let d = diags.into_sorted().remove(0);
        assert_eq!(
            (d.code, d.line, d.column),
            (Code::UnknownField, Some(4), Some(1))
        );
    }
}
