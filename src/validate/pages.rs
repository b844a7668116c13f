//! `content/**/*.md` pages and policy revision pages.

use super::*;

/// URL paths the generator writes itself: a page there would collide.
pub(super) const RESERVED_SLUGS: [&str; 12] = [
    "releases",
    "compatibility",
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

pub(super) fn validate_pages(
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
            .as_ref()
            .map(|t| t.to_string())
            .unwrap_or_else(|| first_heading(&m.body).unwrap_or_else(|| slug.clone()));
        let page = Page {
            slug: slug.clone(),
            file: m.path.clone(),
            title,
            description: m.front.description.as_ref().map(|d| d.to_string()),
            weight: m.front.weight.unwrap_or(0),
            template: m.front.template.as_ref().map(|t| t.to_string()),
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
        // An earlier revision whose page is not among the site's pages.
        if let Some(p) = &rev.page
            && revision_files.contains_key(&PathBuf::from("content").join(p))
            && !revisions
                .iter()
                .any(|r: &RevisionPage| r.page.file == PathBuf::from("content").join(p))
        {
            diags.push(
                Diagnostic::new(
                    Code::BadConfig,
                    format!(
                        "policy revision page content/{} does not exist",
                        p.display()
                    ),
                )
                .in_file(Path::new(crate::load::SITE_FILE))
                .at(rev.page_pos),
            );
        }
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
                Diagnostic::new(Code::BadConfig, msg)
                    .in_file(Path::new(crate::load::SITE_FILE))
                    .at(rev.page_pos),
            );
        }
    }
    out.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    revisions.sort_by_key(|r| r.effective);
    (out, revisions)
}

pub(super) fn first_heading(body: &str) -> Option<String> {
    body.lines()
        .find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string()))
}
