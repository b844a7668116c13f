//! EOS communications: announcement pages, RSS/Atom feeds (site-wide and per dependency),
//! the iCalendar file, the JSON API and status badges. Part of the pure render stage.

use super::api::{ShieldsEndpoint, badge_color, to_json};
use super::calendar::{self, CalEvent};
use super::feeds::{self, Channel, Item};
use super::markdown::escape_html;
use super::urls::Urls;
use super::view::PhaseView;
use super::{Bodies, Rendered, Renderer, SourceLink};
use crate::announcements::{Published, Source, dashed};
use crate::diagnostics::Diagnostic;
use crate::lifecycle::Phase;
use crate::model::Affected;
use chrono::NaiveDate;
use serde::Serialize;
use tera::Context;

/// One thing an announcement is about, as shown to people.
#[derive(Clone, Serialize)]
pub(super) struct AffectView {
    pub label: String,
    pub url: String,
    pub eos: Option<NaiveDate>,
    pub phase: Option<PhaseView>,
}

/// An announcement in lists (index, release and dependency pages).
#[derive(Clone, Serialize)]
pub(super) struct AnnouncementView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub date: NaiveDate,
    pub derived: bool,
    pub eos: Option<NaiveDate>,
    pub affects: Vec<AffectView>,
    pub superseded: bool,
}

#[derive(Serialize)]
struct LinkView {
    title: String,
    url: String,
    date: NaiveDate,
}

/// `s` as literal Markdown inline text, for the README snippet of a badge: a backslash
/// before every character that could start markup (a `]` would end the alt text early, a
/// `<` open raw HTML, a `&` an entity).
pub(super) fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '[' | ']' | '<' | '>' | '&' | '`' | '*' | '_' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Root-relative `href`/`src` values of `html` made absolute: feed readers resolve links
/// against the feed, not the site. Protocol-relative `//host/...` URLs are left alone (with
/// a root of `/`, a plain text replacement would turn them into `https://site//host/...`).
fn absolute_links(html: &str, root: &str, base_url: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = ["href=\"", "src=\""]
            .iter()
            .filter_map(|attr| rest.find(attr).map(|i| i + attr.len()))
            .min();
        let Some(at) = next else {
            out.push_str(rest);
            return out;
        };
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        match tail.strip_prefix(root) {
            Some(path) if !path.starts_with('/') => {
                out.push_str(base_url);
                rest = path;
            }
            _ => rest = tail,
        }
    }
}

