//! Announcements as the site publishes them: the hand-written ones plus one derived from the
//! data for every announcement date nothing covers (docs/lifecycle.md), so no end of support
//! goes unannounced. Pure: computed from the `Site` and the as-of date.

use crate::model::{Affected, Announcement, Site};
use chrono::NaiveDate;
// ahash: these maps are rebuilt on every build with keys that are ours, not an attacker's
// (SipHash's DoS resistance buys nothing here, and it showed in `serve`'s rebuilds).
use ahash::AHashMap as HashMap;
use std::collections::BTreeMap;

/// What a derived announcement was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// A hand-written file (index into `site.announcements`).
    File(usize),
    /// An SDK release's eos_announced (or eos) date (index into `site.releases`).
    Sdk(usize),
    /// A dependency version's announced (or eos) date (indexes into `site.dependencies` and its versions).
    Dependency(usize, usize),
}

/// One published announcement.
#[derive(Clone, Debug, Hash)]
pub struct Published {
    pub slug: String,
    pub title: String,
    pub date: NaiveDate,
    pub affects: Vec<Affected>,
    pub eos: Option<NaiveDate>,
    pub source: Source,
    /// Slug of the announcement this one corrects, and of the one that corrects it (if published).
    pub supersedes: Option<String>,
    pub superseded_by: Option<String>,
    /// Corrections before this one in its supersedes chain (0 for an original).
    pub depth: u32,
}

impl Published {
    pub fn is_derived(&self) -> bool {
        !matches!(self.source, Source::File(_))
    }
}

/// Derived slug of an SDK version: `<date>-eos-sdk-2-21-0`.
pub fn sdk_slug(date: NaiveDate, version: &semver::Version) -> String {
    format!("{date}-eos-sdk-{}", dashed(&version.to_string()))
}

/// Derived slug of a dependency version: `<date>-eos-python-3-10`.
pub fn dependency_slug(date: NaiveDate, id: &str, version: &str) -> String {
    format!("{date}-eos-{id}-{}", dashed(version))
}

