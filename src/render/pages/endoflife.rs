//! The endoflife.date-compatible API (API 1.2.1, `api_v1/openapi.yml` of the public
//! endoflife.date repository), so that Renovate, endoflife.date clients and GitHub Actions
//! read the vendor's own site: v1 under `api/v1/<path>/index.json`, v0 as `api/all.json`,
//! `api/<product>.json` and `api/<product>/<cycle>.json`. The SDK is one product and every
//! dependency another; each SDK release and each dependency version is a release cycle. The
//! mapping of our phases onto theirs is docs/api.md's.

use crate::lifecycle::Phase;
use crate::render::Rendered;
use crate::render::context::Ctx;
use crate::render::formats::json::{DateOr, to_json};
use crate::render::urls::Urls;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// The API version these documents follow (`schema_version`).
pub const SCHEMA_VERSION: &str = "1.2.1";

/// A product and its cycles, computed once and written as every document that shows it.
struct Product {
    id: String,
    label: String,
    category: String,
    tags: Vec<String>,
    /// Whether the product has an "end of active support" phase (a dependency with a
    /// maintenance date): then every cycle carries `isEoas` / `eoasFrom`.
    has_eoas: bool,
    /// The product's page (absolute).
    html: String,
    /// Newest first.
    cycles: Vec<Cycle>,
    /// Index into `cycles` of `releases/latest`.
    latest: Option<usize>,
    /// `(type, id)`: purl, cpe, repology...
    identifiers: Vec<(String, String)>,
    /// The product's support policy (absolute): the site's policy page for the SDK, the
    /// upstream policy for a dependency.
    release_policy: Option<String>,
}

struct Cycle {
    name: String,
    release_date: NaiveDate,
    is_eol: bool,
    eol_from: Option<NaiveDate>,
    is_eoas: bool,
    eoas_from: Option<NaiveDate>,
    /// The version's page (absolute).
    link: String,
    codename: Option<String>,
    is_lts: bool,
    lts_from: Option<NaiveDate>,
    custom: BTreeMap<&'static str, Option<String>>,
}

/// Where a v1 document goes and its wrapper's fields besides `result`.
struct Meta<'a> {
    segments: String,
    generated_at: &'a str,
    total: Option<usize>,
    last_modified: Option<&'a str>,
}

#[derive(Serialize)]
struct Response<'a, T: Serialize> {
    schema_version: &'static str,
    generated_at: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_modified: Option<&'a str>,
    result: &'a T,
}

/// One v1 document: `{schema_version, generated_at, [total | last_modified], result}`.
fn document<T: Serialize>(m: Meta, result: &T) -> Rendered {
    let body = Response {
        schema_version: SCHEMA_VERSION,
        generated_at: m.generated_at,
        total: m.total,
        last_modified: m.last_modified,
        result,
    };
    Rendered::file(Urls::eol_v1_file(&m.segments), to_json(&body))
}

#[derive(Serialize)]
struct Uri {
    name: String,
    uri: String,
}

#[derive(Serialize)]
struct Summary<'a> {
    name: &'a str,
    label: &'a str,
    aliases: [&'a str; 0],
    category: &'a str,
    tags: &'a [String],
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Details<'a> {
    name: &'a str,
    label: &'a str,
    aliases: [&'a str; 0],
    category: &'a str,
    tags: &'a [String],
    version_command: Option<&'a str>,
    identifiers: Vec<Identifier<'a>>,
    labels: Labels,
    links: Links<'a>,
    releases: Vec<Release<'a>>,
}

#[derive(Serialize)]
struct Identifier<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
}

/// An entry of `/identifiers/<type>`.
#[derive(Serialize)]
struct IdentifierRef<'a> {
    identifier: &'a str,
    product: Uri,
}

#[derive(Serialize)]
struct Labels {
    eoas: Option<&'static str>,
    discontinued: Option<&'static str>,
    eol: &'static str,
    eoes: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Links<'a> {
    icon: Option<&'a str>,
    html: &'a str,
    release_policy: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Release<'a> {
    name: &'a str,
    codename: Option<&'a str>,
    label: &'a str,
    release_date: NaiveDate,
    is_lts: bool,
    lts_from: Option<NaiveDate>,
    // Present only for products with an active-support phase; then a date or null.
    #[serde(skip_serializing_if = "Option::is_none")]
    is_eoas: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eoas_from: Option<Option<NaiveDate>>,
    is_eol: bool,
    eol_from: Option<NaiveDate>,
    is_maintained: bool,
    latest: Version<'a>,
    custom: &'a BTreeMap<&'static str, Option<String>>,
}

#[derive(Serialize)]
struct Version<'a> {
    name: &'a str,
    date: NaiveDate,
    link: &'a str,
}

