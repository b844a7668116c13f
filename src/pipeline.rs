//! The pipeline every command shares: load -> validate -> policy -> schedule -> render (in
//! memory). Sinks (write, serve, publish) take the `Output` from here. The one clock reading
//! of the program, `today_utc`, is here too, used only when nothing else sets the as-of date.

use crate::diagnostics::Diagnostics;
use crate::lifecycle::resolve_as_of;
use crate::model::Site;
use crate::render::{self, Output, RenderOptions};
use crate::schedule::Schedule;
use chrono::NaiveDate;
use std::path::Path;

/// Options shared by `check`, `build`, `serve` and `publish`.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    pub as_of: Option<NaiveDate>,
    pub base_url: Option<String>,
    pub strict: bool,
    /// The process exits right after this run (`build`): what the stages built for it is
    /// left to the OS, which takes the memory back at once, instead of being freed piece by
    /// piece (hundreds of thousands of allocations, ~0.1 s at 10,000 releases).
    pub exiting: bool,
}

/// The outcome of a run: the site (if site.yaml was usable), the rendered output (if there
/// were no errors), and every diagnostic, `--strict` already applied.
pub struct Run {
    pub site: Option<Site>,
    pub output: Option<Output>,
    pub diagnostics: Diagnostics,
    pub as_of: Option<NaiveDate>,
}

/// Load and check a site without rendering it.
pub fn load_and_check(root: &Path, strict: bool) -> (Option<Site>, Diagnostics) {
    let t0 = std::time::Instant::now();
    let cache = crate::load::Cache::load(root);
    check_loaded(&cache, strict, t0, None)
}

/// Validate and policy-check what was read (`t0`: when reading started, for timings).
fn check_loaded(
    cache: &crate::load::Cache,
    strict: bool,
    t0: std::time::Instant,
    memo: Option<&mut crate::validate::Memo>,
) -> (Option<Site>, Diagnostics) {
    let mut diagnostics = cache.diagnostics();
    let t1 = std::time::Instant::now();
    let site = crate::validate::validate_with(&cache.loaded, &mut diagnostics, memo);
    if crate::timings() {
        eprintln!(
            "timings: load {} ms, validate {} ms",
            (t1 - t0).as_millis(),
            t1.elapsed().as_millis()
        );
    }
    if let Some(site) = &site {
        crate::policy::check_policy(site, &mut diagnostics);
    }
    if strict || site.as_ref().is_some_and(|s| s.config.strict) {
        diagnostics.make_strict();
    }
    (site, diagnostics)
}

/// The whole pipeline up to the in-memory site. `today` is the caller's clock reading,
/// used only when neither flag, site.yaml nor SOURCE_DATE_EPOCH sets the as-of date.
pub fn run(root: &Path, opts: &BuildOptions, today: NaiveDate) -> Run {
    let started = std::time::Instant::now();
    let cache = crate::load::Cache::load(root);
    let run = run_loaded(&cache, opts, today, None, started);
    if opts.exiting {
        std::mem::forget(cache);
    }
    run
}

/// The pipeline kept between runs, for `serve`: what was read of the site and the render
/// memo. After an edit, `run` re-reads only the files that changed and renders only the
/// outputs whose inputs changed; what it returns is what `run` of a fresh build would
/// (docs/commands.md#serve; `tests/serve/incremental.rs` checks it).
#[derive(Default)]
pub struct Session {
    load: Option<crate::load::Cache>,
    validated: crate::validate::Memo,
    memo: render::memo::Memo,
}

impl Session {
    /// Run after `changed` (paths relative to `root`, `/`-separated); `None`: anything may
    /// have changed (the first run, or a watcher that lost track).
    pub fn run(
        &mut self,
        root: &Path,
        opts: &BuildOptions,
        today: NaiveDate,
        changed: Option<&[String]>,
    ) -> Run {
        self.run_ahead(root, opts, today, changed, None)
    }

    /// `run`, sending the pages of the changed files to `ahead` as soon as they are
    /// rendered, before the rest of the site (`render::Ahead`). Nothing is sent when the
    /// change renders everything, or when the site has errors.
    pub fn run_ahead(
        &mut self,
        root: &Path,
        opts: &BuildOptions,
        today: NaiveDate,
        changed: Option<&[String]>,
        ahead: Option<&(dyn Fn(Vec<render::Rendered>) + Sync)>,
    ) -> Run {
        let started = std::time::Instant::now();
        match (&mut self.load, changed) {
            (Some(cache), Some(changed)) => cache.update(root, changed),
            _ => self.load = Some(crate::load::Cache::load(root)),
        }
        // The memo's fingerprints cover the data, not the templates that render it, nor
        // the site's settings beneath the views: those changes render everything.
        let everything = changed.is_none_or(|c| c.iter().any(|p| renders_everything(p)));
        if everything {
            self.memo = render::memo::Memo::default();
        }
        let ahead = changed
            .zip(ahead)
            .filter(|_| !everything)
            .map(|(changed, send)| render::Ahead { changed, send });
        let cache = self.load.as_ref().expect("loaded above");
        let kept = Kept {
            validated: &mut self.validated,
            rendered: &mut self.memo,
            ahead,
        };
        run_loaded(cache, opts, today, Some(kept), started)
    }
}

