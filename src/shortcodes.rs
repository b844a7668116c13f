//! Shortcodes: `{{ name(arg=value) }}` calls in Markdown that embed live tables.
//! Found outside code spans and blocks only; unknown names or arguments are errors.

use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::model::Config;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Str(String),
    Int(i64),
}

/// One shortcode call in a Markdown body.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: BTreeMap<String, Arg>,
    /// Byte range of `{{ ... }}` in the body.
    pub range: Range<usize>,
}

/// The shortcodes that exist, with their arguments and types.
pub const KNOWN: [(&str, &[(&str, ArgType)]); 4] = [
    ("sdk_table", &[]),
    ("dependency_table", &[("kind", ArgType::Str)]),
    ("upcoming_eos", &[("days", ArgType::Int)]),
    ("timeline", &[]),
];

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ArgType {
    Str,
    Int,
}

/// Byte ranges of code spans and code blocks, where `{{` is literal text.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    Parser::new_ext(body, Options::all())
        .into_offset_iter()
        .filter_map(|(ev, r)| match ev {
            Event::Code(_)
            | Event::Start(Tag::CodeBlock(_))
            | Event::Html(_)
            | Event::InlineHtml(_) => Some(r),
            _ => None,
        })
        .collect()
}

/// Whether `body` may call a shortcode: without `{{` it certainly does not (then its
/// rendering depends on its text alone, which `serve`'s memo relies on).
pub fn may_call(body: &str) -> bool {
    body.contains("{{")
}

/// Every shortcode in `body`: `Ok` calls and `Err((offset, message))` for malformed ones.
pub fn find(body: &str) -> Vec<Result<Call, (usize, String)>> {
    // Most bodies have no shortcode: skip the Markdown parse that finds code ranges.
    if !may_call(body) {
        return Vec::new();
    }
    let code = code_ranges(body);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = body[from..].find("{{") {
        let start = from + i;
        from = start + 2;
        if code.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let inner_start = start + 2;
        let rest = &body[inner_start..];
        let trimmed = rest.trim_start();
        let name_len = trimmed
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(trimmed.len());
        let after_name = trimmed[name_len..].trim_start();
        // Only `{{ ident(` or `{{ ident }}` count as shortcode attempts; other braces are text.
        if name_len == 0 || !(after_name.starts_with('(') || after_name.starts_with("}}")) {
            continue;
        }
        let Some(close) = rest.find("}}") else {
            out.push(Err((
                start,
                "shortcode is not closed with `}}`".to_string(),
            )));
            break;
        };
        let end = inner_start + close + 2;
        from = end;
        out.push(
            parse_call(&body[inner_start..inner_start + close], start..end).map_err(|m| (start, m)),
        );
    }
    out
}

fn parse_call(inner: &str, range: Range<usize>) -> Result<Call, String> {
    let inner = inner.trim();
    let (name, args) = match inner.find('(') {
        Some(i) if inner.ends_with(')') => (inner[..i].trim(), &inner[i + 1..inner.len() - 1]),
        _ => {
            return Err(format!(
                "`{inner}` is not a shortcode call: write it as `{{{{ name() }}}}`, e.g. `{{{{ sdk_table() }}}}`"
            ));
        }
    };
    let mut map = BTreeMap::new();
    for part in split_args(args)? {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("argument `{part}` of {name}() must be written as key=value"))?;
        let (k, v) = (k.trim(), v.trim());
        let value = if let Some(s) = v.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            Arg::Str(s.to_string())
        } else if let Some(s) = v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
            Arg::Str(s.to_string())
        } else if let Ok(n) = v.parse::<i64>() {
            Arg::Int(n)
        } else {
            return Err(format!(
                "value `{v}` of `{k}` must be a quoted string or a whole number"
            ));
        };
        if map.insert(k.to_string(), value).is_some() {
            return Err(format!("argument `{k}` is given twice"));
        }
    }
    Ok(Call {
        name: name.to_string(),
        args: map,
        range,
    })
}

