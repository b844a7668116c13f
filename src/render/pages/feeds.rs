//! RSS and Atom feeds of EOS communications, site-wide and per dependency: the published
//! announcements and the "EOS in N days" reminders the schedule says are due
//! (`words/reminder.txt`, `derived/reminder.html`).

use super::announcements::{self, Bodies};
use crate::announcements::dashed;
use crate::diagnostics::Diagnostic;
use crate::model::Affected;
use crate::render::Rendered;
use crate::render::context::{Ctx, generator};
use crate::render::escape_html;
use crate::render::formats::feeds::{self, Channel, Item};
use crate::render::urls::Urls;
use crate::schedule::Subject;
use chrono::NaiveDate;
use serde::Serialize;

/// What the reminder templates are told.
#[derive(Serialize)]
struct ReminderWords<'a> {
    label: &'a str,
    days: u32,
    eos: NaiveDate,
}

pub fn render(ctx: &Ctx, bodies: &Bodies) -> Result<Vec<Rendered>, Diagnostic> {
    let c = &ctx.site.config;
    let cap = c.feed_items;
    let (items, by_dependency) = items(ctx, bodies)?;
    let generator = generator();
    let title = format!("{}: end-of-support announcements", c.title);
    let description = c
        .description
        .clone()
        .unwrap_or_else(|| format!("End-of-support communications for {}", c.product));
    let home = ctx.urls.abs(Urls::HOME);
    let mut out = Vec::new();
    let top: Vec<Item> = items.iter().take(cap).cloned().collect();
    let rss_self = ctx.urls.abs(Urls::RSS);
    let ch = Channel {
        title: &title,
        description: &description,
        link: &home,
        self_url: &rss_self,
        language: &c.language,
        as_of: ctx.schedule.as_of,
        generator: &generator,
        author: &c.product,
    };
    out.push(Rendered::file(Urls::RSS.into(), feeds::rss(&ch, &top)));
    let atom_self = ctx.urls.abs(Urls::ATOM);
    let ch = Channel {
        self_url: &atom_self,
        ..ch
    };
    out.push(Rendered::file(Urls::ATOM.into(), feeds::atom(&ch, &top)));
    for (di, d) in ctx.site.dependencies.iter().enumerate() {
        let mine: Vec<Item> = by_dependency[di]
            .iter()
            .take(cap)
            .map(|&i| items[i].clone())
            .collect();
        let path = Urls::dependency_feed(&d.id);
        let title = format!("{}: {} end-of-support announcements", c.title, d.name);
        let link = ctx.urls.abs(&Urls::dependency(&d.id));
        let self_url = ctx.urls.abs(&path);
        let desc = format!(
            "End-of-support communications for {} in {}",
            d.name, c.product
        );
        let ch = Channel {
            title: &title,
            description: &desc,
            link: &link,
            self_url: &self_url,
            language: &c.language,
            as_of: ctx.schedule.as_of,
            generator: &generator,
            author: &c.product,
        };
        out.push(Rendered::file(path, feeds::rss(&ch, &mine)));
    }
    Ok(out)
}

