//! The validated site: typed, sorted, every reference resolved. Built by `validate`.

use crate::diagnostics::Pos;
use chrono::NaiveDate;
use semver::Version;
use std::path::PathBuf;

/// A date from the data, with where it was written (for policy diagnostics).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Dated {
    pub date: NaiveDate,
    pub pos: Option<Pos>,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Ascending semver order.
    pub releases: Vec<std::sync::Arc<Release>>,
    /// In `dependency_kinds` order, then by id.
    pub dependencies: Vec<Dependency>,
    /// Dependency id -> index into `dependencies`.
    pub dependency_index: std::collections::HashMap<String, usize>,
    /// Hand-written announcements, by date then slug.
    pub announcements: Vec<Announcement>,
    /// `content/**/*.md` pages (not revision pages), by weight then path.
    pub pages: Vec<Page>,
    /// Earlier policy texts, rendered at `/policy/<effective>/`.
    pub revision_pages: Vec<RevisionPage>,
    /// The site's template overrides and static files, carried through to render.
    pub templates: Vec<(String, Vec<u8>)>,
    pub static_files: Vec<(String, Vec<u8>)>,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub title: String,
    pub product: String,
    /// Absolute, with a trailing slash.
    pub base_url: String,
    pub description: Option<String>,
    pub language: String,
    pub notice: Option<String>,
    pub as_of: Option<NaiveDate>,
    pub strict: bool,
    /// Oldest first; never empty.
    pub policy: Vec<PolicyRevision>,
    pub feed_items: usize,
    pub reminders_days: Vec<u32>,
    /// (key, label) in display order.
    pub kinds: Vec<(String, String)>,
    pub cache_control_html: String,
    pub cache_control_assets: String,
    /// The SDK's product id in the endoflife.date-compatible API (`api.product`).
    pub api_product: String,
    /// Its category there (`api.category`, default `framework`).
    pub api_category: String,
}

impl Config {
    pub fn kind_label<'a>(&'a self, kind: &'a str) -> &'a str {
        self.kinds
            .iter()
            .find(|(k, _)| k == kind)
            .map_or(kind, |(_, l)| l.as_str())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PolicyRevision {
    /// `None` only for the single-map form.
    pub effective: Option<NaiveDate>,
    /// A page under `content/` with the text as it was then, and where site.yaml names it.
    pub page: Option<PathBuf>,
    pub page_pos: Option<Pos>,
    pub sdk_min_support_months: u32,
    pub sdk_min_notice_months: u32,
    pub dependency_min_notice_months: u32,
    /// The rules that project an end of support nobody stated (docs/lifecycle.md#projections).
    pub sdk_projected: Option<Projection>,
    pub dependency_projected: Option<Projection>,
}

/// A policy rule for end of support: `months` after the `successors`-th `after` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Projection {
    pub after: After,
    pub successors: u32,
    pub months: u32,
}

/// What a projected end of support counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum After {
    /// The version's own release (`released`, or a dependency version's `supported`).
    Release,
    /// The next released SDK version in semver order, patches included.
    NextRelease,
    /// The first release of a newer X.Y line.
    NextMinor,
    /// The first release of a newer major version.
    NextMajor,
    /// The next version of the same dependency to become supported.
    NextVersion,
}

impl After {
    pub fn id(self) -> &'static str {
        match self {
            After::Release => "release",
            After::NextRelease => "next_release",
            After::NextMinor => "next_minor",
            After::NextMajor => "next_major",
            After::NextVersion => "next_version",
        }
    }
}

/// `Hash`: `serve`'s fingerprints of what a page shows (`render/prints.rs`).
#[derive(Debug, Hash)]
pub struct Release {
    pub version: Version,
    pub file: PathBuf,
    pub version_pos: Option<Pos>,
    pub released: Dated,
    pub eos_announced: Option<Dated>,
    pub eos: Option<Dated>,
    /// End of support has passed on a date nobody published (`eos: true`); `eos` is `None`.
    pub eos_begun: bool,
    pub summary: Option<String>,
    pub whats_new: Option<(String, Option<Pos>)>,
    pub components: Vec<Component>,
    pub packages: Vec<Package>,
}

/// The versions of one dependency that a release ships.
#[derive(Debug, Hash)]
pub struct Component {
    pub dependency: String,
    pub versions: Vec<(String, Option<Pos>)>,
    /// Where the `components:` key was written.
    pub pos: Option<Pos>,
}

#[derive(Debug, Clone, Hash)]
pub struct Package {
    pub name: String,
    pub version: String,
}

