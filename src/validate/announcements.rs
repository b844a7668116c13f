//! `content/announcements/*.md`: what they affect, supersedes chains, their `eos`.

use super::*;

pub(super) fn validate_announcement(
    m: &Markdown<raw::AnnouncementFile>,
    releases: &[Arc<Release>],
    deps: &[Dependency],
    diags: &mut Diagnostics,
) -> Option<Announcement> {
    let f = &m.front;
    let file = &m.path;
    let slug = file_stem(file);
    if !is_id(&slug) {
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
                let Some(d) = deps.iter().find(|d| d.id == *dep.value) else {
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
        title: f.title.to_string(),
        date: date_v?,
        affects,
        eos,
        supersedes: f.supersedes.as_ref().map(|s| s.value.to_string()),
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
pub(super) fn check_supersedes(
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
pub(super) fn check_announced_eos(
    anns: &[Announcement],
    releases: &[Arc<Release>],
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
                    // Releases are sorted and unique by now: a lookup, not a scan of them all
                    // per announcement (that was quadratic on large sites).
                    releases
                        .binary_search_by(|r| r.version.cmp(v))
                        .ok()
                        .map(|i| releases[i].eos.map(|d| d.date))
                        .into_iter()
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
