//! The file formats render writes through crates, so that every string is escaped by a
//! library that knows the format: RSS and Atom (`rss`, `atom_syndication`), iCalendar
//! (`icalendar`), JSON (`serde_json`) and the sitemap (`quick-xml`). Page modules build the
//! values; these write them.

pub mod calendar;
pub mod feeds;
pub mod json;
pub mod sitemap;
