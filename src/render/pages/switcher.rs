//! The version switcher of release pages: every version of a small site; on a large one the
//! page's X.Y line, the newest of the neighbouring lines and a link to the full list
//! (docs/urls.md). Serialised once per line (once in all on a small site); the template marks
//! the current version.

use crate::model::Site;
use crate::render::urls::Urls;
use crate::render::view::Views;
use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

/// Up to this many SDK versions, the version switcher lists all of them.
pub const SWITCHER_ALL_MAX: usize = 50;
/// Beyond that, it lists the newest of this many neighbouring X.Y lines.
const SWITCHER_OTHER_LINES: usize = 24;

pub struct Switchers {
    /// X.Y lines of SDK versions, oldest first.
    lines: Vec<(u64, u64)>,
    /// One per line, or a single one for a small site.
    values: Vec<Value>,
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
    pub fn new(site: &Site, views: &Views, urls: &Urls) -> Switchers {
        // X.Y lines, each with its releases' indexes (ascending).
        let mut lines: Vec<((u64, u64), Vec<usize>)> = Vec::new();
        for (i, r) in site.releases.iter().enumerate() {
            let key = (r.version.major, r.version.minor);
            match lines.last_mut() {
                Some((k, v)) if *k == key => v.push(i),
                _ => lines.push((key, vec![i])),
            }
        }
        let entry = |i: usize| SwitchEntry {
            version: views.releases[i].version.clone(),
            url: views.releases[i].url.clone(),
        };
        let all_url = urls.rel(Urls::RELEASES);
        let keys = lines.iter().map(|(k, _)| *k).collect();
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
            let one = Value::from_serializable(&Switcher {
                groups,
                all_url,
                truncated: false,
            });
            return Switchers {
                lines: keys,
                values: vec![one],
            };
        }
        let half = SWITCHER_OTHER_LINES / 2;
        let values = (0..lines.len())
            .into_par_iter()
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
            .collect();
        Switchers {
            lines: keys,
            values,
        }
    }

    /// The switcher of the page of `site.releases[i]`.
    /// A fingerprint of each line's switcher (`render/prints.rs`).
    pub fn prints(&self) -> Vec<u64> {
        self.values
            .iter()
            .map(|v| {
                let mut f = crate::render::memo::Fingerprint::new();
                f.add("switcher", v);
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
        let line = self.lines.partition_point(|k| *k < (v.major, v.minor));
        line.min(self.values.len() - 1)
    }

    pub fn for_release(&self, site: &Site, release: usize) -> Value {
        if self.values.len() == 1 {
            return self.values[0].clone();
        }
        let v = &site.releases[release].version;
        let line = self.lines.partition_point(|k| *k < (v.major, v.minor));
        self.values[line.min(self.values.len() - 1)].clone()
    }
}
