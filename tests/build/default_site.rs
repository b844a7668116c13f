//! The default Neuron site (the repository root): every page docs/urls.md lists is
//! there, and every phase it shows is the one the lifecycle engine (the schedule, with the
//! policy's projected end-of-support dates) computes.

use crate::support::*;
use lifecycle::lifecycle::Phase;
use lifecycle::schedule::Schedule;
use scraper::{ElementRef, Html};
use std::collections::{BTreeMap, BTreeSet};

/// The schedule of the default site as of `as_of`.
fn schedule(as_of: chrono::NaiveDate) -> Schedule {
    Schedule::new(engine_site(), as_of)
}

/// The expected phase of every SDK version as of `as_of`, by version.
fn sdk_phases(as_of: &str) -> BTreeMap<String, Phase> {
    let s = schedule(date(as_of));
    engine_site()
        .releases
        .iter()
        .zip(&s.releases)
        .map(|(r, p)| (r.version.to_string(), *p))
        .collect()
}

/// The expected phase of every dependency version: (id, version) -> phase.
fn dependency_phases(as_of: &str) -> BTreeMap<(String, String), Phase> {
    let s = schedule(date(as_of));
    let mut out = BTreeMap::new();
    for (di, d) in engine_site().dependencies.iter().enumerate() {
        for (vi, v) in d.versions.iter().enumerate() {
            out.insert((d.id.clone(), v.version.clone()), s.dependencies[di][vi]);
        }
    }
    out
}

fn assert_phase(shown: (String, String), want: Phase, what: &str) {
    assert_eq!(
        shown,
        (want.label().to_string(), want.id().to_string()),
        "{what}: shown phase (label, class) differs from the lifecycle engine"
    );
}

/// The `<section>` whose heading has id `heading`.
fn section<'a>(doc: &'a Html, heading: &str, page: &str) -> ElementRef<'a> {
    doc.select(&sel("section"))
        .find(|s| s.select(&sel(&format!("h2#{heading}"))).next().is_some())
        .unwrap_or_else(|| panic!("{page}: no section headed #{heading}"))
}

/// The dependency id a root-relative `/prefix/dependencies/<id>/` link points to.
fn dependency_id(href: &str) -> String {
    href.strip_prefix(&format!("{PREFIX}dependencies/"))
        .and_then(|s| s.strip_suffix('/'))
        .unwrap_or_else(|| panic!("not a dependency link: {href}"))
        .to_string()
}

#[test]
fn every_release_has_a_page_with_its_version() {
    let site = default_site();
    let releases = &engine_site().releases;
    assert_eq!(releases.len(), 39, "the default site has 39 releases");
    for r in releases {
        let page = format!("releases/{}/index.html", r.version);
        assert!(site.exists(&page), "{page} is missing");
        let doc = site.html(&page);
        assert_eq!(
            text(one(&doc, "h1", &page)),
            format!("Neuron SDK {}", r.version),
            "{page}"
        );
    }
}

/// Release pages and releases/index.html show each version's phase as of the build date.
fn check_release_phases(site: &Built, as_of: &str) {
    let want = sdk_phases(as_of);
    for (version, phase) in &want {
        let page = format!("releases/{version}/index.html");
        let doc = site.html(&page);
        let meta = one(&doc, ".page-head .meta", &page);
        assert_phase(phase_of(meta, &page), *phase, &page);
        // A release date in the future is a plan, not a fact.
        let verb = if *phase == Phase::Upcoming {
            "Planned for"
        } else {
            "Released"
        };
        assert!(text(meta).contains(verb), "{page}: `{}`", text(meta));
        // The lifecycle table marks the same phase as current.
        let current = one(&doc, "table.phases-table tr.current", &page);
        assert_phase(
            phase_of(current, &page),
            *phase,
            &format!("{page} (current row)"),
        );
        // A banner on versions that are announced or at end of support, and only there.
        let banner = doc.select(&sel(".banner")).next();
        match phase {
            Phase::Announced | Phase::EndOfSupport => {
                let banner = banner.unwrap_or_else(|| panic!("{page}: no banner"));
                assert_phase(phase_of(banner, &page), *phase, &format!("{page} (banner)"));
            }
            _ => assert!(banner.is_none(), "{page}: banner on a {phase:?} version"),
        }
    }
    let doc = site.html("releases/index.html");
    let mut listed = BTreeMap::new();
    for row in doc.select(&sel("table.releases-table tbody tr")) {
        let version = text(one_in(row, "th[scope=row] a"));
        listed.insert(version, phase_of(row, "releases/index.html"));
    }
    assert_eq!(
        listed.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "releases/index.html lists every version once"
    );
    for (version, phase) in &want {
        assert_phase(
            listed[version].clone(),
            *phase,
            &format!("releases/index.html row {version}"),
        );
    }
}

