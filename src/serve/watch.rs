//! Watching a site for changes: `site.yaml`, `content/`, `templates/` and `static/`, with a
//! short debounce so an editor's burst of writes is one rebuild.

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;

/// The directories of a site that are its input (docs/input.md); `public/` is not one.
pub const WATCHED_DIRS: [&str; 3] = ["content", "templates", "static"];
const SITE_FILE: &str = crate::load::SITE_FILE;

/// Quiet time after the last write before a rebuild starts: long enough to merge an editor's
/// save (write, rename, chmod), short enough to stay far below the 100 ms re-serve budget.
pub const DEBOUNCE: Duration = Duration::from_millis(30);
/// A stream of writes that never pauses still rebuilds this often.
const MAX_DELAY: Duration = Duration::from_millis(500);

/// A batch of changed files (paths relative to the site, `/`-separated), or a watch error.
pub type Change = Result<Vec<String>, String>;

pub struct SiteWatcher {
    watcher: RecommendedWatcher,
    root: PathBuf,
    /// Directories with a live recursive watch.
    watched: Vec<&'static str>,
}

impl SiteWatcher {
    /// Watch the site at `root` (canonical, so event paths share its prefix); debounced
    /// batches of changes are sent to `tx` from a thread of their own.
    pub fn start(root: &Path, tx: UnboundedSender<Change>) -> notify::Result<SiteWatcher> {
        let prefix = root.to_path_buf();
        let (raw_tx, raw_rx) = std::sync::mpsc::channel::<Change>();
        let watcher = notify::recommended_watcher(move |res: notify::Result<Event>| {
            let change = match res {
                // Opening and reading files is what every build does: only writes count,
                // or each build would trigger the next.
                Ok(e) if matches!(e.kind, EventKind::Access(_)) => return,
                Ok(e) => {
                    let paths: Vec<String> = e
                        .paths
                        .iter()
                        .filter_map(|p| relevant(&prefix, p))
                        .collect();
                    if paths.is_empty() {
                        return;
                    }
                    Ok(paths)
                }
                Err(e) => Err(e.to_string()),
            };
            let _ = raw_tx.send(change);
        })?;
        // The thread ends when the watcher (and with it `raw_tx`) is dropped.
        std::thread::Builder::new()
            .name("lifecycle-watch".into())
            .spawn(move || debounce(&raw_rx, &tx))?;
        let mut w = SiteWatcher {
            watcher,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        // The root non-recursively: site.yaml (editors often replace it by a rename, which a
        // watch on the file itself would lose) and the input directories coming and going.
        w.watcher.watch(root, RecursiveMode::NonRecursive)?;
        match w.resync(&[]).into_iter().next() {
            Some(e) => Err(notify::Error::generic(&e)),
            None => Ok(w),
        }
    }

    /// Start watching input directories that appeared, and re-watch those that were
    /// replaced (a root-level change to the directory itself). Returns watch errors.
    pub fn resync(&mut self, changed: &[String]) -> Vec<String> {
        let mut errors = Vec::new();
        for dir in WATCHED_DIRS {
            let path = self.root.join(dir);
            let was = self.watched.contains(&dir);
            let touched = changed.iter().any(|c| c == dir);
            if was && (touched || !path.is_dir()) {
                let _ = self.watcher.unwatch(&path);
                self.watched.retain(|d| *d != dir);
            }
            if path.is_dir() && !self.watched.contains(&dir) {
                match self.watcher.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => self.watched.push(dir),
                    Err(e) => errors.push(format!("cannot watch {dir}/: {e}")),
                }
            }
        }
        errors
    }
}

/// Merge changes until none came for `DEBOUNCE` (or `MAX_DELAY` passed), then send the
/// batch: one rebuild per save, however many events the editor's save made.
fn debounce(rx: &Receiver<Change>, tx: &UnboundedSender<Change>) {
    while let Ok(first) = rx.recv() {
        let started = Instant::now();
        let mut batch = Vec::new();
        let mut next = Some(first);
        let mut open = true;
        while let Some(change) = next.take() {
            match change {
                Ok(paths) => batch.extend(paths),
                Err(e) => {
                    let _ = tx.send(Err(e));
                }
            }
            let wait = DEBOUNCE.min(MAX_DELAY.saturating_sub(started.elapsed()));
            match rx.recv_timeout(wait) {
                Ok(c) => next = Some(c),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => open = false,
            }
        }
        if !batch.is_empty() {
            batch.sort();
            batch.dedup();
            if tx.send(Ok(batch)).is_err() {
                return;
            }
        }
        if !open {
            return;
        }
    }
}

/// `path` relative to the site if a change there can change the site, else `None`.
fn relevant(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = rel.iter().map(|c| c.to_str().unwrap_or("")).collect();
    let first = *parts.first()?;
    let name = *parts.last()?;
    let input = (parts.len() == 1 && first == SITE_FILE) || WATCHED_DIRS.contains(&first);
    // Editors' backup and swap files (`index.md~`, `.index.md.swp`, vim's `4913` probe)
    // are not input; rebuilding for them would only double the work of every save.
    let scratch = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
        || name.starts_with(".#");
    (input && !scratch).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_changes_is_one_batch() {
        let (raw_tx, raw_rx) = std::sync::mpsc::channel();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let t = std::thread::spawn(move || debounce(&raw_rx, &tx));
        for p in ["b", "a", "b"] {
            raw_tx.send(Ok(vec![p.to_string()])).unwrap();
        }
        std::thread::sleep(DEBOUNCE * 4);
        raw_tx.send(Ok(vec!["c".to_string()])).unwrap();
        drop(raw_tx);
        t.join().unwrap();
        assert_eq!(rx.try_recv().unwrap(), Ok(vec!["a".into(), "b".into()]));
        assert_eq!(rx.try_recv().unwrap(), Ok(vec!["c".into()]));
        assert!(rx.try_recv().is_err());
    }

    #[test]
    fn only_site_inputs_are_relevant() {
        let root = Path::new("/s");
        let r = |p: &str| relevant(root, Path::new(p));
        assert_eq!(r("/s/site.yaml").as_deref(), Some("site.yaml"));
        assert_eq!(
            r("/s/content/releases/1.0.0.yaml").as_deref(),
            Some("content/releases/1.0.0.yaml")
        );
        assert_eq!(r("/s/templates").as_deref(), Some("templates"));
        assert_eq!(r("/s/static/logo.png").as_deref(), Some("static/logo.png"));
        assert_eq!(r("/s/public/index.html"), None);
        assert_eq!(r("/s/README.md"), None);
        assert_eq!(r("/s/content/policy.md~"), None);
        assert_eq!(r("/s/content/.policy.md.swp"), None);
        assert_eq!(r("/elsewhere/site.yaml"), None);
    }
}