/// A v0 cycle: `eol` and `support` are a date or a boolean.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct V0Cycle<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    cycle: Option<&'a str>,
    release_date: NaiveDate,
    eol: DateOr,
    #[serde(skip_serializing_if = "Option::is_none")]
    support: Option<DateOr>,
    latest: &'a str,
    latest_release_date: NaiveDate,
    link: &'a str,
    lts: bool,
}

pub fn render(ctx: &Ctx) -> Vec<Rendered> {
    let products = products(ctx);
    let generated_at = format!("{}T00:00:00+00:00", ctx.schedule.as_of);
    let doc = |segments: &str, total: Option<usize>| Meta {
        segments: segments.to_string(),
        generated_at: &generated_at,
        total,
        last_modified: None,
    };
    let mut out = Vec::new();
    let summaries: Vec<Summary> = products.iter().map(|p| summary(ctx, p)).collect();
    let details: Vec<Details> = products.iter().map(product_details).collect();

    // The index lists the endoflife.date endpoints and this site's own JSON files.
    let index: Vec<Uri> = ["products", "categories", "tags", "identifiers"]
        .iter()
        .map(|n| Uri {
            name: n.to_string(),
            uri: ctx.urls.eol_v1_uri(&format!("{n}/")),
        })
        .chain(
            [
                Urls::API_RELEASES,
                Urls::API_DEPENDENCIES,
                Urls::API_ANNOUNCEMENTS,
            ]
            .iter()
            .map(|p| Uri {
                name: p.trim_start_matches(Urls::EOL_V1).to_string(),
                uri: ctx.urls.abs(p),
            }),
        )
        .collect();
    out.push(document(doc("", Some(index.len())), &index));
    out.push(document(
        doc("products/", Some(summaries.len())),
        &summaries,
    ));
    out.push(document(
        doc("products/full/", Some(details.len())),
        &details,
    ));
    for (p, d) in products.iter().zip(&details) {
        // The data has no edit times: a product is as current as the build.
        let product = Meta {
            last_modified: Some(&generated_at),
            ..doc(&format!("products/{}/", p.id), None)
        };
        out.push(document(product, d));
        // One document per cycle: thousands on a large site, written in parallel.
        out.par_extend(d.releases.par_iter().map(|r| {
            let path = format!("products/{}/releases/{}/", p.id, r.name);
            document(doc(&path, None), r)
        }));
        if let Some(i) = p.latest {
            let path = format!("products/{}/releases/latest/", p.id);
            out.push(document(doc(&path, None), &d.releases[i]));
        }
    }
    for (kind, key) in [("categories", Key::Category), ("tags", Key::Tag)] {
        let groups = group(&products, key);
        let list: Vec<Uri> = groups
            .keys()
            .map(|g| Uri {
                name: g.to_string(),
                uri: ctx.urls.eol_v1_uri(&format!("{kind}/{g}/")),
            })
            .collect();
        out.push(document(doc(&format!("{kind}/"), Some(list.len())), &list));
        for (g, members) in groups {
            let list: Vec<&Summary> = members.iter().map(|&i| &summaries[i]).collect();
            out.push(document(
                doc(&format!("{kind}/{g}/"), Some(list.len())),
                &list,
            ));
        }
    }
    // Identifiers by type (purl, cpe...), as the dependencies declare them.
    let mut by_type: BTreeMap<&str, Vec<IdentifierRef>> = BTreeMap::new();
    for (p, s) in products.iter().zip(&summaries) {
        for (kind, id) in &p.identifiers {
            by_type.entry(kind).or_default().push(IdentifierRef {
                identifier: id,
                product: Uri {
                    name: s.name.to_string(),
                    uri: s.uri.clone(),
                },
            });
        }
    }
    let types: Vec<Uri> = by_type
        .keys()
        .map(|t| Uri {
            name: t.to_string(),
            uri: ctx.urls.eol_v1_uri(&format!("identifiers/{t}/")),
        })
        .collect();
    out.push(document(doc("identifiers/", Some(types.len())), &types));
    for (t, list) in &by_type {
        out.push(document(
            doc(&format!("identifiers/{t}/"), Some(list.len())),
            list,
        ));
    }

    // v0, as Renovate's endoflife-date datasource reads it.
    let mut ids: Vec<&str> = products.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    out.push(Rendered::file(Urls::EOL_V0_ALL.into(), to_json(&ids)));
    for p in &products {
        let cycles: Vec<V0Cycle> = p.cycles.iter().map(|c| v0_cycle(p, c, true)).collect();
        out.push(Rendered::file(
            Urls::eol_v0_product(&p.id),
            to_json(&cycles),
        ));
        out.par_extend(p.cycles.par_iter().map(|c| {
            Rendered::file(
                Urls::eol_v0_cycle(&p.id, &c.name),
                to_json(&v0_cycle(p, c, false)),
            )
        }));
    }
    out.push(Rendered::file(Urls::REDIRECTS.into(), redirects(ctx)));
    out
}

