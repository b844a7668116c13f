//! `content/dependencies/*.yaml`, and the components releases ship.

use super::*;

pub(super) fn validate_dependency(
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
        name: f.name.to_string(),
        kind: f.kind.value.to_string(),
        homepage: f
            .homepage
            .as_ref()
            .and_then(|h| http_url(h, "homepage", file, diags)),
        versions,
    })
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
