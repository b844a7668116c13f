//! `lifecycle serve`: render the site in memory, serve it over HTTP, rebuild on every change
//! and make open tabs reload (or show the errors) by themselves. Nothing is written to disk.
//!
//! One thread runs the server and prints: `main` holds the stdout and stderr locks while a
//! command runs, so printing from another thread would block. Builds run on a blocking-pool
//! thread and hand their report back to be printed here.

pub mod files;
pub mod http;
pub mod watch;

use crate::diagnostics::report::counts;
use crate::diagnostics::{Diagnostic, Severity};
use crate::pipeline::{self, BuildOptions};
use chrono::NaiveDate;
use files::{Files, Snapshot};
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch as channel};

/// How many ports after `--port` to try when it is taken.
const PORT_TRIES: u16 = 100;

/// What to serve and where. Built by `cmd::serve` from its flags; nothing here knows clap.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub site: PathBuf,
    /// An IP address, as written (`127.0.0.1`, `::1`).
    pub bind: String,
    /// 0 picks any free port; a taken one moves to the next free one.
    pub port: u16,
    /// As-of date and strictness; `base_url` is replaced by the local address.
    pub build: BuildOptions,
}

/// Returns the exit code: 0 stopped by Ctrl-C (or SIGTERM), 2 bad flags or no port to bind.
/// Site errors do not end `serve`: they are shown until they are fixed.
pub fn run(args: &ServeOptions) -> i32 {
    let Some(ip) = parse_bind(&args.bind) else {
        eprintln!(
            "error: --bind {:?} is not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0)",
            args.bind
        );
        return 2;
    };
    let root = match args.site.canonicalize() {
        Ok(p) if p.is_dir() => p,
        _ => {
            eprintln!("error: --site {} is not a directory", args.site.display());
            return 2;
        }
    };
    let listener = match bind(ip, args.port) {
        Ok(l) => l,
        Err(msg) => {
            eprintln!("error: {msg}");
            return 2;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: cannot read the bound address: {e}");
            return 2;
        }
    };
    if args.port != 0 && addr.port() != args.port {
        eprintln!("port {} is in use; using {}", args.port, addr.port());
    }
    // SocketAddr prints IPv6 in brackets, as a URL needs.
    let url = format!("http://{addr}/");
    println!("Serving at {url}");
    let _ = std::io::stdout().flush();
    let ctx = Ctx {
        root,
        opts: BuildOptions {
            base_url: Some(url),
            ..args.build.clone()
        },
        nonce: nonce(),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the server runtime: {e}");
            return 1;
        }
    };
    runtime.block_on(serve(ctx, listener))
}

/// `localhost` or an IP address.
fn parse_bind(s: &str) -> Option<IpAddr> {
    if s.eq_ignore_ascii_case("localhost") {
        return Some(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    s.trim_start_matches('[').trim_end_matches(']').parse().ok()
}

/// Bind `port`, or the next free one (0: any free port, chosen by the system).
fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, String> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES - 1)
    };
    for p in port..=last {
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => {
                l.set_nonblocking(true)
                    .map_err(|e| format!("cannot configure the socket: {e}"))?;
                return Ok(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(format!("cannot listen on {}: {e}", SocketAddr::new(ip, p))),
        }
    }
    Err(format!(
        "ports {port} to {last} on {ip} are all in use; pass --port 0 for any free port"
    ))
}

/// What every build needs.
struct Ctx {
    root: PathBuf,
    opts: BuildOptions,
    /// Distinguishes this process's build ids from a previous run's, so a tab left open
    /// across a restart of `serve` reloads too.
    nonce: u64,
}

fn nonce() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    t ^ u64::from(std::process::id()).rotate_left(32)
}

