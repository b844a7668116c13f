//! `lifecycle serve` end to end: the real binary on an ephemeral 127.0.0.1 port, fetched
//! with a plain HTTP client, edited while it runs, and watched by headless Chromium.

mod browser;
#[path = "../common/mod.rs"]
mod common;
mod compat;
mod endoflife;
mod http;
mod incremental;
mod reload;
mod support;
