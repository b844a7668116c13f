//! The write sink: put a rendered site on disk atomically. Files go into a fresh sibling
//! directory, which replaces `--out` only when every write succeeded.

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

/// The site's input folders: `--out` may not be inside one (build replaces `--out` whole).
const INPUT_DIRS: [&str; 3] = ["content", "templates", "static"];

/// Refuse an output directory that `build` must not own (docs/commands.md#build): the site
/// itself or a parent of it, anything inside an input folder (`content/`, `templates/`,
/// `static/`), a symlink that resolves to one of those, something that is not a directory,
/// or anything holding a `.git`. Decided before anything is written.
pub fn check_out_dir(site: &Path, out: &Path) -> Result<(), String> {
    let (site_abs, out_abs) = (resolved(site), resolved(out));
    let refuse = |why: &str| {
        Err(format!(
            "refusing to build into {}: {why}, and build replaces --out entirely",
            out.display()
        ))
    };
    if site_abs.starts_with(&out_abs) {
        return refuse("it is or contains the site directory");
    }
    for dir in INPUT_DIRS {
        if out_abs.starts_with(site_abs.join(dir)) {
            return refuse(&format!("it is inside the site's {dir}/ folder"));
        }
    }
    if out.symlink_metadata().is_ok() && !out_abs.is_dir() {
        return Err(format!(
            "refusing to build into {}: it exists and is not a directory",
            out.display()
        ));
    }
    if out_abs.join(".git").exists() {
        return refuse("it holds a .git");
    }
    Ok(())
}

/// `p` absolute, with symlinks resolved as far as the path exists (a new `--out` below a
/// symlinked folder is where the link points).
fn resolved(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p)
        .map(|p| normalize(&p))
        .unwrap_or_else(|_| p.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |acc, c| acc.join(c));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return abs,
        }
    }
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Write `files` (relative `/`-separated paths -> bytes) to `out`, replacing it atomically.
pub fn write_atomically(out: &Path, files: &crate::render::Files) -> Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    remove_leftovers(&parent, &name);
    let pid = std::process::id();
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-{pid}-"))
        .tempdir_in(&parent)
        .with_context(|| format!("cannot create a staging directory in {}", parent.display()))?;
    write_tree(staging.path(), files)?;

    // Swap: move the old tree aside, move the new one in, then delete the old one.
    let old = parent.join(format!(".{name}.old-{pid}"));
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old)
            .with_context(|| format!("cannot move the previous {} aside", out.display()))?;
    }
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e).with_context(|| format!("cannot move the new site into {}", out.display()));
    }
    if had_old {
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("cannot remove the previous site at {}", old.display()))?;
    }
    Ok(())
}

