//! `lifecycle serve`: preview the site from memory with live reload.

use super::SiteFlags;

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub flags: SiteFlags,
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Port; if taken, the next free one. 0 picks any free port.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
}

pub fn run(_args: &ServeArgs) -> i32 {
    eprintln!("error: serve is not built yet");
    2
}
