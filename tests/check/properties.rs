//! Properties: random damage to a valid site never panics the pipeline and every finding
//! names its file; phases follow the tables of docs/lifecycle.md for any dates.

use crate::support::{Site, fixture};
use chrono::{Days, NaiveDate};
use lifecycle::lifecycle::{Phase, dependency_phase, dependency_phase_of, sdk_phase, sdk_phase_of};
use lifecycle::pipeline::load_and_check;
use proptest::prelude::*;
use proptest::sample::Index;

/// Every text file of the minimal fixture, relative to the site.
fn fixture_files() -> Vec<String> {
    let root = fixture("minimal");
    let mut files: Vec<String> = walk(&root)
        .into_iter()
        .map(|p| {
            p.strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p))
        } else {
            out.push(p)
        }
    }
    out
}

/// One way to damage a file.
#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    /// Replace what follows the first `: ` (or the whole line) with this text.
    ReplaceScalar(Index, String),
    Truncate(Index),
    Insert(Index, Index, String),
}

fn garbage() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("~".to_string()),
        Just("3.10".to_string()),
        Just("-1".to_string()),
        Just("1e400".to_string()),
        Just("2025-02-30".to_string()),
        Just("[".to_string()),
        Just("{ a: [".to_string()),
        Just("\"unterminated".to_string()),
        Just("*alias".to_string()),
        Just("&anchor x".to_string()),
        Just("!!binary AAAA".to_string()),
        Just("{{ sdk_table(kind=1) }}".to_string()),
        Just("{{".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        "\\PC{0,12}",
    ]
}

fn inserted() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\t".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{0301}".to_string()),
        Just("\u{202e}".to_string()),
        Just("é".to_string()),
        Just("🦀".to_string()),
        Just("\r".to_string()),
        Just("\0".to_string()),
        Just("- ".to_string()),
        Just(": ".to_string()),
        Just("---\n".to_string()),
        "\\PC{1,4}",
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), garbage()).prop_map(|(i, g)| Mutation::ReplaceScalar(i, g)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), any::<Index>(), inserted())
            .prop_map(|(l, c, s)| Mutation::Insert(l, c, s)),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    match m {
        Mutation::DeleteLine(i) => {
            lines.remove(i.index(lines.len()));
        }
        Mutation::DuplicateLine(i) => {
            let at = i.index(lines.len());
            lines.insert(at, lines[at].clone());
        }
        Mutation::ReplaceScalar(i, g) => {
            let n = lines.len();
            let line = &mut lines[i.index(n)];
            *line = match line.find(": ") {
                Some(k) => format!("{}: {g}", &line[..k]),
                None => g.clone(),
            };
        }
        Mutation::Truncate(i) => {
            let chars: Vec<char> = text.chars().collect();
            return chars[..i.index(chars.len() + 1)].iter().collect();
        }
        Mutation::Insert(l, c, s) => {
            let n = lines.len();
            let line = &mut lines[l.index(n)];
            let chars: Vec<char> = line.chars().collect();
            let at = c.index(chars.len() + 1);
            *line = chars[..at]
                .iter()
                .chain(s.chars().collect::<Vec<_>>().iter())
                .chain(chars[at..].iter())
                .collect();
        }
    }
    lines.join("\n") + "\n"
}

fn date() -> impl Strategy<Value = NaiveDate> {
    // 2015-01-01 plus up to about 20 years.
    (0u64..7300).prop_map(|d| NaiveDate::from_ymd_opt(2015, 1, 1).unwrap() + Days::new(d))
}

fn day_before(d: NaiveDate) -> NaiveDate {
    d - Days::new(1)
}

