//! Files that are not templates: the theme's fingerprinted assets, `static/`, the sitemap,
//! robots.txt and `.nojekyll`. Added after every page is rendered (the sitemap lists them).

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::render::Output;
use crate::render::context::Ctx;
use crate::render::formats::sitemap;
use crate::render::urls::Urls;
use std::path::Path;

pub fn add(ctx: &Ctx, out: &mut Output, diags: &mut Diagnostics) {
    for (path, bytes) in &ctx.theme.asset_files {
        out.files.insert(path.clone(), bytes.clone());
    }
    let sitemap = sitemap::render(&ctx.urls, out.files.keys().filter(|p| in_sitemap(p)));
    out.files.insert(Urls::SITEMAP.into(), sitemap);
    out.files.insert(
        Urls::ROBOTS.into(),
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}\n",
            ctx.urls.abs(Urls::SITEMAP)
        )
        .into_bytes(),
    );
    out.files.insert(Urls::NOJEKYLL.into(), Vec::new());
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
        out.files.insert(path.clone(), bytes.clone());
    }
}

/// Pages a search engine should index: HTML, not the 404 page or the latest redirect.
fn in_sitemap(path: &str) -> bool {
    path.ends_with("index.html") && path != Urls::file_of(Urls::LATEST)
}
