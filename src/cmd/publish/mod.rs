//! `lifecycle publish`: render in memory and upload exactly what `build` writes, to S3
//! (`publish s3://BUCKET[/PREFIX]`) or to a git branch (`publish git`).

mod git;
mod git_plan;
#[cfg(feature = "s3")]
mod plan;
#[cfg(feature = "s3")]
mod s3;

use super::SiteFlags;
use crate::diagnostics::Severity;
use crate::diagnostics::report::{counts, print_human};
use crate::pipeline;
use std::io::Write;

/// `--max-deletes` when it is not given.
pub const DEFAULT_MAX_DELETES: usize = 256;

#[derive(clap::Args, Debug)]
pub struct PublishArgs {
    /// Where to: `s3://BUCKET[/PREFIX]` or `git`.
    pub target: String,
    #[command(flatten)]
    pub flags: SiteFlags,
    /// Publish under another URL than site.yaml's base_url.
    #[arg(long, value_parser = super::parse_base_url)]
    pub base_url: Option<String>,
    /// Print the plan; change nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// An S3-compatible endpoint (MinIO, R2, a local server); path-style, http allowed.
    #[arg(long, value_parser = parse_endpoint, help_heading = "S3 (s3://BUCKET[/PREFIX])")]
    pub endpoint: Option<String>,
    /// The bucket's region [default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1].
    #[arg(long, help_heading = "S3 (s3://BUCKET[/PREFIX])")]
    pub region: Option<String>,
    /// Delete remote keys under the prefix that the site no longer has (after every
    /// upload succeeded).
    #[arg(long, help_heading = "S3 (s3://BUCKET[/PREFIX])")]
    pub delete: bool,
    /// Refuse to delete more than N keys without --force [default: 256].
    #[arg(long, value_name = "N", help_heading = "S3 (s3://BUCKET[/PREFIX])")]
    pub max_deletes: Option<usize>,
    /// S3: delete even more keys than --max-deletes. git: publish even onto the branch
    /// that holds the site's sources.
    #[arg(long)]
    pub force: bool,

    /// The remote to push to, a name or a URL [default: origin].
    #[arg(long, value_name = "NAME|URL", help_heading = "git")]
    pub remote: Option<String>,
    /// The branch that holds the site [default: gh-pages].
    #[arg(long, help_heading = "git")]
    pub branch: Option<String>,
    /// Write a CNAME file with this host (GitHub Pages custom domain).
    #[arg(long, value_name = "HOST", help_heading = "git")]
    pub cname: Option<String>,
    /// The commit message [default: names the as-of date and the source commit].
    #[arg(long, short, help_heading = "git")]
    pub message: Option<String>,
}

/// Where `publish` sends the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `s3://BUCKET[/PREFIX]`; the prefix has no leading or trailing slash ("" for none).
    S3 {
        bucket: String,
        prefix: String,
    },
    Git,
}

/// Parse the positional target: `git` or `s3://BUCKET[/PREFIX]`.
pub fn parse_target(s: &str) -> Result<Target, String> {
    if s == "git" {
        return Ok(Target::Git);
    }
    let Some(rest) = s.strip_prefix("s3://") else {
        return Err(format!(
            "`{s}` is not a publish target: expected `git` or `s3://BUCKET[/PREFIX]`"
        ));
    };
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    // S3's own bucket naming rules, so that a typo fails here and not as a signature error.
    let valid_bucket = (3..=63).contains(&bucket.len())
        && bucket
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && bucket.as_bytes()[0].is_ascii_alphanumeric()
        && bucket.as_bytes()[bucket.len() - 1].is_ascii_alphanumeric();
    if !valid_bucket {
        return Err(format!(
            "`{bucket}` in `{s}` is not an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens"
        ));
    }
    let prefix = prefix.trim_matches('/');
    if prefix.split('/').any(|p| p == "." || p == "..") || prefix.contains("//") {
        return Err(format!(
            "`{prefix}` in `{s}` is not a usable key prefix: no empty, `.` or `..` parts"
        ));
    }
    Ok(Target::S3 {
        bucket: bucket.to_string(),
        prefix: prefix.to_string(),
    })
}

fn parse_endpoint(s: &str) -> Result<String, String> {
    match url::Url::parse(s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
            Ok(s.trim_end_matches('/').to_string())
        }
        _ => Err(format!("`{s}` is not an http(s) endpoint URL")),
    }
}

/// The flags of the other target that were given: using them is a usage error, not
/// something to ignore silently.
fn foreign_flags(args: &PublishArgs, target: &Target) -> Vec<&'static str> {
    let given = |on: bool, name: &'static str| on.then_some(name);
    let flags = match target {
        Target::Git => [
            given(args.endpoint.is_some(), "--endpoint"),
            given(args.region.is_some(), "--region"),
            given(args.delete, "--delete"),
            given(args.max_deletes.is_some(), "--max-deletes"),
        ]
        .to_vec(),
        Target::S3 { .. } => [
            given(args.remote.is_some(), "--remote"),
            given(args.branch.is_some(), "--branch"),
            given(args.cname.is_some(), "--cname"),
            given(args.message.is_some(), "--message"),
        ]
        .to_vec(),
    };
    flags.into_iter().flatten().collect()
}

