//! Splits a Markdown file into its YAML front matter and body, keeping line numbers.

/// A Markdown file cut in two. Lines are 1-based positions in the whole file.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    /// The YAML between the `---` fences, if the file has front matter.
    pub yaml: Option<&'a str>,
    /// Lines before the YAML block (the opening fence): added to YAML error lines.
    pub yaml_line_offset: u32,
    pub body: &'a str,
    /// The file line on which `body` starts.
    pub body_line: u32,
}

/// Front matter is a `---` line at the very top and the next `---` line (Zola, Hugo, Jekyll).
/// Returns `Err` with a hint when the top fence is there but the closing one is not.
pub fn split(text: &str) -> Result<Split<'_>, &'static str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Ok(Split {
            yaml: None,
            yaml_line_offset: 0,
            body: text,
            body_line: 1,
        });
    }
    let mut offset = first_end;
    let mut line = 2u32;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if text[offset..end].trim_end() == "---" {
            return Ok(Split {
                yaml: Some(&text[first_end..offset]),
                yaml_line_offset: 1,
                body: &text[end..],
                body_line: line + 1,
            });
        }
        offset = end;
        line += 1;
    }
    Err("the front matter opened with `---` on line 1 is never closed: add a `---` line after it")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, Some("title: x\n"));
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
        assert_eq!(s.yaml_line_offset, 1);
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("# Hi\n").unwrap();
        assert_eq!(s.yaml, None);
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split("---\ntitle: x\nbody\n").is_err());
    }
}
