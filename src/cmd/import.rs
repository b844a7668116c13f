//! `lifecycle import endoflife FILE...`: upstream lifecycles into the site's dependency
//! files (docs/commands.md#import). Every input is read and every edit planned before
//! anything is written; the edited site is checked in a scratch copy, and nothing is
//! written if the import would add an error. Running it twice changes nothing the second
//! time.

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::import::merge::{self, Existing, Plan, Target};
use crate::import::{Product, endoflife};
use crate::load::{self, Loaded};
use crate::validate::{DEFAULT_KINDS, RESERVED_DEPENDENCY_ID, is_id};
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

#[derive(clap::Subcommand, Debug)]
pub enum ImportSource {
    /// endoflife.date product files (products/<name>.md), or saved API v1
    /// (/api/v1/products/<name>) or v0 (/api/<name>.json) responses.
    Endoflife(EndoflifeArgs),
}

#[derive(clap::Args, Debug)]
pub struct EndoflifeArgs {
    /// The files to import, one product each.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The site directory.
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// The dependency id to import into [default: the product's name]; one FILE only.
    #[arg(long)]
    pub id: Option<String>,
    /// The kind of a new dependency [default: from the product's category].
    #[arg(long)]
    pub kind: Option<String>,
    /// Import every cycle into an existing dependency, not only the versions it lists or
    /// some release ships.
    #[arg(long)]
    pub all: bool,
    /// Print what would change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let ImportSource::Endoflife(args) = &args.source;
    if args.id.is_some() && args.files.len() > 1 {
        let _ = writeln!(
            err,
            "error: --id names one dependency: give one FILE with it"
        );
        return 2;
    }
    match plan(args) {
        Err(msg) => {
            let _ = writeln!(err, "error: {msg}\nnothing was written");
            1
        }
        Ok(plans) => finish(args, &plans, out, err),
    }
}

/// One product's planned change.
struct Planned {
    id: String,
    source: PathBuf,
    /// Relative to the site directory.
    file: PathBuf,
    plan: Plan,
}

fn plan(args: &EndoflifeArgs) -> Result<Vec<Planned>, String> {
    let mut products = Vec::new();
    for file in &args.files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let product: Product = endoflife::read(file, &text).map_err(|d| d.to_string())?;
        products.push((file.clone(), product));
    }
    let mut diags = Diagnostics::default();
    let loaded = load::load_site(&args.site, &mut diags);
    let Some(site_file) = &loaded.site else {
        return Err(format!(
            "{} cannot be read as a site: run `lifecycle check --site {}` to see why",
            args.site.display(),
            args.site.display()
        ));
    };
    let kinds: Vec<String> = match &site_file.data.dependency_kinds {
        Some(k) => k.keys().map(|k| k.value.to_string()).collect(),
        None => DEFAULT_KINDS.iter().map(|(k, _)| k.to_string()).collect(),
    };
    let mut seen = HashSet::new();
    let mut plans = Vec::new();
    for (source, product) in &products {
        let id = args.id.clone().unwrap_or_else(|| product.name.clone());
        if !is_id(&id) || id == RESERVED_DEPENDENCY_ID {
            return Err(format!(
                "{}: `{}` cannot be a dependency id (lowercase letters, digits and dashes, not `sdk`): name one with --id",
                source.display(),
                crate::diagnostics::printable(&id)
            ));
        }
        if !seen.insert(id.clone()) {
            return Err(format!(
                "{}: a second product for dependency `{id}`; import it on its own with --id",
                source.display()
            ));
        }
        if loaded.unparsed_dependencies.contains(&id) {
            return Err(format!(
                "content/dependencies/{id}.yaml cannot be read: fix what `lifecycle check` reports first"
            ));
        }
        let rel = PathBuf::from("content/dependencies").join(format!("{id}.yaml"));
        let shipped = shipped(&loaded, &id);
        let existing = loaded
            .dependencies
            .iter()
            .find(|d| d.path.file_stem().is_some_and(|s| s == id.as_str()));
        let source_name = source.file_name().map_or_else(
            || display_path(source),
            |n| n.to_string_lossy().into_owned(),
        );
        let plan = match existing {
            Some(d) => merge::merge(
                product,
                &Target {
                    id: &id,
                    kind: "",
                    shipped: &shipped,
                    all: args.all,
                },
                &Existing {
                    text: &d.text,
                    data: &d.data,
                },
            ),
            None => {
                let kind = kind_of(args.kind.as_deref(), product, &kinds, source)?;
                merge::new_file(
                    product,
                    &Target {
                        id: &id,
                        kind: &kind,
                        shipped: &shipped,
                        all: true,
                    },
                    &source_name,
                )
            }
        };
        plans.push(Planned {
            id,
            source: source.clone(),
            file: existing.map_or(rel, |d| d.path.clone()),
            plan,
        });
    }
    Ok(plans)
}

