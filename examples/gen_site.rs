//! Benchmark corpus generator: `gen-site DIR N [--seed S] [--hugo HUGO_DIR]` writes a valid lifecycle site of N releases.
//!
//! The corpus is shaped like a real vendor's history, so that the benchmark exercises what
//! users have: semver lines of about ten patch releases spread over several majors, dates
//! increasing over years, a 1-3 KB Markdown `whats_new` per release (headings, lists, a
//! table, inline code, links to pages that exist), N/20 dependencies (at least 3, every kind)
//! with several versions each, and N/10 hand-written announcements. Every date satisfies the
//! policy in the generated `site.yaml`, so `lifecycle check --strict --as-of 2026-11-25`
//! reports nothing: a benchmark of a site full of warnings would measure the wrong thing.
//!
//! The same N and seed give byte-identical files (a tiny inline PRNG: no `rand` dependency, and
//! no iteration over hash maps). `--hugo DIR` also writes the same `whats_new` texts as Hugo
//! content pages (`DIR/content/releases/<v>.md`) for `benches/compare.sh`.
//!
//! `tests/bench_smoke.rs` includes this file as a module and calls [`generate`].

use chrono::{Days, NaiveDate};
// Calendar months with end-of-month clamping, exactly as the policy checks count them.
use lifecycle::dates::{add_months, sub_months};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The as-of date the corpus is built for: after every date in it.
pub const AS_OF: &str = "2026-11-25";
/// The newest release date.
const LAST_RELEASE: (i32, u32, u32) = (2026, 6, 30);
/// No announcement is dated after this, so every announcement is published as of [`AS_OF`].
const HORIZON: (i32, u32, u32) = (2026, 10, 31);
/// Policy numbers written to `site.yaml` (the earliest, strictest revision); the data keeps
/// them for every date, so the later, laxer revision is satisfied too.
const SDK_MIN_SUPPORT_MONTHS: u32 = 12;
const SDK_MIN_NOTICE_MONTHS: u32 = 3;
const DEPENDENCY_MIN_NOTICE_MONTHS: u32 = 1;
const PRODUCT: &str = "Bench SDK";

/// What was written: the figures a test or a benchmark needs to know what to expect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub releases: usize,
    pub lines: usize,
    pub majors: usize,
    pub dependencies: usize,
    pub dependency_versions: usize,
    pub announcements: usize,
    /// Versions of every release, in semver (and date) order.
    pub versions: Vec<String>,
    /// Dependency ids, in file-name order.
    pub dependency_ids: Vec<String>,
    /// Slugs of the hand-written announcements.
    pub announcement_slugs: Vec<String>,
    pub first_release: NaiveDate,
    pub last_release: NaiveDate,
}

/// SplitMix64: tiny, fast and good enough to vary a corpus; fixed forever so that a seed
/// names the same corpus in every version of this tool.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// A number of months in `lo..=hi` (small, so it fits the months type).
    fn months(&mut self, lo: u32, hi: u32) -> u32 {
        self.range(u64::from(lo), u64::from(hi)) as u32
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }

    fn percent(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }
}

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid constant date")
}

fn add_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).expect("date in range")
}

fn sub_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).expect("date in range")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Os,
    Runtime,
    Framework,
}

impl Kind {
    fn id(self) -> &'static str {
        match self {
            Kind::Os => "os",
            Kind::Runtime => "runtime",
            Kind::Framework => "framework",
        }
    }
}

struct DepVersion {
    version: String,
    supported: NaiveDate,
    announced: Option<NaiveDate>,
    maintenance: Option<NaiveDate>,
    eos: Option<NaiveDate>,
}

impl DepVersion {
    /// Shippable on `date`: already supported and not yet at end of support.
    fn shippable_on(&self, date: NaiveDate) -> bool {
        self.supported <= date && self.eos.is_none_or(|e| e > date)
    }
}

struct Dependency {
    id: String,
    name: String,
    kind: Kind,
    versions: Vec<DepVersion>,
}

struct Line {
    major: u32,
    minor: u32,
    /// Indices into the releases, `first..=last`.
    first: usize,
    last: usize,
    eos_announced: Option<NaiveDate>,
    eos: Option<NaiveDate>,
    /// Dependencies every release of the line ships (indices into the dependencies).
    deps: Vec<usize>,
}

