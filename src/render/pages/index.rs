//! The home page: status now (supported releases and dependency versions, what ends soon,
//! the latest release) and the intro from `content/index.md`.

use crate::diagnostics::Diagnostic;
use crate::lifecycle::Phase;
use crate::render::Rendered;
use crate::render::context::Ctx;
use crate::render::urls::Urls;
use crate::render::view::{DepVersionView, ReleaseView};
use serde::Serialize;

/// Days ahead that the home page lists upcoming end-of-support dates for.
pub const UPCOMING_DAYS: i64 = 180;

#[derive(Serialize)]
struct SupportedDep<'a> {
    /// A `DepRef` (`Ctx::dependency_ref`).
    dependency: tera::Value,
    kind_label: &'a str,
    version: &'a DepVersionView,
}

pub fn render(ctx: &Ctx) -> Result<Rendered, Diagnostic> {
    let mut tc = ctx.page_context();
    let mut links = Vec::new();
    let intro = match ctx.site.pages.iter().find(|p| p.slug.is_empty()) {
        Some(p) => {
            let (html, l) = ctx.markdown(&p.body, p.body_line, &p.file, Urls::HOME)?;
            links = l;
            Some(html)
        }
        None => None,
    };
    tc.insert("intro", &intro);
    tc.insert("latest", &ctx.views.latest());
    let supported: Vec<&ReleaseView> = ctx
        .views
        .releases_newest_first()
        .filter(|r| matches!(r.phase_value, Phase::Supported | Phase::Announced))
        .collect();
    tc.insert("supported_releases", &supported);
    let deps: Vec<SupportedDep> = ctx
        .views
        .dependencies
        .iter()
        .enumerate()
        .flat_map(|(di, d)| {
            d.versions
                .iter()
                .filter(|v| {
                    matches!(
                        v.phase_value,
                        Phase::Supported | Phase::Announced | Phase::Maintenance
                    )
                })
                .map(move |v| SupportedDep {
                    dependency: ctx.dependency_ref(di),
                    kind_label: &d.kind_label,
                    version: v,
                })
        })
        .collect();
    tc.insert("supported_dependencies", &deps);
    let upcoming = ctx.views.upcoming(ctx.schedule, UPCOMING_DAYS);
    let projections = supported.iter().any(|r| r.eos_projected)
        || deps.iter().any(|d| d.version.eos_projected)
        || upcoming.iter().any(|e| e.projected);
    tc.insert("projections", &projections);
    tc.insert("upcoming", &upcoming);
    tc.insert("upcoming_days", &UPCOMING_DAYS);
    tc.insert("timeline_url", &ctx.urls.rel(Urls::TIMELINE));
    ctx.html(Urls::HOME, "index.html", tc, links)
}
