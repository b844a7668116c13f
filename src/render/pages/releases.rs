//! The list of SDK releases and the `releases/latest/` redirect page.

use crate::diagnostics::Diagnostic;
use crate::render::Rendered;
use crate::render::context::Ctx;
use crate::render::urls::Urls;
use crate::render::view::ReleaseView;

pub fn list(ctx: &Ctx) -> Result<Rendered, Diagnostic> {
    let mut tc = ctx.page_context();
    tc.insert(
        "releases",
        &ctx.views
            .releases_newest_first()
            .collect::<Vec<&ReleaseView>>(),
    );
    tc.insert("latest", &ctx.views.latest());
    tc.insert("projections", &ctx.views.any_release_projected());
    ctx.html(Urls::RELEASES, "releases.html", tc, Vec::new())
}

/// `releases/latest/`: queued only when there is a latest release.
pub fn latest(ctx: &Ctx, i: usize) -> Result<Rendered, Diagnostic> {
    let mut tc = ctx.page_context();
    tc.insert("target", &ctx.views.releases[i]);
    tc.insert(
        "target_canonical",
        &ctx.urls.abs(&Urls::release(&ctx.site.releases[i].version)),
    );
    ctx.html(Urls::LATEST, "latest.html", tc, Vec::new())
}
