//! Announcements: their bodies (hand-written Markdown, or the theme's `derived/*.html`
//! made from the data), the list, one page each, and the correction note that pages and
//! feeds share (`words/correction.txt`).

use crate::announcements::{Published, Source};
use crate::diagnostics::Diagnostic;
use crate::render::context::Ctx;
use crate::render::urls::Urls;
use crate::render::view::{AnnouncementView, DepVersionView, DependencyView, LinkView};
use crate::render::{Rendered, SourceLink};
use chrono::NaiveDate;
use serde::Serialize;

/// Announcement bodies as HTML, rendered once (pages and feeds both use them), by
/// `schedule.published` index.
pub type Bodies = Vec<(String, Vec<SourceLink>)>;

/// What `derived/sdk.html` is told.
#[derive(Serialize)]
struct SdkWords {
    /// `ReleaseView`s, as template values (`Ctx::release_value`).
    release: tera::Value,
    /// The stated end of support (an announcement never states a projection).
    eos: Option<NaiveDate>,
    /// The latest release, when it is another one.
    upgrade_to: Option<tera::Value>,
}

/// What `derived/dependency.html` is told.
#[derive(Serialize)]
struct DependencyWords<'a> {
    dependency: &'a DependencyView,
    version: &'a DepVersionView,
    /// The stated end of support.
    eos: Option<NaiveDate>,
    /// The page of the `removed_in` release.
    removed_in_url: Option<String>,
}

/// What `words/correction.txt` is told.
#[derive(Serialize)]
struct CorrectionWords {
    /// The announcement corrected.
    of: LinkView,
    old_eos: Option<NaiveDate>,
    new_eos: Option<NaiveDate>,
}

/// The body of one published announcement as HTML.
pub fn body(ctx: &Ctx, p: &Published) -> Result<(String, Vec<SourceLink>), Diagnostic> {
    let mut tc = ctx.page_context();
    let template = match p.source {
        Source::File(i) => {
            let a = &ctx.site.announcements[i];
            let file = a.file.clone().unwrap_or_default();
            return ctx.markdown(&a.body, a.body_line, &file, &Urls::announcement(&a.slug));
        }
        Source::Sdk(i) => {
            tc.insert(
                "derived",
                &SdkWords {
                    release: ctx.release_value(i),
                    eos: ctx.site.releases[i].eos.map(|d| d.date),
                    upgrade_to: ctx
                        .views
                        .latest
                        .filter(|&l| l != i)
                        .map(|l| ctx.release_value(l)),
                },
            );
            "derived/sdk.html"
        }
        Source::Dependency(di, vi) => {
            let v = &ctx.site.dependencies[di].versions[vi];
            tc.insert(
                "derived",
                &DependencyWords {
                    dependency: &ctx.views.dependencies[di],
                    version: ctx.views.dependency_version(di, vi),
                    eos: v.eos.map(|d| d.date),
                    removed_in_url: v
                        .removed_in
                        .as_ref()
                        .map(|(r, _)| ctx.urls.rel(&Urls::release(r))),
                },
            );
            "derived/dependency.html"
        }
    };
    Ok((ctx.words(template, tc)?, Vec::new()))
}

pub fn list(ctx: &Ctx) -> Result<Rendered, Diagnostic> {
    let list: Vec<tera::Value> = (0..ctx.published().len())
        .map(|j| ctx.announcement_value(j))
        .collect();
    let mut tc = ctx.page_context();
    tc.insert("announcements", &list);
    ctx.html(Urls::ANNOUNCEMENTS, "announcements.html", tc, Vec::new())
}

#[derive(Serialize)]
struct Page {
    #[serde(flatten)]
    base: AnnouncementView,
    content: String,
    supersedes: Option<LinkView>,
    superseded_by: Option<LinkView>,
    correction: Option<String>,
}

pub fn page(ctx: &Ctx, i: usize, bodies: &Bodies) -> Result<Rendered, Diagnostic> {
    let p = &ctx.published()[i];
    let page = Page {
        base: ctx.announcement_view(p),
        content: bodies[i].0.clone(),
        supersedes: p.supersedes.as_deref().and_then(|s| link(ctx, s)),
        superseded_by: p.superseded_by.as_deref().and_then(|s| link(ctx, s)),
        correction: correction(ctx, p)?,
    };
    let mut tc = ctx.page_context();
    tc.insert("announcement", &page);
    ctx.html(
        &Urls::announcement(&p.slug),
        "announcement.html",
        tc,
        Vec::new(),
    )
}

/// A link to the published announcement `slug`.
fn link(ctx: &Ctx, slug: &str) -> Option<LinkView> {
    let q = ctx.schedule.about.by_slug(ctx.published(), slug)?;
    Some(LinkView {
        title: q.title.clone(),
        url: ctx.urls.rel(&Urls::announcement(&q.slug)),
        date: q.date,
    })
}

/// What a correction changed, in words (plain text): "End of support moves from A to B."
pub fn correction(ctx: &Ctx, p: &Published) -> Result<Option<String>, Diagnostic> {
    let Some(old) = p
        .supersedes
        .as_deref()
        .and_then(|s| ctx.schedule.about.by_slug(ctx.published(), s))
    else {
        return Ok(None);
    };
    let mut tc = ctx.page_context();
    tc.insert(
        "correction",
        &CorrectionWords {
            of: LinkView {
                title: old.title.clone(),
                url: ctx.urls.rel(&Urls::announcement(&old.slug)),
                date: old.date,
            },
            old_eos: old.eos,
            new_eos: p.eos,
        },
    );
    ctx.words("words/correction.txt", tc).map(Some)
}