const SDK_PHASES: [Phase; 4] = [
    Phase::Upcoming,
    Phase::Supported,
    Phase::Announced,
    Phase::EndOfSupport,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn damaged_sites_never_panic_and_every_diagnostic_names_its_file(
        edits in prop::collection::vec((any::<Index>(), mutation()), 1..4),
        as_of in date(),
    ) {
        let files = fixture_files();
        let site = Site::minimal();
        for (file, m) in &edits {
            let file = &files[file.index(files.len())];
            let path = site.path().join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, apply(&text, m)).unwrap();
        }
        for strict in [false, true] {
            let (checked, diags) = load_and_check(site.path(), strict);
            for d in diags.iter() {
                let file = d.file.as_deref();
                prop_assert!(file.is_some_and(|f| !f.is_empty()), "no file: {d:?}");
                let text = std::fs::read_to_string(site.path().join(file.unwrap())).unwrap_or_default();
                if let (Some(line), Some(column)) = (d.line, d.column) {
                    prop_assert!(line >= 1 && column >= 1, "positions are 1-based: {d:?}");
                    prop_assert!(line as usize <= text.lines().count().max(1) + 1, "line beyond the file: {d:?}\n{text}");
                }
                prop_assert_eq!(d.line.is_some(), d.column.is_some(), "a line comes with a column: {:?}", d);
            }
            if let Some(s) = checked {
                for r in &s.releases {
                    prop_assert!(SDK_PHASES.contains(&sdk_phase(r, as_of)));
                }
                for dep in &s.dependencies {
                    for v in &dep.versions {
                        prop_assert!(Phase::ALL.contains(&dependency_phase(v, as_of)));
                    }
                }
            }
        }
    }

    #[test]
    fn an_sdk_phase_starts_on_its_date_and_not_the_day_before(
        mut dates in prop::collection::vec(date(), 3),
        has_announced in any::<bool>(),
        has_eos in any::<bool>(),
        as_of in date(),
    ) {
        dates.sort();
        let (released, announced, eos) = (dates[0], has_announced.then_some(dates[1]), has_eos.then_some(dates[2]));
        let phase = |d| sdk_phase_of(released, announced, eos, d);
        prop_assert!(SDK_PHASES.contains(&phase(as_of)));
        // Later dates never go back to an earlier phase.
        prop_assert!(phase(as_of) <= phase(as_of + Days::new(1)));
        prop_assert_eq!(phase(day_before(released)), Phase::Upcoming);
        prop_assert!(phase(released) >= Phase::Supported);
        if let Some(a) = announced {
            prop_assert!(phase(a) >= Phase::Announced);
            prop_assert!(phase(day_before(a)) < Phase::Announced);
        } else {
            prop_assert_ne!(phase(as_of), Phase::Announced, "an absent date starts no phase");
        }
        if let Some(e) = eos {
            prop_assert_eq!(phase(e), Phase::EndOfSupport);
            prop_assert!(phase(day_before(e)) < Phase::EndOfSupport);
        } else {
            prop_assert_ne!(phase(as_of), Phase::EndOfSupport);
        }
        if as_of >= released && announced.is_none_or(|a| as_of < a) && eos.is_none_or(|e| as_of < e) {
            prop_assert_eq!(phase(as_of), Phase::Supported);
        }
    }

    #[test]
    fn a_dependency_phase_starts_on_its_date_and_not_the_day_before(
        mut dates in prop::collection::vec(date(), 4),
        present in prop::array::uniform4(any::<bool>()),
        as_of in date(),
    ) {
        dates.sort();
        let at = |i: usize| present[i].then_some(dates[i]);
        let (supported, announced, maintenance, eos) = (at(0), at(1), at(2), at(3));
        let phase = |d| dependency_phase_of(supported, announced, maintenance, eos, d);
        prop_assert!(Phase::ALL.contains(&phase(as_of)));
        prop_assert!(phase(as_of) <= phase(as_of + Days::new(1)));
        let starts = [(supported, Phase::Supported), (announced, Phase::Announced), (maintenance, Phase::Maintenance), (eos, Phase::EndOfSupport)];
        for (date, starting) in starts {
            match date {
                Some(d) => {
                    prop_assert!(phase(d) >= starting, "{:?} starts on {}", starting, d);
                    prop_assert!(phase(day_before(d)) < starting, "{:?} is not in force the day before {}", starting, d);
                }
                // An absent date starts no phase (an absent `supported` means no Upcoming).
                None => {
                    let absent = if starting == Phase::Supported { Phase::Upcoming } else { starting };
                    prop_assert_ne!(phase(as_of), absent);
                }
            }
        }
    }

    #[test]
    fn phases_of_unordered_dates_stay_in_the_tables(
        dates in prop::collection::vec(prop::option::of(date()), 4),
        released in date(),
        as_of in date(),
    ) {
        prop_assert!(SDK_PHASES.contains(&sdk_phase_of(released, dates[0], dates[1], as_of)));
        prop_assert!(Phase::ALL.contains(&dependency_phase_of(dates[0], dates[1], dates[2], dates[3], as_of)));
    }
}
