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

/// Returns the exit code: 0 stopped by Ctrl-C, 2 bad flags or no free port. The server
/// itself lives in `crate::serve`.
pub fn run(args: &ServeArgs) -> i32 {
    #[cfg(feature = "serve")]
    {
        crate::serve::run(&crate::serve::ServeOptions {
            site: args.flags.site.clone(),
            bind: args.bind.clone(),
            port: args.port,
            build: args.flags.options(None),
        })
    }
    #[cfg(not(feature = "serve"))]
    {
        let _ = args;
        eprintln!("error: this lifecycle was built without the `serve` feature");
        2
    }
}
