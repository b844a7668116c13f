//! The JSON API of our own (`api/v1/releases.json`, `dependencies.json`,
//! `announcements.json`): stable shapes for scripts, documented field by field in
//! docs/api.md. Every document is `{generator, as_of, <list>}`.

use crate::announcements::Published;
use crate::model::{Affected, Release};
use crate::render::Rendered;
use crate::render::context::{Ctx, generator};
use crate::render::formats::json::{DateOr, to_json};
use crate::render::urls::Urls;
use crate::render::view::{DepVersionView, DependencyView, ReleaseView};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Doc<'a, T: Serialize> {
    generator: &'a str,
    as_of: NaiveDate,
    #[serde(flatten)]
    body: T,
}

#[derive(Serialize)]
struct Releases<'a> {
    releases: Vec<ApiRelease<'a>>,
}

#[derive(Serialize)]
struct ApiRelease<'a> {
    version: &'a str,
    url: String,
    released: NaiveDate,
    eos_announced: Option<NaiveDate>,
    /// A date, `true` (ended on a date nobody published) or null.
    eos: Option<DateOr>,
    /// `eos` is projected from the policy's rule, not stated.
    eos_projected: bool,
    phase: &'static str,
    phase_label: &'static str,
    latest: bool,
    summary: Option<&'a str>,
    components: BTreeMap<&'a str, Vec<&'a str>>,
    packages: Vec<ApiPackage<'a>>,
}

#[derive(Serialize)]
struct ApiPackage<'a> {
    name: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct Dependencies<'a> {
    dependencies: Vec<ApiDependency<'a>>,
}

/// A phase date as the input writes it: a date, or `true` (begun, date not published).
fn when(date: Option<NaiveDate>, begun: bool) -> Option<DateOr> {
    match (date, begun) {
        (Some(d), _) => Some(DateOr::Date(d)),
        (None, true) => Some(DateOr::Bool(true)),
        (None, false) => None,
    }
}

fn source(upstream: bool) -> &'static str {
    if upstream { "upstream" } else { "vendor" }
}

#[derive(Serialize)]
struct ApiUpstream<'a> {
    released: Option<NaiveDate>,
    eoas: Option<DateOr>,
    eol: Option<DateOr>,
    lts: bool,
    lts_from: Option<NaiveDate>,
    codename: Option<&'a str>,
    link: Option<&'a str>,
}

#[derive(Serialize)]
struct ApiDependency<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    kind_label: &'a str,
    homepage: Option<&'a str>,
    upstream_policy: Option<&'a str>,
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
    /// A date, `true` (begun on a date nobody published) or null.
    maintenance: Option<DateOr>,
    eos: Option<DateOr>,
    eos_projected: bool,
    /// Whose each date is: `vendor`, or `upstream` when the vendor stated none.
    supported_source: &'static str,
    maintenance_source: &'static str,
    eos_source: &'static str,
    upstream: Option<ApiUpstream<'a>>,
    removed_in: Option<&'a str>,
    first_sdk: Option<&'a str>,
    last_sdk: Option<&'a str>,
}

#[derive(Serialize)]
struct Announcements<'a> {
    announcements: Vec<ApiAnnouncement<'a>>,
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

/// `api/releases.json`: every release, newest first.
pub fn releases(ctx: &Ctx) -> Rendered {
    let releases = Releases {
        releases: ctx
            .site
            .releases
            .iter()
            .zip(&ctx.views.releases)
            .rev()
            .map(|(r, v)| release(ctx, r, v))
            .collect(),
    };
    document(ctx, Urls::API_RELEASES, releases)
}

/// `api/dependencies.json`: every dependency with its versions.
pub fn dependencies(ctx: &Ctx) -> Rendered {
    let dependencies = Dependencies {
        dependencies: ctx
            .views
            .dependencies
            .iter()
            .map(|d| dependency(ctx, d))
            .collect(),
    };
    document(ctx, Urls::API_DEPENDENCIES, dependencies)
}

/// `api/announcements.json`: every published announcement, newest first.
pub fn announcements(ctx: &Ctx) -> Rendered {
    let announcements = Announcements {
        announcements: ctx
            .published()
            .iter()
            .map(|p| announcement(ctx, p))
            .collect(),
    };
    document(ctx, Urls::API_ANNOUNCEMENTS, announcements)
}

fn document<T: Serialize>(ctx: &Ctx, path: &str, body: T) -> Rendered {
    let doc = Doc {
        generator: &generator(),
        as_of: ctx.schedule.as_of,
        body,
    };
    Rendered::file(path.into(), to_json(&doc))
}

fn release<'a>(ctx: &Ctx, r: &'a Release, v: &'a ReleaseView) -> ApiRelease<'a> {
    ApiRelease {
        version: &v.version,
        url: ctx.urls.abs(&Urls::release(&r.version)),
        released: v.released,
        eos_announced: v.eos_announced,
        eos: when(v.eos, v.eos_begun),
        eos_projected: v.eos_projected,
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
    }
}

fn dependency<'a>(ctx: &Ctx, d: &'a DependencyView) -> ApiDependency<'a> {
    ApiDependency {
        id: &d.id,
        name: &d.name,
        kind: &d.kind,
        kind_label: &d.kind_label,
        homepage: d.homepage.as_deref(),
        upstream_policy: d.upstream_policy.as_deref(),
        url: ctx.urls.abs(&Urls::dependency(&d.id)),
        versions: d.versions.iter().map(dependency_version).collect(),
    }
}

fn dependency_version(v: &DepVersionView) -> ApiDependencyVersion<'_> {
    ApiDependencyVersion {
        version: &v.version,
        phase: v.phase.id,
        phase_label: v.phase.label,
        supported: v.supported,
        announced: v.announced,
        maintenance: when(v.maintenance, v.maintenance_begun),
        eos: when(v.eos, v.eos_begun),
        eos_projected: v.eos_projected,
        supported_source: source(v.supported_upstream),
        maintenance_source: source(v.maintenance_upstream),
        eos_source: source(v.eos_upstream),
        upstream: v.upstream.as_ref().map(|u| ApiUpstream {
            released: u.released,
            eoas: when(u.eoas, u.eoas_begun),
            eol: when(u.eol, u.eol_begun),
            lts: u.lts,
            lts_from: u.lts_from,
            codename: u.codename.as_deref(),
            link: u.link.as_deref(),
        }),
        removed_in: v.removed_in.as_deref(),
        first_sdk: v.first_sdk.as_ref().map(|s| s.version.as_str()),
        last_sdk: v.last_sdk.as_ref().map(|s| s.version.as_str()),
    }
}

fn announcement<'a>(ctx: &Ctx, p: &'a Published) -> ApiAnnouncement<'a> {
    ApiAnnouncement {
        slug: &p.slug,
        title: &p.title,
        date: p.date,
        url: ctx.urls.abs(&Urls::announcement(&p.slug)),
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
    }
}
