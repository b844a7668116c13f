//! Fingerprints of the site's parts, computed once per incremental render (`serve`), from
//! which the keys of the outputs that are costly to even prepare are made (the methods of
//! `Prints`, used by `render::job_key`). Each key lists what its output reads, so an edit
//! re-renders exactly the outputs whose inputs it changed; `tests/incremental` (and
//! `tests/serve/incremental.rs`, over HTTP) check the lists against fresh builds.

use super::context::Ctx;
use super::memo::Fingerprint;
use crate::announcements::Source;
use crate::model::Affected;
use rayon::prelude::*;

pub struct Prints {
    /// `views.releases[i]`: what lists, neighbours and advice show of a release.
    pub view: Vec<u64>,
    /// What calendars, feeds, the finder and the endoflife.date API show of a release: the
    /// view without its summary.
    pub view_life: Vec<u64>,
    /// `site.releases[i]` as written (dates, summary, What's New, components, packages).
    pub release: Vec<u64>,
    /// The components of `site.releases[i]`.
    pub components: Vec<u64>,
    /// `views.dependencies[d]` with every version's view, and its identifiers.
    pub dependency: Vec<u64>,
    /// Id, name, URL and kind of every dependency, and the site's kinds.
    pub dependency_refs: u64,
    /// `schedule.published[j]` and its view (with the phases of what it affects).
    pub published: Vec<u64>,
    /// The switcher of each release line.
    pub lines: Vec<u64>,
    /// The pages the navigation lists (every HTML page shows it).
    pub nav: u64,
    /// All of the above: for Markdown with shortcodes, which may show anything.
    pub all: u64,
}

impl Prints {
    pub fn new(ctx: &Ctx) -> Prints {
        let site = ctx.site;
        let view: Vec<u64> = ctx
            .views
            .releases
            .par_iter()
            .map(|v| print(|f| f.add("v", v)))
            .collect();
        let view_life: Vec<u64> = ctx
            .views
            .releases
            .par_iter()
            .map(|v| {
                print(|f| {
                    f.add(
                        "v",
                        &(&v.version, &v.url, v.released, v.eos_announced, v.eos),
                    );
                    f.add(
                        "p",
                        &(v.eos_projected, v.eos_begun, &v.eos_rule, v.phase.id),
                    );
                    f.add("l", &v.is_latest);
                })
            })
            .collect();
        let release: Vec<u64> = site
            .releases
            .par_iter()
            .map(|r| print(|f| f.add_hash("r", r)))
            .collect();
        let components: Vec<u64> = site
            .releases
            .par_iter()
            .map(|r| print(|f| f.add_hash("c", &r.components)))
            .collect();
        let dependency: Vec<u64> = ctx
            .views
            .dependencies
            .par_iter()
            .zip(&site.dependencies)
            .map(|(v, d)| {
                print(|f| {
                    f.add("v", v);
                    f.add_hash("ids", &d.identifiers);
                })
            })
            .collect();
        let dependency_refs = print(|f| {
            for d in &ctx.views.dependencies {
                f.add("d", &(&d.id, &d.name, &d.url, &d.kind, &d.kind_label));
            }
            f.add("kinds", &site.config.kinds);
        });
        let published: Vec<u64> = ctx
            .published()
            .par_iter()
            .map(|p| {
                print(|f| {
                    f.add_hash("p", p);
                    f.add("view", &ctx.announcement_view(p));
                })
            })
            .collect();
        let lines = ctx.switchers.prints(site, &ctx.views);
        let nav = print(|f| {
            for p in site
                .pages
                .iter()
                .chain(site.revision_pages.iter().map(|r| &r.page))
            {
                f.add("page", &(&p.slug, &p.title, p.weight, &p.template));
            }
        });
        let all = print(|f| {
            f.add("view", &view);
            f.add("release", &release);
            f.add("dependency", &dependency);
            f.add("published", &published);
            f.add("lines", &lines);
            f.add_hash("events", &ctx.schedule.events);
            f.add_hash("pages", &site.pages);
        });
        Prints {
            view,
            view_life,
            release,
            components,
            dependency,
            dependency_refs,
            published,
            lines,
            nav,
            all,
        }
    }

    /// The key of release page `i` (and its badges): what `pages::release` and
    /// `pages::badges` read.
    pub fn release_page(&self, ctx: &Ctx, i: usize) -> u64 {
        let site = ctx.site;
        let r = &site.releases[i];
        print(|f| {
            f.add("view", &self.view[i]);
            f.add("release", &self.release[i]);
            f.add("prev", &i.checked_sub(1).map(|p| self.view[p]));
            f.add("next", &self.view.get(i + 1));
            f.add(
                "line",
                &ctx.switchers.print_for_release(site, i, &self.lines),
            );
            for c in &r.components {
                f.add(
                    "component",
                    &site
                        .dependency_index
                        .get(&c.dependency)
                        .map(|&d| self.dependency[d]),
                );
            }
            for &j in ctx.schedule.about.sdk(&r.version) {
                f.add("about", &self.published[j]);
            }
            // The banner names the latest release; advice the supported ones to move to
            // and what their contents change.
            f.add("latest", &ctx.views.latest.map(|l| self.view[l]));
            let major = r.version.major;
            for t in [
                ctx.views.newest_supported,
                ctx.views.newest_supported_of_major.get(&major).copied(),
            ]
            .into_iter()
            .flatten()
            {
                f.add("target", &(self.view[t], self.release[t]));
            }
            f.add("refs", &self.dependency_refs);
            f.add("nav", &self.nav);
            if r.whats_new
                .as_ref()
                .is_some_and(|(md, _)| crate::shortcodes::may_call(md))
            {
                f.add("all", &self.all);
            }
        })
    }

