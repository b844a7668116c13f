//! The shared front half of every command: load, validate, check the policy.

use crate::diagnostics::Diagnostics;
use crate::model::Site;
use std::path::Path;

/// The outcome of loading and checking a site: the site (if `site.yaml` was usable) and
/// every diagnostic found on the way, `--strict` already applied.
pub struct Checked {
    pub site: Option<Site>,
    pub diagnostics: Diagnostics,
}

/// Load -> validate -> policy. `strict` (the flag) or `strict: true` in site.yaml turns
/// warnings into errors.
pub fn load_and_check(root: &Path, strict: bool) -> Checked {
    let mut diagnostics = Diagnostics::default();
    let loaded = crate::load::load_site(root, &mut diagnostics);
    let site = crate::validate::validate(loaded, &mut diagnostics);
    if let Some(site) = &site {
        crate::policy::check_policy(site, &mut diagnostics);
    }
    if strict || site.as_ref().is_some_and(|s| s.config.strict) {
        diagnostics.make_strict();
    }
    Checked { site, diagnostics }
}
