//! `site.yaml`: the configuration and the policy revisions.

use super::*;

pub(super) fn validate_config(
    src: &Source<raw::SiteFile>,
    diags: &mut Diagnostics,
) -> Option<Config> {
    let f = &src.data;
    let file = &src.path;
    let base_url = match url::Url::parse(&f.base_url.value) {
        Ok(u) if u.query().is_some() || u.fragment().is_some() => {
            diags.report(
                Code::BadConfig,
                format!("base_url `{}` has a query or fragment: every page URL is built by appending a path to it, so give only scheme, host and path", f.base_url.value),
                file,
                Some(pos_of(&f.base_url)),
            );
            return None;
        }
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

    let kinds: Vec<(String, String)> = match &f.dependency_kinds {
        Some(map) => map
            .iter()
            .filter(|(k, _)| {
                let ok = is_id(&k.value);
                if !ok {
                    diags.report(
                        Code::BadConfig,
                        format!(
                            "dependency kind `{}` must match [a-z0-9][a-z0-9-]*",
                            k.value
                        ),
                        file,
                        Some(pos_of(k)),
                    );
                }
                ok
            })
            .map(|(k, v)| (k.value.to_string(), v.to_string()))
            .collect(),
        None => DEFAULT_KINDS
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };

    let policy = validate_policy(f.policy.as_ref(), file, diags);
    let product = f.product.as_ref().unwrap_or(&f.title).to_string();
    let api = f.api.as_ref();
    let api_id = |field: Option<&Sp<Line>>,
                  name: &str,
                  default: String,
                  diags: &mut Diagnostics| match field {
        Some(v) if is_id(&v.value) => v.value.to_string(),
        Some(v) => {
            diags.report(
                Code::BadConfig,
                format!(
                    "`api.{name}` is `{}`: it must match [a-z0-9][a-z0-9-]*",
                    v.value
                ),
                file,
                Some(pos_of(v)),
            );
            default
        }
        None => default,
    };
    let api_product = api_id(
        api.and_then(|a| a.product.as_ref()),
        "product",
        slug_of(&product),
        diags,
    );
    let api_category = api_id(
        api.and_then(|a| a.category.as_ref()),
        "category",
        "framework".into(),
        diags,
    );
    let feeds = f.feeds.as_ref();
    let cache = f.publish.as_ref().and_then(|p| p.cache_control.as_ref());
    Some(Config {
        title: f.title.to_string(),
        product,
        api_product,
        api_category,
        base_url,
        description: f.description.as_ref().map(|d| d.to_string()),
        language: f
            .language
            .as_ref()
            .map_or_else(|| "en".into(), |l| l.to_string()),
        notice: f
            .notice
            .as_ref()
            .map(|n| n.to_string())
            .filter(|n| !n.trim().is_empty()),
        as_of: as_of.map(|d| d.date),
        strict: f.strict.unwrap_or(false),
        policy,
        feed_items: feeds
            .and_then(|x| x.items.as_ref())
            .and_then(|n| bounded(n, "feeds.items", MAX_FEED_ITEMS, file, diags))
            .map_or(50, |n| n as usize),
        reminders_days: feeds
            .and_then(|x| x.reminders_days.as_ref())
            .map(|days| {
                days.iter()
                    .filter_map(|n| {
                        bounded(n, "feeds.reminders_days", MAX_REMINDER_DAYS, file, diags)
                    })
                    .collect()
            })
            .unwrap_or_else(|| vec![90, 30, 7]),
        kinds,
        cache_control_html: header_value(
            cache.and_then(|c| c.html.as_ref()),
            "publish.cache_control.html",
            "public, max-age=300",
            file,
            diags,
        ),
        cache_control_assets: header_value(
            cache.and_then(|c| c.assets.as_ref()),
            "publish.cache_control.assets",
            "public, max-age=31536000, immutable",
            file,
            diags,
        ),
    })
}

/// Policy revisions, oldest first; each inherits the numbers it does not set.
pub(super) fn validate_policy(
    field: Option<&PolicyField>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Vec<PolicyRevision> {
    let defaults = PolicyRevision {
        effective: None,
        page: None,
        page_pos: None,
        sdk_min_support_months: 12,
        sdk_min_notice_months: 3,
        dependency_min_notice_months: 0,
        sdk_projected: None,
        dependency_projected: None,
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
            let path = PathBuf::from(p.value.as_str());
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
            page_pos: r.page.as_ref().map(pos_of),
            sdk_min_support_months: r
                .sdk
                .as_ref()
                .and_then(|s| s.min_support_months.as_ref())
                .and_then(|n| bounded(n, "sdk.min_support_months", MAX_MONTHS, file, diags))
                .unwrap_or(prev.sdk_min_support_months),
            sdk_min_notice_months: r
                .sdk
                .as_ref()
                .and_then(|s| s.min_notice_months.as_ref())
                .and_then(|n| bounded(n, "sdk.min_notice_months", MAX_MONTHS, file, diags))
                .unwrap_or(prev.sdk_min_notice_months),
            dependency_min_notice_months: r
                .dependency
                .as_ref()
                .and_then(|s| s.min_notice_months.as_ref())
                .and_then(|n| bounded(n, "dependency.min_notice_months", MAX_MONTHS, file, diags))
                .unwrap_or(prev.dependency_min_notice_months),
            sdk_projected: r
                .sdk
                .as_ref()
                .and_then(|s| s.projected_eos.as_ref())
                .map(|p| projection(p, false, file, diags))
                .unwrap_or(prev.sdk_projected),
            dependency_projected: r
                .dependency
                .as_ref()
                .and_then(|s| s.projected_eos.as_ref())
                .map(|p| projection(p, true, file, diags))
                .unwrap_or(prev.dependency_projected),
        });
    }
    if out.is_empty() {
        out.push(defaults);
    }
    out
}

