//! Cases 8-10: sources and output are never lost or changed by `build --out`.

use crate::support::*;

fn build(site: &Site, out: &std::path::Path) -> Out {
    site.run(&["build", "--as-of", AS_OF, "--out", out.to_str().unwrap()])
}

/// Case 8: `--out` inside an input folder, or a symlink to one, is refused and nothing changes.
#[test]
fn out_inside_the_sources_is_refused() {
    let site = Site::basic()
        .write("templates/x.html", "{{ site.title }}")
        .write("static/s.txt", "s");
    let before = tree(site.path());
    for dir in [
        "content",
        "templates",
        "static",
        "content/releases",
        "content/new",
    ] {
        let o = build(&site, &site.path().join(dir));
        assert_eq!(o.code(), 2, "{dir}: {}", o.stderr);
        assert!(o.stderr.contains("refusing"), "{}", o.stderr);
    }
    #[cfg(unix)]
    {
        let elsewhere = tempfile::tempdir().unwrap();
        let link = elsewhere.path().join("out");
        std::os::unix::fs::symlink(site.path().join("content"), &link).unwrap();
        assert_eq!(build(&site, &link).code(), 2);
        std::os::unix::fs::symlink(site.path(), elsewhere.path().join("site")).unwrap();
        assert_eq!(build(&site, &elsewhere.path().join("site")).code(), 2);
    }
    assert_eq!(tree(site.path()), before, "the sources changed");
}

/// Case 9: An `--out` that exists and is not a directory is refused before anything is written.
#[test]
fn out_that_is_a_file_is_refused() {
    let site = Site::basic();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("afile");
    std::fs::write(&file, "data").unwrap();
    let o = build(&site, &file);
    assert_eq!(o.code(), 2, "{}", o.stderr);
    assert!(o.stderr.contains("not a directory"), "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "data");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["afile"]);
}

/// Case 10: A build removes what killed builds of the same output left, and nothing else.
#[test]
fn leftovers_of_killed_builds_are_removed() {
    let site = Site::basic();
    let dir = tempfile::tempdir().unwrap();
    // pid 0 is never a running build.
    for d in [
        ".public.new-0-a1b2",
        ".public.old-0",
        ".elsewhere.old-0",
        ".public.keep",
    ] {
        std::fs::create_dir_all(dir.path().join(d).join("x")).unwrap();
    }
    let o = build(&site, &dir.path().join("public"));
    assert_eq!(o.code(), 0, "{}", o.stderr);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec![".elsewhere.old-0", ".public.keep", "public"]);
}
