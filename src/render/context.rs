//! The render context: everything pages read, built once per render and shared read-only by
//! every page module (`pages/`). Pages never reach into one another: what two pages share
//! (views, navigation, announcement lists, Markdown) is here.

use super::markdown;
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
        let switchers = Switchers::new(site, &views, &urls);
        Ok(Ctx {
            site,
            schedule,
            urls,
            theme,
            views,
            switchers,
            nav,
            shared,
        })
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
            .tera
            .render(name, ctx)
            .map_err(|e| theme::template_error(&e))
    }

    /// A fragment of words (`words/*.txt`, `derived/*.html`): rendered from the shared
    /// context plus `extra`, its trailing newlines dropped so a template file may end in one.
    pub fn words(&self, name: &str, extra: Context) -> Result<String, Diagnostic> {
        let mut ctx = self.shared();
        ctx.extend(extra);
        let mut text = self.template(name, &ctx)?;
        text.truncate(text.trim_end_matches(['\n', '\r']).len());
        Ok(text)
    }

    /// Render an HTML page at URL path `path` (`releases/` or `404.html`) with `template`.
    pub fn html(
        &self,
        path: &str,
        template: &str,
        extra: Context,
        links: Vec<SourceLink>,
    ) -> Result<Rendered, Diagnostic> {
        let mut ctx = self.shared();
        let page_url = self.urls.rel(path);
        ctx.insert_value("nav", self.nav.for_page(&page_url));
        ctx.insert("page_url", &page_url);
        ctx.insert("canonical", &self.urls.abs(path));
        ctx.extend(extra);
        let html = self.template(template, &ctx)?;
        Ok(Rendered {
            path: Urls::file_of(path),
            bytes: html.into_bytes(),
            links,
        })
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
        let r = markdown::render(body, body_line, &self.urls.root, &page_url, |call| {
            shortcodes::render(self, call)
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

    /// Announcements about an SDK version or a dependency (any of its versions), newest first.
    pub fn announcements_about(&self, target: &Affected) -> Vec<AnnouncementView> {
        let about = &self.schedule.about;
        let list = match target {
            Affected::Sdk(v) => about.sdk(v),
            Affected::Dependency { id, .. } => about.dependency(id),
        };
        list.iter()
            .map(|&i| self.announcement_view(&self.published()[i]))
            .collect()
    }
}
