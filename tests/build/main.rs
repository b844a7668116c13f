//! `lifecycle build`: one integration binary, a module per concern. Sites are built through
//! the real binary into directories, then read back and parsed (scraper, roxmltree).

mod base_url;
#[path = "../common/mod.rs"]
mod common;
mod default_site;
mod large_site;
mod output;
mod support;
