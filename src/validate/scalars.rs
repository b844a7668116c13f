//! Scalars of the data files: dates, SDK and dependency versions, ordered date lists.

use super::*;

pub(super) fn date(
    sp: &Sp<Scalar>,
    field: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Dated> {
    let pos = Some(pos_of(sp));
    match parse_date(&sp.value.text) {
        Some(date) if sp.value.is_string && crate::dates::representable(date) => {
            Some(Dated { date, pos })
        }
        Some(_) if sp.value.is_string => {
            diags.report(
                Code::BadDate,
                format!(
                    "`{field}` is {}, out of range: {} (to say that no date is planned, leave `{field}` out)",
                    sp.value.text,
                    crate::dates::range_note()
                ),
                file,
                pos,
            );
            None
        }
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

pub(super) fn opt_date(
    sp: &Option<Sp<Scalar>>,
    field: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Dated> {
    sp.as_ref().and_then(|s| date(s, field, file, diags))
}

/// A date, or a boolean: `true` is a phase begun on a date nobody published, `false` (like
/// no value) none planned (docs/input.md#dates-not-published).
pub(super) fn opt_when(
    sp: &Option<Sp<Scalar>>,
    field: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<When> {
    let s = sp.as_ref()?;
    match (s.value.is_string, s.value.text.as_str()) {
        (false, "true") => Some(When::Begun),
        (false, "false") => None,
        _ => date(s, field, file, diags).map(When::On),
    }
}

/// An SDK version: exactly `X.Y.Z`.
pub(super) fn sdk_version(
    sp: &Sp<Scalar>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Version> {
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

/// A version that is one path segment as it stands: ASCII letters, digits and `._+~-`,
/// not `.` or `..`.
pub fn is_cycle_name(v: &str) -> bool {
    !v.is_empty()
        && v != "."
        && v != ".."
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._+~-".contains(c))
}

/// The documented rule that makes a name a version (`2012 R2` -> `2012-r2`): lowercase,
/// runs of other characters as one dash.
pub fn cycle_name_of(v: &str) -> String {
    let mut out = String::new();
    for c in v.chars() {
        if c.is_ascii_alphanumeric() || "._+~".contains(c) {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// A dependency version: any string, but never a YAML number (`3.10` would read as 3.1).
pub(super) fn dependency_version(
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
        // Versions name release cycles in the API's URLs and file names.
        if !is_cycle_name(v) {
            diags.report(
                Code::BadVersion,
                format!(
                    "dependency version `{v}` cannot be part of a URL: use letters, digits and . _ + ~ - (e.g. `{}`)",
                    cycle_name_of(v)
                ),
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

pub(super) fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Dates that must not decrease, in order; reports the first pair that does.
pub(super) fn check_order(
    dates: &[(&str, Option<Dated>)],
    what: &str,
    file: &Path,
    diags: &mut Diagnostics,
) {
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
