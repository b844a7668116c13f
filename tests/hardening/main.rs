//! Hostile input (issue 11): every numbered case of the review as a regression test through
//! the real binary, plus a property test over text fields and a fuzz-style test over the
//! bytes of each input file kind. Bad input must give a positioned error and a clean exit
//! code, never a panic, an invalid feed or calendar, or a lost source file.

#[path = "../common/mod.rs"]
mod common;
mod fuzz;
mod git;
mod output;
mod panics;
mod properties;
mod sources;
mod support;
mod visibility;
