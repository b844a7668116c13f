//! endoflife.date's three public formats, read into a `Product`:
//! - a product file of its repository (`products/<name>.md`: YAML front matter with
//!   `title`, `category`, `releasePolicyLink`, `identifiers`, `releases[]`; its
//!   `product-schema.json`),
//! - a saved API v1 product response (`/api/v1/products/<name>`: `{result: {...}}`),
//! - a saved v0 response (`/api/<name>.json`: a list of cycles).
//!
//! The format is told by the content, not the file name: front matter, a JSON object or a
//! JSON list. Unknown fields are ignored (the formats grow); a value of the wrong type is an
//! error with its line and column.

use super::{Cycle, Mark, Product, Values};
use crate::dates::parse_date;
use crate::diagnostics::{Code, Diagnostic, Pos};
use crate::load::yaml::{Scalar, pos_of, source_text};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::path::Path;

/// Read one file's text. `file` names it in diagnostics and gives v0 files their product
/// name (`python.json` -> `python`): v0 responses do not carry it.
pub fn read(file: &Path, text: &str) -> Result<Product, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.starts_with("---") {
        product_file(file, text)
    } else if trimmed.starts_with('{') {
        v1(file, text)
    } else if trimmed.starts_with('[') {
        v0(file, text)
    } else {
        Err(Diagnostic::new(
            Code::InvalidYaml,
            "not an endoflife.date product: expected a product file (`---` front matter), an API v1 product response (a JSON object) or a v0 response (a JSON list)",
        )
        .in_file(file)
        .at(Some(Pos::new(1, 1))))
    }
}

// ---- products/<name>.md ----------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProductFile {
    title: Option<Scalar>,
    category: Option<Scalar>,
    release_policy_link: Option<Scalar>,
    identifiers: Option<Vec<indexmap::IndexMap<String, Scalar>>>,
    releases: Option<Vec<ReleaseFile>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReleaseFile {
    release_cycle: Spanned<Scalar>,
    release_date: Option<Spanned<Scalar>>,
    eoas: Option<Spanned<Scalar>>,
    eol: Option<Spanned<Scalar>>,
    lts: Option<Spanned<Scalar>>,
    codename: Option<Scalar>,
    link: Option<Scalar>,
}

fn product_file(file: &Path, text: &str) -> Result<Product, Diagnostic> {
    let split = crate::load::front_matter::split(text).map_err(|msg| {
        Diagnostic::new(Code::MissingFrontMatter, msg)
            .in_file(file)
            .at(Some(Pos::new(1, 1)))
    })?;
    let yaml = split.yaml.unwrap_or_default();
    let offset = split.yaml_line_offset;
    let f: ProductFile = crate::load::yaml::parse(yaml, file, offset)?;
    let at = |p: Pos| Some(Pos::new(p.line.saturating_add(offset), p.column));
    let mut cycles = Vec::new();
    for r in f.releases.unwrap_or_default() {
        let pos = at(pos_of(&r.release_cycle));
        // `3.10` unquoted is the number 3.1 to YAML: the cycle is what was typed.
        let name = if r.release_cycle.value.is_string {
            r.release_cycle.value.text.clone()
        } else {
            source_text(yaml, &r.release_cycle)
                .unwrap_or(&r.release_cycle.value.text)
                .to_string()
        };
        let mark =
            |sp: &Option<Spanned<Scalar>>, field: &str| -> Result<Option<Mark>, Diagnostic> {
                let Some(sp) = sp else { return Ok(None) };
                mark_of(&sp.value, field).map_err(|m| {
                    Diagnostic::new(Code::BadDate, m)
                        .in_file(file)
                        .at(at(pos_of(sp)))
                })
            };
        let released = match mark(&r.release_date, "releaseDate")? {
            Some(Mark::Date(d)) => Some(d),
            Some(Mark::True) => {
                return Err(Diagnostic::new(
                    Code::BadDate,
                    format!("releaseDate of cycle `{name}` must be a date"),
                )
                .in_file(file)
                .at(pos));
            }
            None => None,
        };
        cycles.push(Cycle {
            name,
            pos,
            values: Values {
                released,
                eoas: mark(&r.eoas, "eoas")?,
                eol: mark(&r.eol, "eol")?,
                lts: mark(&r.lts, "lts")?,
                codename: r.codename.map(|c| c.text).filter(|c| !c.trim().is_empty()),
                link: r.link.filter(|l| l.is_string).map(|l| l.text),
            },
        });
    }
    Ok(Product {
        name: stem(file),
        title: f.title.map(|t| t.text),
        category: f.category.map(|c| c.text),
        policy_link: f.release_policy_link.map(|l| l.text),
        identifiers: f
            .identifiers
            .unwrap_or_default()
            .into_iter()
            .flat_map(|m| m.into_iter().map(|(k, v)| (k, v.text)))
            .collect(),
        cycles,
    })
}