/// Whether a change to `path` (relative to the site) makes every output stale whatever the
/// data: templates and site.yaml (and static files, whose links the memo does not track).
pub fn renders_everything(path: &str) -> bool {
    path == crate::load::SITE_FILE
        || ["templates", "static"]
            .iter()
            .any(|d| path == *d || path.starts_with(&format!("{d}/")))
}

/// What a `Session` lends one run: what it kept of the last one, and where to send the
/// edited files' pages.
struct Kept<'s> {
    validated: &'s mut crate::validate::Memo,
    rendered: &'s mut render::memo::Memo,
    ahead: Option<render::Ahead<'s>>,
}

fn run_loaded(
    cache: &crate::load::Cache,
    opts: &BuildOptions,
    today: NaiveDate,
    mut kept: Option<Kept>,
    started: std::time::Instant,
) -> Run {
    let validated = kept.as_mut().map(|k| &mut *k.validated);
    let (site, mut diagnostics) = check_loaded(cache, opts.strict, started, validated);
    let checked = started.elapsed();
    let Some(site) = site else {
        return Run {
            site: None,
            output: None,
            diagnostics,
            as_of: None,
        };
    };
    let as_of = match as_of(opts.as_of, &site, today) {
        Ok(a) => a,
        Err(msg) => {
            diagnostics.push(crate::diagnostics::Diagnostic::new(
                crate::diagnostics::Code::BadConfig,
                msg,
            ));
            return Run {
                site: Some(site),
                output: None,
                diagnostics,
                as_of: None,
            };
        }
    };
    // The projection and upstream checks need the schedule, so they run after it; strictness applies to
    // them too. Errors from either stage stop before render.
    let schedule = (!diagnostics.has_errors()).then(|| {
        let t = std::time::Instant::now();
        let schedule = Schedule::new(&site, as_of);
        let t_schedule = t.elapsed();
        crate::policy::check_projections(&site, &schedule, &mut diagnostics);
        crate::policy::check_upstream(&site, &schedule, &mut diagnostics);
        if crate::timings() {
            eprintln!(
                "timings: schedule {} ms, projection and upstream checks {} ms",
                t_schedule.as_millis(),
                (t.elapsed() - t_schedule).as_millis()
            );
        }
        if opts.strict || site.config.strict {
            diagnostics.make_strict();
        }
        schedule
    });
    let Some(schedule) = schedule.filter(|_| !diagnostics.has_errors()) else {
        return Run {
            site: Some(site),
            output: None,
            diagnostics,
            as_of: Some(as_of),
        };
    };
    let render_opts = RenderOptions {
        base_url: opts.base_url.clone(),
        exiting: opts.exiting,
    };
    let rendered = match kept {
        Some(Kept {
            rendered: memo,
            ahead,
            ..
        }) => {
            let (out, next, (reused, fresh)) =
                render::render_incremental(&site, &schedule, &render_opts, memo, ahead);
            *memo = next;
            if crate::timings() {
                eprintln!("timings: render reused {reused} outputs, rendered {fresh}");
            }
            out
        }
        None => render::render(&site, &schedule, &render_opts),
    };
    let output = match rendered {
        Ok(o) => Some(o),
        Err(ds) => {
            diagnostics.extend(ds);
            None
        }
    };
    // For benchmarks: where a build's time goes (BENCHMARKS.md).
    if crate::timings() {
        eprintln!(
            "timings: load+validate+policy {} ms, render {} ms",
            checked.as_millis(),
            (started.elapsed() - checked).as_millis()
        );
    }
    if opts.exiting {
        std::mem::forget(schedule);
    }
    Run {
        site: Some(site),
        output,
        diagnostics,
        as_of: Some(as_of),
    }
}

/// The as-of date for `site` (docs/lifecycle.md#as-of): the flag, else site.yaml's `as_of`, else
/// `SOURCE_DATE_EPOCH`, else `today`.
pub fn as_of(flag: Option<NaiveDate>, site: &Site, today: NaiveDate) -> Result<NaiveDate, String> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    resolve_as_of(flag, site.config.as_of, epoch.as_deref(), today)
}

/// Today in UTC: the one clock reading. Commands pass it into `run`; nothing below reads
/// the clock.
pub fn today_utc() -> NaiveDate {
    chrono::Utc::now().date_naive()
}
