//! One module per command; `main.rs` parses arguments and calls these.

pub mod build;
pub mod check;
