//! Render: `Site` + as-of date -> an in-memory map of output path -> bytes. Pure: no file
//! system, no clock (the as-of date is an input), pages rendered in parallel with rayon.

pub mod api;
pub mod calendar;
mod communications;
pub mod feeds;
pub mod links;
pub mod markdown;
pub mod sitemap;
pub mod theme;
pub mod timeline;
pub mod urls;
pub mod view;

pub use markdown::escape_html;

use crate::announcements::{self, Published};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Pos};
use crate::lifecycle::{self, Phase};
use crate::model::{Affected, Page, Site};
use crate::shortcodes::{Arg, Call};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Context, Value};
use urls::Urls;
use view::{DepRef, DepVersionView, DependencyView, LifecycleRow, PhaseView, ReleaseView, Views};

/// Days ahead that the home page lists upcoming end-of-support dates for.
pub const UPCOMING_DAYS: i64 = 180;
/// Up to this many SDK versions, the version switcher lists all of them (DESIGN section 3).
pub const SWITCHER_ALL_MAX: usize = 50;
/// Beyond that, it lists the newest of this many neighbouring X.Y lines.
const SWITCHER_OTHER_LINES: usize = 24;

pub struct RenderOptions {
    pub as_of: NaiveDate,
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
struct Rendered {
    path: String,
    bytes: Vec<u8>,
    links: Vec<SourceLink>,
}

/// A root-relative link written in a Markdown source, with where it was written.
#[derive(Clone, Debug)]
pub struct SourceLink {
    pub url: String,
    pub file: PathBuf,
    pub pos: Pos,
}

/// Render the whole site. Errors (templates, shortcodes, broken links, URL clashes) are
/// collected from every page before returning.
pub fn render(site: &Site, opts: &RenderOptions) -> Result<Output, Diagnostics> {
    let renderer = Renderer::new(site, opts).map_err(|d| {
        let mut ds = Diagnostics::default();
        ds.push(d);
        ds
    })?;
    renderer.run()
}

/// Everything a page needs, computed once and shared by all pages.
struct Renderer<'a> {
    site: &'a Site,
    as_of: NaiveDate,
    urls: Urls,
    theme: theme::Theme,
    views: Views,
    /// `site`, `assets`, section URLs: serialised once, cloned cheaply (tera values are Arc'd).
    shared: Context,
    /// X.Y lines of SDK versions, oldest first, each with its releases' indexes (ascending).
    lines: Vec<((u64, u64), Vec<usize>)>,
    /// Announcements published as of the as-of date, newest first (hand-written and derived).
    published: Vec<Published>,
    /// `published` by what each announcement affects.
    about: announcements::About,
    /// Dependency id -> index into `site.dependencies` (and `views.dependencies`).
    dependency_index: std::collections::HashMap<&'a str, usize>,
    /// Navigation entries (title, URL) and their serialised forms (see `nav_values`).
    nav_items: Vec<(String, String)>,
    nav_values: Vec<Value>,
    /// Version switchers, serialised once (see `switchers`).
    switchers: Vec<Value>,
}

/// Announcement bodies rendered once (pages and feeds both use them), by `published` index.
type Bodies = Vec<(String, Vec<SourceLink>)>;

/// What to render; one per output file (or group of files), so they can run in parallel.
#[derive(Clone, Copy)]
enum Job {
    Index,
    Page(usize),
    Revision(usize),
    Releases,
    Release(usize),
    Latest,
    Dependencies,
    Dependency(usize),
    NotFound,
    Timeline,
    Announcements,
    Announcement(usize),
    Feeds,
    Calendar,
    Api,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    product: &'a str,
    description: Option<&'a str>,
    language: &'a str,
    notice: Option<&'a str>,
    base_url: &'a str,
    root: &'a str,
    as_of: NaiveDate,
    generator: String,
}

#[derive(Serialize)]
struct NavItem {
    title: String,
    url: String,
    active: bool,
}