/// Netlify and Cloudflare Pages rewrite rules: v1 clients request `/api/v1/products/x`,
/// which is written as `api/v1/products/x/index.json`. A file that exists wins over a rule.
fn redirects(ctx: &Ctx) -> Vec<u8> {
    let v1 = ctx.urls.rel(Urls::EOL_V1);
    let v1 = v1.trim_end_matches('/');
    format!(
        "# lifecycle: the endoflife.date-compatible API v1 at extensionless paths (docs/api.md)\n\
         {v1}   {v1}/index.json   200\n\
         {v1}/   {v1}/index.json   200\n\
         {v1}/*   {v1}/:splat/index.json   200\n"
    )
    .into_bytes()
}

fn v0_cycle<'a>(p: &Product, c: &'a Cycle, with_name: bool) -> V0Cycle<'a> {
    V0Cycle {
        cycle: with_name.then_some(c.name.as_str()),
        release_date: c.release_date,
        eol: match c.eol_from {
            Some(d) => DateOr::Date(d),
            None => DateOr::Bool(c.is_eol),
        },
        support: p.has_eoas.then_some(match c.eoas_from {
            Some(d) => DateOr::Date(d),
            None => DateOr::Bool(!c.is_eoas),
        }),
        latest: &c.name,
        latest_release_date: c.release_date,
        link: &c.link,
        lts: c.is_lts,
    }
}

fn summary<'a>(ctx: &Ctx, p: &'a Product) -> Summary<'a> {
    Summary {
        name: &p.id,
        label: &p.label,
        aliases: [],
        category: &p.category,
        tags: &p.tags,
        uri: ctx.urls.eol_v1_uri(&format!("products/{}/", p.id)),
    }
}

fn product_details(p: &Product) -> Details<'_> {
    Details {
        name: &p.id,
        label: &p.label,
        aliases: [],
        category: &p.category,
        tags: &p.tags,
        version_command: None,
        identifiers: p
            .identifiers
            .iter()
            .map(|(kind, id)| Identifier { id, kind })
            .collect(),
        labels: Labels {
            eoas: p.has_eoas.then_some("Supported"),
            discontinued: None,
            eol: if p.has_eoas {
                "Maintenance"
            } else {
                "Supported"
            },
            eoes: None,
        },
        links: Links {
            icon: None,
            html: &p.html,
            release_policy: p.release_policy.as_deref(),
        },
        releases: p
            .cycles
            .iter()
            .map(|c| Release {
                name: &c.name,
                codename: c.codename.as_deref(),
                label: &c.name,
                release_date: c.release_date,
                is_lts: c.is_lts,
                lts_from: c.lts_from,
                is_eoas: p.has_eoas.then_some(c.is_eoas),
                eoas_from: p.has_eoas.then_some(c.eoas_from),
                is_eol: c.is_eol,
                eol_from: c.eol_from,
                is_maintained: !c.is_eol,
                latest: Version {
                    name: &c.name,
                    date: c.release_date,
                    link: &c.link,
                },
                custom: &c.custom,
            })
            .collect(),
    }
}

/// The category of a dependency kind: `os` -> `os`, `runtime` -> `lang`, `framework` ->
/// `framework`; a kind of the site's own is its own category.
pub fn category_of(kind: &str) -> &str {
    match kind {
        "runtime" => "lang",
        k => k,
    }
}

