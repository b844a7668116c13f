//! Render outputs kept between the builds of one `serve` session, so that a rebuild renders
//! only what changed. An output is reused when the *fingerprint* of everything its template
//! or writer reads (the shared context, and every value the page module passes) is the one
//! it had last time: templates are pure functions of their context, so equal inputs give
//! equal bytes, and which outputs an edit touches is decided by those values, not guessed.
//! A template or `site.yaml` change starts a new memo (`Memo::default()`): `serve` rebuilds
//! everything then, as a fresh `build` would.

use super::SourceLink;
use std::collections::HashMap;
use std::hash::Hasher;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// One rendered file as kept: its bytes (shared with the served map, never copied) and the
/// Markdown links in it still to be checked.
#[derive(Clone, Debug)]
pub struct File {
    pub path: String,
    pub bytes: Arc<Vec<u8>>,
    pub links: Vec<SourceLink>,
}

#[derive(Clone, Debug)]
struct Entry {
    fingerprint: u64,
    files: Arc<Vec<File>>,
}

/// What the last build rendered, by output key (a page's path, or a writer's name).
#[derive(Debug, Default)]
pub struct Memo {
    entries: HashMap<String, Entry>,
    /// The fingerprint of the last build's output paths, if it had no errors: then a page
    /// reused from it has no broken link (its targets are all still there when the paths
    /// are the same), and only pages rendered anew need their links checked.
    clean_paths: Option<u64>,
    markdown: HashMap<u64, (String, Vec<(String, crate::diagnostics::Pos)>)>,
}

/// One render's use of a memo: reads the last build's, collects this build's.
pub struct Run<'m> {
    prev: &'m Memo,
    next: Mutex<Memo>,
    /// Paths of the files rendered anew (not reused).
    fresh: Mutex<std::collections::HashSet<String>>,
    hits: AtomicUsize,
    misses: AtomicUsize,
}

impl<'m> Run<'m> {
    pub fn new(prev: &'m Memo) -> Run<'m> {
        Run {
            prev,
            next: Mutex::new(Memo::default()),
            fresh: Mutex::default(),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
        }
    }

    /// The files of `key` as last rendered, if their inputs hash to `fingerprint` again;
    /// else `render` them now. Either way they are kept for the next build.
    pub fn files<E>(
        &self,
        key: &str,
        fingerprint: u64,
        render: impl FnOnce() -> Result<Vec<File>, E>,
    ) -> Result<Arc<Vec<File>>, E> {
        let files = match self.prev.entries.get(key) {
            Some(e) if e.fingerprint == fingerprint => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                e.files.clone()
            }
            _ => {
                self.misses.fetch_add(1, Ordering::Relaxed);
                let files = Arc::new(render()?);
                let mut fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
                fresh.extend(files.iter().map(|f| f.path.clone()));
                files
            }
        };
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        next.entries.insert(
            key.to_string(),
            Entry {
                fingerprint,
                files: files.clone(),
            },
        );
        Ok(files)
    }

    /// Markdown without shortcodes is a pure function of its text and where it renders:
    /// `fingerprint` hashes both.
    pub fn markdown<E>(
        &self,
        fingerprint: u64,
        render: impl FnOnce() -> Result<(String, Vec<(String, crate::diagnostics::Pos)>), E>,
    ) -> Result<(String, Vec<(String, crate::diagnostics::Pos)>), E> {
        let r = match self.prev.markdown.get(&fingerprint) {
            Some(r) => r.clone(),
            None => render()?,
        };
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        next.markdown.insert(fingerprint, r.clone());
        Ok(r)
    }

    /// The pages whose links must be checked, given the output paths' fingerprint: `None`
    /// for all of them.
    pub fn to_check(&self, paths: u64) -> Option<std::collections::HashSet<String>> {
        (self.prev.clean_paths == Some(paths))
            .then(|| self.fresh.lock().unwrap_or_else(|e| e.into_inner()).clone())
    }

    /// Record that this build's output, with these paths, had no errors.
    pub fn clean(&self, paths: u64) {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        next.clean_paths = Some(paths);
    }

    /// (outputs reused, outputs rendered)
    pub fn counts(&self) -> (usize, usize) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    pub fn finish(self) -> Memo {
        self.next.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// A hasher of values by their JSON form (what a template can see of a view), or by `Hash`
/// (model types, which are not serialised). JSON is written into a buffer first and hashed
/// in one call: serde_json writes in pieces of a few bytes, and hashing each piece on its
/// own cost more than the writing.
/// ahash with fixed keys: fingerprints only live in one process, and this is hot.
#[derive(Clone)]
pub struct Fingerprint {
    hasher: ahash::AHasher,
    buf: Vec<u8>,
}

impl Fingerprint {
    pub fn new() -> Fingerprint {
        use std::hash::BuildHasher;
        Fingerprint {
            hasher: ahash::RandomState::with_seeds(1, 2, 3, 4).build_hasher(),
            buf: Vec::new(),
        }
    }

    /// Add a value: its key, then its JSON form (what a template can see of it).
    pub fn add<T: serde::Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        self.buf.clear();
        // Serialising cannot fail for the view types (no maps with non-string keys).
        let _ = serde_json::to_writer(&mut self.buf, value);
        self.flush(key);
    }

    /// Add a value by its `Hash` (model types: no formatting at all).
    pub fn add_hash<T: std::hash::Hash + ?Sized>(&mut self, key: &str, value: &T) {
        self.hasher.write(key.as_bytes());
        self.hasher.write_u8(0xfd);
        value.hash(&mut self.hasher);
    }

    fn flush(&mut self, key: &str) {
        self.hasher.write(key.as_bytes());
        self.hasher.write_u8(0xff);
        self.hasher.write(&self.buf);
        self.hasher.write_u8(0xfe);
    }

    pub fn finish(&self) -> u64 {
        self.hasher.finish()
    }
}

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint::new()
    }
}