impl<'a> Renderer<'a> {
    fn new(site: &'a Site, opts: &RenderOptions) -> Result<Self, Diagnostic> {
        let theme = theme::load(&site.templates)?;
        let base_url = opts
            .base_url
            .clone()
            .unwrap_or_else(|| site.config.base_url.clone());
        let urls = Urls::new(&base_url);
        let views = Views::build(site, &urls, opts.as_of);
        let c = &site.config;
        let mut shared = Context::new();
        shared.insert(
            "site",
            &SiteView {
                title: &c.title,
                product: &c.product,
                description: c.description.as_deref(),
                language: &c.language,
                notice: c.notice.as_deref(),
                base_url: &urls.base_url,
                root: &urls.root,
                as_of: opts.as_of,
                generator: format!("lifecycle {}", env!("CARGO_PKG_VERSION")),
            },
        );
        let assets: BTreeMap<&str, String> = theme
            .asset_paths
            .iter()
            .map(|(name, path)| (name.as_str(), urls.rel(path)))
            .collect();
        shared.insert("assets", &assets);
        #[derive(Serialize)]
        struct Feeds {
            rss: String,
            atom: String,
            ics: String,
        }
        shared.insert(
            "feeds",
            &Feeds {
                rss: urls.rel("rss.xml"),
                atom: urls.rel("atom.xml"),
                ics: urls.rel("eos.ics"),
            },
        );
        shared.insert("home_url", &urls.rel(""));
        shared.insert("releases_url", &urls.rel("releases/"));
        shared.insert("dependencies_url", &urls.rel("dependencies/"));
        shared.insert("announcements_url", &urls.rel("announcements/"));
        let policy_url = site
            .pages
            .iter()
            .any(|p| p.slug == "policy")
            .then(|| urls.rel("policy/"));
        shared.insert("policy_url", &policy_url);

        let mut lines: Vec<((u64, u64), Vec<usize>)> = Vec::new();
        for (i, r) in site.releases.iter().enumerate() {
            let key = (r.version.major, r.version.minor);
            match lines.last_mut() {
                Some((k, v)) if *k == key => v.push(i),
                _ => lines.push((key, vec![i])),
            }
        }
        let published = announcements::published(site, opts.as_of);
        let about = announcements::About::new(&published);
        let dependency_index = site
            .dependencies
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let nav_items = Self::nav_items(site, &urls);
        let nav_values = Self::nav_values(&nav_items);
        let switchers = Self::switchers(site, &views, &urls, &lines);
        Ok(Renderer {
            nav_items,
            nav_values,
            switchers,
            site,
            as_of: opts.as_of,
            urls,
            theme,
            views,
            shared,
            lines,
            published,
            about,
            dependency_index,
        })
    }

