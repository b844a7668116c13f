//! Views: the serialisable shapes templates see (the template context contract in
//! docs/templates.md) that several pages share. Built once per render from the `Site` and
//! the `Schedule`.

use super::urls::Urls;
use crate::lifecycle::{self, Phase};
use crate::model::{DependencyVersion, Origin, Projection, Release, Site, Upstream, When};
use crate::schedule::{Schedule, Subject};
use chrono::NaiveDate;
use rayon::prelude::*;
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
    /// `eos` is projected from the policy, not stated: templates mark it.
    pub eos_projected: bool,
    /// End of support has passed on a date nobody published (`eos: true`).
    pub eos_begun: bool,
    /// The rule that ends it, when no date is stated (its words: `words/projection.txt`).
    pub eos_rule: Option<RuleView>,
    pub phase: PhaseView,
    pub summary: Option<String>,
    pub is_latest: bool,
    #[serde(skip)]
    pub phase_value: Phase,
}

/// A `projected_eos` rule as templates see it: `{after, successors, months, text}`, `text`
/// in the words of `words/projection.txt` ("6 months after the next minor release").
#[derive(Clone, Debug, Serialize)]
pub struct RuleView {
    pub after: &'static str,
    pub successors: u32,
    pub months: u32,
    pub text: String,
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
    pub eos_projected: bool,
    pub eos_rule: Option<RuleView>,
    /// A date the vendor did not state, taken from the upstream schedule: templates say so.
    pub supported_upstream: bool,
    pub maintenance_upstream: bool,
    pub eos_upstream: bool,
    /// Maintenance / end of support has begun on a date nobody published (`true`).
    pub maintenance_begun: bool,
    pub eos_begun: bool,
    /// The upstream schedule as written (`upstream:`).
    pub upstream: Option<UpstreamView>,
    pub removed_in: Option<String>,
    pub first_sdk: Option<SdkRef>,
    pub last_sdk: Option<SdkRef>,
    /// The first SDK release after `last_sdk`: the one to move to, without this version.
    pub first_without: Option<SdkRef>,
    #[serde(skip)]
    pub phase_value: Phase,
}

/// `upstream:` of a dependency version: each date with `*_begun` for `true`.
#[derive(Clone, Debug, Serialize)]
pub struct UpstreamView {
    pub released: Option<NaiveDate>,
    pub eoas: Option<NaiveDate>,
    pub eoas_begun: bool,
    pub eol: Option<NaiveDate>,
    pub eol_begun: bool,
    pub lts: bool,
    pub lts_from: Option<NaiveDate>,
    pub codename: Option<String>,
    pub link: Option<String>,
}