/// A `boolOrDate` of the product schema.
pub(super) fn mark_of(s: &Scalar, field: &str) -> Result<Option<Mark>, String> {
    match (s.is_string, s.text.as_str()) {
        (false, "true") => Ok(Some(Mark::True)),
        (false, "false") => Ok(None),
        (true, t) => parse_date(t).map(|d| Some(Mark::Date(d))).ok_or_else(|| {
            format!("`{field}` is `{t}`: expected a date (YYYY-MM-DD), true or false")
        }),
        (false, t) => Err(format!(
            "`{field}` is `{t}`: expected a date (YYYY-MM-DD), true or false"
        )),
    }
}

fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

// ---- API v1: /api/v1/products/<name> -----------------------------------------------------

#[derive(Deserialize)]
struct V1Response {
    result: V1Product,
}

#[derive(Deserialize)]
struct V1Product {
    name: String,
    label: Option<String>,
    category: Option<String>,
    #[serde(default)]
    identifiers: Vec<V1Identifier>,
    links: Option<V1Links>,
    releases: Vec<V1Release>,
}

#[derive(Deserialize)]
struct V1Identifier {
    id: String,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct V1Links {
    release_policy: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct V1Release {
    name: String,
    codename: Option<String>,
    release_date: Option<JsonDate>,
    #[serde(default)]
    is_lts: bool,
    lts_from: Option<JsonDate>,
    is_eoas: Option<bool>,
    eoas_from: Option<JsonDate>,
    #[serde(default)]
    is_eol: bool,
    eol_from: Option<JsonDate>,
    latest: Option<V1Version>,
}

#[derive(Deserialize)]
struct V1Version {
    link: Option<String>,
}

/// A JSON date string; anything else is an error serde_json positions.
struct JsonDate(chrono::NaiveDate);

impl<'de> Deserialize<'de> for JsonDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_date(&s).map(JsonDate).ok_or_else(|| {
            serde::de::Error::custom(format!("`{s}` is not a date: expected YYYY-MM-DD"))
        })
    }
}

/// A v1 phase: its date when known, else `true` when the flag says it is over.
fn v1_mark(date: Option<JsonDate>, over: bool) -> Option<Mark> {
    match (date, over) {
        (Some(d), _) => Some(Mark::Date(d.0)),
        (None, true) => Some(Mark::True),
        (None, false) => None,
    }
}

fn json_error(file: &Path, e: &serde_json::Error, what: &str) -> Diagnostic {
    let pos = (e.line() > 0).then(|| {
        Pos::new(
            u32::try_from(e.line()).unwrap_or(u32::MAX),
            u32::try_from(e.column()).unwrap_or(u32::MAX),
        )
    });
    // serde_json appends " at line L column C"; the position is printed separately.
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    Diagnostic::new(Code::InvalidYaml, format!("not {what}: {msg}"))
        .in_file(file)
        .at(pos)
}

fn v1(file: &Path, text: &str) -> Result<Product, Diagnostic> {
    let r: V1Response = serde_json::from_str(text)
        .map_err(|e| json_error(file, &e, "an endoflife.date API v1 product response"))?;
    let p = r.result;
    Ok(Product {
        name: p.name,
        title: p.label,
        category: p.category,
        policy_link: p.links.and_then(|l| l.release_policy),
        identifiers: p.identifiers.into_iter().map(|i| (i.kind, i.id)).collect(),
        cycles: p
            .releases
            .into_iter()
            .map(|r| Cycle {
                name: r.name,
                pos: None,
                values: Values {
                    released: r.release_date.map(|d| d.0),
                    eoas: v1_mark(r.eoas_from, r.is_eoas == Some(true)),
                    eol: v1_mark(r.eol_from, r.is_eol),
                    lts: v1_mark(r.lts_from, r.is_lts),
                    codename: r.codename.filter(|c| !c.trim().is_empty()),
                    link: r.latest.and_then(|l| l.link),
                },
            })
            .collect(),
    })
}

// ---- API v0: /api/<name>.json ------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct V0Cycle {
    cycle: V0Name,
    release_date: Option<JsonDate>,
    eol: Option<DateOrBool>,
    /// End of active support: a date, `true` while it lasts, `false` once over.
    support: Option<DateOrBool>,
    lts: Option<DateOrBool>,
    codename: Option<String>,
    link: Option<String>,
}

