//! `badges/<X.Y.Z>.svg` (from the theme's `badge.svg`) and the shields.io endpoint JSON.

use crate::diagnostics::Diagnostic;
use crate::lifecycle::Phase;
use crate::render::Rendered;
use crate::render::context::Ctx;
use crate::render::formats::json::{ShieldsEndpoint, badge_color, to_json};
use crate::render::formats::xml_text;
use crate::render::urls::Urls;
use crate::render::view::PhaseView;
use serde::Serialize;

#[derive(Serialize)]
struct Badge {
    label: String,
    message: String,
    color: String,
    label_width: i64,
    message_width: i64,
    phase: PhaseView,
}

pub fn render(ctx: &Ctx, i: usize) -> Result<Vec<Rendered>, Diagnostic> {
    let r = &ctx.site.releases[i];
    let rv = &ctx.views.releases[i];
    let label = format!("{} {}", ctx.site.config.product, rv.version);
    // A projected date is no promise: the badge says the phase only.
    let eos = rv.eos.filter(|_| !rv.eos_projected);
    let message = match (rv.phase_value, eos) {
        (Phase::Supported | Phase::Announced, Some(e)) => {
            format!("{} until {e}", rv.phase.label)
        }
        (Phase::EndOfSupport, Some(e)) => format!("{} since {e}", rv.phase.label),
        _ => rv.phase.label.to_string(),
    };
    let color = badge_color(rv.phase.id);
    let json = ShieldsEndpoint {
        schema_version: 1,
        label: label.clone(),
        message: message.clone(),
        color,
    };
    // Width from character counts: good enough for a system font at 11px.
    let text_width = |s: &str| s.chars().count() as i64 * 7 + 10;
    let badge = Badge {
        label_width: text_width(&label),
        message_width: text_width(&message),
        label,
        message,
        color: format!("#{color}"),
        phase: rv.phase,
    };
    let mut tc = ctx.shared();
    tc.insert("badge", &badge);
    let svg = ctx.template("badge.svg", &tc)?;
    Ok(vec![
        Rendered::file(Urls::badge_json(&r.version), to_json(&json)),
        Rendered::file(Urls::badge_svg(&r.version), xml_text(svg).into_bytes()),
    ])
}
