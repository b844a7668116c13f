//! A `Product` into a dependency file: a new `content/dependencies/<id>.yaml`, or line
//! edits of the existing one that touch only `upstream:` lines (comments, order and the
//! vendor's own fields stay byte for byte). Pure: text in, text and a report out.

use super::{Mark, Product, Values};
use crate::load::raw::{DependencyFile, UpstreamFile};
use crate::load::yaml::{Scalar, pos_of};
use crate::validate::{cycle_name_of, is_cycle_name, is_id};
use crate::yaml_edit;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};

impl Values {
    /// The fields in the order `upstream:` writes them, each as YAML text.
    fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        let mark = |m: Option<Mark>| {
            m.map(|m| match m {
                Mark::Date(d) => d.to_string(),
                Mark::True => "true".to_string(),
            })
        };
        vec![
            ("released", self.released.map(|d| d.to_string())),
            ("eoas", mark(self.eoas)),
            ("eol", mark(self.eol)),
            ("lts", mark(self.lts)),
            ("codename", self.codename.as_deref().map(quote)),
            ("link", self.link.as_deref().map(quote)),
        ]
    }

    /// The one-line flow mapping: `{ released: 2021-10-04, eol: 2026-10-31 }`.
    pub fn flow(&self) -> String {
        let parts: Vec<String> = self
            .fields()
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| format!("{k}: {v}")))
            .collect();
        if parts.is_empty() {
            "{}".to_string()
        } else {
            format!("{{ {} }}", parts.join(", "))
        }
    }

    /// What an existing `upstream:` says (a malformed value reads as absent, so it is
    /// replaced), read as the product file's values are.
    fn of_file(u: &UpstreamFile) -> Values {
        let mark = |s: &Option<crate::load::raw::Sp<Scalar>>| {
            super::endoflife::mark_of(&s.as_ref()?.value, "")
                .ok()
                .flatten()
        };
        Values {
            released: u
                .released
                .as_ref()
                .and_then(|s| crate::dates::parse_date(&s.value.text)),
            eoas: mark(&u.eoas),
            eol: mark(&u.eol),
            lts: mark(&u.lts),
            codename: u.codename.as_ref().map(|c| c.to_string()),
            link: u.link.as_ref().map(|l| l.value.to_string()),
        }
    }
}

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// What importing a product does to a dependency file.
#[derive(Debug, Default)]
pub struct Plan {
    /// The file's new text (`None`: unchanged).
    pub text: Option<String>,
    pub new_file: bool,
    /// One line per change, for people: `3.10: eol 2026-10-31 -> 2026-10-04`.
    pub changes: Vec<String>,
    /// One line per cycle mapped to another name or left out, with the reason.
    pub notes: Vec<String>,
}

/// The dependency file as it is (`None` for a new dependency).
pub struct Existing<'a> {
    pub text: &'a str,
    pub data: &'a DependencyFile,
}

pub struct Target<'a> {
    pub id: &'a str,
    /// For a new file: the kind to write.
    pub kind: &'a str,
    /// Versions of the dependency some release ships, with the first release that does.
    pub shipped: &'a BTreeMap<String, String>,
    /// Every cycle, not only the listed and shipped ones.
    pub all: bool,
}

/// The cycles of `p` under the names they take here, each with its cleaned values. Cycles
/// whose name cannot be a version are mapped by the documented rule (`2012 R2` ->
/// `2012-r2`, docs/commands.md#import) or left out; either way a note says so.
fn cycles(p: &Product, notes: &mut Vec<String>) -> Vec<(String, Values)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for c in &p.cycles {
        let at = c
            .pos
            .map(|p| format!(" (line {})", p.line))
            .unwrap_or_default();
        let name = c.name.trim();
        let version = if is_cycle_name(name) {
            name.to_string()
        } else {
            let mapped = cycle_name_of(name);
            if !is_cycle_name(&mapped) {
                notes.push(format!(
                    "cycle `{}`{at} left out: its name has nothing usable as a version",
                    crate::diagnostics::printable(&c.name)
                ));
                continue;
            }
            notes.push(format!(
                "cycle `{}`{at} imported as version `{mapped}`",
                crate::diagnostics::printable(&c.name)
            ));
            mapped
        };
        if !seen.insert(version.clone()) {
            notes.push(format!(
                "cycle `{}`{at} left out: version `{version}` is already taken by an earlier cycle",
                crate::diagnostics::printable(&c.name)
            ));
            continue;
        }
        out.push((version.clone(), clean(&version, &c.values, notes)));
    }
    out
}