/// Versions of dependency `id` that some release ships, with the first release (by
/// version) that ships each.
fn shipped(loaded: &Loaded, id: &str) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, (Option<semver::Version>, String)> = BTreeMap::new();
    for r in &loaded.releases {
        let Some(components) = &r.data.components else {
            continue;
        };
        let text = r.data.version.value.text.trim().to_string();
        let version = semver::Version::parse(&text).ok();
        for (dep, versions) in components {
            if dep.value.as_str() != id {
                continue;
            }
            for v in versions.iter().filter(|v| v.value.is_string) {
                let entry = out
                    .entry(v.value.text.trim().to_string())
                    .or_insert((version.clone(), text.clone()));
                if version.is_some() && (entry.0.is_none() || version < entry.0) {
                    *entry = (version.clone(), text.clone());
                }
            }
        }
    }
    out.into_iter().map(|(k, (_, r))| (k, r)).collect()
}

/// The kind of a new dependency: `--kind`, else its category (`os` -> `os`, `lang` ->
/// `runtime`, `framework` / `library` -> `framework`, another category the kind of that
/// name), which site.yaml must define.
fn kind_of(
    flag: Option<&str>,
    p: &Product,
    kinds: &[String],
    source: &Path,
) -> Result<String, String> {
    let defined = kinds.join(", ");
    if let Some(k) = flag {
        return if kinds.iter().any(|x| x == k) {
            Ok(k.to_string())
        } else {
            Err(format!(
                "--kind `{k}` is not one of site.yaml's dependency_kinds: {defined}"
            ))
        };
    }
    let category = p.category.as_deref().unwrap_or_default();
    let kind = match category {
        "os" => "os",
        "lang" => "runtime",
        "framework" | "library" => "framework",
        other => other,
    };
    if !kind.is_empty() && kinds.iter().any(|x| x == kind) {
        return Ok(kind.to_string());
    }
    let what = if category.is_empty() {
        "has no category".to_string()
    } else {
        format!("has category `{}`", crate::diagnostics::printable(category))
    };
    Err(format!(
        "{}: product `{}` {what}, which is no dependency kind of this site: pass --kind with one of: {defined}",
        source.display(),
        crate::diagnostics::printable(&p.name)
    ))
}

fn finish(
    args: &EndoflifeArgs,
    plans: &[Planned],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    for p in plans {
        let file = display_path(&p.file);
        let head = match (&p.plan.text, p.plan.new_file) {
            (None, _) => format!("{}: {file} is up to date", p.id),
            (Some(_), true) => format!("{}: new file {file}", p.id),
            (Some(_), false) => format!("{}: {file}", p.id),
        };
        let _ = writeln!(out, "{head} (from {})", p.source.display());
        for c in &p.plan.changes {
            let _ = writeln!(out, "  {c}");
        }
        for n in &p.plan.notes {
            let _ = writeln!(out, "  note: {n}");
        }
    }
    let files: Vec<(PathBuf, String)> = plans
        .iter()
        .filter_map(|p| p.plan.text.clone().map(|t| (p.file.clone(), t)))
        .collect();
    if files.is_empty() {
        let _ = writeln!(out, "nothing to change");
        return 0;
    }
    if args.dry_run {
        let _ = writeln!(out, "dry run: nothing was written");
        return 0;
    }
    if let Err(msg) = verify(&args.site, &files) {
        let _ = writeln!(err, "error: {msg}\nnothing was written");
        return 1;
    }
    for (rel, text) in &files {
        if let Err(e) = write_file(&args.site.join(rel), text) {
            let _ = writeln!(err, "error: cannot write {}: {e}", rel.display());
            return 1;
        }
    }
    let _ = writeln!(
        out,
        "wrote {} file(s); `lifecycle check` reports what the upstream dates imply (W108-W110)",
        files.len()
    );
    0
}

/// The import must not add an error to the site (errors it had before are its own).
fn verify(site: &Path, files: &[(PathBuf, String)]) -> Result<(), String> {
    let today = crate::pipeline::today_utc();
    let key = |d: &Diagnostic| (d.code, d.file.clone(), d.message.clone());
    let before: HashSet<_> = super::scratch::errors(site, today)
        .iter()
        .map(key)
        .collect();
    let added: Vec<String> = super::scratch::errors_with(site, files, today)?
        .into_iter()
        .filter(|d| !before.contains(&key(d)))
        .map(|d| d.to_string())
        .collect();
    if added.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the import would leave the site with errors:\n{}",
            added.join("\n")
        ))
    }
}

/// Write through a temporary file in the same directory, so that a failure leaves the old
/// file whole.
fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
