//! The pages that help a reader find their way, checked in the built HTML:
//! the timeline, the search index, the connections map and mention charts,
//! and the navigation every page carries. (The browser tests drive them.)

use std::fs;

use crate::harness::{Site, position};

#[test]
fn the_timeline_lists_resolutions_and_articles_oldest_first() {
    let site = Site::fixture("basic");
    site.built();
    let main = site.main_of("timeline/");
    let order = [
        "Resolution 57-NQ/TW",
        "An older commentary",
        "Resolution 59-NQ/TW",
        "A first report on Resolution 59",
    ];
    let places: Vec<usize> = order.iter().map(|t| position(&main, t)).collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{main}");
    assert!(main.contains("<h2 id=\"year-2024\">2024</h2>"), "{main}");
    assert!(main.contains("href=\"../resolutions/57-nq-tw/\""), "{main}");
    assert!(
        !main.contains("An undated note"),
        "no date, no place: {main}"
    );
}

/// The search script's data: `window.dossierSearch = {...};`.
fn search_data(site: &Site) -> serde_json::Value {
    let script = fs::read_to_string(site.out().join("searchindex.js")).unwrap();
    let json = script
        .strip_prefix("window.dossierSearch = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .expect("a script that sets window.dossierSearch");
    serde_json::from_str(json).expect("the search data is JSON")
}

#[test]
fn the_search_index_holds_articles_entities_and_quotes_folded() {
    let site = Site::repository();
    site.built();
    let data = search_data(&site);
    let docs = data["docs"].as_array().unwrap();
    let kinds: Vec<&str> = docs.iter().map(|d| d["kind"].as_str().unwrap()).collect();
    for kind in ["Article", "Resolution", "Theme", "Speaker", "Quote"] {
        assert!(kinds.contains(&kind), "no {kind} in the index: {kinds:?}");
    }
    let article = docs.iter().find(|d| d["kind"] == "Article").unwrap();
    let anchors = article["anchors"].as_array().unwrap();
    assert_eq!(anchors.len(), article["text"].as_array().unwrap().len());
    assert!(anchors.iter().any(|a| a == "p-1"), "{article}");
    let quote = docs.iter().find(|d| d["kind"] == "Quote").unwrap();
    assert!(quote["url"].as_str().unwrap().contains("/#p-"), "{quote}");
    // The inverted index is a trie of folded terms: "lâm" is stored as "lam".
    let index = &data["index"]["index"]["text"]["root"];
    assert!(!index["l"]["a"]["m"].is_null(), "no `lam` in the index");
    assert!(index["l"].get("â").is_none(), "diacritics are folded");
    assert_eq!(
        data["index"]["fields"],
        serde_json::json!(["title", "text"])
    );
}

#[test]
fn the_search_page_loads_the_index_and_every_page_has_a_search_box() {
    let site = Site::fixture("basic");
    site.built();
    let search = site.page("search/");
    for script in ["../elasticlunr.min.js", "../searchindex.js", "../search.js"] {
        assert!(search.contains(&format!("src=\"{script}\"")), "{script}");
    }
    assert!(search.contains("id=\"search-results\""));
    assert!(search.contains("<noscript>"), "says why without JavaScript");
    for path in ["", "articles/first-report/", "themes/"] {
        let page = site.page(path);
        let root = dossier::urls::to_root(path);
        assert!(
            page.contains(&format!(
                "<form class=\"site-search\" role=\"search\" action=\"{root}search/\">"
            )),
            "/{path}"
        );
        for target in ["timeline/", "connections/", "search/", "themes/"] {
            assert!(
                page.contains(&format!("href=\"{root}{target}\"")),
                "/{path} → {target}"
            );
        }
        assert!(page.contains("id=\"theme-toggle\""), "/{path}");
    }
    for asset in ["site.js", "search.js", "elasticlunr.min.js", "style.css"] {
        assert!(site.out().join(asset).is_file(), "{asset}");
    }
}

#[test]
fn the_connections_map_links_every_node_to_its_page() {
    let site = Site::repository();
    site.built();
    let main = site.main_of("connections/");
    let svg = &main[position(&main, "<svg class=\"map\"")..position(&main, "</svg>")];
    let nodes = svg.matches("<a class=\"node").count();
    assert!(nodes >= 10, "{nodes} nodes");
    for folder in ["resolutions", "themes", "speakers"] {
        assert!(svg.contains(&format!("href=\"../{folder}/")), "{folder}");
    }
    assert!(
        svg.contains("<path class=\"edge-"),
        "curves between entities"
    );
    assert!(main.contains("Strongest connections"));
    site.assert_links_resolve();
}

#[test]
fn entity_pages_chart_their_mentions_per_article() {
    let site = Site::repository();
    site.built();
    let main = site.main_of("resolutions/59-nq-tw/");
    let chart = &main[position(&main, "<svg class=\"chart\"")..];
    let chart = &chart[..position(chart, "</svg>")];
    assert!(
        chart.contains("<a href=\"../../articles/"),
        "bars link to articles"
    );
    assert!(chart.contains("mention"), "{chart}");
    // An entity nothing mentions in dated text has no chart.
    let site = Site::fixture("basic");
    site.built();
    assert!(
        !site
            .main_of("speakers/jane-writer/")
            .contains("class=\"chart\"")
    );
}

#[test]
fn a_large_site_indexes_the_openings_of_its_articles_within_the_budget() {
    let site = Site::fixture("basic");
    let config = fs::read_to_string(site.root.join("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{config}\n[search]\ntext-budget = 120\n"),
    );
    site.built();
    let data = search_data(&site);
    let articles: Vec<&serde_json::Value> = data["docs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "Article")
        .collect();
    assert_eq!(articles.len(), 3, "every article keeps its title");
    for doc in &articles {
        let text: usize = doc["text"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().len())
            .sum();
        assert!(text <= 40, "{text} bytes for a share of 40: {doc}");
        assert!(!doc["title"].as_str().unwrap().is_empty());
    }
    let full = Site::fixture("basic");
    full.built();
    let longer = search_data(&full)["docs"].to_string().len();
    assert!(longer > data["docs"].to_string().len());
}
