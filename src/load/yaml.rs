//! YAML parsing with serde-saphyr: errors become positioned diagnostics, scalars keep their source text.

use crate::diagnostics::{Code, Diagnostic, Pos};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, Location, Options, Spanned};
use std::fmt;
use std::path::Path;

/// A YAML scalar as written: its text, and whether it was a string (quoted or plain text)
/// or something YAML resolved to a number or boolean. `3.10` unquoted is the number 3.1,
/// so versions must know the difference to tell the user to quote them.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    pub text: String,
    pub is_string: bool,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                self.visit_string(v.to_string())
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                // Versions and dates are single-line values (load/text.rs).
                if let Some(c) = super::text::bad_in_line(&v) {
                    return Err(E::custom(format!(
                        "{} U+{:04X} in a single-line value: remove it",
                        super::text::REFUSED,
                        c as u32
                    )));
                }
                Ok(Scalar {
                    text: v,
                    is_string: true,
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: v.to_string(),
                    is_string: false,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: v.to_string(),
                    is_string: false,
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: v.to_string(),
                    is_string: false,
                })
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: v.to_string(),
                    is_string: false,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// The 1-based position where a spanned value starts.
pub fn pos_of<T>(s: &Spanned<T>) -> Pos {
    loc_pos(&s.referenced)
}

fn loc_pos(l: &Location) -> Pos {
    Pos::new(
        u32::try_from(l.line()).unwrap_or(u32::MAX),
        u32::try_from(l.column()).unwrap_or(u32::MAX),
    )
}

/// The exact source text of a spanned value (e.g. `3.10` as typed, not the float 3.1).
pub fn source_text<'a, T>(src: &'a str, s: &Spanned<T>) -> Option<&'a str> {
    let span = s.referenced.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    src.get(start..start + len)
}

/// Parse a YAML document into `T`. `line_offset` shifts reported lines, for front matter
/// that starts below line 1 of its file. Errors carry the file, line and column.
pub fn parse<T: for<'de> Deserialize<'de>>(
    src: &str,
    file: &Path,
    line_offset: u32,
) -> Result<T, Diagnostic> {
    let mut opts = Options::default();
    opts.with_snippet = false;
    opts.duplicate_keys = DuplicateKeyPolicy::Error;
    serde_saphyr::from_str_with_options::<T>(src, opts).map_err(|e| {
        let (code, message) = classify(&e.to_string());
        let pos = e.location().map(|l| {
            let mut p = loc_pos(&l);
            if code == Code::MissingField {
                p = mapping_start(src, p);
            }
            Pos::new(p.line.saturating_add(line_offset), p.column)
        });
        Diagnostic::new(code, message).in_file(file).at(pos)
    })
}

/// serde-saphyr places a missing field at the last key it read of the mapping that lacks
/// it (`components:` for a release without `released:`); the user looks for the mapping
/// itself. Walk up a block mapping from its key at `at` to its first key.
fn mapping_start(src: &str, at: Pos) -> Pos {
    let lines: Vec<&str> = src.lines().collect();
    let col = at.column as usize;
    let Some(line) = (at.line as usize).checked_sub(1).and_then(|i| lines.get(i)) else {
        return at;
    };
    // `prefix` is what stands before a key on its line: indentation, and `- ` for a mapping
    // that is a sequence item (whose first key it is).
    let prefix = |l: &str| l.chars().take(col.saturating_sub(1)).collect::<String>();
    let is_indent = |p: &str| p.len() + 1 == col && p.chars().all(|c| c == ' ');
    let is_item = |p: &str| {
        p.len() + 1 == col && p.ends_with("- ") && p.chars().all(|c| c == ' ' || c == '-')
    };
    if !is_indent(&prefix(line)) {
        return at; // a flow mapping, or already the first key of a sequence item
    }
    let mut start = at;
    for i in (0..at.line as usize - 1).rev() {
        let l = lines[i];
        let text = l.trim_start_matches(' ');
        if text.is_empty() || text.starts_with('#') || l.len() - text.len() >= col {
            continue; // blank, comment, or nested deeper than the mapping
        }
        let p = prefix(l);
        if is_indent(&p) {
            start = Pos::new(i as u32 + 1, at.column);
        } else {
            if is_item(&p) {
                start = Pos::new(i as u32 + 1, at.column);
            }
            break;
        }
    }
    start
}

