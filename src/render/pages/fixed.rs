//! Files that are not templates: the theme's fingerprinted assets, `static/`, the sitemap,
//! robots.txt and `.nojekyll`. Added after every page is rendered (the sitemap lists them).

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::render::Output;
use crate::render::context::Ctx;
use crate::render::formats::sitemap;
use crate::render::urls::Urls;
use std::path::Path;
use std::sync::Arc;

pub fn add(ctx: &Ctx, out: &mut Output, diags: &mut Diagnostics) {
    for (path, bytes) in &ctx.theme.asset_files {
        out.files.insert(path.clone(), Arc::new(bytes.clone()));
    }
    let sitemap = sitemap::render(&ctx.urls, out.files.keys().filter(|p| in_sitemap(p)));
    out.files.insert(Urls::SITEMAP.into(), Arc::new(sitemap));
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
    for path in out.files.keys() {
        let folder = format!("{path}/");
        let Some((inside, _)) = out.files.range(folder.clone()..).next() else {
            continue;
        };
        if !inside.starts_with(&folder) {
            continue;
        }
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
