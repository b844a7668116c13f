//! The theme: Tera templates and fingerprinted assets. Defaults are embedded from the repo's
//! `templates/` at compile time; a site's file of the same name wins (as mdBook and Zola do).

use crate::diagnostics::report::error_chain;
use crate::diagnostics::{Code, Diagnostic, Pos};
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(RustEmbed)]
#[folder = "templates/"]
struct Embedded;

/// Files under `templates/assets/` are not templates: they are copied to
/// `assets/<stem>.<hash>.<ext>` and linked by name through the `assets` map.
const ASSETS_DIR: &str = "assets/";

/// A template that writes one huge page (a table of every release) and many small ones
/// does not make every small one start with a huge buffer.
const MAX_START_BUFFER: usize = 1 << 20;

pub struct Theme {
    pub tera: tera::Tera,
    /// Asset name (`style.css`) -> output path below the site root (`assets/style.1a2b3c4d5e.css`).
    pub asset_paths: BTreeMap<String, String>,
    /// Output path -> bytes.
    pub asset_files: Vec<(String, Vec<u8>)>,
    /// Per template, the largest output it has written in this render (up to
    /// `MAX_START_BUFFER`): the next page starts with a buffer that size, instead of growing
    /// one by doubling (copying it each time) from tera's small estimate. Pages of one
    /// template are alike in size.
    sizes: BTreeMap<String, AtomicUsize>,
}

impl Theme {
    /// Render template `name` into a String.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, tera::Error> {
        let size = self.sizes.get(name);
        let start = size.map_or(0, |s| s.load(Ordering::Relaxed));
        let mut out = Vec::with_capacity(start.min(MAX_START_BUFFER));
        self.tera.render_to(name, ctx, &mut out)?;
        if let Some(s) = size {
            s.fetch_max(out.len(), Ordering::Relaxed);
        }
        String::from_utf8(out).map_err(|e| tera::Error::message(e.to_string()))
    }
}

/// The embedded default files, by name (`base.html`, `assets/style.css`).
pub fn default_files() -> BTreeMap<String, Vec<u8>> {
    Embedded::iter()
        .filter_map(|name| Embedded::get(&name).map(|f| (name.to_string(), f.data.into_owned())))
        .collect()
}

/// Build the theme from the defaults overridden by `site_files`. Errors name the template.
pub fn load(site_files: &[(String, Vec<u8>)]) -> Result<Theme, Diagnostic> {
    let mut files = default_files();
    for (name, bytes) in site_files {
        files.insert(name.clone(), bytes.clone());
    }
    let mut templates = Vec::new();
    let mut asset_paths = BTreeMap::new();
    let mut asset_files = Vec::new();
    for (name, bytes) in files {
        if let Some(asset) = name.strip_prefix(ASSETS_DIR) {
            let out = fingerprinted(asset, &bytes);
            asset_paths.insert(asset.to_string(), out.clone());
            asset_files.push((out, bytes));
        } else {
            let text = String::from_utf8(bytes).map_err(|_| {
                Diagnostic::new(Code::Template, "the template is not valid UTF-8")
                    .in_file(&Path::new("templates").join(&name))
            })?;
            templates.push((name, text));
        }
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| template_error(&e))?;
    let sizes = templates
        .iter()
        .map(|(name, _)| (name.clone(), AtomicUsize::new(0)))
        .collect();
    Ok(Theme {
        tera,
        asset_paths,
        asset_files,
        sizes,
    })
}

/// `style.css` -> `assets/style.<10 hex of sha256>.css`: content-addressed, cacheable forever.
fn fingerprinted(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{ASSETS_DIR}{stem}.{hash}.{ext}"),
        None => format!("{ASSETS_DIR}{name}.{hash}"),
    }
}

