//! `lifecycle publish`: render in memory and upload exactly what `build` writes, to S3
//! (`publish s3://BUCKET[/PREFIX]`) or to a git branch (`publish git`).

use super::SiteFlags;

#[derive(clap::Args, Debug)]
pub struct PublishArgs {
    /// Where to: `s3://BUCKET[/PREFIX]` or `git`.
    pub target: String,
    #[command(flatten)]
    pub flags: SiteFlags,
    /// Publish under another URL than site.yaml's base_url.
    #[arg(long, value_parser = super::parse_base_url)]
    pub base_url: Option<String>,
    /// Print the plan; change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(_args: &PublishArgs) -> i32 {
    eprintln!("error: publish is not built yet");
    2
}
