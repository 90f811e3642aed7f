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

/// A JSON file of the search index (`searchindex/<path>`).
fn index_json(site: &Site, path: &str) -> serde_json::Value {
    let file = site.out().join("searchindex").join(path);
    let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The dictionary entry of a folded term: `[documents, postings?]`, found
/// in its shard as the search page finds it (the longest shard prefix).
fn term_entry(site: &Site, term: &str) -> Option<serde_json::Value> {
    let meta = index_json(site, "meta.json");
    let shard = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .filter(|s| term.starts_with(s))
        .max_by_key(|s| s.len())?;
    index_json(site, &format!("t/_{shard}.json"))
        .get(term)
        .cloned()
}

/// Every document of the index, in number order.
fn index_docs(site: &Site) -> Vec<serde_json::Value> {
    let meta = index_json(site, "meta.json");
    let articles = meta["articles"].as_u64().unwrap();
    let total = meta["docs"].as_u64().unwrap();
    let group = meta["group"].as_u64().unwrap();
    let mut docs: Vec<serde_json::Value> = (0..articles)
        .map(|n| index_json(site, &format!("d/{n}.json")))
        .collect();
    for g in 0..(total - articles).div_ceil(group) {
        docs.extend(
            index_json(site, &format!("g/{g}.json"))
                .as_array()
                .unwrap()
                .clone(),
        );
    }
    assert_eq!(docs.len() as u64, total);
    docs
}

#[test]
fn the_search_index_holds_articles_entities_and_quotes_folded() {
    let site = Site::repository();
    site.built();
    let meta = index_json(&site, "meta.json");
    let docs = index_docs(&site);
    for range in meta["kinds"].as_array().unwrap() {
        let (from, to) = (
            range["from"].as_u64().unwrap(),
            range["to"].as_u64().unwrap(),
        );
        assert!(from < to, "documents of every kind: {range}");
        for doc in &docs[from as usize..to as usize] {
            assert_eq!(doc["k"], range["name"], "{doc}");
        }
    }
    let article = &docs[0];
    let anchors = article["a"].as_array().unwrap();
    assert_eq!(anchors.len(), article["p"].as_array().unwrap().len());
    assert!(anchors.iter().any(|a| a == "p-1"), "{article}");
    let quote = docs.iter().find(|d| d["k"] == "Quote").unwrap();
    assert!(quote["u"].as_str().unwrap().contains("/#p-"), "{quote}");
    // Terms are folded: "Lâm" is stored as "lam", "Nghị quyết" as "nghi", "quyet".
    for term in ["lam", "nghi", "quyet", "59"] {
        assert!(
            term_entry(&site, term).is_some(),
            "no `{term}` in the dictionary"
        );
    }
    for shard in fs::read_dir(site.out().join("searchindex/t")).unwrap() {
        let name = shard.unwrap().file_name().into_string().unwrap();
        let text = fs::read_to_string(site.out().join("searchindex/t").join(&name)).unwrap();
        let shard: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).unwrap();
        for term in shard.keys() {
            assert!(
                term.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                "{name}: `{term}` is not folded"
            );
        }
    }
    let filter = index_json(&site, "f/speakers/to-lam.json");
    assert_eq!(filter["kind"], "Speaker");
    assert_eq!(filter["title"], "To Lam");
    assert!(filter["docs"].as_str().unwrap().len() > 2, "{filter}");
}

#[test]
fn the_last_paragraph_of_a_long_article_is_searchable() {
    // Every paragraph is indexed, however many articles and however long:
    // nothing of the text is cut.
    let site = Site::fixture("basic");
    let config = fs::read_to_string(site.root.join("book.toml")).unwrap();
    // A book.toml from before the full-text index still builds, with a warning.
    site.write(
        "book.toml",
        &format!("{config}\n[search]\ntext-budget = 120\n"),
    );
    let filler =
        "The delegation discussed trade, investment and cooperation at length. ".repeat(60);
    let mut body = String::new();
    for _ in 0..40 {
        body.push_str(&filler);
        body.push_str("\n\n");
    }
    body.push_str("In closing, the minister praised the quindecennial partnership.\n");
    site.write(
        "content/articles/long-read.md",
        &format!("+++\ntitle = \"A long read\"\ndate = 2025-06-01\n+++\n{body}"),
    );
    let report = site.built();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.to_string().contains("text-budget")),
        "a warning names the setting that no longer applies: {:?}",
        report.warnings
    );
    let entry =
        term_entry(&site, "quindecennial").expect("the last paragraph's rare word is indexed");
    assert_eq!(entry[0], 1, "{entry}");
    let docs = index_docs(&site);
    let long = docs.iter().find(|d| d["t"] == "A long read").unwrap();
    let last = long["p"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .as_str()
        .unwrap();
    assert!(
        last.contains("quindecennial"),
        "the document keeps its last paragraph: {last}"
    );
    assert_eq!(long["a"].as_array().unwrap().last().unwrap(), "p-41");
}

#[test]
fn the_search_page_loads_the_index_and_every_page_has_a_search_box() {
    let site = Site::fixture("basic");
    site.built();
    let search = site.page("search/");
    assert!(search.contains("src=\"../search.js\""));
    assert!(
        !search.contains("elasticlunr"),
        "no whole-index script any more"
    );
    assert!(
        search.contains("<select id=\"search-kind\" name=\"kind\">"),
        "a filter by kind"
    );
    assert!(
        search.contains("<option value=\"themes/economic-integration\">"),
        "a filter by entity"
    );
    let theme = site.page("themes/economic-integration/");
    assert!(
        theme.contains(
            "<input type=\"hidden\" name=\"entity\" value=\"themes/economic-integration\">"
        ),
        "the theme's page searches within the theme"
    );
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
    for asset in ["site.js", "search.js", "style.css", "searchindex/meta.json"] {
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