/// Remove what earlier builds of the same output left when they were killed: the siblings
/// `.<name>.new-<pid>-*` and `.<name>.old-<pid>` of a process that no longer runs. Only those
/// names: nothing else beside `--out` is touched, and a build still running keeps its own.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let (new, old) = (format!(".{name}.new-"), format!(".{name}.old-"));
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(f) = file_name.to_str() else {
            continue;
        };
        let pid = if let Some(rest) = f.strip_prefix(&new) {
            rest.split('-').next()
        } else {
            f.strip_prefix(&old)
        };
        let Some(pid) = pid.and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && !process_runs(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether process `pid` is running (Linux: `/proc/<pid>`; elsewhere only this process is
/// known to run, so leftovers of other processes are removed).
fn process_runs(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    proc.is_dir() && proc.join(pid.to_string()).exists()
}

/// Write every file below `dir`; paths are checked to stay inside it.
fn write_tree(dir: &Path, files: &crate::render::Files) -> Result<()> {
    // Checked on the `/`-separated text: each segment a plain name (not empty, `.` or `..`),
    // so nothing absolute. Cheaper than `Path::components` over 60,000 paths.
    let paths: Vec<&String> = files.keys().collect();
    if let Some(path) = paths.par_iter().find_first(|p| !stays_inside(p)) {
        bail!("refusing to write {path}: the path would leave the output directory");
    }
    // Each folder once, parents before children (text order puts `a` before `a/b`). This
    // runs before any write can start, so it is string work, in parallel.
    let mut dirs: Vec<&str> = paths
        .par_iter()
        .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d))
        .collect();
    dirs.dedup(); // the files of a folder are mostly neighbours in path order
    dirs.par_sort_unstable();
    dirs.dedup();
    let root = at::Root::open(dir).with_context(|| format!("cannot open {}", dir.display()))?;
    dirs.par_iter().try_for_each(|d| {
        root.create_dir_all(d)
            .with_context(|| format!("cannot create {}", dir.join(d).display()))
    })?;
    // Largest first, in tasks of up to 64 files: a few files are megabytes (the release list, the
    // API's whole-product documents), and written last they would leave one core idle.
    let mut order: Vec<(&String, &std::sync::Arc<Vec<u8>>)> = files.iter().collect();
    order.par_sort_by_key(|(_, bytes)| std::cmp::Reverse(bytes.len()));
    order
        .par_iter()
        .with_max_len(64)
        .try_for_each(|(path, bytes)| {
            root.write(path, bytes)
                .with_context(|| format!("cannot write {}", dir.join(path).display()))
        })
}

/// Files and folders created relative to the staging folder. On Unix through its open
/// descriptor (`openat`, `mkdirat`): the kernel then walks only the path below it, not the
/// whole absolute path again for each of 100,000 creations (~3% of a large build's CPU).
#[cfg(unix)]
mod at {
    use rustix::fs::{AtFlags, FileType, Mode, OFlags};
    use rustix::io::Errno;
    use std::io::Write;
    use std::os::fd::OwnedFd;
    use std::path::Path;

    pub struct Root(OwnedFd);

    impl Root {
        pub fn open(dir: &Path) -> std::io::Result<Root> {
            let flags = OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC;
            Ok(Root(rustix::fs::open(dir, flags, Mode::empty())?))
        }

        /// `rel` and its missing parents; a folder made meanwhile by another worker is fine.
        pub fn create_dir_all(&self, rel: &str) -> std::io::Result<()> {
            match rustix::fs::mkdirat(&self.0, rel, Mode::from_raw_mode(0o777)) {
                Ok(()) => Ok(()),
                Err(Errno::EXIST) => {
                    let st = rustix::fs::statat(&self.0, rel, AtFlags::empty())?;
                    if FileType::from_raw_mode(st.st_mode) == FileType::Directory {
                        Ok(())
                    } else {
                        Err(Errno::EXIST.into())
                    }
                }
                Err(Errno::NOENT) => match rel.rsplit_once('/') {
                    Some((parent, _)) => {
                        self.create_dir_all(parent)?;
                        self.create_dir_all(rel)
                    }
                    None => Err(Errno::NOENT.into()),
                },
                Err(e) => Err(e.into()),
            }
        }

        /// Create or truncate `rel` (mode 0666 less the umask, as `std::fs::write`).
        pub fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
            let flags = OFlags::CREATE | OFlags::WRONLY | OFlags::TRUNC | OFlags::CLOEXEC;
            let fd = rustix::fs::openat(&self.0, rel, flags, Mode::from_raw_mode(0o666))?;
            std::fs::File::from(fd).write_all(bytes)
        }
    }
}

/// Elsewhere, the same with whole paths.
#[cfg(not(unix))]
mod at {
    use std::path::{Path, PathBuf};

    pub struct Root(PathBuf);

    impl Root {
        pub fn open(dir: &Path) -> std::io::Result<Root> {
            Ok(Root(dir.to_path_buf()))
        }

        pub fn create_dir_all(&self, rel: &str) -> std::io::Result<()> {
            std::fs::create_dir_all(self.0.join(rel))
        }