fn products(ctx: &Ctx) -> Vec<Product> {
    let site = ctx.site;
    let c = &site.config;
    let mut out = Vec::new();
    // The SDK: every release, newest first.
    let n = site.releases.len();
    let cycles: Vec<Cycle> = (0..n)
        .rev()
        .map(|i| {
            let r = &site.releases[i];
            let v = &ctx.views.releases[i];
            let is_eol = ctx.schedule.releases[i] == Phase::EndOfSupport;
            Cycle {
                name: v.version.clone(),
                release_date: v.released,
                is_eol,
                eol_from: v.eos,
                is_eoas: false,
                eoas_from: None,
                link: ctx.urls.abs(&Urls::release(&r.version)),
                codename: None,
                is_lts: false,
                lts_from: None,
                custom: BTreeMap::from([
                    ("phase", Some(v.phase.id.to_string())),
                    ("announced", v.eos_announced.map(|d| d.to_string())),
                    ("eolProjected", v.eos_projected.then(|| "true".to_string())),
                ]),
            }
        })
        .collect();
    let mut tags = vec![c.api_category.clone(), "sdk".to_string()];
    tags.sort();
    tags.dedup();
    out.push(Product {
        id: c.api_product.clone(),
        label: c.product.clone(),
        category: c.api_category.clone(),
        tags,
        has_eoas: false,
        html: ctx.urls.abs(Urls::RELEASES),
        latest: ctx.schedule.latest.map(|l| n - 1 - l),
        cycles,
        identifiers: Vec::new(),
        release_policy: site
            .pages
            .iter()
            .any(|p| p.slug == Urls::POLICY_SLUG)
            .then(|| ctx.urls.abs(Urls::POLICY)),
    });
    for (di, d) in site.dependencies.iter().enumerate() {
        let view = &ctx.views.dependencies[di];
        let has_eoas = d
            .versions
            .iter()
            .any(|v| v.maintenance.is_some() || v.maintenance_begun);
        let html = ctx.urls.abs(&Urls::dependency(&d.id));
        let cycles: Vec<Cycle> = (0..d.versions.len())
            .rev()
            .filter_map(|vi| {
                let v = &d.versions[vi];
                let vv = ctx.views.dependency_version(di, vi);
                let phase = ctx.schedule.dependencies[di][vi];
                // A version with no `supported` date was released, as far as this site
                // knows, with the first SDK release that ships it.
                let (release_date, from) = match (vv.supported, &vv.first_sdk) {
                    (Some(s), _) if vv.supported_upstream => (s, "upstream"),
                    (Some(s), _) => (s, "supported"),
                    (None, Some(first)) => {
                        let i = site
                            .releases
                            .iter()
                            .position(|r| r.version.to_string() == first.version)?;
                        (site.releases[i].released.date, "first-sdk-release")
                    }
                    (None, None) => return None,
                };
                let is_eol = phase == Phase::EndOfSupport;
                Some(Cycle {
                    name: v.version.clone(),
                    release_date,
                    is_eol,
                    eol_from: vv.eos,
                    is_eoas: is_eol || phase == Phase::Maintenance,
                    eoas_from: vv.maintenance,
                    link: html.clone(),
                    codename: vv.upstream.as_ref().and_then(|u| u.codename.clone()),
                    is_lts: vv.upstream.as_ref().is_some_and(|u| u.lts),
                    // As the spec has it: null unless the LTS phase starts after the release.
                    lts_from: vv
                        .upstream
                        .as_ref()
                        .and_then(|u| u.lts_from)
                        .filter(|&d| d > release_date),
                    custom: BTreeMap::from([
                        ("phase", Some(vv.phase.id.to_string())),
                        ("announced", vv.announced.map(|d| d.to_string())),
                        ("releaseDateFrom", Some(from.to_string())),
                        ("firstSdk", vv.first_sdk.as_ref().map(|s| s.version.clone())),
                        ("lastSdk", vv.last_sdk.as_ref().map(|s| s.version.clone())),
                        ("removedIn", vv.removed_in.clone()),
                        ("eolProjected", vv.eos_projected.then(|| "true".to_string())),
                        (
                            "upstreamEol",
                            upstream_date(vv.upstream.as_ref().map(|u| (u.eol, u.eol_begun))),
                        ),
                        (
                            "upstreamEoas",
                            upstream_date(vv.upstream.as_ref().map(|u| (u.eoas, u.eoas_begun))),
                        ),
                    ]),
                })
            })
            .collect();
        let category = category_of(&d.kind).to_string();
        let mut tags = vec![category.clone(), d.kind.clone()];
        tags.sort();
        tags.dedup();
        out.push(Product {
            id: d.id.clone(),
            label: view.name.clone(),
            category,
            tags,
            has_eoas,
            html,
            latest: (!cycles.is_empty()).then_some(0),
            cycles,
            identifiers: d.identifiers.clone(),
            release_policy: d.upstream_policy.clone(),
        });
    }
    out
}

/// An upstream date as a custom field: the date, `"true"` when begun undated, else null.
fn upstream_date(u: Option<(Option<NaiveDate>, bool)>) -> Option<String> {
    match u? {
        (Some(d), _) => Some(d.to_string()),
        (None, true) => Some("true".to_string()),
        (None, false) => None,
    }
}

#[derive(Clone, Copy)]
enum Key {
    Category,
    Tag,
}

/// Products (indexes) by category or by tag, in name order.
fn group(products: &[Product], key: Key) -> BTreeMap<&str, Vec<usize>> {
    let mut out: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in products.iter().enumerate() {
        match key {
            Key::Category => out.entry(&p.category).or_default().push(i),
            Key::Tag => {
                for t in &p.tags {
                    out.entry(t).or_default().push(i);
                }
            }
        }
    }
    out
}
