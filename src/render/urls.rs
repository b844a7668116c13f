//! Every URL the site writes, in one place (DESIGN section 3: URLs are part of the contract).

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

    pub fn release(v: &Version) -> String {
        format!("releases/{v}/")
    }

    pub fn dependency(id: &str) -> String {
        format!("dependencies/{id}/")
    }

    pub fn announcement(slug: &str) -> String {
        format!("announcements/{slug}/")
    }

    pub fn page(slug: &str) -> String {
        if slug.is_empty() {
            String::new()
        } else {
            format!("{slug}/")
        }
    }

    pub fn policy_revision(effective: chrono::NaiveDate) -> String {
        format!("policy/{effective}/")
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
