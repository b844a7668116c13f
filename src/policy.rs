//! Policy checks: support length and notice length against the revision in force, and the
//! other findings the policy lets a vendor override (warnings unless `--strict`). Pure.

use crate::dates::{add_months, sub_months};
use crate::diagnostics::{Code, Diagnostics};
use crate::model::{PolicyRevision, Site};
use chrono::NaiveDate;

/// The revision in force on `date`. The earliest also governs dates before its `effective`.
pub fn revision_on(policy: &[PolicyRevision], date: NaiveDate) -> &PolicyRevision {
    policy
        .iter()
        .rev()
        .find(|r| r.effective.is_none_or(|e| e <= date))
        .unwrap_or(&policy[0])
}

/// Support is short when `eos` is before `released` plus N months.
pub fn support_is_short(released: NaiveDate, eos: NaiveDate, months: u32) -> bool {
    eos < add_months(released, months)
}

/// An end still ahead of `as_of` but within `months` of it: the notice period has begun,
/// so an unannounced end is late (W107, W110).
pub fn in_notice_period(end: NaiveDate, as_of: NaiveDate, months: u32) -> bool {
    end > as_of && as_of >= sub_months(end, months)
}

/// Notice is short when the announcement is after `end` minus N months.
pub fn notice_is_short(announced: NaiveDate, end: NaiveDate, months: u32) -> bool {
    announced > sub_months(end, months)
}

fn months(n: u32) -> String {
    if n == 1 {
        "1 month".into()
    } else {
        format!("{n} months")
    }
}

fn since(r: &PolicyRevision) -> String {
    r.effective
        .map(|e| format!(" (policy of {e})"))
        .unwrap_or_default()
}

