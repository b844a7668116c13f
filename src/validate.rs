//! Validate: raw input -> `Site`, collecting every structural and reference error. Pure.
//! Policy findings (support and notice lengths) live in `policy`; this module checks that
//! the data is well-formed and that everything it names exists.

use crate::dates::parse_date;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Pos};
use crate::load::raw::{self, PolicyField, Sp};
use crate::load::yaml::{Scalar, pos_of, source_text};
use crate::load::{Loaded, Markdown, Source};
use crate::model::*;
use crate::shortcodes;
use crate::version::cmp_dependency_versions;
use semver::Version;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Reserved for the sdk in derived slugs and UIDs: a dependency may not be called that.
pub const RESERVED_DEPENDENCY_ID: &str = "sdk";

/// Default dependency kinds (the seed's), in display order.
pub const DEFAULT_KINDS: [(&str, &str); 3] = [
    ("os", "Operating system"),
    ("runtime", "Language runtime"),
    ("framework", "Third party library / framework"),
];

/// Build the validated `Site`. Returns `None` only when `site.yaml` itself is unusable.
pub fn validate(loaded: Loaded, diags: &mut Diagnostics) -> Option<Site> {
    let site_src = loaded.site.as_ref()?;
    let config = validate_config(site_src, diags)?;
    let mut releases: Vec<Release> = loaded
        .releases
        .iter()
        .filter_map(|s| validate_release(s, diags))
        .collect();
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

    let mut announcements: Vec<Announcement> = loaded
        .announcements
        .iter()
        .filter_map(|m| validate_announcement(m, &releases, &dependencies, diags))
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
        templates: loaded.templates,
        static_files: loaded.static_files,
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
    check_derived_slugs(&site, diags);
    Some(site)
}

// ---------------------------------------------------------------------------------------
// Scalars

fn date(sp: &Sp<Scalar>, field: &str, file: &Path, diags: &mut Diagnostics) -> Option<Dated> {
    let pos = Some(pos_of(sp));
    match parse_date(&sp.value.text) {
        Some(date) if sp.value.is_string => Some(Dated { date, pos }),
        _ => {
            diags.report(
                Code::BadDate,
                format!("`{field}` is `{}`, which is not a date: write it as YYYY-MM-DD, e.g. 2025-09-15", sp.value.text),
                file,
                pos,
            );
            None
        }
    }
}

