//! Every URL and output path the site writes, in one place (docs/urls.md: URLs are part of
//! the contract). Render contains no path literals: a page asks here for its path.

use semver::Version;

/// Builds root-relative URLs (with the base_url's path prefix) and absolute ones.
#[derive(Clone, Debug)]
pub struct Urls {
    /// Absolute, trailing slash: `https://owner.github.io/repo/`.
    pub base_url: String,
    /// Path prefix, leading and trailing slash: `/repo/` or `/`.
    pub root: String,
}

impl Urls {
    pub fn new(base_url: &str) -> Self {
        let root = url::Url::parse(base_url)
            .map(|u| u.path().to_string())
            .unwrap_or_else(|_| "/".into());
        let root = if root.ends_with('/') {
            root
        } else {
            format!("{root}/")
        };
        Urls {
            base_url: base_url.to_string(),
            root,
        }
    }

    /// Root-relative URL of an output path: `releases/2.21.0/` -> `/repo/releases/2.21.0/`.
    pub fn rel(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }

    /// Absolute URL of an output path.
    pub fn abs(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub const HOME: &'static str = "";
    pub const RELEASES: &'static str = "releases/";
    pub const LATEST: &'static str = "releases/latest/";
    pub const DEPENDENCIES: &'static str = "dependencies/";
    pub const ANNOUNCEMENTS: &'static str = "announcements/";
    pub const POLICY: &'static str = "policy/";
    /// The compatibility finder.
    pub const COMPATIBILITY: &'static str = "compatibility/";
    /// The slug of the policy page (`content/policy.md`).
    pub const POLICY_SLUG: &'static str = "policy";
    pub const NOT_FOUND: &'static str = "404.html";
    pub const TIMELINE: &'static str = "timeline.svg";
    pub const RSS: &'static str = "rss.xml";
    pub const ATOM: &'static str = "atom.xml";
    pub const CALENDAR: &'static str = "eos.ics";
    pub const SITEMAP: &'static str = "sitemap.xml";
    pub const ROBOTS: &'static str = "robots.txt";
    /// Tells GitHub Pages not to run Jekyll over the output.
    pub const NOJEKYLL: &'static str = ".nojekyll";
    pub const API_RELEASES: &'static str = "api/v1/releases.json";
    pub const API_DEPENDENCIES: &'static str = "api/v1/dependencies.json";
    pub const API_ANNOUNCEMENTS: &'static str = "api/v1/announcements.json";
    /// The endoflife.date-compatible API v1 lives below this.
    pub const EOL_V1: &'static str = "api/v1/";
    /// `api/all.json`: API v0's list of products.
    pub const EOL_V0_ALL: &'static str = "api/all.json";
    /// Rewrite rules for Netlify and Cloudflare Pages (extensionless v1 paths).
    pub const REDIRECTS: &'static str = "_redirects";

    pub fn release(v: &Version) -> String {
        format!("{}{v}/", Self::RELEASES)
    }

    pub fn dependency(id: &str) -> String {
        format!("{}{id}/", Self::DEPENDENCIES)
    }

    /// The endoflife.date-compatible API v1: `segments` (`products/python/`, `` for the
    /// index) as the file it is written to, `api/v1/products/python/index.json`.
    pub fn eol_v1_file(segments: &str) -> String {
        format!("{}{segments}index.json", Self::EOL_V1)
    }

    /// Its absolute URL as clients request it, extensionless and without a trailing slash,
    /// as endoflife.date writes them: `https://site/api/v1/products/python`.
    pub fn eol_v1_uri(&self, segments: &str) -> String {
        self.abs(&format!("{}{segments}", Self::EOL_V1))
            .trim_end_matches('/')
            .to_string()
    }

    /// The API v0 (what Renovate reads): `api/<product>.json`.
    pub fn eol_v0_product(product: &str) -> String {
        format!("api/{product}.json")
    }

    /// `api/<product>/<cycle>.json`.
    pub fn eol_v0_cycle(product: &str, cycle: &str) -> String {
        format!("api/{product}/{cycle}.json")
    }

    /// A dependency's own feed: `dependencies/<id>/rss.xml`.
    pub fn dependency_feed(id: &str) -> String {
        format!("{}{}", Self::dependency(id), Self::RSS)
    }

    /// A dependency's own calendar: `dependencies/<id>/eos.ics`.
    pub fn dependency_calendar(id: &str) -> String {
        format!("{}{}", Self::dependency(id), Self::CALENDAR)
    }

    /// A release's status badge: `badges/<X.Y.Z>.svg`.
    pub fn badge_svg(v: &Version) -> String {
        format!("badges/{v}.svg")
    }

    /// A release's shields.io endpoint: `badges/<X.Y.Z>.json`.
    pub fn badge_json(v: &Version) -> String {
        format!("badges/{v}.json")
    }

    pub fn announcement(slug: &str) -> String {
        format!("{}{slug}/", Self::ANNOUNCEMENTS)
    }

    pub fn page(slug: &str) -> String {
        if slug.is_empty() {
            String::new()
        } else {
            format!("{slug}/")
        }
    }

    pub fn policy_revision(effective: chrono::NaiveDate) -> String {
        format!("{}{effective}/", Self::POLICY)
    }

    /// The file a page URL path is written to: `releases/` -> `releases/index.html`.
    pub fn file_of(path: &str) -> String {
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_comes_from_base_url() {
        let u = Urls::new("https://owner.github.io/repo/");
        assert_eq!(u.root, "/repo/");
        assert_eq!(u.rel("releases/"), "/repo/releases/");
        assert_eq!(u.abs("rss.xml"), "https://owner.github.io/repo/rss.xml");
        assert_eq!(Urls::new("http://127.0.0.1:1111/").root, "/");
        assert_eq!(
            Urls::file_of("releases/2.21.0/"),
            "releases/2.21.0/index.html"
        );
        assert_eq!(Urls::file_of(""), "index.html");
    }
}