async fn serve(ctx: Ctx, listener: TcpListener) -> i32 {
    // Register the signal handlers first, so a Ctrl-C during the first build stops cleanly.
    let stop_signal = match stop_signal() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot handle Ctrl-C: {e}");
            return 1;
        }
    };
    tokio::pin!(stop_signal);
    let (change_tx, mut changes) = mpsc::unbounded_channel();
    let mut watcher = match watch::SiteWatcher::start(&ctx.root, change_tx) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!(
                "warning: cannot watch the site for changes ({e}); restart serve to see them"
            );
            None
        }
    };
    let (state_tx, state_rx) = channel::channel(Arc::new(Snapshot::starting()));
    let (stop_tx, mut stop_rx) = channel::channel(false);

    // The first build before the first request is answered: the listener is bound, so early
    // requests wait in its backlog instead of seeing a half-started server.
    let mut builds = 0u64;
    let mut session = Some(pipeline::Session::default());
    rebuild(&ctx, &state_tx, &mut builds, &mut session, None).await;

    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot serve: {e}");
            return 1;
        }
    };
    let app = http::router(http::App {
        site: state_rx,
        stop: stop_rx.clone(),
    });
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stop_rx.wait_for(|stopping| *stopping).await;
            })
            .await
    });
    eprintln!(
        "watching site.yaml, content/, templates/ and static/ in {}; press Ctrl-C to stop",
        ctx.root.display()
    );

    let mut watching = watcher.is_some();
    loop {
        tokio::select! {
            _ = &mut stop_signal => break,
            change = changes.recv(), if watching => match change {
                None => watching = false,
                Some(Err(e)) => eprintln!("warning: watching the site: {e}"),
                Some(Ok(mut paths)) => {
                    // Merge everything that queued up during the last build: one rebuild.
                    while let Ok(more) = changes.try_recv() {
                        match more {
                            Ok(p) => paths.extend(p),
                            Err(e) => eprintln!("warning: watching the site: {e}"),
                        }
                    }
                    paths.sort();
                    paths.dedup();
                    if let Some(w) = watcher.as_mut() {
                        for e in w.resync(&paths) {
                            eprintln!("warning: {e}");
                        }
                    }
                    rebuild(&ctx, &state_tx, &mut builds, &mut session, Some(&paths)).await;
                }
            },
        }
    }

    // End the event streams (open tabs would otherwise hold the graceful shutdown forever).
    let _ = stop_tx.send(true);
    match tokio::time::timeout(Duration::from_secs(3), server).await {
        Ok(Ok(Ok(()))) | Err(_) => {}
        Ok(Ok(Err(e))) => eprintln!("warning: the server stopped with an error: {e}"),
        Ok(Err(e)) => eprintln!("warning: the server task failed: {e}"),
    }
    drop(watcher);
    eprintln!("stopped");
    0
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM; the handlers are installed when this returns.
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut int = signal(SignalKind::interrupt())?;
        let mut term = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

/// One build's result, computed off the serving thread.
struct Built {
    id: String,
    /// When the edited files' pages were served, ahead of the rest (`render::Ahead`).
    ahead: Option<Duration>,
    /// The files as served, the number of HTML pages and of files: `None` if the site has errors.
    output: Option<(Files, usize, usize)>,
    diagnostics: Vec<Diagnostic>,
    as_of: Option<NaiveDate>,
    elapsed: Duration,
    /// The session for the next build.
    session: pipeline::Session,
}

fn build(
    root: &Path,
    opts: &BuildOptions,
    id: String,
    mut session: pipeline::Session,
    changed: Option<Vec<String>>,
    state: channel::Sender<Arc<Snapshot>>,
) -> Built {
    let start = Instant::now();
    // The edited files' pages are served as soon as they are rendered (for this build's
    // id, so open tabs reload to them); other requests wait for the whole build.
    let ahead_id = id.clone();
    let sent = std::sync::OnceLock::new();
    let sent_at = &sent;
    let ahead = move |pages: Vec<crate::render::Rendered>| {
        let now = state.borrow().clone();
        if now.build == files::NO_BUILD || pages.is_empty() {
            return;
        }
        let _ = sent_at.set(start.elapsed());
        let pages: Files = pages.into_iter().map(|r| (r.path, r.bytes)).collect();
        state.send_replace(Arc::new(Snapshot {
            build: ahead_id.clone(),
            files: now.files.clone(),
            error: None,
            ahead: Some(Arc::new(pages)),
        }));
    };
    let run = session.run_ahead(
        root,
        opts,
        pipeline::today_utc(),
        changed.as_deref(),
        Some(&ahead),
    );
    let diagnostics = run.diagnostics.into_sorted();
    let output = run.output.map(|o| {
        let (pages, count) = (o.html_pages, o.files.len());
        (o.files, pages, count)
    });
    let ahead = sent.get().copied();
    Built {
        id,
        ahead,
        output,
        diagnostics,
        as_of: run.as_of,
        elapsed: start.elapsed(),
        session,
    }
}