struct Release {
    version: String,
    released: NaiveDate,
    line: usize,
    /// (dependency index, its version indices), in the line's dependency order.
    components: Vec<(usize, Vec<usize>)>,
}

/// Parse `DIR N [--seed S] [--hugo DIR]`, generate, print the summary.
#[allow(dead_code)] // the smoke test includes this file for `generate` only
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen-site DIR N [--seed S] [--hugo HUGO_DIR]";
    let mut positional = Vec::new();
    let mut seed = 1u64;
    let mut hugo = None;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => seed = it.next().and_then(|s| s.parse().ok()).expect(usage),
            "--hugo" => hugo = Some(PathBuf::from(it.next().expect(usage))),
            "-h" | "--help" => {
                println!("{usage}");
                return;
            }
            _ => positional.push(a),
        }
    }
    let [dir, n] = positional.as_slice() else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let n: usize = match n.parse() {
        Ok(n) if n >= 1 => n,
        _ => {
            eprintln!("N must be a positive number\n{usage}");
            std::process::exit(2);
        }
    };
    match generate(Path::new(dir), n, seed, hugo.as_deref()) {
        Ok(s) => println!(
            "wrote {dir}: {} releases in {} lines over {} majors ({} to {}), {} dependencies with {} versions, {} announcements; build with --as-of {AS_OF}",
            s.releases,
            s.lines,
            s.majors,
            s.first_release,
            s.last_release,
            s.dependencies,
            s.dependency_versions,
            s.announcements
        ),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

/// Write a site of `n` releases into `dir` (created; files of the same names are replaced),
/// and, with `hugo`, the same release notes as Hugo pages under `hugo/content/releases/`.
pub fn generate(dir: &Path, n: usize, seed: u64, hugo: Option<&Path>) -> io::Result<Summary> {
    let mut rng = Rng(seed ^ 0x6C69_6665_6379_636C); // "lifecycl": seed 0 is not all zeros
    let (lines, mut releases) = plan_releases(&mut rng, n);
    let first_release = releases[0].released;
    let deps = plan_dependencies(&mut rng, n, first_release);
    let lines = assign_components(&mut rng, lines, &mut releases, &deps);
    let announcements = plan_announcements(&mut rng, n / 10, &lines, &releases, &deps);

    let content = dir.join("content");
    for sub in ["releases", "dependencies", "announcements"] {
        fs::create_dir_all(content.join(sub))?;
    }
    fs::write(dir.join("site.yaml"), site_yaml(n))?;
    fs::write(content.join("index.md"), INDEX_MD)?;
    fs::write(content.join("policy.md"), POLICY_MD)?;
    let mut notes = Vec::with_capacity(releases.len());
    for (i, r) in releases.iter().enumerate() {
        let whats_new = whats_new(&mut rng, i, &releases, &deps);
        let yaml = release_yaml(r, &lines[r.line], &deps, &whats_new);
        fs::write(
            content.join("releases").join(format!("{}.yaml", r.version)),
            yaml,
        )?;
        notes.push(whats_new);
    }
    for d in &deps {
        fs::write(
            content.join("dependencies").join(format!("{}.yaml", d.id)),
            dependency_yaml(d),
        )?;
    }
    for a in &announcements {
        fs::write(
            content.join("announcements").join(format!("{}.md", a.slug)),
            &a.text,
        )?;
    }
    if let Some(hugo) = hugo {
        write_hugo_pages(hugo, &releases, &notes)?;
    }

    let majors = lines.last().map_or(0, |l| l.major as usize);
    Ok(Summary {
        releases: releases.len(),
        lines: lines.len(),
        majors,
        dependencies: deps.len(),
        dependency_versions: deps.iter().map(|d| d.versions.len()).sum(),
        announcements: announcements.len(),
        versions: releases.iter().map(|r| r.version.clone()).collect(),
        dependency_ids: deps.iter().map(|d| d.id.clone()).collect(),
        announcement_slugs: announcements.iter().map(|a| a.slug.clone()).collect(),
        first_release,
        last_release: releases[releases.len() - 1].released,
    })
}

/// Versions and dates: lines of 7-13 patch releases, `sqrt(lines)` minors per major, one
/// release every few days (more often for big N, so that 10,000 releases span ~27 years),
/// the newest on [`LAST_RELEASE`]. Each line that has announced its end does so for all its
/// patches at once, at least the policy's months after its newest patch.
fn plan_releases(rng: &mut Rng, n: usize) -> (Vec<Line>, Vec<Release>) {
    let mut sizes = Vec::new();
    let mut left = n;
    while left > 0 {
        let k = (rng.range(7, 13) as usize).min(left);
        sizes.push(k);
        left -= k;
    }
    let minors_per_major = ((sizes.len() as f64).sqrt().round() as usize).max(2);
    let mean_gap = (3000 / n as u64).clamp(1, 30);
    let gaps: Vec<u64> = (0..n)
        .map(|_| rng.range((mean_gap / 2).max(1), mean_gap + mean_gap / 2))
        .collect();
    let span: u64 = gaps[1..].iter().sum();
    let mut date = sub_days(ymd(LAST_RELEASE), span);

    let mut lines = Vec::with_capacity(sizes.len());
    let mut releases = Vec::with_capacity(n);
    for (l, &size) in sizes.iter().enumerate() {
        let (major, minor) = (
            1 + (l / minors_per_major) as u32,
            (l % minors_per_major) as u32,
        );
        let first = releases.len();
        for patch in 0..size {
            if !releases.is_empty() {
                date = add_days(date, gaps[releases.len()]);
            }
            releases.push(Release {
                version: format!("{major}.{minor}.{patch}"),
                released: date,
                line: l,
                components: Vec::new(),
            });
        }
        let last = releases.len() - 1;
        // Support runs 12-24 months past the newest patch, so every patch gets its minimum;
        // notice is 3-6 months. A line whose announcement would come after the horizon has
        // not announced anything yet (it is still supported).
        let eos = add_months(date, SDK_MIN_SUPPORT_MONTHS + rng.months(0, 12));
        let announced = sub_months(eos, SDK_MIN_NOTICE_MONTHS + rng.months(0, 3));
        let (eos_announced, eos) = if announced <= ymd(HORIZON) {
            (Some(announced), Some(eos))
        } else {
            (None, None)
        };
        lines.push(Line {
            major,
            minor,
            first,
            last,
            eos_announced,
            eos,
            deps: Vec::new(),
        });
    }
    (lines, releases)
}

const OS_NAMES: &[&str] = &[
    "Ubuntu",
    "Debian",
    "Amazon Linux",
    "Rocky Linux",
    "Alpine Linux",
    "Fedora",
    "openSUSE",
];
const RUNTIME_NAMES: &[&str] = &["Python", "Node.js", "Java", "Go", "Ruby", "PHP", ".NET"];
const FRAMEWORK_NAMES: &[&str] = &[
    "PyTorch",
    "TensorFlow",
    "JAX",
    "NumPy",
    "ONNX",
    "Transformers",
    "vLLM",
    "Triton",
    "XGBoost",
    "scikit-learn",
    "Pandas",
];

/// The slug rule of the site (`Neuron SDK` -> `neuron-sdk`).
fn slugify(s: &str) -> String {
    lifecycle::validate::slug_of(s)
}

/// N/20 dependencies (at least 3), kinds in turn, 4-8 versions each. Versions follow each other
/// across the corpus span; each one's end of support comes 6-18 months after its successor is
/// supported (so some version of every dependency is shippable on every release date), half of
/// them with a maintenance phase, announced 1-4 months ahead.
fn plan_dependencies(rng: &mut Rng, n: usize, first_release: NaiveDate) -> Vec<Dependency> {
    let count = (n / 20).max(3);
    let last = ymd(LAST_RELEASE);
    let mut deps = Vec::with_capacity(count);
    for i in 0..count {
        let (kind, pool) = match i % 3 {
            0 => (Kind::Os, OS_NAMES),
            1 => (Kind::Runtime, RUNTIME_NAMES),
            _ => (Kind::Framework, FRAMEWORK_NAMES),
        };
        let nth = i / 3;
        let base = pool[nth % pool.len()];
        let round = nth / pool.len();
        let name = if round == 0 {
            base.to_string()
        } else {
            format!("{base} {}", round + 1)
        };
        let id = slugify(&name);

        let k = rng.range(4, 8) as usize;
        let start = sub_days(first_release, rng.range(30, 400));
        let step = ((last - start).num_days() as u64 / k as u64).max(1);
        let mut supported: Vec<NaiveDate> = (0..k)
            .map(|j| match j {
                // The first version is supported before the first release, so that every
                // release finds a shippable version.
                0 => start,
                _ => add_days(start, j as u64 * step + rng.range(0, step / 2)),
            })
            .collect();
        supported.sort();
        supported.dedup();
        let mut versions = Vec::with_capacity(supported.len());
        for (j, &s) in supported.iter().enumerate() {
            let version = match kind {
                Kind::Os => format!("{}.04", 18 + 2 * j),
                Kind::Runtime => format!("3.{}", 6 + j),
                Kind::Framework => format!("{}.{}", 1 + j / 3, (j % 3) * 5),
            };
            let mut v = DepVersion {
                version,
                supported: s,
                announced: None,
                maintenance: None,
                eos: None,
            };
            if let Some(&next) = supported.get(j + 1) {
                let eos = add_months(next, rng.months(6, 18));
                let maintenance = rng.percent(50).then(|| sub_months(eos, rng.months(1, 4)));
                let notice_from = maintenance.unwrap_or(eos);
                let announced =
                    sub_months(notice_from, DEPENDENCY_MIN_NOTICE_MONTHS + rng.months(0, 3)).max(s);
                // Not announced by the horizon: no dates yet (supported as far as anyone knows).
                if announced <= ymd(HORIZON)
                    && announced <= sub_months(notice_from, DEPENDENCY_MIN_NOTICE_MONTHS)
                {
                    v.announced = Some(announced);
                    v.maintenance = maintenance;
                    v.eos = Some(eos);
                }
            }
            versions.push(v);
        }
        deps.push(Dependency {
            id,
            name,
            kind,
            versions,
        });
    }
    deps.sort_by(|a, b| a.id.cmp(&b.id));
    deps
}

/// Each line ships one OS, one runtime and 1-3 frameworks; each release of the line ships the
/// newest one or two versions of them that are shippable on its date.
fn assign_components(
    rng: &mut Rng,
    mut lines: Vec<Line>,
    releases: &mut [Release],
    deps: &[Dependency],
) -> Vec<Line> {
    let of_kind =
        |k: Kind| -> Vec<usize> { (0..deps.len()).filter(|&i| deps[i].kind == k).collect() };
    let (oses, runtimes, frameworks) = (
        of_kind(Kind::Os),
        of_kind(Kind::Runtime),
        of_kind(Kind::Framework),
    );
    for line in &mut lines {
        let mut chosen = vec![*rng.pick(&oses), *rng.pick(&runtimes)];
        for _ in 0..rng.range(1, 3) {
            let f = *rng.pick(&frameworks);
            if !chosen.contains(&f) {
                chosen.push(f);
            }
        }
        line.deps = chosen;
        for r in &mut releases[line.first..=line.last] {
            for &d in &line.deps {
                let shippable: Vec<usize> = (0..deps[d].versions.len())
                    .filter(|&v| deps[d].versions[v].shippable_on(r.released))
                    .collect();
                let take = if rng.percent(40) { 2 } else { 1 };
                let newest: Vec<usize> = shippable.iter().rev().take(take).copied().collect();
                if !newest.is_empty() {
                    r.components.push((d, newest));
                }
            }
        }
    }
    lines
}

struct Announcement {
    slug: String,
    text: String,
}

/// `count` hand-written announcements, alternating between SDK lines and dependency versions
/// that have announced their end (in a seeded order). Each is dated on the data's
/// announcement date and carries the data's `eos`, so it covers that date (no derived
/// announcement for it) and agrees with the data.
fn plan_announcements(
    rng: &mut Rng,
    count: usize,
    lines: &[Line],
    releases: &[Release],
    deps: &[Dependency],
) -> Vec<Announcement> {
    let mut sdk: Vec<usize> = (0..lines.len())
        .filter(|&l| lines[l].eos_announced.is_some())
        .collect();
    let mut dep: Vec<(usize, usize)> = deps
        .iter()
        .enumerate()
        .flat_map(|(d, dep)| {
            (0..dep.versions.len())
                .filter(move |&v| dep.versions[v].announced.is_some())
                .map(move |v| (d, v))
        })
        .collect();
    shuffle(rng, &mut sdk);
    shuffle(rng, &mut dep);
    let (mut sdk, mut dep) = (sdk.into_iter(), dep.into_iter());
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let next = if out.len() % 2 == 0 {
            sdk.next().map(Ok).or_else(|| dep.next().map(Err))
        } else {
            dep.next().map(Err).or_else(|| sdk.next().map(Ok))
        };
        match next {
            Some(Ok(l)) => out.push(sdk_announcement(rng, &lines[l], releases)),
            Some(Err((d, v))) => out.push(dependency_announcement(rng, &deps[d], v)),
            None => break,
        }
    }
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    out
}

fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.range(0, i as u64) as usize;
        items.swap(i, j);
    }
}

fn sdk_announcement(rng: &mut Rng, line: &Line, releases: &[Release]) -> Announcement {
    let (date, eos) = (line.eos_announced.unwrap(), line.eos.unwrap());
    let (x, y) = (line.major, line.minor);
    let slug = format!("{date}-end-of-support-sdk-{x}-{y}");
    let mut t = format!(
        "---\ntitle: End of support for {PRODUCT} {x}.{y} releases\ndate: {date}\naffects:\n"
    );
    for r in &releases[line.first..=line.last] {
        let _ = writeln!(t, "  - {{ sdk: {} }}", r.version);
    }
    let newest = &releases[line.last].version;
    let _ = write!(
        t,
        "eos: {eos}\n---\n{PRODUCT} {x}.{y} releases ({} to [{newest}](/releases/{newest}/)) reach End-of-Support on **{eos}**. {}\n\n",
        releases[line.first].version,
        sentence(rng),
    );
    t.push_str(
        "Until then they receive critical fixes only. We recommend upgrading to the [latest release](/releases/latest/); run `pip install --upgrade bench-sdk` and see [all releases](/releases/).\n",
    );
    Announcement { slug, text: t }
}

fn dependency_announcement(rng: &mut Rng, d: &Dependency, v: usize) -> Announcement {
    let dv = &d.versions[v];
    let (date, eos) = (dv.announced.unwrap(), dv.eos.unwrap());
    let ver = &dv.version;
    let slug = format!("{date}-end-of-support-{}-{}", d.id, ver.replace('.', "-"));
    let what = if dv.maintenance.is_some() {
        "maintenance and end of support"
    } else {
        "end of support"
    };
    let mut t = format!(
        "---\ntitle: Announcing {what} for {} {ver}\ndate: {date}\naffects:\n  - {{ dependency: {}, version: \"{ver}\" }}\neos: {eos}\n---\n",
        d.name, d.id
    );
    if let Some(m) = dv.maintenance {
        let _ = write!(
            t,
            "{} {ver} enters the Maintenance phase on **{m}** and reaches End-of-Support on **{eos}**. ",
            d.name
        );
    } else {
        let _ = write!(t, "{} {ver} reaches End-of-Support on **{eos}**. ", d.name);
    }
    let _ = write!(
        t,
        "{}\n\nSee [{}](/dependencies/{}/) for every version's dates.\n",
        sentence(rng),
        d.name,
        d.id
    );
    Announcement { slug, text: t }
}

