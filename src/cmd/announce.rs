//! `lifecycle announce`: write an EOS announcement and set the dates in the data file.
//! The data file is edited line by line (comments and order survive), the result is
//! checked like any site before anything is written, and a notice shorter than the policy
//! requires is refused unless `--force`.

use super::SiteFlags;
use crate::announcements::{dependency_slug, sdk_slug};
use crate::pipeline::{self, load_and_check};
use crate::policy::{notice_is_short, revision_on};
use crate::render::urls::Urls;
use crate::yaml_edit;
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct AnnounceArgs {
    #[command(flatten)]
    pub flags: SiteFlags,
    /// The SDK version whose end of support is announced.
    #[arg(long, conflicts_with_all = ["dependency", "version"], required_unless_present = "dependency")]
    pub sdk: Option<String>,
    /// The dependency (its id) whose version's end of support is announced.
    #[arg(long, requires = "version")]
    pub dependency: Option<String>,
    /// The dependency version.
    #[arg(long, requires = "dependency")]
    pub version: Option<String>,
    /// The end-of-support date.
    #[arg(long, value_parser = super::parse_date)]
    pub eos: NaiveDate,
    /// The announcement date [default: the as-of date].
    #[arg(long, value_parser = super::parse_date)]
    pub date: Option<NaiveDate>,
    /// Announce even when the notice is shorter than the policy requires.
    #[arg(long)]
    pub force: bool,
}

/// The files `announce` writes, computed in full before any is written.
struct Plan {
    data_file: PathBuf,
    data_text: String,
    announcement_file: PathBuf,
    announcement_text: String,
}

pub fn run(args: &AnnounceArgs) -> i32 {
    let mut err = super::stderr();
    match plan(args) {
        Ok(plan) => match write(&args.flags.site, &plan) {
            Ok(()) => {
                let _ = writeln!(
                    err,
                    "announced: wrote {} and updated {}",
                    plan.announcement_file.display(),
                    plan.data_file.display()
                );
                0
            }
            Err(e) => {
                let _ = writeln!(err, "error: {e}");
                1
            }
        },
        Err(msg) => {
            let _ = writeln!(err, "error: {msg}\nnothing was written");
            1
        }
    }
}

fn plan(args: &AnnounceArgs) -> Result<Plan, String> {
    let site_dir = &args.flags.site;
    let (site, diags) = load_and_check(site_dir, false);
    let site = site.ok_or("the site cannot be loaded: run `lifecycle check` to see why")?;
    if diags.has_errors() {
        return Err("the site has errors already: fix what `lifecycle check` reports first".into());
    }
    let as_of = pipeline::as_of(args.flags.as_of, &site, pipeline::today_utc())?;
    let date = args.date.unwrap_or(as_of);
    let eos = args.eos;
    if eos < date {
        return Err(format!(
            "the end of support ({eos}) is before the announcement date ({date})"
        ));
    }
    let t = target(args, &site, date)?;
    if notice_is_short(date, t.notice_end, t.min_notice_months) && !args.force {
        return Err(format!(
            "announcing on {date} an end of support on {} gives less than the {} month(s) notice the policy requires: \
             announce by {}, move the end of support, or pass --force",
            t.notice_end,
            t.min_notice_months,
            crate::dates::sub_months(t.notice_end, t.min_notice_months)
        ));
    }

    // Edit the data file's lines: the announcement date key, then `eos`.
    let data_file = &t.data_file;
    let text = std::fs::read_to_string(site_dir.join(data_file))
        .map_err(|e| format!("cannot read {}: {e}", data_file.display()))?;
    let (mut lines, eol) = yaml_edit::split(&text);
    // The mapping is looked up again after the first edit, which may have inserted a line.
    let mapping = |lines: &[String]| match t.version_line {
        None => Ok(yaml_edit::top_level(lines)),
        Some(line) => yaml_edit::item_at(lines, line, "version").ok_or_else(|| {
            format!(
                "{} writes this version in flow style (`{{ ... }}`); edit it by hand",
                data_file.display()
            )
        }),
    };
    let (date_after, eos_after): (&[&str], &[&str]) = if t.date_key == "eos_announced" {
        (&["released"], &["eos_announced", "released"])
    } else {
        (
            &["supported", "version"],
            &["maintenance", "announced", "supported", "version"],
        )
    };
    let m = mapping(&lines)?;
    yaml_edit::set(&mut lines, m, t.date_key, &date.to_string(), date_after);
    let m = mapping(&lines)?;
    yaml_edit::set(&mut lines, m, "eos", &eos.to_string(), eos_after);
    let data_text = yaml_edit::join(&lines, eol);

    let announcement_file = PathBuf::from("content/announcements").join(format!("{}.md", t.slug));
    if site_dir.join(&announcement_file).exists() && !args.force {
        return Err(format!(
            "{} exists already; pass --force to replace it",
            announcement_file.display()
        ));
    }
    let Target {
        label,
        affects,
        page,
        ..
    } = &t;
    let title = format!("End of support for {label} on {eos}");
    let body = announcement_body(&site, label, eos, page)?;
    let announcement_text = format!(
        "---\ntitle: {}\ndate: {date}\naffects:\n{affects}\neos: {eos}\n---\n{body}\n",
        json(&title)
    );
    let plan = Plan {
        data_file: t.data_file.clone(),
        data_text,
        announcement_file,
        announcement_text,
    };
    verify(site_dir, &plan, as_of)?;
    Ok(plan)
}