/// Map serde-saphyr's message to our code and a message without its position suffix.
fn classify(raw: &str) -> (Code, String) {
    // serde-saphyr appends " at line N, column M"; the position is reported separately.
    let msg = match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    if msg.contains("unknown field") {
        let msg = msg.replace(", expected one of ", "; the allowed fields are: ");
        (Code::UnknownField, msg)
    } else if msg.starts_with("missing field") {
        (Code::MissingField, msg.to_string())
    } else if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest);
        (Code::InvalidYaml, format!("duplicate key `{key}`"))
    } else if msg.contains(super::text::REFUSED) {
        let at = msg.find(super::text::REFUSED).unwrap_or(0);
        (Code::BadText, msg[at..].to_string())
    } else if msg.starts_with("unexpected end of input") {
        (
            Code::InvalidYaml,
            "the file is empty: expected a YAML mapping".to_string(),
        )
    } else {
        (Code::InvalidYaml, format!("invalid YAML: {msg}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        version: Spanned<Scalar>,
        name: String,
    }

    #[test]
    fn unknown_field_has_position_and_allowed_fields() {
        let e =
            parse::<Doc>("version: 1.0.0\nname: x\nnmae: y\n", Path::new("a.yaml"), 0).unwrap_err();
        assert_eq!(e.code, Code::UnknownField);
        assert_eq!((e.line, e.column), (Some(3), Some(1)));
        assert!(e.message.contains("`nmae`"), "{}", e.message);
        assert!(e.message.contains("version, name"), "{}", e.message);
    }

    #[test]
    fn line_offset_shifts_lines() {
        let e = parse::<Doc>("version: 1.0.0\n", Path::new("a.md"), 1).unwrap_err();
        assert_eq!(e.code, Code::MissingField);
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn a_missing_field_is_reported_at_the_first_key_of_its_mapping() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Entry {
            version: String,
            eos: Option<String>,
            supported: Option<String>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Release {
            version: String,
            released: String,
            summary: Option<String>,
            components: Option<Vec<String>>,
            versions: Option<Vec<Entry>>,
        }
        let at = |src: &str, offset| {
            let e = parse::<Release>(src, Path::new("a.yaml"), offset).unwrap_err();
            assert_eq!(e.code, Code::MissingField, "{}", e.message);
            (e.line.unwrap(), e.column.unwrap())
        };
        // serde-saphyr would say 4:1, `components:`, the last key it read.
        let release = "# comment\nversion: 1.0.0\nsummary: s\ncomponents:\n  - a\n";
        assert_eq!(at(release, 0), (2, 1));
        assert_eq!(at(release, 3), (5, 1), "front matter keeps its line offset");
        let item = "version: 1\nreleased: x\nversions:\n  - version: a\n    eos: b\n  - eos: c\n\n    # note\n    supported: d\n";
        assert_eq!(
            at(item, 0),
            (6, 5),
            "the sequence item that lacks `version`"
        );
        let flow = "version: 1\nreleased: x\nversions: [{ eos: a }]\n";
        assert_eq!(
            at(flow, 0).0,
            3,
            "a flow mapping keeps serde-saphyr's position"
        );
    }

    #[test]
    fn numbers_keep_their_source_text() {
        let src = "version: 3.10\nname: x\n";
        let d = parse::<Doc>(src, Path::new("a.yaml"), 0).unwrap();
        assert!(!d.version.value.is_string);
        assert_eq!(source_text(src, &d.version), Some("3.10"));
        assert_eq!(pos_of(&d.version), Pos::new(1, 10));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let e =
            parse::<Doc>("version: 1\nversion: 2\nname: x\n", Path::new("a.yaml"), 0).unwrap_err();
        assert_eq!(e.code, Code::InvalidYaml);
        assert_eq!(e.message, "duplicate key `version`");
    }
}
