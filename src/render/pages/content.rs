//! Content pages (`content/**/*.md`), the 404 page, and earlier policy revisions
//! (`policy/<effective>/`, with a "superseded" banner).

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Page, RevisionPage};
use crate::render::Rendered;
use crate::render::context::Ctx;
use crate::render::urls::Urls;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    content: String,
    slug: &'a str,
}

#[derive(Serialize)]
struct Revision {
    effective: Option<NaiveDate>,
    url: Option<String>,
    current: bool,
}

#[derive(Serialize)]
struct Superseded {
    on: NaiveDate,
    current_url: String,
}

/// A content page at `/<slug>/`.
pub fn page(ctx: &Ctx, page: &Page) -> Result<Rendered, Diagnostic> {
    render(ctx, page, None)
}

/// An earlier policy revision at `/policy/<effective>/`.
pub fn revision(ctx: &Ctx, rev: &RevisionPage) -> Result<Rendered, Diagnostic> {
    render(ctx, &rev.page, Some((rev.effective, rev.superseded_on)))
}

pub fn not_found(ctx: &Ctx) -> Result<Rendered, Diagnostic> {
    ctx.html(Urls::NOT_FOUND, "404.html", ctx.page_context(), Vec::new())
}

fn render(
    ctx: &Ctx,
    page: &Page,
    revision: Option<(NaiveDate, NaiveDate)>,
) -> Result<Rendered, Diagnostic> {
    let path = match revision {
        Some((effective, _)) => Urls::policy_revision(effective),
        None => Urls::page(&page.slug),
    };
    let (content, links) = ctx.markdown(&page.body, page.body_line, &page.file, &path)?;
    let template = page.template.as_deref().unwrap_or("page.html");
    if !ctx.theme.tera.get_template_names().any(|n| n == template) {
        return Err(Diagnostic::new(
            Code::Template,
            format!("template `{template}` does not exist in templates/ or the default theme"),
        )
        .in_file(&page.file));
    }
    let mut tc = ctx.page_context();
    tc.insert(
        "page",
        &PageView {
            title: &page.title,
            description: page.description.as_deref(),
            content,
            slug: &page.slug,
        },
    );
    let is_policy = page.slug == Urls::POLICY_SLUG && revision.is_none();
    tc.insert("revisions", &is_policy.then(|| revisions(ctx)).flatten());
    let superseded = revision.map(|(_, on)| Superseded {
        on,
        current_url: ctx.urls.rel(Urls::POLICY),
    });
    tc.insert("superseded", &superseded);
    ctx.html(&path, template, tc, links)
}

/// The policy page's list of revisions, newest first, when there is more than one.
fn revisions(ctx: &Ctx) -> Option<Vec<Revision>> {
    let policy = &ctx.site.config.policy;
    if policy.len() <= 1 {
        return None;
    }
    let list = policy
        .iter()
        .enumerate()
        .rev()
        .map(|(i, r)| {
            let current = i + 1 == policy.len();
            let url = if current {
                Some(ctx.urls.rel(Urls::POLICY))
            } else {
                r.effective
                    .filter(|e| ctx.site.revision_pages.iter().any(|p| p.effective == *e))
                    .map(|e| ctx.urls.rel(&Urls::policy_revision(e)))
            };
            Revision {
                effective: r.effective,
                url,
                current,
            }
        })
        .collect();
    Some(list)
}
