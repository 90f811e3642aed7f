//! Every URL and output path of the site is made here. Pages link to each
//! other relatively (`../../themes/x/`), through the page's path to the site
//! root, so the output works under any sub-path and from disk; absolute URLs
//! are made only from `[site] url`, for formats that need them.

use std::path::PathBuf;

use crate::config::KindConfig;
use crate::content::ARTICLES_FOLDER;

/// The home page's site path.
pub const HOME: &str = "";

/// The knowledge graph as JSON.
pub const GRAPH: &str = "graph.json";

/// Articles and dated entities in date order.
pub const TIMELINE: &str = "timeline/";

/// The search page.
pub const SEARCH: &str = "search/";

/// The search index's first file; the search page fetches it, then the
/// other files of its folder that a query needs.
pub const SEARCH_INDEX: &str = "searchindex/meta.json";

/// The folder of every file of the search index.
pub const SEARCH_INDEX_FOLDER: &str = "searchindex";

/// The map of how entities connect.
pub const CONNECTIONS: &str = "connections/";

/// The Atom feed of all articles.
pub const FEED: &str = "feed.xml";

/// The sitemap.
pub const SITEMAP: &str = "sitemap.xml";

/// The list of every URL a build published, for `dossier check`.
pub const MANIFEST: &str = "dossier-manifest.txt";

/// The site path of an article: `articles/<slug>/`.
pub fn article(slug: &str) -> String {
    format!("{ARTICLES_FOLDER}/{slug}/")
}

/// The list of all articles: `articles/`.
pub fn articles_index() -> String {
    format!("{ARTICLES_FOLDER}/")
}

/// The site path of an entity: `<kind url>/<slug>/`.
pub fn entity(kind: &KindConfig, slug: &str) -> String {
    format!("{}/{slug}/", kind.url)
}

/// The Atom feed of an entity's articles: `<kind url>/<slug>/feed.xml`.
pub fn entity_feed(kind: &KindConfig, slug: &str) -> String {
    format!("{}feed.xml", entity(kind, slug))
}

/// The list of a kind: `<kind url>/`.
pub fn kind_index(kind: &KindConfig) -> String {
    format!("{}/", kind.url)
}

/// The folder under a list's path that holds its later pages.
pub const PAGE_FOLDER: &str = "page";

/// The site path of page `number` (from 1) of the list at `list`: the
/// list's own path for the first page, `<list>page/<number>/` after it.
pub fn list_page(list: &str, number: u32) -> String {
    if number <= 1 {
        list.to_string()
    } else {
        format!("{list}{PAGE_FOLDER}/{number}/")
    }
}

/// Whether a site path is a later page of a list (`themes/page/3/`): such
/// pages come and go as the list grows and shrinks.
pub fn is_later_list_page(site_path: &str) -> bool {
    let mut segments = site_path.trim_matches('/').rsplit('/');
    let number = segments.next().unwrap_or("");
    !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && segments.next() == Some(PAGE_FOLDER)
}

/// The timeline page of one year: `timeline/<year>/`.
pub fn timeline_year(year: u16) -> String {
    format!("{TIMELINE}{year}/")
}

/// The file a site path is written to: directories get an `index.html`.
pub fn output_file(site_path: &str) -> PathBuf {
    if site_path.is_empty() || site_path.ends_with('/') {
        PathBuf::from(format!("{site_path}index.html"))
    } else {
        PathBuf::from(site_path)
    }
}

/// The relative path from the page at `site_path` to the site root:
/// `""` at the root, `"../../"` for `articles/x/`.
pub fn to_root(site_path: &str) -> String {
    let depth = site_path.matches('/').count();
    "../".repeat(depth)
}

/// The absolute URL of a site path, when the site's URL is known.
pub fn absolute(site_url: Option<&str>, site_path: &str) -> Option<String> {
    site_url.map(|base| format!("{base}{site_path}"))
}

/// The path part of the site's URL (`/repo/` for `https://u.github.io/repo/`),
/// for pages such as 404 that are served at any depth.
pub fn base_path(site_url: Option<&str>) -> String {
    let Some(url) = site_url else {
        return "/".to_string();
    };
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(index) => after_scheme[index..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::default_kinds;

    #[test]
    fn builds_pretty_paths_and_their_files() {
        let kinds = default_kinds();
        assert_eq!(entity(&kinds[0], "59-nq-tw"), "resolutions/59-nq-tw/");
        assert_eq!(kind_index(&kinds[1]), "themes/");
        assert_eq!(
            output_file(&article("a")),
            PathBuf::from("articles/a/index.html")
        );
        assert_eq!(output_file(HOME), PathBuf::from("index.html"));
        assert_eq!(output_file("404.html"), PathBuf::from("404.html"));
    }

    #[test]
    fn climbs_to_the_root_relatively() {
        assert_eq!(to_root(HOME), "");
        assert_eq!(to_root("themes/"), "../");
        assert_eq!(to_root(&article("a")), "../../");
        assert_eq!(to_root("404.html"), "");
    }

    #[test]
    fn puts_later_pages_of_a_list_under_page() {
        assert_eq!(list_page("themes/", 1), "themes/");
        assert_eq!(list_page("themes/", 3), "themes/page/3/");
        assert_eq!(list_page(HOME, 2), "page/2/");
        assert_eq!(timeline_year(2025), "timeline/2025/");
        assert!(is_later_list_page("themes/page/3/"));
        assert!(is_later_list_page("/articles/page/12/"));
        assert!(!is_later_list_page("themes/page/"));
        assert!(!is_later_list_page("articles/page/x/"));
        assert!(!is_later_list_page("themes/3/"));
    }

    #[test]
    fn finds_the_base_path_of_the_site_url() {
        assert_eq!(base_path(Some("https://u.github.io/repo/")), "/repo/");
        assert_eq!(base_path(Some("https://example.org/")), "/");
        assert_eq!(base_path(None), "/");
        assert_eq!(
            absolute(Some("https://x.org/r/"), "themes/"),
            Some("https://x.org/r/themes/".into())
        );
    }
}
