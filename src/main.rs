//! The `lifecycle` command line: a thin clap layer over `lifecycle::cmd`.

use clap::{Parser, Subcommand};
use lifecycle::cmd;
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

#[derive(Subcommand)]
enum Command {
    /// Check the site's data, policy, templates and links; print every problem.
    Check(cmd::check::CheckArgs),
    /// Build the static site into --out (replaced atomically: a failed build changes nothing).
    Build(cmd::build::BuildArgs),
    /// Preview the site on a local web server, rebuilding and reloading on every change.
    Serve(cmd::serve::ServeArgs),
    /// Create a new site in DIR.
    New(cmd::new::NewArgs),
    /// Announce an end of support: write the announcement and set the data's dates.
    Announce(cmd::announce::AnnounceArgs),
    /// Import upstream lifecycles (endoflife.date) into the site's dependency files.
    Import(cmd::import::ImportArgs),
    /// Publish the rendered site to S3 (s3://BUCKET[/PREFIX]) or a git branch (git).
    Publish(cmd::publish::PublishArgs),
}

/// Rendering allocates many short-lived values: mimalloc builds large sites about 20% faster
/// than the system allocator (BENCHMARKS.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::New(_))
        && let Err(msg) = cmd::check_environment()
    {
        use std::io::Write;
        let _ = writeln!(cmd::stderr(), "error: {msg}");
        return ExitCode::from(2);
    }
    // Unlocked handles: a command that prints from another thread must not deadlock.
    let (mut out, mut err) = (cmd::Quiet::new(std::io::stdout()), cmd::stderr());
    let code = match cli.command {
        Command::Check(args) => cmd::check::run(&args, &mut out, &mut err),
        Command::Build(args) => cmd::build::run(&args, &mut err),
        Command::Serve(args) => Ok(cmd::serve::run(&args)),
        Command::New(args) => Ok(cmd::new::run(&args)),
        Command::Announce(args) => Ok(cmd::announce::run(&args)),
        Command::Import(args) => Ok(cmd::import::run(&args, &mut out, &mut err)),
        Command::Publish(args) => Ok(cmd::publish::run(&args)),
    };
    match code {
        Ok(c) => ExitCode::from(u8::try_from(c).unwrap_or(1)),
        Err(e) => {
            use std::io::Write;
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(1)
        }
    }
}
