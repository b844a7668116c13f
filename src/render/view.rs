//! Views: the serialisable shapes templates see (the template context contract in
//! ARCHITECTURE.md). Built once per render from the `Site` and the as-of date.

use super::urls::Urls;
use crate::lifecycle::{self, Phase};
use crate::model::{Dependency, DependencyVersion, Release, Site};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, Serialize)]
pub struct PhaseView {
    pub id: &'static str,
    pub label: &'static str,
}

impl From<Phase> for PhaseView {
    fn from(p: Phase) -> Self {
        PhaseView {
            id: p.id(),
            label: p.label(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ReleaseView {
    pub version: String,
    pub url: String,
    pub released: NaiveDate,
    pub eos_announced: Option<NaiveDate>,
    pub eos: Option<NaiveDate>,
    pub phase: PhaseView,
    pub summary: Option<String>,
    pub is_latest: bool,
    #[serde(skip)]
    pub phase_value: Phase,
}

#[derive(Clone, Debug, Serialize)]
pub struct DepRef {
    pub id: String,
    pub name: String,
    pub url: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SdkRef {
    pub version: String,
    pub url: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DepVersionView {
    pub version: String,
    pub phase: PhaseView,
    pub supported: Option<NaiveDate>,
    pub announced: Option<NaiveDate>,
    pub maintenance: Option<NaiveDate>,
    pub eos: Option<NaiveDate>,
    pub removed_in: Option<String>,
    pub first_sdk: Option<SdkRef>,
    pub last_sdk: Option<SdkRef>,
    #[serde(skip)]
    pub phase_value: Phase,
}

#[derive(Clone, Debug, Serialize)]
pub struct DependencyView {
    pub id: String,
    pub name: String,
    pub url: String,
    pub homepage: Option<String>,
    pub kind: String,
    pub kind_label: String,
    /// Newest first.
    pub versions: Vec<DepVersionView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventView {
    pub date: NaiveDate,
    pub days: i64,
    pub what: &'static str,
    pub label: String,
    pub url: String,
    pub phase: PhaseView,
}

#[derive(Clone, Debug, Serialize)]
pub struct LifecycleRow {
    pub phase: PhaseView,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub current: bool,
}

/// An end-of-support or maintenance date, before it is placed relative to the as-of date.
#[derive(Clone, Debug)]
pub struct Event {
    pub date: NaiveDate,
    pub what: &'static str,
    pub label: String,
    pub path: String,
    /// The version's phase as of the build date (tables label it "Phase now"), not the
    /// phase the event leads to: a version ending next month is still supported today.
    pub phase_now: Phase,
}

/// Everything derived from the site once per render.
pub struct Views {
    /// Same order as `site.releases` (ascending).
    pub releases: Vec<ReleaseView>,
    /// Same order as `site.dependencies`.
    pub dependencies: Vec<DependencyView>,
    /// Index into `releases` of the latest released version.
    pub latest: Option<usize>,
    /// Every EOS / maintenance date, by date.
    pub events: Vec<Event>,
}

impl Views {
    pub fn build(site: &Site, urls: &Urls, as_of: NaiveDate) -> Views {
        let latest = site.releases.iter().rposition(|r| r.released.date <= as_of);
        let releases: Vec<ReleaseView> = site
            .releases
            .iter()
            .enumerate()
            .map(|(i, r)| release_view(r, urls, as_of, Some(i) == latest))
            .collect();

        // First and last SDK release that ships each dependency version: one pass over components.
        let mut range: HashMap<(&str, &str), (usize, usize)> = HashMap::new();
        for (i, r) in site.releases.iter().enumerate() {
            for c in &r.components {
                for (v, _) in &c.versions {
                    range
                        .entry((c.dependency.as_str(), v.as_str()))
                        .and_modify(|e| e.1 = i)
                        .or_insert((i, i));
                }
            }
        }
        let sdk_ref = |i: usize| SdkRef {
            version: releases[i].version.clone(),
            url: releases[i].url.clone(),
        };
        let dependencies = site
            .dependencies
            .iter()
            .map(|d| DependencyView {
                id: d.id.clone(),
                name: d.name.clone(),
                url: urls.rel(&Urls::dependency(&d.id)),
                homepage: d.homepage.clone(),
                kind: d.kind.clone(),
                kind_label: site.config.kind_label(&d.kind).to_string(),
                versions: d
                    .versions
                    .iter()
                    .rev()
                    .map(|v| {
                        let r = range.get(&(d.id.as_str(), v.version.as_str()));
                        dep_version_view(v, as_of, r.map(|r| sdk_ref(r.0)), r.map(|r| sdk_ref(r.1)))
                    })
                    .collect(),
            })
            .collect();
        Views {
            releases,
            dependencies,
            latest,
            events: events(site, as_of),
        }
    }

    /// Events from `as_of` to `as_of + days`, soonest first.
    pub fn upcoming(&self, urls: &Urls, as_of: NaiveDate, days: i64) -> Vec<EventView> {
        self.events
            .iter()
            .filter_map(|e| {
                let d = (e.date - as_of).num_days();
                (0..=days).contains(&d).then(|| EventView {
                    date: e.date,
                    days: d,
                    what: e.what,
                    label: e.label.clone(),
                    url: urls.rel(&e.path),
                    phase: e.phase_now.into(),
                })
            })
            .collect()
    }
}

fn release_view(r: &Release, urls: &Urls, as_of: NaiveDate, is_latest: bool) -> ReleaseView {
    let phase = lifecycle::sdk_phase(r, as_of);
    ReleaseView {
        version: r.version.to_string(),
        url: urls.rel(&Urls::release(&r.version)),
        released: r.released.date,
        eos_announced: r.eos_announced.map(|d| d.date),
        eos: r.eos.map(|d| d.date),
        phase: phase.into(),
        summary: r.summary.clone(),
        is_latest,
        phase_value: phase,
    }
}

fn dep_version_view(
    v: &DependencyVersion,
    as_of: NaiveDate,
    first: Option<SdkRef>,
    last: Option<SdkRef>,
) -> DepVersionView {
    let phase = lifecycle::dependency_phase(v, as_of);
    DepVersionView {
        version: v.version.clone(),
        phase: phase.into(),
        supported: v.supported.map(|d| d.date),
        announced: v.announced.map(|d| d.date),
        maintenance: v.maintenance.map(|d| d.date),
        eos: v.eos.map(|d| d.date),
        removed_in: v.removed_in.as_ref().map(|(r, _)| r.to_string()),
        first_sdk: first,
        last_sdk: last,
        phase_value: phase,
    }
}

/// Every dated end: SDK eos, dependency maintenance and eos.
fn events(site: &Site, as_of: NaiveDate) -> Vec<Event> {
    let mut out = Vec::new();
    for r in &site.releases {
        if let Some(eos) = r.eos {
            out.push(Event {
                date: eos.date,
                what: "eos",
                label: format!("{} {}", site.config.product, r.version),
                path: Urls::release(&r.version),
                phase_now: lifecycle::sdk_phase(r, as_of),
            });
        }
    }
    for d in &site.dependencies {
        for v in &d.versions {
            let label = format!("{} {}", d.name, v.version);
            let phase_now = lifecycle::dependency_phase(v, as_of);
            if let Some(m) = v.maintenance {
                out.push(Event {
                    date: m.date,
                    what: "maintenance",
                    label: label.clone(),
                    path: Urls::dependency(&d.id),
                    phase_now,
                });
            }
            if let Some(eos) = v.eos {
                out.push(Event {
                    date: eos.date,
                    what: "eos",
                    label,
                    path: Urls::dependency(&d.id),
                    phase_now,
                });
            }
        }
    }
    out.sort_by(|a, b| (a.date, &a.label).cmp(&(b.date, &b.label)));
    out
}

/// Lifecycle table rows of an SDK release or dependency version.
pub fn lifecycle_rows(spans: Vec<lifecycle::Span>, current: Phase) -> Vec<LifecycleRow> {
    // The spans start at the release; a version not released yet is in a phase before
    // them, and its table must still mark where it is now.
    let upcoming = (current == Phase::Upcoming).then(|| LifecycleRow {
        phase: Phase::Upcoming.into(),
        from: None,
        until: spans.first().and_then(|s| s.from),
        current: true,
    });
    upcoming
        .into_iter()
        .chain(spans.into_iter().map(|s| LifecycleRow {
            phase: s.phase.into(),
            from: s.from,
            until: s.until,
            current: s.phase == current,
        }))
        .collect()
}

pub fn dep_ref(d: &Dependency, urls: &Urls) -> DepRef {
    DepRef {
        id: d.id.clone(),
        name: d.name.clone(),
        url: urls.rel(&Urls::dependency(&d.id)),
    }
}
