//! `timeline.svg`: a Gantt chart of phases around the as-of date. This computes the
//! geometry; `templates/timeline.svg` draws it, so the chart works without JavaScript.

use crate::diagnostics::Diagnostic;
use crate::lifecycle::{self, Phase, Span};
use crate::render::Rendered;
use crate::render::context::Ctx;
use crate::render::formats::xml_text;
use crate::render::urls::Urls;
use crate::render::view::PhaseView;
use chrono::NaiveDate;
use serde::Serialize;

pub const WIDTH: i64 = 960;
pub const LABEL_WIDTH: i64 = 190;
pub const ROW_HEIGHT: i64 = 22;
const TOP: i64 = 30;
/// Below the last row: the year labels of the axis (drawn 16 px under it, 12 px font).
const AXIS_HEIGHT: i64 = 24;
/// Bounded so the chart stays readable and cheap however many versions exist.
const MAX_SDK_ROWS: usize = 16;
const MAX_DEPENDENCY_ROWS: usize = 24;

#[derive(Serialize)]
pub struct Timeline {
    pub width: i64,
    pub height: i64,
    pub label_width: i64,
    pub row_height: i64,
    pub rows: Vec<Row>,
    pub today_x: i64,
    pub axis: Vec<Tick>,
}

#[derive(Serialize)]
pub struct Row {
    pub label: String,
    pub url: String,
    pub y: i64,
    pub bars: Vec<Bar>,
}

#[derive(Serialize)]
pub struct Bar {
    pub x: i64,
    pub width: i64,
    pub phase: PhaseView,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    /// `from` / `until` is a projected end of support (the tooltip says so).
    pub from_projected: bool,
    pub until_projected: bool,
}

#[derive(Serialize)]
pub struct Tick {
    pub x: i64,
    pub label: String,
}

pub fn render(ctx: &Ctx) -> Result<Rendered, Diagnostic> {
    let mut tc = ctx.shared();
    tc.insert("timeline", &build(ctx));
    let svg = ctx.template("timeline.svg", &tc)?;
    Ok(Rendered::file(
        Urls::TIMELINE.into(),
        xml_text(svg).into_bytes(),
    ))
}

/// Three years back, eighteen months ahead of the as-of date.
fn build(ctx: &Ctx) -> Timeline {
    let (site, as_of) = (ctx.site, ctx.schedule.as_of);
    let start = crate::dates::sub_months(as_of, 36);
    let end = crate::dates::add_months(as_of, 18);
    let days = (end - start).num_days().max(1);
    let plot = WIDTH - LABEL_WIDTH - 10;
    let x_of =
        |d: NaiveDate| LABEL_WIDTH + ((d.clamp(start, end) - start).num_days() * plot) / days;

    // (label, url, spans, the projected end of support if any)
    let mut rows: Vec<(String, String, Vec<Span>, Option<NaiveDate>)> = Vec::new();
    let sdk: Vec<_> = site
        .releases
        .iter()
        .zip(&ctx.views.releases)
        .rev()
        .filter(|(_, v)| v.released <= end && !v.eos_begun && v.eos.is_none_or(|e| e >= start))
        .take(MAX_SDK_ROWS)
        .collect();
    for (r, rv) in sdk.into_iter().rev() {
        rows.push((
            format!("{} {}", site.config.product, r.version),
            rv.url.clone(),
            lifecycle::sdk_spans(r, rv.eos),
            rv.eos.filter(|_| rv.eos_projected),
        ));
    }
    // When more dependency versions are visible than fit, keep the ones still to reach
    // end of support (what readers plan around), then show them in the site's order.
    #[allow(clippy::type_complexity)]
    let mut candidates: Vec<(bool, usize, String, String, Vec<Span>, Option<NaiveDate>)> =
        Vec::new();
    for (di, d) in site.dependencies.iter().enumerate() {
        for (vi, v) in d.versions.iter().enumerate().rev() {
            let eff = ctx.schedule.dependency_eos[di][vi];
            let eos = eff.map(|e| e.date);
            // A version ended on an unpublished date has no bar to draw.
            let visible = !v.eos_begun
                && eos.is_none_or(|e| e >= start)
                && v.supported.is_none_or(|s| s.date <= end);
            if visible {
                let ended = ctx.schedule.dependencies[di][vi] == Phase::EndOfSupport;
                candidates.push((
                    ended,
                    candidates.len(),
                    format!("{} {}", d.name, v.version),
                    ctx.views.dependencies[di].url.clone(),
                    lifecycle::dependency_spans(v, eos),
                    eff.filter(|e| e.projected).map(|e| e.date),
                ));
            }
        }
    }
    candidates.sort_by_key(|c| (c.0, c.1));
    candidates.truncate(MAX_DEPENDENCY_ROWS);
    candidates.sort_by_key(|c| c.1);
    rows.extend(
        candidates
            .into_iter()
            .map(|(_, _, label, url, spans, projected)| (label, url, spans, projected)),
    );

    let rows: Vec<Row> = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, url, spans, projected))| Row {
            label,
            url,
            y: TOP + i as i64 * ROW_HEIGHT,
            bars: spans
                .into_iter()
                .filter_map(|s| {
                    let from = s.from.unwrap_or(start);
                    let until = s.until.unwrap_or(end);
                    if until < start || from > end || until < from {
                        return None;
                    }
                    let (x0, x1) = (x_of(from), x_of(until));
                    Some(Bar {
                        x: x0,
                        width: (x1 - x0).max(1),
                        phase: s.phase.into(),
                        from,
                        until: s.until,
                        from_projected: s.from.is_some() && s.from == projected,
                        until_projected: s.until.is_some() && s.until == projected,
                    })
                })
                .collect(),
        })
        .collect();

    let mut axis = Vec::new();
    let mut tick =
        NaiveDate::from_ymd_opt(chrono::Datelike::year(&start) + 1, 1, 1).unwrap_or(start);
    while tick <= end {
        axis.push(Tick {
            x: x_of(tick),
            label: chrono::Datelike::year(&tick).to_string(),
        });
        tick = crate::dates::add_months(tick, 12);
    }
    Timeline {
        width: WIDTH,
        height: TOP + rows.len() as i64 * ROW_HEIGHT + AXIS_HEIGHT,
        label_width: LABEL_WIDTH,
        row_height: ROW_HEIGHT,
        rows,
        today_x: x_of(as_of),
        axis,
    }
}