/// Run every policy check on a validated site.
pub fn check_policy(site: &Site, diags: &mut Diagnostics) {
    let policy = &site.config.policy;
    for r in &site.releases {
        let released = r.released.date;
        if let Some(eos) = r.eos {
            let rev = revision_on(policy, released);
            if support_is_short(released, eos.date, rev.sdk_min_support_months) {
                diags.report(
                    Code::SupportTooShort,
                    format!(
                        "SDK {} is supported from {released} to {}, less than the {} the policy in force on its release date requires{}",
                        r.version,
                        eos.date,
                        months(rev.sdk_min_support_months),
                        since(rev)
                    ),
                    &r.file,
                    eos.pos,
                );
            }
            match r.eos_announced {
                None => diags.report(
                    Code::EosWithoutAnnouncement,
                    format!(
                        "SDK {} has an eos ({}) but no eos_announced date: when were users told?",
                        r.version, eos.date
                    ),
                    &r.file,
                    eos.pos,
                ),
                Some(ann) => {
                    let rev = revision_on(policy, ann.date);
                    if notice_is_short(ann.date, eos.date, rev.sdk_min_notice_months) {
                        diags.report(
                            Code::NoticeTooShort,
                            format!(
                                "SDK {}: end of support on {} announced on {}, less than the {} notice the policy in force on the announcement date requires{}; announce by {}",
                                r.version,
                                eos.date,
                                ann.date,
                                months(rev.sdk_min_notice_months),
                                since(rev),
                                sub_months(eos.date, rev.sdk_min_notice_months)
                            ),
                            &r.file,
                            ann.pos,
                        );
                    }
                }
            }
        }
        for c in &r.components {
            let Some(dep) = site.dependency(&c.dependency) else {
                continue;
            };
            for (v, pos) in &c.versions {
                let Some(dv) = dep.version(v) else { continue };
                // The vendor's end; shipping past upstream's is W108 (check_upstream).
                if let Some(eos) = dv.vendor_eos()
                    && eos.date <= released
                    && dv.removed_in.is_none()
                {
                    diags.report(
                        Code::ShipsEndOfSupport,
                        format!(
                            "release {} ({released}) ships {} {v}, which reached end of support on {}",
                            r.version, dep.name, eos.date
                        ),
                        &r.file,
                        *pos,
                    );
                }
            }
        }
    }
    for dep in &site.dependencies {
        for v in &dep.versions {
            // Notice is about the vendor's own decisions, not the community's dates.
            let end = v.vendor_maintenance().or(v.vendor_eos());
            match (v.announced, end) {
                (Some(ann), Some(end)) => {
                    let rev = revision_on(policy, ann.date);
                    if notice_is_short(ann.date, end.date, rev.dependency_min_notice_months) {
                        diags.report(
                            Code::NoticeTooShort,
                            format!(
                                "{} {}: {} on {} announced on {}, less than the {} notice the policy in force on the announcement date requires{}",
                                dep.name,
                                v.version,
                                if v.vendor_maintenance().is_some() { "maintenance" } else { "end of support" },
                                end.date,
                                ann.date,
                                months(rev.dependency_min_notice_months),
                                since(rev)
                            ),
                            &dep.file,
                            ann.pos,
                        );
                    }
                }
                (None, _) => {
                    if let Some(eos) = v.vendor_eos() {
                        diags.report(
                            Code::EosWithoutAnnouncement,
                            format!("{} {} has an eos ({}) but no `announced` date: when were users told?", dep.name, v.version, eos.date),
                            &dep.file,
                            eos.pos.or(v.pos),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

/// The checks that need the as-of date (a projection counts from successors released by
/// then): a stated `eos` earlier than the rule projects (support shorter than the policy
/// promises, like W101), and a projected end of support within `min_notice_months` of the
/// as-of date that nobody has announced (the vendor must announce now to keep the policy).
pub fn check_projections(
    site: &Site,
    schedule: &crate::schedule::Schedule,
    diags: &mut Diagnostics,
) {
    let policy = &site.config.policy;
    let as_of = schedule.as_of;
    for (i, r) in site.releases.iter().enumerate() {
        let projected = schedule.projections.release_dates[i];
        if let (Some(eos), Some(p)) = (r.eos, projected)
            && eos.date < p
        {
            diags.report(
                Code::EosBeforeProjection,
                format!(
                    "SDK {} ends on {}, before {p}, which the policy's projected_eos rule gives it",
                    r.version, eos.date
                ),
                &r.file,
                eos.pos,
            );
        }
        if let Some(e) = schedule.release_eos[i].filter(|e| e.projected)
            && r.eos_announced.is_none()
        {
            let notice = revision_on(policy, as_of).sdk_min_notice_months;
            if in_notice_period(e.date, as_of, notice) {
                diags.report(
                    Code::ProjectionNeedsNotice,
                    format!(
                        "SDK {} reaches its projected end of support on {}, within the {} of notice the policy requires, and nobody has announced it: announce it now (lifecycle announce --sdk {} --eos {})",
                        r.version,
                        e.date,
                        months(notice),
                        r.version,
                        e.date
                    ),
                    &r.file,
                    r.version_pos,
                );
            }
        }
    }
    for (di, d) in site.dependencies.iter().enumerate() {
        for (vi, v) in d.versions.iter().enumerate() {
            let projected = schedule.projections.dependency_dates[di][vi];
            if let (Some(eos), Some(p)) = (v.vendor_eos(), projected)
                && v.removed_in.is_none()
                && eos.date < p
            {
                diags.report(
                    Code::EosBeforeProjection,
                    format!(
                        "{} {} ends on {}, before {p}, which the policy's projected_eos rule gives it",
                        d.name, v.version, eos.date
                    ),
                    &d.file,
                    eos.pos,
                );
            }
            if let Some(e) = schedule.dependency_eos[di][vi].filter(|e| e.projected)
                && v.announced.is_none()
            {
                let notice = revision_on(policy, as_of).dependency_min_notice_months;
                if in_notice_period(e.date, as_of, notice) {
                    diags.report(
                        Code::ProjectionNeedsNotice,
                        format!(
                            "{} {} reaches its projected end of support on {}, within the {} of notice the policy requires, and nobody has announced it",
                            d.name,
                            v.version,
                            e.date,
                            months(notice)
                        ),
                        &d.file,
                        v.pos,
                    );
                }
            }
        }
    }
}

/// The checks against the upstream schedule (docs/lifecycle.md#upstream), each skipped when
/// the date it needs is not published: a release shipping a version already past its
/// upstream end of life (W108), a vendor end of support promised past it (W109), and an
/// upstream end of life within the notice period that the vendor has not announced (W110).
pub fn check_upstream(site: &Site, schedule: &crate::schedule::Schedule, diags: &mut Diagnostics) {
    let as_of = schedule.as_of;
    for r in &site.releases {
        let released = r.released.date;
        for c in &r.components {
            let Some(dep) = site.dependency(&c.dependency) else {
                continue;
            };
            for (v, pos) in &c.versions {
                if let Some(eol) = dep.version(v).and_then(|dv| dv.upstream_eol())
                    && eol.date <= released
                {
                    diags.report(
                        Code::ShipsPastUpstreamEol,
                        format!(
                            "release {} ({released}) ships {} {v}, which reached its upstream end of life on {}",
                            r.version, dep.name, eol.date
                        ),
                        &r.file,
                        *pos,
                    );
                }
            }
        }
    }
    let notice = revision_on(&site.config.policy, as_of).dependency_min_notice_months;
    for dep in &site.dependencies {
        for v in &dep.versions {
            let Some(eol) = v.upstream_eol() else {
                continue;
            };
            if let Some(eos) = v.vendor_eos()
                && eos.date > eol.date
            {
                diags.report(
                    Code::EosAfterUpstreamEol,
                    format!(
                        "{} {} is supported until {}, past its upstream end of life on {}: the community fixes nothing after that",
                        dep.name, v.version, eos.date, eol.date
                    ),
                    &dep.file,
                    eos.pos,
                );
            }
            let announced = v.announced.is_some_and(|a| a.date <= as_of)
                || schedule.about.names_version(&dep.id, &v.version);
            let ended = v.vendor_eos().is_some_and(|e| e.date <= as_of);
            if !announced && !ended && in_notice_period(eol.date, as_of, notice) {
                diags.report(
                    Code::UpstreamEolNeedsNotice,
                    format!(
                        "{} {} reaches its upstream end of life on {}, within the {} of notice the policy requires, and the vendor has not announced it: announce it now (lifecycle announce --dependency {} --version {} --eos {})",
                        dep.name,
                        v.version,
                        eol.date,
                        months(notice),
                        dep.id,
                        v.version,
                        eol.date
                    ),
                    &dep.file,
                    eol.pos.or(v.pos),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn policy() -> Vec<PolicyRevision> {
        vec![
            PolicyRevision {
                effective: Some(d("2022-10-10")),
                page: None,
                page_pos: None,
                sdk_min_support_months: 12,
                sdk_min_notice_months: 3,
                dependency_min_notice_months: 0,
                sdk_projected: None,
                dependency_projected: None,
            },
            PolicyRevision {
                effective: Some(d("2024-09-16")),
                page: None,
                page_pos: None,
                sdk_min_support_months: 0,
                sdk_min_notice_months: 1,
                dependency_min_notice_months: 1,
                sdk_projected: None,
                dependency_projected: None,
            },
        ]
    }

    #[test]
    fn the_revision_in_force_on_the_date_applies() {
        let p = policy();
        assert_eq!(
            revision_on(&p, d("2020-01-01")).sdk_min_notice_months,
            3,
            "earliest governs earlier dates"
        );
        assert_eq!(revision_on(&p, d("2024-09-15")).sdk_min_notice_months, 3);
        assert_eq!(revision_on(&p, d("2024-09-16")).sdk_min_notice_months, 1);
    }

    #[test]
    fn three_months_notice_exactly_vs_one_day_late() {
        assert!(!notice_is_short(d("2025-02-28"), d("2025-05-31"), 3));
        assert!(notice_is_short(d("2025-03-01"), d("2025-05-31"), 3));
        assert!(!notice_is_short(d("2025-01-15"), d("2025-04-15"), 3));
        assert!(notice_is_short(d("2025-01-16"), d("2025-04-15"), 3));
    }

    #[test]
    fn support_length_uses_calendar_months() {
        assert!(!support_is_short(d("2023-02-28"), d("2024-02-28"), 12));
        assert!(support_is_short(d("2023-02-28"), d("2024-02-27"), 12));
        assert!(
            !support_is_short(d("2024-02-29"), d("2025-02-28"), 12),
            "leap day plus a year clamps to Feb 28"
        );
    }
}
