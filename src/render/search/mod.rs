//! The search index: the full text of every article, entity (title,
//! aliases, summary) and quote, written as many small files under
//! `searchindex/` that the search page (`static/search.js`) fetches on
//! demand, so that a query loads only what its words need:
//!
//! - `meta.json`: document counts, the kinds' document ranges, the list of
//!   dictionary shards and the stop words;
//! - `t/_<prefix>.json`: the dictionary, sharded by the terms' first letters:
//!   each term's document count and, when rare, its postings;
//! - `p/_<term>.txt`: the postings of a frequent term, and `p/_<term>.top.txt`
//!   the best of them (what a one-word query's first page needs); the `_`
//!   keeps terms such as `con` or `nul` from naming a device on Windows;
//! - `d/<n>.json`: article `n`'s title, date, link and text by paragraph,
//!   for the result and its snippet; `g/<n>.json`: entities and quotes,
//!   in groups;
//! - `f/<kind>/<slug>.json`: the documents of one entity (itself, its
//!   articles, its quotes), for the filter "within this theme".
//!
//! Terms are folded words (lowercase, no diacritics; see [`crate::text::fold`])
//! and the script folds the query the same way, so "to lam" finds "Tô Lâm"
//! and "Tô Lâm" finds "To Lam". The text is the same folded text the build
//! scans for mentions; no part of it is cut.

pub mod encode;
pub mod terms;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::{ArticleId, EntityId};
use crate::link::Graph;
use crate::text::blocks::block_id;
use crate::urls;
pub use terms::IndexFile;
use terms::{KindRange, Meta, Postings, STOP_WORDS};

/// The index's folder in the site.
pub const DIR: &str = "searchindex/";

/// The file the search page reads first.
pub const META: &str = "meta.json";

/// Entities and quotes are stored this many to a file.
pub const GROUP: u32 = 32;

/// The format's version, in `meta.json`.
const VERSION: u32 = 1;

/// One search result as the script shows it.
#[derive(Debug, Serialize, PartialEq)]
pub struct SearchDoc {
    /// The result's URL, relative to the site root.
    #[serde(rename = "u")]
    pub url: String,
    /// What it is: "Article", or the entity's kind ("Speaker"), or "Quote".
    #[serde(rename = "k")]
    pub kind: String,
    #[serde(rename = "t")]
    pub title: String,
    #[serde(rename = "d", skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The text, by paragraph; `anchors[i]` is the id of paragraph `i`
    /// on the result's page, or empty.
    #[serde(rename = "p")]
    pub text: Vec<String>,
    #[serde(rename = "a", skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<String>,
}

/// Every document's number: articles newest first, then entities by kind,
/// then quotes by article.
struct Numbers {
    articles: u32,
    /// Per article (by [`ArticleId`]): its number.
    article: Vec<u32>,
    /// Per article number: the number of its first quote.
    first_quote: Vec<u32>,
    /// Per entity (by [`EntityId`]): its number.
    entity: Vec<u32>,
    quotes: u32,
}

impl Numbers {
    fn new(graph: &Graph) -> Numbers {
        let articles = graph.by_date.len() as u32;
        let mut article = vec![0; graph.corpus.articles.len()];
        for (n, id) in graph.by_date.iter().enumerate() {
            article[id.index()] = n as u32;
        }
        let mut entity = vec![0; graph.corpus.entities.len()];
        let mut next = articles;
        for id in graph.by_kind.iter().flatten() {
            entity[id.index()] = next;
            next += 1;
        }
        let entities = next - articles;
        let mut first_quote = Vec::with_capacity(graph.by_date.len());
        for id in &graph.by_date {
            first_quote.push(next);
            next += graph.articles[id.index()].text.quotes.len() as u32;
        }
        Numbers {
            articles,
            article,
            first_quote,
            entity,
            quotes: next - articles - entities,
        }
    }

    fn quote(&self, article: ArticleId, index: u32) -> u32 {
        self.first_quote[self.article[article.index()] as usize] + index
    }
}

