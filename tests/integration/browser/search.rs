//! Search on a generated site of 2,000 articles, in Chromium: a word that
//! only the last paragraph of one article holds is found (with or without
//! diacritics in the query), and results are filtered by entity from the
//! search page and from the entity's page; and the search page opened
//! from disk says that search needs the site to be served.

use serde_json::json;

use super::{BASE, Browser, RESULTS, Served, browser_test_on, wait_for_result};
use crate::harness::Site;

/// How many articles the generated site has.
const ARTICLES: usize = 2000;

/// The article whose last paragraph holds [`RARE`].
const CHOSEN: usize = 1234;

/// A word no other text of the site holds.
const RARE: &str = "zanthoxylum";

/// Paragraphs per generated article.
const PARAGRAPHS: usize = 6;

const WORDS: &[&str] = &[
    "delegation",
    "ministry",
    "province",
    "export",
    "harbour",
    "railway",
    "forum",
    "budget",
    "agreement",
    "cooperation",
    "village",
    "market",
    "reform",
    "council",
    "training",
    "logistics",
    "tariff",
    "summit",
    "partner",
    "growth",
];

/// The slug of generated article `n`.
fn slug(n: usize) -> String {
    format!("a-{n:04}")
}

/// Whether article `n` declares the theme `science-technology`.
fn in_science(n: usize) -> bool {
    n.is_multiple_of(5)
}

/// Generated article `n`: [`PARAGRAPHS`] paragraphs of words drawn from
/// [`WORDS`] by a fixed sequence; the chosen one ends with [`RARE`].
fn article(n: usize) -> String {
    let mut state = n as u64 * 2_654_435_761 + 1;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        WORDS[(state >> 33) as usize % WORDS.len()]
    };
    let mut themes = vec!["economic-integration"];
    if in_science(n) {
        themes.push("science-technology");
    }
    let mut body = String::new();
    for p in 0..PARAGRAPHS {
        let words: Vec<&str> = (0..40).map(|_| next()).collect();
        body.push_str(&format!("The {}.", words.join(" ")));
        if n == CHOSEN && p == PARAGRAPHS - 1 {
            body.push_str(&format!(" The {RARE} harvest closed the season."));
        }
        body.push_str("\n\n");
    }
    let day = n % 28 + 1;
    let month = n / 28 % 12 + 1;
    let year = 2010 + n / 336;
    format!(
        "+++\ntitle = \"Report {n}\"\ndate = {year}-{month:02}-{day:02}\nthemes = {themes:?}\n+++\n{body}"
    )
}

fn generated_site() -> Served {
    let site = Site::fixture("basic");
    for n in 0..ARTICLES {
        site.write(&format!("content/articles/{}.md", slug(n)), &article(n));
    }
    Served::build(site)
}

