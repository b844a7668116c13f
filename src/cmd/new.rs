//! `lifecycle new`: write a small working site to start from.

use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// Directory to create (must not exist or be empty).
    pub dir: PathBuf,
    /// The product name the site documents.
    #[arg(long, default_value = "Example SDK")]
    pub product: String,
    /// Also write the default templates and theme assets, for customising.
    #[arg(long)]
    pub with_templates: bool,
}

pub fn run(_args: &NewArgs) -> i32 {
    eprintln!("error: new is not built yet");
    2
}
