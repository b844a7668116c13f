//! One module per output kind. Each exposes free functions `(ctx, ...) -> Rendered` and keeps
//! its view structs beside them; what several share lives in `context.rs` and `view.rs`.

pub mod announcements;
pub mod api;
pub mod badges;
pub mod calendar;
pub mod compatibility;
pub mod content;
pub mod dependencies;
pub mod endoflife;
pub mod feeds;
pub mod fixed;
pub mod index;
pub mod release;
pub mod releases;
pub mod shortcodes;
pub mod switcher;
pub mod timeline;