    fn jobs(&self) -> Vec<Job> {
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
        ];
        jobs.extend((0..self.published.len()).map(Job::Announcement));
        jobs.extend(
            (0..self.site.pages.len())
                .filter(|&i| !self.site.pages[i].slug.is_empty())
                .map(Job::Page),
        );
        jobs.extend((0..self.site.revision_pages.len()).map(Job::Revision));
        jobs.extend((0..self.site.releases.len()).map(Job::Release));
        if self.views.latest.is_some() {
            jobs.push(Job::Latest);
        }
        jobs.extend((0..self.site.dependencies.len()).map(Job::Dependency));
        jobs
    }

    fn run(self) -> Result<Output, Diagnostics> {
        let mut diags = Diagnostics::default();
        let bodies: Vec<Result<(String, Vec<SourceLink>), Diagnostic>> = self
            .published
            .par_iter()
            .map(|p| self.announcement_body(p))
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
        let results: Vec<Result<Vec<Rendered>, Diagnostic>> = self
            .jobs()
            .into_par_iter()
            .map(|job| self.render_job(job, &bodies))
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
        self.add_fixed_files(&mut out, &mut diags);
        links::check(&out.files, &self.urls.root, &md_links, &mut diags);
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(out)
        }
    }

    /// Files that are not templates: assets, static/, sitemap, robots.txt, .nojekyll.
    fn add_fixed_files(&self, out: &mut Output, diags: &mut Diagnostics) {
        for (path, bytes) in &self.theme.asset_files {
            out.files.insert(path.clone(), bytes.clone());
        }
        let sitemap = sitemap::render(&self.urls, out.files.keys().filter(|p| in_sitemap(p)));
        out.files.insert("sitemap.xml".into(), sitemap);
        out.files.insert(
            "robots.txt".into(),
            format!(
                "User-agent: *\nAllow: /\nSitemap: {}\n",
                self.urls.abs("sitemap.xml")
            )
            .into_bytes(),
        );
        // GitHub Pages must not run Jekyll over the output.
        out.files.insert(".nojekyll".into(), Vec::new());
        for (path, bytes) in &self.site.static_files {
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

    fn render_job(&self, job: Job, bodies: &Bodies) -> Result<Vec<Rendered>, Diagnostic> {
        let one = |r: Result<Rendered, Diagnostic>| r.map(|r| vec![r]);
        one(match job {
            Job::Index => self.render_index(),
            Job::Page(i) => self.render_page(&self.site.pages[i], None),
            Job::Revision(i) => {
                let rev = &self.site.revision_pages[i];
                self.render_page(&rev.page, Some((rev.effective, rev.superseded_on)))
            }
            Job::Releases => self.render_releases(),
            Job::Latest => self.render_latest(),
            Job::Dependencies => self.render_dependencies(),
            Job::Dependency(i) => self.render_dependency(i),
            Job::NotFound => self.html("404.html", "404.html", Context::new(), Vec::new()),
            Job::Timeline => {
                let mut ctx = self.shared.clone();
                ctx.insert(
                    "timeline",
                    &timeline::build(self.site, &self.urls, self.as_of),
                );
                let bytes = self
                    .theme
                    .tera
                    .render("timeline.svg", &ctx)
                    .map_err(|e| theme::template_error(&e))?;
                Ok(Rendered {
                    path: "timeline.svg".into(),
                    bytes: bytes.into_bytes(),
                    links: Vec::new(),
                })
            }
            Job::Announcements => self.render_announcements(),
            Job::Announcement(i) => self.render_announcement(i, bodies),
            Job::Feeds => return Ok(self.render_feeds(bodies)),
            Job::Calendar => Ok(self.render_calendar()),
            Job::Api => return Ok(self.render_api()),
            Job::Release(i) => {
                let mut pages = self.render_badge(i)?;
                pages.push(self.render_release(i)?);
                return Ok(pages);
            }
        })
    }

    /// Render an HTML page at URL path `path` (`releases/` or `404.html`) with `template`.
    fn html(
        &self,
        path: &str,
        template: &str,
        extra: Context,
        links: Vec<SourceLink>,
    ) -> Result<Rendered, Diagnostic> {
        let mut ctx = self.shared.clone();
        let page_url = self.urls.rel(path);
        ctx.insert_value("nav", self.nav(&page_url));
        ctx.insert("page_url", &page_url);
        ctx.insert("canonical", &self.urls.abs(path));
        ctx.extend(extra);
        let html = self
            .theme
            .tera
            .render(template, &ctx)
            .map_err(|e| theme::template_error(&e))?;
        Ok(Rendered {
            path: Urls::file_of(path),
            bytes: html.into_bytes(),
            links,
        })
    }

    /// Navigation entries: Home, the top-level content pages, then the sections.
    fn nav_items(site: &Site, urls: &Urls) -> Vec<(String, String)> {
        let mut items = vec![(String::from("Home"), urls.rel(""))];
        for p in site
            .pages
            .iter()
            .filter(|p| !p.slug.is_empty() && !p.slug.contains('/'))
        {
            items.push((p.title.clone(), urls.rel(&Urls::page(&p.slug))));
        }
        items.push(("Releases".into(), urls.rel("releases/")));
        items.push(("Dependencies".into(), urls.rel("dependencies/")));
        items.push(("Announcements".into(), urls.rel("announcements/")));
        items
    }

    /// The navigation as a template value, one per possible active entry (and one with none),
    /// serialised once: pages pick theirs instead of rebuilding it.
    fn nav_values(items: &[(String, String)]) -> Vec<Value> {
        (0..=items.len())
            .map(|active| {
                let nav: Vec<NavItem> = items
                    .iter()
                    .enumerate()
                    .map(|(k, (title, url))| NavItem {
                        title: title.clone(),
                        url: url.clone(),
                        active: k == active,
                    })
                    .collect();
                Value::from_serializable(&nav)
            })
            .collect()
    }

    fn nav(&self, page_url: &str) -> Value {
        let home = &self.nav_items[0].1;
        // A section is active on its own pages too (releases/2.21.0/ under Releases).
        let active = self
            .nav_items
            .iter()
            .position(|(_, url)| {
                url == page_url || (url != home && page_url.starts_with(url.as_str()))
            })
            .unwrap_or(self.nav_items.len());
        self.nav_values[active].clone()
    }

    /// Markdown with shortcodes rendered; errors point into the source file.
    fn markdown(
        &self,
        body: &str,
        body_line: u32,
        file: &Path,
    ) -> Result<(String, Vec<SourceLink>), Diagnostic> {
        let r = markdown::render(body, body_line, &self.urls.root, |call| {
            self.shortcode(call)
        })
        .map_err(|(pos, msg)| {
            Diagnostic::new(Code::BadShortcode, msg)
                .in_file(file)
                .at(Some(pos))
        })?;
        let links = r
            .links
            .into_iter()
            .map(|(url, pos)| SourceLink {
                url,
                file: file.to_path_buf(),
                pos,
            })
            .collect();
        Ok((r.html, links))
    }

    fn shortcode(&self, call: &Call) -> Result<String, String> {
        crate::shortcodes::check_call(call, &self.site.config)?;
        let mut ctx = self.shared.clone();
        match call.name.as_str() {
            "sdk_table" => ctx.insert(
                "releases",
                &self.releases_newest_first().collect::<Vec<_>>(),
            ),
            "dependency_table" => {
                let kind = match call.args.get("kind") {
                    Some(Arg::Str(k)) => Some(k.as_str()),
                    _ => None,
                };
                let deps: Vec<&DependencyView> = self
                    .views
                    .dependencies
                    .iter()
                    .filter(|d| kind.is_none_or(|k| d.kind == k))
                    .collect();
                #[derive(Serialize)]
                struct Kind<'a> {
                    id: &'a str,
                    label: &'a str,
                }
                let kind = kind.map(|k| Kind {
                    id: k,
                    label: self.site.config.kind_label(k),
                });
                ctx.insert("kind", &kind);
                ctx.insert("dependencies", &deps);
            }
            "upcoming_eos" => {
                let days = match call.args.get("days") {
                    Some(Arg::Int(n)) => *n,
                    _ => UPCOMING_DAYS,
                };
                ctx.insert("days", &days);
                ctx.insert("events", &self.views.upcoming(&self.urls, self.as_of, days));
            }
            "timeline" => ctx.insert("timeline_url", &self.urls.rel("timeline.svg")),
            _ => unreachable!("check_call accepts only known shortcodes"),
        }
        self.theme
            .tera
            .render(&format!("shortcodes/{}.html", call.name), &ctx)
            .map_err(|e| {
                format!(
                    "shortcode {}(): {}",
                    call.name,
                    theme::template_error(&e).message
                )
            })
    }

    fn releases_newest_first(&self) -> impl Iterator<Item = &ReleaseView> {
        self.views.releases.iter().rev()
    }

    fn render_index(&self) -> Result<Rendered, Diagnostic> {
        let mut ctx = Context::new();
        let mut links = Vec::new();
        let intro = match self.site.pages.iter().find(|p| p.slug.is_empty()) {
            Some(p) => {
                let (html, l) = self.markdown(&p.body, p.body_line, &p.file)?;
                links = l;
                Some(html)
            }
            None => None,
        };
        ctx.insert("intro", &intro);
        ctx.insert(
            "latest",
            &self.views.latest.map(|i| &self.views.releases[i]),
        );
        let supported: Vec<&ReleaseView> = self
            .releases_newest_first()
            .filter(|r| matches!(r.phase_value, Phase::Supported | Phase::Announced))
            .collect();
        ctx.insert("supported_releases", &supported);
        #[derive(Serialize)]
        struct SupportedDep<'a> {
            dependency: DepRef,
            kind_label: &'a str,
            version: &'a DepVersionView,
        }
        let deps: Vec<SupportedDep> = self
            .views
            .dependencies
            .iter()
            .flat_map(|d| {
                d.versions
                    .iter()
                    .filter(|v| {
                        matches!(
                            v.phase_value,
                            Phase::Supported | Phase::Announced | Phase::Maintenance
                        )
                    })
                    .map(move |v| SupportedDep {
                        dependency: DepRef {
                            id: d.id.clone(),
                            name: d.name.clone(),
                            url: d.url.clone(),
                        },
                        kind_label: &d.kind_label,
                        version: v,
                    })
            })
            .collect();
        ctx.insert("supported_dependencies", &deps);
        ctx.insert(
            "upcoming",
            &self.views.upcoming(&self.urls, self.as_of, UPCOMING_DAYS),
        );
        ctx.insert("upcoming_days", &UPCOMING_DAYS);
        ctx.insert("timeline_url", &self.urls.rel("timeline.svg"));
        self.html("", "index.html", ctx, links)
    }

    fn render_page(
        &self,
        page: &Page,
        revision: Option<(NaiveDate, NaiveDate)>,
    ) -> Result<Rendered, Diagnostic> {
        let (content, links) = self.markdown(&page.body, page.body_line, &page.file)?;
        let template = page.template.as_deref().unwrap_or("page.html");
        if !self.theme.tera.get_template_names().any(|n| n == template) {
            return Err(Diagnostic::new(
                Code::Template,
                format!("template `{template}` does not exist in templates/ or the default theme"),
            )
            .in_file(&page.file));
        }
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
        let mut ctx = Context::new();
        let path = match revision {
            Some((effective, _)) => Urls::policy_revision(effective),
            None => Urls::page(&page.slug),
        };
        ctx.insert(
            "page",
            &PageView {
                title: &page.title,
                description: page.description.as_deref(),
                content,
                slug: &page.slug,
            },
        );
        let policy = &self.site.config.policy;
        let revisions =
            (page.slug == "policy" && revision.is_none() && policy.len() > 1).then(|| {
                policy
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(i, r)| {
                        let current = i + 1 == policy.len();
                        let url = if current {
                            Some(self.urls.rel("policy/"))
                        } else {
                            r.effective
                                .filter(|e| {
                                    self.site.revision_pages.iter().any(|p| p.effective == *e)
                                })
                                .map(|e| self.urls.rel(&Urls::policy_revision(e)))
                        };
                        Revision {
                            effective: r.effective,
                            url,
                            current,
                        }
                    })
                    .collect::<Vec<_>>()
            });
        ctx.insert("revisions", &revisions);
        let superseded = revision.map(|(_, on)| Superseded {
            on,
            current_url: self.urls.rel("policy/"),
        });
        ctx.insert("superseded", &superseded);
        self.html(&path, template, ctx, links)
    }

    fn render_releases(&self) -> Result<Rendered, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert(
            "releases",
            &self.releases_newest_first().collect::<Vec<_>>(),
        );
        ctx.insert(
            "latest",
            &self.views.latest.map(|i| &self.views.releases[i]),
        );
        self.html("releases/", "releases.html", ctx, Vec::new())
    }

    fn render_latest(&self) -> Result<Rendered, Diagnostic> {
        let Some(i) = self.views.latest else {
            unreachable!("Latest is queued only with a latest release")
        };
        let mut ctx = Context::new();
        ctx.insert("target", &self.views.releases[i]);
        ctx.insert(
            "target_canonical",
            &self
                .urls
                .abs(&Urls::release(&self.site.releases[i].version)),
        );
        let mut page = self.html("releases/latest/", "latest.html", ctx, Vec::new())?;
        page.path = "releases/latest/index.html".into();
        Ok(page)
    }

    fn render_release(&self, i: usize) -> Result<Rendered, Diagnostic> {
        let r = &self.site.releases[i];
        let rv = &self.views.releases[i];
        let (whats_new, links) = match &r.whats_new {
            Some((md, pos)) => {
                // A YAML block scalar starts on the line after its key.
                let line = pos.map_or(1, |p| p.line + 1);
                let (html, links) = self.markdown(md, line, &r.file)?;
                (Some(html), links)
            }
            None => (None, Vec::new()),
        };
        #[derive(Serialize)]
        struct Item<'a> {
            dependency: DepRef,
            version: &'a DepVersionView,
        }
        #[derive(Serialize)]
        struct Group<'a> {
            kind: &'a str,
            kind_label: &'a str,
            items: Vec<Item<'a>>,
        }
        let mut components: Vec<Group> = Vec::new();
        for (kind, label) in &self.site.config.kinds {
            let mut items = Vec::new();
            for c in &r.components {
                let Some(di) = self
                    .site
                    .dependencies
                    .iter()
                    .position(|d| d.id == c.dependency)
                else {
                    continue;
                };
                let dv = &self.views.dependencies[di];
                if &dv.kind != kind {
                    continue;
                }
                for (v, _) in &c.versions {
                    if let Some(vv) = dv.versions.iter().find(|x| &x.version == v) {
                        items.push(Item {
                            dependency: DepRef {
                                id: dv.id.clone(),
                                name: dv.name.clone(),
                                url: dv.url.clone(),
                            },
                            version: vv,
                        });
                    }
                }
            }
            if !items.is_empty() {
                components.push(Group {
                    kind,
                    kind_label: label,
                    items,
                });
            }
        }
        #[derive(Serialize)]
        struct Banner {
            phase: PhaseView,
            text: String,
        }
        let product = &self.site.config.product;
        let latest = self.views.latest.map(|l| &self.views.releases[l].version);
        let upgrade = latest
            .filter(|l| **l != rv.version)
            .map(|l| format!(" Upgrade to {product} {l}."))
            .unwrap_or_default();
        let banner = match rv.phase_value {
            Phase::Announced => Some(Banner {
                phase: rv.phase,
                text: format!(
                    "End of support for {product} {} has been announced: it is supported until {}.{upgrade}",
                    rv.version,
                    rv.eos
                        .map_or("a date to be announced".into(), |d| d.to_string())
                ),
            }),
            Phase::EndOfSupport => Some(Banner {
                phase: rv.phase,
                text: format!(
                    "{product} {} reached end of support on {} and receives no more fixes.{upgrade}",
                    rv.version,
                    rv.eos.map(|d| d.to_string()).unwrap_or_default()
                ),
            }),
            _ => None,
        };
        #[derive(Serialize)]
        struct Pkg<'a> {
            name: &'a str,
            version: &'a str,
        }
        #[derive(Serialize)]
        struct ReleasePage<'a> {
            #[serde(flatten)]
            base: &'a ReleaseView,
            whats_new: Option<String>,
            packages: Vec<Pkg<'a>>,
            lifecycle: Vec<LifecycleRow>,
            components: Vec<Group<'a>>,
            banner: Option<Banner>,
        }
        let page = ReleasePage {
            base: rv,
            whats_new,
            packages: r
                .packages
                .iter()
                .map(|p| Pkg {
                    name: &p.name,
                    version: &p.version,
                })
                .collect(),
            lifecycle: view::lifecycle_rows(lifecycle::sdk_spans(r), rv.phase_value),
            components,
            banner,
        };
        let mut ctx = Context::new();
        ctx.insert("release", &page);
        ctx.insert(
            "announcements",
            &self.announcements_about(&Affected::Sdk(r.version.clone())),
        );
        #[derive(Serialize)]
        struct BadgeLinks {
            svg: String,
            json: String,
            markdown: String,
        }
        let svg_abs = self.urls.abs(&format!("badges/{}.svg", r.version));
        ctx.insert(
            "badge",
            &BadgeLinks {
                svg: self.urls.rel(&format!("badges/{}.svg", r.version)),
                json: self.urls.rel(&format!("badges/{}.json", r.version)),
                markdown: format!(
                    "[![{}]({svg_abs})]({})",
                    communications::markdown_text(&format!(
                        "{} {}",
                        self.site.config.product, r.version
                    )),
                    self.urls.abs(&Urls::release(&r.version))
                ),
            },
        );
        ctx.insert_value("switcher", self.switcher(i));
        ctx.insert("prev", &i.checked_sub(1).map(|p| &self.views.releases[p]));
        ctx.insert("next", &self.views.releases.get(i + 1));
        self.html(&Urls::release(&r.version), "release.html", ctx, links)
    }

    /// The version switcher: every version of a small site; on a large one the page's X.Y
    /// line, the newest of the neighbouring lines, and a link to the full list. Serialised once
    /// per line (once in all on a small site); the template marks the current version.
    fn switchers(
        site: &Site,
        views: &Views,
        urls: &Urls,
        lines: &[((u64, u64), Vec<usize>)],
    ) -> Vec<Value> {
        let entry = |i: usize| SwitchEntry {
            version: views.releases[i].version.clone(),
            url: views.releases[i].url.clone(),
        };
        let all_url = urls.rel("releases/");
        if site.releases.len() <= SWITCHER_ALL_MAX {
            let mut groups: Vec<SwitchGroup> = Vec::new();
            for i in (0..site.releases.len()).rev() {
                let label = format!("{}.x", site.releases[i].version.major);
                match groups.last_mut() {
                    Some(g) if g.label == label => g.versions.push(entry(i)),
                    _ => groups.push(SwitchGroup {
                        label,
                        versions: vec![entry(i)],
                    }),
                }
            }
            return vec![Value::from_serializable(&Switcher {
                groups,
                all_url,
                truncated: false,
            })];
        }
        let half = SWITCHER_OTHER_LINES / 2;
        (0..lines.len())
            .map(|line| {
                let ((major, minor), members) = &lines[line];
                let own = SwitchGroup {
                    label: format!("{major}.{minor}"),
                    versions: members.iter().rev().map(|&i| entry(i)).collect(),
                };
                let (lo, hi) = (
                    line.saturating_sub(half),
                    (line + half + 1).min(lines.len()),
                );
                let others = SwitchGroup {
                    label: "Other lines".into(),
                    versions: (lo..hi)
                        .rev()
                        .filter(|&l| l != line)
                        .filter_map(|l| lines[l].1.last().map(|&i| entry(i)))
                        .collect(),
                };
                Value::from_serializable(&Switcher {
                    groups: vec![own, others],
                    all_url: all_url.clone(),
                    truncated: true,
                })
            })
            .collect()
    }

    fn switcher(&self, release: usize) -> Value {
        if self.switchers.len() == 1 {
            return self.switchers[0].clone();
        }
        let v = &self.site.releases[release].version;
        let line = self.lines.partition_point(|(k, _)| *k < (v.major, v.minor));
        self.switchers[line.min(self.switchers.len() - 1)].clone()
    }

    fn render_dependencies(&self) -> Result<Rendered, Diagnostic> {
        #[derive(Serialize)]
        struct KindGroup<'a> {
            id: &'a str,
            label: &'a str,
            dependencies: Vec<&'a DependencyView>,
        }
        let kinds: Vec<KindGroup> = self
            .site
            .config
            .kinds
            .iter()
            .map(|(id, label)| KindGroup {
                id,
                label,
                dependencies: self
                    .views
                    .dependencies
                    .iter()
                    .filter(|d| &d.kind == id)
                    .collect(),
            })
            .filter(|g| !g.dependencies.is_empty())
            .collect();
        let mut ctx = Context::new();
        ctx.insert("kinds", &kinds);
        self.html("dependencies/", "dependencies.html", ctx, Vec::new())
    }

    fn render_dependency(&self, i: usize) -> Result<Rendered, Diagnostic> {
        let d = &self.views.dependencies[i];
        let mut ctx = Context::new();
        ctx.insert("dependency", d);
        ctx.insert(
            "rss_url",
            &self
                .urls
                .rel(&format!("{}rss.xml", Urls::dependency(&d.id))),
        );
        ctx.insert(
            "announcements",
            &self.announcements_about(&Affected::Dependency {
                id: d.id.clone(),
                version: None,
            }),
        );
        self.html(&Urls::dependency(&d.id), "dependency.html", ctx, Vec::new())
    }
}

#[derive(Serialize)]
struct Switcher {
    groups: Vec<SwitchGroup>,
    all_url: String,
    truncated: bool,
}

#[derive(Serialize)]
struct SwitchGroup {
    label: String,
    versions: Vec<SwitchEntry>,
}

#[derive(Serialize)]
struct SwitchEntry {
    version: String,
    url: String,
}

/// Pages a search engine should index: HTML, not the 404 page or the latest redirect.
fn in_sitemap(path: &str) -> bool {
    path.ends_with("index.html") && path != "releases/latest/index.html"
}
