//! One SDK release: lifecycle table, release content with each dependency version's own
//! phase, What's New, the banner when it is not supported, the version switcher, badges.

use crate::diagnostics::Diagnostic;
use crate::lifecycle::{self, Phase};
use crate::model::Affected;
use crate::render::Rendered;
use crate::render::context::Ctx;
use crate::render::urls::Urls;
use crate::render::view::{self, LifecycleRow, PhaseView};
use crate::validate::whats_new_line;
use serde::Serialize;

#[derive(Serialize)]
struct Item {
    /// A `DepRef` (`Ctx::dependency_ref`).
    dependency: tera::Value,
    /// A `DepVersionView` (`Ctx::version_value`).
    version: tera::Value,
    #[serde(skip)]
    eos_projected: bool,
}

#[derive(Serialize)]
struct Group<'a> {
    kind: &'a str,
    kind_label: &'a str,
    items: Vec<Item>,
}

/// What `words/release_banner.txt` is told; its text goes to the page as `banner.text`.
#[derive(Serialize)]
struct BannerWords {
    /// `ReleaseView`s, as template values (`Ctx::release_value`).
    release: tera::Value,
    /// The latest release, when it is another one.
    upgrade_to: Option<tera::Value>,
}

#[derive(Serialize)]
struct Banner {
    phase: PhaseView,
    text: String,
}

/// "Move to": a supported release to upgrade to, and what changes in its content.
#[derive(Serialize)]
struct Target {
    /// A `ReleaseView` (`Ctx::release_value`).
    release: tera::Value,
    /// `newest` (the newest supported release) or `same-major` (the newest of this major).
    why: &'static str,
    changes: Vec<Change>,
}

/// Dependency versions a move adds or drops, for one dependency.
#[derive(Serialize)]
struct Change {
    /// A `DepRef` (`Ctx::dependency_ref`).
    dependency: tera::Value,
    added: Vec<String>,
    dropped: Vec<String>,
}

#[derive(Serialize)]
struct Pkg<'a> {
    name: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct ReleasePage<'a> {
    /// The `ReleaseView` (`Ctx::release_value`), its fields at the top.
    #[serde(flatten)]
    base: tera::Value,
    whats_new: Option<String>,
    packages: Vec<Pkg<'a>>,
    lifecycle: Vec<LifecycleRow>,
    components: Vec<Group<'a>>,
    banner: Option<Banner>,
    /// Where to go from a release whose end of support is announced or reached.
    advice: Vec<Target>,
}

#[derive(Serialize)]
struct BadgeLinks {
    svg: String,
    json: String,
    markdown: String,
}

pub fn render(ctx: &Ctx, i: usize) -> Result<Rendered, Diagnostic> {
    let r = &ctx.site.releases[i];
    let rv = &ctx.views.releases[i];
    let (whats_new, links) = match &r.whats_new {
        Some((md, pos)) => {
            let (html, links) = ctx.markdown(
                md,
                whats_new_line(*pos),
                &r.file,
                &Urls::release(&r.version),
            )?;
            (Some(html), links)
        }
        None => (None, Vec::new()),
    };
    let page = ReleasePage {
        base: ctx.release_value(i),
        whats_new,
        packages: r
            .packages
            .iter()
            .map(|p| Pkg {
                name: &p.name,
                version: &p.version,
            })
            .collect(),
        lifecycle: view::lifecycle_rows(
            lifecycle::sdk_spans(r, rv.eos),
            rv.phase_value,
            rv.eos.filter(|_| rv.eos_projected),
        ),
        components: components(ctx, i),
        banner: banner(ctx, i)?,
        advice: advice(ctx, i),
    };
    let mut tc = ctx.page_context();
    let projections = rv.eos_projected
        || page
            .components
            .iter()
            .any(|g| g.items.iter().any(|i| i.eos_projected));
    tc.insert("projections", &projections);
    tc.insert("release", &page);
    tc.insert(
        "announcements",
        &ctx.announcements_about(&Affected::Sdk(r.version.clone())),
    );
    let badge_svg = Urls::badge_svg(&r.version);
    tc.insert(
        "badge",
        &BadgeLinks {
            svg: ctx.urls.rel(&badge_svg),
            json: ctx.urls.rel(&Urls::badge_json(&r.version)),
            markdown: format!(
                "[![{}]({})]({})",
                markdown_text(&format!("{} {}", ctx.site.config.product, r.version)),
                ctx.urls.abs(&badge_svg),
                ctx.urls.abs(&Urls::release(&r.version))
            ),
        },
    );
    tc.insert_value(
        "switcher",
        ctx.switchers.for_release(ctx.site, &ctx.views, i),
    );
    tc.insert("prev", &i.checked_sub(1).map(|p| ctx.release_value(p)));
    tc.insert(
        "next",
        &(i + 1 < ctx.views.releases.len()).then(|| ctx.release_value(i + 1)),
    );
    ctx.html(&Urls::release(&r.version), "release.html", tc, links)
}

