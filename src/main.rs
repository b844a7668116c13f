//! The `lifecycle` command line: a thin clap layer over the library.

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use lifecycle::cmd;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "lifecycle", version, about = "Static site generator for software support-lifecycle documentation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the site's data and policy; print every problem.
    Check {
        /// The site directory.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Compute phases as of this date (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Treat policy warnings as errors.
        #[arg(long)]
        strict: bool,
        #[arg(long, value_enum, default_value = "human")]
        format: cmd::check::Format,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    lifecycle::dates::parse_date(s).ok_or_else(|| format!("`{s}` is not a date: expected YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let code = match cli.command {
        Command::Check { site, as_of, strict, format } => {
            cmd::check::run(&cmd::check::CheckArgs { site: &site, as_of, strict, format }, &mut out, &mut err)
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