/// v0 cycles are strings, but a few clients write numbers.
#[derive(Deserialize)]
#[serde(untagged)]
enum V0Name {
    Text(String),
    Number(serde_json::Number),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DateOrBool {
    Bool(bool),
    Date(JsonDate),
}

fn v0(file: &Path, text: &str) -> Result<Product, Diagnostic> {
    let list: Vec<V0Cycle> = serde_json::from_str(text).map_err(|e| {
        json_error(
            file,
            &e,
            "an endoflife.date API v0 response (a list of cycles)",
        )
    })?;
    let mark = |v: Option<DateOrBool>, over_when: bool| match v {
        Some(DateOrBool::Date(d)) => Some(Mark::Date(d.0)),
        Some(DateOrBool::Bool(b)) if b == over_when => Some(Mark::True),
        _ => None,
    };
    Ok(Product {
        name: stem(file),
        cycles: list
            .into_iter()
            .map(|c| Cycle {
                name: match c.cycle {
                    V0Name::Text(s) => s,
                    V0Name::Number(n) => n.to_string(),
                },
                pos: None,
                values: Values {
                    released: c.release_date.map(|d| d.0),
                    eoas: mark(c.support, false),
                    eol: mark(c.eol, true),
                    lts: mark(c.lts, true),
                    codename: c.codename.filter(|c| !c.trim().is_empty()),
                    link: c.link,
                },
            })
            .collect(),
        ..Product::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> chrono::NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn the_three_formats_say_the_same_thing() {
        let md = "---\ntitle: Ubuntu\ncategory: os\nreleases:\n  - releaseCycle: \"22.04\"\n    codename: Jammy Jellyfish\n    lts: true\n    releaseDate: 2022-04-21\n    eoas: 2027-06-01\n    eol: 2032-04-09\n  - releaseCycle: \"14.04\"\n    releaseDate: 2014-04-17\n    eoas: true\n    eol: true\n---\n";
        let v1 = r#"{"schema_version":"1.2.1","result":{"name":"ubuntu","label":"Ubuntu","category":"os","releases":[
            {"name":"22.04","codename":"Jammy Jellyfish","releaseDate":"2022-04-21","isLts":true,"ltsFrom":null,"isEoas":false,"eoasFrom":"2027-06-01","isEol":false,"eolFrom":"2032-04-09","latest":null},
            {"name":"14.04","codename":null,"releaseDate":"2014-04-17","isLts":false,"ltsFrom":null,"isEoas":true,"eoasFrom":null,"isEol":true,"eolFrom":null,"latest":null}]}}"#;
        let v0 = r#"[{"cycle":"22.04","codename":"Jammy Jellyfish","releaseDate":"2022-04-21","lts":true,"support":"2027-06-01","eol":"2032-04-09"},
            {"cycle":"14.04","releaseDate":"2014-04-17","lts":false,"support":false,"eol":true}]"#;
        let a = read(Path::new("products/ubuntu.md"), md).unwrap();
        let b = read(Path::new("ubuntu-v1.json"), v1).unwrap();
        let c = read(Path::new("ubuntu.json"), v0).unwrap();
        for p in [&a, &b, &c] {
            assert_eq!(p.cycles.len(), 2);
            let (new, old) = (&p.cycles[0].values, &p.cycles[1].values);
            assert_eq!(p.cycles[0].name, "22.04");
            assert_eq!(new.released, Some(d("2022-04-21")));
            assert_eq!(new.eoas, Some(Mark::Date(d("2027-06-01"))));
            assert_eq!(new.eol, Some(Mark::Date(d("2032-04-09"))));
            assert_eq!(new.lts, Some(Mark::True));
            assert_eq!(new.codename.as_deref(), Some("Jammy Jellyfish"));
            assert_eq!(
                (old.eoas, old.eol, old.lts),
                (Some(Mark::True), Some(Mark::True), None)
            );
        }
        assert_eq!(a.name, "ubuntu");
        assert_eq!(b.name, "ubuntu");
        assert_eq!(c.name, "ubuntu");
        assert_eq!(a.cycles[0].pos, Some(Pos::new(5, 19)));
    }

    #[test]
    fn a_wrong_value_is_positioned() {
        let md = "---\ntitle: X\nreleases:\n  - releaseCycle: \"1\"\n    eol: soon\n---\n";
        let e = read(Path::new("x.md"), md).unwrap_err();
        assert_eq!((e.line, e.column), (Some(5), Some(10)));
        let e = read(
            Path::new("x.json"),
            "[{\"cycle\": \"1\",\n \"eol\": \"soon\"}]",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(2));
    }
}
