//! Files that are not templates: the theme's fingerprinted assets, `static/`, the sitemap,
//! robots.txt and `.nojekyll`. Added after every page is rendered (the sitemap lists them).

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::render::Output;
use crate::render::context::Ctx;
use crate::render::formats::sitemap;
use crate::render::urls::Urls;
use rayon::prelude::*;
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;

pub fn add(ctx: &Ctx, out: &mut Output, diags: &mut Diagnostics) {
    for (path, bytes) in &ctx.theme.asset_files {
        out.files.insert(path.clone(), Arc::new(bytes.clone()));
    }
    // Written by `sitemap` once every path is known; its path takes part in the checks now.
    out.files.insert(Urls::SITEMAP.into(), Arc::default());
    out.files.insert(
        Urls::ROBOTS.into(),
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}\n",
            ctx.urls.abs(Urls::SITEMAP)
        )
        .into_bytes()
        .into(),
    );
    out.files.insert(Urls::NOJEKYLL.into(), Arc::default());
    for (path, bytes) in &ctx.site.static_files {
        if out.files.contains_key(path) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateUrl,
                    format!("static/{path} would overwrite the generated /{path}: rename it"),
                )
                .in_file(&Path::new("static").join(path)),
            );
            continue;
        }
        out.files.insert(path.clone(), Arc::new(bytes.clone()));
    }
}

/// `sitemap.xml`: the generated pages (not the files copied from `static/`).
pub fn sitemap(ctx: &Ctx, files: &crate::render::Files) -> Vec<u8> {
    let copied: ahash::AHashSet<&str> = ctx
        .site
        .static_files
        .iter()
        .map(|(p, _)| p.as_str())
        .collect();
    sitemap::render(
        &ctx.urls,
        files
            .keys()
            .filter(|p| in_sitemap(p) && !copied.contains(p.as_str())),
    )
}

/// Every output path that would be both a file and a folder (`static/releases` beside the
/// generated `releases/index.html`, a page `rss.xml/` beside the feed): E017, naming both, so
/// that `check` reports what `build` could not write.
pub fn check_clashes(ctx: &Ctx, out: &Output, diags: &mut Diagnostics) {
    let source = |path: &str| {
        if ctx.site.static_files.iter().any(|(p, _)| p == path) {
            format!("static/{path}")
        } else {
            format!("the generated /{path}")
        }
    };
    // The first path below `path/`, for each path: 60,000 range lookups, in parallel.
    let paths: Vec<&String> = out.files.keys().collect();
    let clashes: Vec<(&String, &String)> = paths
        .par_iter()
        .map_init(String::new, |folder, &path| {
            folder.clear();
            folder.push_str(path);
            folder.push('/');
            let from = (Bound::Included(folder.as_str()), Bound::Unbounded);
            let (inside, _) = out.files.range::<str, _>(from).next()?;
            inside
                .starts_with(folder.as_str())
                .then_some((path, inside))
        })
        .flatten()
        .collect();
    for (path, inside) in clashes {
        let folder = format!("{path}/");
        let mut d = Diagnostic::new(
            Code::DuplicateUrl,
            format!(
                "{} is a file where {} needs a folder /{folder}: rename one of them",
                source(path),
                source(inside)
            ),
        );
        if ctx.site.static_files.iter().any(|(p, _)| p == path) {
            d = d.in_file(&Path::new("static").join(path));
        } else if ctx.site.static_files.iter().any(|(p, _)| p == inside) {
            d = d.in_file(&Path::new("static").join(inside));
        }
        diags.push(d);
    }
}

/// Pages a search engine should index: HTML, not the 404 page or the latest redirect.
fn in_sitemap(path: &str) -> bool {
    path.ends_with("index.html") && path != Urls::file_of(Urls::LATEST)
}
