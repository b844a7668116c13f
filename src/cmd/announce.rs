//! `lifecycle announce`: write an EOS announcement and set the dates in the data file.

use super::SiteFlags;

#[derive(clap::Args, Debug)]
pub struct AnnounceArgs {
    #[command(flatten)]
    pub flags: SiteFlags,
    /// The SDK version whose end of support is announced.
    #[arg(long, conflicts_with_all = ["dependency", "version"], required_unless_present = "dependency")]
    pub sdk: Option<String>,
    /// The dependency (its id) whose version's end of support is announced.
    #[arg(long, requires = "version")]
    pub dependency: Option<String>,
    /// The dependency version.
    #[arg(long, requires = "dependency")]
    pub version: Option<String>,
    /// The end-of-support date.
    #[arg(long, value_parser = super::parse_date)]
    pub eos: chrono::NaiveDate,
    /// The announcement date [default: the as-of date].
    #[arg(long, value_parser = super::parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// Announce even when the notice is shorter than the policy requires.
    #[arg(long)]
    pub force: bool,
}

pub fn run(_args: &AnnounceArgs) -> i32 {
    eprintln!("error: announce is not built yet");
    2
}
