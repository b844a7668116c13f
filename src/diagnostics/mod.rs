//! Diagnostics: every problem `check` and `build` report, with a stable code and a source position.

pub mod report;

use serde::Serialize;
use std::fmt;
use std::path::Path;

/// How bad a diagnostic is. Warnings become errors with `--strict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column in a source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub const fn new(line: u32, column: u32) -> Self {
        Pos { line, column }
    }
}

/// Stable diagnostic codes. docs/codes.md lists them; never renumber one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A file or directory could not be read.
    Io,
    /// YAML (or front matter) that does not parse or does not fit the schema.
    InvalidYaml,
    UnknownField,
    MissingField,
    BadDate,
    BadVersion,
    FileNameMismatch,
    BadDependencyId,
    DuplicateVersion,
    DatesOutOfOrder,
    UnknownDependency,
    UnknownDependencyVersion,
    VersionIsNumber,
    AnnouncementEosMismatch,
    RemovedInConflict,
    ShippedAfterRemoval,
    DuplicateUrl,
    UnknownKind,
    MissingFrontMatter,
    BadShortcode,
    BrokenLink,
    UnknownRelease,
    UnknownAnnouncement,
    BadConfig,
    Template,
    /// A control character, or a character XML cannot carry, in a text value.
    BadText,
    SupportTooShort,
    NoticeTooShort,
    EosWithoutAnnouncement,
    ShipsEndOfSupport,
    AnnouncedEosWithoutData,
    /// A stated end of support earlier than the policy's rule projects.
    EosBeforeProjection,
    /// A projected end of support within the notice period, not announced yet.
    ProjectionNeedsNotice,
    /// A release ships a dependency version past its upstream end of life.
    ShipsPastUpstreamEol,
    /// The vendor's end of support is later than the upstream end of life.
    EosAfterUpstreamEol,
    /// An upstream end of life within the notice period, not announced by the vendor.
    UpstreamEolNeedsNotice,
}

impl Code {
    /// The code as printed and as emitted in JSON (`E012`, `W102`).
    pub fn as_str(self) -> &'static str {
        use Code::*;
        match self {
            Io => "E001",
            InvalidYaml => "E002",
            UnknownField => "E003",
            MissingField => "E004",
            BadDate => "E005",
            BadVersion => "E006",
            FileNameMismatch => "E007",
            BadDependencyId => "E008",
            DuplicateVersion => "E009",
            DatesOutOfOrder => "E010",
            UnknownDependency => "E011",
            UnknownDependencyVersion => "E012",
            VersionIsNumber => "E013",
            AnnouncementEosMismatch => "E014",
            RemovedInConflict => "E015",
            ShippedAfterRemoval => "E016",
            DuplicateUrl => "E017",
            UnknownKind => "E018",
            MissingFrontMatter => "E019",
            BadShortcode => "E020",
            BrokenLink => "E021",
            UnknownRelease => "E022",
            UnknownAnnouncement => "E023",
            BadConfig => "E024",
            Template => "E025",
            BadText => "E026",
            SupportTooShort => "W101",
            NoticeTooShort => "W102",
            EosWithoutAnnouncement => "W103",
            ShipsEndOfSupport => "W104",
            AnnouncedEosWithoutData => "W105",
            EosBeforeProjection => "W106",
            ProjectionNeedsNotice => "W107",
            ShipsPastUpstreamEol => "W108",
            EosAfterUpstreamEol => "W109",
            UpstreamEolNeedsNotice => "W110",
        }
    }

    /// Policy findings are warnings unless `--strict`; everything else is an error.
    pub fn default_severity(self) -> Severity {
        if self.as_str().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One finding, positioned in a file relative to the site directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// Path relative to the site directory, with `/` separators.
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.default_severity(),
            code,
            message: message.into(),
            file: None,
            line: None,
            column: None,
        }
    }

    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = Some(display_path(file));
        self
    }

    pub fn at(mut self, pos: Option<Pos>) -> Self {
        if let Some(p) = pos {
            self.line = Some(p.line);
            self.column = Some(p.column);
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{sev}[{}]: {}",
            self.code.as_str(),
            printable(&self.message)
        )?;
        if let Some(file) = &self.file {
            write!(f, "\n  --> {}", printable(file))?;
            if let (Some(l), Some(c)) = (self.line, self.column) {
                write!(f, ":{l}:{c}")?;
            }
        }
        Ok(())
    }
}

/// `s` safe for a terminal: control characters (data can hold ESC, CR, CSI) are shown as
/// escapes (`\u{1b}`) instead of acting on the screen.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// A path as shown to users: relative, `/`-separated.
pub fn display_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Collects diagnostics for one run; sorted output keeps reports deterministic.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Shorthand for the common case: code, message, file, position.
    pub fn report(
        &mut self,
        code: Code,
        message: impl Into<String>,
        file: &Path,
        pos: Option<Pos>,
    ) {
        self.push(Diagnostic::new(code, message).in_file(file).at(pos));
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Turn every warning into an error (`--strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, position, then code; duplicates removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.code, &b.message))
        });
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// Everything that stops a command, as opposed to findings about the site.
#[derive(Debug, thiserror::Error)]
pub enum Fatal {
    #[error("the site has errors")]
    SiteErrors,
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_compiler_style() {
        let d = Diagnostic::new(
            Code::UnknownDependencyVersion,
            "release 2.21.0 ships pytorch 9.9",
        )
        .in_file(Path::new("content/releases/2.21.0.yaml"))
        .at(Some(Pos::new(8, 12)));
        assert_eq!(
            d.to_string(),
            "error[E012]: release 2.21.0 ships pytorch 9.9\n  --> content/releases/2.21.0.yaml:8:12"
        );
    }

    #[test]
    fn strict_turns_warnings_into_errors() {
        let mut ds = Diagnostics::default();
        ds.push(Diagnostic::new(Code::NoticeTooShort, "short"));
        assert!(!ds.has_errors());
        ds.make_strict();
        assert!(ds.has_errors());
    }
}
