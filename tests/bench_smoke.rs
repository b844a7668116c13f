//! Smoke test of the benchmark corpus generator (examples/gen_site.rs), so that it cannot rot.
//!
//! The benchmark itself (benches/compare.sh) is not part of the test suite: it takes minutes
//! and needs Hugo. This builds a tiny corpus with the real binary and checks that it is a clean,
//! complete site: every generated release, dependency and announcement gets its page.

#[allow(dead_code)] // the example's `main` and the figures only the CLI prints
#[path = "../examples/gen_site.rs"]
mod gen_site;

use std::fs;
use std::path::Path;
use std::process::Command;

const N: usize = 40;

fn lifecycle(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_lifecycle"))
        .args(args)
        .output()
        .expect("run lifecycle");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// Every file under `dir`, relative, with its bytes, in path order.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn generated_corpus_is_clean_and_builds_every_page() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let hugo = tmp.path().join("hugo");
    let out = tmp.path().join("out");
    let s = gen_site::generate(&site, N, 1, Some(&hugo)).unwrap();

    // The shape the brief asks for: N releases over several majors and X.Y lines of about
    // ten patches, N/20 dependencies but at least 3, N/10 announcements.
    assert_eq!(s.releases, N);
    assert_eq!(s.versions.len(), N);
    assert!(s.majors >= 2, "{s:?}");
    assert!((3..=6).contains(&s.lines), "{s:?}");
    assert_eq!(s.dependencies, 3);
    assert!(s.dependency_versions >= 3 * 4, "{s:?}");
    assert_eq!(s.announcements, N / 10);
    assert!(
        s.last_release > s.first_release + chrono::Months::new(24),
        "{s:?}"
    );

    let (code, text) = lifecycle(&[
        "check",
        "--site",
        site.to_str().unwrap(),
        "--strict",
        "--as-of",
        gen_site::AS_OF,
    ]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains(" 0 errors, 0 warnings"), "{text}");

    let (code, text) = lifecycle(&[
        "build",
        "--site",
        site.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        gen_site::AS_OF,
    ]);
    assert_eq!(code, 0, "{text}");
    for v in &s.versions {
        let page = out.join("releases").join(v).join("index.html");
        assert!(page.is_file(), "missing {}", page.display());
    }
    // One page per release plus releases/latest/, nothing else under releases/.
    let release_pages = fs::read_dir(out.join("releases"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
        .count();
    assert_eq!(release_pages, N + 1);
    for id in &s.dependency_ids {
        assert!(
            out.join("dependencies")
                .join(id)
                .join("index.html")
                .is_file(),
            "{id}"
        );
    }
    for slug in &s.announcement_slugs {
        assert!(
            out.join("announcements")
                .join(slug)
                .join("index.html")
                .is_file(),
            "{slug}"
        );
    }
    // The same release notes on the Hugo side: one 1-3 KB page per release, plus the list.
    let hugo_pages = tree(&hugo.join("content").join("releases"));
    assert_eq!(hugo_pages.len(), N + 1);
    for (name, bytes) in &hugo_pages {
        if name == "_index.md" {
            continue;
        }
        let text = String::from_utf8(bytes.clone()).unwrap();
        let body = text.splitn(3, "---\n").nth(2).expect("front matter");
        assert!(
            (1000..=3200).contains(&body.len()),
            "{name}: {} bytes",
            body.len()
        );
        for heading in ["## Highlights", "### Component versions", "|---|", "`"] {
            assert!(body.contains(heading), "{name} lacks {heading}");
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    gen_site::generate(&a, N, 7, None).unwrap();
    gen_site::generate(&b, N, 7, None).unwrap();
    gen_site::generate(&c, N, 8, None).unwrap();
    let (ta, tb, tc) = (tree(&a), tree(&b), tree(&c));
    assert!(ta.len() > N);
    assert!(ta == tb, "same seed, different corpus");
    assert!(ta != tc, "another seed gave the same corpus");
}
