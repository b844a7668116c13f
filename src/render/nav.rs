//! The navigation: Home, the top-level content pages, then the sections. Serialised once per
//! possible active entry, so pages pick theirs instead of rebuilding it.

use super::urls::Urls;
use crate::model::Site;
use serde::Serialize;
use tera::Value;

pub struct Nav {
    /// (title, URL), in display order; the first is Home.
    items: Vec<(String, String)>,
    /// One value per possible active entry, and a last one with none active.
    values: Vec<Value>,
}

#[derive(Serialize)]
struct NavItem<'a> {
    title: &'a str,
    url: &'a str,
    active: bool,
}

impl Nav {
    pub fn new(site: &Site, urls: &Urls) -> Nav {
        let mut items = vec![(String::from("Home"), urls.rel(Urls::HOME))];
        for p in site
            .pages
            .iter()
            .filter(|p| !p.slug.is_empty() && !p.slug.contains('/'))
        {
            items.push((p.title.clone(), urls.rel(&Urls::page(&p.slug))));
        }
        items.push(("Releases".into(), urls.rel(Urls::RELEASES)));
        items.push(("Dependencies".into(), urls.rel(Urls::DEPENDENCIES)));
        items.push(("Compatibility".into(), urls.rel(Urls::COMPATIBILITY)));
        items.push(("Announcements".into(), urls.rel(Urls::ANNOUNCEMENTS)));
        let values = (0..=items.len())
            .map(|active| {
                let nav: Vec<NavItem> = items
                    .iter()
                    .enumerate()
                    .map(|(k, (title, url))| NavItem {
                        title,
                        url,
                        active: k == active,
                    })
                    .collect();
                Value::from_serializable(&nav)
            })
            .collect();
        Nav { items, values }
    }

    /// The navigation of the page at `page_url`. A section is active on its own pages too
    /// (releases/2.21.0/ under Releases).
    pub fn for_page(&self, page_url: &str) -> Value {
        let home = &self.items[0].1;
        let active = self
            .items
            .iter()
            .position(|(_, url)| {
                url == page_url || (url != home && page_url.starts_with(url.as_str()))
            })
            .unwrap_or(self.items.len());
        self.values[active].clone()
    }
}
