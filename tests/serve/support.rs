//! The harness: a fresh site from `lifecycle new`, the real `serve` binary on an ephemeral
//! port, a plain HTTP/1.1 client over `TcpStream` (it sends paths byte for byte, so
//! traversal attempts reach the server unnormalised), and a Server-Sent Events reader.

pub use crate::common::tool;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub const AS_OF: &str = "2025-06-01";
/// Every wait for the server to react is bounded by this.
pub const WAIT: Duration = Duration::from_secs(10);

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_lifecycle")
}

/// A site written by `lifecycle new`, plus static files of the types the site itself has
/// none of, in a temporary directory.
pub struct Site {
    _dir: TempDir,
    root: PathBuf,
}

impl Site {
    pub fn new() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        let out = Command::new(bin())
            .args(["new", root.to_str().unwrap(), "--product", "Acme SDK"])
            .output()
            .expect("run lifecycle new");
        assert!(
            out.status.success(),
            "lifecycle new failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let site = Site { _dir: dir, root };
        site.write_bytes("static/img/logo.png", b"\x89PNG\r\n\x1a\n fake png");
        site.write_bytes("static/fonts/body.woff2", b"wOF2 fake font");
        site.write("static/notes.txt", "plain notes\n");
        site
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    /// `lifecycle build` of this site as of `AS_OF` into `out` (at `base_url`, if given,
    /// e.g. a running server's address); panics with its stderr unless it succeeds.
    pub fn build(&self, out: &Path, base_url: Option<&str>) {
        let mut cmd = Command::new(bin());
        cmd.args([
            "build",
            "--site",
            self.root.to_str().unwrap(),
            "--as-of",
            AS_OF,
        ]);
        if let Some(url) = base_url {
            cmd.args(["--base-url", url]);
        }
        let built = cmd.arg("--out").arg(out).output().unwrap();
        assert!(
            built.status.success(),
            "build failed: {}",
            String::from_utf8_lossy(&built.stderr)
        );
    }

    /// Replace the one occurrence of `old` in `rel` with `new`.
    pub fn replace(&self, rel: &str, old: &str, new: &str) {
        let text = self.read(rel);
        assert_eq!(
            text.matches(old).count(),
            1,
            "{rel} must contain `{old}` once"
        );
        self.write(rel, &text.replacen(old, new, 1));
    }
}

/// A running `lifecycle serve`; killed when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    pub port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// `serve --site SITE --port 0 --as-of 2025-06-01`, once it has printed its URL.
    pub fn start(site: &Path) -> Server {
        Server::start_with(site, &["--port", "0"])
    }

    pub fn start_with(site: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(bin())
            .args(["serve", "--site", site.to_str().unwrap(), "--as-of", AS_OF])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start lifecycle serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        std::thread::spawn(move || {
            let mut line = String::new();
            while matches!(err.read_line(&mut line), Ok(n) if n > 0) {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        let (tx, rx) = mpsc::channel();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            let mut line = String::new();
            while matches!(out.read_line(&mut line), Ok(n) if n > 0) {
                let _ = tx.send(line.clone());
                line.clear();
            }
        });
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("serve printed no URL; stderr:\n{}", stderr.lock().unwrap())
            });
        let url = first
            .trim_end()
            .strip_prefix("Serving at ")
            .unwrap_or_else(|| panic!("first stdout line is not the URL: {first:?}"))
            .to_string();
        let port = url
            .strip_prefix("http://127.0.0.1:")
            .and_then(|rest| rest.strip_suffix('/'))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("not a 127.0.0.1 URL with a port: {url}"));
        Server {
            child,
            url,
            port,
            stderr,
        }
    }

    pub fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    /// GET `path` until `ok` holds for the response (or panic after `WAIT`).
    pub fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            if start.elapsed() > WAIT {
                panic!(
                    "{path} did not become {what} within {WAIT:?}; last status {}; stderr:\n{}",
                    r.status,
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Wait until stderr satisfies `ok`; returns it.
    pub fn wait_stderr(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.stderr();
            if ok(&s) {
                return s;
            }
            assert!(
                start.elapsed() < WAIT,
                "stderr did not show {what} within {WAIT:?}:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Send SIGINT (what Ctrl-C sends) and wait for the exit.
    pub fn interrupt(mut self) -> (ExitStatus, String) {
        let pid = self.child.id().to_string();
        let status = Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -INT {pid} failed");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for serve") {
                // Let the stderr thread drain the last lines.
                std::thread::sleep(Duration::from_millis(100));
                return (status, self.stderr());
            }
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "serve did not stop within 5 s of SIGINT; stderr:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response as received.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One `GET` with `Connection: close`; `path` is sent exactly as given.
pub fn get(port: u16, path: &str) -> Response {
    request(port, "GET", path)
}

pub fn request(port: u16, method: &str, path: &str) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect to serve");
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read the response");
    parse(&raw)
}

fn parse(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16)
            .expect("chunk size");
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
}

/// The reload event stream (`/__lifecycle/events`), read on a thread of its own. Requested
/// as HTTP/1.0 so the body is plain (not chunked) text.
pub struct Events {
    rx: Receiver<String>,
    _stream: TcpStream,
}

impl Events {
    pub fn open(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect to serve");
        write!(
            s,
            "GET /__lifecycle/events HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let reader = s.try_clone().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(reader);
            let mut line = String::new();
            let mut in_body = false;
            while matches!(lines.read_line(&mut line), Ok(n) if n > 0) {
                let l = line.trim_end();
                if !in_body {
                    if l.starts_with("HTTP/") {
                        let _ = tx.send(format!("status {l}"));
                    } else if l.to_ascii_lowercase().starts_with("content-type:") {
                        let _ = tx.send(l.to_ascii_lowercase());
                    }
                    in_body = l.is_empty();
                } else if let Some(data) = l.strip_prefix("data: ") {
                    let _ = tx.send(data.to_string());
                }
                line.clear();
            }
        });
        let ev = Events { rx, _stream: s };
        let status = ev.next_line();
        assert!(status.contains(" 200 "), "events: {status}");
        let ct = ev.next_line();
        assert_eq!(ct, "content-type: text/event-stream");
        ev
    }

    fn next_line(&self) -> String {
        self.rx
            .recv_timeout(WAIT)
            .expect("a line from the event stream")
    }

    /// The next `state` event: `(build, error)`.
    pub fn next(&self) -> (String, Option<String>) {
        let data = self.next_line();
        let v: serde_json::Value =
            serde_json::from_str(&data).unwrap_or_else(|e| panic!("event data {data:?}: {e}"));
        (
            v["build"].as_str().expect("build id").to_string(),
            v["error"].as_str().map(str::to_string),
        )
    }
}
