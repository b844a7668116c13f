//! `eos.ics`: an all-day event per end-of-support and maintenance date (RFC 5545), written
//! with the `icalendar` crate (escaping, CRLF, 75-octet folding). UIDs are stable across
//! builds; SEQUENCE counts corrections so subscribed calendars update instead of duplicating.

use chrono::NaiveDate;
use icalendar::{Calendar, Component, Event, EventLike};

/// One calendar event.
pub struct CalEvent {
    /// `<sdk|id>-<version>-<eos|maintenance>@<host>`.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub date: NaiveDate,
    /// Absolute URL of the version's page.
    pub url: String,
    pub sequence: u32,
}

pub fn render(name: &str, events: &[CalEvent], as_of: NaiveDate) -> Vec<u8> {
    let stamp = as_of.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    // `empty()`: `new()` would add the crate's own PRODID next to ours.
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//lifecycle//EOS calendar//EN"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    cal.name(name);
    for e in events {
        cal.push(
            Event::new()
                .uid(&e.uid)
                .timestamp(stamp)
                .summary(&e.summary)
                .description(&e.description)
                // All-day: DTEND is exclusive (RFC 5545 3.6.1), so the next day.
                .starts(e.date)
                .ends(e.date + chrono::Days::new(1))
                .url(&e.url)
                .sequence(e.sequence)
                .done(),
        );
    }
    cal.done().to_string().into_bytes()
}

/// The host part of the base URL, for UIDs (`example.github.io`).
pub fn uid_host(base_url: &str) -> String {
    url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "localhost".into())
}
