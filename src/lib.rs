//! `lifecycle`: a static site generator for software support-lifecycle documentation.
//!
//! One pipeline (ARCHITECTURE.md): `load` (files -> raw model) -> `validate` (-> `Site` +
//! diagnostics) -> `policy` (policy findings) -> `schedule` (phases, events, reminders and
//! announcements as of a date) -> `render` (-> in-memory map of path -> bytes) -> a sink
//! (`cmd::build` writes it, `serve` serves it, `cmd::publish` uploads it).

pub mod announcements;
pub mod cmd;
pub mod content_type;
pub mod dates;
pub mod diagnostics;
pub mod import;
pub mod lifecycle;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod policy;
pub mod projection;
pub mod render;
pub mod schedule;
#[cfg(feature = "serve")]
pub mod serve;
pub mod shortcodes;
pub mod validate;
pub mod version;
pub mod write;
pub mod yaml_edit;

/// Whether `LIFECYCLE_TIMINGS` is set: stages print where their time goes (BENCHMARKS.md).
pub fn timings() -> bool {
    std::env::var_os("LIFECYCLE_TIMINGS").is_some()
}
