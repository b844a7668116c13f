//! `lifecycle check`: report every problem of a site, as a compiler would, or as JSON.
//! It runs the whole pipeline in memory, so template errors and broken links show too.

use super::SiteFlags;
use crate::diagnostics::{Diagnostic, Severity};
use crate::pipeline;
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub flags: SiteFlags,
    /// Output format: compiler-style text on stderr, or one JSON array on stdout.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

/// Returns the process exit code: 0 clean (warnings allowed), 1 errors.
pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let format = args.format;
    let run = pipeline::run(
        &args.flags.site,
        &args.flags.options(None),
        pipeline::today_utc(),
    );
    let has_errors = run.diagnostics.has_errors();
    let errors = run.diagnostics.count(Severity::Error);
    let warnings = run.diagnostics.count(Severity::Warning);
    let list = run.diagnostics.into_sorted();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)?;
        }
        Format::Human => {
            print_human(&list, err)?;
            let s = run.site.as_ref();
            writeln!(
                err,
                "{}: {} releases, {} dependencies, {} announcements: {}",
                if has_errors {
                    "check failed"
                } else {
                    "check passed"
                },
                s.map_or(0, |s| s.releases.len()),
                s.map_or(0, |s| s.dependencies.len()),
                s.map_or(0, |s| s.announcements.len()),
                counts(errors, warnings)
            )?;
        }
    }
    Ok(if has_errors { 1 } else { 0 })
}

pub fn counts(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

pub fn print_human(list: &[Diagnostic], err: &mut dyn Write) -> std::io::Result<()> {
    for d in list {
        writeln!(err, "{d}\n")?;
    }
    Ok(())
}
