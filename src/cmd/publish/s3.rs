//! `publish s3://BUCKET[/PREFIX]`: list the remote keys, upload only what changed (with
//! Content-Type and Cache-Control), then optionally delete what the site no longer has.

use super::plan::{self, Deletes, Reason, RemoteObject};
use crate::diagnostics::report::error_chain;
use crate::model::Config;
use futures_util::{StreamExt, TryStreamExt, stream};
use object_store::aws::{AmazonS3, AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path as Key;
use object_store::{
    Attribute, Attributes, BackoffConfig, ClientConfigKey, GetOptions, ObjectStore, PutOptions,
    PutPayload, RetryConfig,
};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Uploads (and metadata checks) in flight at once.
const CONCURRENCY: usize = 8;
/// User metadata holding the content's MD5, for objects whose ETag is not one.
const MD5_METADATA: &str = "lifecycle-md5";

pub struct Options<'a> {
    pub bucket: &'a str,
    pub prefix: &'a str,
    pub endpoint: Option<&'a str>,
    pub region: Option<&'a str>,
    pub delete: bool,
    pub max_deletes: usize,
    pub force: bool,
    pub dry_run: bool,
}

impl Options<'_> {
    fn destination(&self) -> String {
        let mut d = format!("s3://{}", self.bucket);
        if !self.prefix.is_empty() {
            d.push('/');
            d.push_str(self.prefix);
        }
        if let Some(e) = self.endpoint {
            d.push_str(&format!(" at {e}"));
        }
        d
    }

    /// A store on this machine answers at once or not at all: retrying it for minutes only
    /// hides the failure (and slows the tests that stop it on purpose).
    fn loopback(&self) -> bool {
        let Some(url) = self.endpoint.and_then(|e| url::Url::parse(e).ok()) else {
            return false;
        };
        match url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            None => false,
        }
    }
}

/// Publish `files` (site path -> bytes) to the bucket. Returns the exit code.
pub fn publish(
    files: &crate::render::Files,
    config: &Config,
    opts: &Options,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(publish_async(files, config, opts, err))
}

fn build_store(opts: &Options) -> object_store::Result<AmazonS3> {
    // from_env: credentials, region, session token, web identity, container and instance
    // credentials, exactly as the AWS CLI reads them from the environment.
    let mut builder = AmazonS3Builder::from_env().with_bucket_name(opts.bucket);
    if let Some(region) = opts.region {
        builder = builder.with_region(region);
    }
    if let Some(endpoint) = opts.endpoint {
        // S3-compatible stores (MinIO, moto, R2 behind a custom host) rarely serve
        // virtual-hosted buckets, and local ones speak plain http.
        builder = builder
            .with_endpoint(endpoint)
            .with_virtual_hosted_style_request(false)
            .with_allow_http(true);
    }
    let (retry, connect_timeout, timeout) = if opts.loopback() {
        let backoff = BackoffConfig {
            init_backoff: Duration::from_millis(50),
            max_backoff: Duration::from_millis(200),
            base: 2.0,
        };
        let retry = RetryConfig {
            backoff,
            max_retries: 1,
            retry_timeout: Duration::from_secs(3),
        };
        (retry, "1s", "15s")
    } else {
        let backoff = BackoffConfig {
            init_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(8),
            base: 2.0,
        };
        let retry = RetryConfig {
            backoff,
            max_retries: 5,
            retry_timeout: Duration::from_secs(120),
        };
        (retry, "10s", "120s")
    };
    builder
        .with_retry(retry)
        .with_config(
            AmazonS3ConfigKey::Client(ClientConfigKey::ConnectTimeout),
            connect_timeout,
        )
        .with_config(AmazonS3ConfigKey::Client(ClientConfigKey::Timeout), timeout)
        .build()
}

async fn list_remote(
    store: &AmazonS3,
    prefix: &str,
) -> object_store::Result<BTreeMap<String, RemoteObject>> {
    let prefix_key = (!prefix.is_empty()).then(|| Key::from(prefix));
    let metas: Vec<_> = store.list(prefix_key.as_ref()).try_collect().await?;
    let strip = if prefix.is_empty() {
        String::new()
    } else {
        format!("{prefix}/")
    };
    Ok(metas
        .into_iter()
        .filter_map(|m| {
            let key = m.location.as_ref();
            let path = key.strip_prefix(&strip)?.to_string();
            Some((
                path,
                RemoteObject {
                    size: m.size,
                    etag: m.e_tag.as_deref().map(plan::clean_etag),
                },
            ))
        })
        .collect())
}

