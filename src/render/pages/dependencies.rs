//! The dependency matrix (`dependencies/`) and one page per dependency.

use crate::diagnostics::Diagnostic;
use crate::lifecycle::Phase;
use crate::model::Affected;
use crate::render::Rendered;
use crate::render::context::Ctx;
use crate::render::urls::Urls;
use crate::render::view::DepVersionView;

pub fn list(ctx: &Ctx) -> Result<Rendered, Diagnostic> {
    let kinds = ctx.views.by_kind(ctx.site);
    let mut tc = ctx.page_context();
    tc.insert("kinds", &kinds);
    tc.insert("projections", &ctx.views.any_dependency_projected(None));
    ctx.html(Urls::DEPENDENCIES, "dependencies.html", tc, Vec::new())
}

pub fn page(ctx: &Ctx, i: usize) -> Result<Rendered, Diagnostic> {
    let d = &ctx.views.dependencies[i];
    let mut tc = ctx.page_context();
    tc.insert("dependency", d);
    tc.insert("projections", &d.versions.iter().any(|v| v.eos_projected));
    tc.insert("rss_url", &ctx.urls.rel(&Urls::dependency_feed(&d.id)));
    tc.insert("ics_url", &ctx.urls.rel(&Urls::dependency_calendar(&d.id)));
    // Versions on their way out that some release ships: where their users go next.
    let leaving: Vec<&DepVersionView> = d
        .versions
        .iter()
        .filter(|v| {
            matches!(
                v.phase_value,
                Phase::Announced | Phase::Maintenance | Phase::EndOfSupport
            ) && v.last_sdk.is_some()
        })
        .collect();
    tc.insert("leaving", &leaving);
    tc.insert(
        "announcements",
        &ctx.announcements_about(&Affected::Dependency {
            id: d.id.clone(),
            version: None,
        }),
    );
    ctx.html(&Urls::dependency(&d.id), "dependency.html", tc, Vec::new())
}