/// Release content, grouped by dependency kind in the site's order.
fn components<'a>(ctx: &'a Ctx, i: usize) -> Vec<Group<'a>> {
    let r = &ctx.site.releases[i];
    let mut groups = Vec::new();
    for (kind, label) in &ctx.site.config.kinds {
        let mut items = Vec::new();
        for c in &r.components {
            let Some(&di) = ctx.site.dependency_index.get(&c.dependency) else {
                continue;
            };
            let dv = &ctx.views.dependencies[di];
            if &dv.kind != kind {
                continue;
            }
            for (v, _) in &c.versions {
                if let Some(vi) = dv.versions.iter().position(|x| &x.version == v) {
                    items.push(Item {
                        dependency: ctx.dependency_ref(di),
                        version: ctx.version_value(di, vi),
                        eos_projected: dv.versions[vi].eos_projected,
                    });
                }
            }
        }
        if !items.is_empty() {
            groups.push(Group {
                kind,
                kind_label: label,
                items,
            });
        }
    }
    groups
}

/// "Move to" for a release that is announced or at end of support: the newest supported
/// release, and the newest supported one of the same major when that is another, each with
/// the dependency versions the move adds and drops. Nothing supported: no advice.
fn advice(ctx: &Ctx, i: usize) -> Vec<Target> {
    let rv = &ctx.views.releases[i];
    if !matches!(rv.phase_value, Phase::Announced | Phase::EndOfSupport) {
        return Vec::new();
    }
    let newest = ctx.views.newest_supported;
    let major = ctx.site.releases[i].version.major;
    let same_major = ctx.views.newest_supported_of_major.get(&major).copied();
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for (target, why) in [(newest, "newest"), (same_major, "same-major")] {
        let Some(t) = target else { continue };
        if seen.contains(&t) {
            continue;
        }
        seen.push(t);
        out.push(Target {
            release: ctx.release_value(t),
            why,
            changes: changes(ctx, i, t),
        });
    }
    out
}

/// Per dependency (in site order), the versions release `to` ships that `from` does not
/// (added) and the other way round (dropped).
fn changes(ctx: &Ctx, from: usize, to: usize) -> Vec<Change> {
    let versions = |r: usize, id: &str| -> Vec<&str> {
        ctx.site.releases[r]
            .components
            .iter()
            .filter(|c| c.dependency == id)
            .flat_map(|c| c.versions.iter().map(|(v, _)| v.as_str()))
            .collect()
    };
    // Only the dependencies either release ships can differ: look at those (in site
    // order), not at every dependency of the site for every release page.
    let site = ctx.site;
    let mut shipped: Vec<usize> = site.releases[from]
        .components
        .iter()
        .chain(&site.releases[to].components)
        .filter_map(|c| site.dependency_index.get(&c.dependency).copied())
        .collect();
    shipped.sort_unstable();
    shipped.dedup();
    shipped
        .into_iter()
        .filter_map(|di| {
            let d = &site.dependencies[di];
            let (a, b) = (versions(from, &d.id), versions(to, &d.id));
            let added: Vec<String> = b
                .iter()
                .filter(|v| !a.contains(v))
                .map(|v| v.to_string())
                .collect();
            let dropped: Vec<String> = a
                .iter()
                .filter(|v| !b.contains(v))
                .map(|v| v.to_string())
                .collect();
            (!added.is_empty() || !dropped.is_empty()).then(|| Change {
                dependency: ctx.dependency_ref(di),
                added,
                dropped,
            })
        })
        .collect()
}

/// The banner of a release whose end of support is announced or reached.
fn banner(ctx: &Ctx, i: usize) -> Result<Option<Banner>, Diagnostic> {
    let rv = &ctx.views.releases[i];
    if !matches!(rv.phase_value, Phase::Announced | Phase::EndOfSupport) {
        return Ok(None);
    }
    let words = BannerWords {
        release: ctx.release_value(i),
        upgrade_to: ctx
            .views
            .latest
            .filter(|&l| l != i)
            .map(|l| ctx.release_value(l)),
    };
    let mut tc = ctx.page_context();
    tc.insert("banner", &words);
    Ok(Some(Banner {
        phase: rv.phase,
        text: ctx.words("words/release_banner.txt", tc)?,
    }))
}

/// `s` as literal Markdown inline text, for the README snippet of a badge: a backslash
/// before every character that could start markup (a `]` would end the alt text early, a
/// `<` open raw HTML, a `&` an entity).
fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '[' | ']' | '<' | '>' | '&' | '`' | '*' | '_' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::markdown_text;

    #[test]
    fn markdown_text_escapes_what_would_end_or_start_markup() {
        assert_eq!(markdown_text("Neuron SDK 2.21.0"), "Neuron SDK 2.21.0");
        assert_eq!(markdown_text("A [b] <c> & d"), r"A \[b\] \<c\> \& d");
    }
}