/// Feed items, newest first: published announcements and the reminders that are due. Only
/// the items that some feed shows get their text made (a large site has thousands of past
/// announcements and reminders and shows `feeds.items` of them per feed): first every
/// item's date, id and dependencies, which decide the order and what is shown, then the
/// words and bodies of the shown ones. The others stay empty and are never written.
/// Also returns, per dependency (in site order), the indexes of its items.
fn items(ctx: &Ctx, bodies: &Bodies) -> Result<(Vec<Item>, Vec<Vec<usize>>), Diagnostic> {
    #[derive(Clone, Copy)]
    enum From {
        Published(usize),
        Reminder(usize),
    }
    let mut items: Vec<(Item, From)> = Vec::new();
    for (j, p) in ctx.published().iter().enumerate() {
        let url = ctx.urls.abs(&Urls::announcement(&p.slug));
        let item = Item {
            title: String::new(),
            link: url.clone(),
            guid: url,
            date: p.date,
            description: String::new(),
            categories: Vec::new(),
            dependencies: p
                .affects
                .iter()
                .filter_map(|a| match a {
                    Affected::Dependency { id, .. } => Some(id.clone()),
                    Affected::Sdk(_) => None,
                })
                .collect(),
        };
        items.push((item, From::Published(j)));
    }
    for (i, r) in ctx.schedule.reminders.iter().enumerate() {
        let e = &ctx.schedule.events[r.event];
        let (path, version, dependency) = match e.subject {
            Subject::Sdk(i) => {
                let v = &ctx.site.releases[i].version;
                (Urls::release(v), v.to_string(), None)
            }
            Subject::Dependency(d, v) => {
                let d = &ctx.site.dependencies[d];
                (
                    Urls::dependency(&d.id),
                    d.versions[v].version.clone(),
                    Some(d.id.clone()),
                )
            }
        };
        let link = ctx.urls.abs(&path);
        let item = Item {
            title: String::new(),
            guid: format!("{link}#eos-in-{}-{}", r.days, dashed(&version)),
            link,
            date: r.date,
            description: String::new(),
            categories: vec![e.label.clone()],
            dependencies: dependency.into_iter().collect(),
        };
        items.push((item, From::Reminder(i)));
    }
    items.sort_by(|(a, _), (b, _)| (b.date, &a.guid).cmp(&(a.date, &b.guid)));
    let by_dependency = by_dependency(ctx, &items);
    let shown = shown(items.len(), ctx.site.config.feed_items, &by_dependency);
    let items = items
        .into_iter()
        .zip(shown)
        .map(|((mut item, from), shown)| {
            if !shown {
                return Ok(item);
            }
            match from {
                From::Published(j) => {
                    let p = &ctx.published()[j];
                    // Feed readers resolve links against the feed, not the site: make them
                    // absolute.
                    let html = absolute_links(&bodies[j].0, &ctx.urls.root, &ctx.urls.base_url);
                    item.title = p.title.clone();
                    item.description = match announcements::correction(ctx, p)? {
                        Some(c) => format!("<p><strong>{}</strong></p>{html}", escape_html(&c)),
                        None => html,
                    };
                    item.categories = ctx.affect_views(p).into_iter().map(|v| v.label).collect();
                }
                From::Reminder(i) => {
                    let r = &ctx.schedule.reminders[i];
                    let e = &ctx.schedule.events[r.event];
                    let mut tc = ctx.page_context();
                    tc.insert(
                        "reminder",
                        &ReminderWords {
                            label: &e.label,
                            days: r.days,
                            eos: e.date,
                        },
                    );
                    item.title = ctx.words("words/reminder.txt", tc.clone())?;
                    item.description = ctx.words("derived/reminder.html", tc)?;
                }
            }
            Ok(item)
        })
        .collect::<Result<Vec<Item>, Diagnostic>>()?;
    Ok((items, by_dependency))
}

/// For each dependency (in site order), the indexes of the items about it, in item order.
fn by_dependency<T>(ctx: &Ctx, items: &[(Item, T)]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); ctx.site.dependencies.len()];
    for (i, (item, _)) in items.iter().enumerate() {
        let mut seen: Vec<usize> = Vec::new();
        for id in &item.dependencies {
            if let Some(&d) = ctx.site.dependency_index.get(id)
                && !seen.contains(&d)
            {
                seen.push(d);
                out[d].push(i);
            }
        }
    }
    out
}

/// Which of the items (newest first) some feed shows: the site feeds' first `cap`, and each
/// dependency feed's first `cap` of its own.
fn shown(len: usize, cap: usize, by_dependency: &[Vec<usize>]) -> Vec<bool> {
    let mut shown: Vec<bool> = (0..len).map(|i| i < cap).collect();
    for list in by_dependency {
        for &i in list.iter().take(cap) {
            shown[i] = true;
        }
    }
    shown
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

#[cfg(test)]
mod tests {
    use super::absolute_links;

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
}
