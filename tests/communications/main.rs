//! EOS communications (issue 4): announcement pages, RSS, Atom, iCalendar, JSON API and
//! badges, built through the real binary at fixed as-of dates and read back with real
//! parsers (feedparser, xmllint, icalendar, scraper, serde_json). One module per channel.

mod advice;
mod announcements;
mod api;
mod badges;
#[path = "../common/mod.rs"]
mod common;
mod corrections;
mod default_site;
mod dependency_feeds;
mod endoflife;
mod hostile;
mod reminders;
mod stability;
mod support;