/// Build, print the outcome and publish it: a good build replaces the served site and
/// reloads the tabs; a failed one keeps the last good site and shows its errors.
async fn rebuild(
    ctx: &Ctx,
    state: &channel::Sender<Arc<Snapshot>>,
    builds: &mut u64,
    session: &mut Option<pipeline::Session>,
    changed: Option<&[String]>,
) {
    *builds += 1;
    let id = format!("{:016x}-{}", ctx.nonce, builds);
    let (root, opts) = (ctx.root.clone(), ctx.opts.clone());
    // A session lost to a crashed build starts again from nothing (a whole build).
    let (last, paths) = match session.take() {
        Some(s) => (s, changed.map(<[String]>::to_vec)),
        None => (pipeline::Session::default(), None),
    };
    let before = state.borrow().clone();
    let sender = state.clone();
    let built =
        match tokio::task::spawn_blocking(move || build(&root, &opts, id, last, paths, sender))
            .await
        {
            Ok(b) => b,
            Err(e) => {
                let msg = format!("error: the build crashed: {e}");
                eprintln!("{msg}");
                publish_error(state, &before, msg);
                return;
            }
        };
    let mut built = built;
    *session = Some(std::mem::take(&mut built.session));
    let mut err = std::io::stderr();
    let _ = print_report(&built, changed, &mut err);
    match built.output {
        Some((files, _, _)) => {
            state.send_replace(Arc::new(Snapshot {
                build: built.id,
                files: Arc::new(files),
                error: None,
                ahead: None,
            }));
        }
        None => publish_error(state, &before, error_text(&built.diagnostics)),
    }
}

/// Keep serving the last good files (if any) with `error` for the overlay: those of
/// `before` the rebuild began, without the pages it sent ahead.
fn publish_error(state: &channel::Sender<Arc<Snapshot>>, before: &Snapshot, error: String) {
    state.send_replace(Arc::new(Snapshot {
        build: before.build.clone(),
        files: before.files.clone(),
        error: Some(error),
        ahead: None,
    }));
}

/// The diagnostics as the terminal shows them, errors first: the overlay's text.
fn error_text(diagnostics: &[Diagnostic]) -> String {
    let mut list: Vec<&Diagnostic> = diagnostics.iter().collect();
    list.sort_by_key(|d| d.severity != Severity::Error);
    list.iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn print_report(
    built: &Built,
    changed: Option<&[String]>,
    err: &mut dyn Write,
) -> std::io::Result<()> {
    for d in &built.diagnostics {
        writeln!(err, "{d}\n")?;
    }
    let ms = built.elapsed.as_secs_f64() * 1000.0;
    let what = match changed {
        None => String::from("built"),
        Some(paths) => {
            let mut shown: Vec<&str> = paths.iter().take(3).map(String::as_str).collect();
            let more = paths.len().saturating_sub(shown.len());
            let extra = format!("{more} more");
            if more > 0 {
                shown.push(&extra);
            }
            format!("{} changed: rebuilt", shown.join(", "))
        }
    };
    let errors = count(&built.diagnostics, Severity::Error);
    let warnings = count(&built.diagnostics, Severity::Warning);
    match &built.output {
        Some((_, pages, files)) => writeln!(
            err,
            "{what} {pages} pages ({files} files) as of {} in {ms:.0} ms{}{}",
            built.as_of.map(|d| d.to_string()).unwrap_or_default(),
            match built.ahead {
                Some(at) => format!(
                    " (the edited pages served after {:.0} ms)",
                    at.as_secs_f64() * 1000.0
                ),
                None => String::new(),
            },
            if warnings > 0 {
                format!(": {}", counts(0, warnings))
            } else {
                String::new()
            }
        ),
        None => writeln!(
            err,
            "{} in {ms:.0} ms: {}; {}",
            if changed.is_some() {
                "rebuild failed"
            } else {
                "build failed"
            },
            counts(errors, warnings),
            if changed.is_some() {
                "still serving the last good build, with the errors shown in the browser"
            } else {
                "serving the errors until they are fixed"
            }
        ),
    }
}

fn count(list: &[Diagnostic], severity: Severity) -> usize {
    list.iter().filter(|d| d.severity == severity).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_addresses_parse() {
        assert_eq!(
            parse_bind("127.0.0.1"),
            Some(IpAddr::V4(Ipv4Addr::LOCALHOST))
        );
        assert_eq!(
            parse_bind("localhost"),
            Some(IpAddr::V4(Ipv4Addr::LOCALHOST))
        );
        assert_eq!(parse_bind("[::1]"), Some("::1".parse().unwrap()));
        assert_eq!(parse_bind("example.com"), None);
    }

    #[test]
    fn a_taken_port_moves_to_the_next_free_one() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let l = bind(IpAddr::V4(Ipv4Addr::LOCALHOST), port).unwrap();
        assert!(l.local_addr().unwrap().port() > port);
    }
}