/// Writes the whole index through `sink` (paths relative to [`DIR`]), the
/// article files as soon as each is made, so their text never piles up.
pub fn write_index<E: Send>(
    graph: &Graph,
    summaries: &[String],
    sink: &(dyn Fn(IndexFile) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let numbers = Numbers::new(graph);
    let (mut postings, mut quotes) = graph
        .by_date
        .par_iter()
        .enumerate()
        .try_fold(
            || (Postings::default(), Vec::new()),
            |(mut postings, mut quotes), (n, id)| {
                let n = n as u32;
                let said = article_entry(graph, n, *id, &mut postings, sink)?;
                let first = numbers.first_quote[n as usize];
                for (i, quote) in said.into_iter().enumerate() {
                    let text = quote.text.iter().map(String::as_str);
                    postings.add_document(first + i as u32, [], text);
                    quotes.push((first + i as u32, quote));
                }
                Ok((postings, quotes))
            },
        )
        .try_reduce(
            || (Postings::default(), Vec::new()),
            |(a, mut qa), (b, qb)| {
                qa.extend(qb);
                Ok((a.merge(b), qa))
            },
        )?;
    quotes.sort_unstable_by_key(|(n, _)| *n);
    let mut grouped = Vec::with_capacity(graph.corpus.entities.len() + quotes.len());
    for (n, id) in graph.by_kind.iter().flatten().enumerate() {
        let entity = graph.entity(*id);
        let names = std::iter::once(entity.front.title.as_str())
            .chain(entity.front.aliases.iter().map(String::as_str));
        let summary = summaries[id.index()].as_str();
        postings.add_document(numbers.articles + n as u32, names, [summary]);
        grouped.push(entity_doc(graph, *id, summaries));
    }
    grouped.extend(quotes.into_iter().map(|(_, quote)| quote));
    grouped
        .par_chunks(GROUP as usize)
        .enumerate()
        .try_for_each(|(n, group)| {
            sink(IndexFile {
                path: format!("g/{n}.json"),
                text: json(&group),
            })
        })?;
    let terms = postings.sorted();
    let (files, shards) = terms::dictionary_files(&terms);
    drop(terms);
    files.into_par_iter().try_for_each(sink)?;
    filter_files(graph, &numbers)
        .into_par_iter()
        .try_for_each(sink)?;
    sink(IndexFile {
        path: META.to_string(),
        text: json(&meta(graph, &numbers, shards)),
    })
}

/// JSON that cannot end a `<script>` early, should a page ever inline it.
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .expect("the search index serializes")
        .replace("</", "<\\/")
}

/// Writes article `n`'s file, adds its terms to `postings` and returns its
/// quotes' documents.
fn article_entry<E>(
    graph: &Graph,
    n: u32,
    id: ArticleId,
    postings: &mut Postings,
    sink: &(dyn Fn(IndexFile) -> Result<(), E> + Sync),
) -> Result<Vec<SearchDoc>, E> {
    let (doc, quotes) = article_docs(graph, id);
    postings.add_document(n, [doc.title.as_str()], doc.text.iter().map(String::as_str));
    sink(IndexFile {
        path: format!("d/{n}.json"),
        text: json(&doc),
    })?;
    Ok(quotes)
}

/// An article's document, and one per quote it holds (every quote, so
/// that quote numbers follow from the graph's counts).
pub fn article_docs(graph: &Graph, id: ArticleId) -> (SearchDoc, Vec<SearchDoc>) {
    let article = graph.article(id);
    let url = urls::article(&article.slug);
    let date = article.front.date.map(|d| d.to_string());
    let paragraphs: Vec<&str> = graph.articles[id.index()].text.block_texts().collect();
    let mut text = Vec::with_capacity(paragraphs.len() + 1);
    let mut anchors = Vec::with_capacity(paragraphs.len() + 1);
    if let Some(summary) = &article.front.summary {
        text.push(summary.clone());
        anchors.push(String::new());
    }
    for (i, paragraph) in paragraphs.iter().enumerate() {
        text.push(paragraph.to_string());
        anchors.push(block_id(i));
    }
    let quotes = graph.articles[id.index()]
        .text
        .quotes
        .iter()
        .map(|quote| {
            let said = paragraphs
                .get(quote.block as usize)
                .and_then(|p| p.get(quote.range.clone()))
                .unwrap_or_default();
            SearchDoc {
                url: format!("{url}#{}", block_id(quote.block as usize)),
                kind: "Quote".to_string(),
                title: graph.entity(quote.speaker).front.title.clone(),
                date: date.clone(),
                text: vec![said.to_string()],
                anchors: Vec::new(),
            }
        })
        .collect();
    let doc = SearchDoc {
        url,
        kind: "Article".to_string(),
        title: article.front.title.clone(),
        date,
        text,
        anchors,
    };
    (doc, quotes)
}

/// An entity's document (its title and aliases weigh as titles in the
/// terms `write_index` adds).
fn entity_doc(graph: &Graph, id: EntityId, summaries: &[String]) -> SearchDoc {
    let entity = graph.entity(id);
    let kind = graph.corpus.kind(entity.kind);
    let mut text = Vec::new();
    if !entity.front.aliases.is_empty() {
        text.push(entity.front.aliases.join(" · "));
    }
    text.push(summaries[id.index()].clone());
    SearchDoc {
        url: urls::entity(kind, &entity.slug),
        kind: kind.singular.clone(),
        title: entity.front.title.clone(),
        date: entity.front.date.map(|d| d.to_string()),
        text,
        anchors: Vec::new(),
    }
}

