//! `eos.ics`: an all-day event per maintenance and end-of-support date of the schedule, and
//! `dependencies/<id>/eos.ics` with one dependency's events (same UIDs and SEQUENCE), for
//! subscribing to what one actually runs.
//! UIDs are stable across builds; SEQUENCE counts corrections (docs/outputs.md). The words
//! are `words/calendar_summary.txt` and `words/calendar_description.txt`.

use crate::diagnostics::Diagnostic;
use crate::model::Affected;
use crate::render::Rendered;
use crate::render::context::Ctx;
use crate::render::formats::calendar::{self, CalEvent};
use crate::render::urls::Urls;
use crate::schedule::{Event, Subject};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

/// What the calendar templates are told about one event.
#[derive(Serialize)]
struct EventWords<'a> {
    label: &'a str,
    /// `eos` or `maintenance`.
    what: &'static str,
    date: NaiveDate,
}

pub fn render(ctx: &Ctx) -> Result<Vec<Rendered>, Diagnostic> {
    let host = calendar::uid_host(&ctx.site.config.base_url);
    let as_of = ctx.schedule.as_of;
    // In parallel: every event renders two words templates, and a large site has thousands.
    // Each is written as calendar text once: it goes to the whole calendar and to its
    // dependency's.
    let mut events = ctx
        .schedule
        .events
        .par_iter()
        .map(|e| {
            let event = event(ctx, e, &host)?;
            let text = calendar::vevent(&event, as_of);
            Ok((e.subject, event, text))
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    events.sort_by(|(_, a, _), (_, b, _)| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    let title = &ctx.site.config.title;
    let all: Vec<&str> = events.iter().map(|(_, _, text)| text.as_str()).collect();
    let mut out = vec![Rendered::file(
        Urls::CALENDAR.into(),
        calendar::render(&format!("{title}: end-of-support dates"), &all),
    )];
    // One pass: each event to its dependency's calendar.
    let mut by_dependency: Vec<Vec<&str>> = vec![Vec::new(); ctx.site.dependencies.len()];
    for (subject, _, text) in &events {
        if let Subject::Dependency(d, _) = subject {
            by_dependency[*d].push(text);
        }
    }
    for (d, list) in ctx.site.dependencies.iter().zip(by_dependency) {
        let name = format!("{title}: {} end-of-support dates", d.name);
        out.push(Rendered::file(
            Urls::dependency_calendar(&d.id),
            calendar::render(&name, &list),
        ));
    }
    Ok(out)
}

fn event(ctx: &Ctx, e: &Event, host: &str) -> Result<CalEvent, Diagnostic> {
    let what = e.kind.id();
    let (uid, path, target) = match e.subject {
        Subject::Sdk(i) => {
            let v = &ctx.site.releases[i].version;
            (
                format!("sdk-{v}-{what}@{host}"),
                Urls::release(v),
                Affected::Sdk(v.clone()),
            )
        }
        Subject::Dependency(d, v) => {
            let d = &ctx.site.dependencies[d];
            let v = &d.versions[v].version;
            (
                format!("{}-{v}-{what}@{host}", d.id),
                Urls::dependency(&d.id),
                Affected::Dependency {
                    id: d.id.clone(),
                    version: Some(v.clone()),
                },
            )
        }
    };
    let mut tc = ctx.page_context();
    tc.insert(
        "event",
        &EventWords {
            label: &e.label,
            what,
            date: e.date,
        },
    );
    // A projection is tentative. When the vendor states the date, the event keeps its UID
    // and its SEQUENCE rises by one over what the projection had, so calendars move it.
    let projectable = match e.subject {
        Subject::Sdk(i) => ctx.schedule.projections.release_rules[i].is_some(),
        Subject::Dependency(d, v) => ctx.schedule.projections.dependency_rules[d][v].is_some(),
    };
    let stated_over_rule = u32::from(projectable && !e.projected && what == "eos");
    Ok(CalEvent {
        tentative: e.projected,
        uid,
        summary: ctx.words("words/calendar_summary.txt", tc.clone())?,
        description: ctx.words("words/calendar_description.txt", tc)?,
        date: e.date,
        url: ctx.urls.abs(&path),
        sequence: ctx.schedule.about.sequence(ctx.published(), &target) + stated_over_rule,
    })
}
