//! Projected end-of-support dates: what the policy's `projected_eos` rule implies for a
//! version whose end of support nobody stated (docs/lifecycle.md#projections). A rule
//! counts from the version's own release or from a successor; a successor not released by
//! the as-of date means no date yet. Pure: part of the schedule.

use crate::dates::{add_months, representable};
use crate::model::{After, Projection, Site};
use crate::policy::revision_on;
use chrono::NaiveDate;

/// The end of support a version has as of a date: stated in the data, or projected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Eos {
    pub date: NaiveDate,
    pub projected: bool,
}

/// What the rules imply for every version, as of one date.
#[derive(Debug, Default)]
pub struct Projections {
    /// Per release: the rule in force on its release date, if any.
    pub release_rules: Vec<Option<Projection>>,
    /// Per release: the date that rule gives (whether or not a date is stated).
    pub release_dates: Vec<Option<NaiveDate>>,
    /// Per dependency version, likewise.
    pub dependency_rules: Vec<Vec<Option<Projection>>>,
    pub dependency_dates: Vec<Vec<Option<NaiveDate>>>,
}

impl Projections {
    pub fn new(site: &Site, as_of: NaiveDate) -> Projections {
        let policy = &site.config.policy;
        let released: Vec<usize> = (0..site.releases.len())
            .filter(|&i| site.releases[i].released.date <= as_of)
            .collect();
        // The first released version of each X.Y line and each major, in version order.
        let mut minors: Vec<((u64, u64), NaiveDate)> = Vec::new();
        let mut majors: Vec<(u64, NaiveDate)> = Vec::new();
        for &i in &released {
            let v = &site.releases[i].version;
            let date = site.releases[i].released.date;
            if minors.last().is_none_or(|(k, _)| *k != (v.major, v.minor)) {
                minors.push(((v.major, v.minor), date));
            }
            if majors.last().is_none_or(|(k, _)| *k != v.major) {
                majors.push((v.major, date));
            }
        }
        let mut release_rules = Vec::with_capacity(site.releases.len());
        let mut release_dates = Vec::with_capacity(site.releases.len());
        for (i, r) in site.releases.iter().enumerate() {
            let rule = revision_on(policy, r.released.date).sdk_projected;
            let base = rule.and_then(|rule| {
                let k = rule.successors as usize;
                let v = &r.version;
                match rule.after {
                    After::Release => Some(r.released.date),
                    After::NextRelease => {
                        let at = released.partition_point(|&j| j <= i);
                        released
                            .get(at + k - 1)
                            .map(|&j| site.releases[j].released.date)
                    }
                    After::NextMinor => {
                        let at = minors.partition_point(|(key, _)| *key <= (v.major, v.minor));
                        minors.get(at + k - 1).map(|(_, d)| *d)
                    }
                    After::NextMajor => {
                        let at = majors.partition_point(|(key, _)| *key <= v.major);
                        majors.get(at + k - 1).map(|(_, d)| *d)
                    }
                    After::NextVersion => None,
                }
            });
            release_rules.push(rule);
            release_dates.push(rule.and_then(|rule| months_after(base?, rule.months)));
        }
        let mut dependency_rules = Vec::with_capacity(site.dependencies.len());
        let mut dependency_dates = Vec::with_capacity(site.dependencies.len());
        for d in &site.dependencies {
            // Versions supported by the as-of date, in version order: the successors.
            let supported: Vec<(usize, NaiveDate)> = d
                .versions
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.supported.map(|s| (i, s.date)))
                .filter(|(_, s)| *s <= as_of)
                .collect();
            let mut rules = Vec::with_capacity(d.versions.len());
            let mut dates = Vec::with_capacity(d.versions.len());
            for (i, v) in d.versions.iter().enumerate() {
                // The revision in force when the version became supported (the last one
                // for a version whose start nobody wrote down).
                let rule = match v.supported {
                    Some(s) => revision_on(policy, s.date).dependency_projected,
                    None => policy.last().and_then(|r| r.dependency_projected),
                };
                let base = rule.and_then(|rule| match rule.after {
                    After::Release => v.supported.map(|s| s.date),
                    After::NextVersion => {
                        let at = supported.partition_point(|&(j, _)| j <= i);
                        supported
                            .get(at + rule.successors as usize - 1)
                            .map(|&(_, s)| s)
                    }
                    _ => None,
                });
                rules.push(rule);
                dates.push(rule.and_then(|rule| months_after(base?, rule.months)));
            }
            dependency_rules.push(rules);
            dependency_dates.push(dates);
        }
        Projections {
            release_rules,
            release_dates,
            dependency_rules,
            dependency_dates,
        }
    }
}

/// `date` plus calendar months, if every output can still represent it.
fn months_after(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    Some(add_months(date, months)).filter(|d| representable(*d))
}

/// A stated date wins; else the projection, marked as such.
pub fn effective(stated: Option<NaiveDate>, projected: Option<NaiveDate>) -> Option<Eos> {
    match (stated, projected) {
        (Some(date), _) => Some(Eos {
            date,
            projected: false,
        }),
        (None, Some(date)) => Some(Eos {
            date,
            projected: true,
        }),
        (None, None) => None,
    }
}