/// The hrefs of the results on the page.
async fn result_links(b: &Browser) -> Vec<String> {
    let results = b.js(RESULTS, vec![]).await;
    results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["href"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The generated article number a result links to, if it is one.
fn article_number(b: &Browser, href: &str) -> Option<usize> {
    let rest = href.strip_prefix(&b.url("articles/a-"))?;
    rest.get(..4)?.parse().ok()
}

/// Waits until the status says the search is done (not "Searching…").
async fn wait_for_status(b: &Browser, what: &str) -> String {
    let status = b
        .wait_until(
            what,
            "const s = document.getElementById('search-status').textContent; return /result|Nothing/.test(s) && s",
            vec![],
        )
        .await;
    status.as_str().unwrap().to_string()
}

#[test]
fn browser_search_finds_a_last_paragraph_among_2000_articles_and_filters_by_entity() {
    browser_test_on(
        "browser_search_finds_a_last_paragraph_among_2000_articles_and_filters_by_entity",
        generated_site,
        |mut b| async move {
            // The rare word: one result, linking to the last paragraph.
            b.open(&format!("search/?q={RARE}")).await;
            let chosen = b.url(&format!("articles/{}/", slug(CHOSEN)));
            wait_for_result(&b, RARE, &chosen).await;
            let links = result_links(&b).await;
            assert_eq!(
                links,
                [format!("{chosen}#p-{PARAGRAPHS}")],
                "one result, linking to the last paragraph"
            );

            // Diacritics and capitals in the query do not matter.
            let query = b.find("#search-query", "search field").await;
            query.clear().await.unwrap();
            query.send_keys("ZÁNTHOXYLUM").await.unwrap();
            b.wait_until(
                "the result of the query typed with diacritics",
                &format!(
                    "{RESULTS}.length === 1 && document.getElementById('search-status').textContent.includes('ZÁNTHOXYLUM')"
                ),
                vec![],
            )
            .await;
            assert_eq!(result_links(&b).await, [format!("{chosen}#p-{PARAGRAPHS}")]);
            b.read_console().await;

            // From the theme's page: "search within this theme".
            b.open("themes/science-technology/").await;
            let within = b.find("#search-within-q", "the search-within field").await;
            within.send_keys("delegation\u{E007}").await.unwrap();
            b.wait_until(
                "the search page filtered by the theme",
                "const p = new URLSearchParams(location.search); return location.pathname === arguments[0] && p.get('entity') === 'themes/science-technology' && p.get('q') === 'delegation' && document.readyState === 'complete'",
                vec![json!(format!("{BASE}search/"))],
            )
            .await;
            b.settle().await;
            let status = wait_for_status(&b, "the filtered results").await;
            assert!(
                status.contains("within Theme: Science and technology"),
                "{status}"
            );
            b.wait_until("results", &format!("{RESULTS}.length >= 10"), vec![])
                .await;
            let filtered = result_links(&b).await;
            for href in &filtered {
                let n = article_number(&b, href);
                assert!(
                    n.is_some_and(in_science),
                    "{href}: a result outside the theme (`{status}`)"
                );
            }

            // The same query on the whole site finds articles outside it.
            b.js(
                "const s = document.getElementById('search-entity'); s.value = ''; s.dispatchEvent(new Event('change'));",
                vec![],
            )
            .await;
            b.wait_until(
                "results outside the theme once the filter is off",
                &format!(
                    "return ({}).some(r => /articles\\/a-\\d+/.test(r.href) && Number(r.href.match(/a-(\\d+)/)[1]) % 5 !== 0)",
                    RESULTS.trim_start_matches("return ")
                ),
                vec![],
            )
            .await;
            let status = wait_for_status(&b, "the unfiltered results").await;
            assert!(!status.contains("within"), "{status}");

            // A filter by kind from the search page.
            b.js(
                "const s = document.getElementById('search-kind'); s.value = 'theme'; document.getElementById('search-query').value = 'science'; s.dispatchEvent(new Event('change'));",
                vec![],
            )
            .await;
            let kinds = b
                .wait_until(
                    "theme results only",
                    &format!(
                        "const r = ({}); return r.length > 0 && r.every(x => x.kind === 'Theme') && r.map(x => x.href)",
                        RESULTS.trim_start_matches("return ")
                    ),
                    vec![],
                )
                .await;
            assert!(
                kinds
                    .to_string()
                    .contains(&b.url("themes/science-technology/")),
                "{kinds}"
            );
            b
        },
    );
}

#[test]
fn browser_search_opened_from_disk_says_it_needs_a_server() {
    super::browser_test(
        "browser_search_opened_from_disk_says_it_needs_a_server",
        |mut b| async move {
            let page = b.served.out.join("search/index.html");
            let url = format!("file://{}?q=to+lam", page.display());
            b.client
                .goto(&url)
                .await
                .unwrap_or_else(|e| panic!("open {url}: {e}"));
            b.settle().await;
            b.wait_until(
                "the page to say that search needs the site to be served",
                "return /needs the site to be served/.test(document.getElementById('search-status').textContent)",
                vec![],
            )
            .await;
            b
        },
    );
}
