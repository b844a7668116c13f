//! One module per command; `main.rs` parses arguments and calls `run`. Every `run` returns
//! the exit code: 0 success, 1 the site has errors (or a publish failed), 2 usage error.

pub mod announce;
pub mod build;
pub mod check;
pub mod new;
pub mod publish;
pub mod serve;

use crate::pipeline::BuildOptions;
use chrono::NaiveDate;
use std::path::PathBuf;

/// The site directory and the flags every rendering command shares, so that `check`,
/// `serve` and `publish` render exactly what `build` would.
#[derive(clap::Args, Clone, Debug)]
pub struct SiteFlags {
    /// The site directory.
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// Compute phases as of this date (YYYY-MM-DD) instead of site.yaml's as_of,
    /// SOURCE_DATE_EPOCH or today (UTC).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Treat policy warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

impl SiteFlags {
    pub fn options(&self, base_url: Option<String>) -> BuildOptions {
        BuildOptions {
            as_of: self.as_of,
            base_url,
            strict: self.strict,
        }
    }
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::dates::parse_date(s).ok_or_else(|| format!("`{s}` is not a date: expected YYYY-MM-DD"))
}

/// `--base-url`: an absolute http(s) URL, normalised to end with a slash.
pub fn parse_base_url(s: &str) -> Result<String, String> {
    match url::Url::parse(s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
            let s = u.to_string();
            Ok(if s.ends_with('/') { s } else { format!("{s}/") })
        }
        _ => Err(format!("`{s}` is not an absolute http(s) URL")),
    }
}
