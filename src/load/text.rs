//! Text values of the input files, checked as they are read: a single-line field (titles,
//! names, versions, ids, summaries) holds no control character at all, and no text holds a
//! character XML 1.0 cannot carry (U+0000-U+001F but tab and line breaks, U+FFFE, U+FFFF) or
//! a C1 control or DEL (a terminal would act on them). Rejected here, with the value's line
//! and column (E026), such a string never reaches a feed, a calendar, an SVG or a terminal.
//! The writers filter again at their boundary (`render::formats::xml_text`).

use serde::de::{self, Deserialize, Deserializer};
use std::fmt;
use std::ops::Deref;

/// What the error message of a refused value starts with (`yaml::classify` maps it to E026).
pub const REFUSED: &str = "text with a control character";

/// The first character a single-line value may not hold, if any.
pub fn bad_in_line(s: &str) -> Option<char> {
    // Most values are printable ASCII: one pass over the bytes (which the compiler
    // vectorises) settles those; anything else is looked at character by character.
    if s.bytes().all(|b| matches!(b, 0x20..=0x7e)) {
        return None;
    }
    s.chars().find(|&c| c.is_control() || !xml_char(c))
}

/// The first character a multi-line value may not hold: as a line, but tabs and line breaks
/// are allowed.
pub fn bad_in_text(s: &str) -> Option<char> {
    // As in `bad_in_line`: the release notes of a large site are megabytes of ASCII.
    if s.bytes()
        .all(|b| matches!(b, b'\t' | b'\n' | b'\r' | 0x20..=0x7e))
    {
        return None;
    }
    s.chars()
        .find(|&c| !matches!(c, '\t' | '\n' | '\r') && (c.is_control() || !xml_char(c)))
}

/// A character XML 1.0 allows (its `Char` production).
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn refuse<E: de::Error>(c: char, what: &str) -> E {
    E::custom(format!(
        "{REFUSED} U+{:04X} in a {what}: remove it (write the text without escapes such as \\e or \\x01)",
        c as u32
    ))
}

/// A single-line text value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Line(pub String);

/// A multi-line text value (Markdown, notices, descriptions).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Line {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match bad_in_line(&s) {
            Some(c) => Err(refuse(c, "single-line value")),
            None => Ok(Line(s)),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match bad_in_text(&s) {
            Some(c) => Err(refuse(c, "text value")),
            None => Ok(Text(s)),
        }
    }
}

impl Deref for Line {
    type Target = String;
    fn deref(&self) -> &String {
        &self.0
    }
}

impl Deref for Text {
    type Target = String;
    fn deref(&self) -> &String {
        &self.0
    }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Line {
    fn borrow(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_refuse_controls_and_non_xml_characters() {
        assert_eq!(bad_in_line("Neuron SDK 2.21"), None);
        assert_eq!(bad_in_line("a\u{1b}[2K"), Some('\u{1b}'));
        assert_eq!(bad_in_line("a\r\nb"), Some('\r'));
        assert_eq!(bad_in_line("a\u{FFFE}"), Some('\u{FFFE}'));
        assert_eq!(bad_in_line("a\u{9b}"), Some('\u{9b}'));
        assert_eq!(bad_in_text("a\nb\tc"), None);
        assert_eq!(bad_in_text("a\u{1}b"), Some('\u{1}'));
        assert_eq!(
            bad_in_text("a\u{7f}b"),
            Some('\u{7f}'),
            "DEL is ASCII but refused"
        );
        assert_eq!(
            bad_in_line("café"),
            None,
            "non-ASCII text takes the character path"
        );
        assert_eq!(bad_in_text("é\u{85}"), Some('\u{85}'));
    }
}
