//! The minimal fixture is a complete, valid site: the baseline every other case breaks once.

use crate::support::{Site, check_json, fixture};

#[test]
fn minimal_site_passes_check_with_no_diagnostics() {
    check_json(&fixture("minimal"), "2025-06-01", &[]).is_clean();
}

#[test]
fn minimal_site_passes_check_in_strict_mode_too() {
    Site::minimal().check_with(&["--strict"]).is_clean();
}
