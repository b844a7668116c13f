//! The input schema: serde types that mirror the site's files one to one (docs/input.md).
//! Every struct denies unknown fields; values that later checks point at are `Spanned`.

use super::yaml::Scalar;
use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

pub type Sp<T> = Spanned<T>;
pub use super::text::{Line, Text};

/// `site.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    pub title: Line,
    pub product: Option<Line>,
    pub base_url: Sp<Line>,
    pub description: Option<Text>,
    pub language: Option<Line>,
    pub notice: Option<Text>,
    pub as_of: Option<Sp<Scalar>>,
    pub strict: Option<bool>,
    pub policy: Option<PolicyField>,
    pub feeds: Option<FeedsFile>,
    pub dependency_kinds: Option<IndexMap<Sp<Line>, Line>>,
    pub publish: Option<PublishFile>,
    pub api: Option<ApiFile>,
}

/// `api:` the SDK as a product of the endoflife.date-compatible API.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiFile {
    pub product: Option<Sp<Line>>,
    pub category: Option<Sp<Line>>,
}

/// `policy:` is one revision (a map) or several (a list).
#[derive(Debug)]
pub enum PolicyField {
    One(Box<RevisionFile>),
    Many(Vec<RevisionFile>),
}

impl<'de> Deserialize<'de> for PolicyField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PolicyField;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a policy revision (a map) or a list of revisions")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PolicyField, A::Error> {
                RevisionFile::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|r| PolicyField::One(Box::new(r)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<PolicyField, A::Error> {
                Vec::<RevisionFile>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(PolicyField::Many)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionFile {
    pub effective: Option<Sp<Scalar>>,
    pub page: Option<Sp<Line>>,
    pub sdk: Option<SdkPolicyFile>,
    pub dependency: Option<DependencyPolicyFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SdkPolicyFile {
    pub min_support_months: Option<Sp<u64>>,
    pub min_notice_months: Option<Sp<u64>>,
    pub projected_eos: Option<ProjectedFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DependencyPolicyFile {
    pub min_notice_months: Option<Sp<u64>>,
    pub projected_eos: Option<ProjectedFile>,
}

/// `projected_eos: { after: next_minor, successors: 1, months: 6 }` (docs/lifecycle.md).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectedFile {
    pub after: Sp<Line>,
    pub successors: Option<Sp<u64>>,
    pub months: Option<Sp<u64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedsFile {
    pub items: Option<Sp<u64>>,
    pub reminders_days: Option<Vec<Sp<u64>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishFile {
    pub cache_control: Option<CacheControlFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheControlFile {
    pub html: Option<Sp<String>>,
    pub assets: Option<Sp<String>>,
}

/// `content/releases/<X.Y.Z>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseFile {
    pub version: Sp<Scalar>,
    pub released: Sp<Scalar>,
    pub eos_announced: Option<Sp<Scalar>>,
    pub eos: Option<Sp<Scalar>>,
    pub summary: Option<Line>,
    pub whats_new: Option<Sp<Text>>,
    pub components: Option<IndexMap<Sp<Line>, Vec<Sp<Scalar>>>>,
    pub packages: Option<Vec<PackageFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageFile {
    pub name: Line,
    pub version: Scalar,
}

/// `content/dependencies/<id>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DependencyFile {
    pub name: Line,
    pub kind: Sp<Line>,
    pub homepage: Option<Sp<Line>>,
    pub upstream_policy: Option<Sp<Line>>,
    /// `- purl: pkg:pypi/torch`: one type and id per entry, as endoflife.date writes them.
    pub identifiers: Option<Vec<Sp<IndexMap<Line, Line>>>>,
    pub versions: Vec<DependencyVersionFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DependencyVersionFile {
    pub version: Sp<Scalar>,
    pub supported: Option<Sp<Scalar>>,
    pub announced: Option<Sp<Scalar>>,
    pub maintenance: Option<Sp<Scalar>>,
    pub eos: Option<Sp<Scalar>>,
    pub removed_in: Option<Sp<Scalar>>,
    pub upstream: Option<Sp<UpstreamFile>>,
}

/// `upstream: { released, eoas, eol, lts, codename, link }` (docs/input.md#upstream).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpstreamFile {
    pub released: Option<Sp<Scalar>>,
    pub eoas: Option<Sp<Scalar>>,
    pub eol: Option<Sp<Scalar>>,
    pub lts: Option<Sp<Scalar>>,
    pub codename: Option<Line>,
    pub link: Option<Sp<Line>>,
}

/// Front matter of `content/announcements/<slug>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnouncementFile {
    pub title: Line,
    pub date: Sp<Scalar>,
    pub affects: Option<Vec<Sp<AffectFile>>>,
    pub eos: Option<Sp<Scalar>>,
    pub supersedes: Option<Sp<Line>>,
}

/// One `affects:` entry: `{ sdk: X.Y.Z }` or `{ dependency: id, version: "V" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AffectFile {
    pub sdk: Option<Sp<Scalar>>,
    pub dependency: Option<Sp<Line>>,
    pub version: Option<Sp<Scalar>>,
}

/// Front matter of `content/**/*.md` pages.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFile {
    pub title: Option<Line>,
    pub description: Option<Text>,
    pub weight: Option<i64>,
    pub template: Option<Line>,
}
