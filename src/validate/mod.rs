//! Validate: raw input -> `Site`, collecting every structural and reference error. Pure.
//! Policy findings (support and notice lengths) live in `policy`; this module checks that
//! the data is well-formed and that everything it names exists. One submodule per input file kind.

use crate::dates::parse_date;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Pos};
use crate::load::raw::{self, Line, PolicyField, Sp};
use crate::load::yaml::{Scalar, pos_of, source_text};
use crate::load::{Loaded, Markdown, Source};
use crate::model::*;
use crate::shortcodes;
use crate::version::cmp_dependency_versions;
use rayon::prelude::*;
use semver::Version;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod announcements;
mod config;
pub use config::{is_id, slug_of};
mod dependencies;
mod pages;
mod releases;
mod scalars;
pub use scalars::{cycle_name_of, is_cycle_name};

use announcements::*;
use config::*;
use dependencies::*;
use pages::*;
use releases::*;
use scalars::*;

/// Reserved for the sdk in derived slugs and UIDs: a dependency may not be called that.
pub const RESERVED_DEPENDENCY_ID: &str = "sdk";

/// Default dependency kinds (the seed's), in display order.
pub const DEFAULT_KINDS: [(&str, &str); 3] = [
    ("os", "Operating system"),
    ("runtime", "Language runtime"),
    ("framework", "Third party library / framework"),
];

/// What `serve` keeps of validation between rebuilds: each release file's own result (a
/// release is validated from its file alone), by path, with the hash of the text it came
/// from (`Source::hash`). Everything that spans files is checked again on every run.
#[derive(Default)]
pub struct Memo {
    releases: HashMap<PathBuf, (u64, Option<Arc<Release>>, Diagnostics)>,
}

/// Build the validated `Site`. Returns `None` only when `site.yaml` itself is unusable.
pub fn validate(loaded: &Loaded, diags: &mut Diagnostics) -> Option<Site> {
    validate_with(loaded, diags, None)
}

/// `validate`, reusing what `memo` kept of release files whose text is unchanged (and
/// keeping this run's results in it).
pub fn validate_with(
    loaded: &Loaded,
    diags: &mut Diagnostics,
    memo: Option<&mut Memo>,
) -> Option<Site> {
    let site_src = loaded.site.as_ref()?;
    let config = validate_config(site_src, diags)?;
    // Releases are the bulk of a site and each is checked on its own: in parallel, with
    // the diagnostics merged in file order as a serial loop would give them.
    let kept = memo.as_ref().map(|m| &m.releases);
    let checked: Vec<(u64, Option<Arc<Release>>, Diagnostics)> = loaded
        .releases
        .par_iter()
        .map(|s| {
            if let Some((h, r, d)) = kept.and_then(|k| k.get(&s.path))
                && *h == s.hash
            {
                return (s.hash, r.clone(), d.clone());
            }
            let mut d = Diagnostics::default();
            (s.hash, validate_release(s, &mut d).map(Arc::new), d)
        })
        .collect();
    let mut releases = Vec::with_capacity(checked.len());
    let mut next = HashMap::with_capacity(checked.len());
    let keep = memo.is_some();
    for (s, (hash, r, d)) in loaded.releases.iter().zip(checked) {
        if keep {
            diags.extend(d.clone());
            next.insert(s.path.clone(), (hash, r.clone(), d));
        } else {
            diags.extend(d);
        }
        releases.extend(r);
    }
    if let Some(m) = memo {
        m.releases = next;
    }
    releases.sort_by(|a, b| a.version.cmp(&b.version));
    report_duplicate_releases(&releases, diags);
    releases.dedup_by(|a, b| a.version == b.version);

    let mut dependencies: Vec<Dependency> = loaded
        .dependencies
        .iter()
        .filter_map(|s| validate_dependency(s, &config, &releases, diags))
        .collect();
    let kind_rank = |k: &str| {
        config
            .kinds
            .iter()
            .position(|(key, _)| key == k)
            .unwrap_or(usize::MAX)
    };
    dependencies.sort_by(|a, b| (kind_rank(&a.kind), &a.id).cmp(&(kind_rank(&b.kind), &b.id)));

    check_components(
        &releases,
        &dependencies,
        &loaded.unparsed_dependencies,
        diags,
    );

    let mut announcements: Vec<Announcement> =
        each_in_parallel(&loaded.announcements, diags, |m, d| {
            validate_announcement(m, &releases, &dependencies, d)
        })
        .into_iter()
        .flatten()
        .collect();
    announcements.sort_by(|a, b| (a.date.date, &a.slug).cmp(&(b.date.date, &b.slug)));
    let supersedes_pos: HashMap<&Path, Pos> = loaded
        .announcements
        .iter()
        .filter_map(|m| Some((m.path.as_path(), pos_of(m.front.supersedes.as_ref()?))))
        .collect();
    check_supersedes(&announcements, &supersedes_pos, diags);
    check_announced_eos(&announcements, &releases, &dependencies, diags);

    let (pages, revision_pages) = validate_pages(&loaded.pages, &config, diags);
    let dependency_index = dependencies
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();
    let site = Site {
        config,
        releases,
        dependencies,
        dependency_index,
        announcements,
        pages,
        revision_pages,
        templates: loaded.templates.clone(),
        static_files: loaded.static_files.clone(),
    };
    for page in site
        .pages
        .iter()
        .chain(site.revision_pages.iter().map(|r| &r.page))
    {
        shortcodes::check(&page.body, page.body_line, &page.file, &site.config, diags);
    }
    for a in &site.announcements {
        if let Some(file) = &a.file {
            shortcodes::check(&a.body, a.body_line, file, &site.config, diags);
        }
    }
    each_in_parallel(&site.releases, diags, |r, d| {
        if let Some((md, pos)) = &r.whats_new {
            shortcodes::check(md, whats_new_line(*pos), &r.file, &site.config, d);
        }
    });
    check_derived_slugs(&site, diags);
    check_api_products(&site, diags);
    Some(site)
}

