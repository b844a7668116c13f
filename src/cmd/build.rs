//! `lifecycle build`: render the site in memory and write it to `--out` atomically.

use super::SiteFlags;
use crate::diagnostics::Severity;
use crate::diagnostics::report::{counts, plural, print_human};
use crate::pipeline;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub flags: SiteFlags,
    /// Output directory [default: SITE/public].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Publish under another URL (e.g. https://owner.github.io/repo/) than site.yaml's base_url.
    #[arg(long, value_parser = super::parse_base_url)]
    pub base_url: Option<String>,
}

/// Returns the exit code: 0 built, 1 the site has errors or the write failed, 2 bad `--out`.
pub fn run(args: &BuildArgs, err: &mut dyn Write) -> std::io::Result<i32> {
    let start = Instant::now();
    let site = &args.flags.site;
    let out_dir = &args.out.clone().unwrap_or_else(|| site.join("public"));
    // main is the only caller: the process exits when this returns.
    let opts = &pipeline::BuildOptions {
        exiting: true,
        ..args.flags.options(args.base_url.clone())
    };
    if let Err(msg) = crate::write::check_out_dir(site, out_dir) {
        writeln!(err, "error: {msg}")?;
        return Ok(2);
    }
    let pipeline::Run {
        site: model,
        output,
        diagnostics,
        as_of,
    } = pipeline::run(site, opts, pipeline::today_utc());
    let warnings = diagnostics.count(Severity::Warning);
    let errors = diagnostics.count(Severity::Error);
    print_human(&diagnostics.into_sorted(), err)?;
    let Some(output) = output else {
        writeln!(
            err,
            "build failed: {}; {} left as it was",
            counts(errors, warnings),
            out_dir.display()
        )?;
        return Ok(1);
    };
    let write_started = Instant::now();
    if let Err(e) = crate::write::write_atomically(out_dir, &output.files) {
        writeln!(err, "error: {e:#}")?;
        writeln!(err, "build failed; {} left as it was", out_dir.display())?;
        return Ok(1);
    }
    if crate::timings() {
        writeln!(
            err,
            "timings: write {} ms",
            write_started.elapsed().as_millis()
        )?;
    }
    let as_of = as_of.map(|d| d.to_string()).unwrap_or_default();
    writeln!(
        err,
        "built {} pages ({} files) into {} as of {as_of}: {} in {} ms",
        output.html_pages,
        output.files.len(),
        out_dir.display(),
        plural(warnings, "warning"),
        start.elapsed().as_millis()
    )?;
    // The process ends when this returns (main is the only caller). Freeing the rendered
    // site and the model piece by piece would take a tenth of a second at 10,000 releases
    // (hundreds of thousands of allocations); the OS takes the memory back at once.
    std::mem::forget((output, model));
    Ok(0)
}
