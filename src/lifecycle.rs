//! Lifecycle: the phase of every version as of a date (docs/lifecycle.md). Pure: no clock,
//! no I/O; the as-of date is an input resolved once by the command layer.

use crate::model::{DependencyVersion, Release};
use chrono::NaiveDate;
use serde::Serialize;

/// A life-cycle phase. `id` is for machines (JSON, CSS classes), `label` for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Upcoming,
    Supported,
    Announced,
    Maintenance,
    EndOfSupport,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Upcoming,
        Phase::Supported,
        Phase::Announced,
        Phase::Maintenance,
        Phase::EndOfSupport,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Phase::Upcoming => "upcoming",
            Phase::Supported => "supported",
            Phase::Announced => "announced",
            Phase::Maintenance => "maintenance",
            Phase::EndOfSupport => "end-of-support",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::Upcoming => "Upcoming",
            Phase::Supported => "Supported",
            Phase::Announced => "End-of-Support Announced",
            Phase::Maintenance => "Maintenance",
            Phase::EndOfSupport => "End-of-Support",
        }
    }
}

/// Phase of an SDK release. A phase starts on its date (inclusive).
pub fn sdk_phase(r: &Release, as_of: NaiveDate) -> Phase {
    release_phase(r, r.eos.map(|d| d.date), as_of)
}

/// Phase of an SDK release whose end of support the schedule puts at `eos` (stated or
/// projected). `eos: true` (ended on a date nobody published) is reached as of any date
/// from its release on.
pub fn release_phase(r: &Release, eos: Option<NaiveDate>, as_of: NaiveDate) -> Phase {
    if r.eos_begun && as_of >= r.released.date {
        return Phase::EndOfSupport;
    }
    sdk_phase_of(r.released.date, r.eos_announced.map(|d| d.date), eos, as_of)
}

pub fn sdk_phase_of(
    released: NaiveDate,
    eos_announced: Option<NaiveDate>,
    eos: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Phase {
    if as_of < released {
        Phase::Upcoming
    } else if eos.is_some_and(|d| as_of >= d) {
        Phase::EndOfSupport
    } else if eos_announced.is_some_and(|d| as_of >= d) {
        Phase::Announced
    } else {
        Phase::Supported
    }
}

/// Phase of a dependency version. An absent date starts no phase: a version with no
/// `supported` date is supported until its next known date.
pub fn dependency_phase(v: &DependencyVersion, as_of: NaiveDate) -> Phase {
    DependencyDates::of(v, v.eos.map(|d| d.date)).phase(as_of)
}

pub fn dependency_phase_of(
    supported: Option<NaiveDate>,
    announced: Option<NaiveDate>,
    maintenance: Option<NaiveDate>,
    eos: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Phase {
    DependencyDates {
        supported,
        announced,
        maintenance,
        eos,
        ..DependencyDates::default()
    }
    .phase(as_of)
}

/// The dates that decide a dependency version's phase. A phase `begun` (`true` in the
/// data) started on a date nobody published: it is reached as of any date from the
/// version's release on, as endoflife.date reads `eol: true`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DependencyDates {
    pub supported: Option<NaiveDate>,
    pub announced: Option<NaiveDate>,
    pub maintenance: Option<NaiveDate>,
    pub maintenance_begun: bool,
    pub eos: Option<NaiveDate>,
    pub eos_begun: bool,
}

impl DependencyDates {
    /// A version's dates, with `eos` as the schedule has it (stated or projected).
    pub fn of(v: &DependencyVersion, eos: Option<NaiveDate>) -> DependencyDates {
        DependencyDates {
            supported: v.supported.map(|d| d.date),
            announced: v.announced.map(|d| d.date),
            maintenance: v.maintenance.map(|d| d.date),
            maintenance_begun: v.maintenance_begun,
            eos,
            eos_begun: v.eos_begun,
        }
    }

    pub fn phase(&self, as_of: NaiveDate) -> Phase {
        let reached = |d: Option<NaiveDate>, begun: bool| begun || d.is_some_and(|d| as_of >= d);
        if self.supported.is_some_and(|d| as_of < d) {
            Phase::Upcoming
        } else if reached(self.eos, self.eos_begun) {
            Phase::EndOfSupport
        } else if reached(self.maintenance, self.maintenance_begun) {
            Phase::Maintenance
        } else if reached(self.announced, false) {
            Phase::Announced
        } else {
            Phase::Supported
        }
    }
}

/// One row of a lifecycle table: a phase and the dates it spans. `*_begun`: the date is
/// one nobody published (`true` in the data), so the row says so instead of a date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span {
    pub phase: Phase,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub from_begun: bool,
    pub until_begun: bool,
}

/// A phase boundary as the spans see it: a date, or begun on an unpublished one.
type Boundary = (Option<NaiveDate>, bool);

/// The spans of consecutive phases: each present boundary starts a row that runs to the
/// next present one.
fn spans(start: (Phase, Option<NaiveDate>), rest: &[(Phase, Boundary)]) -> Vec<Span> {
    let present: Vec<(Phase, Boundary)> = rest
        .iter()
        .copied()
        .filter(|(_, (d, begun))| d.is_some() || *begun)
        .collect();
    let mut rows = Vec::with_capacity(present.len() + 1);
    let mut from: (Phase, Boundary) = (start.0, (start.1, false));
    for next in present {
        rows.push(Span {
            phase: from.0,
            from: from.1.0,
            from_begun: from.1.1,
            until: next.1.0,
            until_begun: next.1.1,
        });
        from = next;
    }
    rows.push(Span {
        phase: from.0,
        from: from.1.0,
        from_begun: from.1.1,
        until: None,
        until_begun: false,
    });
    rows
}

