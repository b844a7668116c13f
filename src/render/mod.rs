//! Render: `Site` + `Schedule` -> an in-memory map of output path -> bytes. Pure: no file
//! system, no clock (the as-of date is in the schedule), pages rendered in parallel with rayon.
//!
//! `context.rs` holds what every page reads; `pages/` has one module per output kind;
//! `formats/` writes the formats that need a crate (feeds, calendar, JSON, sitemap).

pub mod context;
pub mod formats;
pub mod links;
pub mod markdown;
pub mod memo;
mod nav;
pub mod pages;
mod prints;
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
use std::sync::Arc;

pub struct RenderOptions {
    /// Overrides `base_url` of site.yaml (`--base-url`, or serve's local address).
    pub base_url: Option<String>,
    /// The process exits after this render (`pipeline::BuildOptions::exiting`): the render
    /// context and its caches are not freed.
    pub exiting: bool,
}

/// Output path -> bytes, as the sinks take them.
pub type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// The rendered site.
#[derive(Debug, Default)]
pub struct Output {
    /// Output path (relative, `/`-separated) -> bytes. Sorted, so writes are deterministic.
    /// Shared, so that `serve` keeps unchanged files between builds without copying them.
    pub files: Files,
    /// Number of HTML pages among `files`.
    pub html_pages: usize,
}

/// One rendered file and the Markdown links in it still to be checked.
pub struct Rendered {
    pub path: String,
    pub bytes: Arc<Vec<u8>>,
    pub links: Vec<SourceLink>,
}

impl Rendered {
    /// A file with no Markdown links in it.
    pub fn file(path: String, bytes: Vec<u8>) -> Rendered {
        Rendered {
            path,
            bytes: Arc::new(bytes),
            links: Vec::new(),
        }
    }

    fn into_file(self) -> memo::File {
        memo::File {
            path: self.path,
            bytes: self.bytes,
            links: self.links,
        }
    }

    fn from_file(f: &memo::File) -> Rendered {
        Rendered {
            path: f.path.clone(),
            bytes: f.bytes.clone(),
            links: f.links.clone(),
        }
    }
}

/// A root-relative link written in a Markdown source, with where it was written.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SourceLink {
    pub url: String,
    pub file: PathBuf,
    pub pos: Pos,
}

/// What to render; one per output file (or group of files), so they can run in parallel.
#[derive(Clone, Copy, Debug)]
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
    /// Our own JSON API: its three documents.
    ApiReleases,
    ApiDependencies,
    ApiAnnouncements,
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
    render_with(site, schedule, opts, None, None)
}

/// The pages of the files an edit changed, rendered before the rest of a rebuild so that
/// `serve` can answer for them at once (`Ahead::send` gets them; docs/commands.md#serve).
pub struct Ahead<'a> {
    /// The changed files, relative to the site root, `/`-separated.
    pub changed: &'a [String],
    pub send: &'a (dyn Fn(Vec<Rendered>) + Sync),
}

/// Render again, reusing the outputs of `memo`'s last build whose inputs are unchanged
/// (`serve`). Returns the memo for the next build, and (outputs reused, rendered).
pub fn render_incremental(
    site: &Site,
    schedule: &Schedule,
    opts: &RenderOptions,
    memo: &memo::Memo,
    ahead: Option<Ahead>,
) -> (Result<Output, Diagnostics>, memo::Memo, (usize, usize)) {
    let run = memo::Run::new(memo);
    let out = render_with(site, schedule, opts, Some(&run), ahead);
    let counts = run.counts();
    (out, run.finish(), counts)
}

