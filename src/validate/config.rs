//! `site.yaml`: the configuration and the policy revisions.

use super::*;

pub(super) fn validate_config(
    src: &Source<raw::SiteFile>,
    diags: &mut Diagnostics,
) -> Option<Config> {
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
pub(super) fn validate_policy(
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
