//! How diagnostics and counts are printed for people: the one home of the wording every
//! command (`check`, `build`, `serve`, `publish`) shares.

use super::Diagnostic;
use std::io::Write;

/// `2 errors, 1 warning`.
pub fn counts(errors: usize, warnings: usize) -> String {
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// `1 release`, `2 releases`, `3 dependencies`.
pub fn plural(n: usize, word: &str) -> String {
    match (n, word.strip_suffix('y')) {
        (1, _) => format!("{n} {word}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

/// Every diagnostic, compiler-style, each followed by a blank line.
pub fn print_human(list: &[Diagnostic], err: &mut dyn Write) -> std::io::Result<()> {
    for d in list {
        writeln!(err, "{d}\n")?;
    }
    Ok(())
}

/// An error and its causes on one line, without repeating a cause the message already
/// quotes (Tera and object_store embed their source in their message).
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        let m = s.to_string();
        if !msg.contains(&m) {
            msg.push_str(": ");
            msg.push_str(&m);
        }
        cur = s.source();
    }
    msg
}