fn render_with<'a>(
    site: &'a Site,
    schedule: &'a Schedule,
    opts: &RenderOptions,
    memo: Option<&'a memo::Run<'a>>,
    ahead: Option<Ahead>,
) -> Result<Output, Diagnostics> {
    let timed = crate::timings();
    let t0 = std::time::Instant::now();
    let ctx = Ctx::new(site, schedule, opts).map_err(|d| {
        let mut ds = Diagnostics::default();
        ds.push(d);
        ds
    })?;
    let ctx = match memo {
        Some(m) => ctx.with_memo(m),
        None => ctx,
    };
    let t_ctx = t0.elapsed();
    if let Some(ahead) = ahead {
        render_ahead(&ctx, &ahead, t0);
    }
    let prints = memo.map(|_| prints::Prints::new(&ctx));
    let prints = prints.as_ref();
    let t_prints = t0.elapsed();
    let mut diags = Diagnostics::default();
    let body_keys: Vec<u64> = match prints {
        Some(prints) => (0..ctx.published().len())
            .into_par_iter()
            .map(|j| prints.body(&ctx, j))
            .collect(),
        None => Vec::new(),
    };
    let bodies: Vec<Result<(String, Vec<SourceLink>), Diagnostic>> = ctx
        .published()
        .par_iter()
        .enumerate()
        .map(|(j, p)| match prints {
            // Bodies are kept like files: the HTML as bytes, under the announcement's slug.
            Some(_) => ctx
                .cached(&format!("body/{}", p.slug), &body_keys[j], || {
                    let (html, links) = pages::announcements::body(&ctx, p)?;
                    Ok(vec![Rendered {
                        path: String::new(),
                        bytes: Arc::new(html.into_bytes()),
                        links,
                    }])
                })
                .map(|mut r| {
                    let r = r.remove(0);
                    let html = String::from_utf8(r.bytes.to_vec()).unwrap_or_default();
                    (html, r.links)
                }),
            None => pages::announcements::body(&ctx, p),
        })
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
    let t_bodies = t0.elapsed();
    let results: Vec<(Job, std::time::Duration, Result<Vec<Rendered>, Diagnostic>)> = jobs(&ctx)
        .into_par_iter()
        // One job per task: the few writers of whole-site outputs sit together at the front,
        // and without this one thread would take them all in one chunk while the other
        // waits (most other jobs are reused in a rebuild).
        .with_max_len(1)
        .map(|job| {
            let t = std::time::Instant::now();
            // Jobs keyed by what they read are reused whole; the others' pages are keyed
            // by their template context (`Ctx::html`).
            let r = match prints.and_then(|p| job_key(&ctx, p, job, &body_keys)) {
                Some((key, print)) => ctx.cached(&key, &print, || render_job(&ctx, job, &bodies)),
                None => render_job(&ctx, job, &bodies),
            };
            (job, t.elapsed(), r)
        })
        .collect();
    let t_jobs = t0.elapsed();
    if timed {
        eprintln!(
            "timings: render context {} ms, prints {} ms, bodies {} ms, jobs {} ms",
            t_ctx.as_millis(),
            (t_prints - t_ctx).as_millis(),
            (t_bodies - t_prints).as_millis(),
            (t_jobs - t_bodies).as_millis()
        );
        // Where render's time goes, by kind of output (summed over threads).
        let mut by_kind: BTreeMap<String, (usize, std::time::Duration)> = BTreeMap::new();
        for (job, took, _) in &results {
            let kind = format!("{job:?}");
            let kind = kind.split('(').next().unwrap_or_default().to_string();
            let e = by_kind.entry(kind).or_default();
            e.0 += 1;
            e.1 += *took;
        }
        let list: Vec<String> = by_kind
            .iter()
            .map(|(k, (n, d))| format!("{k} {} ms ({n})", d.as_millis()))
            .collect();
        eprintln!("timings: render jobs: {}", list.join(", "));
    }
    // Collected into a list and sorted in parallel, then the map is built in one pass (the
    // input is sorted): 60,000 inserts one by one took ~40 ms on one core. The sort is
    // stable and the map keeps the last of equal keys, as inserting in job order would.
    let mut out = Output::default();
    let mut files: Vec<(String, Arc<Vec<u8>>)> = Vec::with_capacity(results.len() * 2);
    let mut page_links: Vec<Vec<SourceLink>> = Vec::new();
    for (_, _, r) in results {
        match r {
            Ok(pages) => {
                for page in pages {
                    if !page.links.is_empty() {
                        page_links.push(page.links);
                    }
                    if page.path.ends_with(".html") {
                        out.html_pages += 1;
                    }
                    files.push((page.path, page.bytes));
                }
            }
            Err(d) => diags.push(d),
        }
    }
    files.par_sort_by(|a, b| a.0.cmp(&b.0));
    out.files = files.into_iter().collect();
    let md_links: Vec<&SourceLink> = bodies
        .iter()
        .flat_map(|(_, l)| l)
        .chain(page_links.iter().flatten())
        .collect();
    let t_collect = t0.elapsed() - t_jobs;
    let t = std::time::Instant::now();
    pages::fixed::add(&ctx, &mut out, &mut diags);
    // With a memo, pages reused from a clean build with the same paths need no new check.
    let paths = memo.map(|_| {
        let mut f = memo::Fingerprint::new();
        f.add("paths", &out.files.keys().collect::<Vec<_>>());
        f.finish()
    });
    let only = memo.zip(paths).and_then(|(m, p)| m.to_check(p));
    // The sitemap is not HTML, so no link in it is checked: it is written while the checks
    // run (its path is in `out.files` already, for them).
    let (sitemap, t_fixed) = rayon::join(
        || pages::fixed::sitemap(&ctx, &out.files),
        || {
            pages::fixed::check_clashes(&ctx, &out, &mut diags);
            let t_fixed = t.elapsed();
            links::check(
                &out.files,
                &ctx.urls.root,
                &md_links,
                only.as_ref(),
                &mut diags,
            );
            t_fixed
        },
    );
    out.files
        .insert(urls::Urls::SITEMAP.into(), Arc::new(sitemap));
    if let (Some(m), Some(p)) = (memo, paths)
        && !diags.has_errors()
    {
        m.clean(p);
    }
    if timed {
        eprintln!(
            "timings: collect {} ms, fixed files {} ms, link check {} ms",
            t_collect.as_millis(),
            t_fixed.as_millis(),
            (t.elapsed() - t_fixed).as_millis()
        );
    }
    // Freeing the context's caches (template values, Markdown) takes ~50 ms at 10,000
    // releases, on one thread.
    if opts.exiting {
        drop(md_links);
        std::mem::forget((page_links, bodies, ctx));
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}

/// Render the pages of the files `ahead` names (a release file's page and badges, a
/// dependency's page, a content page) and send them, before anything else of the rebuild.
/// They are rendered from the whole new site, exactly as the rebuild renders them again
/// below; one that fails is left to the rebuild to report. (`started`: when render began.)
fn render_ahead(ctx: &Ctx, ahead: &Ahead, started: std::time::Instant) {
    let changed = |file: &std::path::Path| {
        ahead
            .changed
            .iter()
            .any(|c| std::path::Path::new(c) == file)
    };
    let first: Vec<Job> = jobs(ctx)
        .into_iter()
        .filter(|&job| source_of(ctx, job).is_some_and(changed))
        .collect();
    if first.is_empty() {
        return;
    }
    let no_bodies = Bodies::default();
    let rendered: Vec<Rendered> = first
        .par_iter()
        .filter_map(|&job| render_job(ctx, job, &no_bodies).ok())
        .flatten()
        .collect();
    if crate::timings() {
        eprintln!(
            "timings: {} files rendered ahead, {} ms into render",
            rendered.len(),
            started.elapsed().as_millis()
        );
    }
    (ahead.send)(rendered);
}

/// The content file whose pages a job renders, for the jobs `render_ahead` may send: a
/// release's page and badges, a dependency's page, a content page.
fn source_of<'s>(ctx: &Ctx<'s>, job: Job) -> Option<&'s std::path::Path> {
    let site = ctx.site;
    match job {
        Job::Release(i) => Some(&site.releases[i].file),
        Job::Dependency(d) => Some(&site.dependencies[d].file),
        Job::Page(i) => Some(&site.pages[i].file),
        _ => None,
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
        Job::ApiReleases,
        Job::ApiDependencies,
        Job::ApiAnnouncements,
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

/// The memo key of a job whose inputs `prints` lists, so that it is not even prepared when
/// they are unchanged: release pages (the bulk of a site), announcement pages, and the
/// writers of many files.
fn job_key(ctx: &Ctx, prints: &prints::Prints, job: Job, bodies: &[u64]) -> Option<(String, u64)> {
    Some(match job {
        Job::Release(i) => (
            format!("job/release/{}", ctx.site.releases[i].version),
            prints.release_page(ctx, i),
        ),
        Job::Announcement(j) => (
            format!("job/announcement/{}", ctx.published()[j].slug),
            prints.announcement_page(ctx, j, bodies[j]),
        ),
        Job::EndOfLifeApi => ("job/endoflife".into(), prints.endoflife(ctx)),
        Job::Calendar => ("job/calendar".into(), prints.calendar(ctx)),
        Job::Feeds => ("job/feeds".into(), prints.feeds(ctx, bodies)),
        Job::Compatibility => ("job/compatibility".into(), prints.compatibility()),
        Job::Announcements => ("job/announcements".into(), prints.announcements_list()),
        Job::ApiReleases => ("job/api/releases".into(), prints.api_releases()),
        Job::ApiDependencies => ("job/api/dependencies".into(), prints.api_dependencies()),
        Job::ApiAnnouncements => ("job/api/announcements".into(), prints.api_announcements()),
        Job::Dependencies => ("job/dependencies".into(), prints.dependencies_list()),
        Job::Dependency(d) => (
            format!("job/dependency/{}", ctx.site.dependencies[d].id),
            prints.dependency_page(ctx, d),
        ),
        _ => return None,
    })
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
        Job::ApiReleases => one(Ok(api::releases(ctx))),
        Job::ApiDependencies => one(Ok(api::dependencies(ctx))),
        Job::ApiAnnouncements => one(Ok(api::announcements(ctx))),
        Job::EndOfLifeApi => Ok(endoflife::render(ctx)),
        Job::Compatibility => compatibility::render(ctx),
    }
}
