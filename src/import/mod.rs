//! Upstream lifecycles as input (`lifecycle import`): other formats read into one neutral
//! shape, `Product`, which `merge` turns into line edits of `content/dependencies/<id>.yaml`
//! (docs/commands.md#import). Pure: the command layer reads and writes the files.

pub mod endoflife;
pub mod merge;

use crate::diagnostics::Pos;
use chrono::NaiveDate;

/// A phase boundary of an upstream cycle: a date, `true` (over, on a date nobody
/// published) or nothing (`false`, none planned).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Date(NaiveDate),
    True,
}

/// One product's published schedule, whatever format it came in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Product {
    /// The product's name in its source (endoflife.date's `python`): the default id.
    pub name: String,
    pub title: Option<String>,
    pub category: Option<String>,
    pub policy_link: Option<String>,
    /// `(type, id)`: purl, cpe, repology...
    pub identifiers: Vec<(String, String)>,
    /// As listed (endoflife.date lists newest first).
    pub cycles: Vec<Cycle>,
}

/// One release cycle as upstream publishes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cycle {
    /// As written: `22.04`, `2012 R2`.
    pub name: String,
    /// Where the cycle is written, when the format gives positions.
    pub pos: Option<Pos>,
    pub values: Values,
}

/// A cycle's schedule, as `upstream:` holds it (docs/input.md#upstream).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Values {
    pub released: Option<NaiveDate>,
    pub eoas: Option<Mark>,
    pub eol: Option<Mark>,
    pub lts: Option<Mark>,
    pub codename: Option<String>,
    pub link: Option<String>,
}
