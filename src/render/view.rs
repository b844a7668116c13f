//! Views: the serialisable shapes templates see (the template context contract in
//! docs/templates.md) that several pages share. Built once per render from the `Site` and
//! the `Schedule`.

use super::urls::Urls;
use crate::lifecycle::{self, Phase};
use crate::model::{Dependency, DependencyVersion, Release, Site};
use crate::schedule::{Schedule, Subject};
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

/// One thing an announcement is about, as shown to people.
#[derive(Clone, Serialize)]
pub struct AffectView {
    pub label: String,
    pub url: String,
    pub eos: Option<NaiveDate>,
    pub phase: Option<PhaseView>,
}

/// An announcement in lists (index, release and dependency pages).
#[derive(Clone, Serialize)]
pub struct AnnouncementView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub date: NaiveDate,
    pub derived: bool,
    pub eos: Option<NaiveDate>,
    pub affects: Vec<AffectView>,
    pub superseded: bool,
}

/// A link to another page with its title and date (supersedes chains).
#[derive(Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
    pub date: NaiveDate,
}

/// Everything derived from the site once per render.
pub struct Views {
    /// Same order as `site.releases` (ascending).
    pub releases: Vec<ReleaseView>,
    /// Same order as `site.dependencies`.
    pub dependencies: Vec<DependencyView>,
    /// Index into `releases` of the latest released version.
    pub latest: Option<usize>,
}

impl Views {
    pub fn build(site: &Site, schedule: &Schedule, urls: &Urls) -> Views {
        let latest = schedule.latest;
        let releases: Vec<ReleaseView> = site
            .releases
            .iter()
            .zip(&schedule.releases)
            .enumerate()
            .map(|(i, (r, &phase))| release_view(r, phase, urls, Some(i) == latest))
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
            .zip(&schedule.dependencies)
            .map(|(d, phases)| DependencyView {
                id: d.id.clone(),
                name: d.name.clone(),
                url: urls.rel(&Urls::dependency(&d.id)),
                homepage: d.homepage.clone(),
                kind: d.kind.clone(),
                kind_label: site.config.kind_label(&d.kind).to_string(),
                versions: d
                    .versions
                    .iter()
                    .zip(phases)
                    .rev()
                    .map(|(v, &phase)| {
                        let r = range.get(&(d.id.as_str(), v.version.as_str()));
                        dep_version_view(v, phase, r.map(|r| sdk_ref(r.0)), r.map(|r| sdk_ref(r.1)))
                    })
                    .collect(),
            })
            .collect();
        Views {
            releases,
            dependencies,
            latest,
        }
    }

    pub fn latest(&self) -> Option<&ReleaseView> {
        self.latest.map(|i| &self.releases[i])
    }

    pub fn releases_newest_first(&self) -> impl Iterator<Item = &ReleaseView> {
        self.releases.iter().rev()
    }

    /// The view of `site.dependencies[d].versions[v]` (views list versions newest first).
    pub fn dependency_version(&self, d: usize, v: usize) -> &DepVersionView {
        let versions = &self.dependencies[d].versions;
        &versions[versions.len() - 1 - v]
    }

    /// The page of what an event is about.
    pub fn url_of(&self, subject: Subject) -> &str {
        match subject {
            Subject::Sdk(i) => &self.releases[i].url,
            Subject::Dependency(d, _) => &self.dependencies[d].url,
        }
    }

    /// Scheduled events from the as-of date to `days` after it, soonest first.
    pub fn upcoming(&self, schedule: &Schedule, days: i64) -> Vec<EventView> {
        schedule
            .upcoming(days)
            .map(|(e, left)| EventView {
                date: e.date,
                days: left,
                what: e.kind.id(),
                label: e.label.clone(),
                url: self.url_of(e.subject).to_string(),
                phase: e.phase_now.into(),
            })
            .collect()
    }
}

fn release_view(r: &Release, phase: Phase, urls: &Urls, is_latest: bool) -> ReleaseView {
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
    phase: Phase,
    first: Option<SdkRef>,
    last: Option<SdkRef>,
) -> DepVersionView {
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
