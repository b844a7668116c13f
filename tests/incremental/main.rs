//! Incremental rebuilds (issue 16): after any sequence of edits, what `serve`'s session
//! builds is byte for byte what a fresh `build` of the same files gives. A generated site
//! (the benchmark corpus generator, small) goes through random sequences of edits, renames,
//! deletions, new files, broken-then-fixed files, template and site.yaml changes; after
//! each one `pipeline::Session::run` (told only which paths changed, as the watcher tells
//! `serve`) is compared with `pipeline::run` on every output path and every diagnostic.

#[allow(dead_code)] // the example's `main` and the figures only the CLI prints
#[path = "../../examples/gen_site.rs"]
mod gen_site;

#[path = "../common/mod.rs"]
mod common;

use common::Rng;
use lifecycle::pipeline::{self, BuildOptions, Session};
use std::path::{Path, PathBuf};

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.is_file());
    v.sort();
    v
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// Replace the first line starting with `prefix` (or do nothing).
fn set_line(text: &str, prefix: &str, line: &str) -> String {
    let mut done = false;
    text.lines()
        .map(|l| {
            if !done && l.starts_with(prefix) {
                done = true;
                line.to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// One random edit; returns the paths it touched (relative to the site).
/// `broken`: what to undo later, oldest first: a file's text to put back, or `None` for a
/// file to remove.
fn edit(
    root: &Path,
    rng: &mut Rng,
    step: usize,
    broken: &mut Vec<(PathBuf, Option<String>)>,
) -> (String, Vec<String>) {
    // Fix a file broken earlier, now and then.
    if !broken.is_empty() && rng.below(3) == 0 {
        let (p, text) = broken.remove(0);
        match text {
            Some(t) => std::fs::write(&p, t).unwrap(),
            None => {
                let _ = std::fs::remove_file(&p);
            }
        }
        return ("fix".into(), vec![rel(root, &p)]);
    }
    let releases = files_in(&root.join("content/releases"));
    let deps = files_in(&root.join("content/dependencies"));
    let anns = files_in(&root.join("content/announcements"));
    let pick = |v: &Vec<PathBuf>, rng: &mut Rng| v[rng.below(v.len())].clone();
    let w = |p: &Path, t: &str| std::fs::write(p, t).unwrap();
    match rng.below(13) {
        0 | 1 => {
            let p = pick(&releases, rng);
            let t = std::fs::read_to_string(&p).unwrap();
            w(
                &p,
                &set_line(
                    &t,
                    "summary:",
                    &format!("summary: Step {step} says \"<hello>\" & more."),
                ),
            );
            ("summary".into(), vec![rel(root, &p)])
        }
        2 => {
            // Move an end of support (it may end before its announcement: an error to fix).
            let p = pick(&releases, rng);
            let t = std::fs::read_to_string(&p).unwrap();
            let days = rng.below(400) as u64;
            let date =
                chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + chrono::Days::new(days);
            let next = if t.contains("\neos: ") {
                set_line(&t, "eos:", &format!("eos: {date}"))
            } else {
                format!("{t}eos_announced: 2022-06-01\neos: {date}\n")
            };
            w(&p, &next);
            ("eos".into(), vec![rel(root, &p)])
        }
        3 => {
            // Drop a component line.
            let p = pick(&releases, rng);
            let t = std::fs::read_to_string(&p).unwrap();
            let lines: Vec<&str> = t.lines().collect();
            if let Some(start) = lines.iter().position(|l| *l == "components:") {
                let end = (start + 1..lines.len())
                    .find(|&i| !lines[i].starts_with("  "))
                    .unwrap_or(lines.len());
                if end - start > 2 {
                    let mut out: Vec<&str> = lines.clone();
                    out.remove(end - 1);
                    w(&p, &(out.join("\n") + "\n"));
                }
            }
            ("component".into(), vec![rel(root, &p)])
        }
        4 => {
            let p = pick(&releases, rng);
            let t = std::fs::read_to_string(&p).unwrap();
            w(
                &p,
                &t.replacen(
                    "whats_new: |\n",
                    &format!("whats_new: |\n  Step {step}: see [the policy](/policy/).\n\n"),
                    1,
                ),
            );
            ("whats_new".into(), vec![rel(root, &p)])
        }
        5 => {
            // A new release, copied from another under a version no one has.
            let p = pick(&releases, rng);
            let t = std::fs::read_to_string(&p).unwrap();
            let v = format!("{}.{}.{}", 90 + step, rng.below(9), rng.below(9));
            let np = p.with_file_name(format!("{v}.yaml"));
            let t = set_line(&t, "version:", &format!("version: {v}"));
            w(&np, &set_line(&t, "released:", "released: 2026-12-24"));
            ("new release".into(), vec![rel(root, &np)])
        }
        6 => {
            // Delete a release (what names it becomes an error).
            let p = pick(&releases, rng);
            let t = std::fs::read_to_string(&p).unwrap();
            std::fs::remove_file(&p).unwrap();
            broken.push((p.clone(), Some(t)));
            ("delete".into(), vec![rel(root, &p)])
        }
        7 => {
            // Rename a release file: its version no longer matches (E007) until fixed.
            let p = pick(&releases, rng);
            let t = std::fs::read_to_string(&p).unwrap();
            let np = p.with_file_name(format!("9{}", p.file_name().unwrap().to_string_lossy()));
            std::fs::rename(&p, &np).unwrap();
            // Fixing puts the file back, then removes the renamed copy.
            broken.push((p.clone(), Some(t)));
            broken.push((np.clone(), None));
            ("rename".into(), vec![rel(root, &p), rel(root, &np)])
        }
        8 => {
            // Break a file's YAML.
            let p = pick(&releases, rng);
            let t = std::fs::read_to_string(&p).unwrap();
            w(&p, &format!("{t}\n  : [ broken\n"));
            broken.push((p.clone(), Some(t)));
            ("break".into(), vec![rel(root, &p)])
        }
        9 => {
            let p = pick(&deps, rng);
            let t = std::fs::read_to_string(&p).unwrap();
            w(&p, &set_line(&t, "name:", &format!("name: Dep {step} <b>")));
            ("dependency".into(), vec![rel(root, &p)])
        }
        10 => {
            if anns.is_empty() {
                return ("nothing".into(), Vec::new());
            }
            let p = pick(&anns, rng);
            let t = std::fs::read_to_string(&p).unwrap();
            let t = if rng.below(2) == 0 {
                set_line(&t, "title:", &format!("title: \"Notice {step}\""))
            } else {
                // The body: a feed item's and the page's text, with links to check.
                format!(
                    "{t}\nStep {step}: see [the releases](/releases/) and [a missing page](/nowhere-{step}/).\n"
                )
            };
            w(&p, &t);
            ("announcement".into(), vec![rel(root, &p)])
        }
        11 => {
            let p = root.join("site.yaml");
            let t = std::fs::read_to_string(&p).unwrap();
            w(&p, &set_line(&t, "title:", &format!("title: Site {step}")));
            ("site.yaml".into(), vec!["site.yaml".into()])
        }
        _ => {
            let p = root.join("content/policy.md");
            let t = std::fs::read_to_string(&p).unwrap();
            w(&p, &format!("{t}\nStep {step}: one more paragraph.\n"));
            ("page".into(), vec!["content/policy.md".into()])
        }
    }
}

fn compare(root: &Path, session: &mut Session, changed: Option<&[String]>, what: &str) {
    let opts = BuildOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 25),
        ..BuildOptions::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let inc = session.run(root, &opts, today, changed);
    let fresh = pipeline::run(root, &opts, today);
    let diags = |r: &pipeline::Run| -> Vec<String> {
        r.diagnostics
            .clone()
            .into_sorted()
            .iter()
            .map(|d| d.to_string())
            .collect()
    };
    assert_eq!(
        diags(&inc),
        diags(&fresh),
        "diagnostics differ after {what}"
    );
    match (&inc.output, &fresh.output) {
        (None, None) => {}
        (Some(a), Some(b)) => {
            let ak: Vec<&String> = a.files.keys().collect();
            let bk: Vec<&String> = b.files.keys().collect();
            assert_eq!(ak, bk, "output paths differ after {what}");
            for (path, bytes) in &b.files {
                assert!(
                    a.files[path] == *bytes,
                    "{path} differs from a fresh build after {what}:\n--- served\n{}\n--- fresh\n{}",
                    String::from_utf8_lossy(&a.files[path]),
                    String::from_utf8_lossy(bytes)
                );
            }
            assert_eq!(a.html_pages, b.html_pages);
        }
        _ => panic!(
            "after {what} one build has errors and the other not: {:?}",
            diags(&fresh)
        ),
    }
}

#[test]
fn served_equals_a_fresh_build_after_any_sequence_of_edits() {
    for seed in [1u64, 7, 42, 1234, 99] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        gen_site::generate(&root, 36, seed, None).unwrap();
        let mut session = Session::default();
        compare(&root, &mut session, None, "the first build");
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ seed);
        let mut broken = Vec::new();
        let mut log = Vec::new();
        for step in 0..40 {
            let (what, changed) = edit(&root, &mut rng, step, &mut broken);
            log.push(format!("{step}: {what} {changed:?}"));
            compare(
                &root,
                &mut session,
                Some(&changed),
                &format!("seed {seed}, steps:\n{}", log.join("\n")),
            );
        }
    }
}

#[test]
fn a_template_change_renders_everything_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    gen_site::generate(&root, 12, 3, None).unwrap();
    let mut session = Session::default();
    compare(&root, &mut session, None, "the first build");
    let t = root.join("templates/release.html");
    std::fs::create_dir_all(t.parent().unwrap()).unwrap();
    let theme = lifecycle::render::theme::default_files();
    let base = String::from_utf8(theme["release.html"].clone()).unwrap();
    std::fs::write(&t, base.replace("<h1", "<h1 data-edited=\"yes\"")).unwrap();
    compare(
        &root,
        &mut session,
        Some(&["templates/release.html".to_string()]),
        "a template edit",
    );
    std::fs::remove_file(&t).unwrap();
    compare(
        &root,
        &mut session,
        Some(&["templates/release.html".to_string()]),
        "the template removed",
    );
}