/// The Markdown body, from the theme's `announce.md` (a site's own one wins). Links are
/// root-relative as written in Markdown; render adds the base_url prefix.
fn announcement_body(
    site: &crate::model::Site,
    label: &str,
    eos: NaiveDate,
    page: &str,
) -> Result<String, String> {
    #[derive(serde::Serialize)]
    struct Words<'a> {
        label: &'a str,
        eos: NaiveDate,
        page_url: String,
        policy_url: Option<String>,
    }
    let theme = crate::render::theme::load(&site.templates).map_err(|d| d.to_string())?;
    let policy = site.pages.iter().any(|p| p.slug == Urls::POLICY_SLUG);
    let mut ctx = tera::Context::new();
    ctx.insert(
        "announcement",
        &Words {
            label,
            eos,
            page_url: format!("/{page}"),
            policy_url: policy.then(|| format!("/{}", Urls::POLICY)),
        },
    );
    let text = theme
        .tera
        .render("announce.md", &ctx)
        .map_err(|e| crate::render::theme::template_error(&e).to_string())?;
    Ok(text.trim_end().to_string())
}

/// What an announcement is about, resolved against the site.
struct Target {
    /// `Neuron SDK 2.21.0`, `PyTorch 2.1`.
    label: String,
    slug: String,
    data_file: PathBuf,
    /// The `affects:` entry, as a YAML line.
    affects: String,
    /// `eos_announced` (SDK) or `announced` (dependency).
    date_key: &'static str,
    /// 0-based line of the dependency version's `version:`; `None` for a release file.
    version_line: Option<usize>,
    min_notice_months: u32,
    /// The notice runs to maintenance when the version has one (docs/lifecycle.md#policy), else to eos.
    notice_end: NaiveDate,
    /// The page of the version, below the site root.
    page: String,
}

fn target(
    args: &AnnounceArgs,
    site: &crate::model::Site,
    date: NaiveDate,
) -> Result<Target, String> {
    let product = &site.config.product;
    let revision = revision_on(&site.config.policy, date);
    if let Some(v) = &args.sdk {
        let version =
            semver::Version::parse(v).map_err(|_| format!("`{v}` is not an SDK version X.Y.Z"))?;
        let r = site
            .release(&version)
            .ok_or_else(|| format!("there is no SDK release {v} in content/releases/"))?;
        if date < r.released.date {
            return Err(format!(
                "{product} {v} is released on {}, after the announcement date {date}",
                r.released.date
            ));
        }
        return Ok(Target {
            label: format!("{product} {version}"),
            slug: sdk_slug(date, &version),
            data_file: r.file.clone(),
            affects: format!("  - {{ sdk: {version} }}"),
            date_key: "eos_announced",
            version_line: None,
            min_notice_months: revision.sdk_min_notice_months,
            notice_end: args.eos,
            page: format!("releases/{version}/"),
        });
    }
    let (id, v) = (
        args.dependency.clone().unwrap_or_default(),
        args.version.clone().unwrap_or_default(),
    );
    let d = site
        .dependency(&id)
        .ok_or_else(|| format!("there is no dependency `{id}` in content/dependencies/"))?;
    let dv = d
        .version(&v)
        .ok_or_else(|| format!("{} does not list version {v}", d.file.display()))?;
    if dv.removed_in.is_some() {
        return Err(format!(
            "{} {v} ends with removed_in: its end of support is that release's date; edit {} by hand",
            d.name,
            d.file.display()
        ));
    }
    Ok(Target {
        label: format!("{} {v}", d.name),
        slug: dependency_slug(date, &id, &v),
        data_file: d.file.clone(),
        affects: format!("  - {{ dependency: {id}, version: {} }}", json(&v)),
        date_key: "announced",
        version_line: dv.pos.map(|p| p.line as usize - 1),
        min_notice_months: revision.dependency_min_notice_months,
        notice_end: dv.maintenance.map_or(args.eos, |m| m.date.min(args.eos)),
        page: format!("dependencies/{id}/"),
    })
}

/// A YAML double-quoted scalar (JSON strings are valid YAML): titles may hold `:` or `#`.
fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Check the edited site in a scratch copy of its data and templates: nothing is written
/// if it has errors.
fn verify(site_dir: &Path, plan: &Plan, as_of: NaiveDate) -> Result<(), String> {
    let files = [
        (plan.data_file.clone(), plan.data_text.clone()),
        (
            plan.announcement_file.clone(),
            plan.announcement_text.clone(),
        ),
    ];
    let errors: Vec<String> = super::scratch::errors_with(site_dir, &files, as_of)?
        .iter()
        .map(|d| d.to_string())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the announcement would leave the site with errors:\n{}",
            errors.join("\n")
        ))
    }
}

/// Write both files; the data file last, so a failure leaves at most a new announcement file.
fn write(site_dir: &Path, plan: &Plan) -> std::io::Result<()> {
    std::fs::create_dir_all(site_dir.join("content/announcements"))?;
    std::fs::write(
        site_dir.join(&plan.announcement_file),
        &plan.announcement_text,
    )?;
    std::fs::write(site_dir.join(&plan.data_file), &plan.data_text)
}
