//! Serve benchmark: how long after an edit the new bytes are served.
//!
//! ```text
//! serve-bench lifecycle BIN SITE [--edits N] [--port P]
//! serve-bench hugo SITE [--edits N] [--port P]
//! ```
//!
//! Starts `lifecycle serve` (or `hugo server`, fast render mode) on a generated corpus
//! (`gen-site`), waits for the first build, then edits one release file N times (default
//! 10), in turn its summary line, its end-of-support date and its components (lifecycle),
//! or a line of its page (Hugo), and times each edit from the write to the moment the
//! release's page is served with the new bytes, polling every 2 ms, and (lifecycle) to the
//! moment the whole site is the new build's: serve sends the edited file's pages ahead of
//! the rest of a rebuild and makes other requests wait for it, so the home page's answer
//! marks the end. Prints one line per edit and `median_ms` (and `median_whole_ms`) lines. `benches/serve.sh` runs it for both tools; the figures go
//! in BENCHMARKS.md. Not a test: timing depends on the machine.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(agent: &ureq::Agent, url: &str) -> Option<String> {
    let mut r = agent.get(url).call().ok()?;
    r.body_mut().read_to_string().ok()
}

/// Poll `url` until `ready` accepts its body; the time it took.
fn wait_for(
    agent: &ureq::Agent,
    url: &str,
    limit: Duration,
    ready: impl Fn(&str) -> bool,
) -> Duration {
    let start = Instant::now();
    loop {
        if let Some(body) = get(agent, url)
            && ready(&body)
        {
            return start.elapsed();
        }
        if start.elapsed() > limit {
            eprintln!("no new bytes at {url} after {limit:?}");
            std::process::exit(1);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The release file to edit: the middle one of those with an `eos:` line that no
/// announcement states (so that moving it a day later keeps the corpus valid).
fn pick_release(dir: &Path) -> PathBuf {
    let announced: String = std::fs::read_dir(dir.join("../announcements"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("content/releases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let version = p.file_stem().unwrap_or_default().to_string_lossy();
            !announced.contains(&format!("sdk: {version} "))
                && std::fs::read_to_string(p)
                    .is_ok_and(|t| t.lines().any(|l| l.starts_with("eos: ")))
        })
        .collect();
    files.sort();
    files.swap_remove(files.len() / 2)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: serve-bench lifecycle BIN SITE [--edits N] [--port P] | serve-bench hugo SITE [--edits N] [--port P]";
    let flag = |name: &str, default: u64| -> u64 {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map_or(default, |v| v.parse().expect(usage))
    };
    let edits = flag("--edits", 10) as usize;
    let port = flag("--port", 18_181) as u16;
    let tool = args.get(1).expect(usage).as_str();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into();
    let base = format!("http://127.0.0.1:{port}");
    let mut times = Vec::new();
    let mut wholes = Vec::new();
    match tool {
        "lifecycle" => {
            let (bin, site) = (
                args.get(2).expect(usage),
                PathBuf::from(args.get(3).expect(usage)),
            );
            let file = pick_release(&site.join("content/releases"));
            let version = file.file_stem().unwrap().to_string_lossy().into_owned();
            let original = std::fs::read_to_string(&file).unwrap();
            let started = Instant::now();
            let _server = Server(
                Command::new(bin)
                    .args([
                        "serve",
                        "--as-of",
                        "2026-11-25",
                        "--port",
                        &port.to_string(),
                        "--site",
                    ])
                    .arg(&site)
                    .stdout(Stdio::null())
                    // LIFECYCLE_TIMINGS=1 shows where each rebuild's time goes.
                    .stderr(if std::env::var_os("LIFECYCLE_TIMINGS").is_some() {
                        Stdio::inherit()
                    } else {
                        Stdio::null()
                    })
                    .spawn()
                    .expect("start lifecycle serve"),
            );
            let url = format!("{base}/releases/{version}/");
            wait_for(&agent, &url, Duration::from_secs(300), |b| {
                b.contains(&version)
            });
            eprintln!("first build served after {:?}", started.elapsed());
            let mut text = original.clone();
            let mut dropped = None;
            for k in 0..edits {
                let before = get(&agent, &url).unwrap_or_default();
                let (what, next, marker) = edit(&text, k, &mut dropped);
                // Let the watcher's debounce of the previous edit pass.
                std::thread::sleep(Duration::from_millis(300));
                std::fs::write(&file, &next).unwrap();
                let written = Instant::now();
                let took = wait_for(&agent, &url, Duration::from_secs(120), |b| {
                    b != before && marker.as_deref().is_none_or(|m| b.contains(m))
                });
                // While a rebuild runs, serve answers other pages once it has finished:
                // the home page's answer tells when the whole site is the new build's.
                let _ = get(&agent, &format!("{base}/"));
                let whole = written.elapsed();
                println!(
                    "edit {k} ({what}): {:.1} ms (whole site {:.1} ms)",
                    took.as_secs_f64() * 1e3,
                    whole.as_secs_f64() * 1e3
                );
                times.push(took.as_secs_f64() * 1e3);
                wholes.push(whole.as_secs_f64() * 1e3);
                text = next;
            }
            std::fs::write(&file, original).unwrap();
        }
        "hugo" => {
            let site = PathBuf::from(args.get(2).expect(usage));
            let dir = site.join("content/releases");
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .expect("content/releases")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            files.sort();
            let file = files.swap_remove(files.len() / 2);
            let slug = file.file_stem().unwrap().to_string_lossy().into_owned();
            let original = std::fs::read_to_string(&file).unwrap();
            let started = Instant::now();
            let _server = Server(
                Command::new("hugo")
                    .args([
                        "server",
                        "--port",
                        &port.to_string(),
                        "--bind",
                        "127.0.0.1",
                        // Served at the root like lifecycle serve (the corpus baseURL has a path).
                        "--baseURL",
                        "http://127.0.0.1/",
                        "--source",
                    ])
                    .arg(&site)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("start hugo server"),
            );
            let url = format!("{base}/releases/{slug}/");
            wait_for(&agent, &url, Duration::from_secs(600), |b| {
                b.contains("<html")
            });
            eprintln!("first build served after {:?}", started.elapsed());
            for k in 0..edits {
                let marker = format!("Bench edit {k}.");
                let next = format!("{original}\n{marker}\n");
                std::thread::sleep(Duration::from_millis(300));
                std::fs::write(&file, &next).unwrap();
                let took = wait_for(&agent, &url, Duration::from_secs(120), |b| {
                    b.contains(&marker)
                });
                println!("edit {k} (page text): {:.1} ms", took.as_secs_f64() * 1e3);
                times.push(took.as_secs_f64() * 1e3);
            }
            std::fs::write(&file, original).unwrap();
        }
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
    println!("median_ms {:.1}", median(times));
    if !wholes.is_empty() {
        println!("median_whole_ms {:.1}", median(wholes));
    }
}

/// Edit `k` of a release file: its summary line, its `eos` a day later, or its last
/// component dropped and restored in turn. Returns what, the new text and a marker the
/// page then shows (if any).
fn edit(
    text: &str,
    k: usize,
    dropped: &mut Option<String>,
) -> (&'static str, String, Option<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let join = |ls: Vec<String>| ls.join("\n") + "\n";
    match k % 3 {
        0 => {
            let marker = format!("Bench edit {k}.");
            let out = lines
                .iter()
                .map(|l| {
                    if l.starts_with("summary: ") {
                        format!("summary: {marker}")
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            ("summary", join(out), Some(marker))
        }
        1 => {
            let mut marker = None;
            let out = lines
                .iter()
                .map(|l| match l.strip_prefix("eos: ") {
                    Some(d) => {
                        let d = chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").unwrap()
                            + chrono::Days::new(1);
                        marker = Some(d.to_string());
                        format!("eos: {d}")
                    }
                    None => l.to_string(),
                })
                .collect();
            ("eos date", join(out), marker)
        }
        _ => {
            // The components block: drop its last line, or put back the one dropped before.
            let start = lines.iter().position(|l| *l == "components:").unwrap();
            let end = (start + 1..lines.len())
                .find(|&i| !lines[i].starts_with("  "))
                .unwrap_or(lines.len());
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            match dropped.take() {
                Some(line) => out.insert(end, line),
                None => *dropped = Some(out.remove(end - 1)),
            }
            ("component", join(out), None)
        }
    }
}