/// The values the site can hold: dates in range, http(s) links, single-line text.
fn clean(version: &str, c: &Values, notes: &mut Vec<String>) -> Values {
    let mut note = |what: &str, why: &str| notes.push(format!("{version}: {what} left out: {why}"));
    let date = |d: Option<NaiveDate>, what: &str, note: &mut dyn FnMut(&str, &str)| {
        d.filter(|&d| {
            let ok = crate::dates::representable(d);
            if !ok {
                note(what, &format!("{d} is out of range"));
            }
            ok
        })
    };
    let mark = |m: Option<Mark>, what: &str, note: &mut dyn FnMut(&str, &str)| match m {
        Some(Mark::Date(d)) => date(Some(d), what, note).map(Mark::Date),
        other => other,
    };
    let text = |s: &Option<String>, what: &str, note: &mut dyn FnMut(&str, &str)| {
        s.as_ref().map(|s| s.trim().to_string()).filter(|s| {
            let ok = crate::load::text::bad_in_line(s).is_none();
            if !ok {
                note(what, "it holds a control character");
            }
            ok
        })
    };
    let link = text(&c.link, "link", &mut note).filter(|l| {
        let ok = url::Url::parse(l).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        if !ok {
            note("link", "not an absolute http(s) URL");
        }
        ok
    });
    Values {
        released: date(c.released, "released", &mut note),
        eoas: mark(c.eoas, "eoas", &mut note),
        eol: mark(c.eol, "eol", &mut note),
        lts: mark(c.lts, "lts", &mut note),
        codename: text(&c.codename, "codename", &mut note),
        link,
    }
}

/// A new `content/dependencies/<id>.yaml` holding every cycle.
pub fn new_file(p: &Product, t: &Target, source: &str) -> Plan {
    let mut plan = Plan {
        new_file: true,
        ..Plan::default()
    };
    let cycles = cycles(p, &mut plan.notes);
    let name = p
        .title
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty() && crate::load::text::bad_in_line(s).is_none())
        .unwrap_or(t.id);
    let mut out = format!(
        "# Imported with `lifecycle import endoflife` from {}.\n\
         # The vendor's own dates (supported, announced, maintenance, eos) go beside each\n\
         # `upstream:` and win over it; importing again updates only the `upstream:` lines.\n\
         name: {}\nkind: {}\n",
        source.replace('\n', " "),
        quote(name),
        t.kind
    );
    if let Some(l) = p
        .policy_link
        .as_deref()
        .filter(|l| url::Url::parse(l).is_ok_and(|u| matches!(u.scheme(), "http" | "https")))
    {
        out.push_str(&format!("upstream_policy: {}\n", quote(l)));
    }
    let ids: Vec<&(String, String)> = p
        .identifiers
        .iter()
        .filter(|(k, v)| {
            is_id(k) && !v.trim().is_empty() && crate::load::text::bad_in_line(v).is_none()
        })
        .collect();
    if !ids.is_empty() {
        out.push_str("identifiers:\n");
        for (k, v) in ids {
            out.push_str(&format!("  - {k}: {}\n", quote(v.trim())));
        }
    }
    if cycles.is_empty() {
        out.push_str("versions: []\n");
    } else {
        out.push_str("versions:\n");
    }
    for (version, values) in &cycles {
        out.push_str(&item(version, values, 2));
        plan.changes
            .push(format!("{version}: added, upstream {}", values.flow()));
    }
    plan.text = Some(out);
    plan
}

fn item(version: &str, values: &Values, dash: usize) -> String {
    format!(
        "{}- version: {}\n{}upstream: {}\n",
        " ".repeat(dash),
        quote(version),
        " ".repeat(dash + 2),
        values.flow()
    )
}