impl UpstreamView {
    fn of(u: &Upstream) -> UpstreamView {
        let date = |w: Option<When>| w.and_then(When::date).map(|d| d.date);
        UpstreamView {
            released: u.released.map(|d| d.date),
            eoas: date(u.eoas),
            eoas_begun: u.eoas == Some(When::Begun),
            eol: date(u.eol),
            eol_begun: u.eol == Some(When::Begun),
            lts: u.lts.is_some(),
            lts_from: date(u.lts),
            codename: u.codename.clone(),
            link: u.link.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct DependencyView {
    pub id: String,
    pub name: String,
    pub url: String,
    pub homepage: Option<String>,
    pub upstream_policy: Option<String>,
    /// Some version has an upstream end of life: the dependency page shows that column.
    pub has_upstream_eol: bool,
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
    /// A projected end of support (templates mark it).
    pub projected: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct LifecycleRow {
    pub phase: PhaseView,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub current: bool,
    /// `from` / `until` is a projected end of support.
    pub from_projected: bool,
    pub until_projected: bool,
    /// `from` / `until` is a date nobody published.
    pub from_begun: bool,
    pub until_begun: bool,
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

/// The dependencies of one kind, in the site's kind order (lists, the finder's controls).
#[derive(Serialize)]
pub struct KindGroup<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub dependencies: Vec<&'a DependencyView>,
}

/// Everything derived from the site once per render.
pub struct Views {
    /// Same order as `site.releases` (ascending).
    pub releases: Vec<ReleaseView>,
    /// Same order as `site.dependencies`.
    pub dependencies: Vec<DependencyView>,
    /// Index into `releases` of the latest released version.
    pub latest: Option<usize>,
    /// The newest release in the Supported phase, overall and per major version (where to
    /// move from a release that ends): computed once, read by every release page.
    pub newest_supported: Option<usize>,
    pub newest_supported_of_major: HashMap<u64, usize>,
}

impl Views {
    /// `rule_text` gives the words of a projection rule (the theme's `words/projection.txt`).
    pub fn build(
        site: &Site,
        schedule: &Schedule,
        urls: &Urls,
        rule_text: &(dyn Fn(&Projection) -> String + Sync),
    ) -> Views {
        let latest = schedule.latest;
        let rule = |stated: bool, p: &Option<Projection>| {
            p.filter(|_| !stated).map(|p| RuleView {
                after: p.after.id(),
                successors: p.successors,
                months: p.months,
                text: rule_text(&p),
            })
        };
        let releases: Vec<ReleaseView> = site
            .releases
            .par_iter()
            .zip(&schedule.releases)
            .enumerate()
            .map(|(i, (r, &phase))| {
                let mut v = release_view(r, phase, urls, Some(i) == latest);
                let eos = schedule.release_eos[i];
                v.eos = eos.map(|e| e.date);
                v.eos_projected = eos.is_some_and(|e| e.projected);
                v.eos_rule = rule(
                    r.eos.is_some() || r.eos_begun,
                    &schedule.projections.release_rules[i],
                );
                v
            })
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
            .enumerate()
            .map(|(di, (d, phases))| DependencyView {
                id: d.id.clone(),
                name: d.name.clone(),
                url: urls.rel(&Urls::dependency(&d.id)),
                homepage: d.homepage.clone(),
                upstream_policy: d.upstream_policy.clone(),
                has_upstream_eol: d
                    .versions
                    .iter()
                    .any(|v| v.upstream.as_ref().is_some_and(|u| u.eol.is_some())),
                kind: d.kind.clone(),
                kind_label: site.config.kind_label(&d.kind).to_string(),
                versions: d
                    .versions
                    .iter()
                    .zip(phases)
                    .enumerate()
                    .rev()
                    .map(|(vi, (v, &phase))| {
                        let r = range.get(&(d.id.as_str(), v.version.as_str()));
                        let mut view = dep_version_view(
                            v,
                            phase,
                            r.map(|r| sdk_ref(r.0)),
                            r.map(|r| sdk_ref(r.1)),
                        );
                        view.first_without = r
                            .map(|r| r.1 + 1)
                            .filter(|&j| j < site.releases.len())
                            .map(sdk_ref);
                        let eos = schedule.dependency_eos[di][vi];
                        view.eos = eos.map(|e| e.date);
                        view.eos_projected = eos.is_some_and(|e| e.projected);
                        view.eos_rule = rule(
                            v.eos.is_some() || v.eos_begun,
                            &schedule.projections.dependency_rules[di][vi],
                        );
                        view
                    })
                    .collect(),
            })
            .collect();
        let mut newest_supported = None;
        let mut newest_supported_of_major = HashMap::new();
        for (i, r) in site.releases.iter().enumerate() {
            if releases[i].phase_value == Phase::Supported {
                newest_supported = Some(i);
                newest_supported_of_major.insert(r.version.major, i);
            }
        }
        Views {
            releases,
            dependencies,
            latest,
            newest_supported,
            newest_supported_of_major,
        }
    }

    pub fn latest(&self) -> Option<&ReleaseView> {
        self.latest.map(|i| &self.releases[i])
    }

    /// Dependencies grouped by kind, in `dependency_kinds` order; kinds with none left out.
    pub fn by_kind<'a>(&'a self, site: &'a Site) -> Vec<KindGroup<'a>> {
        site.config
            .kinds
            .iter()
            .map(|(id, label)| KindGroup {
                id,
                label,
                dependencies: self.dependencies.iter().filter(|d| &d.kind == id).collect(),
            })
            .filter(|g| !g.dependencies.is_empty())
            .collect()
    }

    pub fn any_release_projected(&self) -> bool {
        self.releases.iter().any(|r| r.eos_projected)
    }

    /// Whether a version of any dependency (of `kind`, if given) has a projected end.
    pub fn any_dependency_projected(&self, kind: Option<&str>) -> bool {
        self.dependencies
            .iter()
            .filter(|d| kind.is_none_or(|k| d.kind == k))
            .any(|d| d.versions.iter().any(|v| v.eos_projected))
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
                projected: e.projected,
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
        eos_projected: false,
        eos_begun: r.eos_begun,
        eos_rule: None,
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
        eos_projected: false,
        eos_rule: None,
        supported_upstream: v.origin.supported == Origin::Upstream,
        maintenance_upstream: v.origin.maintenance == Origin::Upstream,
        eos_upstream: v.origin.eos == Origin::Upstream,
        maintenance_begun: v.maintenance_begun,
        eos_begun: v.eos_begun,
        upstream: v.upstream.as_ref().map(UpstreamView::of),
        removed_in: v.removed_in.as_ref().map(|(r, _)| r.to_string()),
        first_sdk: first,
        last_sdk: last,
        first_without: None,
        phase_value: phase,
    }
}

/// Lifecycle table rows of an SDK release or dependency version; `projected` is its end of
/// support when that is projected, so the cells holding it are marked.
pub fn lifecycle_rows(
    spans: Vec<lifecycle::Span>,
    current: Phase,
    projected: Option<NaiveDate>,
) -> Vec<LifecycleRow> {
    let marked = |d: Option<NaiveDate>| d.is_some() && d == projected;
    // The spans start at the release; a version not released yet is in a phase before
    // them, and its table must still mark where it is now.
    let upcoming = (current == Phase::Upcoming).then(|| LifecycleRow {
        phase: Phase::Upcoming.into(),
        from: None,
        until: spans.first().and_then(|s| s.from),
        current: true,
        from_projected: false,
        until_projected: marked(spans.first().and_then(|s| s.from)),
        from_begun: false,
        until_begun: false,
    });
    upcoming
        .into_iter()
        .chain(spans.into_iter().map(|s| LifecycleRow {
            phase: s.phase.into(),
            from: s.from,
            until: s.until,
            current: s.phase == current,
            from_projected: marked(s.from),
            until_projected: marked(s.until),
            from_begun: s.from_begun,
            until_begun: s.until_begun,
        }))
        .collect()
}