const VERBS: &[&str] = &[
    "Improved",
    "Added",
    "Reduced",
    "Fixed",
    "Optimised",
    "Simplified",
    "Documented",
    "Extended",
    "Stabilised",
    "Refactored",
];
const ADJECTIVES: &[&str] = &[
    "collective",
    "distributed",
    "mixed-precision",
    "asynchronous",
    "tensor-parallel",
    "quantised",
    "incremental",
    "fused",
    "sparse",
    "pipelined",
];
const NOUNS: &[&str] = &[
    "compilation",
    "memory allocation",
    "kernel scheduling",
    "checkpoint loading",
    "graph partitioning",
    "attention layers",
    "profiler traces",
    "error messages",
    "model serving",
    "data loading",
    "operator coverage",
    "runtime start-up",
];
const OUTCOMES: &[&str] = &[
    "for large models",
    "on multi-node clusters",
    "when the cache is cold",
    "with long sequence lengths",
    "under heavy load",
    "across instance types",
    "in containers",
    "for batch inference",
];
const FLAGS: &[&str] = &[
    "--optlevel 2",
    "--auto-cast matmult",
    "--enable-fast-loading",
    "--num-cores 4",
    "--profile",
    "--lnc 2",
    "--target trn2",
];

fn sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} {} {}.",
        rng.pick(VERBS),
        rng.pick(ADJECTIVES),
        rng.pick(NOUNS),
        rng.pick(OUTCOMES)
    )
}