/// Split on commas outside quotes.
fn split_args(s: &str) -> Result<Vec<&str>, String> {
    let mut parts = Vec::new();
    let mut quote = None;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ',') => {
                parts.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    if quote.is_some() {
        return Err("a quoted argument is not closed".into());
    }
    let last = s[start..].trim();
    if !last.is_empty() || !parts.is_empty() {
        parts.push(last);
    }
    Ok(parts)
}

/// Check a call against `KNOWN` and the site's configuration.
pub fn check_call(call: &Call, config: &Config) -> Result<(), String> {
    let Some((_, params)) = KNOWN.iter().find(|(n, _)| *n == call.name) else {
        let names: Vec<_> = KNOWN.iter().map(|(n, _)| format!("{n}()")).collect();
        return Err(format!(
            "unknown shortcode `{}`; the shortcodes are: {}",
            call.name,
            names.join(", ")
        ));
    };
    for (k, v) in &call.args {
        let Some((_, ty)) = params.iter().find(|(p, _)| p == k) else {
            let allowed = if params.is_empty() {
                "it takes no arguments".to_string()
            } else {
                format!(
                    "its arguments are: {}",
                    params
                        .iter()
                        .map(|(p, _)| *p)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            return Err(format!(
                "unknown argument `{k}` for {}(); {allowed}",
                call.name
            ));
        };
        match (ty, v) {
            (ArgType::Str, Arg::Str(s))
                if k == "kind" && !config.kinds.iter().any(|(key, _)| key == s) =>
            {
                return Err(format!(
                    "unknown dependency kind `{s}`; the kinds are: {}",
                    config
                        .kinds
                        .iter()
                        .map(|(k, _)| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            (ArgType::Int, Arg::Int(n)) if *n < 0 => {
                return Err(format!("`{k}` must not be negative"));
            }
            (ArgType::Str, Arg::Str(_)) | (ArgType::Int, Arg::Int(_)) => {}
            (ArgType::Str, _) => return Err(format!("`{k}` must be a quoted string")),
            (ArgType::Int, _) => return Err(format!("`{k}` must be a whole number")),
        }
    }
    Ok(())
}

/// Position of byte `offset` of a body that starts on file line `body_line`.
pub fn pos_in(body: &str, body_line: u32, offset: usize) -> Pos {
    let before = &body[..offset.min(body.len())];
    let line = before.matches('\n').count() as u32;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    Pos::new(body_line + line, col)
}

/// Report every malformed or unknown shortcode of a Markdown body.
pub fn check(body: &str, body_line: u32, file: &Path, config: &Config, diags: &mut Diagnostics) {
    for found in find(body) {
        let (offset, msg) = match found {
            Ok(call) => match check_call(&call, config) {
                Ok(()) => continue,
                Err(m) => (call.range.start, m),
            },
            Err(e) => e,
        };
        diags.report(
            Code::BadShortcode,
            msg,
            file,
            Some(pos_in(body, body_line, offset)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_calls_outside_code() {
        let body = "Intro\n\n{{ sdk_table() }}\n\n`{{ timeline() }}`\n\n```\n{{ nope() }}\n```\n{{ dependency_table(kind=\"os\") }}\n";
        let calls: Vec<_> = find(body).into_iter().map(|c| c.unwrap()).collect();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "sdk_table");
        assert_eq!(calls[1].args.get("kind"), Some(&Arg::Str("os".into())));
        assert_eq!(pos_in(body, 5, calls[1].range.start), Pos::new(14, 1));
    }

    #[test]
    fn plain_braces_are_text() {
        assert!(find("a {{ not a call }} b").is_empty());
    }

    #[test]
    fn malformed_args_are_errors() {
        let r = find("{{ upcoming_eos(days=soon) }}");
        assert!(r[0].is_err());
    }
}
