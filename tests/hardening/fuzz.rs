//! Fuzz-style: random byte damage to each input file kind (a release, a dependency,
//! site.yaml, an announcement's front matter) never panics load and validate, and each run
//! ends in bounded time. Alias bombs and 100,000-deep nesting are refused quickly.

use crate::support::{Site, fixture};
use lifecycle::pipeline::load_and_check;
use proptest::prelude::*;
use std::time::{Duration, Instant};

const FILES: [&str; 4] = [
    "content/releases/1.0.0.yaml",
    "content/dependencies/python.yaml",
    "site.yaml",
    "content/announcements/2024-10-01-eos-acme-1-0.md",
];

/// Byte-level damage: flip, insert or delete bytes at positions given as fractions.
#[derive(Clone, Debug)]
enum Damage {
    Flip(f64, u8),
    Insert(f64, Vec<u8>),
    Delete(f64, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (0.0..1.0f64, any::<u8>()).prop_map(|(at, b)| Damage::Flip(at, b)),
        (0.0..1.0f64, prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, b)| Damage::Insert(at, b)),
        (0.0..1.0f64, 1usize..16).prop_map(|(at, n)| Damage::Delete(at, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, d: &Damage) {
    let at = |f: f64, len: usize| ((f * len as f64) as usize).min(len);
    match d {
        Damage::Flip(f, b) => {
            if !bytes.is_empty() {
                let i = at(*f, bytes.len() - 1);
                bytes[i] ^= b | 1;
            }
        }
        Damage::Insert(f, new) => {
            let i = at(*f, bytes.len());
            bytes.splice(i..i, new.iter().copied());
        }
        Damage::Delete(f, n) => {
            let i = at(*f, bytes.len());
            let end = (i + n).min(bytes.len());
            bytes.drain(i..end);
        }
    }
}

fn bounded(site: &Site) {
    let start = Instant::now();
    let (_site, _diags) = load_and_check(site.path(), false);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn damaged_bytes_never_panic(file in 0..FILES.len(), damages in prop::collection::vec(damage(), 1..6)) {
        let site = Site::basic();
        let path = site.path().join(FILES[file]);
        let mut bytes = std::fs::read(fixture("communications/basic").join(FILES[file])).unwrap();
        for d in &damages {
            apply(&mut bytes, d);
        }
        std::fs::write(&path, &bytes).unwrap();
        bounded(&site);
    }
}

#[test]
fn alias_bombs_and_deep_nesting_are_refused_quickly() {
    let mut bomb = String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for i in 1..12 {
        let prev = (b'a' + (i - 1) as u8) as char;
        let name = (b'a' + i as u8) as char;
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    let deep = format!(
        "version: 1.0.0\nreleased: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    for text in [bomb, deep] {
        let site = Site::basic().write("content/releases/1.0.0.yaml", &text);
        let start = Instant::now();
        let (_s, diags) = load_and_check(site.path(), false);
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "took {:?}",
            start.elapsed()
        );
        assert!(
            diags
                .iter()
                .any(|d| d.file.as_deref() == Some("content/releases/1.0.0.yaml"))
        );
    }
}