/// 1-3 KB of release notes: highlights, a component table, then bug fixes and performance
/// items until a random target length, known issues and upgrade notes. Links go only to pages
/// that exist: the release's own dependencies, earlier releases, the release and dependency
/// lists. Each heading appears once, as in real release notes.
fn whats_new(rng: &mut Rng, i: usize, releases: &[Release], deps: &[Dependency]) -> String {
    let r = &releases[i];
    let target = rng.range(1100, 2900) as usize;
    let dep_link = |rng: &mut Rng| {
        let (d, _) = rng.pick(&r.components);
        format!("[{}](/dependencies/{}/)", deps[*d].name, deps[*d].id)
    };

    let mut head = String::from("## Highlights\n\n");
    for _ in 0..rng.range(2, 4) {
        let _ = writeln!(
            head,
            "- {} ({}).",
            sentence(rng).trim_end_matches('.'),
            dep_link(rng)
        );
    }
    let _ = writeln!(
        head,
        "\n### Component versions\n\n| Component | Version | Notes |\n|---|---|---|"
    );
    for (d, vs) in &r.components {
        let dep = &deps[*d];
        let list: Vec<&str> = vs
            .iter()
            .map(|&v| dep.versions[v].version.as_str())
            .collect();
        let _ = writeln!(
            head,
            "| [{}](/dependencies/{}/) | {} | {} |",
            dep.name,
            dep.id,
            list.join(", "),
            rng.pick(OUTCOMES)
        );
    }

    let mut tail = String::from("\n### Known issues\n\n");
    if i > 0 {
        let v = &releases[rng.range(0, i as u64 - 1) as usize].version;
        let _ = writeln!(
            tail,
            "{} First reported against [{v}](/releases/{v}/); a fix is planned. {}",
            sentence(rng),
            sentence(rng)
        );
    } else {
        let _ = writeln!(tail, "{} {}", sentence(rng), sentence(rng));
    }
    let _ = writeln!(
        tail,
        "\n## Upgrade notes\n\nRun `pip install bench-sdk=={}` and rebuild your models with `bench-cc {}`. See [all releases](/releases/) and the [dependency matrix](/dependencies/).",
        r.version,
        rng.pick(FLAGS)
    );

    // The middle grows to the target: bug fixes first, then performance items.
    let budget = target.saturating_sub(head.len() + tail.len());
    let mut middle = String::from("\n### Bug fixes\n\n");
    loop {
        let _ = writeln!(
            middle,
            "- Fixed {} {} when `{}` is set.",
            rng.pick(ADJECTIVES),
            rng.pick(NOUNS),
            rng.pick(FLAGS)
        );
        if middle.len() >= budget / 2 {
            break;
        }
    }
    middle.push_str("\n### Performance\n\n");
    loop {
        let _ = writeln!(
            middle,
            "1. {} (up to {}% faster with {}).",
            sentence(rng).trim_end_matches('.'),
            rng.range(5, 60),
            dep_link(rng)
        );
        if middle.len() >= budget {
            break;
        }
    }
    head + &middle + &tail
}

