//! `content/releases/*.yaml`: SDK releases.

use super::*;

pub(super) fn validate_release(
    src: &Source<raw::ReleaseFile>,
    diags: &mut Diagnostics,
) -> Option<Release> {
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
    let eos = opt_when(&f.eos, "eos", file, diags);
    let eos_begun = eos == Some(When::Begun);
    let eos = eos.and_then(When::date);
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
            dependency: dep.value.to_string(),
            versions: list,
            pos: Some(pos_of(dep)),
        });
    }
    let packages = f
        .packages
        .iter()
        .flatten()
        .map(|p| Package {
            name: p.name.to_string(),
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
        eos_begun,
        summary: f.summary.as_ref().map(|s| s.to_string()),
        whats_new: f
            .whats_new
            .as_ref()
            .map(|w| (w.value.to_string(), Some(pos_of(w)))),
        components,
        packages,
    })
}

pub(super) fn report_duplicate_releases(releases: &[Arc<Release>], diags: &mut Diagnostics) {
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
