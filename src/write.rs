//! The write sink: put a rendered site on disk atomically. Files go into a fresh sibling
//! directory, which replaces `--out` only when every write succeeded.

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Refuse an output directory that `build` must not own (docs/commands.md#build): the site itself,
/// a parent of it, or anything holding a `.git`.
pub fn check_out_dir(site: &Path, out: &Path) -> Result<(), String> {
    let abs = |p: &Path| {
        std::path::absolute(p)
            .map(|p| normalize(&p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let (site_abs, out_abs) = (abs(site), abs(out));
    if site_abs.starts_with(&out_abs) {
        return Err(format!(
            "refusing to build into {}: it is or contains the site directory, and build replaces --out entirely",
            out.display()
        ));
    }
    if out_abs.join(".git").exists() {
        return Err(format!(
            "refusing to build into {}: it holds a .git, and build replaces --out entirely",
            out.display()
        ));
    }
    Ok(())
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
pub fn write_atomically(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
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
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .with_context(|| format!("cannot create a staging directory in {}", parent.display()))?;
    write_tree(staging.path(), files)?;

    // Swap: move the old tree aside, move the new one in, then delete the old one.
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
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

/// Write every file below `dir`; paths are checked to stay inside it.
fn write_tree(dir: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    for path in files.keys() {
        let p = Path::new(path);
        if p.is_absolute() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
            bail!("refusing to write {path}: the path would leave the output directory");
        }
    }
    let dirs: std::collections::BTreeSet<PathBuf> = files
        .keys()
        .filter_map(|p| Path::new(p).parent().map(|d| dir.join(d)))
        .collect();
    // create_dir_all tolerates a parent created concurrently by another worker.
    dirs.par_iter().try_for_each(|d| {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))
    })?;
    files.par_iter().try_for_each(|(path, bytes)| {
        let target = dir.join(path);
        std::fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))
    })
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
    }

    #[test]
    fn rejects_escaping_paths() {
        let t = tempfile::tempdir().unwrap();
        let mut files = BTreeMap::new();
        files.insert("../evil".to_string(), Vec::new());
        assert!(write_atomically(&t.path().join("out"), &files).is_err());
        assert!(!t.path().join("evil").exists());
    }
}