fn release_yaml(r: &Release, line: &Line, deps: &[Dependency], whats_new: &str) -> String {
    let mut y = format!("version: {}\nreleased: {}\n", r.version, r.released);
    if let (Some(a), Some(e)) = (line.eos_announced, line.eos) {
        let _ = write!(y, "eos_announced: {a}\neos: {e}\n");
    }
    let (first, _) = &r.components[0];
    let _ = writeln!(
        y,
        "summary: {} on {} and fixes across the stack.",
        if r.version.ends_with(".0") {
            "New features"
        } else {
            "Maintenance release"
        },
        deps[*first].name
    );
    y.push_str("whats_new: |\n");
    for l in whats_new.lines() {
        if l.is_empty() {
            y.push('\n');
        } else {
            let _ = writeln!(y, "  {l}");
        }
    }
    y.push_str("components:\n");
    for (d, vs) in &r.components {
        let list: Vec<String> = vs
            .iter()
            .map(|&v| format!("\"{}\"", deps[*d].versions[v].version))
            .collect();
        let _ = writeln!(y, "  {}: [{}]", deps[*d].id, list.join(", "));
    }
    let _ = write!(
        y,
        "packages:\n  - {{ name: bench-cc, version: \"{v}.0\" }}\n  - {{ name: bench-runtime, version: \"{v}.1\" }}\n",
        v = r.version
    );
    y
}