fn one_in<'a>(el: ElementRef<'a>, selector: &str) -> ElementRef<'a> {
    let found: Vec<_> = el.select(&sel(selector)).collect();
    assert_eq!(found.len(), 1, "expected one `{selector}` in {}", el.html());
    found[0]
}

#[test]
fn release_phases_match_the_engine() {
    check_release_phases(default_site(), AS_OF);
}

#[test]
fn release_phases_follow_the_as_of_date() {
    // The second date must actually change phases, or it would test nothing new.
    let (now, then) = (sdk_phases(AS_OF), sdk_phases(EARLIER));
    let changed = now.keys().filter(|v| now[*v] != then[*v]).count();
    assert!(
        changed >= 5,
        "only {changed} releases change phase between the dates"
    );
    assert_eq!(then["2.24.0"], Phase::Supported);
    assert_eq!(now["2.24.0"], Phase::Announced);
    assert_eq!(then["2.28.0"], Phase::Upcoming);
    check_release_phases(default_site_earlier(), EARLIER);
}

/// Dependency pages, the matrix and every release's content table show each dependency
/// version's own phase.
fn check_dependency_phases(site: &Built, as_of: &str) {
    let want = dependency_phases(as_of);
    for d in &engine_site().dependencies {
        let page = format!("dependencies/{}/index.html", d.id);
        let doc = site.html(&page);
        let mut shown = BTreeMap::new();
        for row in doc.select(&sel("table.versions-table tbody tr")) {
            let version = text(one_in(row, "th[scope=row]"));
            shown.insert(version, phase_of(row, &page));
        }
        let versions: BTreeSet<_> = d.versions.iter().map(|v| v.version.clone()).collect();
        assert_eq!(
            shown.keys().cloned().collect::<BTreeSet<_>>(),
            versions,
            "{page} lists every version"
        );
        for (version, phase) in shown {
            assert_phase(
                phase,
                want[&(d.id.clone(), version.clone())],
                &format!("{page} {version}"),
            );
        }
    }

    let page = "dependencies/index.html";
    let doc = site.html(page);
    let mut seen = BTreeSet::new();
    for group in doc.select(&sel("table.dependencies-table tbody.dependency")) {
        let id = dependency_id(one_in(group, "th.group a").value().attr("href").unwrap());
        for row in group.select(&sel("tr")) {
            let version = text(one_in(row, "th.version"));
            let key = (id.clone(), version);
            assert_phase(phase_of(row, page), want[&key], &format!("{page} {key:?}"));
            seen.insert(key);
        }
    }
    assert_eq!(
        seen,
        want.keys().cloned().collect(),
        "{page} lists every version"
    );

    for r in &engine_site().releases {
        let page = format!("releases/{}/index.html", r.version);
        let doc = site.html(&page);
        let mut shown = BTreeSet::new();
        for row in doc.select(&sel("table.components-table tbody tr")) {
            let id = dependency_id(one_in(row, "th a").value().attr("href").unwrap());
            let version = text(row.select(&sel("td")).next().unwrap());
            let key = (id, version);
            assert_phase(phase_of(row, &page), want[&key], &format!("{page} {key:?}"));
            shown.insert(key);
        }
        let shipped: BTreeSet<_> = r
            .components
            .iter()
            .flat_map(|c| {
                c.versions
                    .iter()
                    .map(|(v, _)| (c.dependency.clone(), v.clone()))
            })
            .collect();
        assert_eq!(shown, shipped, "{page} shows its release content");
    }
}

#[test]
fn dependency_phases_match_the_engine() {
    check_dependency_phases(default_site(), AS_OF);
}

#[test]
fn dependency_phases_follow_the_as_of_date() {
    let (now, then) = (dependency_phases(AS_OF), dependency_phases(EARLIER));
    let changed = now.keys().filter(|k| now[*k] != then[*k]).count();
    assert!(
        changed >= 5,
        "only {changed} dependency versions change phase"
    );
    check_dependency_phases(default_site_earlier(), EARLIER);
}

