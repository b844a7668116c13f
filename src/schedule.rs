//! The schedule: what is true of the site as of one date, computed once per build
//! (docs/lifecycle.md). Every version's phase, every dated lifecycle event (maintenance
//! starts, end of support), the "EOS in N days" reminders that are due, and the announcements
//! published. Pages, feeds, the calendar, the timeline and badges all read it instead of
//! walking the dates themselves. Pure: no clock, no I/O.

use crate::announcements::{self, About, Published};
use crate::lifecycle::{self, Phase};
use crate::model::Site;
use crate::projection::{self, Eos, Projections};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// What an event or reminder is about: indexes into `site.releases`, or into
/// `site.dependencies` and that dependency's `versions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    Sdk(usize),
    Dependency(usize, usize),
}

/// The kind of a dated event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    /// A dependency version enters maintenance.
    Maintenance,
    /// End of support (SDK release or dependency version).
    Eos,
}

impl EventKind {
    /// The id templates, calendar UIDs and CSS see: `maintenance`, `eos`.
    pub fn id(self) -> &'static str {
        match self {
            EventKind::Maintenance => "maintenance",
            EventKind::Eos => "eos",
        }
    }
}

/// One dated event of a version's life-cycle.
#[derive(Clone, Debug, Hash)]
pub struct Event {
    pub date: NaiveDate,
    pub kind: EventKind,
    pub subject: Subject,
    /// The version as people name it: `Neuron SDK 2.21.0`, `PyTorch 2.1`.
    pub label: String,
    /// The version's phase as of the build date (tables label it "Phase now"), not the
    /// phase the event leads to: a version ending next month is still supported today.
    pub phase_now: Phase,
    /// When the end of support was announced in the data (`eos_announced` / `announced`).
    pub announced: Option<NaiveDate>,
    /// An end of support projected from the policy, not stated (no reminder, a tentative
    /// calendar event).
    pub projected: bool,
}

/// An "EOS in N days" reminder that is due as of the build date.
#[derive(Clone, Debug, Hash)]
pub struct Reminder {
    pub days: u32,
    /// The reminder's own date: `days` before the end of support.
    pub date: NaiveDate,
    /// Index into `Schedule::events` of the end of support it is about.
    pub event: usize,
}

/// Everything that depends on the as-of date.
#[derive(Debug)]
pub struct Schedule {
    pub as_of: NaiveDate,
    /// Phase of each release, in `site.releases` order.
    pub releases: Vec<Phase>,
    /// Phase of each dependency version, in `site.dependencies[d].versions` order.
    pub dependencies: Vec<Vec<Phase>>,
    /// End of support of each release: stated, else projected from the policy.
    pub release_eos: Vec<Option<Eos>>,
    /// End of support of each dependency version, likewise.
    pub dependency_eos: Vec<Vec<Option<Eos>>>,
    /// What the policy's rules imply, stated dates or not (for the checks and the words).
    pub projections: Projections,
    /// Index into `site.releases` of the latest released version.
    pub latest: Option<usize>,
    /// Every maintenance and end-of-support date, by date then label.
    pub events: Vec<Event>,
    /// Reminders due as of `as_of` (see `reminders`), in event order, longest notice first.
    pub reminders: Vec<Reminder>,
    /// Announcements published as of `as_of`, newest first (hand-written and derived).
    pub published: Vec<Published>,
    /// `published` by what each announcement affects.
    pub about: About,
}

impl Schedule {
    pub fn new(site: &Site, as_of: NaiveDate) -> Schedule {
        // What is published reads only the site and the date: it is worked out beside the
        // phases and events (each ~10 ms at 10,000 releases, one core otherwise idle).
        let (mut schedule, (published, about)) = rayon::join(
            || Schedule::dated(site, as_of),
            || {
                let published = announcements::published(site, as_of);
                let about = About::new(&published);
                (published, about)
            },
        );
        schedule.published = published;
        schedule.about = about;
        schedule
    }

    /// Events from the as-of date to `days` after it, soonest first, with the days left.
    pub fn upcoming(&self, days: i64) -> impl Iterator<Item = (&Event, i64)> {
        self.events.iter().filter_map(move |e| {
            let left = (e.date - self.as_of).num_days();
            (0..=days).contains(&left).then_some((e, left))
        })
    }