#[derive(Debug)]
pub struct Dependency {
    pub id: String,
    pub file: PathBuf,
    pub name: String,
    pub kind: String,
    pub homepage: Option<String>,
    /// Where the dependency's own community publishes its support policy.
    pub upstream_policy: Option<String>,
    /// Package identifiers (`purl`, `cpe`, `repology`...), as `(type, id)`, in file order.
    pub identifiers: Vec<(String, String)>,
    /// Ascending version order.
    pub versions: Vec<DependencyVersion>,
}

/// A phase boundary as the data gives it: a date, or `true`, "it has begun, on a date
/// nobody published" (docs/input.md#dates-not-published).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    On(Dated),
    Begun,
}

impl When {
    pub fn date(self) -> Option<Dated> {
        match self {
            When::On(d) => Some(d),
            When::Begun => None,
        }
    }
}

/// The schedule a dependency version's own community publishes (`upstream:`), kept beside
/// the vendor's decisions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Upstream {
    pub released: Option<Dated>,
    /// End of active support.
    pub eoas: Option<When>,
    /// End of life.
    pub eol: Option<When>,
    /// Long-term support: `true`, or from a date.
    pub lts: Option<When>,
    pub codename: Option<String>,
    pub link: Option<String>,
    /// Where `upstream:` is written.
    pub pos: Option<Pos>,
}

/// Whose decision a date of a dependency version is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Origin {
    /// The vendor's own field (or `removed_in`).
    #[default]
    Vendor,
    /// The vendor stated none: the upstream schedule's.
    Upstream,
}

/// Where each effective date of a dependency version comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Origins {
    pub supported: Origin,
    pub maintenance: Origin,
    pub eos: Origin,
}

#[derive(Debug)]
pub struct DependencyVersion {
    pub version: String,
    pub pos: Option<Pos>,
    /// The effective dates: the vendor's where stated, else upstream's (`supported` <-
    /// `released`, `maintenance` <- `eoas`, `eos` <- `eol`); `origin` says which.
    pub supported: Option<Dated>,
    pub announced: Option<Dated>,
    pub maintenance: Option<Dated>,
    /// Written, or derived from `removed_in` (that release's date), or upstream's.
    pub eos: Option<Dated>,
    /// Maintenance / end of support has begun on a date nobody published (`true`); the
    /// date field is then `None`.
    pub maintenance_begun: bool,
    pub eos_begun: bool,
    pub origin: Origins,
    pub removed_in: Option<(Version, Option<Pos>)>,
    pub upstream: Option<Upstream>,
}

impl DependencyVersion {
    /// The vendor's own end of support (policy checks and announcements are about the
    /// vendor's decisions, not the community's).
    pub fn vendor_eos(&self) -> Option<Dated> {
        self.eos.filter(|_| self.origin.eos == Origin::Vendor)
    }

    pub fn vendor_maintenance(&self) -> Option<Dated> {
        self.maintenance
            .filter(|_| self.origin.maintenance == Origin::Vendor)
    }

    /// The upstream end of life, when it is a date.
    pub fn upstream_eol(&self) -> Option<Dated> {
        self.upstream.as_ref()?.eol?.date()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Affected {
    Sdk(Version),
    /// `version: None` means every version of the dependency.
    Dependency {
        id: String,
        version: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Announcement {
    pub slug: String,
    /// `None` for derived announcements, which have no file.
    pub file: Option<PathBuf>,
    pub title: String,
    pub date: Dated,
    pub affects: Vec<Affected>,
    pub eos: Option<Dated>,
    pub supersedes: Option<String>,
    /// Markdown.
    pub body: String,
    pub body_line: u32,
}

#[derive(Debug, Hash)]
pub struct Page {
    /// URL path below the site root without slashes around it, e.g. `policy`, `guides/upgrade`.
    pub slug: String,
    pub file: PathBuf,
    pub title: String,
    pub description: Option<String>,
    pub weight: i64,
    pub template: Option<String>,
    pub body: String,
    pub body_line: u32,
}

#[derive(Debug)]
pub struct RevisionPage {
    pub effective: NaiveDate,
    /// When the next revision took over.
    pub superseded_on: NaiveDate,
    pub page: Page,
}

impl Site {
    pub fn dependency(&self, id: &str) -> Option<&Dependency> {
        self.dependency_index
            .get(id)
            .map(|&i| &self.dependencies[i])
    }

    pub fn release(&self, v: &Version) -> Option<&Release> {
        self.release_index(v).map(|i| &*self.releases[i])
    }

    /// Index into `releases` (which are in semver order) of version `v`.
    pub fn release_index(&self, v: &Version) -> Option<usize> {
        self.releases.binary_search_by(|r| r.version.cmp(v)).ok()
    }
}

impl Dependency {
    pub fn version(&self, v: &str) -> Option<&DependencyVersion> {
        self.versions.iter().find(|x| x.version == v)
    }
}
