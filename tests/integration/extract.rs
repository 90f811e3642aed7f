//! Knowledge extraction: accuracy against hand-read fixtures, paragraph
//! anchors, auto-links, passages, quotes, related articles, the JSON export
//! and the warnings about what the site lacks.

use std::collections::BTreeMap;
use std::path::Path;

use dossier::build::load_site;
use dossier::link::Graph;
use dossier::text::blocks::block_id;

use crate::harness::{Site, position, repository_root, snapshot};

#[derive(serde::Deserialize)]
struct Expected {
    articles: Vec<ExpectedArticle>,
}

#[derive(serde::Deserialize)]
struct ExpectedArticle {
    slug: String,
    resolutions: Vec<String>,
    people: Vec<String>,
    quotes: Vec<String>,
}

/// Matches found against matches expected, as multisets of "p-N slug".
#[derive(Default, Debug)]
struct Score {
    found: usize,
    expected: usize,
    correct: usize,
    /// "slug p-N entity" found but not expected.
    wrong: Vec<String>,
    /// "slug p-N entity" expected but not found.
    missed: Vec<String>,
}

impl Score {
    fn add(&mut self, slug: &str, found: &[String], expected: &[String]) {
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for item in expected {
            *left.entry(item).or_default() += 1;
        }
        for item in found {
            match left.get_mut(item.as_str()).filter(|c| **c > 0) {
                Some(count) => {
                    *count -= 1;
                    self.correct += 1;
                }
                None => self.wrong.push(format!("{slug} {item}")),
            }
        }
        for (item, count) in left {
            self.missed
                .extend(std::iter::repeat_n(format!("{slug} {item}"), count));
        }
        self.found += found.len();
        self.expected += expected.len();
    }

    fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.correct as f64 / self.found as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.correct as f64 / self.expected as f64
        }
    }
}

fn load_graph(root: &Path) -> Graph {
    let config = dossier::Config::load(root).unwrap();
    load_site(config).unwrap_or_else(|e| panic!("{e}")).graph
}

/// Scores the extractor on the site at `root` against its expected file.
fn score(root: &Path, expected_file: &Path) -> [Score; 3] {
    let expected: Expected =
        toml::from_str(&std::fs::read_to_string(expected_file).unwrap()).unwrap();
    let graph = load_graph(root);
    let mut scores = [Score::default(), Score::default(), Score::default()];
    for article in &expected.articles {
        let id = graph
            .corpus
            .article_ids()
            .find(|id| graph.article(*id).slug == article.slug)
            .expect(&article.slug);
        let text = &graph.articles[id.index()].text;
        let of_kind = |kind: &str| -> Vec<String> {
            text.mentions
                .iter()
                .filter(|m| graph.corpus.kind(graph.entity(m.entity).kind).name == kind)
                .map(|m| {
                    format!(
                        "{} {}",
                        block_id(m.block as usize),
                        graph.entity(m.entity).slug
                    )
                })
                .collect()
        };
        let quotes: Vec<String> = text
            .quotes
            .iter()
            .map(|q| {
                format!(
                    "{} {}",
                    block_id(q.block as usize),
                    graph.entity(q.speaker).slug
                )
            })
            .collect();
        let slug = &article.slug;
        scores[0].add(slug, &of_kind("resolution"), &article.resolutions);
        scores[1].add(slug, &of_kind("speaker"), &article.people);
        scores[2].add(slug, &quotes, &article.quotes);
    }
    scores
}

const MINIMUMS: [(&str, f64); 3] = [("resolutions", 0.95), ("people", 0.95), ("quotes", 0.9)];

/// Prints every figure (and every miss) first, then checks them all.
fn report_and_check(name: &str, scores: &[Score; 3]) {
    for ((what, _), score) in MINIMUMS.iter().zip(scores) {
        println!(
            "{name} {what}: precision {:.3}, recall {:.3} ({} found, {} expected, {} correct)",
            score.precision(),
            score.recall(),
            score.found,
            score.expected,
            score.correct
        );
        for item in &score.wrong {
            println!("  not expected: {item}");
        }
        for item in &score.missed {
            println!("  missed: {item}");
        }
    }
    for ((what, minimum), score) in MINIMUMS.iter().zip(scores) {
        assert!(
            score.precision() >= *minimum && score.recall() >= *minimum,
            "{name} {what}: precision {:.3}, recall {:.3}",
            score.precision(),
            score.recall()
        );
    }
}

#[test]
fn extracts_the_repository_articles_with_high_precision_and_recall() {
    let root = repository_root();
    let scores = score(&root, &root.join("tests/fixtures/expected-mentions.toml"));
    report_and_check("repository", &scores);
}

#[test]
fn extracts_articles_as_other_outlets_write_them() {
    let root = repository_root().join("tests/fixtures/press");
    let scores = score(&root, &root.join("expected-mentions.toml"));
    report_and_check("press", &scores);
}

#[test]
fn extracts_held_out_articles() {
    let root = repository_root().join("tests/fixtures/holdout");
    let scores = score(&root, &root.join("expected-mentions.toml"));
    report_and_check("held-out", &scores);
}

