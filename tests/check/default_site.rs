//! The repository is itself a site (docs/input.md): its default Neuron site must check clean.

use crate::support::check_json;
use std::path::Path;

#[test]
fn the_default_site_checks_without_errors() {
    let report = check_json(Path::new(env!("CARGO_MANIFEST_DIR")), "2026-11-25", &[]);
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == "error")
        .collect();
    assert!(
        errors.is_empty(),
        "the default site has errors: {errors:#?}"
    );
    report.exits(0);
}