fn dependency_yaml(d: &Dependency) -> String {
    let mut y = format!(
        "name: {}\nkind: {}\nhomepage: https://example.org/{}\nversions:\n",
        d.name,
        d.kind.id(),
        d.id
    );
    for v in &d.versions {
        let _ = writeln!(
            y,
            "  - version: \"{}\"\n    supported: {}",
            v.version, v.supported
        );
        for (field, date) in [
            ("announced", v.announced),
            ("maintenance", v.maintenance),
            ("eos", v.eos),
        ] {
            if let Some(date) = date {
                let _ = writeln!(y, "    {field}: {date}");
            }
        }
    }
    y
}

fn site_yaml(n: usize) -> String {
    format!(
        "# Generated by `cargo run --release --example gen-site`: a benchmark corpus of {n} releases.
# Every date satisfies the policy below: `lifecycle check --strict --as-of {AS_OF}` is clean.
title: {PRODUCT} support lifecycle
product: {PRODUCT}
base_url: https://bench.example.org/lifecycle/
description: A generated benchmark corpus of {n} releases.
language: en
strict: false
policy:
  - effective: 2000-01-01
    sdk: {{ min_support_months: {SDK_MIN_SUPPORT_MONTHS}, min_notice_months: {SDK_MIN_NOTICE_MONTHS} }}
    dependency: {{ min_notice_months: {DEPENDENCY_MIN_NOTICE_MONTHS} }}
  - effective: 2024-09-16
    sdk: {{ min_support_months: 0, min_notice_months: 1 }}
feeds:
  items: 50
  reminders_days: [90, 30, 7]
dependency_kinds:
  os: Operating system
  runtime: Language runtime
  framework: Third party library / framework
"
    )
}

const INDEX_MD: &str = "---
title: Bench SDK support lifecycle
---

A generated corpus for benchmarking `lifecycle`. See [all releases](/releases/), the
[dependency matrix](/dependencies/), the [announcements](/announcements/) and the
[maintenance policy](/policy/).
";

const POLICY_MD: &str = "---
title: SDK maintenance policy
weight: 1
---

## Overview

Each Bench SDK release is supported for at least 12 months after its release date, and
its End-of-Support is announced at least 3 months in advance (since 2024-09-16: at least
one month). Dependency software versions get at least one month's notice before they
enter Maintenance or End-of-Support.

## Phases

| Phase | Meaning |
|---|---|
| Supported | new features, fixes and security patches |
| End-of-Support Announced | fixes only; plan the upgrade |
| End-of-Support | no more fixes |

See [all releases](/releases/) and the [announcements](/announcements/).
";

/// The Hugo side of the comparison: one Markdown page per release with the same text.
fn write_hugo_pages(hugo: &Path, releases: &[Release], notes: &[String]) -> io::Result<()> {
    let dir = hugo.join("content").join("releases");
    fs::create_dir_all(&dir)?;
    fs::write(
        dir.join("_index.md"),
        format!("---\ntitle: {PRODUCT} releases\n---\nEvery {PRODUCT} release.\n"),
    )?;
    for (r, text) in releases.iter().zip(notes) {
        fs::write(
            dir.join(format!("{}.md", r.version)),
            format!(
                "---\ntitle: \"{PRODUCT} {v}\"\ndate: {d}\nslug: \"{v}\"\n---\n{text}",
                v = r.version,
                d = r.released
            ),
        )?;
    }
    Ok(())
}