#[test]
fn extracts_articles_in_other_styles() {
    let root = repository_root().join("tests/fixtures/styles");
    let scores = score(&root, &root.join("expected-mentions.toml"));
    report_and_check("styles", &scores);
}

#[test]
fn paragraphs_get_anchors_and_first_mentions_become_links() {
    let site = Site::fixture("styles");
    site.built();
    let main = site.main_of("articles/dateline-diacritics/");
    assert!(main.contains("<p id=\"p-1\">HÀ NỘI — Party chief <a class=\"mention\" href=\"../../speakers/to-lam/\""), "{main}");
    assert!(main.contains("<p id=\"p-5\">"), "{main}");
    // To Lam is linked once: later mentions stay text.
    assert_eq!(
        main.matches("href=\"../../speakers/to-lam/\" title")
            .count(),
        1,
        "{main}"
    );
    assert!(main.contains("<a class=\"mention\" href=\"../../resolutions/66-nq-tw/\" title=\"Resolution 66-NQ/TW\">Resolutions 66</a>"), "{main}");
    site.assert_links_resolve();
}

#[test]
fn never_links_inside_headings_links_or_code() {
    let site = Site::fixture("styles");
    site.write(
        "content/articles/markup.md",
        "+++\ntitle = \"Markup\"\n+++\n## Resolution 66 in a heading\n\nSee [Resolution 66](https://example.org/) and `Resolution 66` here.\n\nThen Resolution 66 at last.\n",
    );
    site.built();
    let main = site.main_of("articles/markup/");
    assert!(
        main.contains("<h2 id=\"resolution-66-in-a-heading\">Resolution 66 in a heading</h2>"),
        "{main}"
    );
    assert!(
        main.contains("<a href=\"https://example.org/\">Resolution 66</a>"),
        "{main}"
    );
    assert!(main.contains("<code>Resolution 66</code>"), "{main}");
    assert!(
        main.contains(
            "<p id=\"p-2\">Then <a class=\"mention\" href=\"../../resolutions/66-nq-tw/\""
        ),
        "{main}"
    );
}

#[test]
fn auto_links_follow_the_configured_policy() {
    let site = Site::fixture("styles");
    site.write(
        "book.toml",
        "[book]\ntitle = \"Styles\"\n\n[links]\nauto-link = \"all\"\n",
    );
    site.built();
    let main = site.main_of("articles/dateline-diacritics/");
    assert_eq!(
        main.matches("href=\"../../speakers/to-lam/\" title")
            .count(),
        3,
        "{main}"
    );
    site.write(
        "book.toml",
        "[book]\ntitle = \"Styles\"\n\n[links]\nauto-link = \"none\"\n",
    );
    site.built();
    assert!(
        !site
            .main_of("articles/dateline-diacritics/")
            .contains("class=\"mention\"")
    );
}

#[test]
fn entity_pages_show_passages_that_link_to_their_paragraph() {
    let site = Site::fixture("styles");
    site.built();
    let main = site.main_of("speakers/pham-minh-chinh/");
    let passage = position(
        &main,
        "href=\"../../articles/dateline-diacritics/#p-3\" class=\"passage\"",
    );
    assert!(
        main[passage..]
            .contains("Prime Minister <mark>Phạm Minh Chính</mark> said Resolutions 66 and 68"),
        "{main}"
    );
    assert!(main.contains("mentioned 2 times"), "{main}");
    site.assert_links_resolve();
}

#[test]
fn speaker_pages_list_quotes_and_articles_list_who_they_quote() {
    let site = Site::fixture("styles");
    site.built();
    let speaker = site.main_of("speakers/to-lam/");
    assert!(
        speaker.contains("Private enterprises must become the most important driving force"),
        "{speaker}"
    );
    assert!(
        speaker.contains("href=\"../../articles/dateline-diacritics/#p-2\""),
        "{speaker}"
    );
    let article = site.main_of("articles/dateline-diacritics/");
    let quoted = position(&article, "<h2>Quoted</h2>");
    assert!(
        article[quoted..].contains("Pham Minh Chinh") && article[quoted..].contains("To Lam"),
        "{article}"
    );
}

#[test]
fn articles_show_declared_and_detected_entities_with_counts() {
    let site = Site::fixture("styles");
    site.built();
    let main = site.main_of("articles/dateline-diacritics/");
    let resolution_68 = position(&main, ">Resolution 68-NQ/TW</a>");
    assert!(main[resolution_68..].starts_with(">Resolution 68-NQ/TW</a><span class=\"relation\"> <a class=\"anchor-link\" href=\"#p-1\">mentioned 2 times</a>"), "{main}");
    let chinh = position(&main, ">Pham Minh Chinh</a><span class=\"relation\">");
    assert!(main[chinh..].contains("found in text"), "{main}");
}

#[test]
fn related_articles_and_companions_are_listed() {
    let site = Site::fixture("styles");
    site.built();
    let article = site.main_of("articles/qa-interview/");
    let related = position(&article, "<h2>Related articles</h2>");
    assert!(
        article[related..].contains("Dr. Nguyen Thi Lan: household businesses need simpler rules"),
        "{article}"
    );
    let entity = site.main_of("resolutions/66-nq-tw/");
    let companions = position(&entity, "Appears with");
    assert!(entity[companions..].contains("Nguyen Thi Lan"), "{entity}");
}