/// A Tera error as a diagnostic pointing into `templates/<name>` where Tera knows the place.
pub fn template_error(e: &tera::Error) -> Diagnostic {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    match report {
        Some(r) => Diagnostic::new(Code::Template, format!("template error: {}", r.message()))
            .in_file(&Path::new("templates").join(r.filename()))
            .at(Some(Pos::new(
                r.span().start_line as u32,
                r.span().start_col as u32 + 1,
            ))),
        None => Diagnostic::new(
            Code::Template,
            format!("template error: {}", error_chain(e)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Render `in_one` and `by_cell` with each context; they must write the same.
    fn assert_alike(by_cell: &str, in_one: &str, contexts: impl Iterator<Item = tera::Context>) {
        let mut theme = load(&[]).unwrap();
        theme
            .tera
            .add_raw_template("by_cell.html", by_cell)
            .unwrap();
        theme.tera.add_raw_template("in_one.html", in_one).unwrap();
        for ctx in contexts {
            let want = theme.render("by_cell.html", &ctx).unwrap();
            let got = theme.render("in_one.html", &ctx).unwrap();
            assert_eq!(got, want, "{:?}", ctx.get("v").or(ctx.get("row")));
        }
    }

    /// release.html writes lc.scroll's wrapper itself (docs/templates.md, "Speed"): the
    /// same bytes as the component around the same body, for any label.
    #[test]
    fn release_page_scroll_regions_write_what_lc_scroll_writes() {
        let component = "{% <lc.scroll label={label}> %}\n<table></table>\n{% </lc.scroll> %}";
        let inline = "<div class=\"table-wrap\" role=\"region\" aria-label=\"{{ label }}\" tabindex=\"0\">\n\n<table></table>\n\n</div>";
        let contexts = [
            "Lifecycle of SDK 1.0",
            "a \"quoted\" <b>&amp;</b> label",
            "",
        ]
        .into_iter()
        .map(|label| {
            let mut ctx = tera::Context::new();
            ctx.insert("label", label);
            ctx
        });
        assert_alike(component, inline, contexts);
        // Every scroll region of release.html is written in that form.
        let release = Embedded::get("release.html").unwrap().data;
        let release = std::str::from_utf8(&release).unwrap();
        assert!(!release.contains("lc.scroll"));
        let opens: Vec<&str> = release
            .lines()
            .filter(|l| l.contains("table-wrap"))
            .collect();
        for open in &opens {
            assert!(
                open.starts_with("<div class=\"table-wrap\" role=\"region\" aria-label=\"{{ ")
                    && open.ends_with(" }}\" tabindex=\"0\">"),
                "{open}"
            );
        }
        let closes = release.matches("</table>\n\n</div>").count();
        assert!(
            !opens.is_empty() && opens.len() == closes,
            "{} regions, {closes} ends",
            opens.len()
        );
    }

    /// `lc.version_cells` and `lc.lifecycle_cells` inline `lc.eos`'s markup for speed
    /// (docs/templates.md, "Speed"): for every combination of the flags they read, they
    /// write what the cells written with `lc.phase` and `lc.eos` write.
    #[test]
    fn version_cells_write_what_the_per_cell_components_write() {
        let by_cell = r#"<td>{{ <lc.phase phase={v.phase} /> }}</td>
{%- if supported %}
<td>{{ <lc.eos value={v.supported} upstream={v.supported_upstream} /> }}</td>
{%- endif %}
<td>{{ <lc.eos value={v.maintenance} empty="none" upstream={v.maintenance_upstream} begun={v.maintenance_begun} /> }}</td>
<td>{{ <lc.eos value={v.eos} projected={v.eos_projected} empty="not announced" upstream={v.eos_upstream} begun={v.eos_begun} /> }}{% if v.removed_in %} <span class="note">(removed in {{ v.removed_in }})</span>{% endif %}</td>"#;
        let in_one = "{{ <lc.version_cells v={v} supported={supported} /> }}";
        let date = |on: bool| on.then_some("2026-01-31");
        let contexts = (0..1024u32).map(|bits| {
            let bit = |i: u32| bits & (1 << i) != 0;
            let mut ctx = tera::Context::new();
            ctx.insert(
                "v",
                &serde_json::json!({
                    "phase": {"id": "maintenance", "label": "Maintenance"},
                    "supported": date(bit(0)),
                    "supported_upstream": bit(1),
                    "maintenance": date(bit(2)),
                    "maintenance_upstream": bit(3),
                    "maintenance_begun": bit(4),
                    "eos": date(bit(5)),
                    "eos_projected": bit(6),
                    "eos_upstream": bit(7),
                    "eos_begun": bit(8),
                    "removed_in": (bits % 3 == 0).then_some("2.<1>"),
                }),
            );
            ctx.insert("supported", &bit(9));
            ctx
        });
        assert_alike(by_cell, in_one, contexts);
    }

    #[test]
    fn lifecycle_cells_write_what_the_per_cell_components_write() {
        let by_cell = r#"<td>{{ <lc.eos value={row.from} projected={row.from_projected} begun={row.from_begun} empty="no date" /> }}</td>
<td>{{ <lc.eos value={row.until} projected={row.until_projected} begun={row.until_begun} empty="no end date" /> }}</td>"#;
        let in_one = "{{ <lc.lifecycle_cells row={row} /> }}";
        let contexts = (0..64u32).map(|bits| {
            let bit = |i: u32| bits & (1 << i) != 0;
            let mut ctx = tera::Context::new();
            ctx.insert(
                "row",
                &serde_json::json!({
                    "from": bit(0).then_some("2025-01-31"),
                    "from_projected": bit(1),
                    "from_begun": bit(2),
                    "until": bit(3).then_some("2026-07-31"),
                    "until_projected": bit(4),
                    "until_begun": bit(5),
                }),
            );
            ctx
        });
        assert_alike(by_cell, in_one, contexts);
    }
}
