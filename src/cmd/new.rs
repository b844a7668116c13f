//! `lifecycle new`: write a small working site to start from.

use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// Directory to create (must not exist or be empty).
    pub dir: PathBuf,
    /// The product name the site documents.
    #[arg(long, default_value = "Example SDK")]
    pub product: String,
    /// Also write the default templates and theme assets, for customising.
    #[arg(long)]
    pub with_templates: bool,
}

/// Returns the exit code: 0 written, 1 a write failed, 2 DIR is not empty or the product
/// name is unusable (usage errors: nothing was written).
pub fn run(args: &NewArgs) -> i32 {
    let mut err = super::stderr();
    match run_to(args, &mut err) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "error: {e:#}");
            1
        }
    }
}

fn run_to(args: &NewArgs, err: &mut dyn Write) -> anyhow::Result<i32> {
    let product = args.product.trim();
    if product.is_empty() || product.chars().any(char::is_control) {
        writeln!(
            err,
            "error: --product must be a non-empty name on one line, got {:?}",
            args.product
        )?;
        return Ok(2);
    }
    let dir = &args.dir;
    if let Some(why) = refuse_reason(dir) {
        writeln!(err, "error: {why}; choose a new or empty directory")?;
        return Ok(2);
    }
    let mut files: Vec<(String, Vec<u8>)> = site_files(product)
        .into_iter()
        .map(|(path, text)| (path.to_string(), text.into_bytes()))
        .collect();
    if args.with_templates {
        files.extend(
            crate::render::theme::default_files()
                .into_iter()
                .map(|(name, bytes)| (format!("templates/{name}"), bytes)),
        );
    }
    for (rel, bytes) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    let shown = dir.display();
    writeln!(
        err,
        "created a new {product} site in {shown} ({} files{})\n\n\
         next steps:\n  \
         lifecycle serve --site {shown}     preview it at http://127.0.0.1:1111/ with live reload\n  \
         lifecycle check --site {shown}     check the data and the policy\n  \
         lifecycle build --site {shown}     write the site into {shown}/public\n\n\
         Set base_url in {shown}/site.yaml to where the site will be published.",
        files.len(),
        if args.with_templates {
            ", with the default templates in templates/"
        } else {
            ""
        },
    )?;
    Ok(0)
}

/// Why `new` must not write into `dir`, if it must not: it holds files (a user's work that a
/// new site would mix with), or it is not a directory.
fn refuse_reason(dir: &Path) -> Option<String> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => entries
            .next()
            .is_some()
            .then(|| format!("{} is not empty", dir.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(_) if dir.exists() => Some(format!("{} exists and is not a directory", dir.display())),
        Err(e) => Some(format!("cannot read {}: {e}", dir.display())),
    }
}

