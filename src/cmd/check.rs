//! `lifecycle check`: report every problem of a site, as a compiler would, or as JSON.
//! It runs the whole pipeline in memory, so template errors and broken links show too.

use super::SiteFlags;
use crate::diagnostics::Severity;
use crate::diagnostics::report::{counts, plural, print_human};
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
            let n = |len: Option<usize>, word: &str| plural(len.unwrap_or(0), word);
            writeln!(
                err,
                "{}: {}, {}, {}: {}",
                if has_errors {
                    "check failed"
                } else {
                    "check passed"
                },
                n(s.map(|s| s.releases.len()), "release"),
                n(s.map(|s| s.dependencies.len()), "dependency"),
                n(s.map(|s| s.announcements.len()), "announcement"),
                counts(errors, warnings)
            )?;
        }
    }
    Ok(if has_errors { 1 } else { 0 })
}
