//! Render: `Site` + `Schedule` -> an in-memory map of output path -> bytes. Pure: no file
//! system, no clock (the as-of date is in the schedule), pages rendered in parallel with rayon.
//!
//! `context.rs` holds what every page reads; `pages/` has one module per output kind;
//! `formats/` writes the formats that need a crate (feeds, calendar, JSON, sitemap).

pub mod context;
pub mod formats;
pub mod links;
pub mod markdown;
mod nav;
pub mod pages;
pub mod theme;
pub mod urls;
pub mod view;

pub use markdown::escape_html;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::Site;
use crate::schedule::Schedule;
use context::Ctx;
use pages::announcements::Bodies;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub struct RenderOptions {
    /// Overrides `base_url` of site.yaml (`--base-url`, or serve's local address).
    pub base_url: Option<String>,
}

/// The rendered site.
#[derive(Debug, Default)]
pub struct Output {
    /// Output path (relative, `/`-separated) -> bytes. Sorted, so writes are deterministic.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Number of HTML pages among `files`.
    pub html_pages: usize,
}

/// One rendered file and the Markdown links in it still to be checked.
pub struct Rendered {
    pub path: String,
    pub bytes: Vec<u8>,
    pub links: Vec<SourceLink>,
}

impl Rendered {
    /// A file with no Markdown links in it.
    pub fn file(path: String, bytes: Vec<u8>) -> Rendered {
        Rendered {
            path,
            bytes,
            links: Vec::new(),
        }
    }
}

/// A root-relative link written in a Markdown source, with where it was written.
#[derive(Clone, Debug)]
pub struct SourceLink {
    pub url: String,
    pub file: PathBuf,
    pub pos: Pos,
}

/// What to render; one per output file (or group of files), so they can run in parallel.
#[derive(Clone, Copy)]
enum Job {
    Index,
    Page(usize),
    Revision(usize),
    Releases,
    Release(usize),
    Latest(usize),
    Dependencies,
    Dependency(usize),
    NotFound,
    Timeline,
    Announcements,
    Announcement(usize),
    Feeds,
    Calendar,
    Api,
    EndOfLifeApi,
    Compatibility,
}

/// Render the whole site. Errors (templates, shortcodes, broken links, URL clashes) are
/// collected from every page before returning.
pub fn render(
    site: &Site,
    schedule: &Schedule,
    opts: &RenderOptions,
) -> Result<Output, Diagnostics> {
    let ctx = Ctx::new(site, schedule, opts).map_err(|d| {
        let mut ds = Diagnostics::default();
        ds.push(d);
        ds
    })?;
    let mut diags = Diagnostics::default();
    let bodies: Vec<Result<(String, Vec<SourceLink>), Diagnostic>> = ctx
        .published()
        .par_iter()
        .map(|p| pages::announcements::body(&ctx, p))
        .collect();
    let bodies: Bodies = bodies
        .into_iter()
        .map(|b| {
            b.unwrap_or_else(|d| {
                diags.push(d);
                (String::new(), Vec::new())
            })
        })
        .collect();
    let results: Vec<Result<Vec<Rendered>, Diagnostic>> = jobs(&ctx)
        .into_par_iter()
        .map(|job| render_job(&ctx, job, &bodies))
        .collect();
    let mut out = Output::default();
    let mut md_links: Vec<SourceLink> =
        bodies.iter().flat_map(|(_, l)| l.iter().cloned()).collect();
    for r in results {
        match r {
            Ok(pages) => {
                for page in pages {
                    md_links.extend(page.links);
                    if page.path.ends_with(".html") {
                        out.html_pages += 1;
                    }
                    out.files.insert(page.path, page.bytes);
                }
            }
            Err(d) => diags.push(d),
        }
    }
    pages::fixed::add(&ctx, &mut out, &mut diags);
    pages::fixed::check_clashes(&ctx, &out, &mut diags);
    links::check(&out.files, &ctx.urls.root, &md_links, &mut diags);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}

/// The checklist of outputs.
fn jobs(ctx: &Ctx) -> Vec<Job> {
    let site = ctx.site;
    let mut jobs = vec![
        Job::Index,
        Job::Releases,
        Job::Dependencies,
        Job::NotFound,
        Job::Timeline,
        Job::Announcements,
        Job::Feeds,
        Job::Calendar,
        Job::Api,
        Job::EndOfLifeApi,
        Job::Compatibility,
    ];
    jobs.extend((0..ctx.published().len()).map(Job::Announcement));
    jobs.extend(
        (0..site.pages.len())
            .filter(|&i| !site.pages[i].slug.is_empty())
            .map(Job::Page),
    );
    jobs.extend((0..site.revision_pages.len()).map(Job::Revision));
    jobs.extend((0..site.releases.len()).map(Job::Release));
    jobs.extend(ctx.schedule.latest.map(Job::Latest));
    jobs.extend((0..site.dependencies.len()).map(Job::Dependency));
    jobs
}

fn render_job(ctx: &Ctx, job: Job, bodies: &Bodies) -> Result<Vec<Rendered>, Diagnostic> {
    use pages::*;
    let one = |r: Result<Rendered, Diagnostic>| r.map(|r| vec![r]);
    match job {
        Job::Index => one(index::render(ctx)),
        Job::Page(i) => one(content::page(ctx, &ctx.site.pages[i])),
        Job::Revision(i) => one(content::revision(ctx, &ctx.site.revision_pages[i])),
        Job::NotFound => one(content::not_found(ctx)),
        Job::Releases => one(releases::list(ctx)),
        Job::Latest(i) => one(releases::latest(ctx, i)),
        Job::Release(i) => {
            let mut out = badges::render(ctx, i)?;
            out.push(release::render(ctx, i)?);
            Ok(out)
        }
        Job::Dependencies => one(dependencies::list(ctx)),
        Job::Dependency(i) => one(dependencies::page(ctx, i)),
        Job::Timeline => one(timeline::render(ctx)),
        Job::Announcements => one(announcements::list(ctx)),
        Job::Announcement(i) => one(announcements::page(ctx, i, bodies)),
        Job::Feeds => feeds::render(ctx, bodies),
        Job::Calendar => calendar::render(ctx),
        Job::Api => Ok(api::render(ctx)),
        Job::EndOfLifeApi => Ok(endoflife::render(ctx)),
        Job::Compatibility => compatibility::render(ctx),
    }
}