#[test]
fn warns_of_unknown_numbers_and_suggests_new_speakers() {
    let site = Site::fixture("styles");
    site.write(
        "content/articles/visit.md",
        "+++\ntitle = \"A visit\"\n+++\nPresident Prabowo Subianto met the Prime Minister.\n\nThey discussed Resolution 99 again.\n",
    );
    let report = site.built();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let all = warnings.join("\n");
    assert!(
        all.contains("Resolution 99 is mentioned, but no resolution has that number"),
        "{all}"
    );
    assert!(
        all.contains("content/articles/dateline-diacritics.md:14"),
        "{all}"
    );
    assert!(all.contains("content/articles/visit.md:6"), "{all}");
    assert!(
        all.contains("does not have: ") && all.contains("content/articles/visit.md:4"),
        "{all}"
    );
    assert!(
        all.contains("\"President Prabowo Subianto\" names a person the site does not have"),
        "{all}"
    );
    assert!(all.contains("speakers/prabowo-subianto.md"), "{all}");
}

#[test]
fn exports_the_whole_graph_as_json() {
    let site = Site::fixture("styles");
    site.built();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.out().join("graph.json")).unwrap())
            .unwrap();
    assert_eq!(json["version"], 1);
    let entities = json["entities"].as_array().unwrap();
    let lam = entities
        .iter()
        .find(|e| e["id"] == "speaker/to-lam")
        .unwrap();
    assert_eq!(lam["url"], "speakers/to-lam/");
    assert_eq!(lam["quotes"], 1);
    let articles = json["articles"].as_array().unwrap();
    let dateline = articles
        .iter()
        .find(|a| a["slug"] == "dateline-diacritics")
        .unwrap();
    let chinh = dateline["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["entity"] == "speaker/pham-minh-chinh")
        .unwrap();
    assert_eq!(chinh["paragraphs"], serde_json::json!(["p-3", "p-3"]));
    assert_eq!(chinh["found"], serde_json::json!(["name", "short-name"]));
    let quote = dateline["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["speaker"] == "speaker/pham-minh-chinh")
        .unwrap();
    assert_eq!(quote["paragraph"], "p-3");
    let edge = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == "resolution/66-nq-tw" && e["target"] == "resolution/68-nq-tw");
    assert!(edge.is_some(), "Resolutions 66 and 68 share an article");
    let article = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "qa-interview")
        .unwrap();
    assert!(
        article["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["entity"] == "speaker/nguyen-thi-lan" && e["explicit"] == true)
    );
}

#[test]
fn the_repository_site_links_down_to_paragraphs() {
    let site = Site::repository();
    site.built();
    let lam = site.main_of("speakers/to-lam/");
    assert!(
        lam.contains("href=\"../../articles/major-shift-in-global-engagement/#p-5\""),
        "{lam}"
    );
    let ho = site.main_of("speakers/ho-chi-minh/");
    assert!(ho.contains("Say what you say and do it"), "{ho}");
    site.assert_links_resolve();
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    for site in [Site::repository(), Site::fixture("press")] {
        let build_on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| site.built());
            snapshot(&site.out())
        };
        let one = build_on(1);
        assert!(one.iter().any(|(path, _)| path.ends_with("graph.json")));
        assert!(one == build_on(4), "output differs between 1 and 4 threads");
    }
}

#[test]
fn a_number_with_another_code_is_reported_not_linked() {
    let site = Site::fixture("press");
    let report = site.built();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let all = warnings.join("\n");
    assert!(
        all.contains("Resolution 59/NQ-CP is mentioned, but no resolution has that number: ")
            && all.contains("content/articles/wire-report.md:19"),
        "{all}"
    );
    assert!(
        all.contains("`number = \"59\"` and `code = \"59/NQ-CP\"`"),
        "{all}"
    );
    let main = site.main_of("articles/wire-report/");
    let paragraph = &main[position(&main, "<p id=\"p-7\">")..];
    assert!(
        paragraph.starts_with("<p id=\"p-7\">The government's Resolution 59/NQ-CP, issued"),
        "{paragraph}"
    );
    assert!(!main.contains("resolutions/59-nq-tw/"), "{main}");
}

#[test]
fn quotes_over_two_paragraphs_and_after_pronouns_reach_the_speaker_page() {
    let site = Site::fixture("press");
    site.built();
    let lam = site.main_of("speakers/to-lam/");
    for (words, anchor) in [
        ("Some people will lose their posts", "wire-report/#p-4"),
        (
            "From now on, every ministry will be judged",
            "weekly-review/#p-3",
        ),
        ("The city has everything it needs", "vns-report/#p-4"),
    ] {
        let quote = position(&lam, words);
        let link = &lam[quote..];
        assert!(
            link[..link.find("</li>").unwrap()].contains(anchor),
            "{words} should link to {anchor}:\n{lam}"
        );
    }
    site.assert_links_resolve();
}
