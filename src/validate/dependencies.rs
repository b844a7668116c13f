//! `content/dependencies/*.yaml`, and the components releases ship.

use super::*;

pub(super) fn validate_dependency(
    src: &Source<raw::DependencyFile>,
    config: &Config,
    releases: &[Arc<Release>],
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
    if !config.kinds.iter().any(|(k, _)| *k == *f.kind.value) {
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
        let maintenance = opt_when(&v.maintenance, "maintenance", file, diags);
        let mut eos = opt_when(&v.eos, "eos", file, diags);
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
                            Some(When::On(e)) if e.date != rel.released.date => diags.report(
                                Code::RemovedInConflict,
                                format!(
                                    "{id} {version} has removed_in {rv} (released {}) and eos {}: they must agree; drop `eos` or make it {}",
                                    rel.released.date, e.date, rel.released.date
                                ),
                                file,
                                e.pos,
                            ),
                            // `eos: true` with `removed_in`: the release gives the date.
                            _ => eos = Some(When::On(Dated { date: rel.released.date, pos: rpos })),
                        }
                        removed_in = Some((rv, rpos));
                    }
                }
            }
        }
        // The vendor's own dates must be in order; upstream's are the community's data.
        check_order(
            &[
                ("supported", supported),
                ("announced", announced),
                ("maintenance", maintenance.and_then(When::date)),
                ("eos", eos.and_then(When::date)),
            ],
            &format!("{id} {version}"),
            file,
            diags,
        );
        let upstream = v.upstream.as_ref().map(|u| upstream_of(u, file, diags));
        let up = upstream.clone().unwrap_or_default();
        let (supported, supported_origin) = fallback(supported, up.released);
        let (maintenance, maintenance_origin) = fallback(maintenance, up.eoas);
        let (eos, eos_origin) = fallback(eos, up.eol);
        versions.push(DependencyVersion {
            version,
            pos: Some(pos),
            supported,
            announced,
            maintenance: maintenance.and_then(When::date),
            eos: eos.and_then(When::date),
            maintenance_begun: maintenance == Some(When::Begun),
            eos_begun: eos == Some(When::Begun),
            origin: Origins {
                supported: supported_origin,
                maintenance: maintenance_origin,
                eos: eos_origin,
            },
            removed_in,
            upstream,
        });
    }
    versions.sort_by(|a, b| cmp_dependency_versions(&a.version, &b.version));
    ok.then(|| Dependency {
        id,
        file: file.clone(),
        name: f.name.to_string(),
        kind: f.kind.value.to_string(),
        homepage: f
            .homepage
            .as_ref()
            .and_then(|h| http_url(h, "homepage", file, diags)),
        upstream_policy: f
            .upstream_policy
            .as_ref()
            .and_then(|h| http_url(h, "upstream_policy", file, diags)),
        identifiers: identifiers(f.identifiers.as_deref().unwrap_or_default(), file, diags),
        versions,
    })
}

/// The vendor's value where stated, else upstream's (docs/input.md#upstream). `false` is no
/// value, so it falls back too.
fn fallback<T>(vendor: Option<T>, upstream: Option<T>) -> (Option<T>, Origin) {
    match (vendor, upstream) {
        (Some(v), _) => (Some(v), Origin::Vendor),
        (None, Some(u)) => (Some(u), Origin::Upstream),
        (None, None) => (None, Origin::Vendor),
    }
}

fn upstream_of(sp: &Sp<raw::UpstreamFile>, file: &Path, diags: &mut Diagnostics) -> Upstream {
    let u = &sp.value;
    Upstream {
        released: opt_date(&u.released, "upstream.released", file, diags),
        eoas: opt_when(&u.eoas, "upstream.eoas", file, diags),
        eol: opt_when(&u.eol, "upstream.eol", file, diags),
        lts: opt_when(&u.lts, "upstream.lts", file, diags),
        codename: u.codename.as_ref().map(|c| c.to_string()),
        link: u
            .link
            .as_ref()
            .and_then(|l| http_url(l, "upstream.link", file, diags)),
        pos: Some(pos_of(sp)),
    }
}

/// `identifiers:` entries, each one `type: id` (`purl: pkg:pypi/torch`).
fn identifiers(
    list: &[Sp<indexmap::IndexMap<Line, Line>>],
    file: &Path,
    diags: &mut Diagnostics,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in list {
        let mut pairs = entry.value.iter();
        match (pairs.next(), pairs.next()) {
            (Some((t, id)), None) if is_id(t) && !id.trim().is_empty() => {
                out.push((t.to_string(), id.trim().to_string()));
            }
            _ => diags.report(
                Code::BadConfig,
                "an `identifiers` entry is one `type: id` pair, the type in [a-z0-9-], e.g. `- purl: pkg:pypi/torch`",
                file,
                Some(pos_of(entry)),
            ),
        }
    }
    out
}

/// A link from data must be an absolute http(s) URL: a `javascript:` one would run in readers' browsers.
pub(super) fn http_url(
    sp: &Sp<Line>,
    field: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<String> {
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
pub(super) fn check_components(
    releases: &[Arc<Release>],
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
