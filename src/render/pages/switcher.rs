//! The version switcher of release pages: every version of a small site; on a large one the
//! page's X.Y line, the newest of the neighbouring lines and a link to the full list
//! (docs/urls.md). Serialised once per line (once in all on a small site); the template marks
//! the current version.

use crate::model::Site;
use crate::render::urls::Urls;
use crate::render::view::Views;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::OnceLock;
use tera::Value;

/// Up to this many SDK versions, the version switcher lists all of them.
pub const SWITCHER_ALL_MAX: usize = 50;
/// Beyond that, it lists the newest of this many neighbouring X.Y lines.
const SWITCHER_OTHER_LINES: usize = 24;

pub struct Switchers {
    /// X.Y lines of SDK versions, oldest first, with their releases' indexes (ascending).
    lines: Vec<((u64, u64), Vec<usize>)>,
    all_url: String,
    /// One per line, or a single one for a small site; each made when first asked for (a
    /// rebuild in `serve` sends the edited release's page before it needs the others).
    values: Vec<OnceLock<Value>>,
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

impl Switchers {
    pub fn new(site: &Site, urls: &Urls) -> Switchers {
        let mut lines: Vec<((u64, u64), Vec<usize>)> = Vec::new();
        for (i, r) in site.releases.iter().enumerate() {
            let key = (r.version.major, r.version.minor);
            match lines.last_mut() {
                Some((k, v)) if *k == key => v.push(i),
                _ => lines.push((key, vec![i])),
            }
        }
        let n = if site.releases.len() <= SWITCHER_ALL_MAX {
            1
        } else {
            lines.len()
        };
        Switchers {
            lines,
            all_url: urls.rel(Urls::RELEASES),
            values: (0..n).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The switcher of value `line` (of `values`).
    fn value(&self, site: &Site, views: &Views, line: usize) -> Value {
        self.values[line]
            .get_or_init(|| self.make(site, views, line))
            .clone()
    }

    fn make(&self, site: &Site, views: &Views, line: usize) -> Value {
        let entry = |i: usize| SwitchEntry {
            version: views.releases[i].version.clone(),
            url: views.releases[i].url.clone(),
        };
        let lines = &self.lines;
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
            return Value::from_serializable(&Switcher {
                groups,
                all_url: self.all_url.clone(),
                truncated: false,
            });
        }
        let half = SWITCHER_OTHER_LINES / 2;
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
            all_url: self.all_url.clone(),
            truncated: true,
        })
    }

    /// A fingerprint of each line's switcher (`render/prints.rs`).
    pub fn prints(&self, site: &Site, views: &Views) -> Vec<u64> {
        (0..self.values.len())
            .into_par_iter()
            .map(|line| {
                let mut f = crate::render::memo::Fingerprint::new();
                f.add("switcher", &self.value(site, views, line));
                f.finish()
            })
            .collect()
    }

    /// The print (of `prints`) of the switcher release `release` shows.
    pub fn print_for_release(&self, site: &Site, release: usize, prints: &[u64]) -> u64 {
        prints[self.line_of(site, release)]
    }

    fn line_of(&self, site: &Site, release: usize) -> usize {
        if self.values.len() == 1 {
            return 0;
        }
        let v = &site.releases[release].version;
        let line = self.lines.partition_point(|(k, _)| *k < (v.major, v.minor));
        line.min(self.values.len() - 1)
    }

    /// The switcher of the page of `site.releases[i]`.
    pub fn for_release(&self, site: &Site, views: &Views, release: usize) -> Value {
        self.value(site, views, self.line_of(site, release))
    }
}
