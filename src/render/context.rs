//! The render context: everything pages read, built once per render and shared read-only by
//! every page module (`pages/`). Pages never reach into one another: what two pages share
//! (views, navigation, announcement lists, Markdown) is here.

use super::markdown;
use super::memo::{self, Fingerprint};
use super::nav::Nav;
use super::pages::{shortcodes, switcher::Switchers};
use super::theme::{self, Theme};
use super::urls::Urls;
use super::view::{AffectView, AnnouncementView, Views};
use super::{RenderOptions, Rendered, SourceLink};
use crate::announcements::Published;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Affected, Projection, Site};
use crate::schedule::Schedule;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;
use tera::Context;

pub struct Ctx<'a> {
    pub site: &'a Site,
    pub schedule: &'a Schedule,
    pub urls: Urls,
    pub theme: Theme,
    pub views: Views,
    pub switchers: Switchers,
    nav: Nav,
    /// `site`, `assets`, section URLs: serialised once, cloned cheaply (tera values are Arc'd).
    shared: Context,
    /// `serve`'s outputs of the last build, reused where their inputs did not change
    /// (`memo.rs`); `None` for a one-off build.
    memo: Option<&'a memo::Run<'a>>,
    /// The fingerprint of `shared` (every page's context starts from it).
    shared_print: u64,
    /// `views.releases[i]` and `views.dependencies[d].versions[v]` as template values, made
    /// on first use: many pages show the same ones (neighbours, move targets, the
    /// dependency versions a release ships), and a tera value is cloned in O(1).
    release_values: Vec<OnceLock<tera::Value>>,
    version_values: Vec<Vec<OnceLock<tera::Value>>>,
    /// A `DepRef` of `site.dependencies[d]` and an `AnnouncementView` of `published()[j]`,
    /// likewise: every release page lists the dependencies it ships and its announcements.
    dependency_refs: Vec<OnceLock<tera::Value>>,
    announcement_values: Vec<OnceLock<tera::Value>>,
}

/// A page's own template context (what it adds to the shared one). With a memo, every
/// value is also added to the page's fingerprint as it is inserted, so the fingerprint is
/// exactly what the template sees.
#[derive(Clone)]
pub struct PageContext {
    tera: Context,
    print: Option<Fingerprint>,
}

impl PageContext {
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if let Some(p) = &mut self.print {
            p.add(key, value);
        }
        self.tera.insert(key, value);
    }

    pub fn insert_value(&mut self, key: &'static str, value: tera::Value) {
        if let Some(p) = &mut self.print {
            p.add(key, &value);
        }
        self.tera.insert_value(key, value);
    }
}

/// `site` in every template.
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

/// `feeds` in every template.
#[derive(Serialize)]
struct FeedLinks {
    rss: String,
    atom: String,
    ics: String,
}

/// What `words/projection.txt` is told.
#[derive(Serialize)]
struct RuleWords {
    after: &'static str,
    successors: u32,
    months: u32,
}

/// `lifecycle <version>`: the generator named in pages, feeds and JSON.
pub fn generator() -> String {
    format!("lifecycle {}", env!("CARGO_PKG_VERSION"))
}