/// Returns the exit code: 0 published (or nothing to do), 1 the site has errors or the
/// publish failed, 2 usage error.
pub fn run(args: &PublishArgs) -> i32 {
    let mut err = super::stderr();
    match publish(args, &mut err) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            1
        }
    }
}

fn publish(args: &PublishArgs, err: &mut dyn Write) -> std::io::Result<i32> {
    let target = match parse_target(&args.target) {
        Ok(t) => t,
        Err(msg) => {
            writeln!(err, "error: {msg}")?;
            return Ok(2);
        }
    };
    let foreign = foreign_flags(args, &target);
    if !foreign.is_empty() {
        let kind = match target {
            Target::Git => "`publish s3://BUCKET[/PREFIX]`",
            Target::S3 { .. } => "`publish git`",
        };
        writeln!(
            err,
            "error: {} only appl{} to {kind}, not to `publish {}`",
            foreign.join(", "),
            if foreign.len() == 1 { "ies" } else { "y" },
            args.target
        )?;
        return Ok(2);
    }
    if let Some(host) = &args.cname
        && let Err(msg) = git_plan::check_cname(host)
    {
        writeln!(err, "error: {msg}")?;
        return Ok(2);
    }
    if let Some(branch) = &args.branch
        && let Err(msg) = git_plan::check_branch(branch)
    {
        writeln!(err, "error: {msg}")?;
        return Ok(2);
    }
    if let Some(remote) = &args.remote
        && let Err(msg) = git_plan::check_remote(remote)
    {
        writeln!(err, "error: {msg}")?;
        return Ok(2);
    }
    #[cfg(not(feature = "s3"))]
    if let Target::S3 { .. } = target {
        writeln!(
            err,
            "error: this lifecycle was built without the `s3` feature: rebuild it with default features to publish to S3"
        )?;
        return Ok(2);
    }

    let site_dir = &args.flags.site;
    let opts = args.flags.options(args.base_url.clone());
    let run = pipeline::run(site_dir, &opts, pipeline::today_utc());
    let warnings = run.diagnostics.count(Severity::Warning);
    let errors = run.diagnostics.count(Severity::Error);
    let config = run.site.as_ref().map(|s| s.config.clone());
    print_human(&run.diagnostics.into_sorted(), err)?;
    let (Some(output), Some(config), Some(as_of)) = (run.output, config, run.as_of) else {
        writeln!(
            err,
            "publish failed: {}; nothing was published",
            counts(errors, warnings)
        )?;
        return Ok(1);
    };
    writeln!(
        err,
        "rendered {} files as of {as_of}{}",
        output.files.len(),
        if warnings > 0 {
            format!(" ({})", counts(0, warnings))
        } else {
            String::new()
        }
    )?;

    match target {
        #[cfg(feature = "s3")]
        Target::S3 { bucket, prefix } => {
            let s3_opts = s3::Options {
                bucket: &bucket,
                prefix: &prefix,
                endpoint: args.endpoint.as_deref(),
                region: args.region.as_deref(),
                delete: args.delete,
                max_deletes: args.max_deletes.unwrap_or(DEFAULT_MAX_DELETES),
                force: args.force,
                dry_run: args.dry_run,
            };
            s3::publish(&plan::objects(&output.files), &config, &s3_opts, err)
        }
        // Refused above, before rendering.
        #[cfg(not(feature = "s3"))]
        Target::S3 { .. } => {
            let _ = config;
            Ok(2)
        }
        Target::Git => {
            let git_opts = git::Options {
                site_dir,
                remote: args.remote.as_deref().unwrap_or("origin"),
                branch: args.branch.as_deref().unwrap_or("gh-pages"),
                cname: args.cname.as_deref(),
                message: args.message.as_deref(),
                as_of,
                dry_run: args.dry_run,
                force: args.force,
            };
            git::publish(&output.files, &git_opts, err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse() {
        assert_eq!(parse_target("git"), Ok(Target::Git));
        assert_eq!(
            parse_target("s3://my-site"),
            Ok(Target::S3 {
                bucket: "my-site".into(),
                prefix: String::new()
            })
        );
        assert_eq!(
            parse_target("s3://my.site/docs/lifecycle/"),
            Ok(Target::S3 {
                bucket: "my.site".into(),
                prefix: "docs/lifecycle".into()
            })
        );
        for bad in [
            "gh-pages",
            "s3:/b",
            "s3://",
            "s3://ab",
            "s3://My-Bucket",
            "s3://-b-",
            "s3://bucket/a//b",
            "s3://bucket/../x",
            "S3://bucket",
        ] {
            assert!(parse_target(bad).is_err(), "{bad} must be rejected");
        }
    }
}
