//! One module per command; `main.rs` parses arguments and calls `run`. Every `run` returns
//! the exit code: 0 success, 1 the site has errors (or a publish failed), 2 usage error.

pub mod announce;
pub mod build;
pub mod check;
pub mod import;
pub mod new;
pub mod publish;
pub mod scratch;
pub mod serve;

use crate::pipeline::BuildOptions;
use chrono::NaiveDate;
use std::io::{self, Write};
use std::path::PathBuf;

/// A writer that stops writing, silently, once its reader has gone (a closed pipe, as in
/// `lifecycle check 2>&1 | head -1`): the command runs to its end and exits with its own
/// code, as ripgrep does, instead of failing (or panicking) on its next line of output.
pub struct Quiet<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Quiet<W> {
    pub fn new(inner: W) -> Self {
        Quiet {
            inner,
            closed: false,
        }
    }

    fn guard<T>(&mut self, r: io::Result<T>, done: T) -> io::Result<T> {
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            r => r,
        }
    }
}

impl<W: Write> Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let r = self.inner.write(buf);
        self.guard(r, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.inner.flush();
        self.guard(r, ())
    }
}

/// Standard error for a command's messages, quiet once closed.
pub fn stderr() -> Quiet<io::Stderr> {
    Quiet::new(io::stderr())
}

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
            exiting: false,
        }
    }
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let d = crate::dates::parse_date(s)
        .ok_or_else(|| format!("`{s}` is not a date: expected YYYY-MM-DD"))?;
    if crate::dates::representable(d) {
        Ok(d)
    } else {
        Err(format!(
            "`{s}` is out of range: {}",
            crate::dates::range_note()
        ))
    }
}

/// `SOURCE_DATE_EPOCH`, when set, must give a date the outputs can represent: checked before
/// a command runs, so a bad one is a usage error (exit 2) like a bad `--as-of`.
pub fn check_environment() -> Result<(), String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => crate::lifecycle::source_date_epoch(&s).map(|_| ()),
        Err(std::env::VarError::NotPresent) => Ok(()),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err("SOURCE_DATE_EPOCH is not a number of seconds".into())
        }
    }
}

/// `--base-url`: an absolute http(s) URL, normalised to end with a slash.
pub fn parse_base_url(s: &str) -> Result<String, String> {
    match url::Url::parse(s) {
        Ok(u) if u.query().is_some() || u.fragment().is_some() => Err(format!(
            "`{s}` has a query or fragment: give only scheme, host and path"
        )),
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
            let s = u.to_string();
            Ok(if s.ends_with('/') { s } else { format!("{s}/") })
        }
        _ => Err(format!("`{s}` is not an absolute http(s) URL")),
    }
}