/// `check` every item on its own, in parallel, each into its own diagnostics; they are
/// reported into `diags` in item order, as a serial loop would report them.
fn each_in_parallel<T: Sync, R: Send>(
    items: &[T],
    diags: &mut Diagnostics,
    check: impl Fn(&T, &mut Diagnostics) -> R + Sync,
) -> Vec<R> {
    let checked: Vec<(R, Diagnostics)> = items
        .par_iter()
        .map(|item| {
            let mut d = Diagnostics::default();
            (check(item, &mut d), d)
        })
        .collect();
    checked
        .into_iter()
        .map(|(r, d)| {
            diags.extend(d);
            r
        })
        .collect()
}

/// Product ids of the endoflife.date-compatible API (docs/api.md): the SDK's and every
/// dependency's must differ, and none may be a name the API uses itself (`api/all.json`,
/// `api/v1/`, `api/v1/products/full`).
fn check_api_products(site: &Site, diags: &mut Diagnostics) {
    const RESERVED: [&str; 3] = ["all", "v1", "full"];
    let sdk = &site.config.api_product;
    if RESERVED.contains(&sdk.as_str()) {
        diags.report(
            Code::DuplicateUrl,
            format!("the SDK's API product id `{sdk}` is a name the API uses itself: set `api.product` in site.yaml"),
            Path::new(crate::load::SITE_FILE),
            None,
        );
    }
    for d in &site.dependencies {
        let clash = if RESERVED.contains(&d.id.as_str()) {
            format!(
                "`{}` is a name the endoflife.date-compatible API uses itself",
                d.id
            )
        } else if d.id == *sdk {
            format!(
                "`{}` is also the SDK's API product id: set another `api.product` in site.yaml",
                d.id
            )
        } else {
            continue;
        };
        diags.report(
            Code::DuplicateUrl,
            format!(
                "dependency {}: {clash}, so their API documents would share URLs",
                d.id
            ),
            &d.file,
            None,
        );
    }
}

/// The line a release's `whats_new` Markdown starts on: a YAML block scalar starts on the
/// line after its key (render reports positions the same way).
pub fn whats_new_line(key: Option<Pos>) -> u32 {
    key.map_or(1, |p| p.line + 1)
}