/// A YAML scalar holding `s` exactly: a JSON string is a valid YAML double-quoted scalar.
fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// `s` as literal Markdown text: every ASCII punctuation character backslash-escaped, so a
/// product such as `C++ {{SDK}}` neither formats nor reads as a shortcode.
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The starter site. Dates are fixed (not relative to today), so the site checks the same
/// way on every day; `lifecycle` computes each version's phase as of the day it builds.
/// It passes `check` with no warning: 1.0.0 had 15 months of support and 3 months' notice,
/// as the policy in site.yaml asks.
pub fn site_files(product: &str) -> Vec<(&'static str, String)> {
    let p_yaml = yaml_str(product);
    let p_md = md_text(product);
    let title = yaml_str(&format!("{product} support lifecycle"));
    let description = yaml_str(&format!(
        "Maintenance policy, release content and end-of-support announcements for {product}."
    ));
    let policy_description = yaml_str(&format!(
        "How long each {product} version is supported and how its end of support is announced."
    ));
    let announcement_title = yaml_str(&format!("End of support for {product} 1.0.0"));
    vec![
        (
            "site.yaml",
            format!(
                r#"# Site configuration. Every field is described in the lifecycle README; unknown
# fields are errors, so a typo never passes silently.

title: {title}
product: {p_yaml}       # the product name used in tables, feeds and badges
# Where the site will be published. Its path part (e.g. /lifecycle/ in
# https://owner.github.io/lifecycle/) is the prefix of every internal link.
# `lifecycle serve` ignores it and serves at http://127.0.0.1:1111/.
base_url: https://example.com/
description: {description}
language: en

# Phases are computed as of --as-of YYYY-MM-DD, else `as_of` here, else
# SOURCE_DATE_EPOCH, else today (UTC). Leave `as_of` out for daily rebuilds.
# as_of: 2025-06-01

# Policy findings (support or notice shorter than below) are warnings, errors when true.
strict: false

# The maintenance policy as numbers. When it changes, make this a list of revisions,
# each with an `effective:` date (see the README).
policy:
  sdk: {{ min_support_months: 12, min_notice_months: 3 }}
  dependency: {{ min_notice_months: 1 }}

# Display order and labels of the dependency kinds; every dependency's `kind` is a key.
dependency_kinds:
  os: Operating system
  runtime: Language runtime
  framework: Third party library / framework
"#
            ),
        ),
        (
            "content/index.md",
            format!(
                r#"---
title: {title}
---
This site tracks the support lifecycle of every {p_md} release and of the software it ships with. Each version is Supported, End-of-Support Announced, in Maintenance (dependencies only) or at End-of-Support, as the [maintenance policy](/policy/) defines. See [all releases](/releases/), the [dependency software](/dependencies/) and the [announcements](/announcements/), or subscribe to the [RSS](/rss.xml) or [Atom](/atom.xml) feed or the [calendar](/eos.ics).
"#
            ),
        ),
        (
            "content/policy.md",
            format!(
                r#"---
title: Maintenance policy
description: {policy_description}
weight: 1
---
## {p_md} versions

Each {p_md} version is supported for at least 12 months after its release. Its End-of-Support is announced at least 3 months in advance: from the announcement until its End-of-Support date, a version is in the End-of-Support Announced phase.

{{{{ sdk_table() }}}}

## Dependency software

{p_md} ships with operating systems, language runtimes and frameworks whose own vendors set their support schedules. A dependency version's End-of-Support (or Maintenance) is announced at least one month in advance.

{{{{ dependency_table(kind="runtime") }}}}

{{{{ dependency_table(kind="os") }}}}

## Announcements

End-of-Support dates are published on the [announcements](/announcements/) page and in the RSS, Atom and iCalendar feeds.
"#,
            ),
        ),
        (
            "content/releases/1.0.0.yaml",
            r#"version: 1.0.0
released: 2024-01-15
eos_announced: 2025-01-15    # when its end of support was announced
eos: 2025-04-15              # its last day of support is the day before
summary: First release.
whats_new: |
  - First release, for Python 3.10 on Ubuntu 22.04.
components:                  # the dependency versions this release ships with
  python: ["3.10"]
  ubuntu: ["22.04"]
"#
            .to_string(),
        ),
        (
            "content/releases/1.1.0.yaml",
            r#"version: 1.1.0
released: 2025-01-15
summary: Python 3.12 and Ubuntu 24.04.
whats_new: |
  - Support for [Python](/dependencies/python/) 3.12 and [Ubuntu](/dependencies/ubuntu/) 24.04.
components:
  python: ["3.12", "3.10"]
  ubuntu: ["24.04", "22.04"]
"#
            .to_string(),
        ),
        (
            "content/dependencies/python.yaml",
            r#"name: Python
kind: runtime
homepage: https://www.python.org
versions:
  # Quote versions: YAML reads 3.10 as the number 3.1.
  - version: "3.10"
    supported: 2024-01-15
    announced: 2025-01-15
    eos: 2025-10-31
  - version: "3.12"
    supported: 2025-01-15
"#
            .to_string(),
        ),
        (
            "content/dependencies/ubuntu.yaml",
            r#"name: Ubuntu
kind: os
homepage: https://ubuntu.com
versions:
  - version: "22.04"
    supported: 2024-01-15
  - version: "24.04"
    supported: 2025-01-15
"#
            .to_string(),
        ),
        (
            "content/announcements/2025-01-15-end-of-support-1-0-0.md",
            format!(
                r#"---
title: {announcement_title}
date: 2025-01-15
affects:
  - {{ sdk: 1.0.0 }}
eos: 2025-04-15
---
{p_md} 1.0.0 reaches End-of-Support on **2025-04-15**. From that date it gets no more fixes or security updates.

Upgrade to [{p_md} 1.1.0](/releases/1.1.0/), which also supports Python 3.12 and Ubuntu 24.04.
"#
            ),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_escapes_shortcode_braces_and_emphasis() {
        assert_eq!(md_text("C++ {{x}} *y*"), r"C\+\+ \{\{x\}\} \*y\*");
    }

    #[test]
    fn yaml_strings_are_quoted_exactly() {
        assert_eq!(yaml_str("a: b # c"), r#""a: b # c""#);
    }
}
