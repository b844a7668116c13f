//! Shortcodes in Markdown (`{{ sdk_table() }}` ...), rendered with `templates/shortcodes/`.
//! Calls were checked in validate (names, arguments, kinds), so an unknown one cannot
//! reach here; render only fills in the values.

use super::index::UPCOMING_DAYS;
use crate::render::context::Ctx;
use crate::render::theme;
use crate::render::urls::Urls;
use crate::render::view::{DependencyView, ReleaseView};
use crate::shortcodes::{Arg, Call};
use serde::Serialize;

#[derive(Serialize)]
struct Kind<'a> {
    id: &'a str,
    label: &'a str,
}

/// The HTML of one call, or the message of what went wrong in its template.
pub fn render(ctx: &Ctx, call: &Call) -> Result<String, String> {
    let mut tc = ctx.shared();
    match call.name.as_str() {
        "sdk_table" => {
            tc.insert(
                "releases",
                &ctx.views
                    .releases_newest_first()
                    .collect::<Vec<&ReleaseView>>(),
            );
            tc.insert("projections", &ctx.views.any_release_projected());
        }
        "dependency_table" => {
            let kind = match call.args.get("kind") {
                Some(Arg::Str(k)) => Some(k.as_str()),
                _ => None,
            };
            let deps: Vec<&DependencyView> = ctx
                .views
                .dependencies
                .iter()
                .filter(|d| kind.is_none_or(|k| d.kind == k))
                .collect();
            tc.insert("projections", &ctx.views.any_dependency_projected(kind));
            let kind = kind.map(|k| Kind {
                id: k,
                label: ctx.site.config.kind_label(k),
            });
            tc.insert("kind", &kind);
            tc.insert("dependencies", &deps);
        }
        "upcoming_eos" => {
            let days = match call.args.get("days") {
                Some(Arg::Int(n)) => *n,
                _ => UPCOMING_DAYS,
            };
            let events = ctx.views.upcoming(ctx.schedule, days);
            tc.insert("projections", &events.iter().any(|e| e.projected));
            tc.insert("days", &days);
            tc.insert("events", &events);
        }
        "timeline" => tc.insert("timeline_url", &ctx.urls.rel(Urls::TIMELINE)),
        other => return Err(format!("unknown shortcode `{other}`")),
    }
    ctx.theme
        .tera
        .render(&format!("shortcodes/{}.html", call.name), &tc)
        .map_err(|e| {
            format!(
                "shortcode {}(): {}",
                call.name,
                theme::template_error(&e).message
            )
        })
}
