//! `lifecycle check`: report every problem of a site, as a compiler would, or as JSON.

use crate::diagnostics::{Diagnostic, Severity};
use crate::pipeline::load_and_check;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub struct CheckArgs<'a> {
    pub site: &'a Path,
    pub as_of: Option<NaiveDate>,
    pub strict: bool,
    pub format: Format,
}

/// Returns the process exit code: 0 clean (warnings allowed), 1 errors.
pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    // The as-of date does not change which checks run today, but check takes it so that
    // a CI job and a build agree on the date; it is validated by clap.
    let _ = args.as_of;
    let checked = load_and_check(args.site, args.strict);
    let has_errors = checked.diagnostics.has_errors();
    let errors = checked.diagnostics.count(Severity::Error);
    let warnings = checked.diagnostics.count(Severity::Warning);
    let list = checked.diagnostics.into_sorted();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)?;
        }
        Format::Human => {
            print_human(&list, err)?;
            let site = checked.site.as_ref();
            let summary = format!(
                "{} releases, {} dependencies, {} announcements: {} error{}, {} warning{}",
                site.map_or(0, |s| s.releases.len()),
                site.map_or(0, |s| s.dependencies.len()),
                site.map_or(0, |s| s.announcements.len()),
                errors,
                if errors == 1 { "" } else { "s" },
                warnings,
                if warnings == 1 { "" } else { "s" },
            );
            writeln!(err, "{}: {summary}", if has_errors { "check failed" } else { "check passed" })?;
        }
    }
    Ok(if has_errors { 1 } else { 0 })
}

pub fn print_human(list: &[Diagnostic], err: &mut dyn Write) -> std::io::Result<()> {
    for d in list {
        writeln!(err, "{d}\n")?;
    }
    Ok(())
}