    /// Everything that follows from the dates (phases, projected ends, events), without
    /// the published announcements.
    fn dated(site: &Site, as_of: NaiveDate) -> Schedule {
        let projections = Projections::new(site, as_of);
        let release_eos: Vec<Option<Eos>> = site
            .releases
            .iter()
            .zip(&projections.release_dates)
            .map(|(r, p)| projection::effective(r.eos.map(|d| d.date), p.filter(|_| !r.eos_begun)))
            .collect();
        let dependency_eos: Vec<Vec<Option<Eos>>> = site
            .dependencies
            .iter()
            .zip(&projections.dependency_dates)
            .map(|(d, dates)| {
                d.versions
                    .iter()
                    .zip(dates)
                    // An end known to have passed (`eos: true`) is not projected.
                    .map(|(v, p)| {
                        projection::effective(v.eos.map(|d| d.date), p.filter(|_| !v.eos_begun))
                    })
                    .collect()
            })
            .collect();
        // Phases follow projected dates like stated ones.
        let releases: Vec<Phase> = site
            .releases
            .iter()
            .zip(&release_eos)
            .map(|(r, eos)| lifecycle::release_phase(r, eos.map(|e| e.date), as_of))
            .collect();
        let dependencies: Vec<Vec<Phase>> = site
            .dependencies
            .iter()
            .zip(&dependency_eos)
            .map(|(d, eos)| {
                d.versions
                    .iter()
                    .zip(eos)
                    .map(|(v, eos)| {
                        lifecycle::DependencyDates::of(v, eos.map(|e| e.date)).phase(as_of)
                    })
                    .collect()
            })
            .collect();
        let latest = site.releases.iter().rposition(|r| r.released.date <= as_of);
        let events = events(
            site,
            &releases,
            &dependencies,
            &release_eos,
            &dependency_eos,
        );
        let reminders = reminders(&events, &site.config.reminders_days, as_of);
        Schedule {
            as_of,
            releases,
            dependencies,
            release_eos,
            dependency_eos,
            projections,
            latest,
            events,
            reminders,
            published: Vec::new(),
            about: About::default(),
        }
    }
}

/// Every dated end: SDK eos, dependency maintenance and eos (stated or projected).
fn events(
    site: &Site,
    releases: &[Phase],
    dependencies: &[Vec<Phase>],
    release_eos: &[Option<Eos>],
    dependency_eos: &[Vec<Option<Eos>>],
) -> Vec<Event> {
    let mut out = Vec::new();
    for (i, r) in site.releases.iter().enumerate() {
        if let Some(eos) = release_eos[i] {
            out.push(Event {
                date: eos.date,
                kind: EventKind::Eos,
                subject: Subject::Sdk(i),
                label: format!("{} {}", site.config.product, r.version),
                phase_now: releases[i],
                announced: r.eos_announced.map(|d| d.date),
                projected: eos.projected,
            });
        }
    }
    for (di, d) in site.dependencies.iter().enumerate() {
        for (vi, v) in d.versions.iter().enumerate() {
            let label = format!("{} {}", d.name, v.version);
            let phase_now = dependencies[di][vi];
            let announced = v.announced.map(|d| d.date);
            if let Some(m) = v.maintenance {
                out.push(Event {
                    date: m.date,
                    kind: EventKind::Maintenance,
                    subject: Subject::Dependency(di, vi),
                    label: label.clone(),
                    phase_now,
                    announced,
                    projected: false,
                });
            }
            if let Some(eos) = dependency_eos[di][vi] {
                out.push(Event {
                    date: eos.date,
                    kind: EventKind::Eos,
                    subject: Subject::Dependency(di, vi),
                    label,
                    phase_now,
                    announced,
                    projected: eos.projected,
                });
            }
        }
    }
    // Stable: an SDK release and a dependency version may share a label and a date.
    out.sort_by(|a, b| (a.date, &a.label).cmp(&(b.date, &b.label)));
    out
}

/// The "EOS in N days" reminders due as of `as_of`, one per distinct N (`[30, 30]` must
/// not give two items with one guid). A reminder is due on its day, never before (no
/// future-dated items), and never dated before the end of support was announced: a short
/// notice would otherwise bring, on the announcement day, a backdated "in 90 days" that was
/// never true, and a future-dated announcement would be pre-empted by its own reminder.
fn reminders(events: &[Event], days: &[u32], as_of: NaiveDate) -> Vec<Reminder> {
    let days: BTreeSet<u32> = days.iter().copied().collect();
    let mut out = Vec::new();
    for (i, e) in events.iter().enumerate() {
        // A projection is no promise: nobody is reminded of it.
        if e.kind != EventKind::Eos || e.projected {
            continue;
        }
        for &n in days.iter().rev() {
            let Some(date) = e.date.checked_sub_days(chrono::Days::new(u64::from(n))) else {
                continue;
            };
            if date > as_of || e.announced.is_some_and(|a| date < a) {
                continue;
            }
            out.push(Reminder {
                days: n,
                date,
                event: i,
            });
        }
    }
    out
}