/// The file of documents within one entity, named by its site path.
#[derive(Serialize)]
struct Filter<'a> {
    title: &'a str,
    kind: &'a str,
    docs: String,
}

/// One file per entity: its own document, its articles' and its quotes'.
fn filter_files(graph: &Graph, numbers: &Numbers) -> Vec<IndexFile> {
    graph
        .corpus
        .entity_ids()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&id| {
            let entity = graph.entity(id);
            let kind = graph.corpus.kind(entity.kind);
            let links = &graph.entities[id.index()];
            let mut docs: Vec<u32> = std::iter::once(numbers.entity[id.index()])
                .chain(links.articles.iter().map(|a| numbers.article[a.index()]))
                .chain(links.quotes.iter().map(|(a, q)| numbers.quote(*a, *q)))
                .collect();
            docs.sort_unstable();
            docs.dedup();
            let path = urls::entity(kind, &entity.slug);
            IndexFile {
                path: format!("f/{}.json", path.trim_end_matches('/')),
                text: json(&Filter {
                    title: &entity.front.title,
                    kind: &kind.singular,
                    docs: encode::doc_numbers(&docs),
                }),
            }
        })
        .collect()
}

fn meta<'a>(graph: &Graph, numbers: &Numbers, shards: Vec<String>) -> Meta<'a> {
    let mut kinds = vec![KindRange {
        key: "article".to_string(),
        name: "Article".to_string(),
        from: 0,
        to: numbers.articles,
    }];
    let mut next = numbers.articles;
    for (k, ids) in graph.by_kind.iter().enumerate() {
        let kind = &graph.corpus.kinds[k];
        kinds.push(KindRange {
            key: kind.name.clone(),
            name: kind.singular.clone(),
            from: next,
            to: next + ids.len() as u32,
        });
        next += ids.len() as u32;
    }
    kinds.push(KindRange {
        key: "quote".to_string(),
        name: "Quote".to_string(),
        from: next,
        to: next + numbers.quotes,
    });
    Meta {
        version: VERSION,
        docs: next + numbers.quotes,
        articles: numbers.articles,
        group: GROUP,
        top: terms::TOP,
        inline: terms::INLINE,
        longest: terms::LONGEST_TERM,
        kinds,
        shards,
        stop: STOP_WORDS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_text(n: u32) -> String {
        format!("Tô Lâm visited province {} and Hà Nội", n % 5)
    }

    /// The postings of docs `0..n`, gathered in `parts` pieces merged in
    /// the given order, as the parallel build may do.
    fn gathered(n: u32, parts: u32, reversed: bool) -> Vec<(String, Vec<(u32, u8)>)> {
        let mut pieces: Vec<Postings> = (0..parts)
            .map(|p| {
                let mut postings = Postings::default();
                for doc in (0..n).filter(|d| d % parts == p) {
                    postings.add_document(doc, [], [doc_text(doc).as_str()]);
                }
                postings
            })
            .collect();
        if reversed {
            pieces.reverse();
        }
        pieces
            .into_iter()
            .fold(Postings::default(), Postings::merge)
            .sorted()
    }

    #[test]
    fn the_dictionary_is_the_same_however_the_work_was_split() {
        let one = gathered(300, 1, false);
        let many = gathered(300, 7, true);
        assert_eq!(one, many);
        let (files_one, shards_one) = terms::dictionary_files(&one);
        let (files_many, shards_many) = terms::dictionary_files(&many);
        assert_eq!(files_one, files_many);
        assert_eq!(shards_one, shards_many);
        let lam = &one.iter().find(|(t, _)| t == "lam").unwrap().1;
        assert_eq!(lam.len(), 300, "every document, once");
        assert!(lam.windows(2).all(|w| w[0].0 < w[1].0), "in document order");
        assert!(one.iter().all(|(t, _)| t.is_ascii()), "terms are folded");
        assert!(one.iter().any(|(t, _)| t == "noi"), "Nội is indexed as noi");
    }

    #[test]
    fn json_cannot_close_a_script() {
        let doc = SearchDoc {
            url: "articles/a/".into(),
            kind: "Article".into(),
            title: "Tô Lâm </script><script>alert(1)".into(),
            date: None,
            text: vec!["Nghị quyết 59".into()],
            anchors: vec!["p-1".into()],
        };
        let text = json(&doc);
        assert!(!text.contains("</script>"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back["t"], "Tô Lâm </script><script>alert(1)",
            "originals are kept for display"
        );
        assert_eq!(back["a"][0], "p-1");
    }
}