/// Edits of an existing file: `upstream:` of each listed or shipped version (every cycle
/// with `all`), and new items for cycles some release ships (or `all`) that it does not list.
pub fn merge(p: &Product, t: &Target, existing: &Existing) -> Plan {
    let mut plan = Plan::default();
    let cycles = cycles(p, &mut plan.notes);
    let (mut lines, eol) = yaml_edit::split(existing.text);
    let listed: BTreeMap<&str, &crate::load::raw::DependencyVersionFile> = existing
        .data
        .versions
        .iter()
        .filter(|v| v.version.value.is_string)
        .map(|v| (v.version.value.text.trim(), v))
        .collect();
    // Edits bottom-up, so that the positions read from the file stay true.
    let mut edits: Vec<(usize, String, Values)> = Vec::new();
    let mut additions: Vec<(String, Values)> = Vec::new();
    for (version, values) in cycles {
        match listed.get(version.as_str()) {
            Some(v) => {
                let old = v
                    .upstream
                    .as_ref()
                    .map(|u| Values::of_file(&u.value))
                    .unwrap_or_default();
                if old == values && v.upstream.is_some() {
                    continue;
                }
                let changed = describe(&old, &values, v.upstream.is_some());
                plan.changes.push(format!("{version}: {changed}"));
                edits.push((pos_of(&v.version).line as usize - 1, version, values));
            }
            None if t.all || t.shipped.contains_key(&version) => {
                let why = t
                    .shipped
                    .get(&version)
                    .map(|r| format!(" (shipped in {r})"))
                    .unwrap_or_default();
                plan.changes
                    .push(format!("{version}: added{why}, upstream {}", values.flow()));
                additions.push((version, values));
            }
            None => {}
        }
    }
    if edits.is_empty() && additions.is_empty() {
        return plan;
    }
    // New items go at the end of the `versions:` list, below every item edited.
    if !additions.is_empty() {
        // The items' dash column, as the first item writes it.
        let dash = existing
            .data
            .versions
            .first()
            .and_then(|v| lines.get(pos_of(&v.version).line as usize - 1))
            .and_then(|l| l.find("- "))
            .unwrap_or(2);
        let at = versions_end(&mut lines);
        let text: String = additions
            .iter()
            .map(|(v, values)| item(v, values, dash))
            .collect();
        for (i, l) in text.lines().enumerate() {
            lines.insert(at + i, l.to_string());
        }
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (line, version, values) in edits {
        let Some(m) = yaml_edit::item_at(&lines, line, "version") else {
            plan.changes
                .retain(|c| !c.starts_with(&format!("{version}: ")));
            plan.notes.push(format!(
                "{version}: written in flow style (`{{ ... }}`), so its `upstream:` was not changed: edit it by hand to {}",
                values.flow()
            ));
            continue;
        };
        yaml_edit::remove_block_value(&mut lines, m, "upstream");
        let m = yaml_edit::item_at(&lines, line, "version").unwrap_or(m);
        yaml_edit::set(
            &mut lines,
            m,
            "upstream",
            &values.flow(),
            &[
                "upstream",
                "removed_in",
                "eos",
                "maintenance",
                "announced",
                "supported",
                "version",
            ],
        );
    }
    if !plan.changes.is_empty() {
        plan.text = Some(yaml_edit::join(&lines, eol));
    }
    plan
}

/// `eol 2026-10-31 -> 2026-10-04, link added`.
fn describe(old: &Values, new: &Values, had: bool) -> String {
    if !had {
        return format!("upstream added {}", new.flow());
    }
    let mut parts = Vec::new();
    for ((k, a), (_, b)) in old.fields().into_iter().zip(new.fields()) {
        match (a, b) {
            (a, b) if a == b => {}
            (Some(a), Some(b)) => parts.push(format!("{k} {a} -> {b}")),
            (None, Some(b)) => parts.push(format!("{k} added ({b})")),
            (Some(a), None) => parts.push(format!("{k} removed (was {a})")),
            (None, None) => {}
        }
    }
    format!("upstream {}", parts.join(", "))
}

/// The line index just after the last item line of the top-level `versions:` list, so that
/// blank lines and comments after it stay after it; `versions: []` becomes a block list.
fn versions_end(lines: &mut Vec<String>) -> usize {
    let Some(start) = lines.iter().position(|l| l.starts_with("versions:")) else {
        lines.push("versions:".to_string());
        return lines.len();
    };
    if lines[start].trim_end().ends_with("[]") {
        lines[start] = "versions:".to_string();
    }
    let mut last = start;
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if !l.starts_with(' ') && !l.starts_with('-') {
            break;
        }
        last = i;
    }
    last + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_writes_every_value_in_order() {
        let v = Values {
            released: crate::dates::parse_date("2022-04-21"),
            eoas: Some(Mark::True),
            eol: crate::dates::parse_date("2032-04-09").map(Mark::Date),
            lts: Some(Mark::True),
            codename: Some("Jammy \"J\"".into()),
            link: None,
        };
        assert_eq!(
            v.flow(),
            r#"{ released: 2022-04-21, eoas: true, eol: 2032-04-09, lts: true, codename: "Jammy \"J\"" }"#
        );
        assert_eq!(Values::default().flow(), "{}");
    }
}