    /// The key of the page of published announcement `j` (`announcements::page`): it, its
    /// body, and the announcements it corrects or is corrected by.
    pub fn announcement_page(&self, ctx: &Ctx, j: usize, body: u64) -> u64 {
        let p = &ctx.published()[j];
        let about = &ctx.schedule.about;
        let linked = |slug: &Option<String>| {
            slug.as_deref()
                .and_then(|s| about.index_of(s))
                .map(|i| self.published[i])
        };
        print(|f| {
            f.add("published", &self.published[j]);
            f.add("body", &body);
            f.add("supersedes", &linked(&p.supersedes));
            f.add("superseded_by", &linked(&p.superseded_by));
            f.add("nav", &self.nav);
        })
    }

    /// The key of the body of published announcement `j`: what `announcements::body` reads.
    pub fn body(&self, ctx: &Ctx, j: usize) -> u64 {
        let p = &ctx.published()[j];
        print(|f| {
            f.add("published", &self.published[j]);
            match p.source {
                Source::File(i) => {
                    let a = &ctx.site.announcements[i];
                    f.add("body", &a.body);
                    f.add("line", &a.body_line);
                    f.add_hash("file", &a.file);
                    if crate::shortcodes::may_call(&a.body) {
                        f.add("all", &self.all);
                    }
                }
                Source::Sdk(i) => {
                    f.add("release", &self.view[i]);
                    f.add("latest", &ctx.views.latest.map(|l| self.view[l]));
                }
                Source::Dependency(d, _) => f.add("dependency", &self.dependency[d]),
            }
            for a in &p.affects {
                if let Affected::Sdk(v) = a {
                    f.add("sdk", &ctx.site.release_index(v).map(|i| self.view[i]));
                }
            }
        })
    }
}

impl Prints {
    /// The endoflife.date-compatible API (`pages::endoflife`).
    pub fn endoflife(&self, ctx: &Ctx) -> u64 {
        let c = &ctx.site.config;
        print(|f| {
            f.add("views", &self.view_life);
            f.add("components", &self.components);
            f.add("dependencies", &self.dependency);
            f.add("api", &(&c.api_product, &c.api_category, &c.product));
            f.add("latest", &ctx.views.latest);
        })
    }

    /// The calendars (`pages::calendar`): events, their SEQUENCE (announcements) and status.
    pub fn calendar(&self, ctx: &Ctx) -> u64 {
        let c = &ctx.site.config;
        print(|f| {
            f.add_hash("events", &ctx.schedule.events);
            f.add_hash("rules", &ctx.schedule.projections.release_rules);
            f.add_hash(
                "dependency rules",
                &ctx.schedule.projections.dependency_rules,
            );
            f.add("published", &self.published);
            f.add("views", &self.view_life);
            f.add("dependencies", &self.dependency);
            f.add("site", &(&c.base_url, &c.title, &c.product));
        })
    }

    /// The feeds (`pages::feeds`): announcements with their bodies, and reminders.
    pub fn feeds(&self, ctx: &Ctx, bodies: &[u64]) -> u64 {
        let c = &ctx.site.config;
        print(|f| {
            f.add("published", &self.published);
            f.add("bodies", bodies);
            f.add_hash("reminders", &ctx.schedule.reminders);
            f.add_hash("events", &ctx.schedule.events);
            f.add("views", &self.view_life);
            f.add("dependencies", &self.dependency);
            f.add("site", &(&c.base_url, &c.title, &c.product, &c.description));
            f.add("feed", &(c.feed_items, &c.reminders_days, &c.language));
        })
    }

    /// `api/releases.json` (`api::releases`): every release's view and data.
    pub fn api_releases(&self) -> u64 {
        print(|f| {
            f.add("views", &self.view);
            f.add("releases", &self.release);
        })
    }

    /// `api/dependencies.json` (`api::dependencies`): every dependency's view.
    pub fn api_dependencies(&self) -> u64 {
        print(|f| f.add("dependencies", &self.dependency))
    }

    /// `api/announcements.json` (`api::announcements`): every published announcement.
    pub fn api_announcements(&self) -> u64 {
        print(|f| f.add("published", &self.published))
    }

    /// The announcements list (`announcements::list`): every published announcement's view.
    pub fn announcements_list(&self) -> u64 {
        print(|f| {
            f.add("published", &self.published);
            f.add("nav", &self.nav);
        })
    }

    /// The dependencies list (`dependencies::list`): every dependency's view, by kind.
    pub fn dependencies_list(&self) -> u64 {
        print(|f| {
            f.add("dependencies", &self.dependency);
            f.add("refs", &self.dependency_refs);
            f.add("nav", &self.nav);
        })
    }

    /// The page of dependency `d` (`dependencies::page`): its view (with every version's)
    /// and the announcements about it.
    pub fn dependency_page(&self, ctx: &Ctx, d: usize) -> u64 {
        let id = &ctx.site.dependencies[d].id;
        print(|f| {
            f.add("dependency", &self.dependency[d]);
            for &j in ctx.schedule.about.dependency(id) {
                f.add("about", &self.published[j]);
            }
            f.add("nav", &self.nav);
        })
    }

    /// The compatibility finder (`pages::compatibility`).
    pub fn compatibility(&self) -> u64 {
        print(|f| {
            f.add("views", &self.view_life);
            f.add("components", &self.components);
            f.add("dependencies", &self.dependency);
            f.add("refs", &self.dependency_refs);
            f.add("nav", &self.nav);
        })
    }
}

fn print(add: impl FnOnce(&mut Fingerprint)) -> u64 {
    let mut f = Fingerprint::new();
    add(&mut f);
    f.finish()
}