/// A `projected_eos` rule; `None` (after an E024 at its position) when it is not one.
fn projection(
    p: &raw::ProjectedFile,
    dependency: bool,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Projection> {
    let after = match (p.after.value.as_str(), dependency) {
        ("release", _) => After::Release,
        ("next_release", false) => After::NextRelease,
        ("next_minor", false) => After::NextMinor,
        ("next_major", false) => After::NextMajor,
        ("next_version", true) => After::NextVersion,
        (other, _) => {
            let allowed = if dependency {
                "release, next_version"
            } else {
                "release, next_release, next_minor, next_major"
            };
            diags.report(
                Code::BadConfig,
                format!("`projected_eos.after` is `{other}`: it must be one of {allowed}"),
                file,
                Some(pos_of(&p.after)),
            );
            return None;
        }
    };
    let successors = match &p.successors {
        Some(n) if n.value == 0 => {
            diags.report(
                Code::BadConfig,
                "`projected_eos.successors` is 0: it counts successors from 1",
                file,
                Some(pos_of(n)),
            );
            return None;
        }
        Some(n) => bounded(n, "projected_eos.successors", MAX_SUCCESSORS, file, diags)?,
        None => 1,
    };
    let months = match &p.months {
        Some(n) => bounded(n, "projected_eos.months", MAX_MONTHS, file, diags)?,
        None => 0,
    };
    Some(Projection {
        after,
        successors,
        months,
    })
}

/// Successors a projection may count.
const MAX_SUCCESSORS: u32 = 100;

/// Policy periods: up to a century.
const MAX_MONTHS: u32 = 1200;
/// Reminders: up to ten years ahead of an end of support.
const MAX_REMINDER_DAYS: u32 = 3650;
/// Feed entries.
const MAX_FEED_ITEMS: u32 = 10_000;

/// A number of `site.yaml` within `0..=max`, else E024 at its position.
fn bounded(
    n: &Sp<u64>,
    field: &str,
    max: u32,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<u32> {
    match u32::try_from(n.value) {
        Ok(v) if v <= max => Some(v),
        _ => {
            diags.report(
                Code::BadConfig,
                format!(
                    "`{field}` is {}: it must be a whole number from 0 to {max}",
                    n.value
                ),
                file,
                Some(pos_of(n)),
            );
            None
        }
    }
}

/// An HTTP header value `publish` will send: visible ASCII, spaces and tabs only (no line
/// breaks, which would inject headers), checked here so that `check` sees what `publish`
/// would refuse.
fn header_value(
    value: Option<&Sp<String>>,
    field: &str,
    default: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> String {
    let Some(v) = value else {
        return default.to_string();
    };
    let ok = !v.value.trim().is_empty()
        && v.value
            .bytes()
            .all(|b| b == b'\t' || (0x20..0x7f).contains(&b));
    if !ok {
        diags.report(
            Code::BadConfig,
            format!(
                "`{field}` is {:?}: an HTTP header value must be printable ASCII on one line",
                v.value
            ),
            file,
            Some(pos_of(v)),
        );
        return default.to_string();
    }
    v.value.clone()
}

/// `Neuron SDK` -> `neuron-sdk`: lowercase letters and digits, runs of anything else as one
/// dash (the default product id of the SDK in the API).
pub fn slug_of(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "sdk".into() } else { out }
}

/// Ids of dependencies and kinds: `[a-z0-9][a-z0-9-]*`.
pub fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