        pub fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
            std::fs::write(self.0.join(rel), bytes)
        }
    }
}

/// Whether a relative `/`-separated output path names a file inside the output folder.
fn stays_inside(path: &str) -> bool {
    !path.is_empty()
        && path
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_out_dirs() {
        let t = tempfile::tempdir().unwrap();
        let site = t.path().join("site");
        std::fs::create_dir_all(site.join("sub")).unwrap();
        assert!(check_out_dir(&site, &site).is_err());
        assert!(check_out_dir(&site, t.path()).is_err());
        assert!(check_out_dir(&site, &site.join("public")).is_ok());
        assert!(check_out_dir(&site, &site.join("sub/..")).is_err());
        std::fs::create_dir_all(t.path().join("repo/.git")).unwrap();
        assert!(check_out_dir(&site, &t.path().join("repo")).is_err());
        for input in ["content", "templates", "static"] {
            std::fs::create_dir_all(site.join(input)).unwrap();
            assert!(check_out_dir(&site, &site.join(input)).is_err(), "{input}");
            assert!(
                check_out_dir(&site, &site.join(input).join("x")).is_err(),
                "{input}/x"
            );
        }
        std::fs::write(t.path().join("afile"), "data").unwrap();
        assert!(check_out_dir(&site, &t.path().join("afile")).is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(site.join("content"), t.path().join("link")).unwrap();
            assert!(check_out_dir(&site, &t.path().join("link")).is_err());
        }
    }

    #[test]
    fn leftovers_of_dead_builds_are_removed_and_nothing_else() {
        let t = tempfile::tempdir().unwrap();
        // pid 0 is never a user process.
        for d in [".public.new-0-abc", ".public.old-0", ".other.old-0", "keep"] {
            std::fs::create_dir_all(t.path().join(d)).unwrap();
        }
        let mine = format!(".public.new-{}-x", std::process::id());
        std::fs::create_dir_all(t.path().join(&mine)).unwrap();
        remove_leftovers(t.path(), "public");
        assert!(!t.path().join(".public.new-0-abc").exists());
        assert!(!t.path().join(".public.old-0").exists());
        assert!(t.path().join(".other.old-0").exists());
        assert!(t.path().join("keep").exists());
        assert!(t.path().join(mine).exists());
    }

    #[test]
    fn folders_and_files_are_made_below_the_root() {
        let t = tempfile::tempdir().unwrap();
        let root = at::Root::open(t.path()).unwrap();
        root.create_dir_all("a/b/c").unwrap();
        root.create_dir_all("a/b").unwrap(); // made already: fine
        root.write("a/b/c/index.html", b"first").unwrap();
        root.write("a/b/c/index.html", b"new").unwrap();
        assert_eq!(
            std::fs::read(t.path().join("a/b/c/index.html")).unwrap(),
            b"new"
        );
        root.write("a/file", b"x").unwrap();
        assert!(
            root.create_dir_all("a/file").is_err(),
            "a file is not a folder"
        );
        assert!(root.create_dir_all("a/file/sub").is_err());
        assert!(root.write("missing/index.html", b"x").is_err());
    }

    #[test]
    fn only_plain_relative_paths_stay_inside() {
        for ok in [
            "index.html",
            "releases/1.0/index.html",
            ".nojekyll",
            "a..b/c",
        ] {
            assert!(stays_inside(ok), "{ok}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a/./b",
            "a//b",
            "a/",
            ".",
        ] {
            assert!(!stays_inside(bad), "{bad}");
        }
    }

    #[test]
    fn rejects_escaping_paths() {
        let t = tempfile::tempdir().unwrap();
        let mut files = crate::render::Files::new();
        files.insert("../evil".to_string(), Default::default());
        assert!(write_atomically(&t.path().join("out"), &files).is_err());
        assert!(!t.path().join("evil").exists());
    }
}