impl<'a> Ctx<'a> {
    pub fn new(
        site: &'a Site,
        schedule: &'a Schedule,
        opts: &RenderOptions,
    ) -> Result<Self, Diagnostic> {
        let theme = theme::load(&site.templates)?;
        let base_url = opts
            .base_url
            .clone()
            .unwrap_or_else(|| site.config.base_url.clone());
        let urls = Urls::new(&base_url);
        let rule_text = |p: &Projection| {
            let mut tc = Context::new();
            tc.insert(
                "rule",
                &RuleWords {
                    after: p.after.id(),
                    successors: p.successors,
                    months: p.months,
                },
            );
            let mut text = theme
                .tera
                .render("words/projection.txt", &tc)
                .unwrap_or_default();
            text.truncate(text.trim_end().len());
            text
        };
        let views = Views::build(site, schedule, &urls, &rule_text);
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
                as_of: schedule.as_of,
                generator: generator(),
            },
        );
        let assets: BTreeMap<&str, String> = theme
            .asset_paths
            .iter()
            .map(|(name, path)| (name.as_str(), urls.rel(path)))
            .collect();
        shared.insert("assets", &assets);
        shared.insert(
            "feeds",
            &FeedLinks {
                rss: urls.rel(Urls::RSS),
                atom: urls.rel(Urls::ATOM),
                ics: urls.rel(Urls::CALENDAR),
            },
        );
        shared.insert("home_url", &urls.rel(Urls::HOME));
        shared.insert("releases_url", &urls.rel(Urls::RELEASES));
        shared.insert("dependencies_url", &urls.rel(Urls::DEPENDENCIES));
        shared.insert("announcements_url", &urls.rel(Urls::ANNOUNCEMENTS));
        let policy_url = site
            .pages
            .iter()
            .any(|p| p.slug == Urls::POLICY_SLUG)
            .then(|| urls.rel(Urls::POLICY));
        shared.insert("policy_url", &policy_url);
        // Pages that show a projected end of support set this: base.html adds the legend.
        shared.insert("projections", &false);
        let nav = Nav::new(site, &urls);
        let switchers = Switchers::new(site, &urls);
        let mut print = Fingerprint::new();
        for key in [
            "site",
            "assets",
            "feeds",
            "home_url",
            "releases_url",
            "dependencies_url",
            "announcements_url",
            "policy_url",
            "projections",
        ] {
            print.add(key, &shared.get(key));
        }
        Ok(Ctx {
            site,
            schedule,
            urls,
            theme,
            views,
            switchers,
            nav,
            shared,
            memo: None,
            shared_print: print.finish(),
            release_values: (0..site.releases.len()).map(|_| OnceLock::new()).collect(),
            version_values: site
                .dependencies
                .iter()
                .map(|d| d.versions.iter().map(|_| OnceLock::new()).collect())
                .collect(),
            dependency_refs: (0..site.dependencies.len())
                .map(|_| OnceLock::new())
                .collect(),
            announcement_values: (0..schedule.published.len())
                .map(|_| OnceLock::new())
                .collect(),
        })
    }

    /// `views.releases[i]` as a template value (made once per render).
    pub fn release_value(&self, i: usize) -> tera::Value {
        self.release_values[i]
            .get_or_init(|| tera::Value::from_serializable(&self.views.releases[i]))
            .clone()
    }

    /// `views.dependencies[d].versions[v]` as a template value (made once per render).
    pub fn version_value(&self, d: usize, v: usize) -> tera::Value {
        self.version_values[d][v]
            .get_or_init(|| tera::Value::from_serializable(&self.views.dependencies[d].versions[v]))
            .clone()
    }

    /// `site.dependencies[d]` as a template `DepRef` (made once per render).
    pub fn dependency_ref(&self, d: usize) -> tera::Value {
        self.dependency_refs[d]
            .get_or_init(|| {
                let dv = &self.views.dependencies[d];
                tera::Value::from_serializable(&super::view::DepRef {
                    id: dv.id.clone(),
                    name: dv.name.clone(),
                    url: dv.url.clone(),
                })
            })
            .clone()
    }

    /// Reuse the outputs of `memo`'s last build where their inputs are the same.
    pub fn with_memo(mut self, memo: &'a memo::Run<'a>) -> Self {
        self.memo = Some(memo);
        self
    }

    /// An empty page context (fingerprinted when there is a memo).
    pub fn page_context(&self) -> PageContext {
        PageContext {
            tera: Context::new(),
            print: self.memo.map(|_| Fingerprint::new()),
        }
    }

    /// The files of a writer whose every input is `inputs` (plus the shared context):
    /// reused from the last build when those hash the same, else `render`ed.
    pub fn cached<T: Serialize + ?Sized>(
        &self,
        key: &str,
        inputs: &T,
        render: impl FnOnce() -> Result<Vec<Rendered>, Diagnostic>,
    ) -> Result<Vec<Rendered>, Diagnostic> {
        let Some(memo) = self.memo else {
            return render();
        };
        let mut print = Fingerprint::new();
        print.add("shared", &self.shared_print);
        print.add(key, inputs);
        let files = memo.files(key, print.finish(), || {
            render().map(|list| list.into_iter().map(Rendered::into_file).collect())
        })?;
        Ok(files.iter().map(Rendered::from_file).collect())
    }

    /// The context every template starts from.
    pub fn shared(&self) -> Context {
        self.shared.clone()
    }

    pub fn published(&self) -> &[Published] {
        &self.schedule.published
    }

    /// Render the theme template `name`.
    pub fn template(&self, name: &str, ctx: &Context) -> Result<String, Diagnostic> {
        self.theme
            .render(name, ctx)
            .map_err(|e| theme::template_error(&e))
    }

    /// A fragment of words (`words/*.txt`, `derived/*.html`): rendered from the shared
    /// context plus `extra`, its trailing newlines dropped so a template file may end in one.
    pub fn words(&self, name: &str, extra: PageContext) -> Result<String, Diagnostic> {
        let mut ctx = self.shared();
        ctx.extend(extra.tera);
        let mut text = self.template(name, &ctx)?;
        text.truncate(text.trim_end_matches(['\n', '\r']).len());
        Ok(text)
    }

    /// Render an HTML page at URL path `path` (`releases/` or `404.html`) with `template`.
    pub fn html(
        &self,
        path: &str,
        template: &str,
        extra: PageContext,
        links: Vec<SourceLink>,
    ) -> Result<Rendered, Diagnostic> {
        let page_url = self.urls.rel(path);
        let nav = self.nav.for_page(&page_url);
        let render = |extra: Context, nav: tera::Value, links: Vec<SourceLink>| {
            let mut ctx = self.shared();
            ctx.insert_value("nav", nav);
            ctx.insert("page_url", &page_url);
            ctx.insert("canonical", &self.urls.abs(path));
            ctx.extend(extra);
            let html = self.template(template, &ctx)?;
            Ok(Rendered {
                path: Urls::file_of(path),
                bytes: std::sync::Arc::new(html.into_bytes()),
                links,
            })
        };
        let (Some(memo), Some(mut print)) = (self.memo, extra.print) else {
            return render(extra.tera, nav, links);
        };
        // Everything the template sees: the shared context, the page's own values (already
        // in `print`), the navigation, the page URL and the template itself.
        print.add("shared", &self.shared_print);
        print.add("template", template);
        print.add("path", path);
        print.add("nav", &nav);
        print.add("links", &links);
        let files = memo.files(path, print.finish(), || {
            render(extra.tera, nav, links).map(|r| vec![r.into_file()])
        })?;
        Ok(Rendered::from_file(&files[0]))
    }

    /// Markdown with shortcodes rendered, for the page at output path `page` (relative links
    /// resolve against it); errors point into the source file.
    pub fn markdown(
        &self,
        body: &str,
        body_line: u32,
        file: &Path,
        page: &str,
    ) -> Result<(String, Vec<SourceLink>), Diagnostic> {
        let page_url = self.urls.rel(page);
        let render = || {
            markdown::render(body, body_line, &self.urls.root, &page_url, |call| {
                shortcodes::render(self, call)
            })
            .map(|r| (r.html, r.links))
            .map_err(|(pos, msg)| {
                Diagnostic::new(Code::BadShortcode, msg)
                    .in_file(file)
                    .at(Some(pos))
            })
        };
        // Without shortcodes, Markdown depends on nothing but its text and place.
        let (html, links) = match self.memo {
            Some(memo) if !crate::shortcodes::may_call(body) => {
                let mut print = Fingerprint::new();
                print.add("body", body);
                print.add("line", &body_line);
                print.add("root", &self.urls.root);
                print.add("page", &page_url);
                memo.markdown(print.finish(), render)?
            }
            _ => render()?,
        };
        let links = links
            .into_iter()
            .map(|(url, pos)| SourceLink {
                url,
                file: file.to_path_buf(),
                pos,
            })
            .collect();
        Ok((html, links))
    }

    /// What an announcement is about, as people read it.
    pub fn affect_views(&self, p: &Published) -> Vec<AffectView> {
        let product = &self.site.config.product;
        let mut out = Vec::new();
        for a in &p.affects {
            match a {
                Affected::Sdk(v) => {
                    if let Some(i) = self.site.release_index(v) {
                        let rv = &self.views.releases[i];
                        out.push(AffectView {
                            label: format!("{product} {v}"),
                            url: rv.url.clone(),
                            eos: rv.eos,
                            phase: Some(rv.phase),
                        });
                    }
                }
                Affected::Dependency { id, version } => {
                    let Some(d) = self
                        .site
                        .dependency_index
                        .get(id.as_str())
                        .map(|&i| &self.views.dependencies[i])
                    else {
                        continue;
                    };
                    match version {
                        Some(v) => {
                            let dv = d.versions.iter().find(|x| &x.version == v);
                            out.push(AffectView {
                                label: format!("{} {v}", d.name),
                                url: d.url.clone(),
                                eos: dv.and_then(|x| x.eos),
                                phase: dv.map(|x| x.phase),
                            });
                        }
                        None => out.push(AffectView {
                            label: format!("{} (all versions)", d.name),
                            url: d.url.clone(),
                            eos: None,
                            phase: None,
                        }),
                    }
                }
            }
        }
        out
    }

    pub fn announcement_view(&self, p: &Published) -> AnnouncementView {
        AnnouncementView {
            slug: p.slug.clone(),
            url: self.urls.rel(&Urls::announcement(&p.slug)),
            title: p.title.clone(),
            date: p.date,
            derived: p.is_derived(),
            eos: p.eos,
            affects: self.affect_views(p),
            superseded: p.superseded_by.is_some(),
        }
    }

    /// Announcements about an SDK version or a dependency (any of its versions), newest
    /// first, as template `AnnouncementView`s (each made once per render).
    pub fn announcements_about(&self, target: &Affected) -> Vec<tera::Value> {
        let about = &self.schedule.about;
        let list = match target {
            Affected::Sdk(v) => about.sdk(v),
            Affected::Dependency { id, .. } => about.dependency(id),
        };
        list.iter().map(|&j| self.announcement_value(j)).collect()
    }

    /// The `AnnouncementView` of `published()[j]` as a template value (made once per render).
    pub fn announcement_value(&self, j: usize) -> tera::Value {
        self.announcement_values[j]
            .get_or_init(|| {
                tera::Value::from_serializable(&self.announcement_view(&self.published()[j]))
            })
            .clone()
    }
}
