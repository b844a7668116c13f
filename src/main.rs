//! The `lifecycle` command line: a thin clap layer over the library.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use lifecycle::cmd;
use lifecycle::pipeline::BuildOptions;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "lifecycle",
    version,
    about = "Static site generator for software support-lifecycle documentation"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Flags every rendering command takes, so they render exactly what `build` would.
#[derive(Args)]
struct RenderFlags {
    /// The site directory.
    #[arg(long, default_value = ".")]
    site: PathBuf,
    /// Compute phases as of this date (YYYY-MM-DD) instead of site.yaml's as_of,
    /// SOURCE_DATE_EPOCH or today (UTC).
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Treat policy warnings as errors.
    #[arg(long)]
    strict: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check the site's data, policy, templates and links; print every problem.
    Check {
        #[command(flatten)]
        flags: RenderFlags,
        /// Output format: compiler-style text on stderr, or one JSON array on stdout.
        #[arg(long, value_enum, default_value = "human")]
        format: cmd::check::Format,
    },
    /// Build the static site into --out (replaced atomically: a failed build changes nothing).
    Build {
        #[command(flatten)]
        flags: RenderFlags,
        /// Output directory [default: SITE/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Publish under another URL (e.g. https://owner.github.io/repo/) than site.yaml's base_url.
        #[arg(long, value_parser = parse_base_url)]
        base_url: Option<String>,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    lifecycle::dates::parse_date(s)
        .ok_or_else(|| format!("`{s}` is not a date: expected YYYY-MM-DD"))
}

fn parse_base_url(s: &str) -> Result<String, String> {
    match url::Url::parse(s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
            let s = u.to_string();
            Ok(if s.ends_with('/') { s } else { format!("{s}/") })
        }
        _ => Err(format!("`{s}` is not an absolute http(s) URL")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let code = match cli.command {
        Command::Check { flags, format } => {
            let opts = BuildOptions {
                as_of: flags.as_of,
                base_url: None,
                strict: flags.strict,
            };
            cmd::check::run(&flags.site, &opts, format, &mut out, &mut err)
        }
        Command::Build {
            flags,
            out: out_dir,
            base_url,
        } => {
            let opts = BuildOptions {
                as_of: flags.as_of,
                base_url,
                strict: flags.strict,
            };
            let out_dir = out_dir.unwrap_or_else(|| flags.site.join("public"));
            cmd::build::run(&flags.site, &out_dir, &opts, &mut err)
        }
    };
    match code {
        Ok(c) => ExitCode::from(c as u8),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