/// The highest version released on or before `as_of`.
fn latest_released(as_of: &str) -> String {
    engine_site()
        .releases
        .iter()
        .rfind(|r| r.released.date <= date(as_of))
        .map(|r| r.version.to_string())
        .unwrap()
}

#[test]
fn latest_redirects_to_the_highest_released_version_not_the_upcoming_one() {
    let site = default_site();
    let newest = engine_site().releases.last().unwrap();
    // The newest file is dated after the as-of date: latest must skip it.
    assert_eq!(newest.version.to_string(), "2.28.0");
    assert_eq!(
        sdk_phases(AS_OF)[&newest.version.to_string()],
        Phase::Upcoming
    );
    let latest = latest_released(AS_OF);
    assert_eq!(latest, "2.27.2");

    let page = "releases/latest/index.html";
    let doc = site.html(page);
    let refresh = one(&doc, r#"meta[http-equiv="refresh"]"#, page);
    assert_eq!(
        refresh.value().attr("content"),
        Some(format!("0; url={PREFIX}releases/{latest}/").as_str())
    );
    let canonical = one(&doc, r#"link[rel="canonical"]"#, page);
    assert_eq!(
        canonical.value().attr("href"),
        Some(format!("{BASE_URL}releases/{latest}/").as_str())
    );
    assert!(
        !site.read(page).contains("2.28.0"),
        "{page} mentions 2.28.0"
    );

    // On the other date the redirect follows the engine too.
    let earlier = default_site_earlier();
    let latest = latest_released(EARLIER);
    let doc = earlier.html(page);
    let refresh = one(&doc, r#"meta[http-equiv="refresh"]"#, page);
    assert_eq!(
        refresh.value().attr("content"),
        Some(format!("0; url={PREFIX}releases/{latest}/").as_str())
    );
}

#[test]
fn index_lists_supported_releases_and_coming_end_of_support() {
    let site = default_site();
    let page = "index.html";
    let doc = site.html(page);
    let as_of = date(AS_OF);

    let supported = section(&doc, "supported-heading", page);
    let shown: Vec<String> = supported
        .select(&sel("table.releases-table tbody tr th[scope=row] a"))
        .map(text)
        .collect();
    let s = schedule(as_of);
    let want: Vec<String> = engine_site()
        .releases
        .iter()
        .zip(&s.releases)
        .rev()
        .filter(|(_, p)| matches!(p, Phase::Supported | Phase::Announced))
        .map(|(r, _)| r.version.to_string())
        .collect();
    assert_eq!(
        shown, want,
        "supported versions on the home page, newest first"
    );
    assert!(
        !shown.contains(&"2.28.0".to_string()),
        "upcoming listed as supported"
    );

    let latest = section(&doc, "latest-heading", page);
    assert_eq!(
        text(one_in(latest, ".latest-version a")),
        format!("Neuron SDK {}", latest_released(AS_OF))
    );

    // Every end of support or maintenance start in the next 180 days, with the phase the
    // version is in today (not the one it is about to enter).
    let horizon = as_of + chrono::Days::new(180);
    let in_window = |d: chrono::NaiveDate| d >= as_of && d <= horizon;
    let mut want: BTreeSet<(String, String, String)> = BTreeSet::new();
    for (i, r) in engine_site().releases.iter().enumerate() {
        if let Some(eos) = s.release_eos[i].filter(|e| in_window(e.date)) {
            let p = s.releases[i];
            want.insert((
                eos.date.to_string(),
                format!("Neuron SDK {}", r.version),
                p.label().into(),
            ));
        }
    }
    for (di, d) in engine_site().dependencies.iter().enumerate() {
        for (vi, v) in d.versions.iter().enumerate() {
            let p = s.dependencies[di][vi];
            let eos = s.dependency_eos[di][vi].map(|e| e.date);
            for day in [v.maintenance.map(|m| m.date), eos].into_iter().flatten() {
                if in_window(day) {
                    want.insert((
                        day.to_string(),
                        format!("{} {}", d.name, v.version),
                        p.label().into(),
                    ));
                }
            }
        }
    }
    assert!(
        want.len() >= 3,
        "the default site has coming end-of-support dates"
    );
    let upcoming = section(&doc, "upcoming-heading", page);
    let mut shown = BTreeSet::new();
    for row in upcoming.select(&sel("table.events-table tbody tr")) {
        let day = one_in(row, "time")
            .value()
            .attr("datetime")
            .unwrap()
            .to_string();
        let what = text(one_in(row, "th[scope=row]"));
        shown.insert((day, what, phase_of(row, page).0));
    }
    assert_eq!(
        shown, want,
        "coming end-of-support dates (date, software, phase now)"
    );
}

#[test]
fn the_switcher_lists_every_version_of_a_small_site() {
    let site = default_site();
    let versions: Vec<String> = engine_site()
        .releases
        .iter()
        .rev()
        .map(|r| r.version.to_string())
        .collect();
    assert!(versions.len() < 50, "the default site is a small site");
    for page_version in ["2.21.0", "1.16.0", "2.28.0"] {
        let page = format!("releases/{page_version}/index.html");
        let doc = site.html(&page);
        let switcher = one(&doc, "nav.switcher", &page);
        let listed: Vec<String> = switcher.select(&sel("li a")).map(text).collect();
        assert_eq!(
            listed, versions,
            "{page}: the switcher lists every version, newest first"
        );
        let current: Vec<String> = switcher
            .select(&sel(r#"a[aria-current="page"]"#))
            .map(text)
            .collect();
        assert_eq!(current, vec![page_version.to_string()], "{page}");
        for a in switcher.select(&sel("li a")) {
            assert_eq!(
                a.value().attr("href"),
                Some(format!("{PREFIX}releases/{}/", text(a)).as_str())
            );
        }
    }
}

#[test]
fn policy_lists_its_revisions_and_the_old_one_says_it_is_superseded() {
    let site = default_site();
    let page = "policy/index.html";
    let doc = site.html(page);
    let history = one(&doc, "section.revisions", page);
    let items: Vec<String> = history.select(&sel("li")).map(text).collect();
    assert_eq!(
        items,
        ["Effective 2024-09-16 current", "Effective 2022-10-10"]
    );
    let links: Vec<&str> = history
        .select(&sel("a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links, [format!("{PREFIX}policy/2022-10-10/")]);
    // The current policy embeds the live tables (shortcodes), not a copy.
    assert_eq!(
        doc.select(&sel(".prose table.releases-table tbody tr"))
            .count(),
        39
    );
    assert!(doc.select(&sel(".prose table.dependencies-table")).count() >= 3);

    let page = "policy/2022-10-10/index.html";
    let doc = site.html(page);
    let banner = one(&doc, ".banner-superseded", page);
    assert!(
        text(banner).contains("superseded on 2024-09-16"),
        "{}",
        text(banner)
    );
    let link = one_in(banner, "a");
    assert_eq!(
        link.value().attr("href"),
        Some(format!("{PREFIX}policy/").as_str())
    );
    assert!(
        one(&doc, "title", page)
            .text()
            .collect::<String>()
            .contains("2022-10-10"),
        "{page}: the title names the revision"
    );
    // The old text, not the current one.
    assert!(
        site.read(page).contains("12 months"),
        "{page} is the 2022 text"
    );
}

#[test]
fn timeline_is_well_formed_svg_with_a_today_line() {
    let site = default_site();
    let svg = site.read("timeline.svg");
    let doc = roxmltree::Document::parse(&svg).expect("timeline.svg is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let height: f64 = root.attribute("height").unwrap().parse().unwrap();
    let width: f64 = root.attribute("width").unwrap().parse().unwrap();
    let today = doc
        .descendants()
        .find(|n| n.has_tag_name("line") && n.attribute("class") == Some("today"))
        .expect("a today line");
    let x: f64 = today.attribute("x1").unwrap().parse().unwrap();
    assert_eq!(
        today.attribute("x1"),
        today.attribute("x2"),
        "the today line is vertical"
    );
    assert!(x > 0.0 && x < width);
    assert!(
        svg.contains(&format!("As of {AS_OF}")),
        "the today line is labelled"
    );
    // Readable without scripts: no <script>, and nothing drawn outside the canvas (the
    // year labels under the last row included).
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    for n in doc.descendants().filter(|n| n.is_element()) {
        for attr in ["y", "y1", "y2"] {
            if let Some(y) = n.attribute(attr).and_then(|v| v.parse::<f64>().ok()) {
                assert!(
                    (0.0..=height - 4.0).contains(&y),
                    "<{} {attr}={y}> lies outside the {height} px high chart",
                    n.tag_name().name()
                );
            }
        }
    }
    // One row per version drawn, each bar with a text title (phase in words, not colour).
    let titles = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .count();
    assert!(titles > 20, "only {titles} titles");

    // The home page embeds it.
    let doc = site.html("index.html");
    let img = one(&doc, "figure.timeline img", "index.html");
    assert_eq!(
        img.value().attr("src"),
        Some(format!("{PREFIX}timeline.svg").as_str())
    );
    assert!(!img.value().attr("alt").unwrap_or("").is_empty());
}

#[test]
fn sitemap_lists_absolute_urls_of_every_page() {
    let site = default_site();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    let locs: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    let mut paths = BTreeSet::new();
    for loc in &locs {
        let path = loc
            .strip_prefix(BASE_URL)
            .unwrap_or_else(|| panic!("sitemap URL {loc} is not absolute under {BASE_URL}"));
        assert!(path.is_empty() || path.ends_with('/'), "{loc}");
        assert!(
            site.exists(&format!("{path}index.html")),
            "{loc} has no page"
        );
        paths.insert(path.to_string());
    }
    assert_eq!(paths.len(), locs.len(), "no URL twice");
    for want in [
        "",
        "policy/",
        "policy/2022-10-10/",
        "releases/",
        "dependencies/",
        "announcements/",
    ] {
        assert!(paths.contains(want), "sitemap lacks /{want}");
    }
    for r in &engine_site().releases {
        assert!(paths.contains(&format!("releases/{}/", r.version)));
    }
    for d in &engine_site().dependencies {
        assert!(paths.contains(&format!("dependencies/{}/", d.id)));
    }
    assert!(
        !paths.contains("releases/latest/"),
        "a redirect is not a page to index"
    );
    // Every index.html page but the redirect is in it.
    let pages = site
        .html_files()
        .into_iter()
        .filter(|p| p.ends_with("index.html") && p != "releases/latest/index.html")
        .count();
    assert_eq!(pages, paths.len());
}

#[test]
fn fixed_files_exist() {
    let site = default_site();
    let robots = site.read("robots.txt");
    assert!(robots.contains("User-agent: *"), "{robots}");
    assert!(
        robots.contains(&format!("Sitemap: {BASE_URL}sitemap.xml")),
        "{robots}"
    );
    assert!(site.exists(".nojekyll"));
    let doc = site.html("404.html");
    assert!(
        text(one(&doc, "h1", "404.html"))
            .to_lowercase()
            .contains("not found")
    );
    // The 404 page is served at any depth: its links must be root-relative.
    for url in urls(&doc) {
        assert!(
            url.starts_with(PREFIX) || url.starts_with('#') || url.starts_with("http"),
            "404.html: {url} is not root-relative"
        );
    }
}

#[test]
fn assets_are_fingerprinted_and_linked() {
    let site = default_site();
    let files = site.files();
    let assets: Vec<&String> = files.keys().filter(|p| p.starts_with("assets/")).collect();
    let css: Vec<&&String> = assets.iter().filter(|p| p.ends_with(".css")).collect();
    assert_eq!(css.len(), 1, "one stylesheet: {assets:?}");
    let hash = css[0]
        .strip_prefix("assets/style.")
        .and_then(|s| s.strip_suffix(".css"))
        .unwrap_or_else(|| panic!("{} is not assets/style.<hash>.css", css[0]));
    assert!(
        hash.len() >= 8 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "fingerprint {hash}"
    );
    assert!(
        !files.contains_key("assets/style.css"),
        "an unfingerprinted copy"
    );
    // Nothing from a CDN: every stylesheet and script is one of ours, on every page.
    for page in site.html_files() {
        let doc = site.html(&page);
        let sheets: Vec<&str> = doc
            .select(&sel(r#"link[rel="stylesheet"]"#))
            .filter_map(|l| l.value().attr("href"))
            .collect();
        assert_eq!(sheets, [format!("{PREFIX}{}", css[0])], "{page}");
        for s in doc.select(&sel("script[src]")) {
            let src = s.value().attr("src").unwrap();
            let file = src
                .strip_prefix(PREFIX)
                .unwrap_or_else(|| panic!("{page}: {src}"));
            assert!(
                file.starts_with("assets/") && files.contains_key(file),
                "{page}: {src}"
            );
        }
    }
}

#[test]
fn the_build_is_quiet_about_warnings_on_the_default_site() {
    // The default site is the example every user starts from: it must build cleanly.
    let stderr = &default_site().stderr;
    assert!(
        !stderr.lines().any(|l| l.starts_with("warning")),
        "{stderr}"
    );
    assert!(stderr.contains(": 0 warnings in "), "{stderr}");
}