/// Dots (and anything else outside `[a-z0-9]`) as dashes, for slugs, guids and UIDs.
pub fn dashed(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Whether hand-written `a` covers the announcement of `target` on `date`: it is dated that
/// day and names that version (or the whole dependency). Having the derived slug is not
/// enough: validation refuses such a file unless it covers (docs/lifecycle.md).
fn covers(a: &Announcement, date: NaiveDate, target: &Affected) -> bool {
    a.date.date == date
        && a.affects.iter().any(|t| match (t, target) {
            (Affected::Sdk(x), Affected::Sdk(y)) => x == y,
            (
                Affected::Dependency { id: a, version: va },
                Affected::Dependency { id: b, version: vb },
            ) => a == b && (va.is_none() || va == vb),
            _ => false,
        })
}

/// An announcement derived from the data, before its words: what it is about, its date
/// and its slug.
pub struct Derived {
    pub slug: String,
    pub date: NaiveDate,
    pub target: Affected,
    pub source: Source,
}

/// Every announcement the data implies (an SDK release's or a dependency version's
/// `eos_announced` / `announced`, else its vendor `eos`) that no hand-written one covers,
/// whatever its date: SDK releases first, then dependency versions, in site order.
pub fn derived(site: &Site) -> Vec<Derived> {
    // Hand-written announcements by date: coverage is a lookup, not a scan.
    let mut by_date: HashMap<NaiveDate, Vec<&Announcement>> = HashMap::new();
    for a in &site.announcements {
        by_date.entry(a.date.date).or_default().push(a);
    }
    let covered = |date: NaiveDate, target: &Affected| {
        by_date
            .get(&date)
            .is_some_and(|list| list.iter().any(|a| covers(a, date, target)))
    };
    let mut out = Vec::new();
    for (i, r) in site.releases.iter().enumerate() {
        let Some(date) = r.eos_announced.or(r.eos).map(|d| d.date) else {
            continue;
        };
        let target = Affected::Sdk(r.version.clone());
        if covered(date, &target) {
            continue;
        }
        out.push(Derived {
            slug: sdk_slug(date, &r.version),
            date,
            target,
            source: Source::Sdk(i),
        });
    }
    for (di, d) in site.dependencies.iter().enumerate() {
        for (vi, v) in d.versions.iter().enumerate() {
            // Announcements are the vendor's: an upstream date announces nothing.
            let Some(date) = v.announced.or(v.vendor_eos()).map(|x| x.date) else {
                continue;
            };
            let target = Affected::Dependency {
                id: d.id.clone(),
                version: Some(v.version.clone()),
            };
            if covered(date, &target) {
                continue;
            }
            out.push(Derived {
                slug: dependency_slug(date, &d.id, &v.version),
                date,
                target,
                source: Source::Dependency(di, vi),
            });
        }
    }
    out
}

/// Every announcement published as of `as_of`, newest first (date, then slug).
pub fn published(site: &Site, as_of: NaiveDate) -> Vec<Published> {
    let product = &site.config.product;
    let mut out: Vec<Published> = Vec::new();
    let by_slug: HashMap<&str, &Announcement> = site
        .announcements
        .iter()
        .map(|a| (a.slug.as_str(), a))
        .collect();
    for (i, a) in site.announcements.iter().enumerate() {
        // Depth in the supersedes chain; bounded by the number of announcements (cycles are errors).
        let mut depth = 0;
        let mut cur = a;
        while let Some(prev) = cur.supersedes.as_deref().and_then(|s| by_slug.get(s)) {
            depth += 1;
            cur = prev;
            if depth as usize > site.announcements.len() {
                break;
            }
        }
        out.push(Published {
            slug: a.slug.clone(),
            title: a.title.clone(),
            date: a.date.date,
            affects: a.affects.clone(),
            eos: a.eos.map(|d| d.date),
            source: Source::File(i),
            supersedes: a.supersedes.clone(),
            superseded_by: None,
            depth,
        });
    }
    for d in derived(site) {
        let (title, eos) = match d.source {
            Source::Sdk(i) => {
                let r = &site.releases[i];
                let eos = r.eos.map(|d| d.date);
                let title = match eos {
                    Some(e) => format!("End of support for {product} {} on {e}", r.version),
                    None => format!("End of support announced for {product} {}", r.version),
                };
                (title, eos)
            }
            Source::Dependency(di, vi) => {
                let (dep, v) = (&site.dependencies[di], &site.dependencies[di].versions[vi]);
                let eos = v.eos.map(|x| x.date);
                let title = match (v.maintenance, eos) {
                    (Some(m), Some(e)) => format!(
                        "{} {} enters maintenance on {}, end of support on {e}",
                        dep.name, v.version, m.date
                    ),
                    (Some(m), None) => {
                        format!(
                            "{} {} enters maintenance on {}",
                            dep.name, v.version, m.date
                        )
                    }
                    (None, Some(e)) => {
                        format!("End of support for {} {} on {e}", dep.name, v.version)
                    }
                    (None, None) => {
                        format!("End of support announced for {} {}", dep.name, v.version)
                    }
                };
                (title, eos)
            }
            Source::File(_) => continue,
        };
        out.push(Published {
            slug: d.slug,
            title,
            date: d.date,
            affects: vec![d.target],
            eos,
            source: d.source,
            supersedes: None,
            superseded_by: None,
            depth: 0,
        });
    }
    out.retain(|p| p.date <= as_of);
    let corrections: BTreeMap<String, String> = out
        .iter()
        .filter_map(|p| p.supersedes.clone().map(|s| (s, p.slug.clone())))
        .collect();
    for p in &mut out {
        p.superseded_by = corrections.get(&p.slug).cloned();
    }
    out.sort_by(|a, b| (b.date, &b.slug).cmp(&(a.date, &a.slug)));
    out
}

/// Published announcements by what they affect, built once per render so that pages and
/// calendar events look theirs up instead of scanning every announcement (linear, not N^2).
#[derive(Debug, Default)]
pub struct About {
    sdk: HashMap<semver::Version, Vec<usize>>,
    /// Announcements naming one version of a dependency.
    version: HashMap<(String, String), Vec<usize>>,
    /// Announcements naming the dependency as a whole (every version).
    whole: HashMap<String, Vec<usize>>,
    /// Announcements naming the dependency at all (either way), for its page.
    any: HashMap<String, Vec<usize>>,
    slugs: HashMap<String, usize>,
}

impl About {
    /// Indexes into `published`, kept in its (newest first) order.
    pub fn new(published: &[Published]) -> About {
        fn add<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Vec<usize>>, key: K, i: usize) {
            let list = map.entry(key).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
        let mut about = About::default();
        for (i, p) in published.iter().enumerate() {
            about.slugs.insert(p.slug.clone(), i);
            for a in &p.affects {
                match a {
                    Affected::Sdk(v) => add(&mut about.sdk, v.clone(), i),
                    Affected::Dependency { id, version } => {
                        add(&mut about.any, id.clone(), i);
                        match version {
                            Some(v) => add(&mut about.version, (id.clone(), v.clone()), i),
                            None => add(&mut about.whole, id.clone(), i),
                        }
                    }
                }
            }
        }
        about
    }

    /// Index into `published` of the announcement with this slug.
    pub fn index_of(&self, slug: &str) -> Option<usize> {
        self.slugs.get(slug).copied()
    }

    /// The published announcement with this slug.
    pub fn by_slug<'p>(&self, published: &'p [Published], slug: &str) -> Option<&'p Published> {
        self.slugs.get(slug).map(|&i| &published[i])
    }

    /// Announcements about an SDK version.
    pub fn sdk(&self, v: &semver::Version) -> &[usize] {
        self.sdk.get(v).map_or(&[], Vec::as_slice)
    }

    /// Whether any published announcement names this version of a dependency, or all of it.
    pub fn names_version(&self, id: &str, version: &str) -> bool {
        self.whole.contains_key(id)
            || self
                .version
                .contains_key(&(id.to_string(), version.to_string()))
    }

    /// Announcements about a dependency: any of its versions, or all of them.
    pub fn dependency(&self, id: &str) -> &[usize] {
        self.any.get(id).map_or(&[], Vec::as_slice)
    }

    /// SEQUENCE of a calendar event: how many corrections the newest published announcement
    /// about `target` carries. A correction that moves a date raises it, so calendars update.
    pub fn sequence(&self, published: &[Published], target: &Affected) -> u32 {
        let depth = |list: Option<&Vec<usize>>| {
            list.into_iter()
                .flatten()
                .map(|&i| published[i].depth)
                .max()
                .unwrap_or(0)
        };
        match target {
            Affected::Sdk(v) => depth(self.sdk.get(v)),
            Affected::Dependency {
                id,
                version: Some(v),
            } => depth(self.version.get(&(id.clone(), v.clone()))).max(depth(self.whole.get(id))),
            Affected::Dependency { id, version: None } => depth(self.any.get(id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_use_dashes() {
        let d = NaiveDate::from_ymd_opt(2025, 4, 3).unwrap();
        assert_eq!(
            sdk_slug(d, &semver::Version::new(2, 21, 0)),
            "2025-04-03-eos-sdk-2-21-0"
        );
        assert_eq!(
            dependency_slug(d, "python", "3.10"),
            "2025-04-03-eos-python-3-10"
        );
    }
}