/// For objects whose ETag is not their MD5: the MD5 this tool stored in their metadata.
async fn stored_md5(store: &AmazonS3, key: &Key) -> object_store::Result<Option<String>> {
    let options = GetOptions {
        head: true,
        ..Default::default()
    };
    let result = store.get_opts(key, options).await?;
    Ok(result
        .attributes
        .get(&Attribute::Metadata(MD5_METADATA.into()))
        .map(|v| v.to_string()))
}

fn human_bytes(n: u64) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    }
}

async fn publish_async(
    files: &crate::render::Files,
    config: &Config,
    opts: &Options<'_>,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let start = Instant::now();
    let dest = opts.destination();
    let store = match build_store(opts) {
        Ok(s) => s,
        Err(e) => {
            writeln!(
                err,
                "error: cannot set up the S3 client for {dest}: {}",
                error_chain(&e)
            )?;
            return Ok(1);
        }
    };
    let remote = match list_remote(&store, opts.prefix).await {
        Ok(r) => r,
        Err(e) => {
            let text = error_chain(&e);
            writeln!(err, "error: cannot list {dest}: {text}")?;
            // S3 answers a request sent to the wrong region with a redirect.
            if text.contains("redirect") || text.contains("301") {
                writeln!(
                    err,
                    "hint: the bucket may be in another region: pass --region (or set AWS_REGION)"
                )?;
            }
            writeln!(err, "nothing was published")?;
            return Ok(1);
        }
    };
    let local: BTreeMap<String, (String, u64)> = files
        .iter()
        .map(|(p, b)| (p.clone(), (plan::md5_hex(b), b.len() as u64)))
        .collect();
    let mut plan = plan::diff(&local, &remote);

    // Same size, foreign ETag: ask the object's metadata before uploading it again.
    let verified: Vec<(String, object_store::Result<Option<String>>)> =
        stream::iter(std::mem::take(&mut plan.verify))
            .map(|path| {
                let store = &store;
                let key = Key::from(plan::key(opts.prefix, &path));
                async move { (path, stored_md5(store, &key).await) }
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
    for (path, md5) in verified {
        match md5 {
            Ok(Some(m)) if m == local[&path].0 => plan.unchanged.push(path),
            Ok(_) => plan.uploads.push((path, Reason::Changed)),
            Err(e) => {
                let key = plan::key(opts.prefix, &path);
                writeln!(
                    err,
                    "error: cannot read s3://{}/{key}: {}",
                    opts.bucket,
                    error_chain(&e)
                )?;
                writeln!(err, "nothing was published")?;
                return Ok(1);
            }
        }
    }
    plan.uploads.sort();
    plan.unchanged.sort();

    let decision = plan::deletes(&plan.stale, opts.delete, opts.max_deletes, opts.force);
    let (deletes, too_many) = match &decision {
        Deletes::None => (Vec::new(), false),
        Deletes::Delete(keys) => (keys.clone(), false),
        Deletes::Refused(keys) => (keys.clone(), true),
    };
    let upload_bytes: u64 = plan.uploads.iter().map(|(p, _)| local[p].1).sum();
    writeln!(
        err,
        "{dest}: {} remote object{}; to upload {} ({}), unchanged {}{}",
        remote.len(),
        if remote.len() == 1 { "" } else { "s" },
        plan.uploads.len(),
        human_bytes(upload_bytes),
        plan.unchanged.len(),
        if opts.delete {
            format!(", to delete {}", deletes.len())
        } else {
            String::new()
        }
    )?;
    // Refuse before changing anything: a wrong prefix or bucket would otherwise wipe it.
    if too_many && !opts.dry_run {
        writeln!(
            err,
            "error: refusing to delete {} remote keys under {dest}, more than --max-deletes {}: check the bucket and prefix, then pass --force (or a higher --max-deletes)",
            deletes.len(),
            opts.max_deletes
        )?;
        writeln!(err, "nothing was published")?;
        return Ok(1);
    }

    if opts.dry_run {
        for (path, reason) in &plan.uploads {
            writeln!(
                err,
                "  would upload {}  ({}, {} bytes, {}, {})",
                plan::key(opts.prefix, path),
                reason.as_str(),
                local[path].1,
                plan::content_type(path),
                plan::cache_control(path, config)
            )?;
        }
        for path in &deletes {
            writeln!(err, "  would delete {}", plan::key(opts.prefix, path))?;
        }
        if too_many {
            writeln!(
                err,
                "note: {} deletions exceed --max-deletes {}: the real run would refuse without --force",
                deletes.len(),
                opts.max_deletes
            )?;
        }
        note_stale(&plan.stale, opts, err)?;
        writeln!(
            err,
            "dry run: would upload {}, unchanged {}, delete {}, {} bytes; nothing was changed",
            plan.uploads.len(),
            plan.unchanged.len(),
            deletes.len(),
            upload_bytes
        )?;
        return Ok(0);
    }

    // Upload, at most CONCURRENCY at a time; object_store retries each request with
    // backoff. The first failure stops the run: later uploads are not started.
    let tty = std::io::stderr().is_terminal();
    let total = plan.uploads.len();
    let (mut done, mut done_bytes) = (0usize, 0u64);
    let mut uploads = stream::iter(plan.uploads.iter())
        .map(|(path, reason)| {
            let store = &store;
            let bytes = files[path].clone();
            let md5 = local[path].0.clone();
            let key = Key::from(plan::key(opts.prefix, path));
            let attributes = Attributes::from_iter([
                (Attribute::ContentType, plan::content_type(path).to_string()),
                (
                    Attribute::CacheControl,
                    plan::cache_control(path, config).to_string(),
                ),
                (Attribute::Metadata(MD5_METADATA.into()), md5),
            ]);
            let put = PutOptions {
                attributes,
                ..Default::default()
            };
            async move {
                let size = bytes.len() as u64;
                let result = store
                    .put_opts(&key, PutPayload::from(bytes.to_vec()), put)
                    .await;
                (path, *reason, size, result)
            }
        })
        .buffer_unordered(CONCURRENCY);
    while let Some((path, reason, size, result)) = uploads.next().await {
        if let Err(e) = result {
            if tty {
                writeln!(err)?;
            }
            writeln!(
                err,
                "error: uploading s3://{}/{} failed: {}",
                opts.bucket,
                plan::key(opts.prefix, path),
                error_chain(&e)
            )?;
            writeln!(
                err,
                "publish failed: uploaded {done} of {total} files; no remote key was deleted"
            )?;
            return Ok(1);
        }
        done += 1;
        done_bytes += size;
        if tty {
            write!(
                err,
                "\ruploading {done}/{total} files, {} of {}",
                human_bytes(done_bytes),
                human_bytes(upload_bytes)
            )?;
            err.flush()?;
        } else {
            writeln!(
                err,
                "  uploaded {} ({}, {size} bytes)",
                plan::key(opts.prefix, path),
                reason.as_str()
            )?;
        }
    }
    drop(uploads);
    if tty && total > 0 {
        writeln!(err)?;
    }

    // Only now, with every upload in place, is it safe to remove what the site dropped.
    let mut deleted = 0usize;
    if !deletes.is_empty() {
        let keys: Vec<object_store::Result<Key>> = deletes
            .iter()
            .map(|p| Ok(Key::from(plan::key(opts.prefix, p))))
            .collect();
        let mut results = store.delete_stream(stream::iter(keys).boxed());
        while let Some(result) = results.next().await {
            match result {
                Ok(key) => {
                    deleted += 1;
                    if !tty {
                        writeln!(err, "  deleted {key}")?;
                    }
                }
                Err(e) => {
                    writeln!(
                        err,
                        "error: deleting from {dest} failed: {}",
                        error_chain(&e)
                    )?;
                    writeln!(
                        err,
                        "publish failed: uploaded {done}, deleted {deleted} of {} stale keys",
                        deletes.len()
                    )?;
                    return Ok(1);
                }
            }
        }
    }
    note_stale(&plan.stale, opts, err)?;
    writeln!(
        err,
        "published {dest}: uploaded {done}, unchanged {}, deleted {deleted}, {done_bytes} bytes in {:.1} s",
        plan.unchanged.len(),
        start.elapsed().as_secs_f64()
    )?;
    Ok(0)
}

/// Stale keys are kept unless `--delete`: say so, so that nobody wonders why an old page
/// still answers.
fn note_stale(stale: &[String], opts: &Options, err: &mut dyn Write) -> std::io::Result<()> {
    if !opts.delete && !stale.is_empty() {
        writeln!(
            err,
            "note: {} remote key{} under the prefix {} not in the site (kept; --delete removes {})",
            stale.len(),
            if stale.len() == 1 { "" } else { "s" },
            if stale.len() == 1 { "is" } else { "are" },
            if stale.len() == 1 { "it" } else { "them" },
        )?;
    }
    Ok(())
}