fn opt_date(
    sp: &Option<Sp<Scalar>>,
    field: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Dated> {
    sp.as_ref().and_then(|s| date(s, field, file, diags))
}

/// An SDK version: exactly `X.Y.Z`.
fn sdk_version(sp: &Sp<Scalar>, file: &Path, diags: &mut Diagnostics) -> Option<Version> {
    match Version::parse(sp.value.text.trim()) {
        Ok(v) if v.pre.is_empty() && v.build.is_empty() => Some(v),
        _ => {
            diags.report(
                Code::BadVersion,
                format!(
                    "SDK version `{}` is not a semantic version X.Y.Z (e.g. 2.21.0)",
                    sp.value.text
                ),
                file,
                Some(pos_of(sp)),
            );
            None
        }
    }
}

/// A dependency version: any string, but never a YAML number (`3.10` would read as 3.1).
fn dependency_version(
    sp: &Sp<Scalar>,
    src: Option<&str>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<String> {
    if sp.value.is_string {
        let v = sp.value.text.trim();
        if v.is_empty() {
            diags.report(
                Code::BadVersion,
                "the dependency version is empty",
                file,
                Some(pos_of(sp)),
            );
            return None;
        }
        return Some(v.to_string());
    }
    let typed = src
        .and_then(|s| source_text(s, sp))
        .unwrap_or(&sp.value.text);
    diags.report(
        Code::VersionIsNumber,
        format!(
            "version {typed} is written as a YAML number (it reads as {}): quote it, \"{typed}\"",
            sp.value.text
        ),
        file,
        Some(pos_of(sp)),
    );
    None
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Dates that must not decrease, in order; reports the first pair that does.
fn check_order(dates: &[(&str, Option<Dated>)], what: &str, file: &Path, diags: &mut Diagnostics) {
    let present: Vec<(&str, Dated)> = dates
        .iter()
        .filter_map(|(n, d)| d.map(|d| (*n, d)))
        .collect();
    for pair in present.windows(2) {
        let ((a_name, a), (b_name, b)) = (pair[0], pair[1]);
        if b.date < a.date {
            diags.report(
                Code::DatesOutOfOrder,
                format!(
                    "{what}: `{b_name}` ({}) is before `{a_name}` ({}); expected {}",
                    b.date,
                    a.date,
                    dates
                        .iter()
                        .map(|(n, _)| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(" <= ")
                ),
                file,
                b.pos,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// site.yaml

fn validate_config(src: &Source<raw::SiteFile>, diags: &mut Diagnostics) -> Option<Config> {
    let f = &src.data;
    let file = &src.path;
    let base_url = match url::Url::parse(&f.base_url.value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
            let mut s = u.to_string();
            if !s.ends_with('/') {
                s.push('/');
            }
            s
        }
        _ => {
            diags.report(
                Code::BadConfig,
                format!("base_url `{}` is not an absolute http(s) URL such as https://owner.github.io/repo/", f.base_url.value),
                file,
                Some(pos_of(&f.base_url)),
            );
            return None;
        }
    };
    let as_of = opt_date(&f.as_of, "as_of", file, diags);

    let mut kinds: Vec<(String, String)> = match &f.dependency_kinds {
        Some(map) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        None => DEFAULT_KINDS
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    kinds.retain(|(k, _)| {
        let ok = is_id(k);
        if !ok {
            diags.report(
                Code::BadConfig,
                format!("dependency kind `{k}` must match [a-z0-9][a-z0-9-]*"),
                file,
                None,
            );
        }
        ok
    });

    let policy = validate_policy(f.policy.as_ref(), file, diags);
    let feeds = f.feeds.as_ref();
    let cache = f.publish.as_ref().and_then(|p| p.cache_control.as_ref());
    Some(Config {
        title: f.title.clone(),
        product: f.product.clone().unwrap_or_else(|| f.title.clone()),
        base_url,
        description: f.description.clone(),
        language: f.language.clone().unwrap_or_else(|| "en".into()),
        notice: f.notice.clone().filter(|n| !n.trim().is_empty()),
        as_of: as_of.map(|d| d.date),
        strict: f.strict.unwrap_or(false),
        policy,
        feed_items: feeds.and_then(|x| x.items).unwrap_or(50),
        reminders_days: feeds
            .and_then(|x| x.reminders_days.clone())
            .unwrap_or_else(|| vec![90, 30, 7]),
        kinds,
        cache_control_html: cache
            .and_then(|c| c.html.clone())
            .unwrap_or_else(|| "public, max-age=300".into()),
        cache_control_assets: cache
            .and_then(|c| c.assets.clone())
            .unwrap_or_else(|| "public, max-age=31536000, immutable".into()),
    })
}

/// Policy revisions, oldest first; each inherits the numbers it does not set.
fn validate_policy(
    field: Option<&PolicyField>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Vec<PolicyRevision> {
    let defaults = PolicyRevision {
        effective: None,
        page: None,
        sdk_min_support_months: 12,
        sdk_min_notice_months: 3,
        dependency_min_notice_months: 0,
    };
    let revs: Vec<&raw::RevisionFile> = match field {
        None => return vec![defaults],
        Some(PolicyField::One(r)) => vec![r],
        Some(PolicyField::Many(v)) => v.iter().collect(),
    };
    let list_form = matches!(field, Some(PolicyField::Many(_)));
    let mut dated: Vec<(Option<Dated>, &raw::RevisionFile)> = Vec::new();
    for r in revs {
        let eff = opt_date(&r.effective, "effective", file, diags);
        if list_form && r.effective.is_none() {
            diags.report(
                Code::MissingField,
                "a policy revision in a list needs an `effective` date",
                file,
                None,
            );
        }
        dated.push((eff, r));
    }
    dated.sort_by_key(|(d, _)| d.map(|d| d.date));
    let mut out: Vec<PolicyRevision> = Vec::new();
    let mut seen = BTreeSet::new();
    for (eff, r) in dated {
        if let Some(d) = eff
            && !seen.insert(d.date)
        {
            diags.report(
                Code::BadConfig,
                format!("two policy revisions take effect on {}", d.date),
                file,
                d.pos,
            );
        }
        let prev = out.last().unwrap_or(&defaults).clone();
        let page = r.page.as_ref().and_then(|p| {
            let path = PathBuf::from(&p.value);
            if path.is_absolute()
                || path
                    .components()
                    .any(|c| !matches!(c, std::path::Component::Normal(_)))
            {
                diags.report(
                    Code::BadConfig,
                    format!(
                        "policy page `{}` must be a relative path under content/",
                        p.value
                    ),
                    file,
                    Some(pos_of(p)),
                );
                None
            } else {
                Some(path)
            }
        });
        out.push(PolicyRevision {
            effective: eff.map(|d| d.date),
            page,
            sdk_min_support_months: r
                .sdk
                .as_ref()
                .and_then(|s| s.min_support_months)
                .unwrap_or(prev.sdk_min_support_months),
            sdk_min_notice_months: r
                .sdk
                .as_ref()
                .and_then(|s| s.min_notice_months)
                .unwrap_or(prev.sdk_min_notice_months),
            dependency_min_notice_months: r
                .dependency
                .as_ref()
                .and_then(|s| s.min_notice_months)
                .unwrap_or(prev.dependency_min_notice_months),
        });
    }
    if out.is_empty() {
        out.push(defaults);
    }
    out
}

/// Ids of dependencies and kinds: `[a-z0-9][a-z0-9-]*`.
pub fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

// ---------------------------------------------------------------------------------------
// Releases

fn validate_release(src: &Source<raw::ReleaseFile>, diags: &mut Diagnostics) -> Option<Release> {
    let f = &src.data;
    let file = &src.path;
    let version = sdk_version(&f.version, file, diags);
    if let Some(v) = &version {
        let stem = file_stem(file);
        if stem != v.to_string() {
            diags.report(
                Code::FileNameMismatch,
                format!("version {v} does not match the file name `{stem}`: rename the file to {v}.yaml or fix the version"),
                file,
                Some(pos_of(&f.version)),
            );
        }
    }
    let released = date(&f.released, "released", file, diags);
    let eos_announced = opt_date(&f.eos_announced, "eos_announced", file, diags);
    let eos = opt_date(&f.eos, "eos", file, diags);
    check_order(
        &[
            ("released", released),
            ("eos_announced", eos_announced),
            ("eos", eos),
        ],
        &format!("release {}", f.version.value.text),
        file,
        diags,
    );
    let mut components = Vec::new();
    for (dep, versions) in f.components.iter().flatten() {
        let mut list = Vec::new();
        for v in versions {
            if let Some(s) = dependency_version(v, Some(&src.text), file, diags) {
                if list.iter().any(|(x, _): &(String, _)| *x == s) {
                    diags.report(
                        Code::DuplicateVersion,
                        format!(
                            "{} {s} is listed twice in this release's components",
                            dep.value
                        ),
                        file,
                        Some(pos_of(v)),
                    );
                    continue;
                }
                list.push((s, Some(pos_of(v))));
            }
        }
        components.push(Component {
            dependency: dep.value.clone(),
            versions: list,
            pos: Some(pos_of(dep)),
        });
    }
    let packages = f
        .packages
        .iter()
        .flatten()
        .map(|p| Package {
            name: p.name.clone(),
            version: p.version.text.clone(),
        })
        .collect();
    Some(Release {
        version: version?,
        file: file.clone(),
        version_pos: Some(pos_of(&f.version)),
        released: released?,
        eos_announced,
        eos,
        summary: f.summary.clone(),
        whats_new: f
            .whats_new
            .as_ref()
            .map(|w| (w.value.clone(), Some(pos_of(w)))),
        components,
        packages,
    })
}

fn report_duplicate_releases(releases: &[Release], diags: &mut Diagnostics) {
    for pair in releases.windows(2) {
        if pair[0].version == pair[1].version {
            diags.report(
                Code::DuplicateVersion,
                format!(
                    "SDK version {} is defined twice (also in {})",
                    pair[1].version,
                    crate::diagnostics::display_path(&pair[0].file)
                ),
                &pair[1].file,
                pair[1].version_pos,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Dependencies

fn validate_dependency(
    src: &Source<raw::DependencyFile>,
    config: &Config,
    releases: &[Release],
    diags: &mut Diagnostics,
) -> Option<Dependency> {
    let f = &src.data;
    let file = &src.path;
    let id = file_stem(file);
    let mut ok = true;
    if !is_id(&id) {
        diags.report(
            Code::BadDependencyId,
            format!("dependency id `{id}` (the file name) must match [a-z0-9][a-z0-9-]*: rename the file"),
            file,
            None,
        );
        ok = false;
    } else if id == RESERVED_DEPENDENCY_ID {
        diags.report(
            Code::BadDependencyId,
            "`sdk` is reserved for the SDK itself: rename the dependency file",
            file,
            None,
        );
        ok = false;
    }
    if !config.kinds.iter().any(|(k, _)| *k == f.kind.value) {
        diags.report(
            Code::UnknownKind,
            format!(
                "unknown dependency kind `{}`; site.yaml's dependency_kinds are: {}",
                f.kind.value,
                config
                    .kinds
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            file,
            Some(pos_of(&f.kind)),
        );
    }
    let mut versions: Vec<DependencyVersion> = Vec::new();
    let mut seen: HashMap<String, Pos> = HashMap::new();
    for v in &f.versions {
        let Some(version) = dependency_version(&v.version, Some(&src.text), file, diags) else {
            continue;
        };
        let pos = pos_of(&v.version);
        if let Some(first) = seen.get(&version) {
            diags.report(
                Code::DuplicateVersion,
                format!(
                    "{id} {version} is listed twice (first on line {})",
                    first.line
                ),
                file,
                Some(pos),
            );
            continue;
        }
        seen.insert(version.clone(), pos);
        let supported = opt_date(&v.supported, "supported", file, diags);
        let announced = opt_date(&v.announced, "announced", file, diags);
        let maintenance = opt_date(&v.maintenance, "maintenance", file, diags);
        let mut eos = opt_date(&v.eos, "eos", file, diags);
        let mut removed_in = None;
        if let Some(r) = &v.removed_in {
            let rpos = Some(pos_of(r));
            if let Some(rv) = sdk_version(r, file, diags) {
                match releases.binary_search_by(|x| x.version.cmp(&rv)).ok().map(|i| &releases[i]) {
                    None => diags.report(
                        Code::UnknownRelease,
                        format!("removed_in names SDK release {rv}, which content/releases/ does not have"),
                        file,
                        rpos,
                    ),
                    Some(rel) => {
                        match eos {
                            Some(e) if e.date != rel.released.date => diags.report(
                                Code::RemovedInConflict,
                                format!(
                                    "{id} {version} has removed_in {rv} (released {}) and eos {}: they must agree; drop `eos` or make it {}",
                                    rel.released.date, e.date, rel.released.date
                                ),
                                file,
                                e.pos,
                            ),
                            _ => eos = Some(Dated { date: rel.released.date, pos: rpos }),
                        }
                        removed_in = Some((rv, rpos));
                    }
                }
            }
        }
        check_order(
            &[
                ("supported", supported),
                ("announced", announced),
                ("maintenance", maintenance),
                ("eos", eos),
            ],
            &format!("{id} {version}"),
            file,
            diags,
        );
        versions.push(DependencyVersion {
            version,
            pos: Some(pos),
            supported,
            announced,
            maintenance,
            eos,
            removed_in,
        });
    }
    versions.sort_by(|a, b| cmp_dependency_versions(&a.version, &b.version));
    ok.then(|| Dependency {
        id,
        file: file.clone(),
        name: f.name.clone(),
        kind: f.kind.value.clone(),
        homepage: f
            .homepage
            .as_ref()
            .and_then(|h| http_url(h, "homepage", file, diags)),
        versions,
    })
}

/// A link from data must be an absolute http(s) URL: a `javascript:` one would run in readers' browsers.
fn http_url(sp: &Sp<String>, field: &str, file: &Path, diags: &mut Diagnostics) -> Option<String> {
    match url::Url::parse(sp.value.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Some(u.to_string()),
        _ => {
            diags.report(
                Code::BadConfig,
                format!("`{field}` `{}` must be an absolute http(s) URL", sp.value),
                file,
                Some(pos_of(sp)),
            );
            None
        }
    }
}

/// Every component a release ships exists, and nothing ships at or after its `removed_in`.
fn check_components(
    releases: &[Release],
    deps: &[Dependency],
    unparsed: &[String],
    diags: &mut Diagnostics,
) {
    let by_id: HashMap<&str, &Dependency> = deps.iter().map(|d| (d.id.as_str(), d)).collect();
    for r in releases {
        for c in &r.components {
            if unparsed.contains(&c.dependency) {
                continue;
            }
            let Some(dep) = by_id.get(c.dependency.as_str()) else {
                diags.report(
                    Code::UnknownDependency,
                    format!(
                        "release {} ships `{}`, but there is no content/dependencies/{}.yaml",
                        r.version, c.dependency, c.dependency
                    ),
                    &r.file,
                    c.pos,
                );
                continue;
            };
            for (v, pos) in &c.versions {
                let Some(dv) = dep.version(v) else {
                    diags.report(
                        Code::UnknownDependencyVersion,
                        format!(
                            "release {} ships {} {v}, which {} does not list",
                            r.version,
                            c.dependency,
                            crate::diagnostics::display_path(&dep.file)
                        ),
                        &r.file,
                        *pos,
                    );
                    continue;
                };
                if let Some((removed, _)) = &dv.removed_in
                    && r.version >= *removed
                {
                    diags.report(
                        Code::ShippedAfterRemoval,
                        format!(
                            "release {} ships {} {v}, which is removed in {removed}: releases from {removed} on must not ship it",
                            r.version, c.dependency
                        ),
                        &r.file,
                        *pos,
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Announcements

fn validate_announcement(
    m: &Markdown<raw::AnnouncementFile>,
    releases: &[Release],
    deps: &[Dependency],
    diags: &mut Diagnostics,
) -> Option<Announcement> {
    let f = &m.front;
    let file = &m.path;
    let slug = file_stem(file);
    if !is_slug(&slug) {
        diags.report(
            Code::BadConfig,
            format!("announcement file name `{slug}` must be a URL slug: lowercase letters, digits and dashes"),
            file,
            None,
        );
        return None;
    }
    let date_v = date(&f.date, "date", file, diags);
    let eos = opt_date(&f.eos, "eos", file, diags);
    let mut affects = Vec::new();
    for a in f.affects.iter().flatten() {
        let apos = Some(pos_of(a));
        match (&a.value.sdk, &a.value.dependency) {
            (Some(sdk), None) => {
                if let Some(v) = &a.value.version {
                    diags.report(Code::UnknownField, "`version` goes with `dependency`; an SDK entry is `{ sdk: X.Y.Z }`", file, Some(pos_of(v)));
                }
                let Some(v) = sdk_version(sdk, file, diags) else { continue };
                if releases.binary_search_by(|r| r.version.cmp(&v)).is_err() {
                    diags.report(Code::UnknownRelease, format!("affects SDK {v}, which content/releases/ does not have"), file, Some(pos_of(sdk)));
                    continue;
                }
                affects.push(Affected::Sdk(v));
            }
            (None, Some(dep)) => {
                let Some(d) = deps.iter().find(|d| d.id == dep.value) else {
                    diags.report(
                        Code::UnknownDependency,
                        format!("affects dependency `{}`, but there is no content/dependencies/{}.yaml", dep.value, dep.value),
                        file,
                        Some(pos_of(dep)),
                    );
                    continue;
                };
                let version = match &a.value.version {
                    None => None,
                    Some(v) => {
                        let Some(s) = dependency_version(v, Some(&m.front_text), file, diags) else { continue };
                        if d.version(&s).is_none() {
                            diags.report(
                                Code::UnknownDependencyVersion,
                                format!("affects {} {s}, which {} does not list", d.id, crate::diagnostics::display_path(&d.file)),
                                file,
                                Some(pos_of(v)),
                            );
                            continue;
                        }
                        Some(s)
                    }
                };
                affects.push(Affected::Dependency { id: d.id.clone(), version });
            }
            _ => diags.report(
                Code::MissingField,
                "each `affects` entry names one thing: `{ sdk: X.Y.Z }` or `{ dependency: ID, version: \"V\" }`",
                file,
                apos,
            ),
        }
    }
    Some(Announcement {
        slug,
        file: Some(file.clone()),
        title: f.title.clone(),
        date: date_v?,
        affects,
        eos,
        supersedes: f.supersedes.as_ref().map(|s| s.value.clone()),
        body: m.body.clone(),
        body_line: m.body_line,
    })
}

/// URL slugs: `[a-z0-9][a-z0-9-]*` plus dots and underscores, nothing that could leave a folder.
pub fn is_slug(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        && !s.contains("..")
}

/// `positions`: where each file wrote its `supersedes:` (the model keeps only the slug).
fn check_supersedes(
    anns: &[Announcement],
    positions: &HashMap<&Path, Pos>,
    diags: &mut Diagnostics,
) {
    let slugs: BTreeSet<&str> = anns.iter().map(|a| a.slug.as_str()).collect();
    let mut superseded_by: BTreeMap<&str, &str> = BTreeMap::new();
    for a in anns {
        let Some(s) = &a.supersedes else { continue };
        let file = a.file.as_deref().unwrap_or(Path::new(""));
        let pos = positions.get(file).copied();
        if !slugs.contains(s.as_str()) {
            diags.report(
                Code::UnknownAnnouncement,
                format!("supersedes `{s}`, but there is no content/announcements/{s}.md"),
                file,
                pos,
            );
        } else if s == &a.slug {
            diags.report(
                Code::UnknownAnnouncement,
                "an announcement cannot supersede itself",
                file,
                pos,
            );
        } else if let Some(other) = superseded_by.insert(s.as_str(), a.slug.as_str()) {
            diags.report(
                Code::UnknownAnnouncement,
                format!("`{s}` is already superseded by `{other}`: supersede the newest correction instead"),
                file,
                pos,
            );
        }
    }
    // A chain must end: a cycle would leave no "newest" announcement.
    for start in superseded_by.keys() {
        let mut cur = *start;
        let mut steps = 0;
        while let Some(next) = superseded_by.get(cur) {
            cur = next;
            steps += 1;
            if cur == *start || steps > anns.len() {
                let file = anns
                    .iter()
                    .find(|a| a.slug == *start)
                    .and_then(|a| a.file.clone())
                    .unwrap_or_default();
                let pos = positions.get(file.as_path()).copied();
                diags.report(
                    Code::UnknownAnnouncement,
                    format!("`{start}` is part of a supersedes cycle"),
                    &file,
                    pos,
                );
                break;
            }
        }
    }
}

/// An announcement's `eos` agrees with the data of everything it affects (only the newest of a
/// supersedes chain is held to the data: corrections are how a date moves).
fn check_announced_eos(
    anns: &[Announcement],
    releases: &[Release],
    deps: &[Dependency],
    diags: &mut Diagnostics,
) {
    let superseded: BTreeSet<&str> = anns
        .iter()
        .filter_map(|a| a.supersedes.as_deref())
        .collect();
    for a in anns {
        let (Some(eos), Some(file)) = (a.eos, &a.file) else {
            continue;
        };
        if superseded.contains(a.slug.as_str()) {
            continue;
        }
        for target in &a.affects {
            let (label, data_eos): (String, Vec<Option<chrono::NaiveDate>>) = match target {
                Affected::Sdk(v) => (
                    format!("SDK {v}"),
                    releases
                        .iter()
                        .filter(|r| &r.version == v)
                        .map(|r| r.eos.map(|d| d.date))
                        .collect(),
                ),
                Affected::Dependency { id, version } => {
                    let Some(d) = deps.iter().find(|d| &d.id == id) else {
                        continue;
                    };
                    let vs: Vec<_> = d
                        .versions
                        .iter()
                        .filter(|x| version.as_ref().is_none_or(|v| &x.version == v))
                        .collect();
                    (
                        match version {
                            Some(v) => format!("{} {v}", d.name),
                            None => d.name.clone(),
                        },
                        vs.iter().map(|x| x.eos.map(|d| d.date)).collect(),
                    )
                }
            };
            for data in data_eos {
                match data {
                    Some(d) if d != eos.date => diags.report(
                        Code::AnnouncementEosMismatch,
                        format!("announces eos {} for {label}, but the data says {d}: fix one of them (or supersede this announcement)", eos.date),
                        file,
                        eos.pos,
                    ),
                    None => diags.report(
                        Code::AnnouncedEosWithoutData,
                        format!("announces eos {} for {label}, whose data has no eos: add `eos: {}` to the data", eos.date, eos.date),
                        file,
                        eos.pos,
                    ),
                    _ => {}
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Pages

/// URL paths the generator writes itself: a page there would collide.
const RESERVED_SLUGS: [&str; 11] = [
    "releases",
    "dependencies",
    "announcements",
    "api",
    "badges",
    "assets",
    "rss.xml",
    "atom.xml",
    "eos.ics",
    "404",
    "sitemap.xml",
];

fn validate_pages(
    pages: &[Markdown<raw::PageFile>],
    config: &Config,
    diags: &mut Diagnostics,
) -> (Vec<Page>, Vec<RevisionPage>) {
    let revision_files: HashMap<PathBuf, (chrono::NaiveDate, chrono::NaiveDate)> = config
        .policy
        .windows(2)
        .filter_map(|w| {
            Some((
                PathBuf::from("content").join(w[0].page.as_ref()?),
                (w[0].effective?, w[1].effective?),
            ))
        })
        .collect();
    let mut out = Vec::new();
    let mut revisions = Vec::new();
    let mut urls: HashMap<String, PathBuf> = HashMap::new();
    for m in pages {
        let rel = m.path.strip_prefix("content").unwrap_or(&m.path);
        let mut slug = crate::diagnostics::display_path(&rel.with_extension(""));
        if slug == "index" {
            slug = String::new();
        }
        let title = m
            .front
            .title
            .clone()
            .unwrap_or_else(|| first_heading(&m.body).unwrap_or_else(|| slug.clone()));
        let page = Page {
            slug: slug.clone(),
            file: m.path.clone(),
            title,
            description: m.front.description.clone(),
            weight: m.front.weight.unwrap_or(0),
            template: m.front.template.clone(),
            body: m.body.clone(),
            body_line: m.body_line,
        };
        if let Some((effective, superseded_on)) = revision_files.get(&m.path) {
            revisions.push(RevisionPage {
                effective: *effective,
                superseded_on: *superseded_on,
                page,
            });
            continue;
        }
        if !slug
            .split('/')
            .all(|s| s.is_empty() || is_slug(&s.to_ascii_lowercase()))
        {
            diags.report(
                Code::BadConfig,
                format!("page path `{slug}` must be a URL slug (letters, digits, dashes)"),
                &m.path,
                None,
            );
            continue;
        }
        let first = slug.split('/').next().unwrap_or("");
        let is_revision_url = first == "policy"
            && slug
                .split('/')
                .nth(1)
                .is_some_and(|s| parse_date(s).is_some());
        if RESERVED_SLUGS.contains(&first) || is_revision_url {
            diags.report(
                Code::DuplicateUrl,
                format!("page would be written at /{slug}/, which the generator writes itself: rename the file"),
                &m.path,
                None,
            );
            continue;
        }
        if let Some(other) = urls.insert(slug.clone(), m.path.clone()) {
            diags.report(
                Code::DuplicateUrl,
                format!(
                    "page /{slug}/ is also written by {}",
                    crate::diagnostics::display_path(&other)
                ),
                &m.path,
                None,
            );
            continue;
        }
        out.push(page);
    }
    for rev in &config.policy {
        if let Some(p) = &rev.page
            && !revision_files.contains_key(&PathBuf::from("content").join(p))
        {
            let known = pages
                .iter()
                .any(|m| m.path == PathBuf::from("content").join(p));
            let msg = if known {
                format!(
                    "policy page `{}` belongs to the current revision: the current text is content/policy.md",
                    p.display()
                )
            } else {
                format!(
                    "policy revision page content/{} does not exist",
                    p.display()
                )
            };
            diags.push(
                Diagnostic::new(Code::BadConfig, msg).in_file(Path::new(crate::load::SITE_FILE)),
            );
        }
    }
    out.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    revisions.sort_by_key(|r| r.effective);
    (out, revisions)
}

fn first_heading(body: &str) -> Option<String> {
    body.lines()
        .find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string()))
}

/// Derived announcements get slugs from versions (`3.x` and `3-x` both give `3-x`): two that
/// collide would write one URL.
fn check_derived_slugs(site: &Site, diags: &mut Diagnostics) {
    use crate::announcements::{Source, published};
    let mut seen: HashMap<String, String> = HashMap::new();
    for p in published(site, chrono::NaiveDate::MAX) {
        let (file, pos, what) = match p.source {
            Source::File(_) => continue,
            Source::Sdk(i) => {
                let r = &site.releases[i];
                (r.file.clone(), r.version_pos, format!("SDK {}", r.version))
            }
            Source::Dependency(d, v) => {
                let (d, v) = (&site.dependencies[d], &site.dependencies[d].versions[v]);
                (d.file.clone(), v.pos, format!("{} {}", d.id, v.version))
            }
        };
        if let Some(other) = seen.insert(p.slug.clone(), what.clone()) {
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
        validate(loaded, &mut diags);
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
