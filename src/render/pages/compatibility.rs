//! `/compatibility/`: which releases ship what a user runs. The page works without
//! JavaScript (a table of the supported releases with what each ships, and a link to every
//! release); `assets/compat.js` filters a compact data file, fingerprinted and written at
//! build time (`assets/compatibility.<hash>.json`), by the choice in the query string
//! (`?python=3.10&ubuntu=22.04&supported=1`). The data is linear in the releases: each
//! lists its components once.

use crate::diagnostics::Diagnostic;
use crate::lifecycle::Phase;
use crate::render::Rendered;
use crate::render::context::Ctx;
use crate::render::formats::json::to_json;
use crate::render::urls::Urls;
use crate::render::view::ReleaseView;
use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Data<'a> {
    product: &'a str,
    /// Newest first.
    releases: Vec<DataRelease<'a>>,
    dependencies: Vec<DataDependency<'a>>,
}

#[derive(Serialize)]
struct DataRelease<'a> {
    v: &'a str,
    url: &'a str,
    phase: &'static str,
    label: &'static str,
    eos: Option<NaiveDate>,
    /// Ended on a date nobody published (`eos: true`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    begun: bool,
    projected: bool,
    /// Dependency id -> versions shipped.
    c: BTreeMap<&'a str, Vec<&'a str>>,
}

#[derive(Serialize)]
struct DataDependency<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    rss: String,
    ics: String,
    /// Newest first: (version, phase id, phase label).
    versions: Vec<(&'a str, &'static str, &'static str)>,
}

#[derive(Serialize)]
struct MatrixRow<'a> {
    release: &'a ReleaseView,
    /// What the release ships, one entry per dependency in `kinds` order. Only what it
    /// ships: a site with hundreds of dependencies would otherwise write a cell for every
    /// one of them in every row (a 24 MB page at 10,000 releases and 500 dependencies).
    content: Vec<Shipped<'a>>,
}

#[derive(Serialize)]
struct Shipped<'a> {
    name: &'a str,
    versions: Vec<&'a str>,
}

pub fn render(ctx: &Ctx) -> Result<Vec<Rendered>, Diagnostic> {
    let site = ctx.site;
    let releases: Vec<DataRelease> = site
        .releases
        .iter()
        .zip(&ctx.views.releases)
        .rev()
        .map(|(r, v)| DataRelease {
            v: &v.version,
            url: &v.url,
            phase: v.phase.id,
            label: v.phase.label,
            eos: v.eos,
            projected: v.eos_projected,
            begun: v.eos_begun,
            c: r.components
                .iter()
                .map(|c| {
                    (
                        c.dependency.as_str(),
                        c.versions.iter().map(|(v, _)| v.as_str()).collect(),
                    )
                })
                .collect(),
        })
        .collect();
    let dependencies: Vec<DataDependency> = ctx
        .views
        .dependencies
        .iter()
        .map(|d| DataDependency {
            id: &d.id,
            name: &d.name,
            kind: &d.kind,
            rss: ctx.urls.rel(&Urls::dependency_feed(&d.id)),
            ics: ctx.urls.rel(&Urls::dependency_calendar(&d.id)),
            versions: d
                .versions
                .iter()
                .map(|v| (v.version.as_str(), v.phase.id, v.phase.label))
                .collect(),
        })
        .collect();
    let data = to_json(&Data {
        product: &site.config.product,
        releases,
        dependencies,
    });
    let data_path = fingerprinted(&data);

    // The page: controls grouped by kind, and the static table of supported releases.
    let kinds = ctx.views.by_kind(site);
    // Each dependency's place in kind order, by its index in the site (`usize::MAX`: not
    // shown).
    let mut rank = vec![usize::MAX; site.dependencies.len()];
    let in_kind_order = kinds.iter().flat_map(|g| g.dependencies.iter());
    for (at, d) in in_kind_order.enumerate() {
        if let Some(&di) = site.dependency_index.get(&d.id) {
            rank[di] = at;
        }
    }
    let rows: Vec<MatrixRow> = site
        .releases
        .iter()
        .zip(&ctx.views.releases)
        .rev()
        .filter(|(_, v)| matches!(v.phase_value, Phase::Supported | Phase::Announced))
        .map(|(r, v)| {
            let mut content: Vec<(usize, Shipped)> = r
                .components
                .iter()
                .filter_map(|c| {
                    let di = *site.dependency_index.get(&c.dependency)?;
                    let versions = c.versions.iter().map(|(v, _)| v.as_str()).collect();
                    (rank[di] != usize::MAX).then(|| {
                        let name = &ctx.views.dependencies[di].name;
                        (rank[di], Shipped { name, versions })
                    })
                })
                .collect();
            content.sort_by_key(|(at, _)| *at);
            MatrixRow {
                release: v,
                content: content.into_iter().map(|(_, s)| s).collect(),
            }
        })
        .collect();
    let mut tc = ctx.page_context();
    tc.insert("kinds", &kinds);
    tc.insert("matrix", &rows);
    tc.insert("data_url", &ctx.urls.rel(&data_path));
    let page = ctx.html(Urls::COMPATIBILITY, "compatibility.html", tc, Vec::new())?;
    Ok(vec![page, Rendered::file(data_path, data)])
}

/// `assets/compatibility.<10 hex of sha256>.json`: content-addressed like the theme's assets.
fn fingerprinted(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("assets/compatibility.{hash}.json")
}
