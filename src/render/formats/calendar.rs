//! `eos.ics`: an all-day event per end-of-support and maintenance date (RFC 5545), written
//! with the `icalendar` crate (escaping, CRLF, 75-octet folding). UIDs are stable across
//! builds; SEQUENCE counts corrections so subscribed calendars update instead of duplicating.

use chrono::NaiveDate;
use icalendar::{Calendar, Component, Event, EventLike, Property};
use std::borrow::Cow;

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
    /// A projected date: `STATUS:TENTATIVE`.
    pub tentative: bool,
}

/// The calendar `name` holding `events`, each already written by `vevent`. A site's
/// events appear in its whole calendar and again in their dependency's, so each is written
/// once and calendars are put together from the written text. That text is what the crate
/// writes for a calendar with those events: its properties between `BEGIN:VCALENDAR` and
/// `END:VCALENDAR`, then each component (a unit test compares the two).
pub fn render(name: &str, events: &[&str]) -> Vec<u8> {
    const END: &str = "END:VCALENDAR\r\n";
    let head = refold(calendar(name).to_string());
    let head = head.strip_suffix(END).unwrap_or(&head);
    let len = head.len() + events.iter().map(|e| e.len()).sum::<usize>() + END.len();
    let mut out = String::with_capacity(len);
    out.push_str(head);
    for e in events {
        out.push_str(e);
    }
    out.push_str(END);
    out.into_bytes()
}

/// One event as calendar text (`BEGIN:VEVENT` to `END:VEVENT`, CRLF-terminated lines of at
/// most 75 octets), stamped with the as-of date.
pub fn vevent(e: &CalEvent, as_of: NaiveDate) -> String {
    // Writing to a String cannot fail.
    refold(event(e, as_of).try_into_string().unwrap_or_default())
}

/// The calendar `name` with its properties and no events.
fn calendar(name: &str) -> Calendar {
    // `empty()`: `new()` would add the crate's own PRODID next to ours.
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//lifecycle//EOS calendar//EN"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    // NAME (RFC 7986) is TEXT, but the crate escapes only the properties it knows as TEXT:
    // say so, and it escapes this one too. X-WR-CALNAME it knows.
    let name = text(name);
    let mut prop = Property::new("NAME", name.as_ref());
    prop.add_parameter("VALUE", "TEXT");
    cal.append_property(prop);
    cal.append_property(("X-WR-CALNAME", name.as_ref()));
    cal.done()
}

/// One event as the crate's component, stamped with the as-of date.
fn event(e: &CalEvent, as_of: NaiveDate) -> Event {
    let stamp = as_of.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let mut event = Event::new();
    if e.tentative {
        event.status(icalendar::EventStatus::Tentative);
    }
    event
        .uid(&text(&e.uid))
        .timestamp(stamp)
        .summary(&text(&e.summary))
        .description(&text(&e.description))
        // All-day: DTEND is exclusive (RFC 5545 3.6.1), so the next day.
        .starts(e.date)
        .ends(e.date.succ_opt().unwrap_or(e.date))
        .url(&e.url)
        .sequence(e.sequence)
        .done()
}

/// Physical lines of at most 75 octets (RFC 5545 3.1). icalendar 0.17 folds a content line
/// into 75-octet pieces but lets the last continuation be 76 with its leading space (an
/// off-by-one found by tests/hardening/properties.rs with long multi-byte text): split any
/// line still too long at a character boundary, continuing with a space as folding does.
fn refold(ics: String) -> String {
    const LIMIT: usize = 75;
    if ics.split("\r\n").all(|l| l.len() <= LIMIT) {
        return ics;
    }
    let mut out = String::with_capacity(ics.len() + 64);
    for (i, line) in ics.split("\r\n").enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        let mut rest = line;
        let mut limit = LIMIT;
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = LIMIT - 1;
        }
        out.push_str(rest);
    }
    out
}

/// The one path of every text value into the calendar: line breaks as LF (the crate writes
/// them as `\n` escapes; a bare CR would end the content line), other control characters
/// dropped. Validation already refuses them in data (E026); this is the second line.
fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(s);
    }
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    Cow::Owned(
        s.chars()
            .filter(|&c| c == '\n' || !c.is_control())
            .collect(),
    )
}

/// The host part of the base URL, for UIDs (`example.github.io`).
pub fn uid_host(base_url: &str) -> String {
    url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "localhost".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The calendar as the crate writes it with the events pushed into it: what `render`
    /// must equal when it puts written events together.
    fn whole(name: &str, events: &[CalEvent], as_of: NaiveDate) -> String {
        let mut cal = calendar(name);
        for e in events {
            cal.push(event(e, as_of));
        }
        refold(cal.to_string())
    }

    #[test]
    fn a_calendar_of_written_events_is_the_crate_s_calendar() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let event = |uid: &str, summary: String, tentative| CalEvent {
            uid: uid.into(),
            summary,
            description: "Line one;\nline two, with a comma".into(),
            date: NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
            url: "https://example.com/releases/1.0/".into(),
            sequence: 2,
            tentative,
        };
        let events = [
            event(
                "sdk-1.0-eos@example.com",
                "SDK 1.0: end of support".into(),
                false,
            ),
            event(
                "os-2-eos@example.com",
                format!("OS 2 {}", "é".repeat(60)),
                true,
            ),
        ];
        let name = "Docs: end-of-support dates";
        let written: Vec<String> = events.iter().map(|e| vevent(e, as_of)).collect();
        let parts: Vec<&str> = written.iter().map(String::as_str).collect();
        assert_eq!(
            String::from_utf8(render(name, &parts)).unwrap(),
            whole(name, &events, as_of)
        );
        assert_eq!(
            String::from_utf8(render(name, &[])).unwrap(),
            whole(name, &[], as_of)
        );
    }

    #[test]
    fn no_physical_line_is_longer_than_75_octets() {
        let long = format!(
            "SUMMARY:{}\r\n {}\r\nEND:VEVENT\r\n",
            "a".repeat(67),
            "é".repeat(40)
        );
        let out = refold(long.clone());
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        // Unfolding gives the same text back.
        assert_eq!(out.replace("\r\n ", ""), long.replace("\r\n ", ""));
    }
}