impl Renderer<'_> {
    fn affect_views(&self, p: &Published) -> Vec<AffectView> {
        let product = &self.site.config.product;
        let mut out = Vec::new();
        for a in &p.affects {
            match a {
                Affected::Sdk(v) => {
                    if let Ok(i) = self.site.releases.binary_search_by(|r| r.version.cmp(v)) {
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

    pub(super) fn announcement_view(&self, p: &Published) -> AnnouncementView {
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
    pub(super) fn announcements_about(&self, target: &Affected) -> Vec<AnnouncementView> {
        let list = match target {
            Affected::Sdk(v) => self.about.sdk(v),
            Affected::Dependency { id, .. } => self.about.dependency(id),
        };
        list.iter()
            .map(|&i| self.announcement_view(&self.published[i]))
            .collect()
    }

    /// The body of an announcement as HTML: its Markdown, or text made from the data.
    pub(super) fn announcement_body(
        &self,
        p: &Published,
    ) -> Result<(String, Vec<SourceLink>), Diagnostic> {
        let product = &self.site.config.product;
        match p.source {
            Source::File(i) => {
                let a = &self.site.announcements[i];
                let file = a.file.clone().unwrap_or_default();
                self.markdown(&a.body, a.body_line, &file)
            }
            Source::Sdk(i) => {
                let r = &self.site.releases[i];
                let rv = &self.views.releases[i];
                let mut html = format!(
                    "<p>{} {}, released {}, ",
                    escape_html(product),
                    escape_html(&rv.version),
                    r.released.date
                );
                match rv.eos {
                    Some(e) => html.push_str(&format!("reaches end of support on {e}. After that date it receives no more fixes or security updates.</p>")),
                    None => html.push_str("will reach end of support; the date will be announced.</p>"),
                }
                if let Some(l) = self
                    .views
                    .latest
                    .map(|l| &self.views.releases[l])
                    .filter(|l| l.version != rv.version)
                {
                    html.push_str(&format!(
                        "<p>Upgrade to the latest release, <a href=\"{}\">{} {}</a>.</p>",
                        escape_html(&l.url),
                        escape_html(product),
                        escape_html(&l.version)
                    ));
                }
                html.push_str(&format!(
                    "<p>See the <a href=\"{}\">{} {} lifecycle</a>.</p>",
                    escape_html(&rv.url),
                    escape_html(product),
                    escape_html(&rv.version)
                ));
                Ok((html, Vec::new()))
            }
            Source::Dependency(di, vi) => {
                let d = &self.site.dependencies[di];
                let v = &d.versions[vi];
                let dv = &self.views.dependencies[di];
                let view = dv.versions.iter().find(|x| x.version == v.version);
                let label = format!("{} {}", escape_html(&d.name), escape_html(&v.version));
                let mut html = String::from("<p>");
                if let Some(m) = v.maintenance {
                    html.push_str(&format!("{label} enters maintenance on {}. ", m.date));
                }
                match v.eos {
                    Some(e) => html.push_str(&format!("End of support for {label} on {}", e.date)),
                    None => html.push_str(&format!(
                        "End of support for {label} is announced; the date will follow"
                    )),
                }
                match view.and_then(|x| x.last_sdk.as_ref()) {
                    Some(last) => html.push_str(&format!(
                        "; last {} version that ships it: <a href=\"{}\">{}</a>.",
                        escape_html(product),
                        escape_html(&last.url),
                        escape_html(&last.version)
                    )),
                    None => html.push('.'),
                }
                html.push_str("</p>");
                if let Some((removed, _)) = &v.removed_in {
                    html.push_str(&format!(
                        "<p>It is no longer supported starting with <a href=\"{}\">{} {removed}</a>.</p>",
                        escape_html(&self.urls.rel(&Urls::release(removed))),
                        escape_html(product)
                    ));
                }
                html.push_str(&format!(
                    "<p>See the <a href=\"{}\">{} lifecycle</a>.</p>",
                    escape_html(&dv.url),
                    escape_html(&d.name)
                ));
                Ok((html, Vec::new()))
            }
        }
    }

    pub(super) fn render_announcements(&self) -> Result<Rendered, Diagnostic> {
        let list: Vec<AnnouncementView> = self
            .published
            .iter()
            .map(|p| self.announcement_view(p))
            .collect();
        let mut ctx = Context::new();
        ctx.insert("announcements", &list);
        self.html("announcements/", "announcements.html", ctx, Vec::new())
    }

    pub(super) fn render_announcement(
        &self,
        i: usize,
        bodies: &Bodies,
    ) -> Result<Rendered, Diagnostic> {
        let p = &self.published[i];
        let link = |slug: &Option<String>| {
            slug.as_deref()
                .and_then(|s| self.about.by_slug(&self.published, s))
                .map(|q| LinkView {
                    title: q.title.clone(),
                    url: self.urls.rel(&Urls::announcement(&q.slug)),
                    date: q.date,
                })
        };
        #[derive(Serialize)]
        struct Page {
            #[serde(flatten)]
            base: AnnouncementView,
            content: String,
            supersedes: Option<LinkView>,
            superseded_by: Option<LinkView>,
            correction: Option<String>,
        }
        let page = Page {
            base: self.announcement_view(p),
            content: bodies[i].0.clone(),
            supersedes: link(&p.supersedes),
            superseded_by: link(&p.superseded_by),
            correction: self.correction_text(p),
        };
        let mut ctx = Context::new();
        ctx.insert("announcement", &page);
        self.html(
            &Urls::announcement(&p.slug),
            "announcement.html",
            ctx,
            Vec::new(),
        )
    }

    /// What a correction changed, in words: "End of support moves from A to B."
    fn correction_text(&self, p: &Published) -> Option<String> {
        let old = self
            .about
            .by_slug(&self.published, p.supersedes.as_deref()?)?;
        Some(match (old.eos, p.eos) {
            (Some(a), Some(b)) if a != b => {
                format!(
                    "This corrects the announcement of {} (“{}”): end of support moves from {a} to {b}.",
                    old.date, old.title
                )
            }
            // The original named no date: the correction is what sets it.
            (None, Some(b)) => format!(
                "This corrects the announcement of {} (“{}”): end of support is set for {b}.",
                old.date, old.title
            ),
            _ => format!(
                "This corrects the announcement of {} (“{}”).",
                old.date, old.title
            ),
        })
    }

    /// Feed items: published announcements and the "EOS in N days" reminders that are due.
    fn feed_items(&self, bodies: &Bodies) -> Vec<Item> {
        let product = &self.site.config.product;
        let mut items: Vec<Item> = Vec::new();
        // Feed readers resolve links against the feed, not the site: make them absolute.
        for (p, (html, _)) in self.published.iter().zip(bodies) {
            let html = absolute_links(html, &self.urls.root, &self.urls.base_url);
            let url = self.urls.abs(&Urls::announcement(&p.slug));
            let views = self.affect_views(p);
            let description = match self.correction_text(p) {
                Some(c) => format!("<p><strong>{}</strong></p>{html}", escape_html(&c)),
                None => html,
            };
            items.push(Item {
                title: p.title.clone(),
                link: url.clone(),
                guid: url,
                date: p.date,
                description,
                categories: views.into_iter().map(|v| v.label).collect(),
                dependencies: p
                    .affects
                    .iter()
                    .filter_map(|a| match a {
                        Affected::Dependency { id, .. } => Some(id.clone()),
                        Affected::Sdk(_) => None,
                    })
                    .collect(),
            });
        }
        // Each N once: `reminders_days: [30, 30]` must not give two items with one guid.
        let days: std::collections::BTreeSet<u32> =
            self.site.config.reminders_days.iter().copied().collect();
        // `announced` is the version's announcement date (eos_announced / announced), if any.
        let mut reminder = |label: String,
                            version: &str,
                            path: String,
                            eos: NaiveDate,
                            announced: Option<NaiveDate>,
                            dep: Option<&str>| {
            for &n in days.iter().rev() {
                let date = eos - chrono::Days::new(u64::from(n));
                // Not before its day (no future-dated items), and not dated before the end
                // of support was announced: a short notice would otherwise bring, on the
                // announcement day, a backdated "in 90 days" that was never true, and a
                // future-dated announcement would be pre-empted by its own reminder.
                if date > self.as_of || announced.is_some_and(|a| date < a) {
                    continue;
                }
                let link = self.urls.abs(&path);
                items.push(Item {
                    title: format!("{label} reaches end of support in {n} days"),
                    guid: format!("{link}#eos-in-{n}-{}", dashed(version)),
                    link,
                    date,
                    description: format!(
                        "<p>{} reaches end of support on {eos}.</p>",
                        escape_html(&label)
                    ),
                    categories: vec![label.clone()],
                    dependencies: dep.map(|d| vec![d.to_string()]).unwrap_or_default(),
                });
            }
        };
        for r in &self.site.releases {
            if let Some(eos) = r.eos {
                reminder(
                    format!("{product} {}", r.version),
                    &r.version.to_string(),
                    Urls::release(&r.version),
                    eos.date,
                    r.eos_announced.map(|d| d.date),
                    None,
                );
            }
        }
        for d in &self.site.dependencies {
            for v in &d.versions {
                if let Some(eos) = v.eos {
                    reminder(
                        format!("{} {}", d.name, v.version),
                        &v.version,
                        Urls::dependency(&d.id),
                        eos.date,
                        v.announced.map(|d| d.date),
                        Some(&d.id),
                    );
                }
            }
        }
        items.sort_by(|a, b| (b.date, &a.guid).cmp(&(a.date, &b.guid)));
        items
    }

    pub(super) fn render_feeds(&self, bodies: &Bodies) -> Vec<Rendered> {
        let c = &self.site.config;
        let items = self.feed_items(bodies);
        let cap = c.feed_items;
        let generator = format!("lifecycle {}", env!("CARGO_PKG_VERSION"));
        let title = format!("{}: end-of-support announcements", c.title);
        let description = c
            .description
            .clone()
            .unwrap_or_else(|| format!("End-of-support communications for {}", c.product));
        let home = self.urls.abs("");
        let channel = |title: &str, link: &str, self_path: &str| {
            let self_url = self.urls.abs(self_path);
            (title.to_string(), link.to_string(), self_url)
        };
        let mut out = Vec::new();
        let top: Vec<Item> = items.iter().take(cap).cloned().collect();
        let (t, l, rss_self) = channel(&title, &home, "rss.xml");
        let ch = Channel {
            title: &t,
            description: &description,
            link: &l,
            self_url: &rss_self,
            language: &c.language,
            as_of: self.as_of,
            generator: &generator,
            author: &c.product,
        };
        out.push(Rendered {
            path: "rss.xml".into(),
            bytes: feeds::rss(&ch, &top),
            links: Vec::new(),
        });
        let atom_self = self.urls.abs("atom.xml");
        let ch = Channel {
            self_url: &atom_self,
            ..ch
        };
        out.push(Rendered {
            path: "atom.xml".into(),
            bytes: feeds::atom(&ch, &top),
            links: Vec::new(),
        });
        for d in &self.site.dependencies {
            let mine: Vec<Item> = items
                .iter()
                .filter(|i| i.dependencies.contains(&d.id))
                .take(cap)
                .cloned()
                .collect();
            let path = format!("{}rss.xml", Urls::dependency(&d.id));
            let title = format!("{}: {} end-of-support announcements", c.title, d.name);
            let (t, l, s) = channel(&title, &self.urls.abs(&Urls::dependency(&d.id)), &path);
            let desc = format!(
                "End-of-support communications for {} in {}",
                d.name, c.product
            );
            let ch = Channel {
                title: &t,
                description: &desc,
                link: &l,
                self_url: &s,
                language: &c.language,
                as_of: self.as_of,
                generator: &generator,
                author: &c.product,
            };
            out.push(Rendered {
                path,
                bytes: feeds::rss(&ch, &mine),
                links: Vec::new(),
            });
        }
        out
    }

    pub(super) fn render_calendar(&self) -> Rendered {
        let host = calendar::uid_host(&self.site.config.base_url);
        let product = &self.site.config.product;
        let mut events = Vec::new();
        for r in &self.site.releases {
            if let Some(eos) = r.eos {
                let label = format!("{product} {}", r.version);
                events.push(CalEvent {
                    uid: format!("sdk-{}-eos@{host}", r.version),
                    summary: format!("{label}: end of support"),
                    description: format!("{label} reaches end of support on {}.", eos.date),
                    date: eos.date,
                    url: self.urls.abs(&Urls::release(&r.version)),
                    sequence: self
                        .about
                        .sequence(&self.published, &Affected::Sdk(r.version.clone())),
                });
            }
        }
        for d in &self.site.dependencies {
            for v in &d.versions {
                let label = format!("{} {}", d.name, v.version);
                let seq = self.about.sequence(
                    &self.published,
                    &Affected::Dependency {
                        id: d.id.clone(),
                        version: Some(v.version.clone()),
                    },
                );
                let url = self.urls.abs(&Urls::dependency(&d.id));
                if let Some(m) = v.maintenance {
                    events.push(CalEvent {
                        uid: format!("{}-{}-maintenance@{host}", d.id, v.version),
                        summary: format!("{label}: maintenance starts"),
                        description: format!("{label} enters maintenance on {}.", m.date),
                        date: m.date,
                        url: url.clone(),
                        sequence: seq,
                    });
                }
                if let Some(eos) = v.eos {
                    events.push(CalEvent {
                        uid: format!("{}-{}-eos@{host}", d.id, v.version),
                        summary: format!("{label}: end of support"),
                        description: format!("{label} reaches end of support on {}.", eos.date),
                        date: eos.date,
                        url,
                        sequence: seq,
                    });
                }
            }
        }
        events.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
        let name = format!("{}: end-of-support dates", self.site.config.title);
        Rendered {
            path: "eos.ics".into(),
            bytes: calendar::render(&name, &events, self.as_of),
            links: Vec::new(),
        }
    }

    pub(super) fn render_api(&self) -> Vec<Rendered> {
        let generator = format!("lifecycle {}", env!("CARGO_PKG_VERSION"));
        #[derive(Serialize)]
        struct Doc<'a, T: Serialize> {
            generator: &'a str,
            as_of: NaiveDate,
            #[serde(flatten)]
            body: T,
        }
        #[derive(Serialize)]
        struct ApiRelease<'a> {
            version: &'a str,
            url: String,
            released: NaiveDate,
            eos_announced: Option<NaiveDate>,
            eos: Option<NaiveDate>,
            phase: &'static str,
            phase_label: &'static str,
            latest: bool,
            summary: Option<&'a str>,
            components: std::collections::BTreeMap<&'a str, Vec<&'a str>>,
            packages: Vec<ApiPackage<'a>>,
        }
        #[derive(Serialize)]
        struct ApiPackage<'a> {
            name: &'a str,
            version: &'a str,
        }
        let releases: Vec<ApiRelease> = self
            .site
            .releases
            .iter()
            .zip(&self.views.releases)
            .rev()
            .map(|(r, v)| ApiRelease {
                version: &v.version,
                url: self.urls.abs(&Urls::release(&r.version)),
                released: v.released,
                eos_announced: v.eos_announced,
                eos: v.eos,
                phase: v.phase.id,
                phase_label: v.phase.label,
                latest: v.is_latest,
                summary: v.summary.as_deref(),
                components: r
                    .components
                    .iter()
                    .map(|c| {
                        (
                            c.dependency.as_str(),
                            c.versions.iter().map(|(v, _)| v.as_str()).collect(),
                        )
                    })
                    .collect(),
                packages: r
                    .packages
                    .iter()
                    .map(|p| ApiPackage {
                        name: &p.name,
                        version: &p.version,
                    })
                    .collect(),
            })
            .collect();
        #[derive(Serialize)]
        struct ApiDependency<'a> {
            id: &'a str,
            name: &'a str,
            kind: &'a str,
            kind_label: &'a str,
            homepage: Option<&'a str>,
            url: String,
            versions: Vec<ApiDependencyVersion<'a>>,
        }
        #[derive(Serialize)]
        struct ApiDependencyVersion<'a> {
            version: &'a str,
            phase: &'static str,
            phase_label: &'static str,
            supported: Option<NaiveDate>,
            announced: Option<NaiveDate>,
            maintenance: Option<NaiveDate>,
            eos: Option<NaiveDate>,
            removed_in: Option<&'a str>,
            first_sdk: Option<&'a str>,
            last_sdk: Option<&'a str>,
        }
        let dependencies: Vec<ApiDependency> = self
            .views
            .dependencies
            .iter()
            .map(|d| ApiDependency {
                id: &d.id,
                name: &d.name,
                kind: &d.kind,
                kind_label: &d.kind_label,
                homepage: d.homepage.as_deref(),
                url: self.urls.abs(&Urls::dependency(&d.id)),
                versions: d
                    .versions
                    .iter()
                    .map(|v| ApiDependencyVersion {
                        version: &v.version,
                        phase: v.phase.id,
                        phase_label: v.phase.label,
                        supported: v.supported,
                        announced: v.announced,
                        maintenance: v.maintenance,
                        eos: v.eos,
                        removed_in: v.removed_in.as_deref(),
                        first_sdk: v.first_sdk.as_ref().map(|s| s.version.as_str()),
                        last_sdk: v.last_sdk.as_ref().map(|s| s.version.as_str()),
                    })
                    .collect(),
            })
            .collect();
        #[derive(Serialize)]
        #[serde(untagged)]
        enum ApiAffect<'a> {
            Sdk {
                sdk: String,
            },
            Dependency {
                dependency: &'a str,
                version: Option<&'a str>,
            },
        }
        #[derive(Serialize)]
        struct ApiAnnouncement<'a> {
            slug: &'a str,
            title: &'a str,
            date: NaiveDate,
            url: String,
            derived: bool,
            eos: Option<NaiveDate>,
            affects: Vec<ApiAffect<'a>>,
            supersedes: Option<&'a str>,
            superseded_by: Option<&'a str>,
        }
        let announcements: Vec<ApiAnnouncement> = self
            .published
            .iter()
            .map(|p| ApiAnnouncement {
                slug: &p.slug,
                title: &p.title,
                date: p.date,
                url: self.urls.abs(&Urls::announcement(&p.slug)),
                derived: p.is_derived(),
                eos: p.eos,
                affects: p
                    .affects
                    .iter()
                    .map(|a| match a {
                        Affected::Sdk(v) => ApiAffect::Sdk { sdk: v.to_string() },
                        Affected::Dependency { id, version } => ApiAffect::Dependency {
                            dependency: id,
                            version: version.as_deref(),
                        },
                    })
                    .collect(),
                supersedes: p.supersedes.as_deref(),
                superseded_by: p.superseded_by.as_deref(),
            })
            .collect();
        #[derive(Serialize)]
        struct R<T> {
            releases: T,
        }
        #[derive(Serialize)]
        struct D<T> {
            dependencies: T,
        }
        #[derive(Serialize)]
        struct A<T> {
            announcements: T,
        }
        let doc = |body| Doc {
            generator: &generator,
            as_of: self.as_of,
            body,
        };
        vec![
            Rendered {
                path: "api/v1/releases.json".into(),
                bytes: to_json(&doc(R { releases })),
                links: Vec::new(),
            },
            Rendered {
                path: "api/v1/dependencies.json".into(),
                bytes: to_json(&Doc {
                    generator: &generator,
                    as_of: self.as_of,
                    body: D { dependencies },
                }),
                links: Vec::new(),
            },
            Rendered {
                path: "api/v1/announcements.json".into(),
                bytes: to_json(&Doc {
                    generator: &generator,
                    as_of: self.as_of,
                    body: A { announcements },
                }),
                links: Vec::new(),
            },
        ]
    }

    /// `badges/<X.Y.Z>.svg` (from the theme's `badge.svg`) and the shields.io endpoint JSON.
    pub(super) fn render_badge(&self, i: usize) -> Result<Vec<Rendered>, Diagnostic> {
        let rv = &self.views.releases[i];
        let label = format!("{} {}", self.site.config.product, rv.version);
        let message = match (rv.phase_value, rv.eos) {
            (Phase::Supported | Phase::Announced, Some(e)) => {
                format!("{} until {e}", rv.phase.label)
            }
            (Phase::EndOfSupport, Some(e)) => format!("{} since {e}", rv.phase.label),
            _ => rv.phase.label.to_string(),
        };
        let color = badge_color(rv.phase.id);
        let json = ShieldsEndpoint {
            schema_version: 1,
            label: label.clone(),
            message: message.clone(),
            color,
        };
        // Width from character counts: good enough for a system font at 11px.
        let text_width = |s: &str| s.chars().count() as i64 * 7 + 10;
        #[derive(Serialize)]
        struct Badge {
            label: String,
            message: String,
            color: String,
            label_width: i64,
            message_width: i64,
            phase: PhaseView,
        }
        let badge = Badge {
            label_width: text_width(&label),
            message_width: text_width(&message),
            label,
            message,
            color: format!("#{color}"),
            phase: rv.phase,
        };
        let mut ctx = self.shared.clone();
        ctx.insert("badge", &badge);
        let svg = self
            .theme
            .tera
            .render("badge.svg", &ctx)
            .map_err(|e| super::theme::template_error(&e))?;
        Ok(vec![
            Rendered {
                path: format!("badges/{}.json", rv.version),
                bytes: to_json(&json),
                links: Vec::new(),
            },
            Rendered {
                path: format!("badges/{}.svg", rv.version),
                bytes: svg.into_bytes(),
                links: Vec::new(),
            },
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::{absolute_links, markdown_text};

    #[test]
    fn feed_links_become_absolute_but_protocol_relative_ones_stay() {
        let html = r##"<a href="/x/">x</a> <img src="/i.png"> <a href="//cdn.example/y">y</a> <a href="https://o/">o</a> <a href="#h">h</a>"##;
        assert_eq!(
            absolute_links(html, "/", "https://site.example/"),
            r##"<a href="https://site.example/x/">x</a> <img src="https://site.example/i.png"> <a href="//cdn.example/y">y</a> <a href="https://o/">o</a> <a href="#h">h</a>"##
        );
        assert_eq!(
            absolute_links(
                r#"<a href="/repo/x/">x</a> <a href="/other/">o</a>"#,
                "/repo/",
                "https://h/repo/"
            ),
            r#"<a href="https://h/repo/x/">x</a> <a href="/other/">o</a>"#
        );
    }

    #[test]
    fn markdown_text_escapes_what_would_end_or_start_markup() {
        assert_eq!(markdown_text("Neuron SDK 2.21.0"), "Neuron SDK 2.21.0");
        assert_eq!(markdown_text("A [b] <c> & d"), r"A \[b\] \<c\> \& d");
    }
}
