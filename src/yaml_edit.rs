//! Line-level edits of YAML data files: set one key of one block mapping and leave every other
//! line (comments, order, quoting) exactly as the author wrote it. Re-serialising would not.

/// A block mapping inside a file: the lines it spans and the column its keys start at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// First line (0-based), inclusive.
    pub start: usize,
    /// Last line (0-based), exclusive.
    pub end: usize,
    /// Column (0-based) at which its keys start.
    pub indent: usize,
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The top-level mapping of a document.
pub fn top_level(lines: &[String]) -> Mapping {
    Mapping {
        start: 0,
        end: lines.len(),
        indent: 0,
    }
}

/// The list item mapping that holds the key written at `line` (0-based), e.g. the
/// `version:` of `  - version: "2.1"`. `None` for flow style (`- { version: ... }`).
pub fn item_at(lines: &[String], line: usize, key: &str) -> Option<Mapping> {
    let text = lines.get(line)?;
    let col = text.find(&format!("{key}:"))?;
    if text[..col].contains('{') {
        return None;
    }
    // Walk up to the item's dash (the key may not be the item's first).
    let mut start = line;
    while !lines[start][..col.min(lines[start].len())]
        .trim_end()
        .ends_with('-')
    {
        if start == 0 {
            return None;
        }
        start -= 1;
        if !is_blank_or_comment(&lines[start]) && indentation(&lines[start]) < col.saturating_sub(2)
        {
            return None;
        }
    }
    let mut end = line + 1;
    while end < lines.len() && (is_blank_or_comment(&lines[end]) || indentation(&lines[end]) >= col)
    {
        end += 1;
    }
    Some(Mapping {
        start,
        end,
        indent: col,
    })
}

/// The line (0-based) of `key:` in the mapping, if present.
fn find_key(lines: &[String], m: Mapping, key: &str) -> Option<usize> {
    (m.start..m.end).find(|&i| {
        let l = &lines[i];
        // The dash line of an item: `  - key:`, key at `indent`.
        l.len() > m.indent
            && l[m.indent..].starts_with(&format!("{key}:"))
            && l[..m.indent].trim_matches([' ', '-']).is_empty()
    })
}

/// Set `key: value` in mapping `m`. An existing line keeps its trailing comment; a new line
/// goes after the last present key of `after` (in that order of preference), else at the end.
pub fn set(lines: &mut Vec<String>, m: Mapping, key: &str, value: &str, after: &[&str]) {
    if let Some(i) = find_key(lines, m, key) {
        let line = &lines[i];
        let value_start = m.indent + key.len() + 1;
        let rest = &line[value_start..];
        let comment = rest
            .find(" #")
            .map(|c| rest[c..].to_string())
            .unwrap_or_default();
        lines[i] = format!("{}{key}: {value}{comment}", &line[..m.indent]);
        return;
    }
    let anchor = after.iter().find_map(|k| find_key(lines, m, k));
    let at = anchor.map_or(m.end, |i| i + 1);
    lines.insert(at, format!("{}{key}: {value}", " ".repeat(m.indent)));
}

/// Remove the lines that continue `key:`'s value in `m` (a block mapping or list below
/// it, or a flow mapping spread over lines), leaving the `key:` line for `set` to replace.
pub fn remove_block_value(lines: &mut Vec<String>, m: Mapping, key: &str) {
    let Some(i) = find_key(lines, m, key) else {
        return;
    };
    let mut end = i + 1;
    while end < m.end.min(lines.len())
        && (lines[end].trim().is_empty() || indentation(&lines[end]) > m.indent)
    {
        end += 1;
    }
    // Blank lines after the value separate it from what follows: they stay.
    while end > i + 1 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    lines.drain(i + 1..end);
}

/// Split a file into lines for editing, and join them back with its own line ending.
pub fn split(text: &str) -> (Vec<String>, &'static str) {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    (text.lines().map(str::to_string).collect(), eol)
}

pub fn join(lines: &[String], eol: &str) -> String {
    let mut s = lines.join(eol);
    s.push_str(eol);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        split(s).0
    }

    #[test]
    fn replaces_a_top_level_value_and_keeps_its_comment() {
        let mut l = lines(
            "version: 1.0.0\nreleased: 2024-01-01\neos: 2025-01-01 # agreed\nwhats_new: |\n  eos: not a key\n",
        );
        let m = top_level(&l);
        set(&mut l, m, "eos", "2025-06-30", &[]);
        set(&mut l, m, "eos_announced", "2025-03-01", &["released"]);
        assert_eq!(
            join(&l, "\n"),
            "version: 1.0.0\nreleased: 2024-01-01\neos_announced: 2025-03-01\neos: 2025-06-30 # agreed\nwhats_new: |\n  eos: not a key\n"
        );
    }

    #[test]
    fn edits_one_list_item_only() {
        let src = "name: X\nversions:\n  - version: \"3.9\"\n    supported: 2020-01-01\n  # comment\n  - version: \"3.10\"\n    supported: 2021-01-01\n    eos: 2026-01-01\n";
        let mut l = lines(src);
        let m = item_at(&l, 2, "version").unwrap();
        assert_eq!((m.start, m.end, m.indent), (2, 5, 4));
        set(
            &mut l,
            m,
            "announced",
            "2025-01-01",
            &["supported", "version"],
        );
        set(
            &mut l,
            m,
            "eos",
            "2025-06-01",
            &["maintenance", "announced"],
        );
        assert_eq!(
            join(&l, "\n"),
            "name: X\nversions:\n  - version: \"3.9\"\n    supported: 2020-01-01\n    announced: 2025-01-01\n    eos: 2025-06-01\n  # comment\n  - version: \"3.10\"\n    supported: 2021-01-01\n    eos: 2026-01-01\n"
        );
    }

    #[test]
    fn a_block_value_is_replaced_whole() {
        let src = "versions:\n  - version: \"1\"\n    upstream:\n      released: 2020-01-01\n      eol: true\n    eos: 2021-01-01\n\n  - version: \"2\"\n";
        let mut l = lines(src);
        let m = item_at(&l, 1, "version").unwrap();
        remove_block_value(&mut l, m, "upstream");
        let m = item_at(&l, 1, "version").unwrap();
        set(&mut l, m, "upstream", "{ eol: true }", &[]);
        assert_eq!(
            join(&l, "\n"),
            "versions:\n  - version: \"1\"\n    upstream: { eol: true }\n    eos: 2021-01-01\n\n  - version: \"2\"\n"
        );
    }

    #[test]
    fn flow_items_are_not_edited() {
        let l = lines("versions:\n  - { version: \"1\", eos: 2020-01-01 }\n");
        assert_eq!(item_at(&l, 1, "version"), None);
    }
}