/// Derived announcements get slugs from versions (`3.x` and `3-x` both give `3-x`): two that
/// collide would write one URL.
fn check_derived_slugs(site: &Site, diags: &mut Diagnostics) {
    use crate::announcements::{Source, derived};
    // Slug -> the source it was derived for; names and positions are only made for a clash.
    let mut seen: HashMap<&str, Source> = HashMap::new();
    let files: HashMap<&str, &Announcement> = site
        .announcements
        .iter()
        .map(|a| (a.slug.as_str(), a))
        .collect();
    let about = |source: Source| match source {
        Source::File(_) => None,
        Source::Sdk(i) => {
            let r = &site.releases[i];
            Some((r.file.clone(), r.version_pos, format!("SDK {}", r.version)))
        }
        Source::Dependency(d, v) => {
            let (d, v) = (&site.dependencies[d], &site.dependencies[d].versions[v]);
            Some((d.file.clone(), v.pos, format!("{} {}", d.id, v.version)))
        }
    };
    // In the order published lists them (newest first), so that which of two clashing
    // announcements is named first is the same as ever.
    let mut list = derived(site);
    list.sort_by(|a, b| (b.date, &b.slug).cmp(&(a.date, &a.slug)));
    for p in &list {
        if matches!(p.source, Source::File(_)) {
            continue;
        }
        // A hand-written file with the derived slug that does not cover that date (else no
        // announcement would have been derived) would silently replace it.
        if let Some(a) = files.get(p.slug.as_str()) {
            let Some((file, pos, what)) = about(p.source) else {
                continue;
            };
            diags.report(
                Code::DuplicateUrl,
                format!(
                    "{} has the slug of the announcement derived for {what} on {}, but does not announce it (it must be dated {} and name {what} in `affects`): rename the file, or make it that announcement",
                    a.file.as_deref().map(crate::diagnostics::display_path).unwrap_or_default(),
                    p.date,
                    p.date
                ),
                a.file.as_deref().unwrap_or(&file),
                a.file.as_ref().map_or(pos, |_| None),
            );
            continue;
        }
        if let Some(other) = seen.insert(p.slug.as_str(), p.source) {
            let (Some((file, pos, what)), Some((_, _, other))) = (about(p.source), about(other))
            else {
                continue;
            };
            diags.report(
                Code::DuplicateUrl,
                format!(
                    "the announcement derived for {what} would be written at /announcements/{}/, like the one for {other}: write a hand-written announcement for one of them",
                    p.slug
                ),
                &file,
                pos,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Load and validate a site made of `files` (path, text) below a temporary directory.
    fn check(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let mut diags = Diagnostics::default();
        let loaded = crate::load::load_site(dir.path(), &mut diags);
        validate(&loaded, &mut diags);
        diags.into_sorted()
    }

    const SITE: (&str, &str) = ("site.yaml", "title: T\nbase_url: https://example.org/\n");
    const PYTHON: (&str, &str) = (
        "content/dependencies/python.yaml",
        "name: Python\nkind: runtime\nversions:\n  - version: \"3.10\"\n",
    );

    #[test]
    fn supersedes_a_missing_slug_is_reported_at_its_line() {
        let ann = "---\ntitle: T\ndate: 2025-01-01\nsupersedes: nope\n---\n";
        let ds = check(&[SITE, ("content/announcements/a.md", ann)]);
        assert_eq!(ds.len(), 1, "{ds:?}");
        assert_eq!(
            (ds[0].code, ds[0].line, ds[0].column),
            (Code::UnknownAnnouncement, Some(4), Some(13))
        );
    }

    #[test]
    fn a_version_number_in_front_matter_is_quoted_as_typed() {
        let ann = "---\ntitle: T\ndate: 2025-01-01\naffects:\n  - { dependency: python, version: 3.10 }\n---\n";
        let ds = check(&[SITE, PYTHON, ("content/announcements/a.md", ann)]);
        assert_eq!(ds.len(), 1, "{ds:?}");
        assert_eq!(
            (ds[0].code, ds[0].line, ds[0].column),
            (Code::VersionIsNumber, Some(5), Some(36))
        );
        assert!(
            ds[0].message.contains("quote it, \"3.10\""),
            "{}",
            ds[0].message
        );
    }
}
