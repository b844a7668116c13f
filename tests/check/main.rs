//! `lifecycle check`: one integration binary, a module per concern (mdBook's testsuite layout).
//! Every case starts from `tests/fixtures/check/minimal` and makes one edit.

#[path = "../common/mod.rs"]
mod common;
mod default_site;
mod errors;
mod human;
mod minimal;
mod policy_revisions;
mod properties;
mod support;
mod usage;
mod warnings;