/// The phases an SDK release goes through, in order, with their dates. `eos` is its end of
/// support as the schedule has it (stated, or projected from the policy).
pub fn sdk_spans(r: &Release, eos: Option<NaiveDate>) -> Vec<Span> {
    spans(
        (Phase::Supported, Some(r.released.date)),
        &[
            (Phase::Announced, (r.eos_announced.map(|d| d.date), false)),
            (Phase::EndOfSupport, (eos, r.eos_begun && eos.is_none())),
        ],
    )
}

/// The phases a dependency version goes through, in order, with their dates (`eos` as the
/// schedule has it).
pub fn dependency_spans(v: &DependencyVersion, eos: Option<NaiveDate>) -> Vec<Span> {
    spans(
        (Phase::Supported, v.supported.map(|d| d.date)),
        &[
            (Phase::Announced, (v.announced.map(|d| d.date), false)),
            (
                Phase::Maintenance,
                (v.maintenance.map(|d| d.date), v.maintenance_begun),
            ),
            (Phase::EndOfSupport, (eos, v.eos_begun && eos.is_none())),
        ],
    )
}

/// The date of a `SOURCE_DATE_EPOCH` value (seconds since 1970, UTC); an empty value is
/// unset. Out-of-range dates are refused: the outputs could not represent them.
pub fn source_date_epoch(s: &str) -> Result<Option<NaiveDate>, String> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    source_date_epoch_date(s).map(Some)
}

fn source_date_epoch_date(s: &str) -> Result<NaiveDate, String> {
    let secs: i64 = s
        .trim()
        .parse()
        .map_err(|_| format!("SOURCE_DATE_EPOCH `{s}` is not a number of seconds"))?;
    let date = chrono::DateTime::from_timestamp(secs, 0)
        .map(|dt| dt.date_naive())
        .filter(|d| crate::dates::representable(*d))
        .ok_or_else(|| {
            format!(
                "SOURCE_DATE_EPOCH `{s}` is out of range: {}",
                crate::dates::range_note()
            )
        })?;
    Ok(date)
}

/// Resolve the as-of date: `--as-of`, else `as_of` in site.yaml, else `SOURCE_DATE_EPOCH`,
/// else today (UTC). `today` is passed in so that this stays pure.
pub fn resolve_as_of(
    flag: Option<NaiveDate>,
    site: Option<NaiveDate>,
    source_date_epoch: Option<&str>,
    today: NaiveDate,
) -> Result<NaiveDate, String> {
    if let Some(d) = flag {
        return Ok(d);
    }
    if let Some(d) = site {
        return Ok(d);
    }
    if let Some(s) = source_date_epoch.filter(|s| !s.trim().is_empty()) {
        return source_date_epoch_date(s);
    }
    Ok(today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn sdk_phase_boundaries_are_inclusive() {
        let (rel, ann, eos) = (
            d("2024-01-10"),
            Some(d("2024-09-01")),
            Some(d("2025-01-10")),
        );
        let at = |s| sdk_phase_of(rel, ann, eos, d(s));
        assert_eq!(at("2024-01-09"), Phase::Upcoming);
        assert_eq!(at("2024-01-10"), Phase::Supported);
        assert_eq!(at("2024-01-11"), Phase::Supported);
        assert_eq!(at("2024-08-31"), Phase::Supported);
        assert_eq!(at("2024-09-01"), Phase::Announced);
        assert_eq!(at("2024-09-02"), Phase::Announced);
        assert_eq!(at("2025-01-09"), Phase::Announced);
        assert_eq!(at("2025-01-10"), Phase::EndOfSupport);
        assert_eq!(at("2025-01-11"), Phase::EndOfSupport);
    }

    #[test]
    fn dependency_phase_boundaries_are_inclusive() {
        let p = |s| {
            dependency_phase_of(
                Some(d("2023-01-01")),
                Some(d("2024-01-01")),
                Some(d("2024-06-01")),
                Some(d("2025-01-01")),
                d(s),
            )
        };
        assert_eq!(p("2022-12-31"), Phase::Upcoming);
        assert_eq!(p("2023-01-01"), Phase::Supported);
        assert_eq!(p("2023-12-31"), Phase::Supported);
        assert_eq!(p("2024-01-01"), Phase::Announced);
        assert_eq!(p("2024-05-31"), Phase::Announced);
        assert_eq!(p("2024-06-01"), Phase::Maintenance);
        assert_eq!(p("2024-12-31"), Phase::Maintenance);
        assert_eq!(p("2025-01-01"), Phase::EndOfSupport);
    }

    #[test]
    fn absent_dates_start_no_phase() {
        // No `supported` date: supported until the next known date.
        assert_eq!(
            dependency_phase_of(None, None, None, Some(d("2025-01-01")), d("1999-01-01")),
            Phase::Supported
        );
        // No announcement: supported right up to eos.
        assert_eq!(
            dependency_phase_of(None, None, None, Some(d("2025-01-01")), d("2024-12-31")),
            Phase::Supported
        );
    }

    #[test]
    fn as_of_precedence() {
        let today = d("2026-11-25");
        assert_eq!(
            resolve_as_of(
                Some(d("2020-01-01")),
                Some(d("2021-01-01")),
                Some("0"),
                today
            )
            .unwrap(),
            d("2020-01-01")
        );
        assert_eq!(
            resolve_as_of(None, Some(d("2021-01-01")), Some("0"), today).unwrap(),
            d("2021-01-01")
        );
        assert_eq!(
            resolve_as_of(None, None, Some("86400"), today).unwrap(),
            d("1970-01-02")
        );
        assert_eq!(resolve_as_of(None, None, None, today).unwrap(), today);
        assert!(resolve_as_of(None, None, Some("soon"), today).is_err());
    }
}
