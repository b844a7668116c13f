//! `publish s3://`: against a real S3-protocol server (moto_server on 127.0.0.1), checked
//! with an independent client (boto3), plus a scripted server that fails every upload.

use crate::support::{
    self, AS_OF, Out, append, build, changed, copy_default_site, edit, lifecycle, run,
};
use md5::{Digest, Md5};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const HTML_CACHE: &str = "public, max-age=60";
const ASSET_CACHE: &str = "public, max-age=600, immutable";

/// A moto_server child on a free loopback port, killed on drop.
struct Moto {
    child: Child,
    port: u16,
    python: PathBuf,
}

impl Moto {
    /// Start moto (None: the tools are not there and not required).
    fn start(test: &str) -> Option<Moto> {
        let moto = support::tool(test, "LIFECYCLE_MOTO_SERVER")?;
        let python = support::tool(test, "LIFECYCLE_PYTHON")?;
        let port = support::free_port();
        let child = Command::new(&moto)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", moto.display()));
        let moto = Moto {
            child,
            port,
            python,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto_server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(moto)
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Run the boto3 helper: `op bucket [arg]`, JSON on stdout.
    fn boto(&self, op: &str, bucket: &str, arg: &str) -> Value {
        let out = Command::new(&self.python)
            .args(["-c", BOTO, &self.endpoint(), op, bucket, arg])
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .output()
            .expect("run python");
        assert!(
            out.status.success(),
            "boto3 {op} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("boto3 helper JSON")
    }

    /// Every object under `prefix`, as the listing shows it: key -> {size, etag}.
    fn objects(&self, bucket: &str, prefix: &str) -> BTreeMap<String, Value> {
        self.listing("ls", bucket, prefix)
    }

    /// The same with each object's headers: key -> {size, etag, content_type, cache_control}.
    fn objects_with_headers(&self, bucket: &str, prefix: &str) -> BTreeMap<String, Value> {
        self.listing("heads", bucket, prefix)
    }

    fn listing(&self, op: &str, bucket: &str, prefix: &str) -> BTreeMap<String, Value> {
        match self.boto(op, bucket, prefix) {
            Value::Object(map) => map.into_iter().collect(),
            other => panic!("{op} gave {other}"),
        }
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The independent client: boto3, as a user's own scripts would check the bucket.
const BOTO: &str = r#"
import boto3, json, sys
endpoint, op, bucket, arg = sys.argv[1:5]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
if op == "mb":
    s3.create_bucket(Bucket=bucket)
    print("{}")
elif op == "put":
    s3.put_object(Bucket=bucket, Key=arg, Body=b"planted by the test")
    print("{}")
elif op in ("ls", "heads"):
    out = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=arg):
        for o in page.get("Contents", []):
            out[o["Key"]] = {"size": o["Size"], "etag": o["ETag"].strip('"')}
            if op == "heads":
                h = s3.head_object(Bucket=bucket, Key=o["Key"])
                out[o["Key"]]["content_type"] = h.get("ContentType")
                out[o["Key"]]["cache_control"] = h.get("CacheControl")
    print(json.dumps(out))
"#;

/// What an S3 publish uploads for a build: every file, and each endoflife.date API v1
/// document (`api/v1/<path>/index.json`) again at its extensionless key `api/v1/<path>`.
fn objects_for(built: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let mut out = built.clone();
    for (path, bytes) in built {
        if path.starts_with("api/v1")
            && let Some(key) = path.strip_suffix("/index.json")
        {
            out.insert(key.to_string(), bytes);
        }
    }
    out
}

fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The Content-Type each kind of file must have, written out independently of the code.
fn expected_content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap();
    match name {
        "rss.xml" => return "application/rss+xml; charset=utf-8",
        "atom.xml" => return "application/atom+xml; charset=utf-8",
        ".nojekyll" | "_redirects" => return "application/octet-stream",
        _ => {}
    }
    // The API v1 documents' extensionless keys (`api/v1/products/python/releases/3.10`).
    if path.starts_with("api/v1") && !path.ends_with(".json") {
        return "application/json";
    }
    match name.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml; charset=utf-8",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        other => panic!("the test has no expected Content-Type for {path} ({other:?})"),
    }
}

/// A copy of the default site whose Cache-Control settings differ from the defaults, so
/// that the test sees site.yaml's values reach the bucket.
fn site_copy(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    copy_default_site(&site);
    let yaml = site.join("site.yaml");
    edit(
        &yaml,
        "\"public, max-age=300\"",
        &format!("\"{HTML_CACHE}\""),
    );
    edit(
        &yaml,
        "\"public, max-age=31536000, immutable\"",
        &format!("\"{ASSET_CACHE}\""),
    );
    site
}

fn publish(site: &Path, target: &str, endpoint: &str, extra: &[&str]) -> Out {
    let mut cmd = lifecycle();
    cmd.args(["publish", target, "--site"])
        .arg(site)
        .args(["--as-of", AS_OF, "--endpoint", endpoint])
        .args(extra)
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_DEFAULT_REGION", "us-east-1");
    run(cmd)
}

/// The keys the run reported as uploaded (publish lists them one a line off a terminal).
fn uploaded_keys(stderr: &str) -> Vec<String> {
    let mut keys: Vec<String> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("  uploaded "))
        .map(|l| l.split(" (").next().unwrap().to_string())
        .collect();
    keys.sort();
    keys
}

fn etags(objects: &BTreeMap<String, Value>) -> BTreeMap<String, String> {
    objects
        .iter()
        .map(|(k, v)| (k.clone(), v["etag"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn publishes_exactly_the_build_then_only_what_changed_then_deletes_what_went() {
    let test = "publishes_exactly_the_build_then_only_what_changed_then_deletes_what_went";
    let Some(moto) = Moto::start(test) else {
        return;
    };
    let bucket = "lifecycle-site";
    moto.boto("mb", bucket, "");
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let target = format!("s3://{bucket}");
    let endpoint = moto.endpoint();
    let built = objects_for(build(&site, &tmp.path().join("out1"), &[]));
    assert!(
        built.contains_key("api/v1/products/python"),
        "extensionless API keys"
    );

    // A dry run against the empty bucket: it plans every file and uploads none.
    let o = publish(&site, &target, &endpoint, &["--dry-run"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let total: usize = built.values().map(Vec::len).sum();
    assert!(
        o.stderr.contains(&format!(
            "dry run: would upload {}, unchanged 0, delete 0, {total} bytes; nothing was changed",
            built.len()
        )),
        "{}",
        o.stderr
    );
    assert!(moto.objects(bucket, "").is_empty(), "a dry run uploaded");

    // First publish: exactly the files build writes, with their sizes, MD5 ETags and headers.
    let o = publish(&site, &target, &endpoint, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains(&format!(
            "uploaded {}, unchanged 0, deleted 0, {total} bytes",
            built.len()
        )),
        "{}",
        o.stderr
    );
    let objects = moto.objects_with_headers(bucket, "");
    assert_eq!(
        objects.keys().collect::<Vec<_>>(),
        built.keys().collect::<Vec<_>>(),
        "the bucket must hold exactly the files build writes"
    );
    for (path, bytes) in &built {
        let o = &objects[path];
        assert_eq!(o["size"], bytes.len(), "{path}");
        assert_eq!(o["etag"], md5_hex(bytes), "{path}");
        assert_eq!(o["content_type"], expected_content_type(path), "{path}");
        let cache = if path.starts_with("assets/") {
            ASSET_CACHE
        } else {
            HTML_CACHE
        };
        assert_eq!(o["cache_control"], cache, "{path}");
    }
    assert!(built.keys().any(|p| p.starts_with("assets/")));
    assert!(built.contains_key("eos.ics") && built.contains_key(".nojekyll"));

    // Unchanged site: nothing to upload.
    let o = publish(&site, &target, &endpoint, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains(&format!(
            "uploaded 0, unchanged {}, deleted 0, 0 bytes",
            built.len()
        )),
        "{}",
        o.stderr
    );

    // One content file changes: exactly the files whose bytes changed are uploaded.
    append(
        &site.join("content/policy.md"),
        "This sentence was added by the publish test.",
    );
    let built2 = objects_for(build(&site, &tmp.path().join("out2"), &[]));
    let want = changed(&built, &built2);
    assert!(want.contains(&"policy/index.html".to_string()), "{want:?}");
    let before = etags(&moto.objects(bucket, ""));
    let o = publish(&site, &target, &endpoint, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let bytes: usize = want.iter().map(|p| built2[p].len()).sum();
    assert!(
        o.stderr.contains(&format!(
            "uploaded {}, unchanged {}, deleted 0, {bytes} bytes",
            want.len(),
            built2.len() - want.len()
        )),
        "{}",
        o.stderr
    );
    assert_eq!(uploaded_keys(&o.stderr), want);
    let after = etags(&moto.objects(bucket, ""));
    for (key, etag) in &after {
        if want.contains(key) {
            assert_eq!(etag, &md5_hex(&built2[key]), "{key} was not updated");
            assert_ne!(etag, &before[key], "{key}");
        } else {
            assert_eq!(etag, &before[key], "{key} changed but its bytes did not");
        }
    }

    // A page goes away.
    std::fs::remove_file(
        site.join("content/announcements/2024-09-16-maintenance-policy-update.md"),
    )
    .unwrap();
    let built3 = objects_for(build(&site, &tmp.path().join("out3"), &[]));
    let gone: Vec<&String> = built2.keys().filter(|k| !built3.contains_key(*k)).collect();
    assert_eq!(
        gone,
        ["announcements/2024-09-16-maintenance-policy-update/index.html"]
    );
    let listing = moto.objects(bucket, "");

    // --max-deletes 0 refuses before changing anything, uploads included.
    let o = publish(
        &site,
        &target,
        &endpoint,
        &["--delete", "--max-deletes", "0"],
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("refusing to delete 1 remote keys") && o.stderr.contains("--force"),
        "{}",
        o.stderr
    );
    assert_eq!(
        moto.objects(bucket, ""),
        listing,
        "a refused run changed the bucket"
    );

    // A dry run shows the deletion and changes nothing.
    let o = publish(&site, &target, &endpoint, &["--delete", "--dry-run"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains(
            "  would delete announcements/2024-09-16-maintenance-policy-update/index.html"
        ),
        "{}",
        o.stderr
    );
    assert_eq!(
        moto.objects(bucket, ""),
        listing,
        "a dry run changed the bucket"
    );

    // --force overrides --max-deletes: exactly the dropped key goes.
    let o = publish(
        &site,
        &target,
        &endpoint,
        &["--delete", "--max-deletes", "0", "--force"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    // changed() counts files both builds have whose bytes differ, and files only the new one has.
    let n = changed(&built2, &built3).len();
    assert!(
        o.stderr.contains(&format!(
            "uploaded {n}, unchanged {}, deleted 1,",
            built3.len() - n
        )),
        "{}",
        o.stderr
    );
    let objects = moto.objects(bucket, "");
    assert_eq!(
        objects.keys().collect::<Vec<_>>(),
        built3.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &built3 {
        assert_eq!(objects[path]["etag"], md5_hex(bytes), "{path}");
    }
}

/// A dependency that goes away takes its API keys with it, extensionless ones included, and
/// a publish with no change uploads nothing.
#[test]
fn api_keys_follow_the_dependencies() {
    let test = "api_keys_follow_the_dependencies";
    let Some(moto) = Moto::start(test) else {
        return;
    };
    let bucket = "lifecycle-api";
    moto.boto("mb", bucket, "");
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    std::fs::write(
        site.join("content/dependencies/extra.yaml"),
        "name: Extra\nkind: framework\nversions:\n  - version: \"1.0\"\n    supported: 2024-01-01\n",
    )
    .unwrap();
    let target = format!("s3://{bucket}");
    let endpoint = moto.endpoint();
    assert_eq!(publish(&site, &target, &endpoint, &[]).code, 0);
    let heads = moto.objects_with_headers(bucket, "api/v1/products/extra");
    for key in [
        "api/v1/products/extra",
        "api/v1/products/extra/releases/1.0",
    ] {
        assert_eq!(heads[key]["content_type"], "application/json", "{key}");
    }
    let o = publish(&site, &target, &endpoint, &[]);
    assert!(o.stderr.contains("uploaded 0,"), "{}", o.stderr);
    std::fs::remove_file(site.join("content/dependencies/extra.yaml")).unwrap();
    let o = publish(&site, &target, &endpoint, &["--delete"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let left: Vec<String> = moto
        .objects(bucket, "")
        .into_keys()
        .filter(|k| k.contains("extra"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let built = objects_for(build(&site, &tmp.path().join("out"), &[]));
    assert_eq!(
        moto.objects(bucket, "").into_keys().collect::<Vec<_>>(),
        built.into_keys().collect::<Vec<_>>()
    );
}

#[test]
fn a_prefix_confines_uploads_and_deletes() {
    let test = "a_prefix_confines_uploads_and_deletes";
    let Some(moto) = Moto::start(test) else {
        return;
    };
    let bucket = "shared-bucket";
    moto.boto("mb", bucket, "");
    for key in ["docs/stale.html", "docs-old/keep.html", "other/keep.txt"] {
        moto.boto("put", bucket, key);
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let built = objects_for(build(&site, &tmp.path().join("out"), &[]));

    // Without --delete the stale key stays, and the run says so.
    let o = publish(
        &site,
        &format!("s3://{bucket}/docs/"),
        &moto.endpoint(),
        &[],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("note: 1 remote key under the prefix is not in the site"),
        "{}",
        o.stderr
    );
    assert!(
        moto.objects(bucket, "docs/")
            .contains_key("docs/stale.html")
    );

    let o = publish(
        &site,
        &format!("s3://{bucket}/docs"),
        &moto.endpoint(),
        &["--delete"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains(&format!(
            "uploaded 0, unchanged {}, deleted 1,",
            built.len()
        )),
        "{}",
        o.stderr
    );
    let objects = moto.objects(bucket, "");
    let mut want: BTreeSet<String> = built.keys().map(|p| format!("docs/{p}")).collect();
    want.insert("docs-old/keep.html".into());
    want.insert("other/keep.txt".into());
    assert_eq!(objects.keys().cloned().collect::<BTreeSet<_>>(), want);
}

#[test]
fn a_stopped_server_fails_fast_with_a_clear_error() {
    let test = "a_stopped_server_fails_fast_with_a_clear_error";
    let Some(mut moto) = Moto::start(test) else {
        return;
    };
    let bucket = "stopped-server";
    moto.boto("mb", bucket, "");
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let endpoint = moto.endpoint();
    let o = publish(&site, &format!("s3://{bucket}"), &endpoint, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);

    moto.stop();
    append(
        &site.join("content/policy.md"),
        "A change that will not reach the stopped server.",
    );
    let o = publish(&site, &format!("s3://{bucket}"), &endpoint, &["--delete"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains(&format!("error: cannot list s3://{bucket} at {endpoint}"))
            && o.stderr.contains("Connection refused")
            && o.stderr.contains("nothing was published"),
        "{}",
        o.stderr
    );
    assert!(
        o.elapsed < Duration::from_secs(20),
        "a loopback failure must be quick, took {:?}",
        o.elapsed
    );
}

/// What the scripted server saw: method and path of every request.
type Seen = Arc<Mutex<Vec<String>>>;

/// A scripted S3 endpoint: it lists one stale key and answers every upload with 503.
fn failing_server() -> (u16, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen: Seen = Arc::default();
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let log = Arc::clone(&log);
            std::thread::spawn(move || serve_failing(stream, &log));
        }
    });
    (port, seen)
}

fn serve_failing(stream: TcpStream, log: &Seen) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut length = 0usize;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        log.lock().unwrap().push(format!("{method} {target}"));
        let (status, body) = if method == "GET" && target.contains("list-type=2") {
            let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
<Name>flaky</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys>\
<IsTruncated>false</IsTruncated><Contents><Key>stale.html</Key>\
<LastModified>2026-11-01T00:00:00.000Z</LastModified><ETag>&quot;0123&quot;</ETag>\
<Size>4</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>";
            ("200 OK", xml.to_string())
        } else {
            (
                "503 Service Unavailable",
                "<Error><Code>ServiceUnavailable</Code><Message>down for the test</Message></Error>"
                    .to_string(),
            )
        };
        let response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}

#[test]
fn failed_uploads_stop_the_run_before_any_delete() {
    let (port, seen) = failing_server();
    let tmp = tempfile::tempdir().unwrap();
    let site = site_copy(tmp.path());
    let o = publish(
        &site,
        "s3://flaky",
        &format!("http://127.0.0.1:{port}"),
        &["--delete"],
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("error: uploading s3://flaky/")
            && o.stderr.contains("503")
            && o.stderr.contains("no remote key was deleted"),
        "{}",
        o.stderr
    );
    assert!(o.elapsed < Duration::from_secs(20), "took {:?}", o.elapsed);
    let seen = seen.lock().unwrap();
    let puts = seen.iter().filter(|r| r.starts_with("PUT ")).count();
    assert!(puts >= 2, "uploads were retried: {seen:?}");
    // Retries are capped and no upload starts after the first failure has been reported:
    // far fewer requests than files.
    assert!(puts < 60, "{puts} PUTs: the run went on after a failure");
    assert!(
        !seen
            .iter()
            .any(|r| r.starts_with("DELETE ") || (r.starts_with("POST ") && r.contains("delete"))),
        "a delete was sent after a failed upload: {seen:?}"
    );
}
