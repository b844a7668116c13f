//! `lifecycle publish`: one integration binary, a module per target (S3 against moto_server,
//! git against a local bare repository) plus usage errors.

#[path = "../common/mod.rs"]
mod common;
mod git;
#[cfg(feature = "s3")]
mod s3;
mod support;
mod usage;
