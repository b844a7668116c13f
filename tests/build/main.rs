//! `lifecycle build`: one integration binary, a module per concern. Sites are built through
//! the real binary into directories, then read back and parsed (scraper, roxmltree).

mod base_url;
mod default_site;
mod large_site;
mod output;
mod support;
